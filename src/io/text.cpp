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

namespace {

bool is_control(char c)
{
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

} // namespace

std::string printable(std::string_view text, Tabs tabs)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_control(c) && !(c == '\t' && tabs == Tabs::keep)) {
      out += "\ufffd";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<char> find_control(std::string_view text)
{
  for (char c : text) {
    if (is_control(c)) {
      return c;
    }
  }
  return std::nullopt;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  for (char c : text) {
    if (!is_continuation(c)) {
      ++width;
    }
  }
  return width;
}

std::string pad_right(std::string_view text, std::size_t width)
{
  std::string out(text);
  const std::size_t have = display_width(text);
  if (have < width) {
    out.append(width - have, ' ');
  }
  return out;
}

std::string truncate_display(std::string_view text, std::size_t width)
{
  if (display_width(text) <= width || width == 0) {
    return std::string(text);
  }
  std::size_t pos = 0;
  for (std::size_t seen = 0; seen + 1 < width && pos < text.size(); ++seen) {
    ++pos;
    while (pos < text.size() && is_continuation(text[pos])) {
      ++pos;
    }
  }
  return std::string(text.substr(0, pos)) + "\u2026";
}

std::string_view line_ending_of(std::string_view text)
{
  const std::size_t nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

} // namespace residence
