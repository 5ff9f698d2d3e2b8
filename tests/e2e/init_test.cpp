#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "io/toml_document.h"
#include "milestones/milestone_set.h"
#include "support/run.h"
#include "support/text.h"

using namespace residence::testing;

namespace {

std::vector<fs::path> files_below(const fs::path& root)
{
  std::vector<fs::path> files;
  if (!fs::exists(root)) {
    return files;
  }
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
    } else if (it->is_regular_file()) {
      files.push_back(fs::relative(it->path(), root));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Names of what a folder holds, so a test can see nothing else appeared.
std::vector<std::string> entries(const fs::path& dir)
{
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<std::string> k_demo{"init", "ws", "--defaults", "--set", "start_date=2027-01-04"};

// A custom template in a folder, for cases the built-in one does not show.
void write_template(const TempDir& tmp, const std::string& dir, const std::string& questions,
                    const std::vector<std::pair<std::string, std::string>>& files)
{
  tmp.write(dir + "/template.toml", "[template]\nname = \"essai\"\nversion = \"0.1.0\"\nlanguage = \"fr\"\n\n" + questions);
  for (const auto& [path, content] : files) {
    tmp.write(dir + "/" + path, content);
  }
}

} // namespace

TEST_CASE("init scaffolds the French workspace as a git repository with one commit")
{
  TempDir tmp;
  const RunResult r = run(tmp, k_demo);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "Created ws/ from template fr 1.0.0"));
  CHECK(contains(r.out, "Next: cd ws && residence status"));

  for (const char* path : {"residence.toml", "calendrier/jalons.toml", "budget/budget.toml", "evaluation/indicateurs.toml",
                           "gouvernance/charte.md", "contrats/convention-residence.md", "contrats/convention-partenariat.md",
                           "selection/grille.md", "communication/kit.md", "README.md", ".residence/answers.toml",
                           "fiches/01-choisir-la-problematique.md", "fiches/10-evaluer-et-transmettre.md"}) {
    CAPTURE(path);
    CHECK(fs::is_regular_file(tmp / "ws" / path));
  }

  int toml_files = 0;
  for (const auto& rel : files_below(tmp / "ws")) {
    if (rel.extension() == ".toml") {
      CAPTURE(rel);
      CHECK_NOTHROW(residence::load_toml(tmp / "ws" / rel, rel.string()));
      ++toml_files;
    }
    CHECK_FALSE(contains(tmp.read("ws/" + rel.string()), "{{"));
  }
  CHECK(toml_files == 5);

  CHECK(git(tmp, tmp / "ws", {"rev-list", "--count", "HEAD"}).out == "1\n");
  CHECK(git(tmp, tmp / "ws", {"branch", "--show-current"}).out == "main\n");
  CHECK(git(tmp, tmp / "ws", {"status", "--porcelain"}).out.empty());
  const RunResult fsck = git(tmp, tmp / "ws", {"fsck", "--strict"});
  CHECK(fsck.exit_code == 0);
  CHECK(fsck.err.empty());
  CHECK(git(tmp, tmp / "ws", {"log", "--format=%an <%ae>"}).out == "residence <residence@localhost>\n");
}

TEST_CASE("the answers shape the documents, and French text survives")
{
  TempDir tmp;
  const RunResult r = run(tmp, {"init", "ws", "--defaults", "--set", "territory=Saint-Étienne-du-Rouvray", "--set",
                                "carrier=Coopérative « L’Atelier » \"test\"", "--set", "start_date=2026-08-31", "--set",
                                "duration_months=30"});
  REQUIRE(r.exit_code == 0);
  const std::string manifest = tmp.read("ws/residence.toml");
  CHECK(contains(manifest, "name = \"Résidence d’innovation de Saint-Étienne-du-Rouvray\""));
  CHECK(contains(manifest, "carrier = \"Coopérative « L’Atelier » \\\"test\\\"\""));
  CHECK(contains(manifest, "start = 2026-08-31"));
  const std::string milestones = tmp.read("ws/calendrier/jalons.toml");
  CHECK(contains(milestones, "start = 2026-02-28\n")); // 31 August - 6 months, clamped
  CHECK(contains(milestones, "id = \"etats-des-lieux-sortie\""));
  CHECK(contains(milestones, "due = 2029-02-27\n")); // start + 30 months - 1 day
  CHECK(contains(tmp.read("ws/gouvernance/charte.md"), "Coopérative « L’Atelier » \"test\""));
  const std::string answers = tmp.read("ws/.residence/answers.toml");
  CHECK(contains(answers, "duration_months = 30\n"));
  CHECK(contains(answers, "source = \"builtin:fr\""));
}

TEST_CASE("the demo workspace reviews: every preparation milestone is overdue on the start date")
{
  TempDir tmp;
  REQUIRE(run(tmp, k_demo).exit_code == 0);
  const RunResult r = run(tmp, {"-C", "ws", "status", "--as-of", "2027-01-04", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, R"("progress" : {
        "done" : 0,
        "percent" : 0,
        "total" : 46
    })"));
  // The three preparation phases hold 6 + 5 + 6 milestones, all due before the start.
  const auto count = [&](const std::string& key) {
    const auto from = r.out.find("\"" + key + "\" : [");
    const auto to = r.out.find("\n    ]", from);
    std::size_t n = 0;
    for (auto p = r.out.find("\"id\" :", from); p != std::string::npos && p < to; p = r.out.find("\"id\" :", p + 1)) {
      ++n;
    }
    return n;
  };
  CHECK(count("overdue") == 17);
  CHECK(count("due_today") == 1);
  CHECK(contains(r.out, R"("id" : "arrivee-residents")"));
  CHECK(count("next") == 5);
}

TEST_CASE("the English template scaffolds too")
{
  TempDir tmp;
  const RunResult r = run(tmp, {"init", "ws", "--lang", "en", "--defaults", "--set", "start_date=2027-01-04"});
  REQUIRE(r.exit_code == 0);
  CHECK(fs::is_regular_file(tmp / "ws/governance/charter.md"));
  const RunResult s = run(tmp, {"-C", "ws", "status", "--as-of", "2027-01-04", "--format", "json"});
  CHECK(s.exit_code == 0);
  CHECK(contains(s.out, R"("total" : 46)"));
}

TEST_CASE("author comes from --author, then git configuration")
{
  TempDir tmp;
  REQUIRE(run(tmp, {"init", "a", "--defaults", "--author", "Zoé Martin <zoe@example.org>"}).exit_code == 0);
  CHECK(git(tmp, tmp / "a", {"log", "--format=%an <%ae>"}).out == "Zoé Martin <zoe@example.org>\n");

  tmp.write(".home/.gitconfig", "[user]\n\tname = Camille\n\temail = camille@example.org\n");
  REQUIRE(run(tmp, {"init", "b", "--defaults"}).exit_code == 0);
  CHECK(git(tmp, tmp / "b", {"log", "--format=%an <%ae>"}).out == "Camille <camille@example.org>\n");

  CHECK(run(tmp, {"init", "c", "--defaults", "--author", "nobody"}).exit_code == 2);
}

TEST_CASE("a second init over an existing folder changes nothing and exits 5")
{
  TempDir tmp;
  REQUIRE(run(tmp, k_demo).exit_code == 0);
  tmp.write("ws/notes-perso.md", "à garder\n");
  tmp.write("ws/residence.toml", tmp.read("ws/residence.toml") + "# ajout à la main\n");
  const std::string head = git(tmp, tmp / "ws", {"rev-parse", "HEAD"}).out;
  const std::string manifest = tmp.read("ws/residence.toml");

  const RunResult again = run(tmp, k_demo);
  CHECK(again.exit_code == 5);
  CHECK(contains(again.err, "residence: error: ws already exists and is not empty; init never overwrites"));
  CHECK(contains(again.err, "residence: note: would overwrite ws/residence.toml"));
  CHECK(contains(again.err, "residence: note: would overwrite ws/calendrier/jalons.toml"));
  CHECK(tmp.read("ws/notes-perso.md") == "à garder\n");
  CHECK(tmp.read("ws/residence.toml") == manifest);
  CHECK(git(tmp, tmp / "ws", {"rev-parse", "HEAD"}).out == head);
  CHECK(entries(tmp.path()) == std::vector<std::string>{".home", ".run", "ws"});
}

TEST_CASE("init into an empty folder works, into a file is refused")
{
  TempDir tmp;
  fs::create_directories(tmp / "vide");
  CHECK(run(tmp, {"init", "vide", "--defaults"}).exit_code == 0);
  CHECK(fs::is_regular_file(tmp / "vide/residence.toml"));
  tmp.write("fichier", "x");
  CHECK(run(tmp, {"init", "fichier", "--defaults"}).exit_code == 5);
  CHECK(tmp.read("fichier") == "x");
}

TEST_CASE("dry run and no-git")
{
  TempDir tmp;
  const RunResult dry = run(tmp, {"init", "ws", "--defaults", "--dry-run"});
  CHECK(dry.exit_code == 0);
  CHECK(contains(dry.out, "Would create ws/"));
  CHECK_FALSE(fs::exists(tmp / "ws"));

  CHECK(run(tmp, {"init", "plain", "--defaults", "--no-git", "--quiet"}).out.empty());
  CHECK(fs::is_regular_file(tmp / "plain/residence.toml"));
  CHECK_FALSE(fs::exists(tmp / "plain/.git"));
}

TEST_CASE("without a terminal nothing waits for an answer")
{
  TempDir tmp;
  write_template(tmp, "tpl", "[[question]]\nkey = \"territory\"\nprompt = \"Territoire\"\n", {{"a.md.tmpl", "{{territory}}\n"}});
  const RunResult r = run(tmp, {"init", "out", "--template", "tpl"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "question 'territory' (Territoire) has no default and no answer"));
  CHECK(contains(r.err, "hint: pass --set territory=VALUE or --answers FILE.toml"));
  CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE("all invalid answers are reported in one run, before anything is written")
{
  TempDir tmp;
  write_template(tmp, "tpl",
                 "[[question]]\nkey = \"start_date\"\ntype = \"date\"\ndefault = \"2027-01-04\"\n\n"
                 "[[question]]\nkey = \"end_date\"\ntype = \"date\"\ndefault = \"2029-01-04\"\nafter = \"start_date\"\n\n"
                 "[[question]]\nkey = \"visit_date\"\ntype = \"date\"\ndefault = \"2027-06-01\"\n\n"
                 "[[question]]\nkey = \"places\"\ntype = \"int\"\ndefault = 15\n\n"
                 "[[question]]\nkey = \"ci\"\ntype = \"choice\"\nchoices = [\"github\", \"gitlab\", \"none\"]\ndefault = \"none\"\n",
                 {{"a.md", "x\n"}});
  const RunResult r = run(tmp, {"init", "out", "--template", "tpl", "--set", "visit_date=2026-13-40", "--set",
                                "places=12k", "--set", "ci=bitbucket", "--set", "end_date=2026-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "answer to 'visit_date' (visit_date): '2026-13-40' is not a calendar date"));
  CHECK(contains(r.err, "answer to 'places' (places): '12k' is not a whole number"));
  CHECK(contains(r.err, "answer to 'ci' (ci): 'bitbucket' is not one of: github, gitlab, none"));
  CHECK(contains(r.err, "answer to 'end_date' (end_date): 2026-01-01 must come after start_date (2027-01-04)"));
  CHECK_FALSE(fs::exists(tmp / "out"));
  CHECK(entries(tmp.path()) == std::vector<std::string>{".home", ".run", "tpl"});
}

TEST_CASE("answers written into TOML are escaped, and a TOML file that does not parse leaves nothing behind")
{
  TempDir tmp;
  write_template(tmp, "tpl", "[[question]]\nkey = \"title\"\n\n[[question]]\nkey = \"count\"\n",
                 {{"jalons.toml.tmpl", "[[milestone]]\ntitle = \"{{title}}\"\n"}, {"n.toml.tmpl", "n = {{count}}\n"}});
  const std::string title = R"(Lancement "Phase 1" \ C:\dossier)";
  const RunResult ok = run(tmp, {"init", "ok", "--template", "tpl", "--set", "title=" + title, "--set", "count=3"});
  REQUIRE(ok.exit_code == 0);
  const auto doc = residence::load_toml(tmp / "ok/jalons.toml", "jalons.toml");
  CHECK(doc.root["milestone"][0]["title"].value_or(std::string{}) == title);
  CHECK_FALSE(contains(tmp.read("ok/jalons.toml"), "&quot;"));

  const RunResult bad = run(tmp, {"init", "bad", "--template", "tpl", "--set", "title=x", "--set", "count=trois"});
  CHECK(bad.exit_code == 3);
  CHECK(contains(bad.err, "residence: error: n.toml:1:"));
  CHECK(contains(bad.err, "    1 | n = trois\n"));
  CHECK(contains(bad.err, "(generated from template file n.toml.tmpl)"));
  CHECK_FALSE(fs::exists(tmp / "bad"));
  CHECK(entries(tmp.path()) == std::vector<std::string>{".home", ".run", "ok", "tpl"});
}

TEST_CASE("answers come from a file, and --set wins over it")
{
  TempDir tmp;
  tmp.write("reponses.toml", "[answers]\nterritory = \"Brest\"\nstart_date = 2027-09-01\nplaces = 12\n");
  const RunResult r = run(tmp, {"init", "ws", "--answers", "reponses.toml", "--set", "places=9"});
  REQUIRE(r.exit_code == 0);
  const std::string manifest = tmp.read("ws/residence.toml");
  CHECK(contains(manifest, "territory = \"Brest\""));
  CHECK(contains(manifest, "start = 2027-09-01"));
  CHECK(contains(manifest, "places = 9"));
}

TEST_CASE("at a terminal-like prompt, a bad answer is asked again with the reason")
{
  // The prompter is only used on a terminal; its loop is tested through the core.
  TempDir tmp;
  const RunResult r = run(tmp, {"init", "ws", "--set", "duration_months=6"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "6 is below the minimum 24"));
}

TEST_CASE("the built-in calendars keep every milestone after its dependencies, whatever the start and duration")
{
  TempDir tmp;
  int workspaces = 0;
  for (const char* lang : {"fr", "en"}) {
    for (const char* start : {"2027-01-31", "2027-08-31", "2028-02-29"}) {
      for (const char* months : {"24", "25", "36", "60"}) {
        const std::string dir = fmt::format("{}-{}-{}", lang, start, months);
        REQUIRE(run(tmp, {"init", dir, "--lang", lang, "--defaults", "--no-git", "--quiet", "--set",
                          std::string("start_date=") + start, "--set", std::string("duration_months=") + months})
                    .exit_code == 0);
        const std::string path = std::string(lang) == "fr" ? "calendrier/jalons.toml" : "calendar/milestones.toml";
        std::vector<residence::TomlDocument> docs;
        docs.push_back(residence::load_toml(tmp / dir / path, path));
        std::vector<residence::Diagnostic> problems;
        const residence::MilestoneSet set = residence::read_milestones(std::move(docs), problems);
        CHECK(problems.empty());
        for (const auto& m : set.milestones) {
          for (const auto& dep : m.depends_on) {
            CAPTURE(dir);
            CAPTURE(m.id);
            CAPTURE(dep);
            REQUIRE(set.find(dep) != nullptr);
            CHECK(set.find(dep)->due <= m.due);
          }
        }
        ++workspaces;
      }
    }
  }
  CHECK(workspaces == 24);
}

TEST_CASE("the built-in budgets have no negative amount, whatever the day rate")
{
  TempDir tmp;
  for (const char* rate : {"0", "399", "450", "5000"}) {
    for (const char* lang : {"fr", "en"}) {
      const std::string dir = fmt::format("{}-{}", lang, rate);
      REQUIRE(run(tmp, {"init", dir, "--lang", lang, "--defaults", "--no-git", "--quiet", "--set",
                        std::string("day_rate=") + rate}).exit_code == 0);
      const auto doc = residence::load_toml(tmp / dir / "budget/budget.toml", "budget.toml");
      int shares = 0;
      for (const auto& funding : *doc.root["funding"].as_array()) {
        shares += static_cast<int>(funding.as_table()->get("share")->value_or(0));
      }
      CAPTURE(dir);
      CHECK(shares == 100);
      CHECK_FALSE(contains(tmp.read(dir + "/budget/budget.toml"), "= -"));
    }
  }
}

TEST_CASE("init fills the current folder, a path with a trailing slash, and an empty folder in place")
{
  TempDir tmp;
  fs::create_directories(tmp / "ici");
  CHECK(run(tmp, {"init", "--defaults", "--quiet"}, {tmp / "ici", {}, {}}).exit_code == 0);
  CHECK(fs::is_regular_file(tmp / "ici/residence.toml"));
  CHECK(run(tmp, {"init", "slash/", "--defaults", "--quiet"}).exit_code == 0);
  CHECK(fs::is_regular_file(tmp / "slash/residence.toml"));

  fs::create_directories(tmp / "partage");
  fs::permissions(tmp / "partage", fs::perms::owner_all | fs::perms::group_all | fs::perms::set_gid);
  const auto before = fs::status(tmp / "partage").permissions();
  CHECK(run(tmp, {"init", "partage", "--defaults", "--quiet"}).exit_code == 0);
  CHECK(fs::status(tmp / "partage").permissions() == before);
  CHECK(git(tmp, tmp / "partage", {"status", "--porcelain"}).out.empty());
}

TEST_CASE("what an interrupted init left behind is cleared by the next one")
{
  TempDir tmp;
  tmp.write("ws/.residence-init-999999999-abcdef/residence.toml", "partial");
  const RunResult r = run(tmp, {"init", "ws", "--defaults", "--quiet"});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(tmp / "ws/.residence-init-999999999-abcdef"));
  CHECK(entries(tmp / "ws") == std::vector<std::string>{".git", ".residence", "README.md", "budget", "calendrier",
                                                        "communication", "contrats", "evaluation", "fiches",
                                                        "gouvernance", "residence.toml", "selection"});
}

TEST_CASE("a failure after the folder was created removes it again")
{
  TempDir tmp;
  write_template(tmp, "tpl", "[[question]]\nkey = \"n\"\ndefault = \"x\"\n",
                 {{"a.md", "a\n"}, {"b/{{n}}.md.tmpl", "b\n"}});
  // A name of 300 bytes is refused by the file system only when written.
  const RunResult r = run(tmp, {"init", "new/ws", "--template", "tpl", "--set", "n=" + std::string(300, 'x')});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "residence: error: cannot write b/xxx"));
  CHECK(contains(r.err, "File name too long"));
  CHECK_FALSE(fs::exists(tmp / "new"));
}

TEST_CASE("the commit author may come from GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL")
{
  TempDir tmp;
  const RunResult r = run(tmp, {"init", "ws", "--defaults", "--quiet"},
                          {{}, {{"GIT_AUTHOR_NAME", "Léa"}, {"GIT_AUTHOR_EMAIL", "lea@example.org"}}, {}});
  REQUIRE(r.exit_code == 0);
  CHECK(git(tmp, tmp / "ws", {"log", "--format=%an <%ae>"}).out == "Léa <lea@example.org>\n");
}

TEST_CASE("French place names take the right preposition in the French documents")
{
  TempDir tmp;
  REQUIRE(run(tmp, {"init", "havre", "--defaults", "--quiet", "--no-git", "--set", "territory=Le Havre"}).exit_code == 0);
  const std::string manifest = tmp.read("havre/residence.toml");
  CHECK(contains(manifest, "name = \"Résidence d’innovation du Havre\""));
  CHECK(contains(manifest, "host = \"Ville du Havre\""));
  CHECK(contains(tmp.read("havre/README.md"), "installée au Havre."));

  REQUIRE(run(tmp, {"init", "auber", "--defaults", "--quiet", "--no-git", "--set", "territory=Aubervilliers"}).exit_code == 0);
  CHECK(contains(tmp.read("auber/residence.toml"), "name = \"Résidence d’innovation d’Aubervilliers\""));
  CHECK(contains(tmp.read("auber/gouvernance/charte.md"), "habitants d’Aubervilliers"));
}

TEST_CASE("a refused answer from an answers file is shown at its line")
{
  TempDir tmp;
  tmp.write("a.toml", "[answers]\nterritory = \"Brest\"\nduration_months = 6\nplacs = 3\n");
  const RunResult r = run(tmp, {"init", "ws", "--answers", "a.toml"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "residence: error: a.toml:3:19: answer to 'duration_months' (Durée de la résidence, en mois): "
                        "6 is below the minimum 24\n"));
  CHECK(contains(r.err, "hint: correct the value in the answers file"));
  CHECK(contains(r.err, "residence: error: a.toml:4:9: template 'fr' asks no question 'placs'\n"));

  tmp.write("b.toml", "[answers]\nterritory = \"Brest\"\nduration_months = 24.5\n");
  const RunResult decimal = run(tmp, {"init", "ws", "--answers", "b.toml"});
  CHECK(decimal.exit_code == 3);
  CHECK(contains(decimal.err, "b.toml:3:19: answer 'duration_months' is a decimal number"));

  tmp.write("c.toml", "places = 3\n[answers]\nterritory = \"Brest\"\n");
  CHECK(contains(run(tmp, {"init", "ws", "--answers", "c.toml"}).err,
                 "c.toml:1:1: answer 'places' is outside [answers], where the others are"));
  CHECK_FALSE(fs::exists(tmp / "ws"));
}
