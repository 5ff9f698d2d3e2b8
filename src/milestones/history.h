#pragma once

// The milestones of a workspace as git recorded them. Each commit's milestone
// files (found through the manifest of that same commit) are parsed and
// compared field by field with its parent's, so hand edits committed with
// plain git tell their story as well as `residence milestone --commit` does.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "git/git.h"
#include "milestones/milestone_set.h"
#include "workspace/workspace.h"

namespace residence {

// One milestone as a list of (field, text); sub-tables flatten to "a.b".
struct MilestoneRecord {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
};

using MilestoneSnapshot = std::vector<MilestoneRecord>;

// Every [[milestone]] with an id, in file order. Absent `status` and `kind`
// read as their defaults and an empty `depends_on` as none, so that writing a
// default out is not reported as a change.
MilestoneSnapshot snapshot_of(const std::vector<TomlDocument>& documents);

enum class ChangeKind { added, removed, changed };

struct FieldChange {
  ChangeKind kind = ChangeKind::changed;
  std::string milestone;
  std::string field; // empty when a whole milestone was added or removed
  std::optional<std::string> before;
  std::optional<std::string> after;
};

// What changed from `before` to `after`, in the order of `after`, then the
// milestones removed.
std::vector<FieldChange> compare_snapshots(const MilestoneSnapshot& before,
                                           const MilestoneSnapshot& after);

struct HistoryEntry {
  std::string commit; // full id
  std::string subject;
  std::string author;
  std::string email;
  std::int64_t time = 0; // seconds since the epoch
  int offset_minutes = 0;
  Date date; // in the author's own time zone
  FieldChange change;
};

struct HistoryQuery {
  std::optional<std::string> milestone;
  std::optional<Date> since;
};

struct History {
  std::vector<HistoryEntry> entries; // newest commit first
  std::set<std::string> ids;         // every id the history has seen
  std::size_t commits = 0;           // commits read
  // In a shallow clone, the commits where the history held here begins
  // (short ids); what they changed, and what came before, is unknown.
  std::vector<std::string> shallow_from;
};

// Changes reachable from HEAD for the workspace at `prefix` (its folder
// relative to the work tree, "" at the top). A merge reports only what it
// resolved differently from all of its parents. Each commit is compared with
// the last one whose milestones could be read: a commit without a manifest,
// with one that does not parse, or naming a file it does not hold, tells
// nothing. In a shallow clone the commits held are read, and the first of
// them tells nothing.
History read_history(git_repository* repo, const std::string& prefix, const HistoryQuery& query);

struct MilestoneTexts {
  std::vector<std::string> texts;
  std::vector<std::string> shallow_from; // as in History: the rest was not seen
};

// The text of every version of the milestone files the history holds, to
// tell whether an id was ever used.
MilestoneTexts milestone_texts_in_history(git_repository* repo, const std::string& prefix);

struct Revision {
  std::string commit;
  std::string subject;
  Date date; // author date, in the author's time zone
  Manifest manifest;
  MilestoneSet set;
};

// The workspace at `prefix` as committed at `revision`, read from git objects
// alone. Throws Error when the revision is unknown or holds no manifest.
Revision load_revision(git_repository* repo, const std::string& prefix, const std::string& revision,
                       std::vector<Diagnostic>& problems);

} // namespace residence
