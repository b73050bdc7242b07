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
    int line = 0;                    // where it was read from (0 = not from a file); not part of its content
    int col = 0;
    bool operator==(const ChecklistAnswer& o) const {
        return criterion == o.criterion && answer == o.answer && evidence == o.evidence && links == o.links &&
               owner == o.owner && note == o.note && updated == o.updated;
    }
};

}  // namespace bulwark::model
