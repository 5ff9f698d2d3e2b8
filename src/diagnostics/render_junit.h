#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace residence {

// A JUnit XML report, the format CI servers (GitLab, Jenkins) display: one
// test suite, one test case per file checked, in the order given. A file
// fails when it holds a diagnostic at least as grave as `fail_at`; the
// failure carries those diagnostics, and the lesser ones go to system-out.
// Diagnostics about no file in particular make a test case "workspace".
std::string render_junit(const std::vector<Diagnostic>& diagnostics,
                         const std::vector<std::string>& files, Severity fail_at);

} // namespace residence
