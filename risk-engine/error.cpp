#include "risk-engine/error.hpp"

#include <fmt/core.h>

namespace bulwark::risk {

std::string Error::str() const {
    if (scenarioId.empty()) return message;
    return fmt::format("scenario '{}': {}", scenarioId, message);
}

Error invalidInput(std::string node, std::string what, std::string scenarioId) {
    Error e;
    e.kind = ErrorKind::InvalidInput;
    e.scenarioId = std::move(scenarioId);
    e.message = node.empty() ? std::move(what) : fmt::format("{}: {}", node, what);
    e.node = std::move(node);
    return e;
}

Error cancelledError() {
    Error e;
    e.kind = ErrorKind::Cancelled;
    e.message = "the run was cancelled";
    return e;
}

}  // namespace bulwark::risk
