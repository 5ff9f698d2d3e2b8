#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace residence {

// `text` without the spaces, tabs and carriage return around it.
std::string_view trim_blanks(std::string_view text);

// Line `line` (1-based) of `text`, without its line ending; empty past the end.
std::string text_line(std::string_view text, int line);

// Byte offset of a 1-based line and code-point column; the end of the text
// when past it. toml++ counts columns in code points, not bytes.
std::size_t byte_offset(std::string_view text, int line, int column);

struct LineColumn {
  int line = 1;
  int column = 1;
};

// The 1-based line and code-point column of a byte offset.
LineColumn line_column(std::string_view text, std::size_t offset);

} // namespace residence
