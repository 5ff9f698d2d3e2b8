#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

#include "milestones/dependency_graph.h"

using namespace residence;

namespace {

// Milestones given as "id:dep,dep" in file order.
MilestoneSet graph(const std::vector<std::string>& specs)
{
  MilestoneSet set;
  for (const auto& spec : specs) {
    Milestone m;
    const auto colon = spec.find(':');
    m.id = spec.substr(0, colon);
    for (std::size_t at = colon + 1; colon != std::string::npos && at <= spec.size();) {
      const auto comma = std::min(spec.find(',', at), spec.size());
      if (comma > at) {
        m.depends_on.push_back(spec.substr(at, comma - at));
      }
      at = comma + 1;
    }
    set.add(std::move(m));
  }
  return set;
}

std::vector<std::string> ids(const MilestoneSet& set, const std::vector<std::size_t>& members)
{
  std::vector<std::string> out;
  for (auto i : members) {
    out.push_back(set.milestones[i].id);
  }
  return out;
}

} // namespace

TEST_CASE("dependency cycles are found once each, with their path, a diamond is not a cycle")
{
  const MilestoneSet set = graph({"e:f,g", "a:b", "f:h", "b:c", "g:h", "c:a", "h:", "d:d"});
  const auto cycles = find_dependency_cycles(set);
  REQUIRE(cycles.size() == 2);
  CHECK(ids(set, cycles[0].members) == std::vector<std::string> {"a", "b", "c"});
  CHECK(ids(set, cycles[1].members) == std::vector<std::string> {"d"});
  CHECK(cycles[0].others.empty());
}

TEST_CASE("a knot of several cycles is reported once, naming the members off the path")
{
  const MilestoneSet set = graph({"x:y", "y:x,z", "z:y"});
  const auto cycles = find_dependency_cycles(set);
  REQUIRE(cycles.size() == 1);
  CHECK(ids(set, cycles[0].members) == std::vector<std::string> {"x", "y"});
  CHECK(ids(set, cycles[0].others) == std::vector<std::string> {"z"});
}

TEST_CASE("unknown dependencies are ignored by the cycle search")
{
  CHECK(find_dependency_cycles(graph({"a:nope", "b:a"})).empty());
}

TEST_CASE("a chain of 200000 milestones closing on itself is found without recursion")
{
  std::vector<std::string> specs;
  constexpr int k_count = 200000;
  for (int i = 0; i < k_count; ++i) {
    specs.push_back(fmt::format("m{}:m{}", i, (i + 1) % k_count));
  }
  const MilestoneSet set = graph(specs);
  const auto cycles = find_dependency_cycles(set);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].members.size() == k_count);
  CHECK(set.milestones[cycles[0].members.front()].id == "m0");
}
