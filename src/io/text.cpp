#include "io/text.h"

namespace residence {

namespace {

bool is_continuation(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t line_start(std::string_view text, int line)
{
  std::size_t pos = 0;
  for (int n = 1; n < line; ++n) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      return text.size();
    }
    pos = nl + 1;
  }
  return pos;
}

} // namespace

std::string_view trim_blanks(std::string_view text)
{
  const std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::string text_line(std::string_view text, int line)
{
  if (line < 1) {
    return {};
  }
  const std::size_t start = line_start(text, line);
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) {
    end = text.size();
  }
  if (end > start && text[end - 1] == '\r') {
    --end;
  }
  return std::string(text.substr(start, end - start));
}

std::size_t byte_offset(std::string_view text, int line, int column)
{
  std::size_t pos = line_start(text, line);
  for (int seen = 1; seen < column && pos < text.size(); ++seen) {
    ++pos;
    while (pos < text.size() && is_continuation(text[pos])) {
      ++pos;
    }
  }
  return pos;
}

LineColumn line_column(std::string_view text, std::size_t offset)
{
  LineColumn at;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else if (!is_continuation(text[i])) {
      ++at.column;
    }
  }
  return at;
}

} // namespace residence
