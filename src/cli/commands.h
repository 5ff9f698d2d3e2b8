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
  std::optional<std::string> as_of;
  int window = 14;
  std::string phase;
  std::string owner;
  std::string format = "table";
  std::string rev; // read the workspace as committed there, not the work tree
};
int run_status(const GlobalOptions& global, const StatusArgs& args);

// What every milestone edit understands about git.
struct EditArgs {
  bool commit = false;      // --commit
  bool no_commit = false;   // --no-commit, over `[git] commit = true`
  bool allow_dirty = false; // commit although the file had other changes
  std::string author;       // "Name <email>" for the commit
};

struct MilestoneAddArgs {
  std::string title;
  std::string id;
  std::string phase;
  std::string due;
  std::string start;
  std::string owner;
  std::vector<std::string> depends_on;
  std::string kind;
  std::string note;
  std::string file;
  EditArgs edit;
};
int run_milestone_add(const GlobalOptions& global, const MilestoneAddArgs& args);

// start, done, block, cancel.
struct MilestoneStatusArgs {
  std::string command; // "start", "done", "block" or "cancel"
  std::string id;
  std::string on;
  bool force = false;
  std::string reason;
  EditArgs edit;
};
int run_milestone_status(const GlobalOptions& global, const MilestoneStatusArgs& args);

struct MilestoneMoveArgs {
  std::string id;
  std::string to;
  std::string by;
  bool cascade = false;
  EditArgs edit;
};
int run_milestone_move(const GlobalOptions& global, const MilestoneMoveArgs& args);

struct MilestoneListArgs {
  std::string phase;
  std::string owner;
  std::string status;
  bool overdue = false;
  std::optional<std::string> as_of;
  std::string format = "table";
};
int run_milestone_list(const GlobalOptions& global, const MilestoneListArgs& args);

struct MilestoneShowArgs {
  std::string id;
  std::optional<std::string> as_of;
  std::string format = "table";
};
int run_milestone_show(const GlobalOptions& global, const MilestoneShowArgs& args);

struct LogArgs {
  std::string id;
  std::string since;
  std::string format = "table";
};
int run_log(const GlobalOptions& global, const LogArgs& args);

struct TemplateArgs {
  std::string action;           // list, show, validate
  std::string name;             // show and validate: a built-in name, folder, or git URL or PATH#REF
  std::vector<std::string> set; // validate: key=value
  bool pre = false;
  std::string format = "text";  // show: text or json
};
int run_template(const GlobalOptions& global, const TemplateArgs& args);

struct CheckArgs {
  std::string format = "text"; // text, json, github, junit
  bool strict = false;
  std::string fail_on = "error"; // error, warning
  std::optional<std::string> as_of;
};
int run_check(const GlobalOptions& global, const CheckArgs& args);

} // namespace residence
