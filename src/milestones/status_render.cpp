#include "milestones/status_render.h"

#include "io/text.h"

#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace residence {

namespace {

struct Style {
  bool color = false;
  std::string paint(std::string_view code, std::string_view text) const
  {
    return color ? fmt::format("\033[{}m{}\033[0m", code, text) : std::string(text);
  }
};

std::string plural(long n, std::string_view one, std::string_view many)
{
  return fmt::format("{} {}", n, n == 1 || n == -1 ? one : many);
}

std::string relative_day(long days)
{
  if (days < 0) {
    return plural(-days, "day late", "days late");
  }
  if (days == 0) {
    return "due today";
  }
  if (days == 1) {
    return "tomorrow";
  }
  return fmt::format("in {}", plural(days, "day", "days"));
}

std::string bar(const Progress& p, int width)
{
  const int filled = p.total == 0 ? 0 : (p.done * width) / p.total;
  return std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
}

std::size_t id_width(const StatusReport& report)
{
  std::size_t width = 2;
  for (const auto* list : {&report.overdue, &report.due_today, &report.due_soon, &report.blocked, &report.next}) {
    for (const auto& v : *list) {
      width = std::max(width, v.milestone->id.size());
    }
  }
  return width;
}

std::string waiting_text(const std::vector<std::string>& waiting)
{
  return waiting.empty() ? std::string{} : fmt::format(" (waiting on {})", fmt::join(waiting, ", "));
}

void table_section(std::string& out, std::string_view heading, const std::vector<MilestoneView>& views,
                   std::size_t width, const Style& style, std::string_view color_code, bool show_waiting)
{
  out += fmt::format("\n{} ({})\n", style.paint("1", heading), views.size());
  for (const auto& v : views) {
    const Milestone& m = *v.milestone;
    const std::string when = style.paint(color_code, fmt::format("{:<13}", relative_day(v.days_from_today)));
    const std::string owner = m.owner.empty() ? std::string{} : fmt::format(" [{}]", printable(m.owner));
    const std::string extra =
        show_waiting ? (m.status == MilestoneStatus::blocked && v.waiting_on.empty() ? " (status blocked)"
                                                                                      : waiting_text(v.waiting_on))
                     : std::string{};
    out += fmt::format("  {:<{}}  {}  {}  {}{}{}\n", m.id, width, m.due.iso(), when, printable(m.title), owner, extra);
  }
}

toml::array views_json(const std::vector<MilestoneView>& views)
{
  toml::array array;
  for (const auto& v : views) {
    const Milestone& m = *v.milestone;
    toml::array waiting;
    for (const auto& id : v.waiting_on) {
      waiting.push_back(id);
    }
    array.push_back(toml::table{
        {"id", m.id},
        {"title", m.title},
        {"phase", m.phase},
        {"due", toml::date{m.due.year(), m.due.month(), m.due.day()}},
        {"status", std::string(status_name(m.status))},
        {"kind", std::string(kind_name(m.kind))},
        {"owner", m.owner},
        {"days_from_today", static_cast<std::int64_t>(v.days_from_today)},
        {"waiting_on", std::move(waiting)},
    });
  }
  return array;
}

toml::table progress_json(const Progress& p)
{
  return toml::table{{"done", p.done}, {"total", p.total}, {"percent", p.percent()}};
}

std::string markdown_escape(std::string_view raw)
{
  const std::string text = printable(raw);
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c;
    }
  }
  return out;
}

void markdown_section(std::string& out, std::string_view heading, const std::vector<MilestoneView>& views)
{
  out += fmt::format("\n## {} ({})\n\n", heading, views.size());
  if (views.empty()) {
    out += "None.\n";
    return;
  }
  out += "| id | due | when | milestone | owner | waiting on |\n|---|---|---|---|---|---|\n";
  for (const auto& v : views) {
    const Milestone& m = *v.milestone;
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", m.id, m.due.iso(), relative_day(v.days_from_today),
                       markdown_escape(m.title), markdown_escape(m.owner), fmt::join(v.waiting_on, ", "));
  }
}

} // namespace

std::string residency_moment(const Manifest& manifest, Date as_of)
{
  const Date end = manifest.end();
  if (as_of < manifest.start) {
    const int months = months_between(as_of, manifest.start);
    if (months >= 1) {
      return fmt::format("starts in {}", plural(months, "month", "months"));
    }
    return fmt::format("starts in {}", plural(days_between(as_of, manifest.start), "day", "days"));
  }
  if (as_of > end) {
    return fmt::format("ended on {}", end.iso());
  }
  return fmt::format("month {} of {}", months_between(manifest.start, as_of) + 1, manifest.duration_months);
}

std::string render_status_table(const Manifest& manifest, const StatusReport& report, bool color)
{
  const Style style{color};
  std::string out = style.paint("1", printable(manifest.name)) + "\n";
  out += fmt::format("As of {} · {} · residency {} to {}\n", report.as_of.iso(),
                     residency_moment(manifest, report.as_of), manifest.start.iso(), manifest.end().iso());

  out += fmt::format("\n{}\n", style.paint("1", "Progress"));
  for (const auto& row : report.phases) {
    out += fmt::format("  {:>3}%  {}  {:>3}/{:<3}  {}\n", row.progress.percent(), style.paint("32", bar(row.progress, 10)),
                       row.progress.done, row.progress.total, printable(row.title));
  }
  out += fmt::format("  {:>3}%  {}  {:>3}/{:<3}  {}\n", report.overall.percent(),
                     style.paint("32", bar(report.overall, 10)), report.overall.done, report.overall.total,
                     style.paint("1", "Overall"));

  const std::size_t width = id_width(report);
  table_section(out, "Overdue", report.overdue, width, style, "31", false);
  table_section(out, "Due today", report.due_today, width, style, "33", false);
  table_section(out, fmt::format("Due soon, within {} days", report.window_days), report.due_soon, width, style,
                "33", false);
  table_section(out, "Blocked", report.blocked, width, style, "35", true);
  table_section(out, "Next", report.next, width, style, "0", false);
  return out;
}

std::string render_status_json(const Manifest& manifest, const StatusReport& report)
{
  toml::array phases;
  for (const auto& row : report.phases) {
    toml::table entry = progress_json(row.progress);
    entry.insert("id", row.id);
    entry.insert("title", row.title);
    phases.push_back(std::move(entry));
  }
  const auto as_date = [](Date d) { return toml::date{d.year(), d.month(), d.day()}; };
  toml::table root{
      {"as_of", as_date(report.as_of)},
      {"window_days", report.window_days},
      {"residence",
       toml::table{{"name", manifest.name},
                   {"territory", manifest.territory},
                   {"start", as_date(manifest.start)},
                   {"end", as_date(manifest.end())},
                   {"duration_months", manifest.duration_months},
                   {"moment", residency_moment(manifest, report.as_of)}}},
      {"progress", progress_json(report.overall)},
      {"phases", std::move(phases)},
      {"overdue", views_json(report.overdue)},
      {"due_today", views_json(report.due_today)},
      {"due_soon", views_json(report.due_soon)},
      {"blocked", views_json(report.blocked)},
      {"next", views_json(report.next)},
  };
  std::ostringstream out;
  out << toml::json_formatter{root} << "\n";
  return out.str();
}

std::string render_status_markdown(const Manifest& manifest, const StatusReport& report)
{
  std::string out = fmt::format("# {}\n\nAs of {}: {}; residency {} to {}.\n\n## Progress\n\n", markdown_escape(manifest.name),
                                report.as_of.iso(), residency_moment(manifest, report.as_of), manifest.start.iso(),
                                manifest.end().iso());
  out += "| phase | done | total | progress |\n|---|---:|---:|---:|\n";
  for (const auto& row : report.phases) {
    out += fmt::format("| {} | {} | {} | {}% |\n", markdown_escape(row.title), row.progress.done, row.progress.total,
                       row.progress.percent());
  }
  out += fmt::format("| **Overall** | {} | {} | {}% |\n", report.overall.done, report.overall.total,
                     report.overall.percent());
  markdown_section(out, "Overdue", report.overdue);
  markdown_section(out, "Due today", report.due_today);
  markdown_section(out, fmt::format("Due soon, within {} days", report.window_days), report.due_soon);
  markdown_section(out, "Blocked", report.blocked);
  markdown_section(out, "Next", report.next);
  return out;
}

} // namespace residence
