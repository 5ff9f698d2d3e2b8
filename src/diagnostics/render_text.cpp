#include "diagnostics/render_text.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

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

bool is_continuation(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Byte offsets of each code point of `line`, and the end.
std::vector<std::size_t> code_points(const std::string& line)
{
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!is_continuation(line[i])) {
      starts.push_back(i);
    }
  }
  starts.push_back(line.size());
  return starts;
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
  const std::vector<std::size_t> starts = code_points(line);
  const int length = static_cast<int>(starts.size()) - 1;
  if (length <= k_width) {
    return {line, column};
  }
  const int first = std::clamp(column - 1 - k_width / 3, 0, length - k_width);
  const int last = first + k_width;
  std::string text = first > 0 ? "…" : "";
  text +=
      line.substr(starts[static_cast<std::size_t>(first)],
                  starts[static_cast<std::size_t>(last)] - starts[static_cast<std::size_t>(first)]);
  text += last < length ? "…" : "";
  return {text, column - first + (first > 0 ? 1 : 0)};
}

// Text read from the user's files reaches the terminal, and a CI log where
// a line starting with "::" is a command: control characters other than tabs
// become U+FFFD, so no message can move the cursor or start a new line.
std::string terminal_safe(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
      out += "\ufffd";
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

std::string render_text(const Diagnostic& raw, bool color)
{
  Diagnostic d = raw;
  d.file = terminal_safe(raw.file);
  d.message = terminal_safe(raw.message);
  d.hint = terminal_safe(raw.hint);
  d.source_line = terminal_safe(raw.source_line);
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
