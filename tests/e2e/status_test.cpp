#include <doctest/doctest.h>

#include "e2e/fixtures.h"
#include "support/run.h"
#include "support/text.h"

using namespace residence::testing;

namespace {

std::string sample()
{
  return std::string(phases_ab()) +
         milestone("fait", "a", "2025-02-01", "status = \"done\"\ndone = 2025-01-30") +
         milestone("annule", "a", "2025-02-15", "status = \"cancelled\"") +
         milestone("en-retard", "a", "2025-03-01") +
         milestone("aujourdhui", "b", "2025-03-10") +
         milestone("bientot", "b", "2025-03-20", "depends_on = [\"en-retard\"]") +
         milestone("plus-tard", "b", "2025-06-30", "owner = \"Mairie\"");
}

} // namespace

TEST_CASE("status as json gives progress, overdue, due today, due soon, blocked and next")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, R"("progress" : {
        "done" : 1,
        "percent" : 20,
        "total" : 5
    })"));
  CHECK(contains(r.out, R"("days_from_today" : -9)"));
  CHECK(contains(r.out, R"("moment" : "month 3 of 24")"));
  CHECK(contains(r.out, R"("waiting_on" : [
                "en-retard"
            ])"));
}

TEST_CASE("status table reads as a review of the residency")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "Résidence de test\n"));
  CHECK(contains(r.out, "As of 2025-03-10 · month 3 of 24 · residency 2025-01-06 to 2027-01-05\n"));
  CHECK(contains(r.out, "   50%  #####.....    1/2    Phase A\n"));
  CHECK(contains(r.out, "Overdue (1)\n  en-retard   2025-03-01  9 days late    Jalon en-retard\n"));
  CHECK(contains(r.out, "Due today (1)\n  aujourdhui  2025-03-10  due today      Jalon aujourdhui\n"));
  CHECK(contains(r.out, "Due soon, within 14 days (1)\n  bientot     2025-03-20  in 10 days     Jalon bientot\n"));
  CHECK(contains(r.out, "Blocked (1)\n  bientot     2025-03-20  in 10 days     Jalon bientot (waiting on en-retard)\n"));
  CHECK(contains(r.out, "Next (1)\n  plus-tard   2025-06-30  in 112 days    Jalon plus-tard [Mairie]\n"));
  CHECK_FALSE(contains(r.out, "\033["));
}

TEST_CASE("status filters by phase and owner and widens the window")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  const RunResult phase = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10", "--phase", "b", "--format", "json"});
  CHECK(contains(phase.out, R"("total" : 3)"));
  const RunResult owner = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10", "--owner", "Mairie", "--window", "200"});
  CHECK(contains(owner.out, "Due soon, within 200 days (1)\n  plus-tard"));
  const RunResult typo = run(tmp, {"-C", "ws", "status", "--phase", "bb"});
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.err, "no phase 'bb'"));
  CHECK(contains(typo.err, "did you mean 'b'?"));
}

TEST_CASE("status as markdown is a document to paste in minutes")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10", "--format", "markdown"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "# Résidence de test\n"));
  CHECK(contains(r.out, "| Phase A | 1 | 2 | 50% |\n"));
  CHECK(contains(r.out, "| `en-retard` | 2025-03-01 | 9 days late | Jalon en-retard |  |  |\n"));
}

TEST_CASE("a date is a date in every time zone")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-06-30"));
  std::string first;
  for (const char* tz : {"Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"}) {
    CAPTURE(tz);
    const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2025-06-30", "--format", "json"}, {{}, {{"TZ", tz}}, {}});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, R"("due_today" : [
        {
            "days_from_today" : 0,)"));
    if (first.empty()) {
      first = r.out;
    }
    CHECK(r.out == first);
  }
}

TEST_CASE("due today is not overdue, the day after is, the day before is tomorrow")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-10"));
  CHECK(contains(run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10"}).out, "Overdue (0)\n\nDue today (1)\n  m "));
  CHECK(contains(run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-11"}).out, "Overdue (1)\n  m   2025-03-10  1 day late "));
  CHECK(contains(run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-09"}).out, "  m   2025-03-10  tomorrow "));
}

TEST_CASE("status works from any folder inside the workspace")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-10"));
  fs::create_directories(tmp / "ws/gouvernance/annexes");
  const RunResult r = run(tmp, {"status", "--as-of", "2025-03-10"}, {tmp / "ws/gouvernance/annexes", {}, {}});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Résidence de test"));
}

TEST_CASE("outside a workspace, status says so and exits 3")
{
  TempDir tmp;
  const RunResult r = run(tmp, {"status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: not a residence workspace: no residence.toml in"));
  CHECK(contains(r.err, "hint: run `residence init DIR` to create one, or pass -C DIR"));
  CHECK(r.out.empty());
}

TEST_CASE("a milestones file named in the manifest but missing is named")
{
  TempDir tmp;
  write_workspace(tmp, "ws", "");
  fs::remove(tmp / "ws/calendrier/jalons.toml");
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: ws/calendrier/jalons.toml: no such file\n"));
}

TEST_CASE("malformed TOML gives file, line, column, the line and a caret")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + "[[milestone]]\nid = \"m\"\ndepends_on = [\"a\" \"b\"]\n");
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: ws/calendrier/jalons.toml:11:19: "));
  CHECK(contains(r.err, "   11 | depends_on = [\"a\" \"b\"]\n      |                   ^\n"));
  CHECK(contains(r.err, "^"));
}

TEST_CASE("impossible dates are refused at their line, not rolled over")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-02-29"));
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: ws/calendrier/jalons.toml:13:7: impossible date '2025-02-29'"));
  CHECK_FALSE(contains(r.out, "2025-03-01"));

  write_workspace(tmp, "ok", std::string(phases_ab()) + milestone("m", "a", "2024-02-29"));
  CHECK(run(tmp, {"-C", "ok", "status", "--as-of", "2024-02-28"}).exit_code == 0);
}

TEST_CASE("merge-conflict markers stop every command with a human message")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + "[[milestone]]\nid = \"m\"\ntitle = \"M\"\nphase = \"a\"\n"
                                 "<<<<<<< HEAD\ndue = 2025-03-10\n=======\ndue = 2025-04-10\n>>>>>>> autre\n");
  const std::string before = tmp.read("ws/calendrier/jalons.toml");
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "unresolved merge conflict in ws/calendrier/jalons.toml at line 13"));
  CHECK(tmp.read("ws/calendrier/jalons.toml") == before);
}

TEST_CASE("an unknown status is an error with the expected values")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-10", "status = \"finished\""));
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "ws/calendrier/jalons.toml:14:10: unknown status 'finished' for milestone 'm'; expected planned, "
                        "active, done, blocked or cancelled"));
}

TEST_CASE("wrong usage exits 2")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()));
  CHECK(run(tmp, {"-C", "ws", "status", "--format", "yaml"}).exit_code == 2);
  CHECK(run(tmp, {"-C", "ws", "status", "--as-of", "2025-02-30"}).exit_code == 2);
  CHECK(run(tmp, {"nope"}).exit_code == 2);
  CHECK(run(tmp, {}).exit_code == 2);
  const RunResult help = run(tmp, {"status", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "--as-of"));
}

TEST_CASE("colour only when asked or on a terminal, never with NO_COLOR")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-01"));
  CHECK(contains(run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10", "--color", "always"}).out, "\033[31m"));
  CHECK_FALSE(contains(run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10"}).out, "\033["));
  CHECK_FALSE(contains(run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10", "--color", "auto"}, {{}, {{"NO_COLOR", "1"}}, {}}).out, "\033["));
}

TEST_CASE("status shows warnings on stderr and still reviews")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-10", "statut = \"done\"") +
                                 "[[milestones]]\nid = \"x\"\n");
  const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "residence: warning: ws/calendrier/jalons.toml:14:1: unknown key 'statut' in milestone 'm'; it "
                        "is kept as it is\n"));
  CHECK(contains(r.err, "hint: did you mean 'status'?"));
  CHECK(contains(r.err, "unknown top-level key 'milestones'"));
  CHECK(contains(r.out, "Due today (1)"));
  CHECK(run(tmp, {"-C", "ws", "status", "--quiet"}).err.empty());
}

TEST_CASE("a filter or a date that matches nothing is a usage error")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-10", "owner = \"Mairie\""));
  const RunResult owner = run(tmp, {"-C", "ws", "status", "--owner", "Mairei"});
  CHECK(owner.exit_code == 2);
  CHECK(contains(owner.err, "residence: error: no milestone has owner 'Mairei'\n  hint: did you mean 'Mairie'?"));
  CHECK(run(tmp, {"-C", "ws", "status", "--as-of", ""}).exit_code == 2);
  const RunResult command = run(tmp, {"stauts"});
  CHECK(command.exit_code == 2);
  CHECK(contains(command.err, "residence: error: unknown command 'stauts'\n  hint: did you mean 'status'?"));
  const RunResult color = run(tmp, {"status", "--color", "bogus"});
  CHECK(color.exit_code == 2);
  CHECK(contains(color.err, "residence: error: --color: bogus not in {auto,always,never}"));
}

TEST_CASE("titles cannot drive the terminal")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + "[[milestone]]\nid = \"m\"\ntitle = \"Jalon\\u001b[2J\\u0007 fin\"\n"
                                 "phase = \"a\"\ndue = 2025-03-10\n");
  const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2025-03-10"});
  CHECK(contains(r.out, "Jalon\ufffd[2J\ufffd fin"));
  CHECK_FALSE(contains(r.out, "\x1b"));
}

TEST_CASE("a milestones file listed twice in the manifest is named as such")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()));
  tmp.write("ws/residence.toml", tmp.read("ws/residence.toml") + "");
  const std::string manifest = tmp.read("ws/residence.toml");
  tmp.write("ws/residence.toml", manifest.substr(0, manifest.find("milestones =")) +
                                     "milestones = [\"calendrier/jalons.toml\", \"./calendrier/jalons.toml\"]\n");
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "milestones file './calendrier/jalons.toml' is listed twice"));
}

TEST_CASE("a manifest without its [residence] table says so once")
{
  TempDir tmp;
  tmp.write("ws/residence.toml", "[files]\nmilestones = [\"j.toml\"]\n");
  tmp.write("ws/j.toml", "");
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: ws/residence.toml:1:1: the [residence] table is missing\n"));
  CHECK_FALSE(contains(r.err, "has no 'name'"));
}

TEST_CASE("a milestones file reached through a link out of the workspace is refused")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-03-10"));
  tmp.write("dehors/jalons.toml", std::string(phases_ab()) + milestone("m", "a", "2025-03-10"));
  fs::remove_all(tmp / "ws/calendrier");
  fs::create_directory_symlink(tmp / "dehors", tmp / "ws/calendrier");
  const RunResult r = run(tmp, {"-C", "ws", "status"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "'calendrier/jalons.toml' leads outside the workspace through a symbolic link"));
  const RunResult edit = run(tmp, {"-C", "ws", "milestone", "done", "m", "--on", "2025-03-01"});
  CHECK(edit.exit_code == 3);
  CHECK_FALSE(contains(tmp.read("dehors/jalons.toml"), "done"));
  const RunResult check = run(tmp, {"-C", "ws", "check"});
  CHECK(check.exit_code == 1);
  CHECK(contains(check.err, "which leads outside the workspace through a symbolic link"));
}

TEST_CASE("an edit writes through a link inside the workspace and keeps the link")
{
  TempDir tmp;
  write_workspace(tmp, "ws", "");
  tmp.write("ws/calendrier/jalons-2025.toml", std::string(phases_ab()) + milestone("m", "a", "2025-03-10"));
  fs::remove(tmp / "ws/calendrier/jalons.toml");
  fs::create_symlink("jalons-2025.toml", tmp / "ws/calendrier/jalons.toml");
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "done", "m", "--on", "2025-03-01"});
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(tmp / "ws/calendrier/jalons.toml"));
  CHECK(contains(tmp.read("ws/calendrier/jalons-2025.toml"), "status = \"done\""));
}

TEST_CASE("text read from files cannot forge a CI annotation or drive the terminal")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) +
                                 "[[milestone]]\nid = \"a\\n::error file=README.md,line=1::forged\\u001b[31m\"\n"
                                 "title = \"T\"\nphase = \"a\"\ndue = 2025-03-10\n");
  const RunResult r = run(tmp, {"-C", "ws", "check"});
  CHECK_FALSE(contains(r.err, "\n::error"));
  CHECK_FALSE(contains(r.err, "\x1b"));
  CHECK(contains(r.err, "\ufffd::error file=README.md"));
}
