#pragma once

namespace residence {

// The exit codes of PRODUCT.md §3, in one place.
enum class ExitCode {
  success = 0,
  found = 1,           // check or status found what it was asked to fail on
  usage = 2,           // wrong usage of the command line
  invalid_input = 3,   // missing file, malformed TOML, not a workspace
  git_failed = 4,      // a git operation failed
  would_overwrite = 5, // the destination holds files (or an update left conflicts)
};

inline int to_int(ExitCode code)
{
  return static_cast<int>(code);
}

} // namespace residence
