#include <doctest/doctest.h>

#include <fmt/format.h>

#include "e2e/fixtures.h"
#include "e2e/git_fixtures.h"
#include "support/run.h"
#include "support/text.h"

using namespace residence::testing;

namespace {

std::size_t count_of(const std::string& text, const std::string& needle)
{
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

std::string lines(const std::string& text)
{
  return std::to_string(count_of(text, "\n"));
}

std::string sample()
{
  return std::string(phases_ab()) + milestone("diagnostic", "a", "2025-02-01") +
         milestone("copil-1", "a", "2025-03-01", "depends_on = [\"diagnostic\"]") +
         milestone("appel", "b", "2025-05-01", "owner = \"Ville\"");
}

const char* const k_file = "ws/calendrier/jalons.toml";

std::string head_count(const TempDir& tmp)
{
  return git(tmp, tmp / "ws", {"rev-list", "--count", "HEAD"}).out;
}

void replace_in(const TempDir& tmp, const std::string& rel, const std::string& from,
                const std::string& to)
{
  std::string text = tmp.read(rel);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  tmp.write(rel, text);
}

} // namespace

TEST_CASE("--commit makes one commit per edit, with a message that says what changed and trailers")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "done", "diagnostic", "--on", "2025-02-03",
                                "--commit", "--author", "Zoé Durand <zoe@example.org>"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "Committed "));
  CHECK(head_count(tmp) == "2\n");
  CHECK(git(tmp, tmp / "ws", {"log", "-1", "--format=%an <%ae>%n%B"}).out ==
        "Zoé Durand <zoe@example.org>\n"
        "Mark diagnostic done on 2025-02-03\n\n"
        "diagnostic: status planned → done\n"
        "diagnostic: done — → 2025-02-03\n\n"
        "Residence-Command: milestone done\n"
        "Residence-Milestone: diagnostic\n\n");
  CHECK(
      git(tmp, tmp / "ws", {"log", "-1", "--format=%(trailers:key=Residence-Milestone,valueonly)"})
          .out == "diagnostic\n\n");
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out.empty());
  CHECK(git(tmp, tmp / "ws", {"fsck", "--strict"}).exit_code == 0);

  // Nothing to change: no empty commit.
  run(tmp, {"-C", "ws", "milestone", "done", "diagnostic", "--on", "2025-02-03", "--commit"});
  CHECK(head_count(tmp) == "2\n");

  const RunResult cascade = run(
      tmp, {"-C", "ws", "milestone", "move", "diagnostic", "--by", "+1w", "--cascade", "--commit"});
  REQUIRE(cascade.exit_code == 0);
  CHECK(
      git(tmp, tmp / "ws", {"log", "-1", "--format=%(trailers:key=Residence-Milestone,valueonly)"})
          .out == "diagnostic\ncopil-1\n\n");
}

TEST_CASE("--commit refuses when the milestones file had other uncommitted changes, unless told")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  replace_in(tmp, k_file, "owner = \"Ville\"", "owner = \"Ville\" # à confirmer");
  const std::string hand_edited = tmp.read(k_file);

  const RunResult refused = run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit"});
  CHECK(refused.exit_code == 5);
  CHECK(contains(refused.err, "residence: error: ws/calendrier/jalons.toml: the file has "
                              "uncommitted changes; --commit would record them"));
  CHECK(contains(refused.err, "--allow-dirty"));
  CHECK(tmp.read(k_file) == hand_edited);
  CHECK(head_count(tmp) == "1\n");

  const RunResult told =
      run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit", "--allow-dirty"});
  CHECK(told.exit_code == 0);
  CHECK(head_count(tmp) == "2\n");
  CHECK(contains(git(tmp, tmp / "ws", {"show", "HEAD"}).out, "+owner = \"Ville\" # à confirmer\n"));
}

TEST_CASE("--commit leaves other staged and unstaged changes out of the commit")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  tmp.write("ws/notes.md", "v1\n");
  init_repository(tmp, tmp / "ws");
  tmp.write("ws/notes.md", "v2\n");
  git_as(tmp, tmp / "ws", {"add", "notes.md"});
  tmp.write("ws/residence.toml", tmp.read("ws/residence.toml") + "# edited\n");

  REQUIRE(run(tmp, {"-C", "ws", "milestone", "cancel", "appel", "--commit"}).exit_code == 0);
  CHECK(git(tmp, tmp / "ws", {"show", "--name-only", "--format=", "HEAD"}).out ==
        "calendrier/jalons.toml\n");
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out == "M  notes.md\n M residence.toml\n");
}

TEST_CASE("commit = true in the manifest commits every edit, --no-commit does not")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  tmp.write("ws/residence.toml", tmp.read("ws/residence.toml") + "\n[git]\ncommit = true\n");
  init_repository(tmp, tmp / "ws");
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "block", "appel"}).exit_code == 0);
  CHECK(head_count(tmp) == "2\n");
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "start", "appel", "--no-commit"}).exit_code == 0);
  CHECK(head_count(tmp) == "2\n");
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out == " M calendrier/jalons.toml\n");
}

TEST_CASE("--commit outside a git repository fails with exit 4 and writes nothing")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  const std::string before = tmp.read(k_file);
  const RunResult r = run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit"},
                          {{}, {{"GIT_CEILING_DIRECTORIES", tmp.path().string()}}, {}});
  CHECK(r.exit_code == 4);
  CHECK(contains(r.err, "--commit needs a git repository"));
  CHECK(tmp.read(k_file) == before);
}

TEST_CASE("an id that the history ever held is never minted again")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "add", "Visite de site", "--phase", "b", "--due",
                    "2025-06-01", "--commit"})
              .exit_code == 0);
  CHECK(contains(tmp.read(k_file), "id = \"visite-de-site\""));

  // Someone removes it by hand and commits with plain git.
  std::string text = tmp.read(k_file);
  text.erase(text.find("[[milestone]]\nid = \"visite-de-site\""));
  tmp.write(k_file, text);
  commit_everything(tmp, tmp / "ws", "Remove the visit");

  const RunResult again = run(tmp, {"-C", "ws", "milestone", "add", "Visite de site", "--phase",
                                    "b", "--due", "2025-06-01"});
  REQUIRE(again.exit_code == 0);
  CHECK_FALSE(contains(tmp.read(k_file), "id = \"visite-de-site\""));
  CHECK(contains(tmp.read(k_file), "id = \"visite-de-site-"));

  const RunResult explicit_id = run(tmp, {"-C", "ws", "milestone", "add", "Visite", "--id",
                                          "visite-de-site", "--phase", "b", "--due", "2025-06-01"});
  CHECK(explicit_id.exit_code == 2);
  CHECK(contains(explicit_id.err, "milestone id 'visite-de-site' was used before, in the history"));
}

TEST_CASE("log tells the story of a history of more than fifty commits, hand edits included")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  git_as(tmp, tmp / "ws", {"init", "-q", "-b", "main"});
  commit_everything(tmp, tmp / "ws", "Workspace", "2025-01-01T09:00:00+01:00");

  // 50 hand edits of the due date of "appel", one a day, committed with git.
  std::string due = "2025-05-01";
  for (int i = 1; i <= 50; ++i) {
    const std::string next = fmt::format("2025-{:02}-{:02}", 5 + i / 28, 1 + i % 28);
    replace_in(tmp, k_file, "due = " + due + "\nowner", "due = " + next + "\nowner");
    commit_everything(tmp, tmp / "ws", fmt::format("Hand edit {}", i),
                      fmt::format("2025-02-{:02}T10:00:00+01:00", 1 + (i - 1) % 28));
    due = next;
  }
  // Edits through residence, and one commit that touches no milestone.
  REQUIRE(
      run(tmp, {"-C", "ws", "milestone", "done", "diagnostic", "--on", "2025-02-20", "--commit"})
          .exit_code == 0);
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "start", "copil-1", "--commit"}).exit_code == 0);
  tmp.write("ws/README.md", "Notes\n");
  commit_everything(tmp, tmp / "ws", "Readme");
  REQUIRE(head_count(tmp) == "54\n");

  const RunResult all = run(tmp, {"-C", "ws", "log", "--format", "json"});
  REQUIRE(all.exit_code == 0);
  // 3 milestones added at first, 50 due changes, status and done of diagnostic, status of copil-1.
  CHECK(count_of(all.out, "\"milestone\" : ") == 3 + 50 + 2 + 1);
  CHECK(count_of(all.out, "\"change\" : \"added\"") == 3);
  CHECK(contains(all.out, R"("author" : "Camille Martin")"));
  CHECK(contains(all.out, R"("date" : "2025-02-01")"));
  CHECK(contains(all.out, R"("time" : "2025-02-01T10:00:00+01:00")"));
  CHECK(contains(all.out, R"("field" : "due",
        "milestone" : "appel",
        "new" : "2025-05-02",
        "old" : "2025-05-01",)"));

  const RunResult appel = run(tmp, {"-C", "ws", "log", "appel"});
  REQUIRE(appel.exit_code == 0);
  CHECK(lines(appel.out) == "52"); // heading, 50 moves, the addition
  CHECK(contains(appel.out, "Camille Martin  appel      due    2025-06-22 → 2025-06-23\n"));
  CHECK(appel.out.rfind("added  ") != std::string::npos);

  const RunResult story = run(tmp, {"-C", "ws", "log", "diagnostic"});
  CHECK(contains(story.out, "diagnostic  status  planned → done\n"));
  CHECK(contains(story.out, "diagnostic  done    — → 2025-02-20\n"));

  const RunResult since =
      run(tmp, {"-C", "ws", "log", "appel", "--since", "2025-02-27", "--format", "json"});
  // Hand edits 27 and 28 were committed on 27 and 28 February; the others earlier.
  CHECK(count_of(since.out, "\"milestone\" : ") == 2);

  REQUIRE(run(tmp, {"-C", "ws", "milestone", "add", "Pas encore commité", "--phase", "a", "--due",
                    "2025-09-01"})
              .exit_code == 0);
  const RunResult fresh = run(tmp, {"-C", "ws", "log", "pas-encore-commite"});
  CHECK(fresh.exit_code == 0);
  CHECK(fresh.out == "No milestone changes in 54 commits.\n");

  const RunResult typo = run(tmp, {"-C", "ws", "log", "apel"});
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.err, "no milestone 'apel' in the history\n  hint: did you mean 'appel'?"));
}

TEST_CASE(
    "log reports a merge only for what it resolved, and steps over a commit that does not parse")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  git_as(tmp, tmp / "ws", {"checkout", "-q", "-b", "side"});
  replace_in(tmp, k_file, "owner = \"Ville\"", "owner = \"Métropole\"");
  commit_everything(tmp, tmp / "ws", "Owner on a branch");
  git_as(tmp, tmp / "ws", {"checkout", "-q", "main"});
  replace_in(tmp, k_file, "due = 2025-02-01", "due = 2025-02-08");
  commit_everything(tmp, tmp / "ws", "Due on main");
  REQUIRE(git_as(tmp, tmp / "ws", {"merge", "-q", "--no-edit", "side"}).exit_code == 0);

  // A broken commit, then the fix.
  replace_in(tmp, k_file, "due = 2025-03-01", "due = 2025-03-01 oops");
  commit_everything(tmp, tmp / "ws", "Broken");
  replace_in(tmp, k_file, "due = 2025-03-01 oops", "due = 2025-03-15");
  commit_everything(tmp, tmp / "ws", "Fixed");

  const RunResult r = run(tmp, {"-C", "ws", "log", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(count_of(r.out, "\"new\" : \"Métropole\"") == 1);
  CHECK(count_of(r.out, "\"new\" : \"2025-02-08\"") == 1);
  CHECK(contains(r.out, R"("milestone" : "copil-1",
        "new" : "2025-03-15",
        "old" : "2025-03-01",
        "subject" : "Fixed",)"));
}

TEST_CASE("status --rev reads a past revision from git objects without touching the work tree")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  REQUIRE(
      run(tmp, {"-C", "ws", "milestone", "done", "diagnostic", "--on", "2025-02-01", "--commit"})
          .exit_code == 0);
  tmp.write(k_file, "this is not = = TOML\n"); // a broken work tree
  const auto mtime = fs::last_write_time(tmp / k_file);

  const RunResult now = run(
      tmp, {"-C", "ws", "status", "--rev", "HEAD", "--as-of", "2025-02-15", "--format", "json"});
  REQUIRE(now.exit_code == 0);
  CHECK(contains(now.out, R"("progress" : {
        "done" : 1,)"));
  const RunResult before = run(
      tmp, {"-C", "ws", "status", "--rev", "HEAD~1", "--as-of", "2025-02-15", "--format", "json"});
  REQUIRE(before.exit_code == 0);
  CHECK(contains(before.out, R"("progress" : {
        "done" : 0,)"));
  CHECK(contains(before.out, R"("id" : "diagnostic")"));
  CHECK(tmp.read(k_file) == "this is not = = TOML\n");
  CHECK(fs::last_write_time(tmp / k_file) == mtime);
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out == " M calendrier/jalons.toml\n");

  const RunResult unknown = run(tmp, {"-C", "ws", "status", "--rev", "nope"});
  CHECK(unknown.exit_code == 4);
  CHECK(contains(unknown.err, "no revision 'nope'"));
}

namespace {

// What git holds for the workspace: HEAD, the index and the work tree.
struct GitState {
  std::string head;
  std::string staged;
  std::string status;
  std::string file;
};

GitState git_state(const TempDir& tmp)
{
  return {git(tmp, tmp / "ws", {"rev-parse", "HEAD"}).out,
          git(tmp, tmp / "ws", {"diff", "--cached", "--name-only"}).out,
          git(tmp, tmp / "ws", {"status", "--porcelain"}).out, tmp.read(k_file)};
}

void check_unchanged(const TempDir& tmp, const GitState& before)
{
  const GitState after = git_state(tmp);
  CHECK(after.head == before.head);
  CHECK(after.staged == before.staged);
  CHECK(after.status == before.status);
  CHECK(after.file == before.file);
}

} // namespace

TEST_CASE("--commit while git holds the index lock writes nothing and leaves HEAD where it was")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  const GitState before = git_state(tmp);
  tmp.write("ws/.git/index.lock", "");

  const RunResult r = run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit"});
  CHECK(r.exit_code == 4);
  CHECK(contains(r.err, "git: the index is locked (ws/.git/index.lock exists)"));
  fs::remove(tmp / "ws/.git/index.lock");
  check_unchanged(tmp, before);

  // The next ordinary commit has nothing to revert, and the edit still works.
  REQUIRE(run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit"}).exit_code == 0);
  CHECK(head_count(tmp) == "2\n");
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out.empty());
}

TEST_CASE("--commit whose branch cannot move puts back the index and the file: the edit is not "
          "made")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  tmp.write("ws/notes.md", "v1\n");
  init_repository(tmp, tmp / "ws");
  tmp.write("ws/notes.md", "v2\n");
  git_as(tmp, tmp / "ws", {"add", "notes.md"}); // staged by the user: must stay staged
  const GitState before = git_state(tmp);
  // Another git command is updating the branch: libgit2 cannot lock it.
  tmp.write("ws/.git/refs/heads/main.lock", "");

  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "done", "diagnostic", "--on", "2025-02-01", "--commit"});
  CHECK(r.exit_code == 4);
  CHECK(contains(r.err, "git: cannot move refs/heads/main"));
  CHECK(contains(r.err, "the edit was not made: ws/calendrier/jalons.toml restored as it was"));
  fs::remove(tmp / "ws/.git/refs/heads/main.lock");
  check_unchanged(tmp, before);
  CHECK(before.staged == "notes.md\n");

  // Run again: the edit is made, not "Nothing to change".
  const RunResult again =
      run(tmp, {"-C", "ws", "milestone", "done", "diagnostic", "--on", "2025-02-01", "--commit"});
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "Committed "));
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out == "M  notes.md\n");
  CHECK(git(tmp, tmp / "ws", {"show", "--name-only", "--format=", "HEAD"}).out ==
        "calendrier/jalons.toml\n");
}

TEST_CASE("--commit during an unfinished merge is refused before anything is written")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  tmp.write("ws/notes.md", "base\n");
  init_repository(tmp, tmp / "ws");
  git_as(tmp, tmp / "ws", {"checkout", "-q", "-b", "side"});
  tmp.write("ws/notes.md", "side\n");
  commit_everything(tmp, tmp / "ws", "Side");
  git_as(tmp, tmp / "ws", {"checkout", "-q", "main"});
  tmp.write("ws/notes.md", "main\n");
  commit_everything(tmp, tmp / "ws", "Main");
  REQUIRE(git_as(tmp, tmp / "ws", {"merge", "-q", "side"}).exit_code != 0); // a conflict
  tmp.write("ws/notes.md", "resolved\n");
  git_as(tmp, tmp / "ws", {"add", "notes.md"});
  const GitState before = git_state(tmp);

  const RunResult r = run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit"});
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err, "a merge is in progress in this repository; a commit now would record "
                        "its whole resolution along with this edit"));
  check_unchanged(tmp, before);
  CHECK(fs::exists(tmp / "ws/.git/MERGE_HEAD"));

  // Without --commit the edit is made and the merge goes on.
  CHECK(run(tmp, {"-C", "ws", "milestone", "start", "appel"}).exit_code == 0);
}

TEST_CASE("--commit checks the repository and the author before writing")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  git_as(tmp, tmp / "ws", {"init", "-q", "-b", "main"});
  const std::string original = tmp.read(k_file);

  const RunResult unborn = run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit"});
  CHECK(unborn.exit_code == 4);
  CHECK(contains(unborn.err, "git: the repository has no commit yet"));
  CHECK(tmp.read(k_file) == original);

  commit_everything(tmp, tmp / "ws", "Workspace");
  const RunResult author = run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit",
                                     "--author", "Zoé <zoe> <zoe@example.org>"});
  CHECK(author.exit_code == 2);
  CHECK(contains(author.err, "git cannot sign a commit as"));
  CHECK(tmp.read(k_file) == original);
  CHECK(head_count(tmp) == "1\n");
}

TEST_CASE("--commit and --no-commit together are a usage error")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  const std::string original = tmp.read(k_file);
  const RunResult r =
      run(tmp, {"-C", "ws", "milestone", "start", "appel", "--commit", "--no-commit"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--commit excludes --no-commit"));
  CHECK(tmp.read(k_file) == original);
  CHECK(head_count(tmp) == "1\n");
}

TEST_CASE("log in a shallow clone reads the commits it holds and says where they start")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  for (const char* day : {"2025-02-08", "2025-02-15", "2025-02-22"}) {
    replace_in(tmp, k_file, "due = 2025-02", std::string("due = ") + day + "\n#");
    commit_everything(tmp, tmp / "ws", std::string("Move to ") + day);
  }
  REQUIRE(git(tmp, tmp.path(),
              {"clone", "-q", "--depth", "2", "file://" + (tmp / "ws").string(), "clone"})
              .exit_code == 0);
  const std::string first = git(tmp, tmp / "clone", {"rev-parse", "--short", "HEAD~1"}).out;

  const RunResult r = run(tmp, {"-C", "clone", "log", "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(count_of(r.out, "\"milestone\" : ") == 1); // the last move; the one before is unknown
  CHECK(contains(r.out, "\"new\" : \"2025-02-22\""));
  CHECK(contains(r.err, "residence: warning: the git history is shallow: it starts at " +
                            first.substr(0, first.size() - 1)));

  const RunResult add = run(
      tmp, {"-C", "clone", "milestone", "add", "Visite", "--phase", "b", "--due", "2025-06-01"});
  CHECK(add.exit_code == 0);
  CHECK(contains(add.err, "ids used before it could not be checked"));
}

TEST_CASE("log follows a milestones file renamed a commit before the manifest names it")
{
  TempDir tmp;
  write_workspace(tmp, "ws", sample());
  init_repository(tmp, tmp / "ws");
  git_as(tmp, tmp / "ws", {"mv", "calendrier/jalons.toml", "calendrier/calendrier.toml"});
  git_as(tmp, tmp / "ws", {"commit", "-q", "-m", "Rename the file"});
  replace_in(tmp, "ws/residence.toml", "calendrier/jalons.toml", "calendrier/calendrier.toml");
  replace_in(tmp, "ws/calendrier/calendrier.toml", "owner = \"Ville\"", "owner = \"Métropole\"");
  commit_everything(tmp, tmp / "ws", "Name it in the manifest, and a new owner");

  const RunResult r = run(tmp, {"-C", "ws", "log", "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(count_of(r.out, "\"change\" : \"removed\"") == 0);
  CHECK(count_of(r.out, "\"change\" : \"added\"") == 3); // the first commit only
  CHECK(contains(r.out, R"("milestone" : "appel",
        "new" : "Métropole",
        "old" : "Ville",)"));
}

TEST_CASE("an edit with --commit killed at any rename never leaves HEAD ahead of the index")
{
  TempDir probe;
  bool have_strace = false;
  try {
    have_strace = run_program(probe, "strace", {"-V"}).exit_code == 0;
  } catch (const std::exception&) {
    have_strace = false; // not installed: it cannot even start
  }
  if (!have_strace) {
    MESSAGE("strace is not installed: the kill -9 test is skipped");
    return;
  }
  // HEAD, the index and the work tree each hold the edit or not; a kill may
  // stop anywhere, but never with a step holding it while the one after not.
  const auto holds = [](const std::string& text) {
    return contains(text, "owner = \"Ville\"\nstatus = \"active\"");
  };
  for (int k = 1; k <= 6; ++k) {
    CAPTURE(k);
    TempDir tmp;
    write_workspace(tmp, "ws", sample());
    init_repository(tmp, tmp / "ws");
    run_program(tmp, "strace",
                {"-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2", "-e",
                 fmt::format("inject=rename,renameat,renameat2:signal=KILL:when={}", k),
                 RESIDENCE_BINARY, "-C", "ws", "milestone", "start", "appel", "--commit"});
    const bool head = holds(git(tmp, tmp / "ws", {"show", "HEAD:calendrier/jalons.toml"}).out);
    const bool index = holds(git(tmp, tmp / "ws", {"show", ":calendrier/jalons.toml"}).out);
    const bool work = holds(tmp.read(k_file));
    CHECK((!head || index));
    CHECK((!index || work));
  }
}
