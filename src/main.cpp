// Wires the command line to the commands; nothing else lives here.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/render_text.h"
#include "diagnostics/suggest.h"

namespace {

using namespace residence;

void add_global_options(CLI::App& app, GlobalOptions& global)
{
  app.add_option("-C", global.dir, "Run as if started in DIR")->type_name("DIR");
  app.add_option_function<std::string>(
         "--color",
         [&global](const std::string& when) {
           global.color = when == "always" ? ColorMode::always : when == "never" ? ColorMode::never : ColorMode::automatic;
         },
         "Colour output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.add_flag("-q,--quiet", global.quiet, "No messages on success (data is still printed)");
  app.add_flag("-v,--verbose", global.verbose, "Explain what was read and decided");
}

void add_init(CLI::App& app, const GlobalOptions& global, InitArgs& args, int& code)
{
  CLI::App* cmd = app.add_subcommand("init", "Create a workspace for a new residency from a template");
  cmd->add_option("dir", args.dir, "Folder to create (must not exist, or be empty)")->type_name("DIR");
  cmd->add_option("-t,--template", args.template_spec,
                  "Built-in template (fr, en), a template folder, or a git repository: URL or PATH#REF")
      ->type_name("NAME|PATH|GIT[#REF]");
  cmd->add_flag("--pre", args.pre, "Let a pre-release tag be the highest version of a git template");
  cmd->add_option("--lang", args.lang, "Language of the built-in template")
      ->check(CLI::IsMember({"fr", "en"}))->capture_default_str();
  cmd->add_flag("--defaults", args.defaults, "Take every default without asking");
  cmd->add_option("--set", args.set, "Answer a question: key=value (repeatable)")->type_name("KEY=VALUE");
  cmd->add_option("--answers", args.answers_file, "Read answers from a TOML file")->type_name("FILE");
  cmd->add_flag("--dry-run", args.dry_run, "Show what would be created; write nothing");
  cmd->add_flag("--no-git", args.no_git, "Do not create a git repository");
  cmd->add_option("--author", args.author, "Author of the first commit: \"Name <email>\"")->type_name("AUTHOR");
  cmd->callback([&] { code = run_init(global, args); });
}

void add_status(CLI::App& app, const GlobalOptions& global, StatusArgs& args, int& code)
{
  CLI::App* cmd = app.add_subcommand("status", "Progress by phase, overdue, due soon, blocked and next milestones");
  cmd->add_option("--as-of", args.as_of, "Review as of this date instead of today")->type_name("YYYY-MM-DD");
  cmd->add_option("--window", args.window, "Days ahead that count as due soon")->check(CLI::Range(0, 3650))->capture_default_str();
  cmd->add_option("--phase", args.phase, "Only this phase")->type_name("ID");
  cmd->add_option("--owner", args.owner, "Only milestones of this owner")->type_name("NAME");
  cmd->add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"table", "json", "markdown"}))->capture_default_str();
  cmd->add_option("--rev", args.rev, "Review the workspace as committed at this git revision")->type_name("REV");
  cmd->callback([&] { code = run_status(global, args); });
}

// CLI11's own messages, in the tool's voice.
std::string failure_message(const CLI::App* app, const CLI::Error& e)
{
  std::string command = "residence";
  for (const CLI::App* sub : app->get_subcommands()) {
    command += " " + sub->get_name();
  }
  return fmt::format("residence: error: {}\n  hint: run `{} --help`\n", e.what(), command);
}

// With a required subcommand, CLI11 calls an unknown one "missing".
int unknown_command(CLI::App& app, const CLI::ParseError& e)
{
  std::vector<std::string> rest = app.remaining();
  if (!app.get_subcommands().empty() || rest.empty() || rest.front().rfind('-', 0) == 0) {
    app.exit(e);
    return to_int(ExitCode::usage);
  }
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  std::string hint = did_you_mean(rest.front(), names);
  fmt::print(stderr, "residence: error: unknown command '{}'\n  hint: {}\n", rest.front(),
             hint.empty() ? fmt::format("commands: {}", fmt::join(names, ", ")) : hint);
  return to_int(ExitCode::usage);
}

// Every argument a milestone command may take; one of them runs.
struct MilestoneCommands {
  MilestoneAddArgs add;
  MilestoneStatusArgs status;
  MilestoneMoveArgs move;
  MilestoneListArgs list;
  MilestoneShowArgs show;
};

void add_edit_options(CLI::App* cmd, EditArgs& args)
{
  CLI::Option* commit = cmd->add_flag("--commit", args.commit, "Record the edit as a git commit");
  CLI::Option* no_commit =
      cmd->add_flag("--no-commit", args.no_commit,
                    "Do not commit, even with [git] commit = true in residence.toml");
  commit->excludes(no_commit);
  cmd->add_flag("--allow-dirty", args.allow_dirty,
                "With --commit: commit the file although it had other changes");
  cmd->add_option("--author", args.author, "Author of the commit: \"Name <email>\"")
      ->type_name("AUTHOR");
}

void add_milestone_add(CLI::App* parent, const GlobalOptions& global, MilestoneAddArgs& args,
                       int& code)
{
  CLI::App* cmd =
      parent->add_subcommand("add", "Add a milestone; its id is a slug of the title, never reused");
  cmd->add_option("title", args.title, "Title of the milestone")->required();
  cmd->add_option("--phase", args.phase, "Phase id")->required()->type_name("ID");
  cmd->add_option("--due", args.due, "Due date")->required()->type_name("YYYY-MM-DD");
  cmd->add_option("--start", args.start, "Start date")->type_name("YYYY-MM-DD");
  cmd->add_option("--owner", args.owner, "Who carries it")->type_name("NAME");
  cmd->add_option("--depends-on", args.depends_on,
                  "Milestones that must be done first (repeatable, or a,b)")
      ->type_name("ID");
  cmd->add_option("--kind", args.kind, "milestone, deliverable or event")
      ->check(CLI::IsMember({"milestone", "deliverable", "event"}));
  cmd->add_option("--note", args.note, "A note")->type_name("TEXT");
  cmd->add_option("--id", args.id, "Use this id instead of one made from the title")
      ->type_name("ID");
  cmd->add_option("--file", args.file,
                  "Milestones file to add to (default: the first in residence.toml)")
      ->type_name("PATH");
  add_edit_options(cmd, args.edit);
  cmd->callback([&] { code = run_milestone_add(global, args); });
}

void add_milestone_status(CLI::App* parent, const GlobalOptions& global, MilestoneStatusArgs& args,
                          int& code, const std::string& name, const std::string& description)
{
  CLI::App* cmd = parent->add_subcommand(name, description);
  cmd->add_option("id", args.id, "Milestone id")->required();
  if (name == "done") {
    cmd->add_option("--on", args.on, "The day it was done (default: today)")
        ->type_name("YYYY-MM-DD");
    cmd->add_flag("--force", args.force, "Mark it done although dependencies are not");
    cmd->add_option("--reason", args.reason, "Why it is done anyway (with --force)")
        ->type_name("TEXT");
  } else if (name == "start") {
    cmd->add_option("--on", args.on, "Also record this start date")->type_name("YYYY-MM-DD");
  }
  add_edit_options(cmd, args.edit);
  cmd->callback([&args, &global, &code, name] {
    args.command = name;
    code = run_milestone_status(global, args);
  });
}

void add_milestone_move(CLI::App* parent, const GlobalOptions& global, MilestoneMoveArgs& args,
                        int& code)
{
  CLI::App* cmd =
      parent->add_subcommand("move", "Move a milestone's due date (and start date) to a new day");
  cmd->add_option("id", args.id, "Milestone id")->required();
  cmd->add_option("--to", args.to, "New due date")->type_name("YYYY-MM-DD");
  cmd->add_option("--by", args.by, "Shift by an offset: +2w, -3d, +1m")->type_name("OFFSET");
  cmd->add_flag("--cascade", args.cascade,
                "Shift the open milestones that depend on it by as many days");
  add_edit_options(cmd, args.edit);
  cmd->callback([&] { code = run_milestone_move(global, args); });
}

void add_milestone_views(CLI::App* parent, const GlobalOptions& global, MilestoneCommands& args,
                         int& code)
{
  CLI::App* list = parent->add_subcommand("list", "List milestones, by due date");
  list->add_option("--phase", args.list.phase, "Only this phase")->type_name("ID");
  list->add_option("--owner", args.list.owner, "Only this owner")->type_name("NAME");
  list->add_option("--status", args.list.status, "Only this status")
      ->check(CLI::IsMember({"planned", "active", "done", "blocked", "cancelled"}));
  list->add_flag("--overdue", args.list.overdue,
                 "Only those due before the as-of date and not done");
  list->add_option("--as-of", args.list.as_of, "Judge overdue as of this date")
      ->type_name("YYYY-MM-DD");
  list->add_option("--format", args.list.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list->callback([&] { code = run_milestone_list(global, args.list); });

  CLI::App* show =
      parent->add_subcommand("show", "Show a milestone with its dependencies and dependants");
  show->add_option("id", args.show.id, "Milestone id")->required();
  show->add_option("--as-of", args.show.as_of, "Judge lateness as of this date")
      ->type_name("YYYY-MM-DD");
  show->add_option("--format", args.show.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  show->callback([&] { code = run_milestone_show(global, args.show); });
}

void add_milestone(CLI::App& app, const GlobalOptions& global, MilestoneCommands& args, int& code)
{
  CLI::App* cmd = app.add_subcommand(
      "milestone", "Add, move along, list and show milestones, keeping the file's layout");
  cmd->require_subcommand(1);
  add_milestone_add(cmd, global, args.add, code);
  add_milestone_status(cmd, global, args.status, code, "start", "Mark a milestone active");
  add_milestone_status(cmd, global, args.status, code, "done",
                       "Mark a milestone done, with its done date");
  add_milestone_status(cmd, global, args.status, code, "block", "Mark a milestone blocked");
  add_milestone_status(cmd, global, args.status, code, "cancel", "Mark a milestone cancelled");
  add_milestone_move(cmd, global, args.move, code);
  add_milestone_views(cmd, global, args, code);
}

void add_log(CLI::App& app, const GlobalOptions& global, LogArgs& args, int& code)
{
  CLI::App* cmd = app.add_subcommand("log", "The history of milestone changes, read from git");
  cmd->add_option("id", args.id, "Only this milestone");
  cmd->add_option("--since", args.since, "Only commits from this day on")->type_name("YYYY-MM-DD");
  cmd->add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->callback([&] { code = run_log(global, args); });
}

void add_template(CLI::App& app, const GlobalOptions& global, TemplateArgs& args, int& code)
{
  CLI::App* cmd = app.add_subcommand("template", "List, show and validate templates");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "The built-in templates and the git templates in the cache");
  list->callback([&] {
    args.action = "list";
    code = run_template(global, args);
  });

  CLI::App* show = cmd->add_subcommand("show", "A template's description, questions and defaults");
  show->add_option("template", args.name, "Built-in name, folder, or git URL or PATH#REF")
      ->required()->type_name("TEMPLATE");
  show->add_flag("--pre", args.pre, "Let a pre-release tag be the highest version of a git template");
  show->add_option("--format", args.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  show->callback([&] {
    args.action = "show";
    code = run_template(global, args);
  });

  CLI::App* validate = cmd->add_subcommand("validate", "Render a template with its defaults and report every problem");
  validate->add_option("template", args.name, "Built-in name, folder, or git URL or PATH#REF")
      ->required()->type_name("TEMPLATE");
  validate->add_option("--set", args.set, "Answer a question for the check: key=value (repeatable)")
      ->type_name("KEY=VALUE");
  validate->add_flag("--pre", args.pre, "Let a pre-release tag be the highest version of a git template");
  validate->callback([&] {
    args.action = "validate";
    code = run_template(global, args);
  });
}

void add_check(CLI::App& app, const GlobalOptions& global, CheckArgs& args, int& code)
{
  CLI::App* cmd = app.add_subcommand("check", "Validate the whole workspace: manifest, milestones, budget, documents");
  cmd->add_option("--format", args.format, "Output on stdout: text (none; diagnostics go to stderr), json, github "
                                           "(workflow annotations) or junit (XML report)")
      ->check(CLI::IsMember({"text", "json", "github", "junit"}))->capture_default_str();
  cmd->add_flag("--strict", args.strict, "Overdue milestones, fields left to complete and leftover tags are errors");
  cmd->add_option("--fail-on", args.fail_on, "Exit 1 on errors only, or on warnings too")
      ->check(CLI::IsMember({"error", "warning"}))->capture_default_str();
  cmd->add_option("--as-of", args.as_of, "Check as of this date instead of today")->type_name("YYYY-MM-DD");
  cmd->callback([&] { code = run_check(global, args); });
}

} // namespace

int main(int argc, char** argv)
{
  GlobalOptions global;
  InitArgs init_args;
  StatusArgs status_args;
  MilestoneCommands milestone_args;
  LogArgs log_args;
  TemplateArgs template_args;
  CheckArgs check_args;
  int code = 0;

  CLI::App app{"residence: a versioned, checkable workspace for a territorial innovation residency", "residence"};
  app.set_version_flag("--version", fmt::format("residence {}", RESIDENCE_VERSION));
  app.require_subcommand(1);
  app.failure_message(failure_message);
  app.fallthrough();
  add_global_options(app, global);
  add_init(app, global, init_args, code);
  add_status(app, global, status_args, code);
  add_milestone(app, global, milestone_args, code);
  add_log(app, global, log_args, code);
  add_template(app, global, template_args, code);
  add_check(app, global, check_args, code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return unknown_command(app, e);
  } catch (const Error& e) {
    const std::string text = render_text(e.diagnostics(), use_color(global.color, stderr));
    std::fwrite(text.data(), 1, text.size(), stderr);
    return to_int(e.exit_code());
  } catch (const std::exception& e) {
    fmt::print(stderr, "residence: error: {}\n", e.what());
    return to_int(ExitCode::invalid_input);
  }
  return code;
}
