#include "model/revisions.hpp"

#include <cstdlib>

namespace bulwark::model {

std::string defaultAuthor() {
    for (const char* var : {"BULWARK_AUTHOR", "USER", "LOGNAME"})
        if (const char* v = std::getenv(var); v && *v) return v;
    return "unknown";
}

Result<SavedRevision> recordRevision(Workspace& ws, const Project& p, std::string_view yamlText,
                                     const std::filesystem::path& file, std::string_view author,
                                     std::string_view message) {
    const std::string& key = p.info.id;
    if (auto r = ws.upsertProject(key, p.info.name, std::filesystem::absolute(file)); !r)
        return std::unexpected(r.error());
    auto saved = ws.saveRevision(key, yamlText, author, message);
    if (!saved) return saved;
    std::vector<ChecklistEntry> entries;
    for (const auto& a : p.checklist) entries.push_back(checklistEntry(a));
    if (auto r = ws.recordChecklistAnswers(key, saved->revision.id, entries); !r) return std::unexpected(r.error());
    if (auto r = ws.clearAutosave(key); !r) return std::unexpected(r.error());
    return saved;
}

}  // namespace bulwark::model
