#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "check/check.h"
#include "cli/commands.h"
#include "diagnostics/render_github.h"
#include "diagnostics/render_json.h"
#include "diagnostics/render_junit.h"
#include "diagnostics/render_text.h"
#include "workspace/workspace.h"

namespace residence {

namespace {

std::string plural(int n, std::string_view one, std::string_view many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string summary(const CheckResult& result)
{
  const int errors = count_of(result.diagnostics, Severity::error);
  const int warnings = count_of(result.diagnostics, Severity::warning);
  const std::string files = plural(static_cast<int>(result.files.size()), "file", "files");
  if (errors == 0 && warnings == 0) {
    return fmt::format("residence: checked {}: no problems\n", files);
  }
  return fmt::format("residence: checked {}: {}, {}\n", files, plural(errors, "error", "errors"),
                     plural(warnings, "warning", "warnings"));
}

// A fresh workspace holds dozens of fields to complete: a person needs the
// advice once, not under each of them, and a warning of a kind already shown
// in full reads best as one line, like an item of a to-do list.
std::vector<Diagnostic> condensed(std::vector<Diagnostic> diagnostics)
{
  std::set<std::string> advised;
  std::set<std::string> shown;
  for (auto& d : diagnostics) {
    if (!d.hint.empty() && !advised.insert(d.code + '\n' + d.hint).second) {
      d.hint.clear();
    }
    if (d.severity == Severity::warning && !shown.insert(d.code).second) {
      d.source_line.clear();
    }
  }
  return diagnostics;
}

// People read the diagnostics on stderr whatever the format; --quiet keeps
// only the errors.
void report_on_stderr(const GlobalOptions& global, const CheckResult& result)
{
  const std::vector<Diagnostic> shown =
      condensed(global.quiet ? errors_of(result.diagnostics) : result.diagnostics);
  std::string text = render_text(shown, use_color(global.color, stderr));
  if (!global.quiet) {
    text += summary(result);
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string render_format(const std::string& format, const CheckResult& result, Severity fail_at)
{
  if (format == "json") {
    return render_json(result.diagnostics);
  }
  if (format == "github") {
    return render_github(result.diagnostics);
  }
  return render_junit(result.diagnostics, result.files, fail_at);
}

} // namespace

int run_check(const GlobalOptions& global, const CheckArgs& args)
{
  CheckOptions options;
  options.as_of = as_of_or_today(args.as_of);
  options.strict = args.strict;
  const Severity fail_at = args.fail_on == "warning" ? Severity::warning : Severity::error;

  const fs::path root = find_workspace_root(global.dir);
  const CheckResult result = check_workspace(DiskFiles(root), options);
  verbose_line(global, fmt::format("workspace {} as of {}{}; checked {}", display_path(root),
                                   options.as_of.iso(), options.strict ? ", strict" : "",
                                   fmt::join(result.files, ", ")));

  report_on_stderr(global, result);
  if (args.format != "text") {
    print_data(render_format(args.format, result, fail_at));
  }
  const bool failed =
      std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                  [&](const Diagnostic& d) { return at_least(d.severity, fail_at); });
  return to_int(failed ? ExitCode::found : ExitCode::success);
}

} // namespace residence
