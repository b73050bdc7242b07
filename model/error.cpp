#include "model/error.hpp"

#include <fmt/core.h>

namespace bulwark::model {

std::string SourceLoc::str() const {
    if (file.empty() && line == 0) return {};
    if (line == 0) return file;
    if (col == 0) return fmt::format("{}:{}", file, line);
    return fmt::format("{}:{}:{}", file, line, col);
}

std::string Error::str() const {
    std::string where = loc.str();
    return where.empty() ? message : fmt::format("{}: {}", where, message);
}

}  // namespace bulwark::model
