#include "model/checklist.hpp"

namespace bulwark::model {

std::string_view answerName(Answer a) {
    switch (a) {
        case Answer::Unanswered: return "unanswered";
        case Answer::Yes: return "yes";
        case Answer::Partial: return "partial";
        case Answer::No: return "no";
        case Answer::NotApplicable: return "n/a";
    }
    return "unanswered";
}

std::optional<Answer> parseAnswer(std::string_view s) {
    if (s == "yes") return Answer::Yes;
    if (s == "partial") return Answer::Partial;
    if (s == "no") return Answer::No;
    if (s == "n/a" || s == "na" || s == "not-applicable") return Answer::NotApplicable;
    if (s == "unanswered") return Answer::Unanswered;
    return std::nullopt;
}

}  // namespace bulwark::model
