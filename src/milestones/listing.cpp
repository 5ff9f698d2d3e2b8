#include "milestones/listing.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "io/text.h"
#include "milestones/edit.h"

namespace residence {

namespace {

constexpr const char* k_absent = "\u2014";

std::string paint(bool color, const char* code, const std::string& text)
{
  return color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
}

std::string lateness(const Milestone& m, Date as_of)
{
  if (!is_overdue(m, as_of)) {
    return {};
  }
  const long days = days_between(m.due, as_of);
  return fmt::format("{} day{} late", days, days == 1 ? "" : "s");
}

toml::date toml_of(Date d)
{
  return toml::date {d.year(), d.month(), d.day()};
}

std::string forced_reason_of(const MilestoneSet& set, const Milestone& m)
{
  const toml::table* table = milestone_table(set.documents[m.source.file], m.id);
  const auto reason =
      table != nullptr ? (*table)["forced_reason"].value<std::string>() : std::nullopt;
  return reason.value_or("");
}

toml::table milestone_json(const MilestoneSet& set, const Milestone& m, Date as_of)
{
  toml::array depends;
  for (const auto& id : m.depends_on) {
    depends.push_back(id);
  }
  toml::table t {{"id", m.id},
                 {"title", m.title},
                 {"phase", m.phase},
                 {"kind", std::string(kind_name(m.kind))},
                 {"due", toml_of(m.due)},
                 {"status", std::string(status_name(m.status))},
                 {"owner", m.owner},
                 {"depends_on", std::move(depends)},
                 {"overdue", is_overdue(m, as_of)},
                 {"file", set.documents[m.source.file].display},
                 {"line", m.source.line}};
  if (m.start) {
    t.insert("start", toml_of(*m.start));
  }
  if (m.done_on) {
    t.insert("done", toml_of(*m.done_on));
  }
  if (!m.note.empty()) {
    t.insert("note", m.note);
  }
  if (auto reason = forced_reason_of(set, m); !reason.empty()) {
    t.insert("forced_reason", reason);
  }
  return t;
}

std::string related_lines(const std::vector<const Milestone*>& list)
{
  std::size_t width = 2;
  for (const Milestone* m : list) {
    width = std::max(width, display_width(m->id));
  }
  std::string out;
  for (const Milestone* m : list) {
    out += fmt::format("  {}  {}  {}  {}\n", pad_right(m->id, width),
                       pad_right(status_name(m->status), 9), m->due.iso(), m->title);
  }
  return out;
}

std::string field_line(std::string_view name, const std::string& value)
{
  return fmt::format("  {}  {}\n", pad_right(name, 13), value.empty() ? k_absent : value);
}

} // namespace

bool is_overdue(const Milestone& m, Date as_of)
{
  return m.is_open() && m.due < as_of;
}

std::vector<const Milestone*> select_milestones(const MilestoneSet& set, const ListFilter& filter)
{
  std::vector<const Milestone*> out;
  for (const auto& m : set.milestones) {
    const bool keep = (!filter.phase || m.phase == *filter.phase) &&
                      (!filter.owner || m.owner == *filter.owner) &&
                      (!filter.status || m.status == *filter.status) &&
                      (!filter.overdue || is_overdue(m, filter.as_of));
    if (keep) {
      out.push_back(&m);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Milestone* a, const Milestone* b) { return a->due < b->due; });
  return out;
}

std::string render_list_table(const std::vector<const Milestone*>& milestones, Date as_of,
                              bool color)
{
  if (milestones.empty()) {
    return "No milestone matches.\n";
  }
  std::size_t id_width = 2;
  std::size_t owner_width = 5;
  for (const Milestone* m : milestones) {
    id_width = std::max(id_width, display_width(m->id));
    owner_width = std::max(owner_width, display_width(m->owner));
  }
  std::string out =
      fmt::format("{}  {}  {}  {}  {}\n", pad_right("id", id_width), pad_right("due", 10),
                  pad_right("status", 9), pad_right("owner", owner_width), "title");
  for (const Milestone* m : milestones) {
    const std::string late = lateness(*m, as_of);
    out += fmt::format("{}  {}  {}  {}  {}{}\n", pad_right(m->id, id_width), m->due.iso(),
                       pad_right(status_name(m->status), 9), pad_right(m->owner, owner_width),
                       m->title,
                       late.empty() ? std::string {} : paint(color, "31", " (" + late + ")"));
  }
  return out;
}

std::string render_list_json(const MilestoneSet& set,
                             const std::vector<const Milestone*>& milestones, Date as_of)
{
  toml::array array;
  for (const Milestone* m : milestones) {
    array.push_back(milestone_json(set, *m, as_of));
  }
  std::ostringstream out;
  out << toml::json_formatter {array} << "\n";
  return out.str();
}

std::vector<const Milestone*> dependencies_of(const MilestoneSet& set, const Milestone& m)
{
  std::vector<const Milestone*> out;
  for (const auto& id : m.depends_on) {
    if (const Milestone* dep = set.find(id)) {
      out.push_back(dep);
    }
  }
  return out;
}

std::vector<const Milestone*> dependants_of(const MilestoneSet& set, const Milestone& m)
{
  std::vector<const Milestone*> out;
  for (const auto& other : set.milestones) {
    if (std::find(other.depends_on.begin(), other.depends_on.end(), m.id) !=
        other.depends_on.end()) {
      out.push_back(&other);
    }
  }
  return out;
}

std::string render_show_text(const MilestoneSet& set, const Milestone& m, Date as_of, bool color)
{
  std::string out = fmt::format("{}  {}\n", paint(color, "1", m.id), m.title);
  const Phase* phase = set.find_phase(m.phase);
  out += field_line("phase", phase != nullptr && phase->title != phase->id
                                 ? fmt::format("{} ({})", m.phase, phase->title)
                                 : m.phase);
  out += field_line("kind", std::string(kind_name(m.kind)));
  out += field_line("status", std::string(status_name(m.status)));
  out += field_line("start", m.start ? m.start->iso() : "");
  const std::string late = lateness(m, as_of);
  out += field_line("due", late.empty()
                               ? m.due.iso()
                               : fmt::format("{} ({})", m.due.iso(), paint(color, "31", late)));
  out += field_line("done", m.done_on ? m.done_on->iso() : "");
  out += field_line("owner", m.owner);
  if (!m.note.empty()) {
    out += field_line("note", m.note);
  }
  if (auto reason = forced_reason_of(set, m); !reason.empty()) {
    out += field_line("forced reason", reason);
  }
  out += field_line("file", set.where(m.source));

  const auto dependencies = dependencies_of(set, m);
  const auto dependants = dependants_of(set, m);
  out += fmt::format("\nDepends on ({})\n{}", dependencies.size(), related_lines(dependencies));
  out += fmt::format("\nNeeded by ({})\n{}", dependants.size(), related_lines(dependants));
  return out;
}

std::string render_show_json(const MilestoneSet& set, const Milestone& m, Date as_of)
{
  toml::table t = milestone_json(set, m, as_of);
  toml::array dependants;
  for (const Milestone* d : dependants_of(set, m)) {
    dependants.push_back(d->id);
  }
  t.insert("dependants", std::move(dependants));
  std::ostringstream out;
  out << toml::json_formatter {t} << "\n";
  return out.str();
}

} // namespace residence
