#pragma once

// `residence check`: one validation of the whole workspace. Every problem of
// every file is reported in one run; a file that cannot be read or parsed
// gives its diagnostic and the others are still checked.

#include <string>
#include <vector>

#include "calendar/date.h"
#include "check/file_source.h"
#include "diagnostics/diagnostic.h"

namespace residence {

struct CheckOptions {
  Date as_of;          // for overdue milestones and done dates in the future
  bool strict = false; // overdue milestones, open fields and leftover tags become errors
};

struct CheckResult {
  std::vector<Diagnostic> diagnostics; // by file (in the order of `files`), then line and column
  std::vector<std::string> files;      // every file checked, as displayed: manifest first
};

CheckResult check_workspace(const FileSource& source, const CheckOptions& options);

} // namespace residence
