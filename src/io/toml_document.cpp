#include "io/toml_document.h"

#include <cctype>

#include <fmt/format.h>

#include "io/text.h"

namespace residence {

namespace {

bool starts_with(std::string_view line, std::string_view prefix)
{
  return line.substr(0, prefix.size()) == prefix;
}

bool is_conflict_marker(std::string_view line)
{
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return starts_with(line, "<<<<<<<") || starts_with(line, ">>>>>>>") ||
         starts_with(line, "|||||||") || line == "=======";
}

// toml++ reports an impossible date at the offending digit; point at the
// start of the date instead and say what was read.
Diagnostic date_diagnostic(const std::string& text, const std::string& display, int line, int column,
                           const std::string& description)
{
  const std::string source = text_line(text, line);
  const std::size_t end = byte_offset(source, 1, column);
  std::size_t start = end;
  while (start > 0 && (std::isdigit(static_cast<unsigned char>(source[start - 1])) != 0 ||
                       source[start - 1] == '-')) {
    --start;
  }
  std::size_t stop = end;
  while (stop < source.size() && (std::isdigit(static_cast<unsigned char>(source[stop])) != 0 ||
                                  source[stop] == '-')) {
    ++stop;
  }
  const std::string token = source.substr(start, stop - start);
  const std::string reason = description.substr(description.find(':') + 2);

  Diagnostic d = make_error("date-invalid", fmt::format("impossible date '{}': {}", token, reason),
                            "dates are written YYYY-MM-DD and must exist in the calendar");
  d.file = display;
  d.line = line;
  d.column = line_column(source, start).column;
  d.source_line = source;
  return d;
}

} // namespace

void reject_conflict_markers(std::string_view text, const std::string& display)
{
  int line = 1;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view current =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (is_conflict_marker(current)) {
      Diagnostic d = make_error("merge-conflict",
                                fmt::format("unresolved merge conflict in {} at line {}", display, line),
                                "resolve the conflict (keep one side between <<<<<<< and >>>>>>>), "
                                "then run the command again");
      d.file = display;
      d.line = line;
      d.column = 1;
      d.source_line = text_line(text, line);
      throw Error(ExitCode::invalid_input, d);
    }
    if (nl == std::string_view::npos) {
      break;
    }
    pos = nl + 1;
    ++line;
  }
}

TomlDocument parse_toml(std::string text, const fs::path& path, const std::string& display)
{
  reject_conflict_markers(text, display);
  TomlDocument doc;
  doc.path = path;
  doc.display = display;
  try {
    doc.root = toml::parse(std::string_view(text), std::string_view(display));
  } catch (const toml::parse_error& e) {
    const int line = static_cast<int>(e.source().begin.line);
    const int column = static_cast<int>(e.source().begin.column);
    const std::string description(e.description());
    if (starts_with(description, "Error while parsing date")) {
      throw Error(ExitCode::invalid_input, date_diagnostic(text, display, line, column, description));
    }
    Diagnostic d = make_error("toml-syntax", description);
    d.file = display;
    d.line = line;
    d.column = column;
    d.source_line = text_line(text, line);
    throw Error(ExitCode::invalid_input, d);
  }
  doc.text = std::move(text);
  return doc;
}

TomlDocument load_toml(const fs::path& path, const std::string& display)
{
  return parse_toml(read_file(path, display), path, display);
}

Diagnostic diagnostic_at(const TomlDocument& doc, const toml::source_region& where, Severity severity,
                         std::string code, std::string message, std::string hint)
{
  Diagnostic d;
  d.severity = severity;
  d.file = doc.display;
  d.line = static_cast<int>(where.begin.line);
  d.column = static_cast<int>(where.begin.column);
  d.code = std::move(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = text_line(doc.text, d.line);
  return d;
}

std::string source_text(const TomlDocument& doc, const toml::source_region& where)
{
  const std::size_t begin =
      byte_offset(doc.text, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column));
  const std::size_t end =
      byte_offset(doc.text, static_cast<int>(where.end.line), static_cast<int>(where.end.column));
  return end > begin ? doc.text.substr(begin, end - begin) : std::string{};
}

} // namespace residence
