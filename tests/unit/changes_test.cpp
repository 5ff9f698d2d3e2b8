#include <doctest/doctest.h>

#include <set>

#include <fmt/format.h>

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

// The milestones of a file that may hold errors (a quoted date, say).
MilestoneSet load_as_is(const std::string& text)
{
  std::vector<TomlDocument> docs;
  docs.push_back(parse_toml(text, "jalons.toml", "jalons.toml"));
  std::vector<Diagnostic> problems;
  return read_milestones(std::move(docs), problems);
}

// A milestone to add (built out of line: GCC 12 at -O3 sees a false
// -Wrestrict in some inlined assignments of short literals).
AddEdit new_milestone(std::string id, std::string title, std::string phase, const char* due)
{
  AddEdit edit;
  edit.id = std::move(id);
  edit.title = std::move(title);
  edit.phase = std::move(phase);
  edit.due = day(due);
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

TEST_CASE("done without --on keeps the done date recorded, and writes a quoted one as a date")
{
  const MilestoneSet set =
      load_as_is(std::string(k_phase) + milestone("a", "2025-05-01", "done = \"2025-04-01\"") +
                 milestone("b", "2025-05-01", "done = 2025-04-02"));
  StatusEdit edit = done_on("2025-01-01");
  edit.on.reset();
  const EditPlan quoted = plan_status(set, "a", edit);
  CHECK(quoted.summary == "Mark a done on 2025-04-01");
  REQUIRE(quoted.edits.size() == 2);
  CHECK(quoted.edits[1].before == "\"2025-04-01\"");
  CHECK(quoted.edits[1].after == "2025-04-01");
  const std::string text = applied(set, quoted);
  CHECK(text.find("done = 2025-04-01\nstatus = \"done\"\n") != std::string::npos);

  const EditPlan plain = plan_status(set, "b", edit);
  REQUIRE(plain.edits.size() == 1); // the status only: the date stays
  CHECK(plain.edits[0].key == "status");
  CHECK(plain.summary == "Mark b done on 2025-04-02");
}

TEST_CASE("a status not written reads as planned in the change it gets")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-01"));
  const EditPlan plan = plan_status(set, "a", done_on("2025-01-02"));
  REQUIRE(plan.edits.size() == 2);
  CHECK(plan.edits[0].key == "status");
  CHECK(plan.edits[0].before == "planned");
  CHECK_FALSE(plan.edits[1].before.has_value()); // no done date before: none
}

TEST_CASE("a cancelled dependency does not hold done back, an open one still does")
{
  const MilestoneSet set =
      load(std::string(k_phase) + milestone("a", "2025-01-01", "status = \"cancelled\"") +
           milestone("b", "2025-01-01", "status = \"blocked\"") +
           milestone("c", "2025-02-01", "depends_on = [\"a\"]") +
           milestone("d", "2025-02-01", "depends_on = [\"a\", \"b\"]"));
  const EditPlan plan = plan_status(set, "c", done_on("2025-02-01"));
  CHECK(plan.edits.size() == 2);
  CHECK(plan.notes.empty());
  try {
    plan_status(set, "d", done_on("2025-02-01"));
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(message_of(e) == "cannot mark 'd' done: it depends on 'b', not done yet");
  }
}

TEST_CASE("done on a day after today is refused, as check would refuse the file")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-01"));
  StatusEdit edit = done_on("2030-01-02"); // today is 2030-01-01
  try {
    plan_status(set, "a", edit);
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(e.exit_code() == ExitCode::invalid_input);
    CHECK(message_of(e) == "cannot mark 'a' done on 2030-01-02: that is after today, 2030-01-01");
  }
  CHECK(plan_status(set, "a", done_on("2030-01-01")).edits.size() == 2);
}

TEST_CASE("--force when nothing needs forcing says the reason was not needed")
{
  const MilestoneSet set =
      load(std::string(k_phase) + milestone("a", "2025-01-01", "status = \"cancelled\"") +
           milestone("c", "2025-02-01", "depends_on = [\"a\"]") +
           milestone("d", "2025-02-01", "status = \"done\"\ndone = 2025-02-01"));
  StatusEdit edit = done_on("2025-02-01");
  edit.force = true;
  edit.reason = "au cas où";
  const EditPlan open = plan_status(set, "c", edit);
  CHECK(open.edits.size() == 2); // no forced_reason written
  REQUIRE(open.notes.size() == 1);
  CHECK(open.notes[0] == "--force was not needed: no dependency of 'c' is still open; the reason "
                         "was not recorded");
  const EditPlan done = plan_status(set, "d", edit);
  CHECK(done.empty());
  REQUIRE(done.notes.size() == 1);
  CHECK(done.notes[0] ==
        "--force was not needed: 'd' is already done; the reason was not recorded");
}

TEST_CASE("a cascade passes through cancelled and done milestones to the open ones after them")
{
  const MilestoneSet set = load(
      std::string(k_phase) + milestone("a", "2025-05-01") +
      milestone("b", "2025-05-10", "status = \"cancelled\"\ndepends_on = [\"a\"]") +
      milestone("c", "2025-05-20", "depends_on = [\"b\"]") +
      milestone("d", "2025-05-25", "status = \"done\"\ndone = 2025-04-01\ndepends_on = [\"c\"]") +
      milestone("e", "2025-06-01", "depends_on = [\"d\"]"));
  MoveEdit edit;
  edit.by = "+1d";
  edit.cascade = true;
  const EditPlan plan = plan_move(set, "a", edit);
  CHECK(plan.milestones == std::vector<std::string> {"a", "c", "e"});
  CHECK(plan.summary == "Move a to 2025-05-02 (+1 day), with 2 dependants");
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0] == "'b' (cancelled), 'd' (done) stay where they are; the open milestones "
                         "after them moved");
  const std::string text = applied(set, plan);
  CHECK(text.find("due = 2025-05-10\n") != std::string::npos);
  CHECK(text.find("due = 2025-05-21\n") != std::string::npos);
  CHECK(text.find("due = 2025-05-25\n") != std::string::npos);
  CHECK(text.find("due = 2025-06-02\n") != std::string::npos);
}

TEST_CASE("a cascade over a long chain is applied in one pass, each value where it was")
{
  std::string text = std::string(k_phase) + milestone("m0", "2025-01-01", "start = 2024-12-01");
  for (int i = 1; i < 300; ++i) {
    text += milestone(fmt::format("m{}", i), "2025-01-01",
                      fmt::format("depends_on = [\"m{}\"] # chaîne", i - 1));
  }
  const MilestoneSet set = load(text);
  MoveEdit edit;
  edit.by = "+1m";
  edit.cascade = true;
  const EditPlan plan = plan_move(set, "m0", edit);
  CHECK(plan.milestones.size() == 300);
  std::string expected = text;
  for (std::size_t at = expected.find("due = 2025-01-01"); at != std::string::npos;
       at = expected.find("due = 2025-01-01", at)) {
    expected.replace(at, 16, "due = 2025-02-01");
  }
  expected.replace(expected.find("start = 2024-12-01"), 18, "start = 2025-01-01");
  CHECK(applied(set, plan) == expected);
}

TEST_CASE("add trims the title and keeps each dependency once")
{
  const MilestoneSet set = load(std::string(k_phase) + milestone("a", "2025-01-01"));
  AddEdit edit = new_milestone("b", "  Visite du site \t", "p", "2025-06-30");
  edit.depends_on = {"a", "a"};
  const EditPlan plan = plan_add(set, edit);
  CHECK(plan.summary == "Add milestone b: Visite du site");
  const std::string text = applied(set, plan);
  CHECK(text.find("title = \"Visite du site\"\n") != std::string::npos);
  CHECK(text.find("depends_on = [\"a\"]\n") != std::string::npos);
}

TEST_CASE("add refuses a file that writes its milestones as an inline array, without blaming a bug")
{
  const MilestoneSet set =
      load("phase = [{ id = \"p\", title = \"P\" }]\nmilestone = [\n"
           "  { id = \"a\", title = \"A\", phase = \"p\", due = 2025-05-01 },\n]\n");
  const AddEdit edit = new_milestone("x", "X", "p", "2025-07-01");
  try {
    plan_add(set, edit);
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(e.exit_code() == ExitCode::invalid_input);
    CHECK(message_of(e) == "jalons.toml writes its milestones as an inline array (milestone = [{ "
                           "... }]), which add does not extend");
    CHECK(e.diagnostics().front().hint.find("bug") == std::string::npos);
  }
}
