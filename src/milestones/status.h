#pragma once

// What `residence status` derives from the milestones on an as-of date.
// Nothing here is stored: overdue, due soon and progress are recomputed.

#include <optional>
#include <string>
#include <vector>

#include "milestones/milestone_set.h"

namespace residence {

struct StatusOptions {
  Date as_of;
  int window_days = 14;
  std::optional<std::string> phase; // only this phase
  std::optional<std::string> owner; // only this owner
  int next_count = 5;
};

struct Progress {
  int done = 0;
  int total = 0; // not cancelled
  // Rounded half up: 1 of 6 is 17 %.
  int percent() const { return total == 0 ? 0 : (done * 200 + total) / (2 * total); }
};

struct PhaseProgress {
  std::string id;
  std::string title;
  Progress progress;
};

struct MilestoneView {
  const Milestone* milestone = nullptr;
  long days_from_today = 0; // due minus as-of: negative when late
  std::vector<std::string> waiting_on; // dependencies not done yet
};

struct StatusReport {
  Date as_of;
  int window_days = 14;
  Progress overall;
  std::vector<PhaseProgress> phases;
  std::vector<MilestoneView> overdue;   // most late first
  std::vector<MilestoneView> due_today;
  std::vector<MilestoneView> due_soon;  // within the window, soonest first
  std::vector<MilestoneView> blocked;   // status blocked, or late or close while a dependency is open
  std::vector<MilestoneView> next;      // the next open milestones after the window
};

StatusReport compute_status(const MilestoneSet& set, const StatusOptions& options);

} // namespace residence
