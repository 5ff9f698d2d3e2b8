#pragma once

// What an edit command changes, decided on the loaded milestones before any
// text is touched: which keys of which milestones, from what to what. A key
// that already holds the wanted value is left out, so that running the same
// command twice changes nothing the second time. Pure: no file, no clock.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "milestones/edit.h"
#include "milestones/milestone_set.h"

namespace residence {

struct FieldEdit {
  std::string id;
  std::string key;
  std::optional<std::string> before; // as a person reads it; nothing when absent
  std::optional<std::string> after;  // nothing when the key is removed
  std::optional<KeyValue> value;     // what to write; nothing: remove the key
};

struct NewMilestone {
  std::size_t file = 0; // index in MilestoneSet::documents
  std::string id;
  std::string phase;
  std::vector<KeyValue> keys;
};

struct EditPlan {
  std::string summary; // one line, the subject of a commit: "Mark m-conv done on 2025-05-02"
  std::vector<std::string> milestones; // ids concerned, in order
  std::vector<FieldEdit> edits;
  std::optional<NewMilestone> added;
  std::vector<std::string> notes; // worth telling the user

  bool empty() const { return edits.empty() && !added; }
};

struct StatusEdit {
  MilestoneStatus status = MilestoneStatus::active;
  std::optional<Date> on; // done: the done date; active: the start date
  Date today;             // the done date when none is given or recorded
  bool force = false;     // done although dependencies are not
  std::string reason;     // required with force; recorded as forced_reason
};

// start, done, block, cancel. Throws Error (usage) for an unknown id, and for
// `done` while a dependency is not done, naming it, unless forced.
EditPlan plan_status(const MilestoneSet& set, std::string_view id, const StatusEdit& edit);

struct MoveEdit {
  std::optional<Date> to;
  std::string by;       // an offset such as +2w or -1m, when `to` is not given
  bool cascade = false; // shift the open milestones that depend on it, transitively
};

// Moves the due date (and the start date, by as many days). Throws Error
// (usage) for an unknown id or a malformed offset.
EditPlan plan_move(const MilestoneSet& set, std::string_view id, const MoveEdit& edit);

struct AddEdit {
  std::string id;
  std::string title;
  std::string phase;
  Date due;
  std::optional<Date> start;
  std::string owner;
  std::vector<std::string> depends_on;
  std::optional<MilestoneKind> kind;
  std::string note;
  std::size_t file = 0;
};

// Throws Error (usage) for a taken or invalid id, an unknown phase or
// dependency, or a start after the due date, with "did you mean".
EditPlan plan_add(const MilestoneSet& set, const AddEdit& edit);

// A new id for `title`: its slug when no milestone uses or ever used it, else
// the slug with a random suffix. Never "highest number + 1", which two
// branches would both mint.
std::string mint_id(std::string_view title, const std::function<bool(const std::string&)>& taken,
                    const std::function<std::uint32_t()>& random);

// The documents of `set` with the plan applied, each parsed again.
std::vector<TomlDocument> apply_plan(const MilestoneSet& set, const EditPlan& plan);

} // namespace residence
