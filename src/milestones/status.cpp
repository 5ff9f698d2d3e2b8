#include "milestones/status.h"

#include <algorithm>

namespace residence {

namespace {

bool selected(const Milestone& m, const StatusOptions& options)
{
  return (!options.phase || m.phase == *options.phase) && (!options.owner || m.owner == *options.owner);
}

// A cancelled prerequisite no longer holds anything back.
std::vector<std::string> open_dependencies(const MilestoneSet& set, const Milestone& m)
{
  std::vector<std::string> waiting;
  for (const auto& id : m.depends_on) {
    const Milestone* dep = set.find(id);
    if (dep != nullptr && dep->is_open()) {
      waiting.push_back(id);
    }
  }
  return waiting;
}

void count(Progress& progress, const Milestone& m)
{
  if (m.status == MilestoneStatus::cancelled) {
    return;
  }
  ++progress.total;
  if (m.status == MilestoneStatus::done) {
    ++progress.done;
  }
}

// Phases in the order the file lists them, then any phase named only by a
// milestone, so that nothing is lost from the totals.
std::vector<PhaseProgress> phase_rows(const MilestoneSet& set, const StatusOptions& options)
{
  std::vector<PhaseProgress> rows;
  for (const auto& p : set.phases) {
    if (!options.phase || p.id == *options.phase) {
      rows.push_back({p.id, p.title, {}});
    }
  }
  for (const auto& m : set.milestones) {
    if (!selected(m, options)) {
      continue;
    }
    auto row = std::find_if(rows.begin(), rows.end(), [&](const PhaseProgress& r) { return r.id == m.phase; });
    if (row == rows.end()) {
      rows.push_back({m.phase, m.phase, {}});
      row = rows.end() - 1;
    }
    count(row->progress, m);
  }
  return rows;
}

void sort_by_due(std::vector<MilestoneView>& views)
{
  std::stable_sort(views.begin(), views.end(), [](const MilestoneView& a, const MilestoneView& b) {
    return a.milestone->due < b.milestone->due;
  });
}

} // namespace

StatusReport compute_status(const MilestoneSet& set, const StatusOptions& options)
{
  StatusReport report;
  report.as_of = options.as_of;
  report.window_days = options.window_days;
  report.phases = phase_rows(set, options);

  std::vector<MilestoneView> later;
  for (const auto& m : set.milestones) {
    if (!selected(m, options)) {
      continue;
    }
    count(report.overall, m);
    if (!m.is_open()) {
      continue;
    }

    MilestoneView view{&m, days_between(options.as_of, m.due), open_dependencies(set, m)};
    const bool late = view.days_from_today < 0;
    const bool close = view.days_from_today >= 0 && view.days_from_today <= options.window_days;
    if (m.status == MilestoneStatus::blocked || ((late || close) && !view.waiting_on.empty())) {
      report.blocked.push_back(view);
    }
    if (late) {
      report.overdue.push_back(view);
    } else if (view.days_from_today == 0) {
      report.due_today.push_back(view);
    } else if (close) {
      report.due_soon.push_back(view);
    } else {
      later.push_back(view);
    }
  }

  sort_by_due(report.overdue);
  sort_by_due(report.due_soon);
  sort_by_due(report.blocked);
  sort_by_due(later);
  if (later.size() > static_cast<std::size_t>(options.next_count)) {
    later.resize(static_cast<std::size_t>(options.next_count));
  }
  report.next = std::move(later);
  return report;
}

} // namespace residence
