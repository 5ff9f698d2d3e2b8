#pragma once

// Checks on the whole set of files a template would write, before anything
// is written: what no single path shows on its own.

#include <vector>

#include "diagnostics/diagnostic.h"
#include "templates/plan.h"

namespace residence {

// Refuses, naming the template file:
// - a path with a part named .git (a template could otherwise plant git
//   configuration or hooks that run later in the user's repository);
// - a path in .residence/, which the tool keeps for its answers and lock;
// - a path that is both a file and a folder;
// - a file written through a link the template also makes;
// - a link that resolves outside the workspace, following the template's
//   other links as the system would, or in a loop;
// - a link to nothing the template writes (dangling).
std::vector<Diagnostic> check_outputs(const std::vector<PlannedFile>& files);

} // namespace residence
