#include "milestones/history_render.h"

#include <algorithm>
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
  std::size_t author_width = 6;
  std::size_t id_width = 9;
  std::size_t field_width = 5;
  for (const auto& e : history.entries) {
    author_width = std::max(author_width, display_width(e.author));
    id_width = std::max(id_width, display_width(e.change.milestone));
    field_width = std::max(field_width, display_width(field_column(e.change)));
  }
  const auto row = [&](std::string_view date, std::string_view commit, std::string_view author,
                       std::string_view id, std::string_view field, std::string_view change) {
    return fmt::format("{}  {}  {}  {}  {}  {}\n", pad_right(date, 10), pad_right(commit, 7),
                       pad_right(author, author_width), pad_right(id, id_width),
                       pad_right(field, field_width), change);
  };
  std::string out = row("date", "commit", "author", "milestone", "field", "change");
  for (const auto& e : history.entries) {
    out += row(e.date.iso(), e.commit.substr(0, 7), e.author, e.change.milestone,
               field_column(e.change), what_changed(e.change, color));
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
