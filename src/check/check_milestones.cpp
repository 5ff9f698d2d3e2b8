// The milestone checks that need the whole set: dependency cycles, dates
// that contradict a dependency or the as-of date, overdue milestones. The
// schema itself is checked by the reader (milestones/milestone_set.cpp).

#include <map>
#include <utility>

#include <fmt/format.h>

#include "check/context.h"
#include "io/text.h"
#include "milestones/dependency_graph.h"

namespace residence {

namespace {

// The TOML table each milestone was read from, to point at one of its keys.
class MilestoneTables {
public:
  explicit MilestoneTables(const MilestoneSet& set) : m_set(set)
  {
    for (std::size_t file = 0; file < set.documents.size(); ++file) {
      const toml::array* array = set.documents[file].root["milestone"].as_array();
      for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
        if (const toml::table* table = array->get(i)->as_table()) {
          m_tables.emplace(std::pair {file, static_cast<int>(table->source().begin.line)}, table);
        }
      }
    }
  }

  // At the value of `key` of milestone `m` (at the n-th element when the
  // value is an array holding `element`), or at the milestone itself.
  Diagnostic at(const Milestone& m, std::string_view key, Severity severity, std::string code,
                std::string message, std::string hint = {}, std::string_view element = {}) const
  {
    const TomlDocument& doc = m_set.documents[m.source.file];
    const toml::table* table = of(m);
    const toml::node* node = table != nullptr ? table->get(key) : nullptr;
    if (node != nullptr && node->is_array() && !element.empty()) {
      for (const auto& item : *node->as_array()) {
        if (item.value<std::string_view>() == element) {
          node = &item;
          break;
        }
      }
    }
    if (node != nullptr) {
      return diagnostic_at(doc, node->source(), severity, std::move(code), std::move(message),
                           std::move(hint));
    }
    Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
    d.severity = severity;
    d.file = doc.display;
    d.line = m.source.line;
    d.column = 1;
    d.source_line = doc.line(d.line);
    return d;
  }

  // Whether the milestone has a real `due` date (a missing one reads as a
  // default the reader has already reported).
  bool has_due(const Milestone& m) const
  {
    const toml::table* table = of(m);
    return table != nullptr && table->get_as<toml::date>("due") != nullptr;
  }

private:
  const toml::table* of(const Milestone& m) const
  {
    const auto found = m_tables.find({m.source.file, m.source.line});
    return found == m_tables.end() ? nullptr : found->second;
  }

  const MilestoneSet& m_set;
  std::map<std::pair<std::size_t, int>, const toml::table*> m_tables;
};

std::string cycle_path(const MilestoneSet& set, const std::vector<std::size_t>& members)
{
  std::string path;
  for (std::size_t i : members) {
    path += set.milestones[i].id + " → ";
  }
  return path + set.milestones[members.front()].id;
}

std::string cycle_places(const MilestoneSet& set, const DependencyCycle& cycle)
{
  std::vector<std::string> places;
  for (std::size_t i : cycle.members) {
    places.push_back(
        fmt::format("{} at {}", set.milestones[i].id, set.where(set.milestones[i].source)));
  }
  std::string text = fmt::format("{}; remove one of these dependencies", fmt::join(places, ", "));
  if (!cycle.others.empty()) {
    std::vector<std::string> ids;
    for (std::size_t i : cycle.others) {
      ids.push_back(set.milestones[i].id);
    }
    text += fmt::format(" (also tangled in this loop: {})", fmt::join(ids, ", "));
  }
  return text;
}

void report_cycles(const MilestoneSet& set, const MilestoneTables& tables,
                   const std::vector<DependencyCycle>& cycles, std::vector<Diagnostic>& out)
{
  for (const auto& cycle : cycles) {
    const Milestone& first = set.milestones[cycle.members.front()];
    const Milestone& next =
        set.milestones[cycle.members.size() > 1 ? cycle.members[1] : cycle.members.front()];
    const std::string hint = cycle.members.size() == 1
                                 ? fmt::format("'{}' at {} lists itself in depends_on; remove it",
                                               first.id, set.where(first.source))
                                 : cycle_places(set, cycle);
    out.push_back(tables.at(first, "depends_on", Severity::error, "dependency-cycle",
                            fmt::format("dependency cycle: {}", cycle_path(set, cycle.members)),
                            hint, next.id));
  }
}

// The knot each milestone is tangled in (an index into `cycles`), or -1.
std::vector<int> knots_of(const MilestoneSet& set, const std::vector<DependencyCycle>& cycles)
{
  std::vector<int> knot(set.milestones.size(), -1);
  for (std::size_t k = 0; k < cycles.size(); ++k) {
    for (const auto* members : {&cycles[k].members, &cycles[k].others}) {
      for (std::size_t i : *members) {
        knot[i] = static_cast<int>(k);
      }
    }
  }
  return knot;
}

// Inside a cycle some milestone is always due before one of its
// dependencies: the cycle is the fault to report, not that.
void report_early_dues(const MilestoneSet& set, const MilestoneTables& tables,
                       const std::vector<int>& knot, std::vector<Diagnostic>& out)
{
  for (std::size_t i = 0; i < set.milestones.size(); ++i) {
    const Milestone& m = set.milestones[i];
    if (m.status == MilestoneStatus::cancelled || !tables.has_due(m)) {
      continue;
    }
    for (const auto& id : m.depends_on) {
      const auto d = set.index_of(id);
      const Milestone* dep = d ? &set.milestones[*d] : nullptr;
      if (dep == nullptr || (knot[i] >= 0 && knot[i] == knot[*d]) ||
          dep->status == MilestoneStatus::cancelled || !tables.has_due(*dep) ||
          !(m.due < dep->due)) {
        continue;
      }
      out.push_back(tables.at(
          m, "depends_on", Severity::warning, "due-before-dependency",
          fmt::format("milestone '{}' is due on {}, before its dependency '{}' (due {})", m.id,
                      m.due.iso(), dep->id, dep->due.iso()),
          fmt::format("move '{}' to {} or later, or drop the dependency", m.id, dep->due.iso()),
          id));
    }
  }
}

std::string days(long n)
{
  return fmt::format("{} {}", n, n == 1 ? "day" : "days");
}

} // namespace

void check_dependencies(const CheckContext& context, std::vector<Diagnostic>& out)
{
  if (!context.milestones) {
    return;
  }
  const MilestoneSet& set = *context.milestones;
  const MilestoneTables tables(set);
  const std::vector<DependencyCycle> cycles = find_dependency_cycles(set);
  report_cycles(set, tables, cycles, out);
  report_early_dues(set, tables, knots_of(set, cycles), out);
}

void check_milestone_dates(const CheckContext& context, std::vector<Diagnostic>& out)
{
  if (!context.milestones) {
    return;
  }
  const MilestoneTables tables(*context.milestones);
  const Date as_of = context.options.as_of;
  for (const auto& m : context.milestones->milestones) {
    if (m.done_on && as_of < *m.done_on) {
      out.push_back(tables.at(
          m, "done", Severity::error, "done-in-future",
          fmt::format("milestone '{}' has the done date {}, after {}, the date of this check", m.id,
                      m.done_on->iso(), as_of.iso()),
          "a milestone is done on a day already passed: correct the date (or pass --as-of)"));
    }
    if (m.is_open() && tables.has_due(m) && m.due < as_of) {
      out.push_back(tables.at(
          m, "due", context.options.strict ? Severity::error : Severity::warning, "overdue",
          fmt::format("milestone '{}' is {} late: due {}, not done as of {}", m.id,
                      days(days_between(m.due, as_of)), m.due.iso(), as_of.iso()),
          "once it is done, set status = \"done\" and done = its date; otherwise move it or cancel "
          "it"));
    }
  }
}

} // namespace residence
