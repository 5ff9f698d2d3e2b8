#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/suggest.h"
#include "milestones/status_render.h"

namespace residence {

namespace {

Date parse_as_of(const std::optional<std::string>& text)
{
  if (!text) {
    return Date::today();
  }
  auto date = Date::parse(*text);
  if (!date) {
    throw Error(ExitCode::usage,
                make_error("usage", fmt::format("--as-of takes a calendar date YYYY-MM-DD, not '{}'", *text)));
  }
  return *date;
}

// A filter that matches nothing is more likely a typo than a question.
void check_filters(const MilestoneSet& set, const StatusOptions& options)
{
  if (options.phase && set.find_phase(*options.phase) == nullptr) {
    std::vector<std::string> ids;
    for (const auto& p : set.phases) {
      ids.push_back(p.id);
    }
    throw Error(ExitCode::usage,
                make_error("unknown-phase", fmt::format("no phase '{}'", *options.phase), did_you_mean(*options.phase, ids)));
  }
  if (options.owner) {
    std::vector<std::string> owners;
    for (const auto& m : set.milestones) {
      if (m.owner == *options.owner) {
        return;
      }
      owners.push_back(m.owner);
    }
    throw Error(ExitCode::usage, make_error("unknown-owner", fmt::format("no milestone has owner '{}'", *options.owner),
                                            did_you_mean(*options.owner, owners)));
  }
}

} // namespace

int run_status(const GlobalOptions& global, const StatusArgs& args)
{
  StatusOptions options;
  options.as_of = parse_as_of(args.as_of);
  options.window_days = args.window;
  if (!args.phase.empty()) {
    options.phase = args.phase;
  }
  if (!args.owner.empty()) {
    options.owner = args.owner;
  }

  const Workspace workspace = open_workspace(global.dir);
  verbose_line(global, fmt::format("workspace {}, milestones from {}", display_path(workspace.root),
                                   fmt::join(workspace.manifest.milestone_files, ", ")));
  std::vector<Diagnostic> warnings;
  const MilestoneSet set = load_valid_milestones(workspace, warnings);
  report_warnings(global, warnings);
  check_filters(set, options);

  const StatusReport report = compute_status(set, options);
  if (args.format == "json") {
    print_data(render_status_json(workspace.manifest, report));
  } else if (args.format == "markdown") {
    print_data(render_status_markdown(workspace.manifest, report));
  } else {
    print_data(render_status_table(workspace.manifest, report, use_color(global.color, stdout)));
  }
  return to_int(ExitCode::success);
}

} // namespace residence
