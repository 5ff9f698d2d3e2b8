#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/suggest.h"
#include "milestones/status_render.h"

namespace residence {

namespace {

void check_phase(const MilestoneSet& set, const std::string& phase)
{
  if (phase.empty() || set.find_phase(phase) != nullptr) {
    return;
  }
  std::vector<std::string> ids;
  for (const auto& p : set.phases) {
    ids.push_back(p.id);
  }
  throw Error(ExitCode::usage, make_error("unknown-phase", fmt::format("no phase '{}'", phase), did_you_mean(phase, ids)));
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
  const MilestoneSet set = load_valid_milestones(workspace);
  check_phase(set, args.phase);

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
