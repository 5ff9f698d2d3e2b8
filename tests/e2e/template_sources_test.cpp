// Custom templates from folders and git repositories, end to end: what is
// copied exactly, what is refused, and that a refused run writes nothing.

#include <doctest/doctest.h>

#include <sys/stat.h>

#include "e2e/template_fixtures.h"

using namespace residence::testing;

namespace {

const char* const k_name_question =
    "[[question]]\nkey = \"name\"\ndefault = \"Résidence d’Essai\"\n";
const char* const k_partner_question = "[[question]]\nkey = \"partner\"\n";

std::string binary_bytes()
{
  std::string bytes = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 256; ++i) {
    bytes += static_cast<char>(i);
  }
  return bytes + std::string("\0\xff\xfe{{name}}", 11);
}

std::string sha256(const TempDir& tmp, const fs::path& file)
{
  const std::string out = run_program(tmp, "sha256sum", {file.string()}).out;
  return out.substr(0, out.find(' '));
}

} // namespace

TEST_CASE("a folder template keeps modes, line endings, byte order marks, binary files, literal "
          "braces and links")
{
  ::umask(022);
  TempDir tmp;
  const std::string bom = "\xEF\xBB\xBF";
  const std::string workflow =
      "on: push\njobs:\n  check:\n    steps:\n      - run: echo ${{ secrets.TOKEN }}\n";
  write_template(tmp, "tpl", k_name_question,
                 {{"outils/verifier.sh", "#!/bin/sh\necho ok\n"},
                  {"prive/jeton.txt", "secret\n"},
                  {"crlf.txt", "ligne 1\r\nligne 2\r\n"},
                  {"bom.md", bom + "# Titre\n"},
                  {"doc.md.tmpl", bom + "# {{name}}\r\n\r\nfin\r\n"},
                  {"{{slug}}-logo.png", binary_bytes()},
                  {".github/workflows/ci.yml", workflow}});
  fs::permissions(tmp / "tpl/outils/verifier.sh", fs::perms(0755));
  fs::permissions(tmp / "tpl/prive/jeton.txt", fs::perms(0600));
  make_link(tmp, "tpl/dernier.md", "doc.md");
  make_link(tmp, "tpl/scripts", "outils");

  const RunResult r = run(tmp, {"init", "out", "--template", "tpl", "--defaults"});
  REQUIRE(r.exit_code == 0);
  CHECK(mode_of(tmp / "out/outils/verifier.sh") == 0755);
  CHECK(mode_of(tmp / "out/prive/jeton.txt") == 0600);
  CHECK(mode_of(tmp / "out/crlf.txt") == 0644);
  CHECK(tmp.read("out/crlf.txt") == "ligne 1\r\nligne 2\r\n");
  CHECK(tmp.read("out/bom.md") == bom + "# Titre\n");
  CHECK(tmp.read("out/doc.md") == bom + "# Résidence d’Essai\r\n\r\nfin\r\n");
  CHECK(tmp.read("out/.github/workflows/ci.yml") == workflow);

  // S5: a binary file whose name is templated is the template's file, byte for byte.
  REQUIRE(fs::is_regular_file(tmp / "out/residence-d-essai-logo.png"));
  CHECK(tmp.read("out/residence-d-essai-logo.png") == binary_bytes());
  CHECK(sha256(tmp, tmp / "out/residence-d-essai-logo.png") ==
        sha256(tmp, tmp / "tpl/{{slug}}-logo.png"));

  CHECK(fs::read_symlink(tmp / "out/dernier.md") == "doc.md");
  CHECK(fs::read_symlink(tmp / "out/scripts") == "outils");
  const std::string index = git(tmp, tmp / "out", {"ls-files", "-s"}).out;
  CHECK(contains(index, "100755 "));
  CHECK(contains(index, "\toutils/verifier.sh\n"));
  CHECK(contains(index, "120000 "));
  CHECK(git(tmp, tmp / "out", {"status", "--porcelain"}).out.empty());
}

TEST_CASE("empty folders come from a .gitkeep placeholder, which git keeps")
{
  TempDir tmp;
  write_template(tmp, "tpl", "[[question]]\nkey = \"annex\"\nrequired = false\ndefault = \"\"\n",
                 {{"archives/.gitkeep", ""}, {"{{annex}}/.gitkeep", ""}, {"a.md", "a\n"}});
  fs::create_directories(tmp / "tpl/vide");
  REQUIRE(run(tmp, {"init", "out", "--template", "tpl", "--defaults"}).exit_code == 0);
  CHECK(fs::is_regular_file(tmp / "out/archives/.gitkeep"));
  CHECK(contains(git(tmp, tmp / "out", {"ls-files"}).out, "archives/.gitkeep\n"));
  CHECK_FALSE(fs::exists(tmp / "out/vide"));
  CHECK_FALSE(fs::exists(tmp / "out/.gitkeep"));
}

TEST_CASE("a path part that renders empty skips the file and never writes into the parent")
{
  TempDir tmp;
  write_template(tmp, "tpl",
                 "[[question]]\nkey = \"annex\"\nrequired = false\ndefault = \"\"\n\n"
                 "[[question]]\nkey = \"with_kit\"\ntype = \"bool\"\ndefault = false\n",
                 {{"{{annex}}/annexe.md.tmpl", "annexe\n"},
                  {"{{#with_kit}}kit{{/with_kit}}/kit.md", "kit\n"},
                  {"a.md", "a\n"}});
  REQUIRE(run(tmp, {"init", "out", "--template", "tpl", "--defaults", "--no-git"}).exit_code == 0);
  std::vector<std::string> written;
  for (const auto& [path, what] : snapshot(tmp / "out")) {
    written.push_back(path);
  }
  CHECK(written == std::vector<std::string> {".residence", ".residence/answers.toml", "a.md"});
  CHECK_FALSE(fs::exists(tmp / "annexe.md"));
  CHECK_FALSE(fs::exists(tmp / "kit.md"));
}

TEST_CASE("an answer used in a path must not leave the workspace, and nothing is written anywhere")
{
  TempDir tmp;
  write_template(tmp, "tpl", k_partner_question,
                 {{"partenaires/{{partner}}/convention.md.tmpl", "{{partner}}\n"}});
  fs::create_directories(tmp / "dehors");
  prepare_run(tmp);
  const auto before = snapshot(tmp.path());
  for (const char* partner : {"../../dehors", "/absolu", "a/../../b"}) {
    CAPTURE(partner);
    const RunResult r =
        run(tmp, {"init", "out", "--template", "tpl", "--set", std::string("partner=") + partner});
    CHECK(r.exit_code == 2); // a wrong answer, like any invalid answer
    CHECK(contains(r.err, std::string("answer to 'partner' ('") + partner +
                              "') would make the path 'partenaires/"));
    CHECK(contains(r.err, "for partenaires/{{partner}}/convention.md.tmpl"));
    CHECK(changes(before, snapshot(tmp.path())) == "");
  }
}

TEST_CASE("a destination holding a symbolic link that leads outside is refused, naming the link")
{
  TempDir tmp;
  write_template(tmp, "tpl", k_partner_question,
                 {{"partenaires/{{partner}}/convention.md.tmpl", "{{partner}}\n"}});
  fs::create_directories(tmp / "dehors");
  fs::create_directories(tmp / "out");
  make_link(tmp, "out/partenaires", "../dehors");
  prepare_run(tmp);
  const auto before = snapshot(tmp.path());

  const RunResult r = run(tmp, {"init", "out", "--template", "tpl", "--set", "partner=coop"});
  CHECK(r.exit_code == 5);
  CHECK(
      contains(r.err, "residence: error: out/partenaires is a symbolic link leading outside out"));
  CHECK(changes(before, snapshot(tmp.path())) == "");
  CHECK(fs::is_empty(tmp / "dehors"));
}

TEST_CASE("hostile templates are refused with their reason, without a single write")
{
  TempDir tmp;
  const char* const dir_question = "[[question]]\nkey = \"d\"\n";
  tmp.write("victime", "intacte\n");
  write_template(tmp, "lien-dehors", "", {{"a.md", "a"}});
  make_link(tmp, "lien-dehors/evil", "../../..");
  write_template(tmp, "lien-absolu", "", {{"a.md", "a"}});
  make_link(tmp, "lien-absolu/passwd", "/etc/passwd");
  write_template(tmp, "lien-pendant", "", {{"notes.md.tmpl", "n"}});
  make_link(tmp, "lien-pendant/dernier", "absent.md");
  write_template(tmp, "lien-detour", "", {{"victime", "leurre"}});
  make_link(tmp, "lien-detour/ici", ".");
  make_link(tmp, "lien-detour/piege", "ici/../victime");
  write_template(tmp, "git-rendu", dir_question,
                 {{"{{d}}/config", "[core]\n\tfsmonitor = touch /tmp/pwned\n"}});
  write_template(tmp, "git-imbrique", "", {{"sous/.git/hooks/post-checkout", "#!/bin/sh\n"}});
  write_template(tmp, "reserve", "", {{".residence/answers.toml", "[answers]\n"}});
  write_template(tmp, "par-un-lien", dir_question, {{"reel/a.md", "a"}, {"{{d}}/b.md", "b"}});
  make_link(tmp, "par-un-lien/alias", "reel");
  write_template(tmp, "version", "", {{"a.md", "a"}}, "2");
  tmp.write("trop-recent/template.toml",
            "[template]\nname = \"t\"\nversion = \"1.0.0\"\nmin_residence = \"99.0.0\"\n");

  const std::vector<std::tuple<std::string, std::vector<std::string>, std::string>> cases {
      {"lien-dehors", {}, "link evil leads outside the workspace (to '../../..')"},
      {"lien-absolu", {}, "link passwd points outside the workspace (to '/etc/passwd')"},
      {"lien-pendant", {}, "link dernier points to 'absent.md', which the template does not write"},
      {"lien-detour", {}, "link piege leads outside the workspace (to 'ici/../victime')"},
      {"git-rendu", {"--set", "d=.git"}, "template would write .git/config, inside a .git folder"},
      {"git-imbrique",
       {},
       "template would write sous/.git/hooks/post-checkout, inside a .git folder"},
      {"reserve", {}, "template would write .residence/answers.toml, in the folder residence keeps for itself"},
      {"par-un-lien",
       {"--set", "d=alias"},
       "template would write alias/b.md through the link alias"},
      {"version", {}, "template version '2' is not a semantic version"},
      {"trop-recent", {}, "template 't' needs residence 99.0.0 or newer"},
  };
  prepare_run(tmp);
  const auto before = snapshot(tmp.path());
  for (const auto& [name, extra, message] : cases) {
    CAPTURE(name);
    std::vector<std::string> args {"init", "out", "--template", name, "--defaults"};
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult r = run(tmp, args);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, message));
    CHECK(changes(before, snapshot(tmp.path())) == "");
  }
  CHECK(tmp.read("victime") == "intacte\n");
}

TEST_CASE("a built-in name wins over a folder of that name, which ./NAME reaches")
{
  TempDir tmp;
  write_template(tmp, "fr", "", {{"a.md", "dossier\n"}});
  REQUIRE(run(tmp, {"init", "builtin", "--defaults", "--no-git"}).exit_code == 0);
  CHECK(fs::exists(tmp / "builtin/gouvernance/charte.md"));
  REQUIRE(run(tmp, {"init", "dossier", "--template", "./fr", "--defaults", "--no-git"}).exit_code ==
          0);
  CHECK(tmp.read("dossier/a.md") == "dossier\n");
}

TEST_CASE("an unknown template names the three kinds it could have been")
{
  TempDir tmp;
  const RunResult r = run(tmp, {"init", "out", "--template", "nulle-part"});
  CHECK(r.exit_code == 3);
  CHECK(contains(
      r.err, "no template 'nulle-part': not a folder, a built-in template or a git repository"));
  CHECK(contains(r.err, "hint: built-in templates: en, fr; a git repository is URL or PATH#REF"));
}

TEST_CASE("init shows the warnings of template.toml and still scaffolds")
{
  TempDir tmp;
  write_template(tmp, "tpl",
                 "[[question]]\nkey = \"name\"\ndefault = \"Essai\"\nhlep = \"faute de frappe\"\n",
                 {{"a.md.tmpl", "{{name}}\n"}});
  const RunResult r = run(tmp, {"init", "out", "--template", "tpl", "--defaults", "--no-git"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "residence: warning: "));
  CHECK(contains(r.err, "hlep"));
  CHECK(tmp.read("out/a.md") == "Essai\n");
}

TEST_CASE("a template may not ship the tool's own folder, nor .git under another spelling")
{
  TempDir tmp;
  write_template(tmp, "verrou", "", {{".residence/lock", "1"}});
  write_template(tmp, "espace", "", {{".git /config", "[core]\n"}});
  write_template(tmp, "point", "", {{".GIT./hooks/pre-commit", "echo\n"}});
  for (const char* name : {"verrou", "espace", "point"}) {
    CAPTURE(name);
    const RunResult validate = run(tmp, {"template", "validate", name});
    CHECK(validate.exit_code == 1);
    const RunResult init = run(tmp, {"init", std::string("out-") + name, "--template", name});
    CHECK(init.exit_code == 3);
    CHECK_FALSE(fs::exists(tmp / (std::string("out-") + name)));
  }
}
