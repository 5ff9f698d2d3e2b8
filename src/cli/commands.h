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
  bool pre = false; // a pre-release tag may be the highest version of a git template
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

struct TemplateArgs {
  std::string action;           // list, show, validate
  std::string name;             // show and validate: a built-in name, folder, or git URL or PATH#REF
  std::vector<std::string> set; // validate: key=value
  bool pre = false;
  std::string format = "text";  // show: text or json
};
int run_template(const GlobalOptions& global, const TemplateArgs& args);

} // namespace residence
