#pragma once

// The graph of `depends_on` between milestones, and its cycles.

#include <cstddef>
#include <vector>

#include "milestones/milestone_set.h"

namespace residence {

// One cycle, as positions in MilestoneSet::milestones: each member depends on
// the next, and the last on the first. A milestone depending on itself is a
// cycle of one.
struct DependencyCycle {
  std::vector<std::size_t> members;
  // Milestones tangled in the same knot but not on the path shown (a knot of
  // several cycles is reported once, through one of them).
  std::vector<std::size_t> others;
};

// Every knot of dependencies (strongly connected component that loops),
// reported once, starting from the member listed first in the files; in
// file order. Linear in milestones plus dependencies, without recursion, so
// a chain of any length is safe. Unknown ids are ignored here.
std::vector<DependencyCycle> find_dependency_cycles(const MilestoneSet& set);

} // namespace residence
