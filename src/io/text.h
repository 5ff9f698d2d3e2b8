#pragma once

#include <cstddef>
#include <optional>
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

enum class Tabs { replace, keep };

// The text with control characters (C0 and DEL, newlines included, tabs
// unless kept) replaced by U+FFFD, so that text from a user's file cannot
// drive the terminal, start a new line in a CI log, or break a table row.
std::string printable(std::string_view text, Tabs tabs = Tabs::replace);

// The first control character in `text` (C0 or DEL), if any.
std::optional<char> find_control(std::string_view text);
// Number of code points, which is what a terminal column count means for the
// accented text this tool shows (no wide characters in practice).
std::size_t display_width(std::string_view text);

// `text` padded with spaces to `width` code points (never cut).
std::string pad_right(std::string_view text, std::size_t width);

// `text` cut to at most `width` code points, ending with "…" when cut.
std::string truncate_display(std::string_view text, std::size_t width);

// The line ending a file uses: "\r\n" when its first line ends so, else "\n".
std::string_view line_ending_of(std::string_view text);

} // namespace residence
