#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace residence {

// `residence: error: FILE:LINE:COL: message`, then the source line with a
// caret under the column, then the hint. Colour only when asked.
std::string render_text(const Diagnostic& diagnostic, bool color);
std::string render_text(const std::vector<Diagnostic>& diagnostics, bool color);

} // namespace residence
