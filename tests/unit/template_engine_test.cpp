// The template engine on sources built in memory: where files may go, links,
// the template manifest's own checks, line endings, and validation.

#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "io/toml_document.h"
#include "templates/plan.h"
#include "templates/scaffold.h"
#include "templates/template_spec.h"
#include "templates/validate.h"

using namespace residence;

namespace {

const char* const k_head = "[template]\nname = \"t\"\nversion = \"1.0.0\"\nlanguage = \"fr\"\n\n";

TemplateFile file(std::string path, std::string content)
{
  return {std::move(path), std::move(content), 0644, {}};
}

TemplateFile link_file(std::string path, std::string target)
{
  return {std::move(path), {}, 0777, std::move(target)};
}

TemplateSource source_of(const std::string& questions, std::vector<TemplateFile> files)
{
  TemplateSource source;
  source.origin = "test";
  source.files.push_back(file("template.toml", k_head + questions));
  for (auto& f : files) {
    source.files.push_back(std::move(f));
  }
  return source;
}

ContextInfo info()
{
  return ContextInfo {"fr", *Date::parse("2026-12-03"), "t", "1.0.0", "test"};
}

std::vector<PlannedFile> plan(const TemplateSource& source,
                              std::vector<std::pair<std::string, std::string>> set = {})
{
  AnswerInput input;
  input.set = std::move(set);
  input.use_defaults = true;
  return plan_files(source, resolve_answers(read_template_manifest(source), input, nullptr, info()),
                    info());
}

// The diagnostics a plan is refused with; empty when it is accepted.
std::vector<Diagnostic> refusal(const TemplateSource& source,
                                std::vector<std::pair<std::string, std::string>> set = {})
{
  try {
    plan(source, std::move(set));
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

const PlannedFile* find(const std::vector<PlannedFile>& files, const std::string& path)
{
  auto it = std::find_if(files.begin(), files.end(),
                         [&](const PlannedFile& f) { return f.path == path; });
  return it == files.end() ? nullptr : &*it;
}

const char* const k_dir_question =
    "[[question]]\nkey = \"dir\"\nrequired = false\ndefault = \"\"\n";

} // namespace

TEST_CASE("a link inside the template is kept as the same relative link, even to a rendered file")
{
  const auto files = plan(
      source_of("", {file("docs/notes.md.tmpl", "n\n"), link_file("docs/latest.md", "notes.md"),
                     link_file("top", "docs"), link_file("self", ".")}));
  REQUIRE(find(files, "docs/latest.md"));
  CHECK(find(files, "docs/latest.md")->link_target == "notes.md");
  CHECK(find(files, "top")->link_target == "docs");
}

TEST_CASE("a link leading outside the workspace is refused with its name")
{
  for (const char* target : {"../x", "/etc/passwd", "a/../../x", ""}) {
    CAPTURE(target);
    const auto problems = refusal(source_of("", {file("a/b.md", "b"), link_file("evil", target)}));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "template-link-outside");
    CHECK(problems[0].file == "evil");
    CHECK(problems[0].message.find("link evil") != std::string::npos);
  }
}

TEST_CASE("a link that climbs out through another link is refused, as the system would resolve it")
{
  // "here/../x" reads as "x" on paper, but "here" is the root, so ".." leaves it.
  const auto problems = refusal(
      source_of("", {file("x", "x"), link_file("here", "."), link_file("trick", "here/../x")}));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].code == "template-link-outside");
  CHECK(problems[0].file == "trick");
}

TEST_CASE("a dangling link and a loop of links are reported")
{
  const auto dangling =
      refusal(source_of("", {file("notes.md.tmpl", "n"), link_file("latest", "notes.md.tmpl")}));
  REQUIRE(dangling.size() == 1);
  CHECK(dangling[0].code == "template-link-dangling");
  CHECK(dangling[0].hint.find("notes.md.tmpl") != std::string::npos);

  const auto loop = refusal(source_of("", {link_file("a", "b"), link_file("b", "a")}));
  REQUIRE(loop.size() == 2);
  CHECK(loop[0].code == "template-link-loop");
}

TEST_CASE("no file is written through a link, nor where a folder is")
{
  const auto through =
      refusal(source_of(k_dir_question, {file("real/x.md", "x"), link_file("alias", "real"),
                                         file("{{dir}}/y.md", "y")}),
              {{"dir", "alias"}});
  REQUIRE(through.size() == 1);
  CHECK(through[0].code == "template-through-link");
  CHECK(through[0].message == "template would write alias/y.md through the link alias");

  const auto both = refusal(source_of(k_dir_question, {file("a/b.md", "b"), file("{{dir}}", "a")}),
                            {{"dir", "a"}});
  REQUIRE(both.size() == 1);
  CHECK(both[0].code == "template-file-and-folder");
}

TEST_CASE("a template may not write git metadata, however the name is spelt or rendered")
{
  CHECK(refusal(source_of("", {file("sub/.git/hooks/post-checkout", "#!/bin/sh\n")}))[0].code ==
        "template-git-path");
  CHECK(refusal(source_of("", {file(".GIT/config", "[core]\n")}))[0].code == "template-git-path");
  const auto rendered =
      refusal(source_of(k_dir_question, {file("{{dir}}/config", "[core]\n\tfsmonitor = x\n")}),
              {{"dir", ".git"}});
  REQUIRE(rendered.size() == 1);
  CHECK(rendered[0].code == "template-git-path");
  CHECK(rendered[0].file == "{{dir}}/config");
}

TEST_CASE("an answer holding a control character is refused before it can name a file")
{
  const auto problems =
      refusal(source_of(k_dir_question, {file("{{dir}}/x.md", "x")}), {{"dir", "a\nb"}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].code == "invalid-answer");
  CHECK(problems[0].message.find("answer to 'dir'") != std::string::npos);
  CHECK(problems[0].message.find("control character") != std::string::npos);
}

TEST_CASE("a rendered file keeps its CRLF line endings and its byte order mark")
{
  const std::string bom = "\xEF\xBB\xBF";
  const auto files = plan(source_of(
      "[[question]]\nkey = \"title\"\ndefault = \"Titre\"\n\n[[question]]\nkey = \"flag\"\n"
      "type = \"bool\"\ndefault = true\n",
      {file("doc.md.tmpl", bom + "# {{title}}\r\n\r\n{{#flag}}\r\noui\r\n{{/flag}}\r\nfin\r\n"),
       file("data.toml.tmpl", bom + "title = \"{{title}}\"\r\n")}));
  CHECK(find(files, "doc.md")->content == bom + "# Titre\r\n\r\noui\r\nfin\r\n");
  CHECK(find(files, "data.toml")->content == bom + "title = \"Titre\"\r\n");
  CHECK_NOTHROW(check_generated_toml(files));
}

TEST_CASE("a template version must be semver, a language one residence writes, min_residence not "
          "newer than this")
{
  auto read = [](const std::string& head) {
    TemplateSource source;
    source.origin = "test";
    source.files.push_back(file("template.toml", std::string("[template]\nname = \"t\"\n") + head));
    try {
      read_template_manifest(source);
    } catch (const Error& e) {
      return e.diagnostics();
    }
    return std::vector<Diagnostic> {};
  };
  const auto problems = read("version = \"1.0\"\nlanguage = \"fra\"\nmin_residence = \"99.0.0\"\n");
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].code == "bad-version");
  CHECK(problems[0].line == 3);
  CHECK(problems[1].code == "template-too-new");
  CHECK(problems[1].message ==
        fmt::format("template 't' needs residence 99.0.0 or newer; this is residence {}",
                    RESIDENCE_VERSION));
  CHECK(problems[1].line == 5);
  CHECK(problems[2].code == "unknown-language");
  CHECK(problems[2].hint == "did you mean 'fr'?");
  CHECK(read("version = \"1.0.0-rc.1\"\nmin_residence = \"" RESIDENCE_VERSION "\"\n").empty());
}

TEST_CASE("unknown keys in template.toml are kept as warnings")
{
  const TemplateSource source =
      source_of("[[question]]\nkey = \"a\"\ndefault = \"x\"\nhlep = \"typo\"\n", {});
  const TemplateManifest manifest = read_template_manifest(source);
  REQUIRE(manifest.warnings.size() == 1);
  CHECK(manifest.warnings[0].severity == Severity::warning);
  CHECK(manifest.warnings[0].message.find("hlep") != std::string::npos);
}

TEST_CASE("a --template value names a built-in, a folder, or a git repository at a ref")
{
  using Kind = TemplateSpec::Kind;
  CHECK(parse_template_spec("fr", true).kind == Kind::builtin); // a folder named fr is ./fr
  CHECK(parse_template_spec("./fr", true).kind == Kind::folder);
  CHECK(parse_template_spec("modeles/essai", false).kind == Kind::folder);

  const auto tagged = parse_template_spec("../modele#v1.2.0", false);
  CHECK(tagged.kind == Kind::git);
  CHECK(tagged.location == "../modele");
  CHECK(tagged.ref == "v1.2.0");
  CHECK_FALSE(parse_template_spec("../modele#", false).ref);
  CHECK(parse_template_spec("../modele#", false).kind == Kind::git);

  for (const char* url : {"https://example.org/modele.git", "file:///srv/modele",
                          "git@example.org:coop/modele.git"}) {
    CAPTURE(url);
    const auto spec = parse_template_spec(url, false);
    CHECK(spec.kind == Kind::git);
    CHECK(spec.location == url);
    CHECK_FALSE(spec.ref);
  }
  CHECK(parse_template_spec("https://example.org/m.git#main", false).ref == "main");
}

TEST_CASE("validation renders every value of each choice, and finds what only one of them shows")
{
  const TemplateSource source = source_of(
      "[[question]]\nkey = \"ci\"\ntype = \"choice\"\nchoices = [\"none\", \"github\"]\ndefault = "
      "\"none\"\n\n"
      "[[question]]\nkey = \"partner\"\n",
      {file("{{#ci_github}}.github{{/ci_github}}/workflows/ci.yml.tmpl", "run: {{runner}}\n"),
       file("partenaires/{{partner}}.md", "p"), file("notes.md", "copied: {{partner}}\n")});
  const ValidationReport report = validate_template(source, {}, *Date::parse("2026-12-03"));
  CHECK(report.renders == std::vector<std::string> {"defaults", "ci = github"});
  CHECK(report.samples == AnswerList {{"partner", "partner"}});
  CHECK(report.files == 3); // partenaires/partner.md, notes.md, .residence/answers.toml
  CHECK_FALSE(report.ok());
  REQUIRE(report.problems.size() == 2);
  CHECK(report.problems[0].code == "template-not-rendered");
  CHECK(report.problems[0].severity == Severity::warning);
  CHECK(report.problems[1].code == "template-undefined");
  CHECK(report.problems[1].file == "{{#ci_github}}.github{{/ci_github}}/workflows/ci.yml.tmpl");
  CHECK(report.problems[1].line == 1);
}

TEST_CASE("the slug of the name is a variable, and slugify a helper for any text")
{
  const auto files = plan(
      source_of("[[question]]\nkey = \"name\"\ndefault = \"Résidence d’Étampes\"\n\n"
                "[[question]]\nkey = \"territory\"\ndefault = \"Saint-Étienne\"\n",
                {file("{{slug}}.md.tmpl", "{{slug}} {{#slugify}}{{territory}} 2{{/slugify}}\n")}));
  REQUIRE(find(files, "residence-d-etampes.md"));
  CHECK(find(files, "residence-d-etampes.md")->content == "residence-d-etampes saint-etienne-2\n");
}
