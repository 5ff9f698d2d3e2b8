#include <doctest/doctest.h>

#include <algorithm>

#include "io/toml_document.h"
#include "templates/plan.h"
#include "templates/scaffold.h"

using namespace residence;

namespace {

TemplateSource source_of(std::vector<std::pair<std::string, std::string>> files)
{
  TemplateSource source;
  source.origin = "test";
  for (auto& [path, content] : files) {
    source.files.push_back({path, content, 0644, {}});
  }
  return source;
}

const char* const k_manifest = R"(
[template]
name = "t"
version = "1.0.0"
language = "fr"

[[question]]
key = "title"

[[question]]
key = "start_date"
type = "date"
default = "2027-01-04"

[[question]]
key = "end_date"
type = "date"
default = "2028-01-04"
after = "start_date"

[[question]]
key = "places"
type = "int"
default = 10
min = 1
max = 50

[[question]]
key = "ci"
type = "choice"
choices = ["github", "gitlab", "none"]
default = "none"

[[question]]
key = "annex"
required = false
default = ""
)";

ContextInfo info()
{
  return ContextInfo{"fr", *Date::parse("2026-12-03"), "t", "1.0.0", "test"};
}

std::vector<std::string> messages(const Error& e)
{
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) {
    out.push_back(d.message);
  }
  return out;
}

Answers answers_for(const TemplateSource& source, std::vector<std::pair<std::string, std::string>> set)
{
  const TemplateManifest manifest = read_template_manifest(source);
  AnswerInput input;
  input.set = std::move(set);
  input.use_defaults = true;
  return resolve_answers(manifest, input, nullptr, info());
}

bool any_contains(const std::vector<std::string>& list, const std::string& needle)
{
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

} // namespace

TEST_CASE("all invalid answers are reported in one run")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}});
  try {
    answers_for(source, {{"title", "x"}, {"start_date", "2026-13-40"}, {"places", "12k"}, {"ci", "githib"}});
    FAIL("expected invalid answers");
  } catch (const Error& e) {
    CHECK(e.exit_code() == ExitCode::usage);
    const auto all = messages(e);
    CHECK(all.size() == 3);
    CHECK(any_contains(all, "'2026-13-40' is not a calendar date"));
    CHECK(any_contains(all, "'12k' is not a whole number"));
    CHECK(any_contains(all, "'githib' is not one of: github, gitlab, none (did you mean 'github'?)"));
  }
}

TEST_CASE("an end date before the start date is refused")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}});
  CHECK_THROWS_WITH_AS(answers_for(source, {{"title", "x"}, {"end_date", "2026-01-01"}}),
                       doctest::Contains("end_date"), Error);
}

TEST_CASE("a question without default and without answer names the flag")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}});
  try {
    answers_for(source, {});
    FAIL("expected a missing answer");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message.find("'title'") != std::string::npos);
    CHECK(e.diagnostics()[0].hint == "pass --set title=VALUE or --answers FILE.toml");
  }
}

TEST_CASE("an unknown --set key is reported with a suggestion")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}});
  try {
    answers_for(source, {{"title", "x"}, {"plcaes", "3"}});
    FAIL("expected an unknown question");
  } catch (const Error& e) {
    CHECK(e.diagnostics()[0].hint == "did you mean 'places'?");
  }
}

TEST_CASE("answers written into TOML are escaped for TOML and come back exact")
{
  const std::string title = R"(Lancement "Phase 1" \ C:\dossier)";
  const TemplateSource source = source_of({{"template.toml", k_manifest}, {"jalons.toml.tmpl", "title = \"{{title}}\"\n"},
                                           {"notes.md.tmpl", "# {{title}} & l'eau\n"}});
  const auto files = plan_files(source, answers_for(source, {{"title", title}}), info());
  const auto toml = std::find_if(files.begin(), files.end(), [](const PlannedFile& f) { return f.path == "jalons.toml"; });
  REQUIRE(toml != files.end());
  const TomlDocument doc = parse_toml(toml->content, "jalons.toml", "jalons.toml");
  CHECK(doc.root["title"].value_or(std::string{}) == title);
  const auto md = std::find_if(files.begin(), files.end(), [](const PlannedFile& f) { return f.path == "notes.md"; });
  CHECK(md->content == "# " + title + " & l'eau\n"); // no HTML entities
}

TEST_CASE("an answer used in a path must not leave the workspace")
{
  const TemplateSource source =
      source_of({{"template.toml", std::string(k_manifest) + "\n[[question]]\nkey = \"partner\"\n"},
                 {"partenaires/{{partner}}/convention.md.tmpl", "x"}});
  for (const char* partner : {"../../dehors", "/absolu", "a/../../b", "..", "a/b"}) {
    CAPTURE(partner);
    try {
      plan_files(source, answers_for(source, {{"title", "x"}, {"partner", partner}}), info());
      FAIL("expected a refusal");
    } catch (const Error& e) {
      REQUIRE(e.diagnostics().size() == 1);
      const Diagnostic& d = e.diagnostics()[0];
      CHECK(d.code == "path-outside");
      CHECK(d.message.find("answer to 'partner'") != std::string::npos);
      CHECK(d.message.find("partenaires/") != std::string::npos);
    }
  }
}

TEST_CASE("a path part that renders empty skips the file")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest},
                                           {"{{annex}}/annexe.md.tmpl", "a"},
                                           {"{{#ci_github}}.github{{/ci_github}}/workflows/ci.yml", "b"},
                                           {"keep.md", "c"}});
  const auto files = plan_files(source, answers_for(source, {{"title", "x"}}), info());
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == "keep.md");

  const auto with_ci = plan_files(source, answers_for(source, {{"title", "x"}, {"ci", "github"}}), info());
  CHECK(with_ci.size() == 2);
  CHECK(with_ci[0].path == ".github/workflows/ci.yml");
}

TEST_CASE("literal braces in copied files survive, an undefined variable is an error with its line")
{
  const std::string workflow = "steps:\n  - run: echo ${{ secrets.TOKEN }}\n";
  const TemplateSource source = source_of({{"template.toml", k_manifest},
                                           {".github/workflows/ci.yml", workflow},
                                           {"doc.md.tmpl", "Titre : {{title}}\n\nLieu : {{adresse}}\n"}});
  try {
    plan_files(source, answers_for(source, {{"title", "x"}}), info());
    FAIL("expected an undefined variable");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const Diagnostic& d = e.diagnostics()[0];
    CHECK(d.code == "template-undefined");
    CHECK(d.file == "doc.md.tmpl");
    CHECK(d.line == 3);
    CHECK(d.column == 8);
  }
  const TemplateSource ok = source_of({{"template.toml", k_manifest}, {".github/workflows/ci.yml", workflow}});
  const auto files = plan_files(ok, answers_for(ok, {{"title", "x"}}), info());
  CHECK(files[0].content == workflow);
}

TEST_CASE("a template syntax error gives the line and column")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}, {"doc.md.tmpl", "a\nb {{#title}}\nc\n"}});
  try {
    plan_files(source, answers_for(source, {{"title", "x"}}), info());
    FAIL("expected a syntax error");
  } catch (const Error& e) {
    const Diagnostic& d = e.diagnostics()[0];
    CHECK(d.code == "template-syntax");
    CHECK(d.line == 2);
    CHECK(d.column == 3);
  }
}

TEST_CASE("the answers record keeps types and escapes strings")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}});
  const TemplateManifest manifest = read_template_manifest(source);
  const Answers answers = answers_for(source, {{"title", "Lancement \"1\""}});
  const std::string record = answers_record(manifest, source, answers);
  const TomlDocument doc = parse_toml(record, "answers.toml", "answers.toml");
  CHECK(doc.root["answers"]["title"].value_or(std::string{}) == "Lancement \"1\"");
  CHECK(doc.root["answers"]["start_date"].as_date() != nullptr);
  CHECK(doc.root["answers"]["places"].value_or(0) == 10);
  CHECK(doc.root["template"]["version"].value_or(std::string{}) == "1.0.0");
}

TEST_CASE("a long answer is checked against its pattern without exhausting the stack")
{
  const TemplateSource source = source_of({{"template.toml", std::string(k_manifest) +
                                                                 "\n[[question]]\nkey = \"code\"\npattern = \"[a-z]+\"\n"}});
  CHECK_NOTHROW(answers_for(source, {{"title", "x"}, {"code", std::string(200000, 'a')}}));
  CHECK_THROWS_WITH_AS(answers_for(source, {{"title", "x"}, {"code", std::string(200000, 'a') + "1"}}),
                       doctest::Contains("does not match the expected form [a-z]+"), Error);
}

TEST_CASE("answers are one line of text")
{
  const TemplateSource source = source_of({{"template.toml", k_manifest}});
  CHECK_THROWS_WITH_AS(answers_for(source, {{"title", "Lyon\nNouvelle ligne"}}),
                       doctest::Contains("holds the control character U+000A"), Error);
  CHECK_THROWS_WITH_AS(answers_for(source, {{"title", std::string("a\0b", 3)}}),
                       doctest::Contains("U+0000"), Error);
}

TEST_CASE("a template may not use a name the engine defines, nor bounds of the wrong type, nor partials")
{
  CHECK_THROWS_WITH_AS(read_template_manifest(source_of({{"template.toml", std::string(k_manifest) +
                                                                               "\n[[question]]\nkey = \"today\"\n"}})),
                       doctest::Contains("question key 'today' is a name the template engine defines itself"), Error);
  CHECK_THROWS_WITH_AS(
      read_template_manifest(source_of({{"template.toml", std::string(k_manifest) +
                                                              "\n[[question]]\nkey = \"fin\"\ntype = \"date\"\nmin = \"{{start_date}}\"\n"}})),
      doctest::Contains("'min' of question 'fin' must be a date YYYY-MM-DD"), Error);
  const TemplateSource partial = source_of({{"template.toml", k_manifest}, {"a.md.tmpl", "x\n{{> /etc/passwd}}\n"}});
  CHECK_THROWS_WITH_AS(plan_files(partial, answers_for(partial, {{"title", "x"}}), info()),
                       doctest::Contains("partials such as {{> /etc/passwd}} are not supported"), Error);
}

TEST_CASE("a helper error points at the call that failed")
{
  const TemplateSource source =
      source_of({{"template.toml", k_manifest}, {"a.md.tmpl", "{{#calc}}1 + 1{{/calc}}\n\n\n\n{{#calc}}2 * x{{/calc}}\n"}});
  try {
    plan_files(source, answers_for(source, {{"title", "x"}}), info());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.diagnostics()[0].line == 5);
    CHECK(e.diagnostics()[0].message.find("cannot compute '2 * x'") != std::string::npos);
  }
}

TEST_CASE("sections nested thousands deep are refused, not a crash")
{
  std::string deep;
  for (int i = 0; i < 5000; ++i) {
    deep += "{{#title}}";
  }
  deep += "x";
  for (int i = 0; i < 5000; ++i) {
    deep += "{{/title}}";
  }
  const TemplateSource source = source_of({{"template.toml", k_manifest}, {"a.md.tmpl", deep}});
  CHECK_THROWS_WITH_AS(plan_files(source, answers_for(source, {{"title", "x"}}), info()),
                       doctest::Contains("nested more than 64 levels deep"), Error);
}
