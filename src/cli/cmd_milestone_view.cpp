// `residence milestone list` and `show`: read-only views of the milestones.

#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/suggest.h"
#include "milestones/listing.h"
#include "workspace/workspace.h"

namespace residence {

namespace {

std::vector<std::string> ids_of(const MilestoneSet& set)
{
  std::vector<std::string> ids;
  for (const auto& m : set.milestones) {
    ids.push_back(m.id);
  }
  return ids;
}

ListFilter filter_from(const MilestoneListArgs& args)
{
  ListFilter filter;
  filter.as_of = as_of_or_today(args.as_of);
  filter.overdue = args.overdue;
  if (!args.phase.empty()) {
    filter.phase = args.phase;
  }
  if (!args.owner.empty()) {
    filter.owner = args.owner;
  }
  if (!args.status.empty()) {
    filter.status = parse_status(args.status);
  }
  return filter;
}

void check_phase(const MilestoneSet& set, const std::optional<std::string>& phase)
{
  if (!phase || set.find_phase(*phase) != nullptr) {
    return;
  }
  std::vector<std::string> ids;
  for (const auto& p : set.phases) {
    ids.push_back(p.id);
  }
  throw Error(ExitCode::usage, make_error("unknown-phase", fmt::format("no phase '{}'", *phase),
                                          did_you_mean(*phase, ids)));
}

} // namespace

int run_milestone_list(const GlobalOptions& global, const MilestoneListArgs& args)
{
  const ListFilter filter = filter_from(args);
  const Workspace workspace = open_workspace(global.dir);
  std::vector<Diagnostic> warnings;
  const MilestoneSet set = load_valid_milestones(workspace, warnings);
  report_warnings(global, warnings);
  check_phase(set, filter.phase);

  const auto selected = select_milestones(set, filter);
  verbose_line(global,
               fmt::format("{} of {} milestones selected", selected.size(), set.milestones.size()));
  if (args.format == "json") {
    print_data(render_list_json(set, selected, filter.as_of));
  } else {
    print_data(render_list_table(selected, filter.as_of, use_color(global.color, stdout)));
  }
  return to_int(ExitCode::success);
}

int run_milestone_show(const GlobalOptions& global, const MilestoneShowArgs& args)
{
  const Date as_of = as_of_or_today(args.as_of);
  const Workspace workspace = open_workspace(global.dir);
  std::vector<Diagnostic> warnings;
  const MilestoneSet set = load_valid_milestones(workspace, warnings);
  report_warnings(global, warnings);
  const Milestone* m = set.find(args.id);
  if (m == nullptr) {
    throw Error(ExitCode::usage,
                make_error("unknown-milestone", fmt::format("no milestone '{}'", args.id),
                           did_you_mean(args.id, ids_of(set))));
  }
  if (args.format == "json") {
    print_data(render_show_json(set, *m, as_of));
  } else {
    print_data(render_show_text(set, *m, as_of, use_color(global.color, stdout)));
  }
  return to_int(ExitCode::success);
}

} // namespace residence
