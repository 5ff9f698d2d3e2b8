#include "io/conflict_markers.h"

#include <optional>

#include <fmt/format.h>

#include "io/text.h"

namespace residence {

namespace {

enum class Marker { none, ours, base, separator, theirs };

Marker marker_of(std::string_view line)
{
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  const auto starts = [&](std::string_view prefix) {
    return line.substr(0, prefix.size()) == prefix;
  };
  if (starts("<<<<<<<")) {
    return Marker::ours;
  }
  if (starts(">>>>>>>")) {
    return Marker::theirs;
  }
  if (starts("|||||||")) {
    return Marker::base;
  }
  return line == "=======" ? Marker::separator : Marker::none;
}

Diagnostic conflict_at(std::string_view text, const std::string& display, int line,
                       std::optional<int> end_line)
{
  const std::string where =
      end_line ? fmt::format(" (lines {} to {})", line, *end_line) : std::string {};
  Diagnostic d = make_error(
      "merge-conflict", fmt::format("unresolved merge conflict in {} at line {}", display, line),
      fmt::format("keep one side of the conflict{} and delete the lines <<<<<<<, ======= and "
                  ">>>>>>>, then run the command again",
                  where));
  d.file = display;
  d.line = line;
  d.column = 1;
  d.source_line = text_line(text, line);
  return d;
}

class Scanner {
public:
  Scanner(std::string_view text, const std::string& display, MarkerSyntax syntax)
      : m_text(text), m_display(display), m_syntax(syntax)
  {
  }

  void line(Marker marker, int number)
  {
    if (marker == Marker::ours && !m_open) {
      m_open = number;
      return;
    }
    if (marker == Marker::theirs && m_open) {
      m_found.push_back(conflict_at(m_text, m_display, *m_open, number));
      m_open.reset();
      return;
    }
    if (marker != Marker::none && !m_open && m_syntax == MarkerSyntax::data) {
      m_found.push_back(conflict_at(m_text, m_display, number, std::nullopt));
    }
  }

  std::vector<Diagnostic> finish()
  {
    if (m_open && m_syntax == MarkerSyntax::data) {
      m_found.push_back(conflict_at(m_text, m_display, *m_open, std::nullopt));
    }
    return std::move(m_found);
  }

private:
  std::string_view m_text;
  const std::string& m_display;
  MarkerSyntax m_syntax;
  std::optional<int> m_open; // line of the `<<<<<<<` of the conflict being read
  std::vector<Diagnostic> m_found;
};

} // namespace

std::vector<Diagnostic> find_conflict_markers(std::string_view text, const std::string& display,
                                              MarkerSyntax syntax)
{
  Scanner scanner(text, display, syntax);
  int number = 1;
  for (std::size_t pos = 0; pos < text.size(); ++number) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    scanner.line(marker_of(text.substr(pos, end - pos)), number);
    pos = end + 1;
  }
  return scanner.finish();
}

} // namespace residence
