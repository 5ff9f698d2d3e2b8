#include "diagnostics/render_github.h"

#include <fmt/format.h>

namespace residence {

namespace {

const char* command_of(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "notice";
  }
  return "error";
}

// The runner reads a command up to the end of the line and splits properties
// on ',' and '::', so these characters travel percent-encoded.
std::string escape_data(std::string_view text)
{
  std::string out;
  for (char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text)
{
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string properties(const Diagnostic& d)
{
  std::vector<std::string> parts;
  if (!d.file.empty()) {
    parts.push_back("file=" + escape_property(d.file));
    if (d.line > 0) {
      parts.push_back(fmt::format("line={}", d.line));
    }
    if (d.line > 0 && d.column > 0) {
      parts.push_back(fmt::format("col={}", d.column));
    }
  }
  if (!d.code.empty()) {
    parts.push_back("title=" + escape_property(d.code));
  }
  if (parts.empty()) {
    return {};
  }
  return fmt::format(" {}", fmt::join(parts, ","));
}

} // namespace

std::string render_github(const std::vector<Diagnostic>& diagnostics)
{
  std::string out;
  for (const auto& d : diagnostics) {
    const std::string text = d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint;
    out += fmt::format("::{}{}::{}\n", command_of(d.severity), properties(d), escape_data(text));
  }
  return out;
}

} // namespace residence
