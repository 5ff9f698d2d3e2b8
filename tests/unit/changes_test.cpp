#include <doctest/doctest.h>

#include <set>

#include "milestones/changes.h"

using namespace residence;

namespace {

MilestoneSet load(const std::string& text)
{
  std::vector<TomlDocument> docs;
  docs.push_back(parse_toml(text, "jalons.toml", "jalons.toml"));
  std::vector<Diagnostic> problems;
  MilestoneSet set = read_milestones(std::move(docs), problems);
  REQUIRE(errors_of(problems).empty());
  return set;
}

std::string milestone(const std::string& id, const std::string& due, const std::string& extra = "")
{
  return "[[milestone]]\nid = \"" + id + "\"\ntitle = \"T " + id +
         "\"\nphase = \"p\"\ndue = " + due + "\n" + extra + "\n";
}

const char* const k_phase = "[[phase]]\nid = \"p\"\n\n";

Date day(const char* iso)
{
  return *Date::parse(iso);
}

StatusEdit done_on(const char* iso)
{
  StatusEdit edit;
  edit.status = MilestoneStatus::done;
  edit.on = day(iso);
  edit.today = day("2030-01-01");
  return edit;
}

std::string message_of(const Error& e)
{
  return e.diagnostics().front().message;
}

std::string applied(const MilestoneSet& set, const EditPlan& plan)
{
  return apply_plan(set, plan).front().text;
}

} // namespace

TEST_CASE("done is refused while a dependency is not done, naming it")
{
  const MilestoneSet set =
      load(std::string(k_phase) + milestone("a", "2025-01-01") +
           milestone("b", "2025-01-01", "status = \"done\"\ndone = 2025-01-01") +
           milestone("c", "2025-02-01", "depends_on = [\"a\", \"b\"]"));
  try {
    plan_status(set, "c", done_on("2025-02-01"));
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(e.exit_code() == ExitCode::usage);
    CHECK(message_of(e) == "cannot mark 'c' done: it depends on 'a', not done yet");
  }
}

TEST_CASE("done with force records the reason in the file")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-01") +
                                milestone("c", "2025-02-01", "depends_on = [\"a\"]"));
  StatusEdit edit = done_on("2025-02-03");
  edit.force = true;
  edit.reason = "signée sans attendre « a »";
  const EditPlan plan = plan_status(set, "c", edit);
  CHECK(plan.edits.size() == 3);
  const std::string text = applied(set, plan);
  CHECK(text.find("status = \"done\"\ndone = 2025-02-03\nforced_reason = \"signée sans attendre « "
                  "a »\"\n") != std::string::npos);
}

TEST_CASE("done on a milestone already done on that day changes nothing")
{
  const MilestoneSet set = load(
      std::string(k_phase) + milestone("a", "2025-01-01", "status = \"done\"\ndone = 2025-01-03"));
  CHECK(plan_status(set, "a", done_on("2025-01-03")).empty());
  StatusEdit no_date = done_on("2025-01-03");
  no_date.on.reset();
  CHECK(plan_status(set, "a", no_date).empty()); // keeps the recorded date rather than today
}

TEST_CASE("done without a date takes today")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-01"));
  StatusEdit edit = done_on("2025-01-03");
  edit.on.reset();
  const EditPlan plan = plan_status(set, "a", edit);
  REQUIRE(plan.edits.size() == 2);
  CHECK(plan.edits[1].key == "done");
  CHECK(plan.edits[1].after == "2030-01-01");
}

TEST_CASE("reopening a done milestone removes its done date")
{
  const MilestoneSet set = load(
      std::string(k_phase) + milestone("a", "2025-01-01", "status = \"done\"\ndone = 2025-01-03"));
  StatusEdit edit;
  edit.status = MilestoneStatus::blocked;
  const EditPlan plan = plan_status(set, "a", edit);
  const std::string text = applied(set, plan);
  CHECK(text.substr(text.size() - 19) == "status = \"blocked\"\n");
  CHECK(text.find("done =") == std::string::npos);
}

TEST_CASE("an unknown id is refused with a suggestion")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("copil-1", "2025-01-01"));
  try {
    plan_status(set, "copil-2", done_on("2025-01-01"));
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(message_of(e) == "no milestone 'copil-2'");
    CHECK(e.diagnostics().front().hint == "did you mean 'copil-1'?");
  }
}

TEST_CASE(
    "move with cascade shifts open dependants transitively, start dates too, and leaves done ones")
{
  const MilestoneSet set = load(
      std::string(k_phase) + milestone("a", "2025-01-10", "start = 2025-01-01") +
      milestone("b", "2025-02-01", "depends_on = [\"a\"]") +
      milestone("c", "2025-03-01", "depends_on = [\"b\"]") +
      milestone("d", "2025-01-20", "depends_on = [\"a\"]\nstatus = \"done\"\ndone = 2025-01-05") +
      milestone("e", "2025-04-01"));
  MoveEdit edit;
  edit.by = "+2w";
  edit.cascade = true;
  const EditPlan plan = plan_move(set, "a", edit);
  CHECK(plan.milestones == std::vector<std::string> {"a", "b", "c"});
  CHECK(plan.summary == "Move a to 2025-01-24 (+14 days), with 2 dependants");
  const std::string text = applied(set, plan);
  CHECK(text.find("due = 2025-01-24\nstart = 2025-01-15\n") != std::string::npos);
  CHECK(text.find("due = 2025-02-15\n") != std::string::npos);
  CHECK(text.find("due = 2025-03-15\n") != std::string::npos);
  CHECK(text.find("due = 2025-01-20\n") != std::string::npos); // d is done: not moved
  CHECK(text.find("due = 2025-04-01\n") != std::string::npos);
}

TEST_CASE("move without cascade warns about dependants left due earlier")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-10") +
                                milestone("b", "2025-02-01", "depends_on = [\"a\"]"));
  MoveEdit edit;
  edit.to = day("2025-03-01");
  const EditPlan plan = plan_move(set, "a", edit);
  CHECK(plan.edits.size() == 1);
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0] ==
        "'b' depends on 'a' but is due earlier, on 2025-02-01; --cascade moves it too");
}

TEST_CASE("a minted id is the slug when free, else the slug with a random suffix, never a counter")
{
  std::set<std::string> used {"comite-de-pilotage"};
  const auto taken = [&](const std::string& id) { return used.count(id) != 0; };
  std::uint32_t next = 0xbeef;
  const auto random = [&] { return next++; };
  CHECK(mint_id("Réunion d’équipe", taken, random) == "reunion-d-equipe");
  CHECK(mint_id("Comité de pilotage", taken, random) == "comite-de-pilotage-beef");
  used.insert("comite-de-pilotage-bef0");
  CHECK(mint_id("Comité de pilotage", taken, random) == "comite-de-pilotage-bef1");
  CHECK(mint_id("« ! »", taken, random) == "milestone");
}

TEST_CASE("add refuses an unknown phase or dependency with a suggestion")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("copil-1", "2025-01-01"));
  AddEdit edit;
  edit.id = "x";
  edit.title = "X";
  edit.phase = "q";
  edit.due = day("2025-01-01");
  CHECK_THROWS_WITH_AS(plan_add(set, edit), "no phase 'q'", Error);
  edit.phase = "p";
  edit.depends_on = {"copil-2"};
  try {
    plan_add(set, edit);
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(message_of(e) == "no milestone 'copil-2' to depend on");
    CHECK(e.diagnostics().front().hint == "did you mean 'copil-1'?");
  }
}

TEST_CASE("add writes the keys a milestone needs, strings escaped")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-01"));
  AddEdit edit;
  edit.id = "b";
  edit.title = "Lancement \"Phase 1\" \\ C:\\dossier";
  edit.phase = "p";
  edit.due = day("2025-06-30");
  edit.depends_on = {"a"};
  edit.kind = MilestoneKind::event;
  const std::vector<TomlDocument> docs = apply_plan(set, plan_add(set, edit));
  std::vector<Diagnostic> problems;
  const MilestoneSet after = read_milestones(docs, problems);
  CHECK(errors_of(problems).empty());
  const Milestone* b = after.find("b");
  REQUIRE(b != nullptr);
  CHECK(b->title == edit.title);
  CHECK(b->kind == MilestoneKind::event);
  CHECK(b->depends_on == std::vector<std::string> {"a"});
  CHECK(b->status == MilestoneStatus::planned);
}
