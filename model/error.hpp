// Errors as values: a message and where it happened (file:line:col), for every fallible call in the core.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace bulwark::model {

struct SourceLoc {
    std::string file;  // path as the user gave it; empty when not from a file
    int line = 0;      // 1-based; 0 = unknown
    int col = 0;       // 1-based; 0 = unknown

    // "file:line:col" with unknown parts left out; "" when nothing is known.
    std::string str() const;
};

struct Error {
    std::string message;
    SourceLoc loc;

    // "file:line:col: message" (parts that are unknown are left out)
    std::string str() const;
};

using Errors = std::vector<Error>;

template <typename T>
using Result = std::expected<T, Error>;

// For loaders that report every problem in a file, not just the first.
template <typename T>
using Results = std::expected<T, Errors>;

inline Error makeError(std::string message, SourceLoc loc = {}) { return Error{std::move(message), std::move(loc)}; }

}  // namespace bulwark::model
