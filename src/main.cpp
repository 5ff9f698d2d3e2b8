// Wires the command line to the commands; nothing else lives here.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/render_text.h"
#include "git/git.h"

namespace {

using namespace residence;

void add_global_options(CLI::App& app, GlobalOptions& global)
{
  app.add_option("-C", global.dir, "Run as if started in DIR")->type_name("DIR");
  app.add_option("--color", global.color, "Colour output: auto, always or never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{{"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}},
          CLI::ignore_case))
      ->type_name("WHEN");
  app.add_flag("-q,--quiet", global.quiet, "Print nothing on success");
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
  const GitLibrary git;
  GlobalOptions global;
  InitArgs init_args;
  StatusArgs status_args;
  CheckArgs check_args;
  int code = 0;

  CLI::App app{"residence: a versioned, checkable workspace for a territorial innovation residency", "residence"};
  app.set_version_flag("--version", fmt::format("residence {}", RESIDENCE_VERSION));
  app.require_subcommand(1);
  app.fallthrough();
  add_global_options(app, global);
  add_init(app, global, init_args, code);
  add_status(app, global, status_args, code);
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
    app.exit(e);
    return to_int(ExitCode::usage);
  } catch (const Error& e) {
    std::fputs(render_text(e.diagnostics(), use_color(global.color, stderr)).c_str(), stderr);
    return to_int(e.exit_code());
  } catch (const std::exception& e) {
    fmt::print(stderr, "residence: error: {}\n", e.what());
    return to_int(ExitCode::invalid_input);
  }
  return code;
}
