#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace residence {

// GitHub Actions workflow commands, one line per diagnostic:
// `::error file=F,line=L,col=C,title=CODE::message`, which the runner shows
// as annotations on the files of a pull request. Warnings become `::warning`,
// notes `::notice`; the hint follows the message on a second line.
std::string render_github(const std::vector<Diagnostic>& diagnostics);

} // namespace residence
