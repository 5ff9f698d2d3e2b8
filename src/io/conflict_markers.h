#pragma once

// Git leaves `<<<<<<<`, `=======` and `>>>>>>>` lines in a file it could not
// merge. Every command refuses such a file with a human message, and `check`
// reports each conflict of each file.

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace residence {

// In Markdown a line of `=======` underlines a heading and a line starting
// with `>` is a quote, so only a whole `<<<<<<<` … `>>>>>>>` block counts
// there; in data files any marker line does.
enum class MarkerSyntax { data, markdown };

// One diagnostic per conflict: "unresolved merge conflict in FILE at line N",
// N being the line of `<<<<<<<` (or of a stray marker line).
std::vector<Diagnostic> find_conflict_markers(std::string_view text, const std::string& display,
                                              MarkerSyntax syntax);

} // namespace residence
