#pragma once

// Runs the real `residence` binary the way a user would, in a controlled
// environment: a private HOME (so no personal git configuration leaks in),
// C.UTF-8, and whatever the test sets.

#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace residence::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  fs::path cwd;                             // default: the temp folder
  std::map<std::string, std::string> env;   // added to the base environment
  std::string stdin_text;                   // fed on stdin (stdin is /dev/null when empty)
};

// Runs `program` with `args` (program is a path or a name on PATH).
RunResult run_program(const TempDir& tmp, const std::string& program, const std::vector<std::string>& args,
                      const RunOptions& options = {});

// Runs the residence binary under test.
RunResult run(const TempDir& tmp, const std::vector<std::string>& args, const RunOptions& options = {});

// Runs the system git.
RunResult git(const TempDir& tmp, const fs::path& repo, const std::vector<std::string>& args);

} // namespace residence::testing
