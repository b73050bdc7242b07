#include "model/suggest.hpp"

#include <algorithm>
#include <vector>

namespace bulwark::model {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t maxDistanceFor(std::size_t length) {
    if (length <= 4) return 1;
    if (length <= 8) return 2;
    return 3;
}

template <typename Str>
std::optional<std::string> closestImpl(std::string_view word, std::span<const Str> candidates) {
    const std::size_t limit = maxDistanceFor(word.size());
    std::optional<std::string> best;
    std::size_t bestDistance = limit + 1;
    for (const auto& candidate : candidates) {
        const std::string_view c{candidate};
        if (c == word) return std::nullopt;  // the word is valid; nothing to suggest
        const std::size_t d = editDistance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = std::string(c);
        }
    }
    return best;
}

std::string phrase(const std::optional<std::string>& match) {
    return match ? "; did you mean '" + *match + "'?" : std::string();
}

}  // namespace

std::size_t editDistance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    // Three rolling rows: the transposition step looks two rows back.
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string_view> candidates) {
    return closestImpl(word, candidates);
}

std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string> candidates) {
    return closestImpl(word, candidates);
}

std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates) {
    return phrase(closestMatch(word, candidates));
}

std::string didYouMean(std::string_view word, std::span<const std::string> candidates) {
    return phrase(closestMatch(word, candidates));
}

}  // namespace bulwark::model
