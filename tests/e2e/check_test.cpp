#include <doctest/doctest.h>

#include <sys/resource.h>

#include <cstdlib>

#include "e2e/check_fixtures.h"
#include "e2e/fixtures.h"
#include "support/run.h"
#include "support/text.h"

using namespace residence::testing;

namespace {

// The first line of each diagnostic on stderr.
std::vector<std::string> headlines(const std::string& err)
{
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < err.size();) {
    const std::size_t end = std::min(err.find('\n', pos), err.size());
    const std::string line = err.substr(pos, end - pos);
    if (line.rfind("residence: ", 0) == 0 && line.rfind("residence: checked ", 0) != 0) {
      lines.push_back(line);
    }
    pos = end + 1;
  }
  return lines;
}

// A file of tests/golden; RESIDENCE_UPDATE_GOLDEN=1 writes `actual` into it.
std::string golden(const std::string& name, const std::string& actual)
{
  const fs::path path = fs::path(RESIDENCE_TESTS_DIR) / "golden" / name;
  if (std::getenv("RESIDENCE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

RunResult xmllint(const TempDir& tmp, const std::string& xml)
{
  tmp.write("report.xml", xml);
  const std::string schema = (fs::path(RESIDENCE_TESTS_DIR) / "fixtures" / "junit.xsd").string();
  return run_program(tmp, "xmllint",
                     {"--noout", "--schema", schema, (tmp / "report.xml").string()});
}

int count(const std::string& text, const std::string& needle)
{
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

const std::string k_clean = std::string(phases_ab()) + milestone("m", "a", "2025-03-10") +
                            milestone("n", "b", "2025-04-10", "depends_on = [\"m\"]");

} // namespace

TEST_CASE("a clean workspace passes check: exit 0, a summary on stderr, nothing on stdout")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_clean);
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-01"});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "residence: checked 2 files: no problems\n");
  CHECK(r.out.empty());
  CHECK(run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-01", "--quiet"}).err.empty());
}

TEST_CASE("a workspace broken in each way fails check with one clear message per fault")
{
  TempDir tmp;
  write_broken_workspace(tmp, "ws");
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-10"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  const std::vector<std::string> expected {
      "residence: error: ws/residence.toml:1:1: [residence] has no 'name'",
      "residence: warning: ws/residence.toml:4:1: unknown key 'couleur' in [residence]; it is kept "
      "as it is",
      "residence: error: ws/residence.toml:10:39: ws/residence.toml names the document "
      "'selection/grille.md', which "
      "does not exist",
      "residence: error: ws/calendrier/jalons.toml:10:10: milestone 'fait' is done but has no done "
      "date",
      "residence: error: ws/calendrier/jalons.toml:18:8: milestone 'futur' has the done date "
      "2025-03-20, after "
      "2025-03-10, the date of this check",
      "residence: warning: ws/calendrier/jalons.toml:24:7: milestone 'retard' is 9 days late: due "
      "2025-03-01, not "
      "done as of 2025-03-10",
      "residence: warning: ws/calendrier/jalons.toml:25:1: unknown key 'lieu' in milestone "
      "'retard'; it is kept as it "
      "is",
      "residence: error: ws/calendrier/jalons.toml:32:15: dependency cycle: x → y → z → x",
      "residence: error: ws/calendrier/jalons.toml:53:15: dependency cycle: d → d",
      "residence: error: ws/calendrier/jalons.toml:85:9: milestone 'tot' is in unknown phase 'b'",
      "residence: warning: ws/calendrier/jalons.toml:87:15: milestone 'tot' is due on 2025-05-01, "
      "before its "
      "dependency 'h' (due 2025-06-01)",
      "residence: error: ws/calendrier/jalons.toml:87:30: milestone 'tot' depends on unknown "
      "milestone 'fiat'",
      "residence: error: ws/calendrier/evenements.toml:2:6: milestone id 'fait' is used twice; "
      "first at "
      "ws/calendrier/jalons.toml:5",
      "residence: note: ws/calendrier/2026.toml: dependencies on 'visite' were not checked, "
      "because "
      "ws/calendrier/2026.toml could not be read",
      "residence: error: ws/calendrier/2026.toml:5:7: impossible date '2025-02-29': expected day "
      "between 1 and 28 "
      "(inclusive), saw 29",
      "residence: error: ws/budget/budget.toml:5:12: 'day_rate' of line 'A1': '10.075' has more "
      "than two decimals; "
      "amounts are exact to the cent",
      "residence: error: ws/evaluation/indicateurs.toml:5:1: key 'target' is defined twice in "
      "indicator 'emplois'; "
      "first at line 3",
      "residence: warning: ws/gouvernance/charte.md:4:12: field left to complete: [À COMPLÉTER : "
      "date de la séance]",
      "residence: warning: ws/gouvernance/charte.md:4:48: template tag {{territory}} was left "
      "unrendered",
      "residence: error: ws/gouvernance/charte.md:7:1: unresolved merge conflict in "
      "ws/gouvernance/charte.md at line 7",
  };
  CHECK(headlines(r.err) == expected);
  CHECK(contains(
      r.err,
      "   32 | depends_on = [\"y\"]\n      |               ^\n  hint: x at "
      "ws/calendrier/jalons.toml:27, "
      "y at ws/calendrier/jalons.toml:34, z at ws/calendrier/jalons.toml:41; remove one of these "
      "dependencies\n"));
  CHECK(contains(r.err, "  hint: did you mean 'fait'?\n"));
  CHECK(r.err.substr(r.err.rfind("residence: ")) ==
        "residence: checked 7 files: 13 errors, 6 warnings\n");
}

TEST_CASE("github annotations of the broken workspace match the golden file")
{
  TempDir tmp;
  write_broken_workspace(tmp, "ws");
  const RunResult r =
      run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-10", "--format", "github"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == golden("check-broken.github", r.out));
  CHECK(contains(
      r.err, "residence: error: ws/residence.toml:1:1: [residence] has no 'name'\n")); // text on
                                                                                       // stderr too
}

TEST_CASE(
    "github annotations of a clean workspace are empty, and warnings alone are ::warning lines")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_clean);
  CHECK(run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-01", "--format", "github"}).out.empty());
  const RunResult late =
      run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-12", "--format", "github"});
  CHECK(late.exit_code == 0);
  CHECK(late.out == golden("check-overdue.github", late.out));
}

TEST_CASE("the JUnit report validates against a JUnit schema, clean or broken")
{
  TempDir tmp;
  write_broken_workspace(tmp, "broken");
  write_workspace(tmp, "clean", k_clean);

  const RunResult broken =
      run(tmp, {"-C", "broken", "check", "--as-of", "2025-03-10", "--format", "junit"});
  CHECK(broken.exit_code == 1);
  const RunResult valid = xmllint(tmp, broken.out);
  CHECK_MESSAGE(valid.exit_code == 0, valid.err);
  CHECK(contains(
      broken.out,
      R"(<testsuite name="residence check" tests="7" failures="7" errors="0" skipped="0" time="0">)"));
  CHECK(count(broken.out, "<testcase ") == 7);
  CHECK(count(broken.out, "<failure ") == 7);
  CHECK(contains(broken.out, "<failure message=\"line 10: milestone 'fait' is done but "
                             "has no done date (and 5 more)\" "
                             "type=\"done-without-date\">"));

  const RunResult clean =
      run(tmp, {"-C", "clean", "check", "--as-of", "2025-03-01", "--format", "junit"});
  CHECK(clean.exit_code == 0);
  CHECK(xmllint(tmp, clean.out).exit_code == 0);
  CHECK(
      contains(clean.out,
               R"(<testcase classname="residence check" name="clean/residence.toml" time="0"/>)"));
  CHECK(count(clean.out, "<failure ") == 0);

  // The schema is not a formality: it refuses what a CI server would.
  std::string twice = broken.out;
  twice.replace(twice.find("</failure>"), 10, "</failure><failure/>");
  CHECK(xmllint(tmp, twice).exit_code != 0);
}

TEST_CASE("json output is valid JSON with counts, for a program to read")
{
  TempDir tmp;
  write_broken_workspace(tmp, "ws");
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-10", "--format", "json"});
  CHECK(r.exit_code == 1);
  const RunResult parsed = run_program(
      tmp, "python3",
      {"-c",
       "import json,sys; d=json.load(sys.stdin); print(d['errors'], d['warnings'], d['notes'], "
       "len(d['diagnostics']), d['diagnostics'][0]['file'], d['diagnostics'][0]['code'])"},
      {{}, {}, r.out});
  CHECK(parsed.out == "13 6 1 20 ws/residence.toml missing-key\n");
}

TEST_CASE(
    "--strict makes overdue milestones and open fields errors, --fail-on warning fails on warnings")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_clean);
  tmp.write("ws/charte.md", "Adresse : [À COMPLÉTER : adresse]\n");
  const std::vector<std::string> check {"-C", "ws", "check", "--as-of", "2025-03-12"};

  const RunResult lenient = run(tmp, check);
  CHECK(lenient.exit_code == 0);
  CHECK(headlines(lenient.err) ==
        std::vector<std::string> {
            "residence: warning: ws/calendrier/jalons.toml:13:7: milestone 'm' is 2 days late: "
            "due 2025-03-10, not done as of 2025-03-12",
            "residence: warning: ws/charte.md:1:11: field left to complete: [À COMPLÉTER : "
            "adresse]"});

  auto strict = check;
  strict.push_back("--strict");
  const RunResult s = run(tmp, strict);
  CHECK(s.exit_code == 1);
  CHECK(count(s.err, "residence: error: ") == 2);

  auto on_warning = check;
  on_warning.insert(on_warning.end(), {"--fail-on", "warning"});
  CHECK(run(tmp, on_warning).exit_code == 1);
  CHECK(
      run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-01", "--fail-on", "warning"}).exit_code ==
      1); // the field
}

TEST_CASE("--quiet keeps only the errors on stderr")
{
  TempDir tmp;
  write_broken_workspace(tmp, "ws");
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-03-10", "--quiet"});
  CHECK(r.exit_code == 1);
  CHECK(count(r.err, "residence: error: ") == 13);
  CHECK_FALSE(contains(r.err, "residence: warning: "));
  CHECK_FALSE(contains(r.err, "residence: checked"));
}

TEST_CASE("impossible dates are refused by check at their file and line, not rolled over")
{
  TempDir tmp;
  write_workspace(tmp, "ws", std::string(phases_ab()) + milestone("m", "a", "2025-02-29"));
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-01-01"});
  CHECK(r.exit_code == 1);
  CHECK(headlines(r.err) ==
        std::vector<std::string> {"residence: error: ws/calendrier/jalons.toml:13:7: impossible "
                                  "date '2025-02-29': expected day between 1 and 28 (inclusive), "
                                  "saw 29"});
  write_workspace(tmp, "ok", std::string(phases_ab()) + milestone("m", "a", "2024-02-29"));
  CHECK(run(tmp, {"-C", "ok", "check", "--as-of", "2024-01-01"}).exit_code == 0);
}

TEST_CASE("dependency cycles are reported once each with the path and lines, status still shows "
          "the others")
{
  TempDir tmp;
  write_workspace(tmp, "ws",
                  std::string(phases_ab()) +
                      milestone("a", "a", "2025-06-01", "depends_on = [\"b\"]") +
                      milestone("b", "a", "2025-06-01", "depends_on = [\"c\"]") +
                      milestone("c", "a", "2025-06-01", "depends_on = [\"a\"]") +
                      milestone("d", "a", "2025-06-01", "depends_on = [\"d\"]") +
                      milestone("e", "b", "2025-07-01", "depends_on = [\"f\", \"g\"]") +
                      milestone("f", "b", "2025-06-20", "depends_on = [\"h\"]") +
                      milestone("g", "b", "2025-06-20", "depends_on = [\"h\"]") +
                      milestone("h", "b", "2025-06-10"));
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-01-01"});
  CHECK(r.exit_code == 1);
  CHECK(headlines(r.err) ==
        std::vector<std::string> {
            "residence: error: ws/calendrier/jalons.toml:14:15: dependency cycle: a → b → c → a",
            "residence: error: ws/calendrier/jalons.toml:32:15: dependency cycle: d → d"});
  CHECK(contains(r.err,
                 "hint: a at ws/calendrier/jalons.toml:9, b at ws/calendrier/jalons.toml:15, "
                 "c at ws/calendrier/jalons.toml:21; remove one of these dependencies\n"));
  CHECK(contains(
      r.err, "hint: 'd' at ws/calendrier/jalons.toml:27 lists itself in depends_on; remove it\n"));

  const RunResult status =
      run(tmp, {"-C", "ws", "status", "--as-of", "2025-01-01", "--window", "300"});
  CHECK(status.exit_code == 0);
  CHECK(contains(status.out, "  h   2025-06-10"));
  CHECK(contains(status.out, "  e   2025-07-01"));
}

TEST_CASE("merge-conflict markers fail check and stop every other command, with a human message")
{
  TempDir tmp;
  write_workspace(tmp, "ws",
                  std::string(phases_ab()) +
                      "[[milestone]]\nid = \"m\"\ntitle = \"M\"\nphase = \"a\"\n"
                      "<<<<<<< HEAD\ndue = 2025-03-10\n=======\ndue = 2025-04-10\n>>>>>>> autre\n");
  const std::string before = tmp.read("ws/calendrier/jalons.toml");
  const RunResult c = run(tmp, {"-C", "ws", "check", "--as-of", "2025-01-01"});
  CHECK(c.exit_code == 1);
  CHECK(headlines(c.err) ==
        std::vector<std::string> {"residence: error: ws/calendrier/jalons.toml:13:1: unresolved "
                                  "merge conflict in ws/calendrier/jalons.toml at line 13"});
  const RunResult s = run(tmp, {"-C", "ws", "status"});
  CHECK(s.exit_code == 3);
  CHECK(contains(s.err, "unresolved merge conflict in ws/calendrier/jalons.toml at line 13"));
  CHECK(tmp.read("ws/calendrier/jalons.toml") == before);
}

TEST_CASE("check: wrong usage exits 2, outside a workspace 3")
{
  TempDir tmp;
  write_workspace(tmp, "ws", k_clean);
  CHECK(run(tmp, {"-C", "ws", "check", "--format", "yaml"}).exit_code == 2);
  CHECK(run(tmp, {"-C", "ws", "check", "--fail-on", "note"}).exit_code == 2);
  CHECK(run(tmp, {"-C", "ws", "check", "--as-of", "2025-02-30"}).exit_code == 2);
  const RunResult outside = run(tmp, {"check"});
  CHECK(outside.exit_code == 3);
  CHECK(contains(outside.err, "not a residence workspace"));
  const RunResult help = run(tmp, {"check", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "--fail-on"));
}

TEST_CASE("a scaffolded workspace passes check, and --strict lists the fields left to complete")
{
  TempDir tmp;
  for (const char* lang : {"fr", "en"}) {
    CAPTURE(lang);
    const std::string dir = std::string("ws-") + lang;
    REQUIRE(run(tmp, {"init", dir, "--lang", lang, "--defaults", "--set", "start_date=2027-01-04"})
                .exit_code == 0);
    const RunResult r = run(tmp, {"-C", dir, "check", "--as-of", "2026-06-01"});
    CHECK(r.exit_code == 0);
    CHECK(count(r.err, "residence: error: ") == 0);
    CHECK(count(r.err, "residence: warning: ") == count(r.err, ": field left to complete: "));
    CHECK(contains(r.err, "residence: checked 21 files: 0 errors, "));
    CHECK_FALSE(contains(r.err, dir + "/README.md")); // it quotes the marker in backticks

    const RunResult strict = run(tmp, {"-C", dir, "check", "--as-of", "2026-06-01", "--strict"});
    CHECK(strict.exit_code == 1);
    CHECK(count(strict.err, "residence: warning: ") == 0);
  }
}

TEST_CASE("the ci answer adds the pipeline that runs check, byte for byte")
{
  TempDir tmp;
  REQUIRE(run(tmp, {"init", "gh", "--defaults", "--set", "ci=github"}).exit_code == 0);
  REQUIRE(run(tmp, {"init", "gl", "--lang", "en", "--defaults", "--set", "ci=gitlab"}).exit_code ==
          0);
  REQUIRE(run(tmp, {"init", "none", "--defaults"}).exit_code == 0);

  const std::string github = tmp.read("gh/.github/workflows/residence.yml");
  CHECK(contains(github, "RESIDENCE_GIT_URL: ${{ vars.RESIDENCE_GIT_URL }}\n"));
  CHECK(contains(github, "run: residence check --format github $RESIDENCE_CHECK_ARGS\n"));
  CHECK_FALSE(fs::exists(tmp / "gh/.gitlab-ci.yml"));

  const std::string gitlab = tmp.read("gl/.gitlab-ci.yml");
  CHECK(contains(gitlab,
                 "- residence check --format junit $RESIDENCE_CHECK_ARGS > residence-check.xml\n"));
  CHECK(contains(gitlab, "    reports:\n      junit: residence-check.xml\n"));
  CHECK_FALSE(fs::exists(tmp / "gl/.github"));

  CHECK_FALSE(fs::exists(tmp / "none/.github"));
  CHECK_FALSE(fs::exists(tmp / "none/.gitlab-ci.yml"));
  CHECK(contains(tmp.read("gh/.residence/answers.toml"), "ci = \"github\"\n"));

  // Both are YAML a CI server can read, with the job where the server looks.
  const RunResult yaml = run_program(
      tmp, "python3",
      {"-c",
       "import yaml,sys; g=yaml.safe_load(open(sys.argv[1])); l=yaml.safe_load(open(sys.argv[2])); "
       "print(g['jobs']['check']['container'], "
       "l['residence-check']['artifacts']['reports']['junit'])",
       (tmp / "gh/.github/workflows/residence.yml").string(),
       (tmp / "gl/.gitlab-ci.yml").string()});
  CHECK(yaml.out == "debian:12 residence-check.xml\n");

  // The pipeline lives in a hidden folder that check leaves alone.
  CHECK(run(tmp, {"-C", "gh", "check", "--as-of", "2026-01-01"}).exit_code == 0);
}

namespace {

// CPU seconds used by the children this process has waited for.
double children_cpu_seconds()
{
  rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

} // namespace

TEST_CASE("5000 milestones in a layered graph check clean in well under a second")
{
  TempDir tmp;
  const std::string generator =
      (fs::path(RESIDENCE_TESTS_DIR) / ".." / "bench" / "generate-layered").string();
  REQUIRE(run_program(tmp, generator, {(tmp / "ws").string(), "5000", "100", "5"}).exit_code == 0);

  const double before = children_cpu_seconds();
  const RunResult r = run(tmp, {"-C", "ws", "check", "--as-of", "2025-01-01"});
  const double cpu = children_cpu_seconds() - before;
  CHECK(r.exit_code == 0);
  CHECK(r.err == "residence: checked 2 files: no problems\n");
  MESSAGE("check of 5,000 milestones: " << cpu << " s of CPU");
#ifdef RESIDENCE_TIME_LIMITS
  CHECK(cpu < 1.0);
#endif

  const RunResult late =
      run(tmp, {"-C", "ws", "check", "--as-of", "2027-01-01", "--format", "json"});
  CHECK(late.exit_code == 0);
  CHECK(contains(late.out, R"("warnings" : 5000)"));
}
