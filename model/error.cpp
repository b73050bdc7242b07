#include "model/error.hpp"

#include <fmt/core.h>

namespace bulwark::model {

std::string Error::str() const {
    if (loc.file.empty() && loc.line == 0) return message;
    if (loc.line == 0) return fmt::format("{}: {}", loc.file, message);
    if (loc.col == 0) return fmt::format("{}:{}: {}", loc.file, loc.line, message);
    return fmt::format("{}:{}:{}: {}", loc.file, loc.line, loc.col, message);
}

}  // namespace bulwark::model
