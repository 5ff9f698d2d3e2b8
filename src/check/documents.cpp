#include "check/documents.h"

#include <array>

#include "io/text.h"

namespace residence {

namespace {

constexpr std::array<std::string_view, 3> k_field_openings = {"[À COMPLÉTER", "[A COMPLETER",
                                                              "[TO COMPLETE"};

// Bytes of a line that are code, where nothing is reported.
using CodeMask = std::vector<bool>;

std::size_t run_length(std::string_view line, std::size_t at, char c)
{
  std::size_t n = 0;
  while (at + n < line.size() && line[at + n] == c) {
    ++n;
  }
  return n;
}

// Where the run of exactly `n` backticks closing a span opened before `from`
// starts; npos when there is none on the line.
std::size_t closing_run(std::string_view line, std::size_t from, std::size_t n)
{
  for (std::size_t j = from; j < line.size();) {
    const std::size_t m = run_length(line, j, '`');
    if (m == n) {
      return j;
    }
    j += m > 0 ? m : 1;
  }
  return std::string_view::npos;
}

// A run of N backticks opens a code span that the next run of exactly N
// backticks on the line closes; an unclosed run is literal text.
CodeMask inline_code(std::string_view line)
{
  CodeMask mask(line.size(), false);
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t n = run_length(line, i, '`');
    if (n == 0) {
      ++i;
      continue;
    }
    const std::size_t close = closing_run(line, i + n, n);
    if (close == std::string_view::npos) {
      i += n;
      continue;
    }
    std::fill(mask.begin() + static_cast<long>(i), mask.begin() + static_cast<long>(close + n),
              true);
    i = close + n;
  }
  return mask;
}

// A fence: up to three spaces, then three or more backticks or tildes.
std::string_view fence_of(std::string_view line)
{
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') {
    ++indent;
  }
  if (indent > 3 || indent >= line.size() || (line[indent] != '`' && line[indent] != '~')) {
    return {};
  }
  const std::size_t n = run_length(line, indent, line[indent]);
  return n >= 3 ? line.substr(indent, n) : std::string_view {};
}

// Calls `visit(line_number, line, mask)` for each line that is not inside a
// fenced code block.
template <typename Visit>
void for_each_prose_line(std::string_view text, MarkerSyntax syntax, Visit visit)
{
  std::string_view open_fence;
  int number = 1;
  for (std::size_t pos = 0; pos < text.size(); ++number) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (syntax == MarkerSyntax::data) {
      visit(number, line, CodeMask(line.size(), false));
      continue;
    }
    const std::string_view fence = fence_of(line);
    if (!open_fence.empty()) {
      if (fence.size() >= open_fence.size() && fence.front() == open_fence.front()) {
        open_fence = {};
      }
      continue;
    }
    if (!fence.empty()) {
      open_fence = fence;
      continue;
    }
    visit(number, line, inline_code(line));
  }
}

TextMatch match_at(int number, std::string_view line, std::size_t begin, std::size_t end)
{
  return {number, line_column(line, begin).column, std::string(line.substr(begin, end - begin)),
          std::string(line)};
}

// After the opening words: spaces (plain or no-break), then ':' or ']'.
bool opening_ends_well(std::string_view rest)
{
  for (std::string_view space : {" ", "\xC2\xA0", "\xE2\x80\xAF"}) {
    while (rest.substr(0, space.size()) == space) {
      rest.remove_prefix(space.size());
    }
  }
  return !rest.empty() && (rest.front() == ':' || rest.front() == ']');
}

} // namespace

std::vector<TextMatch> find_open_fields(std::string_view text, MarkerSyntax syntax)
{
  std::vector<TextMatch> found;
  for_each_prose_line(text, syntax, [&](int number, std::string_view line, const CodeMask& code) {
    for (std::size_t at = line.find('['); at != std::string_view::npos;
         at = line.find('[', at + 1)) {
      for (std::string_view opening : k_field_openings) {
        if (code[at] || line.substr(at, opening.size()) != opening ||
            !opening_ends_well(line.substr(at + opening.size()))) {
          continue;
        }
        const std::size_t close = line.find(']', at);
        found.push_back(
            match_at(number, line, at, close == std::string_view::npos ? line.size() : close + 1));
      }
    }
  });
  return found;
}

std::vector<TextMatch> find_template_tags(std::string_view text, MarkerSyntax syntax)
{
  std::vector<TextMatch> found;
  for_each_prose_line(text, syntax, [&](int number, std::string_view line, const CodeMask& code) {
    for (std::size_t at = line.find("{{"); at != std::string_view::npos;
         at = line.find("{{", at + 2)) {
      if (code[at] || (at > 0 && line[at - 1] == '$')) {
        continue;
      }
      std::size_t close = line.find("}}", at + 2);
      if (close == std::string_view::npos || close == at + 2) {
        continue;
      }
      close += line.compare(close, 3, "}}}") == 0 ? 3 : 2;
      found.push_back(match_at(number, line, at, close));
      at = close - 2;
    }
  });
  return found;
}

} // namespace residence
