#include "milestones/history_render.h"

#include <algorithm>
#include <vector>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "io/text.h"

namespace residence {

namespace {

constexpr std::size_t k_value_width = 40;
constexpr const char* k_absent = "\u2014"; // an em dash for "no value"

const char* kind_text(ChangeKind kind)
{
  switch (kind) {
  case ChangeKind::added:
    return "added";
  case ChangeKind::removed:
    return "removed";
  case ChangeKind::changed:
    break;
  }
  return "changed";
}

std::string shown(const std::optional<std::string>& value)
{
  if (!value) {
    return k_absent;
  }
  // One line per change, whatever the value holds.
  std::string flat = *value;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  return truncate_display(flat, k_value_width);
}

std::string what_changed(const FieldChange& c, bool color)
{
  const auto paint = [&](const char* code, const std::string& text) {
    return color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  };
  switch (c.kind) {
  case ChangeKind::added:
    return paint("32", shown(c.after));
  case ChangeKind::removed:
    return paint("31", shown(c.before));
  case ChangeKind::changed:
    break;
  }
  return fmt::format("{} \u2192 {}", paint("31", shown(c.before)), paint("32", shown(c.after)));
}

std::string field_column(const FieldChange& c)
{
  return c.kind == ChangeKind::changed ? c.field : std::string(kind_text(c.kind));
}

struct Row {
  std::string date;
  std::string commit;
  std::string author;
  std::string milestone;
  std::string field;
  std::string change;
};

// How many milestones one commit may add before the table shows them as one
// row: creating a workspace adds dozens, which would bury the story.
constexpr std::size_t k_collapse_added = 5;

std::size_t added_run(const std::vector<HistoryEntry>& entries, std::size_t from)
{
  std::size_t end = from;
  while (end < entries.size() && entries[end].commit == entries[from].commit &&
         entries[end].change.kind == ChangeKind::added) {
    ++end;
  }
  return end - from;
}

Row collapsed_row(const std::vector<HistoryEntry>& entries, std::size_t from, std::size_t count)
{
  std::vector<std::string> ids;
  for (std::size_t i = from; i < from + 3; ++i) {
    ids.push_back(entries[i].change.milestone);
  }
  const HistoryEntry& e = entries[from];
  return {e.date.iso(), e.commit.substr(0, 7), e.author, fmt::format("{} milestones", count), "added",
          fmt::format("{}, \u2026", fmt::join(ids, ", "))};
}

std::vector<Row> table_rows(const History& history, bool color)
{
  std::vector<Row> rows;
  const auto& entries = history.entries;
  for (std::size_t i = 0; i < entries.size();) {
    const std::size_t run = added_run(entries, i);
    if (run > k_collapse_added) {
      rows.push_back(collapsed_row(entries, i, run));
      i += run;
      continue;
    }
    const HistoryEntry& e = entries[i];
    rows.push_back({e.date.iso(), e.commit.substr(0, 7), e.author, e.change.milestone,
                    field_column(e.change), what_changed(e.change, color)});
    ++i;
  }
  return rows;
}

} // namespace

std::string iso_timestamp(std::int64_t time, int offset_minutes)
{
  const std::int64_t local = time + static_cast<std::int64_t>(offset_minutes) * 60;
  const std::int64_t seconds = ((local % 86400) + 86400) % 86400;
  const Date date = Date::from_serial(static_cast<long>((local - seconds) / 86400));
  const int offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", date.iso(), seconds / 3600,
                     seconds / 60 % 60, seconds % 60, offset_minutes < 0 ? '-' : '+', offset / 60,
                     offset % 60);
}

std::string render_history_table(const History& history, bool color)
{
  if (history.entries.empty()) {
    return fmt::format("No milestone changes in {} commit{}.\n", history.commits,
                       history.commits == 1 ? "" : "s");
  }
  const std::vector<Row> rows = table_rows(history, color);
  std::size_t author_width = 6;
  std::size_t id_width = 9;
  std::size_t field_width = 5;
  for (const auto& r : rows) {
    author_width = std::max(author_width, display_width(r.author));
    id_width = std::max(id_width, display_width(r.milestone));
    field_width = std::max(field_width, display_width(r.field));
  }
  const auto line = [&](const Row& r) {
    return fmt::format("{}  {}  {}  {}  {}  {}\n", pad_right(r.date, 10), pad_right(r.commit, 7),
                       pad_right(r.author, author_width), pad_right(r.milestone, id_width),
                       pad_right(r.field, field_width), r.change);
  };
  std::string out = line({"date", "commit", "author", "milestone", "field", "change"});
  for (const auto& r : rows) {
    out += line(r);
  }
  return out;
}

std::string render_history_json(const History& history)
{
  toml::array changes;
  for (const auto& e : history.entries) {
    toml::table entry {
        {"commit", e.commit},
        {"date", toml::date {e.date.year(), e.date.month(), e.date.day()}},
        {"time", iso_timestamp(e.time, e.offset_minutes)},
        {"author", e.author},
        {"email", e.email},
        {"subject", e.subject},
        {"milestone", e.change.milestone},
        {"change", kind_text(e.change.kind)},
    };
    if (!e.change.field.empty()) {
      entry.insert("field", e.change.field);
    }
    if (e.change.before) {
      entry.insert("old", *e.change.before);
    }
    if (e.change.after) {
      entry.insert("new", *e.change.after);
    }
    changes.push_back(std::move(entry));
  }
  std::ostringstream out;
  out << toml::json_formatter {changes} << "\n";
  return out.str();
}

} // namespace residence
