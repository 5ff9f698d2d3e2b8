#include "diagnostics/render_text.h"

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

} // namespace

std::string render_text(const Diagnostic& d, bool color)
{
  const char* on = color ? severity_color(d.severity) : "";
  const char* off = color ? "\033[0m" : "";
  std::string out = fmt::format("residence: {}{}:{} {}{}\n", on, severity_name(d.severity), off,
                                location(d), d.message);
  if (!d.source_line.empty() && d.line > 0) {
    const std::string gutter = fmt::format("{:>5} | ", d.line);
    out += gutter + d.source_line + "\n";
    if (d.column > 0) {
      out += fmt::format("{:>5} | {}{}^{}\n", "", caret_padding(d.source_line, d.column), on, off);
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
