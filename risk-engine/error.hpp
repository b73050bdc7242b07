// Errors as values for the risk engine: what went wrong, in which scenario and at which tree node.
// The engine has its own small type so it does not depend on model/ (the model converts it).
#pragma once

#include <expected>
#include <new>
#include <string>

namespace bulwark::risk {

enum class ErrorKind {
    InvalidInput,  // an estimate, tree, control, correlation or configuration is not usable
    NotPositiveSemiDefinite,  // a correlation matrix cannot be factored
    Cancelled,     // the run was cancelled through its RunControl
};

struct Error {
    ErrorKind kind = ErrorKind::InvalidInput;
    std::string scenarioId;  // empty when not about one scenario
    std::string node;        // tree node path, e.g. "tef" or "primary_loss.response"; empty if none
    std::string message;     // a full sentence that starts with the node, e.g. "tef: min 10 > mode 5: ..."

    // "scenario 'cam': tef: min 10 > mode 5: ..." (the scenario part only when known)
    std::string str() const;
};

template <typename T>
using Result = std::expected<T, Error>;

// Builds an InvalidInput error whose message is "<node>: <what>" (or just <what> without a node).
Error invalidInput(std::string node, std::string what, std::string scenarioId = {});

// The error a cancelled run returns.
Error cancelledError();

// Runs f() (which returns a Result) and turns std::bad_alloc, the one exception the engine can meet (huge trial
// counts), into an error value.
template <typename F>
auto catchOutOfMemory(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return std::unexpected(invalidInput("", "not enough memory for this run: lower the number of trials"));
    }
}

}  // namespace bulwark::risk
