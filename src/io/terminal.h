#pragma once

#include <cstdio>

namespace residence {

enum class ColorMode { automatic, always, never };

// Colour only on a terminal, never with NO_COLOR set (https://no-color.org),
// unless the user asked for it explicitly with --color always.
bool use_color(ColorMode mode, std::FILE* stream);

// True when stdin is a terminal, so that questions can be asked.
bool stdin_is_terminal();

} // namespace residence
