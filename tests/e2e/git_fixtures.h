#pragma once

// Git repositories built by the tests with the real git, as a user would.

#include <string>
#include <vector>

#include "support/run.h"

namespace residence::testing {

inline RunResult git_as(const TempDir& tmp, const fs::path& repo, std::vector<std::string> args,
                        const std::string& date = "")
{
  std::vector<std::string> all {"-C", repo.string(),
                                "-c", "user.name=Camille Martin",
                                "-c", "user.email=camille@example.org"};
  all.insert(all.end(), args.begin(), args.end());
  RunOptions options;
  if (!date.empty()) {
    options.env = {{"GIT_AUTHOR_DATE", date}, {"GIT_COMMITTER_DATE", date}};
  }
  return run_program(tmp, "git", all, options);
}

// `git init` then one commit of everything in the folder.
inline void init_repository(const TempDir& tmp, const fs::path& repo)
{
  git_as(tmp, repo, {"init", "-q", "-b", "main"});
  git_as(tmp, repo, {"add", "-A"});
  git_as(tmp, repo, {"commit", "-q", "-m", "Workspace"});
}

inline void commit_everything(const TempDir& tmp, const fs::path& repo, const std::string& message,
                              const std::string& date = "")
{
  git_as(tmp, repo, {"add", "-A"});
  git_as(tmp, repo, {"commit", "-q", "-m", message}, date);
}

} // namespace residence::testing
