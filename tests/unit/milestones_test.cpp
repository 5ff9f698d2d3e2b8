#include <doctest/doctest.h>

#include <algorithm>

#include "milestones/milestone_set.h"
#include "milestones/status.h"

using namespace residence;

namespace {

struct Loaded {
  MilestoneSet set;
  std::vector<Diagnostic> problems;

  bool has(const std::string& code) const
  {
    return std::any_of(problems.begin(), problems.end(), [&](const Diagnostic& d) { return d.code == code; });
  }
  const Diagnostic& get(const std::string& code) const
  {
    return *std::find_if(problems.begin(), problems.end(), [&](const Diagnostic& d) { return d.code == code; });
  }
};

Loaded load(const std::string& text)
{
  Loaded loaded;
  std::vector<TomlDocument> docs;
  docs.push_back(parse_toml(text, "jalons.toml", "jalons.toml"));
  loaded.set = read_milestones(std::move(docs), loaded.problems);
  return loaded;
}

const char* const k_phases = "[[phase]]\nid = \"p\"\ntitle = \"Phase P\"\n\n";

std::string milestone(const std::string& id, const std::string& due, const std::string& extra = "")
{
  return "[[milestone]]\nid = \"" + id + "\"\ntitle = \"T " + id + "\"\nphase = \"p\"\ndue = " + due + "\n" + extra + "\n";
}

} // namespace

TEST_CASE("a valid milestone file loads without problems")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-10") +
                        milestone("b", "2025-04-10", "depends_on = [\"a\"]\nstatus = \"active\"\nkind = \"event\""));
  CHECK(l.problems.empty());
  REQUIRE(l.set.milestones.size() == 2);
  CHECK(l.set.milestones[1].status == MilestoneStatus::active);
  CHECK(l.set.milestones[1].kind == MilestoneKind::event);
  CHECK(l.set.milestones[1].depends_on == std::vector<std::string>{"a"});
}

TEST_CASE("an unknown status is an error with its position and a suggestion")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-10", "status = \"dnoe\""));
  REQUIRE(l.has("unknown-status"));
  const Diagnostic& d = l.get("unknown-status");
  CHECK(d.line == 10);
  CHECK(d.column == 10);
  CHECK(d.message.find("'dnoe'") != std::string::npos);
  CHECK(d.hint == "did you mean 'done'?");
}

TEST_CASE("done milestone without done date is an error")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-10", "status = \"done\""));
  CHECK(l.has("done-without-date"));
}

TEST_CASE("a duplicate id names both places")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-10") + milestone("a", "2025-04-10"));
  REQUIRE(l.has("duplicate-id"));
  CHECK(l.get("duplicate-id").message.find("first at jalons.toml:5") != std::string::npos);
}

TEST_CASE("a dependency on an unknown id suggests the closest one")
{
  const Loaded l = load(std::string(k_phases) + milestone("copil-1", "2025-03-10") +
                        milestone("b", "2025-04-10", "depends_on = [\"copil-2\"]"));
  REQUIRE(l.has("unknown-dependency"));
  CHECK(l.get("unknown-dependency").hint == "did you mean 'copil-1'?");
}

TEST_CASE("a quoted date is refused with the fix")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "\"2025-03-10\""));
  REQUIRE(l.has("date-quoted"));
  CHECK(l.get("date-quoted").hint == "write the date without quotes: due = 2025-03-10");
}

TEST_CASE("unknown keys are warnings, never errors")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-10", "budget_line = \"A1\""));
  REQUIRE(l.has("unknown-key"));
  CHECK(l.get("unknown-key").severity == Severity::warning);
}

TEST_CASE("due today is not overdue, the day after is")
{
  const Loaded l = load(std::string(k_phases) + milestone("m", "2025-03-10"));
  StatusOptions options;

  options.as_of = *Date::parse("2025-03-10");
  StatusReport today = compute_status(l.set, options);
  CHECK(today.overdue.empty());
  REQUIRE(today.due_today.size() == 1);

  options.as_of = *Date::parse("2025-03-11");
  StatusReport late = compute_status(l.set, options);
  REQUIRE(late.overdue.size() == 1);
  CHECK(late.overdue[0].days_from_today == -1);

  options.as_of = *Date::parse("2025-03-09");
  StatusReport before = compute_status(l.set, options);
  REQUIRE(before.due_soon.size() == 1);
  CHECK(before.due_soon[0].days_from_today == 1);
}

TEST_CASE("progress counts done over not cancelled, per phase and overall")
{
  const Loaded l = load(std::string(k_phases) + "[[phase]]\nid = \"q\"\ntitle = \"Q\"\n" +
                        milestone("a", "2025-01-10", "status = \"done\"\ndone = 2025-01-09") +
                        milestone("b", "2025-02-10", "status = \"cancelled\"") + milestone("c", "2025-03-10"));
  StatusOptions options;
  options.as_of = *Date::parse("2025-01-01");
  const StatusReport r = compute_status(l.set, options);
  CHECK(r.overall.done == 1);
  CHECK(r.overall.total == 2);
  CHECK(r.overall.percent() == 50);
  REQUIRE(r.phases.size() == 2);
  CHECK(r.phases[1].progress.total == 0);
}

TEST_CASE("a late milestone waiting on an open dependency is blocked, naming it")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-20") +
                        milestone("b", "2025-03-12", "depends_on = [\"a\"]") +
                        milestone("c", "2025-09-01", "status = \"blocked\""));
  StatusOptions options;
  options.as_of = *Date::parse("2025-03-10");
  const StatusReport r = compute_status(l.set, options);
  REQUIRE(r.blocked.size() == 2);
  CHECK(r.blocked[0].milestone->id == "b");
  CHECK(r.blocked[0].waiting_on == std::vector<std::string>{"a"});
  CHECK(r.blocked[1].milestone->id == "c");
}

TEST_CASE("the window decides what is due soon")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-24") + milestone("b", "2025-03-25"));
  StatusOptions options;
  options.as_of = *Date::parse("2025-03-10");
  const StatusReport r = compute_status(l.set, options);
  REQUIRE(r.due_soon.size() == 1);
  CHECK(r.due_soon[0].milestone->id == "a");
  REQUIRE(r.next.size() == 1);
  CHECK(r.next[0].milestone->id == "b");
}

TEST_CASE("a cancelled dependency holds nothing back")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-01", "status = \"cancelled\"") +
                        milestone("b", "2025-03-12", "depends_on = [\"a\"]"));
  StatusOptions options;
  options.as_of = *Date::parse("2025-03-10");
  const StatusReport r = compute_status(l.set, options);
  CHECK(r.blocked.empty());
  REQUIRE(r.due_soon.size() == 1);
  CHECK(r.due_soon[0].waiting_on.empty());
}

TEST_CASE("an unknown phase or dependency is reported at its value")
{
  const Loaded l = load(std::string(k_phases) + milestone("a", "2025-03-01", "depends_on = [\"x\"]") +
                        "[[milestone]]\nid = \"b\"\ntitle = \"B\"\nphase = \"pp\"\ndue = 2025-03-01\n");
  REQUIRE(l.has("unknown-dependency"));
  CHECK(l.get("unknown-dependency").line == 10);
  CHECK(l.get("unknown-dependency").column == 15); // the element, inside the array
  REQUIRE(l.has("unknown-phase"));
  CHECK(l.get("unknown-phase").line == 14);
  CHECK(l.get("unknown-phase").column == 9);
  CHECK(l.get("unknown-phase").hint == "did you mean 'p'?");
}

TEST_CASE("a misspelt table name is a warning with a suggestion")
{
  const Loaded l = load(std::string(k_phases) + "[[milestones]]\nid = \"a\"\n");
  REQUIRE(l.has("unknown-key"));
  CHECK(l.get("unknown-key").hint == "did you mean 'milestone'?");
  CHECK(l.set.milestones.empty());
}
