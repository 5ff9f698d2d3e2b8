#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "e2e/fixtures.h"
#include "e2e/git_fixtures.h"
#include "support/run.h"
#include "support/text.h"

using namespace residence::testing;

namespace {

// Case T5: CRLF, aligned '=', trailing comments, a commented-out status, a
// literal string with a typographic apostrophe and an inline array.
const char* const k_hand_made = R"(# Calendrier tenu à la main
[[phase]]
id    = "moyens"
title = "Moyens"

[[milestone]]
id         = "m-lieu"
title      = "Lieu trouvé"
phase      = "moyens"
due        = 2025-03-01
status     = "done"        # signé le 20
done       = 2025-02-20

[[milestone]]
id         = "m-conv"                  # la convention
title      = 'Convention d’occupation'
phase      = "moyens"
due        = 2025-04-30
status     = "active"      # en cours
# status = "done"
depends_on = ["m-lieu"]
owner      = "Mairie"

[[milestone]]
id         = "m-ouverture"
title      = "Ouverture au public"
phase      = "moyens"
due        = 2025-06-01
depends_on = [ "m-conv", "m-lieu" ]
)";

fs::file_time_type mtime(const TempDir& tmp, const std::string& rel)
{
  return fs::last_write_time(tmp / rel);
}

const char* const k_file = "ws/calendrier/jalons.toml";

} // namespace

TEST_CASE("a one-field edit changes one line and adds the done date, and a second run changes "
          "nothing (T5)")
{
  TempDir tmp;
  write_workspace(tmp, "ws", crlf(k_hand_made));
  init_repository(tmp, tmp / "ws");

  const RunResult r = run(tmp, {"-C", "ws", "milestone", "done", "m-conv", "--on", "2025-05-02"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "Mark m-conv done on 2025-05-02\n"
                 "  m-conv  status  active → done\n"
                 "  m-conv  done    — → 2025-05-02\n"
                 "Wrote ws/calendrier/jalons.toml.\n");
  CHECK(git(tmp, tmp / "ws", {"diff", "--numstat"}).out == "2\t1\tcalendrier/jalons.toml\n");
  const std::string diff = git(tmp, tmp / "ws", {"diff", "-U0"}).out;
  CHECK(contains(diff, "-status     = \"active\"      # en cours\r\n"
                       "+status     = \"done\"        # en cours\r\n"));
  CHECK(contains(diff, "@@ -22,0 +23 @@"));
  CHECK(contains(diff, "\n+done       = 2025-05-02\r\n"));

  const std::string bytes = tmp.read(k_file);
  const auto before = mtime(tmp, k_file);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const RunResult again =
      run(tmp, {"-C", "ws", "milestone", "done", "m-conv", "--on", "2025-05-02"});
  CHECK(again.exit_code == 0);
  CHECK(again.out == "Nothing to change: m-conv is already so.\n");
  CHECK(tmp.read(k_file) == bytes);
  CHECK(mtime(tmp, k_file) == before);
  CHECK(run(tmp, {"-C", "ws", "status", "--as-of", "2025-05-02"}).exit_code == 0);
}

TEST_CASE("every edit keeps the CRLF line endings of the file")
{
  TempDir tmp;
  write_workspace(tmp, "ws", crlf(k_hand_made));
  REQUIRE(
      run(tmp, {"-C", "ws", "milestone", "start", "m-ouverture", "--on", "2025-05-10"}).exit_code ==
      0);
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "move", "m-ouverture", "--by", "+1m"}).exit_code == 0);
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "block", "m-conv"}).exit_code == 0);
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "add", "Fête d’ouverture", "--phase", "moyens",
                    "--due", "2025-07-01", "--depends-on", "m-ouverture", "--kind", "event"})
              .exit_code == 0);
  const std::string text = tmp.read(k_file);
  std::size_t lf = 0;
  std::size_t crlf_count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lf;
      crlf_count += i > 0 && text[i - 1] == '\r' ? 1 : 0;
    }
  }
  CHECK(lf == crlf_count);
  CHECK(contains(text, "due        = 2025-07-01\r\n"));
  CHECK(contains(text,
                 "status     = \"active\"\r\nstart      = 2025-06-09\r\n\r\n[[milestone]]\r\n"
                 "id         = \"fete-d-ouverture\"\r\ntitle      = \"Fête d’ouverture\"\r\n"));
}

TEST_CASE("unknown keys and sub-tables survive an edit")
{
  TempDir tmp;
  write_workspace(
      tmp, "ws",
      std::string(phases_ab()) +
          "[[milestone]]\nid = \"m\"\ntitle = \"M\"\nphase = \"a\"\ndue = 2025-03-01\n"
          "budget_line = \"L-12\"   # not known to residence\n\n"
          "[milestone.suivi]\nreferent = \"Zoé\"\ncomite = [\"copil\"]\n\n"
          "[[milestone]]\nid = \"n\"\ntitle = \"N\"\nphase = \"a\"\ndue = 2025-04-01\n");
  init_repository(tmp, tmp / "ws");
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "done", "m", "--on", "2025-03-02"});
  REQUIRE(r.exit_code == 0);
  const std::string diff = git(tmp, tmp / "ws", {"diff", "-U0"}).out;
  CHECK(contains(diff, "@@ -14,0 +15,2 @@"));
  CHECK(contains(diff, "\n+status = \"done\"\n+done = 2025-03-02\n"));
  CHECK(git(tmp, tmp / "ws", {"diff", "--numstat"}).out == "2\t0\tcalendrier/jalons.toml\n");
  CHECK(
      contains(tmp.read(k_file), "[milestone.suivi]\nreferent = \"Zoé\"\ncomite = [\"copil\"]\n"));
}

TEST_CASE(
    "done is refused while dependencies are not done, naming them, and --force records the reason")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const std::string before = tmp.read(k_file);

  const RunResult refused = run(tmp, {"-C", "ws", "milestone", "done", "m-ouverture"});
  CHECK(refused.exit_code == 2);
  CHECK(contains(
      refused.err,
      "residence: error: cannot mark 'm-ouverture' done: it depends on 'm-conv', not done yet"));
  CHECK(contains(refused.err, "--force --reason TEXT"));
  CHECK(tmp.read(k_file) == before);

  const RunResult no_reason = run(tmp, {"-C", "ws", "milestone", "done", "m-ouverture", "--force"});
  CHECK(no_reason.exit_code == 2);
  CHECK(contains(no_reason.err, "--force needs --reason TEXT"));

  const RunResult forced =
      run(tmp, {"-C", "ws", "milestone", "done", "m-ouverture", "--on", "2025-06-01", "--force",
                "--reason", "ouverture anticipée, convention en signature"});
  CHECK(forced.exit_code == 0);
  CHECK(contains(forced.err, "residence: note: forced past 'm-conv': ouverture anticipée"));
  CHECK(contains(tmp.read(k_file),
                 "depends_on = [ \"m-conv\", \"m-lieu\" ]\nstatus     = \"done\"\n"
                 "done       = 2025-06-01\n"
                 "forced_reason = \"ouverture anticipée, convention en signature\"\n"));
  const RunResult show = run(tmp, {"-C", "ws", "milestone", "show", "m-ouverture"});
  CHECK(contains(show.out, "  forced reason  ouverture anticipée, convention en signature\n"));
}

TEST_CASE("an unknown milestone id gets a suggestion and exit 2")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "start", "m-convv"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err,
                 "residence: error: no milestone 'm-convv'\n  hint: did you mean 'm-conv'?\n"));
}

TEST_CASE("move --cascade shifts the milestones that depend on it and lists what moved")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "move", "m-conv", "--to", "2025-05-14", "--cascade"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "Move m-conv to 2025-05-14 (+14 days), with 1 dependant\n"
                 "  m-conv       due  2025-04-30 → 2025-05-14\n"
                 "  m-ouverture  due  2025-06-01 → 2025-06-15\n"
                 "Wrote ws/calendrier/jalons.toml.\n");
  const RunResult back = run(tmp, {"-C", "ws", "milestone", "move", "m-conv", "--by", "-2w"});
  CHECK(contains(back.out, "  m-conv  due  2025-05-14 → 2025-04-30\n"));
  const RunResult both =
      run(tmp, {"-C", "ws", "milestone", "move", "m-conv", "--by", "+1w", "--to", "2025-01-01"});
  CHECK(both.exit_code == 2);
}

TEST_CASE(
    "add appends a block after the last milestone of its phase, with an id made from the title")
{
  TempDir tmp;
  write_workspace(tmp, "ws",
                  std::string(phases_ab()) + milestone("a1", "a", "2025-03-01") +
                      "# --- phase B ---\n\n" + milestone("b1", "b", "2025-05-01"));
  init_repository(tmp, tmp / "ws");
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "add", "Comité de pilotage n° 2", "--phase", "a", "--due",
                "2025-04-01", "--owner", "Ville", "--depends-on", "a1"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "Add milestone comite-de-pilotage-n-2: Comité de pilotage n° 2\n"
                 "  comite-de-pilotage-n-2  added to ws/calendrier/jalons.toml\n"
                 "Wrote ws/calendrier/jalons.toml.\n");
  CHECK(git(tmp, tmp / "ws", {"diff", "--numstat"}).out == "9\t0\tcalendrier/jalons.toml\n");
  CHECK(
      contains(tmp.read(k_file),
               "due = 2025-03-01\n\n[[milestone]]\nid = \"comite-de-pilotage-n-2\"\n"
               "title = \"Comité de pilotage n° 2\"\nphase = \"a\"\ndue = 2025-04-01\n"
               "status = \"planned\"\nowner = \"Ville\"\ndepends_on = [\"a1\"]\n\n# --- phase B"));

  const RunResult twice = run(tmp, {"-C", "ws", "milestone", "add", "Comité de pilotage n° 2",
                                    "--phase", "b", "--due", "2025-06-01"});
  REQUIRE(twice.exit_code == 0);
  const std::string id = twice.out.substr(14, twice.out.find(':') - 14);
  CHECK(id.size() == std::string("comite-de-pilotage-n-2-").size() + 4);
  CHECK(id.rfind("comite-de-pilotage-n-2-", 0) == 0);
  CHECK(id != "comite-de-pilotage-n-3");
  CHECK(id.find_first_not_of("0123456789abcdef", 23) == std::string::npos);
  CHECK(run(tmp, {"-C", "ws", "status", "--as-of", "2025-01-01"}).exit_code == 0);
}

TEST_CASE("add refuses an unknown phase with a suggestion and writes nothing")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const std::string before = tmp.read(k_file);
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "add", "X", "--phase", "moyen", "--due", "2025-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "no phase 'moyen'\n  hint: did you mean 'moyens'?"));
  CHECK(tmp.read(k_file) == before);
}

TEST_CASE("an edit goes to the file that holds the milestone, add goes to the first file or --file")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("a1", "a", "2025-03-01"));
  tmp.write("ws/residence.toml",
            "[residence]\nname = \"R\"\nstart = 2025-01-06\n\n[files]\n"
            "milestones = [\"calendrier/jalons.toml\", \"calendrier/evenements.toml\"]\n");
  tmp.write("ws/calendrier/evenements.toml",
            milestone("webinaire-1", "b", "2025-04-01", "kind = \"event\""));
  REQUIRE(
      run(tmp, {"-C", "ws", "milestone", "done", "webinaire-1", "--on", "2025-04-01"}).exit_code ==
      0);
  CHECK(tmp.read("ws/calendrier/evenements.toml") ==
        "[[milestone]]\nid = \"webinaire-1\"\ntitle = \"Jalon webinaire-1\"\nphase = \"b\"\ndue = "
        "2025-04-01\n"
        "kind = \"event\"\nstatus = \"done\"\ndone = 2025-04-01\n");
  CHECK_FALSE(contains(tmp.read(k_file), "status"));

  REQUIRE(run(tmp, {"-C", "ws", "milestone", "add", "Webinaire 2", "--phase", "b", "--due",
                    "2025-05-01", "--file", "calendrier/evenements.toml"})
              .exit_code == 0);
  CHECK(contains(tmp.read("ws/calendrier/evenements.toml"), "id = \"webinaire-2\""));
  const RunResult wrong = run(tmp, {"-C", "ws", "milestone", "add", "W", "--phase", "b", "--due",
                                    "2025-05-01", "--file", "calendrier/evenement.toml"});
  CHECK(wrong.exit_code == 2);
  CHECK(contains(wrong.err, "did you mean 'calendrier/evenements.toml'?"));
}

TEST_CASE(
    "list filters by phase, owner, status and overdue, show gives dependencies and dependants")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const RunResult all = run(tmp, {"-C", "ws", "milestone", "list", "--as-of", "2025-05-15"});
  CHECK(all.out ==
        "id           due         status     owner   title\n"
        "m-lieu       2025-03-01  done               Lieu trouvé\n"
        "m-conv       2025-04-30  active     Mairie  Convention d’occupation (15 days late)\n"
        "m-ouverture  2025-06-01  planned            Ouverture au public\n");
  const RunResult overdue =
      run(tmp, {"-C", "ws", "milestone", "list", "--overdue", "--as-of", "2025-05-15"});
  CHECK(contains(overdue.out, "m-conv"));
  CHECK_FALSE(contains(overdue.out, "m-ouverture"));
  CHECK_FALSE(contains(overdue.out, "m-lieu "));
  CHECK(run(tmp, {"-C", "ws", "milestone", "list", "--owner", "Mairie", "--format", "json"})
            .out.find("\"id\" : \"m-conv\"") != std::string::npos);
  CHECK(run(tmp, {"-C", "ws", "milestone", "list", "--status", "done"}).out.find("m-conv") ==
        std::string::npos);

  const RunResult show =
      run(tmp, {"-C", "ws", "milestone", "show", "m-conv", "--as-of", "2025-05-15"});
  CHECK(contains(show.out, "m-conv  Convention d’occupation\n  phase          moyens (Moyens)\n"));
  CHECK(contains(show.out, "  due            2025-04-30 (15 days late)\n"));
  CHECK(contains(show.out, "  file           ws/calendrier/jalons.toml:14\n"));
  CHECK(contains(show.out, "Depends on (1)\n  m-lieu  done       2025-03-01  Lieu trouvé\n"));
  CHECK(contains(show.out,
                 "Needed by (1)\n  m-ouverture  planned    2025-06-01  Ouverture au public\n"));
}

TEST_CASE("an edit waits for a workspace lock held by a live process, then applies")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  tmp.write("ws/.residence/lock", std::to_string(::getpid()) + "\n"); // this test process: alive

  RunResult r;
  std::thread edit([&] { r = run(tmp, {"-C", "ws", "milestone", "start", "m-ouverture"}); });
  const std::string before = tmp.read(k_file);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  CHECK(tmp.read(k_file) == before); // still waiting
  fs::remove(tmp / "ws/.residence/lock");
  edit.join();
  CHECK(r.exit_code == 0);
  CHECK(contains(tmp.read(k_file),
                 "depends_on = [ \"m-conv\", \"m-lieu\" ]\nstatus     = \"active\"\n"));
  CHECK_FALSE(fs::exists(tmp / "ws/.residence/lock"));
}

TEST_CASE("a lock still held after the timeout is reported with its holder, and nothing is written")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const std::string before = tmp.read(k_file);
  tmp.write("ws/.residence/lock", std::to_string(::getpid()) + "\n");
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "start", "m-ouverture"},
                          {{}, {{"RESIDENCE_LOCK_TIMEOUT_MS", "200"}}, {}});
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err, fmt::format("the workspace is locked by process {}", ::getpid())));
  CHECK(tmp.read(k_file) == before);
}

TEST_CASE("a lock left by a process that died is taken over")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  ::waitpid(child, nullptr, 0);
  tmp.write("ws/.residence/lock", std::to_string(child) + "\n");
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "start", "m-ouverture"},
                          {{}, {{"RESIDENCE_LOCK_TIMEOUT_MS", "2000"}}, {}});
  CHECK(r.exit_code == 0);
  CHECK(contains(tmp.read(k_file), "status     = \"active\"\n"));
  CHECK_FALSE(fs::exists(tmp / "ws/.residence/lock"));
}

TEST_CASE("edits started at the same time never lose one another")
{
  TempDir tmp;
  std::string text = phases_ab();
  constexpr int k_edits = 8;
  for (int i = 0; i < k_edits; ++i) {
    text += milestone(fmt::format("m{}", i), "a", "2025-03-01");
  }
  write_workspace(tmp, "ws", text);

  std::vector<RunResult> results(k_edits);
  std::vector<std::thread> threads;
  for (int i = 0; i < k_edits; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<std::size_t>(i)] =
          i % 2 == 0 ? run(tmp, {"-C", "ws", "milestone", "done", fmt::format("m{}", i), "--on",
                                 "2025-03-01"})
                     : run(tmp, {"-C", "ws", "milestone", "add", fmt::format("Ajout {}", i),
                                 "--phase", "b", "--due", "2025-05-01"});
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  const std::string after = tmp.read(k_file);
  for (int i = 0; i < k_edits; ++i) {
    CAPTURE(i);
    CHECK(results[static_cast<std::size_t>(i)].exit_code == 0);
    if (i % 2 == 0) {
      CHECK(contains(after, fmt::format("id = \"m{0}\"\ntitle = \"Jalon m{0}\"\nphase = \"a\"\n"
                                        "due = 2025-03-01\nstatus = \"done\"\ndone = 2025-03-01\n",
                                        i)));
    } else {
      CHECK(contains(after, fmt::format("id = \"ajout-{}\"", i)));
    }
  }
  CHECK_FALSE(fs::exists(tmp / "ws/.residence/lock"));
}

TEST_CASE("a lock file without a process id is taken over once it is a few seconds old")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  for (const std::string content : {"", "pas un pid\n"}) {
    CAPTURE(content);
    tmp.write("ws/.residence/lock", content);
    // Fresh: a writer may be about to put its pid in; the edit waits.
    const RunResult fresh = run(tmp, {"-C", "ws", "milestone", "block", "m-ouverture"},
                                {{}, {{"RESIDENCE_LOCK_TIMEOUT_MS", "300"}}, {}});
    CHECK(fresh.exit_code == 5);
    CHECK(contains(fresh.err, "the workspace is locked by another process"));

    fs::last_write_time(tmp / "ws/.residence/lock",
                        fs::file_time_type::clock::now() - std::chrono::seconds(30));
    const RunResult stale = run(tmp, {"-C", "ws", "milestone", "block", "m-ouverture"},
                                {{}, {{"RESIDENCE_LOCK_TIMEOUT_MS", "2000"}}, {}});
    CHECK(stale.exit_code == 0);
    CHECK_FALSE(fs::exists(tmp / "ws/.residence/lock"));
    REQUIRE(run(tmp, {"-C", "ws", "milestone", "start", "m-ouverture"}).exit_code == 0);
  }
}

TEST_CASE("an edit removes the temporary files a killed edit left next to the file, and only "
          "those")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const auto old = fs::file_time_type::clock::now() - std::chrono::minutes(5);
  for (const char* name : {".jalons.toml.residence-Ab12Cd", ".jalons.toml.residence-x9y8z7"}) {
    tmp.write(std::string("ws/calendrier/") + name, "half a file");
    fs::last_write_time(tmp / (std::string("ws/calendrier/") + name), old);
  }
  // Not ours, or too young to be sure: kept.
  const std::vector<std::string> kept {
      ".jalons.toml.residence-Ab12Cd.bak", ".autre.toml.residence-Ab12Cd",
      "jalons.toml.residence-Ab12Cd", ".jalons.toml.residence-Ab1"};
  for (const auto& name : kept) {
    tmp.write("ws/calendrier/" + name, "x");
    fs::last_write_time(tmp / ("ws/calendrier/" + name), old);
  }
  tmp.write("ws/calendrier/.jalons.toml.residence-Fresh1", "being written");

  REQUIRE(run(tmp, {"-C", "ws", "milestone", "block", "m-ouverture"}).exit_code == 0);
  CHECK_FALSE(fs::exists(tmp / "ws/calendrier/.jalons.toml.residence-Ab12Cd"));
  CHECK_FALSE(fs::exists(tmp / "ws/calendrier/.jalons.toml.residence-x9y8z7"));
  for (const auto& name : kept) {
    CAPTURE(name);
    CHECK(fs::exists(tmp / ("ws/calendrier/" + name)));
  }
  CHECK(fs::exists(tmp / "ws/calendrier/.jalons.toml.residence-Fresh1"));
}

TEST_CASE("add on a file of inline milestones is refused cleanly, with exit 3")
{
  TempDir tmp;
  const std::string text =
      "phase = [{ id = \"a\", title = \"A\" }]\nmilestone = [\n"
      "  { id = \"m1\", title = \"Un\", phase = \"a\", due = 2025-05-01 },   # premier\n]\n";
  write_workspace(tmp, "ws", text);
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "add", "Deux", "--phase", "a", "--due", "2025-06-01"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: ws/calendrier/jalons.toml writes its milestones as an "
                        "inline array"));
  CHECK_FALSE(contains(r.err, "bug"));
  CHECK(tmp.read(k_file) == text);
  // Edits of the milestones it has still work.
  CHECK(run(tmp, {"-C", "ws", "milestone", "start", "m1"}).exit_code == 0);
  CHECK(contains(tmp.read(k_file), "due = 2025-05-01, status = \"active\" },   # premier\n"));
}

TEST_CASE("a cascade over 5000 layered milestones is one pass over the file")
{
  TempDir tmp;
  const std::string generator =
      (fs::path(RESIDENCE_TESTS_DIR) / ".." / "bench" / "generate-layered").string();
  REQUIRE(run_program(tmp, generator, {(tmp / "ws").string(), "5000", "100", "5"}).exit_code == 0);
  const std::string before = tmp.read(k_file);

  const auto start = std::chrono::steady_clock::now();
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "move", "m-0-0", "--by", "+1d", "--cascade"});
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  CHECK(r.exit_code == 0);
  MESSAGE("cascade over 5,000 milestones: " << took.count() << " s");
  // Slot s of a layer depends on slots s..s+4 of the one before, so from m-0-0
  // the cascade reaches 1 + 4L milestones of layer L, up to the width of 100:
  // 1,225 in layers 0 to 24, then 100 in each of the 25 others.
  CHECK(contains(r.out, "Move m-0-0 to 2025-02-04 (+1 day), with 3724 dependants\n"));
  std::istringstream old_lines(before);
  std::istringstream new_lines(tmp.read(k_file));
  std::string old_line;
  std::string new_line;
  int changed = 0;
  while (std::getline(old_lines, old_line) && std::getline(new_lines, new_line)) {
    changed += old_line != new_line ? 1 : 0;
  }
  CHECK(changed == 3725);
#ifdef RESIDENCE_TIME_LIMITS
  CHECK(took.count() < 2.0);
#endif
}

TEST_CASE("an edit that would add an error is refused, and the error points at no line on disk")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_hand_made);
  const std::string before = tmp.read(k_file);
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "start", "m-ouverture", "--on", "2025-07-01"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "residence: error: the edit would leave the milestones invalid; nothing was "
                 "written\n"
                 "residence: error: ws/calendrier/jalons.toml as edited, line 31: milestone "
                 "'m-ouverture' starts on 2025-07-01, after its due date 2025-06-01\n");
  CHECK(tmp.read(k_file) == before); // of 29 lines: the start line would have been the 31st
}
