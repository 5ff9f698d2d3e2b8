#include <algorithm>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/prompt.h"
#include "diagnostics/render_text.h"
#include "templates/scaffold.h"

namespace residence {

namespace {

InitOptions options_from(const GlobalOptions& global, const InitArgs& args, const Prompter* prompter)
{
  InitOptions options;
  options.target = global.dir / (args.dir.empty() ? "." : args.dir);
  options.template_spec = args.template_spec.empty() ? args.lang : args.template_spec;
  options.allow_prerelease = args.pre;
  options.answers.set = parse_set_options(args.set);
  if (!args.answers_file.empty()) {
    options.answers.answers_file = args.answers_file;
  }
  options.answers.use_defaults = args.defaults || prompter == nullptr;
  options.prompter = prompter;
  options.dry_run = args.dry_run;
  options.git = !args.no_git;
  options.today = Date::today();
  if (!args.author.empty()) {
    options.author = parse_author(args.author);
    if (!options.author) {
      throw Error(ExitCode::usage, make_error("usage", fmt::format("--author takes \"Name <email>\", not '{}'", args.author)));
    }
  }
  return options;
}

// A path as a shell reads it back: quoted when it holds anything unusual.
std::string shell_quoted(const std::string& path)
{
  if (path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-") == std::string::npos) {
    return path;
  }
  std::string quoted = "'";
  for (char c : path) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

void report(const GlobalOptions& global, const InitResult& result, bool dry_run)
{
  if (global.quiet) {
    return;
  }
  const std::string where = display_path(result.target);
  std::string out = fmt::format("{} {}/ from template {} {} ({} files):\n", dry_run ? "Would create" : "Created", where,
                                result.manifest.name, result.manifest.version, result.files.size());

  for (const auto& file : result.files) {
    out += fmt::format("  {}\n", file);
  }
  if (!result.template_commit.empty()) {
    out += fmt::format("Template read from {} at {} (commit {}).\n", result.template_origin, result.template_ref,
                       result.template_commit.substr(0, 7));
  }
  if (!result.commit.empty()) {
    out += fmt::format("Committed {} on branch main.\n", result.commit.substr(0, 7));
  }
  const bool has_manifest =
      std::find(result.files.begin(), result.files.end(), "residence.toml") != result.files.end();
  if (!dry_run && has_manifest) {
    out += fmt::format("Next: cd {} && residence status\n", shell_quoted(where));
  }
  print_data(out);
}

} // namespace

int run_init(const GlobalOptions& global, const InitArgs& args)
{
  const Prompter prompter = terminal_prompter();
  const bool interactive = stdin_is_terminal() && !args.defaults;
  const InitOptions options = options_from(global, args, interactive ? &prompter : nullptr);
  verbose_line(global, fmt::format("template '{}', target {}", options.template_spec, display_path(options.target)));

  const InitResult result = scaffold(options);
  if (!result.notes.empty()) {
    report_warnings(global, result.notes);
  }
  report(global, result, args.dry_run);
  return to_int(ExitCode::success);
}

} // namespace residence
