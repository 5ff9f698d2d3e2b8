#include "io/toml_document.h"

#include <cctype>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "io/conflict_markers.h"
#include "io/text.h"

namespace residence {

namespace {

bool starts_with(std::string_view line, std::string_view prefix)
{
  return line.substr(0, prefix.size()) == prefix;
}

// The name between the first pair of single quotes of a toml++ message.
std::string quoted_name(std::string_view description)
{
  const std::size_t open = description.find('\'');
  const std::size_t close =
      open == std::string_view::npos ? open : description.find('\'', open + 1);
  return close == std::string_view::npos
             ? std::string {}
             : std::string(description.substr(open + 1, close - open - 1));
}

// "[residence]" or "[[milestone]]" when `line` is a table header.
std::optional<std::string> header_of(std::string_view line)
{
  line = trim_blanks(line.substr(0, line.find('#')));
  if (line.size() < 3 || line.front() != '[' || line.back() != ']') {
    return std::nullopt;
  }
  return std::string(line);
}

// The key a line assigns to ("status" in `status = "done"`), if any.
std::string key_of(std::string_view line)
{
  const std::size_t eq = line.find('=');
  return eq == std::string_view::npos ? std::string {} : std::string(trim_blanks(line.substr(0, eq)));
}

// The value of `id = "..."` on a line, if it is such a line.
std::string id_of(std::string_view line)
{
  if (key_of(line) != "id") {
    return {};
  }
  std::string_view value = trim_blanks(line.substr(line.find('=') + 1));
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
    const std::size_t close = value.find(value.front(), 1);
    if (close != std::string_view::npos) {
      return std::string(value.substr(1, close - 1));
    }
  }
  return {};
}

// The lines of a text, without their line endings; lines[0] is line 1.
std::vector<std::string_view> split_lines(std::string_view text)
{
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    lines.push_back(trim_blanks(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  return lines;
}

// "in milestone 'copil-1'", "in [residence]" or "at the top level", for the table
// whose header is on line `header` (0: none).
std::string table_words(const std::vector<std::string_view>& lines, int header)
{
  if (header == 0) {
    return "at the top level";
  }
  const std::string name = *header_of(lines[static_cast<std::size_t>(header - 1)]);
  if (name.rfind("[[", 0) != 0) {
    return "in " + name;
  }
  for (std::size_t n = static_cast<std::size_t>(header); n < lines.size() && !header_of(lines[n]);
       ++n) {
    if (std::string id = id_of(lines[n]); !id.empty()) {
      return fmt::format("in {} '{}'", trim_blanks(std::string_view(name).substr(2, name.size() - 4)), id);
    }
  }
  return "in " + name;
}

// The first line before `line` holding the same table header or assigning
// the same key in the same table; 0 when not found.
int first_definition(const std::vector<std::string_view>& lines, int line, int header,
                     const std::string& name, bool is_table)
{
  for (int n = is_table ? 1 : header + 1; n < line; ++n) {
    const std::string_view text = lines[static_cast<std::size_t>(n - 1)];
    const auto found = header_of(text);
    if (is_table ? found && trim_blanks(std::string_view(*found).substr(1, found->size() - 2)) == name
                 : key_of(text) == name) {
      return n;
    }
  }
  return 0;
}

// toml++ refuses a key or a table defined twice, which is what a merge that
// kept both sides leaves behind. Say which key, in which table, and where it
// was first defined.
Diagnostic redefinition_diagnostic(const std::string& text, const std::string& display, int line,
                                   const std::string& description)
{
  const std::vector<std::string_view> lines = split_lines(text);
  const std::string name = quoted_name(description);
  const bool is_table = starts_with(description, "Error while parsing table header");
  int header = 0;
  for (int n = line - 1; n >= 1 && header == 0 && !is_table; --n) {
    header = header_of(lines[static_cast<std::size_t>(n - 1)]) ? n : 0;
  }

  std::string message =
      is_table ? fmt::format("table [{}] is defined twice", name)
               : fmt::format("key '{}' is defined twice {}", name, table_words(lines, header));
  if (const int first = first_definition(lines, line, header, name, is_table); first > 0) {
    message += fmt::format("; first at line {}", first);
  }
  Diagnostic d =
      make_error("duplicate-key", message,
                 "a merge may have kept both versions: keep the right one and delete the other");
  d.file = display;
  d.line = line;
  d.source_line = text_line(text, line);
  d.column = static_cast<int>(d.source_line.find_first_not_of(" \t") + 1);
  return d;
}

// toml++ reports an impossible date at the offending digit; point at the
// start of the date instead and say what was read.
Diagnostic date_diagnostic(const std::string& text, const std::string& display, int line,
                           int column, const std::string& description)
{
  const std::string source = text_line(text, line);
  const std::size_t end = byte_offset(source, 1, column);
  std::size_t start = end;
  while (start > 0 && (std::isdigit(static_cast<unsigned char>(source[start - 1])) != 0 ||
                       source[start - 1] == '-')) {
    --start;
  }
  std::size_t stop = end;
  while (stop < source.size() &&
         (std::isdigit(static_cast<unsigned char>(source[stop])) != 0 || source[stop] == '-')) {
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
  auto conflicts = find_conflict_markers(text, display, MarkerSyntax::data);
  if (!conflicts.empty()) {
    throw Error(ExitCode::invalid_input, conflicts.front());
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
      throw Error(ExitCode::invalid_input,
                  date_diagnostic(text, display, line, column, description));
    }
    if (description.find("cannot redefine existing") != std::string::npos) {
      throw Error(ExitCode::invalid_input,
                  redefinition_diagnostic(text, display, line, description));
    }
    Diagnostic d = make_error("toml-syntax", description);
    d.file = display;
    d.line = line;
    d.column = column;
    d.source_line = text_line(text, line);
    throw Error(ExitCode::invalid_input, d);
  }
  doc.text = std::move(text);
  doc.line_starts.push_back(0);
  for (std::size_t i = 0; i < doc.text.size(); ++i) {
    if (doc.text[i] == '\n') {
      doc.line_starts.push_back(i + 1);
    }
  }
  return doc;
}

std::string TomlDocument::line(int number) const
{
  if (number < 1 || static_cast<std::size_t>(number) > line_starts.size()) {
    return text_line(text, number); // a document built by hand, without the index
  }
  const std::size_t start = line_starts[static_cast<std::size_t>(number - 1)];
  return text_line(std::string_view(text).substr(start), 1);
}

std::size_t TomlDocument::offset(int number, int column) const
{
  if (number < 1 || static_cast<std::size_t>(number) > line_starts.size()) {
    return byte_offset(text, number, column);
  }
  const std::size_t start = line_starts[static_cast<std::size_t>(number - 1)];
  return start + byte_offset(std::string_view(text).substr(start), 1, column);
}

TomlDocument load_toml(const fs::path& path, const std::string& display)
{
  return parse_toml(read_file(path, display), path, display);
}

Diagnostic diagnostic_at(const TomlDocument& doc, const toml::source_region& where,
                         Severity severity, std::string code, std::string message, std::string hint)
{
  Diagnostic d;
  d.severity = severity;
  d.file = doc.display;
  d.line = static_cast<int>(where.begin.line);
  d.column = static_cast<int>(where.begin.column);
  d.code = std::move(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.source_line = doc.line(d.line);
  return d;
}

std::string source_text(const TomlDocument& doc, const toml::source_region& where)
{
  const std::size_t begin =
      doc.offset(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column));
  const std::size_t end =
      doc.offset(static_cast<int>(where.end.line), static_cast<int>(where.end.column));
  return end > begin ? doc.text.substr(begin, end - begin) : std::string {};
}

} // namespace residence
