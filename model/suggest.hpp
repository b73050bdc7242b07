// "Did you mean ...?" for misspelt keys, ids and enum values: an edit distance and a closest-match pick.
// Pure string code; no YAML, no files.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bulwark::model {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), case-insensitive for
// ASCII, so "questoin" -> "question" costs 1 and "rot" -> "RoT" costs 0.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most 1 edit for
// words of up to 4 characters, 2 up to 8, 3 beyond. Ties go to the earlier candidate. An exact
// (case-sensitive) match is not a suggestion and yields nothing.
std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string_view> candidates);
std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string> candidates);

// "; did you mean 'x'?" or "" when nothing is close; ready to append to an error message.
// **Example**: fmt::format("unknown key '{}'{}", key, didYouMean(key, allowed))
std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates);
std::string didYouMean(std::string_view word, std::span<const std::string> candidates);

}  // namespace bulwark::model
