#pragma once

// One entry point per command. main.cpp binds the command line to these
// argument structs; each command file reads as the user's story: load,
// decide, write, report. Each returns the process exit code.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/global.h"

namespace residence {

struct InitArgs {
  std::string dir;
  std::string template_spec;
  std::string lang = "fr";
  bool defaults = false;
  std::vector<std::string> set; // key=value
  std::string answers_file;
  bool dry_run = false;
  bool no_git = false;
  std::string author;
};
int run_init(const GlobalOptions& global, const InitArgs& args);

struct StatusArgs {
  std::string as_of;
  int window = 14;
  std::string phase;
  std::string owner;
  std::string format = "table";
};
int run_status(const GlobalOptions& global, const StatusArgs& args);

struct CheckArgs {
  std::string format = "text"; // text, json, github, junit
  bool strict = false;
  std::string fail_on = "error"; // error, warning
  std::string as_of;
};
int run_check(const GlobalOptions& global, const CheckArgs& args);

} // namespace residence
