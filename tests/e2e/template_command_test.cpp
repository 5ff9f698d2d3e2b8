// residence template list | show | validate, on the built-in templates and
// on templates the tests write.

#include <doctest/doctest.h>

#include "e2e/template_fixtures.h"

using namespace residence::testing;

namespace {

const char* const k_questions = R"([[question]]
key = "territory"
prompt = "Territoire"
help = "La commune."
default = "Brest"

[[question]]
key = "host"
prompt = "Institution d'accueil"
default = "Ville de {{territory}}"

[[question]]
key = "places"
type = "int"
default = 12
min = 1
max = 40

[[question]]
key = "ci"
type = "choice"
choices = ["none", "github"]
default = "none"

[[question]]
key = "partner"
prompt = "Partenaire"
when = "ci == github"
)";

} // namespace

TEST_CASE("template list shows the built-in templates and the git templates in the cache")
{
  TempDir tmp;
  const RunResult before = run(tmp, {"template", "list"});
  CHECK(before.exit_code == 0);
  CHECK(contains(before.out, "Built-in templates:\n  en  1.0.0  Territorial innovation residency"));
  CHECK(contains(before.out, "\n  fr  1.0.0  Résidence d'innovation territoriale"));
  CHECK(contains(before.out, "none yet"));

  init_repo(tmp, "modele");
  write_template(tmp, "modele", k_questions, {{"a.md", "a"}});
  commit_all(tmp, "modele", "First", "v0.1.0");
  REQUIRE(run(tmp, {"init", "ws", "--template", "modele#", "--defaults", "--no-git"}).exit_code ==
          0);
  const RunResult after = run(tmp, {"template", "list"});
  CHECK(contains(after.out,
                 std::string("Git templates in the cache (.home/.cache/residence/templates):\n  ") +
                     (tmp / "modele").string() + "  v0.1.0\n"));
}

TEST_CASE("template show gives each question with its constraints and its default, computed from "
          "earlier ones")
{
  TempDir tmp;
  write_template(tmp, "tpl", k_questions, {{"a.md", "a"}});
  const RunResult r = run(tmp, {"template", "show", "tpl"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out,
                 std::string("essai 0.1.0 (language fr), from ") + (tmp / "tpl").string() + "\n"));
  CHECK(contains(
      r.out, "5 questions:\n\nterritory  string\n  Territoire\n  La commune.\n  default: Brest\n"));
  CHECK(contains(r.out, "host  string\n  Institution d'accueil\n  default: Ville de {{territory}} "
                        "→ Ville de Brest\n"));
  CHECK(contains(r.out, "places  int, 1 to 40\n"));
  CHECK(contains(r.out, "ci  choice: none, github\n"));
  CHECK(contains(r.out, "partner  string\n  Partenaire\n  asked when: ci == github\n  no default: "
                        "must be answered\n"));

  const RunResult json = run(tmp, {"template", "show", "tpl", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  CHECK(contains(json.out, "\"default_rendered\" : \"Ville de Brest\""));
  CHECK(contains(
      json.out,
      "\"choices\" : [\n                \"none\",\n                \"github\"\n            ]"));

  const RunResult fr = run(tmp, {"template", "show", "fr"});
  CHECK(contains(fr.out, "fr 1.0.0 (language fr), from builtin:fr\n"));
  CHECK(contains(fr.out, "duration_months  int, 24 to 60\n"));
}

TEST_CASE("template show of something that is no template says what it looked for")
{
  TempDir tmp;
  const RunResult r = run(tmp, {"template", "show", "frr"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "no template 'frr'"));
  CHECK(run(tmp, {"template", "show"}).exit_code == 2);
}

TEST_CASE("template validate passes the built-in templates and a sound custom one")
{
  TempDir tmp;
  for (const char* name : {"fr", "en"}) {
    CAPTURE(name);
    const RunResult r = run(tmp, {"template", "validate", name});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "21 files with the defaults"));
    CHECK(contains(r.out, "No problems.\n"));
    CHECK(r.err.empty());
  }
  write_template(tmp, "tpl", k_questions,
                 {{"a.md.tmpl", "{{host}}\n"},
                  {"{{#ci_github}}.github{{/ci_github}}/p.md.tmpl", "{{partner}}\n"}});
  const RunResult ok = run(tmp, {"template", "validate", "tpl"});
  CHECK(ok.exit_code == 0);
  CHECK(contains(
      ok.out,
      "Template essai 0.1.0 (fr): 2 files with the defaults; 2 renders: defaults; ci = github.\n"
      "Questions without a default were answered: partner = partner.\nNo problems.\n"));
}

TEST_CASE("template validate reports every problem of a template at once and writes nothing")
{
  TempDir tmp;
  write_template(tmp, "tpl", k_questions,
                 {{"donnees.toml.tmpl", "places = {{places}}\nhote = {{host}}\n"},
                  {"{{#ci_github}}.github{{/ci_github}}/ci.yml.tmpl", "run: {{runner}}\n"},
                  {"lisez-moi.md", "Bienvenue à {{territory}}\n"},
                  {"syntaxe.md.tmpl", "a\n{{#territory}\n"}});
  make_link(tmp, "tpl/evil", "../..");
  fs::create_directories(tmp / "tpl/vide");
  prepare_run(tmp);
  const auto before = snapshot(tmp.path());

  const RunResult r = run(tmp, {"template", "validate", "tpl"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "residence: warning: vide: empty folder vide is not reproduced"));
  CHECK(contains(
      r.err,
      "residence: warning: lisez-moi.md: lisez-moi.md is copied as is, yet uses {{territory}}"));
  CHECK(contains(r.err, "residence: error: syntaxe.md.tmpl:2:1: template syntax error"));
  CHECK(contains(r.err, "residence: error: evil: link evil leads outside the workspace"));
  CHECK(contains(r.err, "residence: error: donnees.toml:2:"));
  CHECK(contains(
      r.err,
      "residence: error: {{#ci_github}}.github{{/ci_github}}/ci.yml.tmpl:1:6: template variable "
      "'runner' is not defined"));
  CHECK(contains(r.out, "4 errors, 2 warnings.\n"));
  CHECK(changes(before, snapshot(tmp.path())) == "");

  const RunResult set = run(tmp, {"template", "validate", "tpl", "--set", "places=99"});
  CHECK(contains(set.err, "answer to 'places' (places): 99 is above the maximum 40"));
}

TEST_CASE("template validate lists every problem of template.toml")
{
  TempDir tmp;
  tmp.write("tpl/template.toml", "[template]\nname = \"t\"\nversion = \"un\"\nlanguage = \"de\"\n\n"
                                 "[[question]]\nkey = \"a\"\ntype = \"texte\"\n");
  const RunResult r = run(tmp, {"template", "validate", "tpl"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "template.toml:3:11: template version 'un' is not a semantic version"));
  CHECK(contains(r.err, "template.toml:4:12: template language 'de'"));
  CHECK(contains(r.err, "template.toml:8:8: question 'a' has unknown type 'texte'"));
}
