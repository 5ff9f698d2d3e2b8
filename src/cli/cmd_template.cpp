#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/render_text.h"
#include "templates/describe.h"
#include "templates/git_template.h"
#include "templates/scaffold.h"
#include "templates/validate.h"

namespace residence {

namespace {

std::string cached_list()
{
  const auto cached = cached_templates();
  std::string out =
      fmt::format("\nGit templates in the cache ({}):\n", display_path(template_cache_root()));
  if (cached.empty()) {
    out += "  none yet: init --template URL#REF fetches one\n";
    return out;
  }
  for (const auto& c : cached) {
    out += fmt::format("  {}  {}\n", c.url,
                       c.highest_tag.empty() ? "(no version tag)" : c.highest_tag);
  }
  return out;
}

std::string summary(const ValidationReport& report)
{
  const std::size_t renders = report.renders.size();
  const std::string files = report.files == 0
                                ? std::string("nothing written")
                                : fmt::format("{} files with the defaults", report.files);
  std::string out = fmt::format("Template {} {} ({}): {}; {} render{}: {}.\n", report.manifest.name,
                                report.manifest.version, report.manifest.language, files, renders,
                                renders == 1 ? "" : "s", fmt::join(report.renders, "; "));
  if (!report.samples.empty()) {
    std::vector<std::string> shown;
    for (const auto& [key, value] : report.samples) {
      shown.push_back(fmt::format("{} = {}", key, value));
    }
    out += fmt::format("Questions without a default were answered: {}.\n", fmt::join(shown, ", "));
  }
  const std::size_t errors = errors_of(report.problems).size();
  const std::size_t warnings = report.problems.size() - errors;
  if (report.problems.empty()) {
    out += "No problems.\n";
    return out;
  }
  out += fmt::format("{} error{}, {} warning{}.\n", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
  return out;
}

int run_list(const GlobalOptions&)
{
  std::string out = "Built-in templates:\n";
  for (const auto& name : builtin_template_names()) {
    const TemplateManifest manifest = read_template_manifest(*builtin_template(name));
    out += fmt::format("  {}  {}  {}\n", name, manifest.version, manifest.description);
  }
  print_data(out + cached_list());
  return to_int(ExitCode::success);
}

int run_show(const GlobalOptions& global, const TemplateArgs& args)
{
  const TemplateSource source = resolve_template(args.name, {args.pre});
  report_warnings(global, source.notes);
  const TemplateManifest manifest = read_template_manifest(source);
  report_warnings(global, manifest.warnings);
  const Date today = Date::today();
  print_data(args.format == "json" ? describe_template_json(source, manifest, today)
                                   : describe_template_text(source, manifest, today));
  return to_int(ExitCode::success);
}

int run_validate(const GlobalOptions& global, const TemplateArgs& args)
{
  const TemplateSource source = resolve_template(args.name, {args.pre});
  report_warnings(global, source.notes);
  verbose_line(
      global, fmt::format("validating {} ({} files)", template_place(source), source.files.size()));
  const ValidationReport report = validate_template(source, parse_set_options(args.set), Date::today());
  report_warnings(global, report.problems);
  if (!report.manifest_read) {
    return to_int(ExitCode::found);
  }
  if (!global.quiet) {
    print_data(summary(report));
  }
  return to_int(report.ok() ? ExitCode::success : ExitCode::found);
}

} // namespace

int run_template(const GlobalOptions& global, const TemplateArgs& args)
{
  if (args.action == "list") {
    return run_list(global);
  }
  if (args.action == "show") {
    return run_show(global, args);
  }
  return run_validate(global, args);
}

} // namespace residence
