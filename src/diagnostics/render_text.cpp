#include "diagnostics/render_text.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "io/text.h"

namespace residence {

namespace {

const char* severity_color(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "\033[1;31m";
  case Severity::warning:
    return "\033[1;33m";
  case Severity::note:
    return "\033[1;36m";
  }
  return "";
}

std::string location(const Diagnostic& d)
{
  if (d.file.empty()) {
    return {};
  }
  if (d.line == 0) {
    return d.file + ": ";
  }
  if (d.column == 0) {
    return fmt::format("{}:{}: ", d.file, d.line);
  }
  return fmt::format("{}:{}:{}: ", d.file, d.line, d.column);
}

// Keeps tabs so that the caret lines up under them in a terminal.
std::string caret_padding(const std::string& line, int column)
{
  std::string pad;
  int seen = 1;
  for (std::size_t i = 0; i < line.size() && seen < column; ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) {
      continue; // continuation byte of a code point already counted
    }
    pad += line[i] == '\t' ? '\t' : ' ';
    ++seen;
  }
  return pad;
}

struct Excerpt {
  std::string text;
  int column;
};

// A paragraph of Markdown is one long line: show about a terminal's width of
// it around the column, marking what was cut with an ellipsis.
Excerpt excerpt(const std::string& line, int column)
{
  constexpr int k_width = 100;
  const int length = static_cast<int>(display_width(line));
  if (length <= k_width) {
    return {line, column};
  }
  const int first = std::clamp(column - 1 - k_width / 3, 0, length - k_width);
  const int last = first + k_width;
  const std::size_t begin = byte_offset(line, 1, first + 1);
  std::string text = first > 0 ? "…" : "";
  text += line.substr(begin, byte_offset(line, 1, last + 1) - begin);
  text += last < length ? "…" : "";
  return {text, column - first + (first > 0 ? 1 : 0)};
}

} // namespace

std::string render_text(const Diagnostic& raw, bool color)
{
  Diagnostic d = raw;
  // Text read from the user's files reaches the terminal, and CI logs where a
  // line starting with "::" is a command.
  d.file = printable(raw.file);
  d.message = printable(raw.message);
  d.hint = printable(raw.hint);
  d.source_line = printable(raw.source_line, Tabs::keep);
  const char* on = color ? severity_color(d.severity) : "";
  const char* off = color ? "\033[0m" : "";
  std::string out = fmt::format("residence: {}{}:{} {}{}\n", on, severity_name(d.severity), off,
                                location(d), d.message);
  if (!d.source_line.empty() && d.line > 0) {
    const Excerpt shown = excerpt(d.source_line, std::max(d.column, 1));
    out += fmt::format("{:>5} | {}\n", d.line, shown.text);
    if (d.column > 0) {
      out += fmt::format("{:>5} | {}{}^{}\n", "", caret_padding(shown.text, shown.column), on, off);
    }
  }
  if (!d.hint.empty()) {
    out += fmt::format("  hint: {}\n", d.hint);
  }
  return out;
}

std::string render_text(const std::vector<Diagnostic>& diagnostics, bool color)
{
  std::string out;
  for (const auto& d : diagnostics) {
    out += render_text(d, color);
  }
  return out;
}

} // namespace residence
