// Templates kept in git repositories: tags, branches, commits, the cache,
// and what is recorded in the workspace.

#include <doctest/doctest.h>

#include "e2e/template_fixtures.h"

using namespace residence::testing;

namespace {

const char* const k_question = "[[question]]\nkey = \"name\"\ndefault = \"Essai\"\n";

// A repository with releases 1.0.0 (annotated tag), 1.9.0, 1.10.0, a
// pre-release 2.0.0-rc.1, and a branch "dev" ahead of them.
void write_repository(const TempDir& tmp, const std::string& repo)
{
  init_repo(tmp, repo);
  for (const char* version : {"1.0.0", "1.9.0", "1.10.0", "2.0.0-rc.1"}) {
    write_template(tmp, repo, k_question,
                   {{"version.md.tmpl", std::string(version) + " {{name}}\n"}}, version);
    commit_all(tmp, repo, std::string("Release ") + version);
    if (std::string(version) == "1.0.0") {
      git(tmp, tmp / repo,
          {"-c", "user.name=T", "-c", "user.email=t@t", "tag", "-a", "-m", "first", "v1.0.0"});
    } else {
      git(tmp, tmp / repo, {"tag", std::string("v") + version});
    }
  }
  git(tmp, tmp / repo, {"checkout", "-q", "-b", "dev"});
  write_template(tmp, repo, k_question, {{"version.md.tmpl", "dev {{name}}\n"}}, "2.1.0");
  commit_all(tmp, repo, "Work in progress");
  git(tmp, tmp / repo, {"checkout", "-q", "main"});
}

std::string file_url(const TempDir& tmp, const std::string& repo)
{
  return std::string("file://") + (tmp / repo).string();
}

} // namespace

TEST_CASE("init reads a local git repository at a tag and records source, ref and commit")
{
  TempDir tmp;
  write_repository(tmp, "modele");
  const RunResult r = run(tmp, {"init", "out", "--template", "modele#v1.0.0", "--defaults"});
  REQUIRE(r.exit_code == 0);
  CHECK(tmp.read("out/version.md") == "1.0.0 Essai\n");
  CHECK_FALSE(fs::exists(tmp / "out/template.toml"));

  const std::string commit = rev(tmp, "modele", "v1.0.0^{commit}");
  const std::string answers = tmp.read("out/.residence/answers.toml");
  CHECK(contains(answers, std::string("source = \"") + (tmp / "modele").string() + "\"\n"));
  CHECK(contains(answers, "ref = \"v1.0.0\"\n"));
  CHECK(contains(answers, std::string("commit = \"") + commit + "\"\n"));
  CHECK(contains(r.out, std::string("Template read from ") + (tmp / "modele").string() +
                            " at v1.0.0 (commit " + commit.substr(0, 7)));
  CHECK(contains(git(tmp, tmp / "out", {"log", "--format=%B"}).out, "Residence-Template-Source: "));
}

TEST_CASE("without a ref the highest version tag is used, and a pre-release only with --pre")
{
  TempDir tmp;
  write_repository(tmp, "modele");
  REQUIRE(run(tmp, {"init", "a", "--template", file_url(tmp, "modele"), "--defaults", "--no-git"})
              .exit_code == 0);
  CHECK(tmp.read("a/version.md") == "1.10.0 Essai\n"); // 1.10 is above 1.9, whatever the spelling
  CHECK(contains(tmp.read("a/.residence/answers.toml"),
                 std::string("source = \"") + file_url(tmp, "modele") + "\""));

  REQUIRE(run(tmp, {"init", "b", "--template", "modele#", "--pre", "--defaults", "--no-git"})
              .exit_code == 0);
  CHECK(tmp.read("b/version.md") == "2.0.0-rc.1 Essai\n");
}

TEST_CASE("a branch and a commit can be named after #")
{
  TempDir tmp;
  write_repository(tmp, "modele");
  REQUIRE(run(tmp, {"init", "a", "--template", "modele#dev", "--defaults", "--no-git"}).exit_code ==
          0);
  CHECK(tmp.read("a/version.md") == "dev Essai\n");
  CHECK(contains(tmp.read("a/.residence/answers.toml"),
                 std::string("commit = \"") + rev(tmp, "modele", "dev") + "\""));

  const std::string short_id = rev(tmp, "modele", "v1.9.0").substr(0, 10);
  REQUIRE(run(tmp, {"init", "b", "--template", std::string("modele#") + short_id, "--defaults",
                    "--no-git"})
              .exit_code == 0);
  CHECK(tmp.read("b/version.md") == "1.9.0 Essai\n");
}

TEST_CASE("an unknown ref, or a repository without a version tag, is refused with what it has")
{
  TempDir tmp;
  write_repository(tmp, "modele");
  const RunResult typo = run(tmp, {"init", "out", "--template", "modele#v1.10", "--defaults"});
  CHECK(typo.exit_code == 3);
  CHECK(contains(typo.err, "has no tag, branch or commit 'v1.10'"));
  CHECK(contains(typo.err, "its tags: v1.0.0, v1.10.0, v1.9.0, v2.0.0-rc.1"));

  init_repo(tmp, "sans-tag");
  write_template(tmp, "sans-tag", k_question, {{"a.md", "a"}});
  commit_all(tmp, "sans-tag", "First");
  const RunResult untagged =
      run(tmp, {"init", "out", "--template", file_url(tmp, "sans-tag"), "--defaults"});
  CHECK(untagged.exit_code == 3);
  CHECK(contains(untagged.err, "has no version tag (such as v1.0.0)"));
  CHECK(contains(untagged.err, "#REF; it has no tags"));
  CHECK_FALSE(fs::exists(tmp / "out"));

  const RunResult missing =
      run(tmp, {"init", "out", "--template", "nulle-part#v1.0.0", "--defaults"});
  CHECK(missing.exit_code == 3);
  CHECK(contains(missing.err, "no git repository at nulle-part"));
}

TEST_CASE(
    "a git template keeps the executable bit and links, a submodule and a link out are refused")
{
  TempDir tmp;
  init_repo(tmp, "modele");
  write_template(tmp, "modele", k_question,
                 {{"outils/lancer.sh", "#!/bin/sh\n"}, {"doc.md.tmpl", "{{name}}\n"}});
  fs::permissions(tmp / "modele/outils/lancer.sh", fs::perms(0755));
  make_link(tmp, "modele/dernier.md", "doc.md");
  commit_all(tmp, "modele", "Template", "v1.0.0");
  REQUIRE(run(tmp, {"init", "out", "--template", "modele#v1.0.0", "--defaults"}).exit_code == 0);
  CHECK((mode_of(tmp / "out/outils/lancer.sh") & 0100) != 0);
  CHECK(fs::read_symlink(tmp / "out/dernier.md") == "doc.md");

  make_link(tmp, "modele/evil", "../../..");
  commit_all(tmp, "modele", "Hostile link", "v1.1.0");
  git(tmp, tmp / "modele",
      {"update-index", "--add", "--cacheinfo",
       std::string("160000,") + rev(tmp, "modele", "HEAD") + ",vendor"});
  git(tmp, tmp / "modele",
      {"-c", "user.name=T", "-c", "user.email=t@t", "commit", "-q", "-m", "Submodule"});
  git(tmp, tmp / "modele", {"tag", "v1.2.0"});

  const auto before = snapshot(tmp.path(), {".run", ".home"});
  const RunResult link_out = run(tmp, {"init", "bad", "--template", "modele#v1.1.0", "--defaults"});
  CHECK(link_out.exit_code == 3);
  CHECK(contains(link_out.err, "link evil leads outside the workspace (to '../../..')"));
  const RunResult submodule =
      run(tmp, {"init", "bad", "--template", "modele#v1.2.0", "--defaults"});
  CHECK(submodule.exit_code == 3);
  CHECK(contains(submodule.err, "template holds a git submodule at vendor"));
  CHECK(changes(before, snapshot(tmp.path(), {".run", ".home"})) == "");
}

TEST_CASE("the cache lives under XDG_CACHE_HOME and serves when the repository cannot be fetched")
{
  TempDir tmp;
  write_repository(tmp, "modele");
  const RunOptions env {{}, {{"XDG_CACHE_HOME", (tmp / "cache").string()}}, {}};
  const std::string url = file_url(tmp, "modele");
  REQUIRE(run(tmp, {"init", "a", "--template", url + "#v1.9.0", "--defaults", "--no-git"}, env)
              .exit_code == 0);
  std::vector<fs::path> cached;
  for (const auto& entry : fs::directory_iterator(tmp / "cache/residence/templates")) {
    cached.push_back(entry.path());
  }
  REQUIRE(cached.size() == 1);
  CHECK(cached[0].filename().string().rfind("modele-", 0) == 0);
  CHECK(tmp.read(std::string("cache/residence/templates/") + cached[0].filename().string() +
                 "/residence-source") == url + "\n");

  fs::rename(tmp / "modele", tmp / "parti");
  const RunResult offline =
      run(tmp, {"init", "b", "--template", url + "#v1.9.0", "--defaults", "--no-git"}, env);
  CHECK(offline.exit_code == 0);
  CHECK(contains(offline.err, std::string("residence: warning: cannot fetch ") + url));
  CHECK(tmp.read("b/version.md") == "1.9.0 Essai\n");

  const RunResult never =
      run(tmp, {"init", "c", "--template", file_url(tmp, "jamais") + "#v1", "--defaults"}, env);
  CHECK(never.exit_code == 4);
  CHECK(contains(never.err, "cannot fetch the template repository"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry :
       fs::directory_iterator(tmp / "cache/residence/templates")) {
    ++entries;
  }
  CHECK(entries == 1); // a failed first fetch leaves no half-made cache
}
