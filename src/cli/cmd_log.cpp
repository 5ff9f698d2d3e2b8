// `residence log [ID]`: the story of the milestones, read from git.

#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/suggest.h"
#include "milestones/history_render.h"
#include "milestones/milestone_set.h"

namespace residence {

namespace {

// A milestone added but not committed yet has no history, which is no error.
bool in_work_tree(const GlobalOptions& global, const std::string& id)
{
  try {
    std::vector<Diagnostic> ignored;
    return load_milestones(open_workspace(global.dir), ignored).find(id) != nullptr;
  } catch (const Error&) {
    return false;
  }
}

void check_known(const GlobalOptions& global, const History& history, const std::string& id)
{
  if (history.ids.count(id) != 0 || in_work_tree(global, id)) {
    return;
  }
  const std::vector<std::string> ids(history.ids.begin(), history.ids.end());
  throw Error(ExitCode::usage,
              make_error("unknown-milestone", fmt::format("no milestone '{}' in the history", id),
                         did_you_mean(id, ids)));
}

} // namespace

int run_log(const GlobalOptions& global, const LogArgs& args)
{
  HistoryQuery query;
  if (!args.id.empty()) {
    query.milestone = args.id;
  }
  if (!args.since.empty()) {
    query.since = parse_date_option("--since", args.since);
  }

  const fs::path root = find_workspace_root(global.dir);
  auto repo = discover_repository(root);
  if (!repo) {
    throw Error(ExitCode::git_failed,
                make_error("no-repository",
                           fmt::format("no git repository holds {}, so there is no history to read",
                                       display_path(root)),
                           "`residence init` creates one; or run `git init` and commit"));
  }
  const std::string prefix = repo_relative_path(repo->get(), root);
  const History history = read_history(repo->get(), prefix, query);
  verbose_line(global,
               fmt::format("read {} commits, {} changes", history.commits, history.entries.size()));

  if (!history.shallow_from.empty()) {
    warn_shallow_history(global, history.shallow_from,
                         "what that commit and the ones before it changed is not known");
  }
  if (query.milestone) {
    check_known(global, history, *query.milestone);
  }
  if (args.format == "json") {
    print_data(render_history_json(history));
  } else {
    print_data(render_history_table(history, use_color(global.color, stdout)));
  }
  return to_int(ExitCode::success);
}

} // namespace residence
