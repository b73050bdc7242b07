// Checklist answers as stored in a project: one per criterion of the catalogue
// (templates/checklists/), with evidence and owner. The catalogue itself is in catalogue.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulwark::model {

enum class Answer { Unanswered, Yes, Partial, No, NotApplicable };

std::string_view answerName(Answer a);  // "unanswered", "yes", "partial", "no", "n/a"
std::optional<Answer> parseAnswer(std::string_view s);  // accepts "n/a", "na", "not-applicable"

struct ChecklistAnswer {
    std::string criterion;           // catalogue id, e.g. "RT-1"
    Answer answer = Answer::Unanswered;
    std::string evidence;            // free text: what shows it
    std::vector<std::string> links;  // documents, test logs, fuse dumps, config files
    std::string owner;
    std::string note;
    std::string updated;             // ISO date of the last change, optional
    bool operator==(const ChecklistAnswer&) const = default;
};

}  // namespace bulwark::model
