#pragma once

// `residence milestone list` and `show`: selecting and printing milestones.

#include <optional>
#include <string>
#include <vector>

#include "milestones/milestone_set.h"

namespace residence {

struct ListFilter {
  Date as_of;
  std::optional<std::string> phase;
  std::optional<std::string> owner;
  std::optional<MilestoneStatus> status;
  bool overdue = false; // only those due before as-of and still open
};

bool is_overdue(const Milestone& m, Date as_of);

// The milestones that pass the filter, by due date (file order among equals).
std::vector<const Milestone*> select_milestones(const MilestoneSet& set, const ListFilter& filter);

std::string render_list_table(const std::vector<const Milestone*>& milestones, Date as_of,
                              bool color);
std::string render_list_json(const MilestoneSet& set,
                             const std::vector<const Milestone*>& milestones, Date as_of);

// The milestones `m` depends on, and those that depend on it.
std::vector<const Milestone*> dependencies_of(const MilestoneSet& set, const Milestone& m);
std::vector<const Milestone*> dependants_of(const MilestoneSet& set, const Milestone& m);

std::string render_show_text(const MilestoneSet& set, const Milestone& m, Date as_of, bool color);
std::string render_show_json(const MilestoneSet& set, const Milestone& m, Date as_of);

} // namespace residence
