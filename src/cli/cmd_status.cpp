#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/suggest.h"
#include "milestones/history.h"
#include "milestones/status_render.h"

namespace residence {

namespace {

// A filter that matches nothing is more likely a typo than a question.
void check_filters(const MilestoneSet& set, const StatusOptions& options)
{
  if (options.phase && set.find_phase(*options.phase) == nullptr) {
    std::vector<std::string> ids;
    for (const auto& p : set.phases) {
      ids.push_back(p.id);
    }
    throw Error(ExitCode::usage, make_error("unknown-phase", fmt::format("no phase '{}'", *options.phase),
                                            did_you_mean(*options.phase, ids)));
  }
  if (options.owner) {
    std::vector<std::string> owners;
    for (const auto& m : set.milestones) {
      if (m.owner == *options.owner) {
        return;
      }
      owners.push_back(m.owner);
    }
    throw Error(ExitCode::usage,
                make_error("unknown-owner", fmt::format("no milestone has owner '{}'", *options.owner),
                           did_you_mean(*options.owner, owners)));
  }
}

void print_report(const GlobalOptions& global, const StatusArgs& args, const Manifest& manifest,
                  const StatusReport& report)
{
  if (args.format == "json") {
    print_data(render_status_json(manifest, report));
  } else if (args.format == "markdown") {
    print_data(render_status_markdown(manifest, report));
  } else {
    print_data(render_status_table(manifest, report, use_color(global.color, stdout)));
  }
}

// The workspace as committed at a revision, read from git objects alone:
// nothing in the work tree is read or touched. Unless --as-of says
// otherwise, the review is as of the day of that commit.
int status_at_revision(const GlobalOptions& global, const StatusArgs& args, StatusOptions options)
{
  const fs::path root = find_workspace_root(global.dir);
  auto repo = discover_repository(root);
  if (!repo) {
    throw Error(ExitCode::git_failed,
                make_error("no-repository",
                           fmt::format("--rev needs a git repository; none holds {}", display_path(root))));
  }
  std::vector<Diagnostic> problems;
  const Revision revision = load_revision(repo->get(), repo_relative_path(repo->get(), root), args.rev, problems);
  if (auto errors = errors_of(problems); !errors.empty()) {
    throw Error(ExitCode::invalid_input, errors);
  }
  verbose_line(global, fmt::format("revision {} ({}), {}", revision.commit.substr(0, 7), revision.date.iso(),
                                   revision.subject));
  report_warnings(global, problems);
  check_filters(revision.set, options);
  if (!args.as_of) {
    options.as_of = revision.date;
  }
  print_report(global, args, revision.manifest, compute_status(revision.set, options));
  return to_int(ExitCode::success);
}

} // namespace

int run_status(const GlobalOptions& global, const StatusArgs& args)
{
  StatusOptions options;
  options.as_of = as_of_or_today(args.as_of);
  options.window_days = args.window;
  if (!args.phase.empty()) {
    options.phase = args.phase;
  }
  if (!args.owner.empty()) {
    options.owner = args.owner;
  }
  if (!args.rev.empty()) {
    return status_at_revision(global, args, options);
  }

  const Workspace workspace = open_workspace(global.dir);
  verbose_line(global, fmt::format("workspace {}, milestones from {}", display_path(workspace.root),
                                   fmt::join(workspace.manifest.milestone_files, ", ")));
  std::vector<Diagnostic> warnings;
  const MilestoneSet set = load_valid_milestones(workspace, warnings);
  report_warnings(global, warnings);
  check_filters(set, options);
  print_report(global, args, workspace.manifest, compute_status(set, options));
  return to_int(ExitCode::success);
}

} // namespace residence
