// Every edit of a project is a Command on an UndoStack: apply, revert, a label for the Edit menu, and
// merging of successive edits of the same kind (a drag is one undo step). Headless; the GUI and the
// CLI drive the same commands.
//
// **Example**:
//     UndoStack undo;
//     undo.push(project, moveComponent(project, "soc", {120, 80}));  // applies it
//     undo.undo(project);                                             // back where it was
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/project.hpp"

namespace bulwark::model {

class Command {
public:
    virtual ~Command() = default;
    virtual void apply(Project& p) = 0;
    virtual void revert(Project& p) = 0;
    virtual std::string label() const = 0;
    // Absorb `next` (already applied) into this command, so both undo as one. Return false to keep them apart.
    virtual bool mergeWith(const Command& next) {
        (void)next;
        return false;
    }
};

using CommandPtr = std::unique_ptr<Command>;

class UndoStack {
public:
    // Applies the command and records it. Merges into the previous command when that one accepts it
    // and no barrier was set since (see closeMerge()).
    void push(Project& p, CommandPtr cmd);

    bool canUndo() const { return m_next > 0; }
    bool canRedo() const { return m_next < m_commands.size(); }
    std::string undoLabel() const;  // "" when nothing to undo
    std::string redoLabel() const;
    bool undo(Project& p);
    bool redo(Project& p);

    // Ends the current merge run (e.g. on mouse release): the next push starts a new undo step.
    void closeMerge() { m_mergeOpen = false; }

    // Dirty tracking: the document is dirty when the state differs from the one last marked saved.
    void markSaved() { m_savedState = currentState(); }
    bool isDirty() const { return currentState() != m_savedState; }

    void clear();
    std::size_t size() const { return m_commands.size(); }
    std::vector<std::string> labels() const;  // oldest first, for a history view

private:
    // Identifies the document state: the id of the last applied command (0 = initial state).
    std::uint64_t currentState() const { return m_next == 0 ? 0 : m_ids[m_next - 1]; }

    std::vector<CommandPtr> m_commands;
    std::vector<std::uint64_t> m_ids;  // a unique id per command; changes when a merge alters it
    std::size_t m_next = 0;            // commands [0, m_next) are applied
    std::uint64_t m_idCounter = 0;
    std::uint64_t m_savedState = 0;
    bool m_mergeOpen = false;
};

// ---- Commands. Each factory captures what it needs from the current project. ----

// Replace a whole entity (by id) with a new value; merges with the next edit of the same entity and
// the same `mergeKey` (e.g. "move"), so a drag or typing in one field is one step.
CommandPtr editComponent(const Project& p, Component after, std::string label, std::string mergeKey = {});
CommandPtr editFlow(const Project& p, Flow after, std::string label, std::string mergeKey = {});
CommandPtr editBoundary(const Project& p, Boundary after, std::string label, std::string mergeKey = {});
CommandPtr editScenario(const Project& p, ScenarioDef after, std::string label, std::string mergeKey = {});
CommandPtr editControl(const Project& p, ControlDef after, std::string label, std::string mergeKey = {});
CommandPtr editInfo(const Project& p, ProjectInfo after, std::string label, std::string mergeKey = {});

// Convenience edits built on the ones above.
CommandPtr moveComponent(const Project& p, std::string_view id, Point to);
CommandPtr setComponentAttr(const Project& p, std::string_view id, std::string_view attr, AttrValue value);
CommandPtr setFlowAttr(const Project& p, std::string_view id, std::string_view attr, AttrValue value);

// Insert at the end (or at `index`) / remove by id.
CommandPtr addComponent(Component c);
CommandPtr addFlow(Flow f);
CommandPtr addBoundary(Boundary b);
CommandPtr addScenario(ScenarioDef s);
CommandPtr addControl(ControlDef c);
// Removing a component also removes its flows; removing a boundary re-parents what was inside it.
CommandPtr removeComponent(const Project& p, std::string_view id);
CommandPtr removeFlow(const Project& p, std::string_view id);
CommandPtr removeBoundary(const Project& p, std::string_view id);
CommandPtr removeScenario(const Project& p, std::string_view id);
CommandPtr removeControl(const Project& p, std::string_view id);

// Checklist answer and threat triage: set (insert or replace) by key.
CommandPtr setAnswer(const Project& p, ChecklistAnswer a);
CommandPtr setTriage(const Project& p, Triage t);

// Threat suppressions, addressed by their index in project.suppressions (they have no id of their own:
// one rule may be silenced on several elements). Undo puts a removed entry back where it was.
// editSuppression merges successive edits of the same entry with the same non-empty mergeKey (typing
// a reason). Out-of-range indices give a command that changes nothing.
CommandPtr addSuppression(Suppression s);
CommandPtr removeSuppression(const Project& p, std::size_t index);
CommandPtr editSuppression(const Project& p, std::size_t index, Suppression after, std::string mergeKey = {});

// Several commands as one undo step (multi-select move, delete, paste).
CommandPtr macro(std::string label, std::vector<CommandPtr> parts);

}  // namespace bulwark::model
