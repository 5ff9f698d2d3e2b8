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
  cmd->add_option("-t,--template", args.template_spec, "Built-in template name (fr, en) or a template folder")
      ->type_name("NAME|PATH");
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

} // namespace

int main(int argc, char** argv)
{
  GlobalOptions global;
  InitArgs init_args;
  StatusArgs status_args;
  int code = 0;

  CLI::App app{"residence: a versioned, checkable workspace for a territorial innovation residency", "residence"};
  app.set_version_flag("--version", fmt::format("residence {}", RESIDENCE_VERSION));
  app.require_subcommand(1);
  app.failure_message(failure_message);
  app.fallthrough();
  add_global_options(app, global);
  add_init(app, global, init_args, code);
  add_status(app, global, status_args, code);

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
    std::fputs(render_text(e.diagnostics(), use_color(global.color, stderr)).c_str(), stderr);
    return to_int(e.exit_code());
  } catch (const std::exception& e) {
    fmt::print(stderr, "residence: error: {}\n", e.what());
    return to_int(ExitCode::invalid_input);
  }
  return code;
}
