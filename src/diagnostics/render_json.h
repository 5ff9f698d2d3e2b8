#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace residence {

// One JSON object: the counts per severity and every diagnostic with all its
// fields (line and column 0, file and hint empty, when they do not apply).
std::string render_json(const std::vector<Diagnostic>& diagnostics);

} // namespace residence
