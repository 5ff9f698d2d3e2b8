// `residence milestone add|start|done|block|cancel|move`: each edit locks the
// workspace, reads the milestones, decides what changes, splices the new
// values into the files, writes them atomically and, when asked, commits.

#include <algorithm>
#include <random>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "diagnostics/render_text.h"
#include "diagnostics/suggest.h"
#include "git/git.h"
#include "io/leftovers.h"
#include "io/lock.h"
#include "io/text.h"
#include "milestones/changes.h"
#include "milestones/history.h"

namespace residence {

namespace {

constexpr const char* k_absent = "\u2014";

// A workspace locked for one edit. The milestones are read after the lock is
// taken, so an edit that waited sees the one before it.
struct Session {
  Workspace workspace;
  FileLock lock;
  MilestoneSet set;
  std::vector<Diagnostic> errors_before;
};

Session open_session(const GlobalOptions& global)
{
  Workspace workspace = open_workspace(global.dir);
  FileLock lock = FileLock::acquire(workspace.lock_path(), lock_timeout());
  std::vector<Diagnostic> problems;
  MilestoneSet set = load_milestones(workspace, problems);
  std::vector<Diagnostic> errors = errors_of(problems);
  verbose_line(global, fmt::format("workspace {}, {} milestones in {}",
                                   display_path(workspace.root), set.milestones.size(),
                                   fmt::join(workspace.manifest.milestone_files, ", ")));
  return Session {std::move(workspace), std::move(lock), std::move(set), std::move(errors)};
}

// The errors of the edited text that the files did not have, told as being
// in the edited text: their lines are on no disk.
std::vector<Diagnostic> new_errors(const std::vector<Diagnostic>& before,
                                   const std::vector<Diagnostic>& after)
{
  std::vector<Diagnostic> added;
  for (const Diagnostic& d : after) {
    const bool known = std::any_of(before.begin(), before.end(), [&](const Diagnostic& b) {
      return b.code == d.code && b.message == d.message;
    });
    if (!known) {
      added.push_back(in_edited_text(d));
    }
  }
  return added;
}

// An edit must not make the milestones less valid than it found them.
MilestoneSet check_no_new_errors(const Session& session, std::vector<TomlDocument> documents)
{
  std::vector<Diagnostic> problems;
  MilestoneSet edited = read_milestones(std::move(documents), problems);
  const std::vector<Diagnostic> errors = errors_of(problems);
  if (errors.size() > session.errors_before.size()) {
    std::vector<Diagnostic> reported = new_errors(session.errors_before, errors);
    reported.insert(reported.begin(),
                    make_error("edit-invalid", "the edit would leave the milestones invalid; "
                                               "nothing was written"));
    throw Error(ExitCode::invalid_input, reported);
  }
  return edited;
}

bool wants_commit(const Workspace& workspace, const EditArgs& args)
{
  return args.commit || (workspace.manifest.commit_edits && !args.no_commit);
}

struct GitTarget {
  Repository repo;
  std::vector<std::string> paths;
  Author author;
};

std::optional<Author> author_option(const std::string& text)
{
  if (text.empty()) {
    return std::nullopt;
  }
  auto author = parse_author(text);
  if (!author) {
    throw Error(
        ExitCode::usage,
        make_error("usage", fmt::format("--author takes \"Name <email>\", not '{}'", text)));
  }
  return author;
}

Repository require_repository(const Workspace& workspace)
{
  auto repo = discover_repository(workspace.root);
  if (!repo) {
    throw Error(ExitCode::git_failed,
                make_error("no-repository",
                           fmt::format("--commit needs a git repository; none holds {}",
                                       display_path(workspace.root)),
                           "run `git init` there, or leave out --commit"));
  }
  return std::move(*repo);
}

// Checked before anything is written: a commit must hold this edit only.
GitTarget prepare_commit(const Session& session, const std::vector<const TomlDocument*>& changed,
                         const EditArgs& args)
{
  GitTarget target {require_repository(session.workspace), {}, {}};
  target.author = resolve_author(target.repo.get(), author_option(args.author));
  check_commit_possible(target.repo.get(), target.author);
  for (const TomlDocument* doc : changed) {
    const std::string path = repo_relative_path(target.repo.get(), doc->path);
    if (!args.allow_dirty && has_uncommitted_changes(target.repo.get(), path)) {
      Diagnostic d =
          make_error("uncommitted-changes",
                     "the file has uncommitted changes; --commit would record them with this edit",
                     "commit or stash them first, or pass --allow-dirty to commit them along");
      d.file = doc->display;
      throw Error(ExitCode::would_overwrite, d);
    }
    target.paths.push_back(path);
  }
  return target;
}

std::string change_line(const FieldEdit& edit)
{
  return fmt::format("{}: {} {} \u2192 {}", edit.id, edit.key, edit.before.value_or(k_absent),
                     edit.after.value_or(k_absent));
}

std::string commit_message(const EditPlan& plan, const std::string& command)
{
  std::string message = plan.summary + "\n\n";
  if (plan.added) {
    message += fmt::format("{}: added\n", plan.added->id);
  }
  for (const auto& edit : plan.edits) {
    message += change_line(edit) + "\n";
  }
  message += fmt::format("\nResidence-Command: {}\n", command);
  for (const auto& id : plan.milestones) {
    message += fmt::format("Residence-Milestone: {}\n", id);
  }
  return message;
}

void print_notes(const GlobalOptions& global, const EditPlan& plan)
{
  std::vector<Diagnostic> notes;
  for (const auto& text : plan.notes) {
    Diagnostic d;
    d.severity = Severity::note;
    d.message = text;
    notes.push_back(std::move(d));
  }
  report_warnings(global, notes);
}

void report(const GlobalOptions& global, const Session& session, const EditPlan& plan,
            const std::vector<const TomlDocument*>& changed, const std::string& commit)
{
  print_notes(global, plan);
  if (global.quiet) {
    return;
  }
  std::size_t id_width = 2;
  std::size_t key_width = 3;
  for (const auto& edit : plan.edits) {
    id_width = std::max(id_width, display_width(edit.id));
    key_width = std::max(key_width, display_width(edit.key));
  }
  std::string out = plan.summary + "\n";
  if (plan.added) {
    out += fmt::format("  {}  added to {}\n", plan.added->id,
                       session.set.documents[plan.added->file].display);
  }
  for (const auto& edit : plan.edits) {
    out += fmt::format("  {}  {}  {} \u2192 {}\n", pad_right(edit.id, id_width),
                       pad_right(edit.key, key_width), edit.before.value_or(k_absent),
                       edit.after.value_or(k_absent));
  }
  std::vector<std::string> files;
  for (const TomlDocument* doc : changed) {
    files.push_back(doc->display);
  }
  out += fmt::format("Wrote {}.\n", fmt::join(files, ", "));
  if (!commit.empty()) {
    out += fmt::format("Committed {}.\n", commit.substr(0, 7));
  }
  print_data(out);
}

// The commit of an edit already written; when git fails, the files get their
// previous bytes back, so that the edit is wholly made or not at all (left on
// disk, it would be uncommitted and a second run would find nothing to do).
std::string commit_or_restore(GitTarget& git, const std::vector<const TomlDocument*>& originals,
                              const std::string& message)
{
  try {
    return commit_paths(git.repo.get(), git.paths, git.author, message);
  } catch (const Error& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    std::vector<std::string> files;
    for (const TomlDocument* before : originals) {
      atomic_write(before->path, before->text);
      files.push_back(before->display);
    }
    problems.push_back(
        make_error("edit-not-made", fmt::format("the edit was not made: {} restored as it was",
                                                fmt::join(files, ", "))));
    throw Error(e.exit_code(), problems);
  }
}

// The common end of every edit: apply, check, write, commit, report.
int finish(const GlobalOptions& global, const Session& session, const EditPlan& plan,
           const EditArgs& args, const std::string& command)
{
  if (plan.empty()) {
    print_notes(global, plan);
    if (!global.quiet) {
      print_data(
          fmt::format("Nothing to change: {} is already so.\n", fmt::join(plan.milestones, ", ")));
    }
    return to_int(ExitCode::success);
  }
  const MilestoneSet edited = check_no_new_errors(session, apply_plan(session.set, plan));
  const std::vector<TomlDocument>& documents = edited.documents;
  std::vector<const TomlDocument*> changed;
  std::vector<const TomlDocument*> originals;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (documents[i].text != session.set.documents[i].text) {
      changed.push_back(&documents[i]);
      originals.push_back(&session.set.documents[i]);
    }
  }

  std::optional<GitTarget> git;
  if (wants_commit(session.workspace, args)) {
    git = prepare_commit(session, changed, args);
  }
  for (const TomlDocument* doc : changed) {
    remove_stale_temporaries(doc->path);
    atomic_write(doc->path, doc->text);
  }
  std::string commit;
  if (git) {
    commit = commit_or_restore(*git, originals, commit_message(plan, command));
  }
  report(global, session, plan, changed, commit);
  return to_int(ExitCode::success);
}

std::optional<Date> optional_date(const std::string& option, const std::string& text)
{
  return text.empty() ? std::nullopt : std::optional<Date>(parse_date_option(option, text));
}

MilestoneStatus status_for(const std::string& command)
{
  if (command == "done") {
    return MilestoneStatus::done;
  }
  if (command == "block") {
    return MilestoneStatus::blocked;
  }
  if (command == "cancel") {
    return MilestoneStatus::cancelled;
  }
  return MilestoneStatus::active;
}

StatusEdit status_edit(const MilestoneStatusArgs& args)
{
  StatusEdit edit;
  edit.status = status_for(args.command);
  edit.on = optional_date("--on", args.on);
  edit.today = Date::today();
  edit.force = args.force;
  edit.reason = args.reason;
  if (args.force && args.reason.empty()) {
    throw Error(
        ExitCode::usage,
        make_error("usage", "--force needs --reason TEXT, recorded in the file as forced_reason"));
  }
  if (!args.reason.empty() && !args.force) {
    throw Error(ExitCode::usage, make_error("usage", "--reason goes with --force"));
  }
  return edit;
}

std::size_t file_index(const Workspace& workspace, const std::string& file)
{
  const auto& files = workspace.manifest.milestone_files;
  if (file.empty()) {
    return 0;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (fs::path(files[i]).lexically_normal() == fs::path(file).lexically_normal()) {
      return i;
    }
  }
  throw Error(ExitCode::usage,
              make_error("unknown-file",
                         fmt::format("residence.toml lists no milestones file '{}'", file),
                         did_you_mean(file, files)));
}

// An id names one milestone for the whole history: one that a commit ever
// held is not given again, even after it was removed.
std::function<bool(const std::string&)> id_taken(const GlobalOptions& global,
                                                 const Session& session)
{
  std::vector<std::string> texts;
  if (auto repo = discover_repository(session.workspace.root)) {
    MilestoneTexts history = milestone_texts_in_history(
        repo->get(), repo_relative_path(repo->get(), session.workspace.root));
    texts = std::move(history.texts);
    if (!history.shallow_from.empty()) {
      warn_shallow_history(global, history.shallow_from, "ids used before it could not be checked");
    }
  }
  return [&set = session.set, texts = std::move(texts)](const std::string& id) {
    if (set.find(id) != nullptr) {
      return true;
    }
    const std::string quoted = fmt::format("\"{}\"", id);
    const std::string literal = fmt::format("'{}'", id);
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& text) {
      return text.find(quoted) != std::string::npos || text.find(literal) != std::string::npos;
    });
  };
}

std::string chosen_id(const GlobalOptions& global, const Session& session,
                      const MilestoneAddArgs& args)
{
  const auto taken = id_taken(global, session);
  if (args.id.empty()) {
    std::random_device device;
    return mint_id(args.title, taken, [&device] { return static_cast<std::uint32_t>(device()); });
  }
  if (session.set.find(args.id) == nullptr && taken(args.id)) {
    throw Error(
        ExitCode::usage,
        make_error("id-reused",
                   fmt::format("milestone id '{}' was used before, in the history", args.id),
                   "an id names one milestone for good (see `residence log`); choose another"));
  }
  return args.id;
}

AddEdit add_edit(const MilestoneAddArgs& args)
{
  AddEdit edit;
  edit.title = args.title;
  edit.phase = args.phase;
  edit.due = parse_date_option("--due", args.due);
  edit.start = optional_date("--start", args.start);
  edit.owner = args.owner;
  edit.note = args.note;
  for (const auto& entry : args.depends_on) {
    // Both "--depends-on a --depends-on b" and "--depends-on a,b" work.
    std::size_t pos = 0;
    while (pos <= entry.size()) {
      const std::size_t comma = std::min(entry.find(',', pos), entry.size());
      if (comma > pos) {
        edit.depends_on.push_back(entry.substr(pos, comma - pos));
      }
      pos = comma + 1;
    }
  }
  if (!args.kind.empty()) {
    edit.kind = parse_kind(args.kind);
  }
  return edit;
}

} // namespace

int run_milestone_status(const GlobalOptions& global, const MilestoneStatusArgs& args)
{
  const StatusEdit edit = status_edit(args);
  const Session session = open_session(global);
  const EditPlan plan = plan_status(session.set, args.id, edit);
  return finish(global, session, plan, args.edit, "milestone " + args.command);
}

int run_milestone_move(const GlobalOptions& global, const MilestoneMoveArgs& args)
{
  if (args.to.empty() == args.by.empty()) {
    throw Error(
        ExitCode::usage,
        make_error("usage", "move takes either --to DATE or --by OFFSET (such as +2w or -1m)"));
  }
  MoveEdit edit;
  edit.to = optional_date("--to", args.to);
  edit.by = args.by;
  edit.cascade = args.cascade;
  const Session session = open_session(global);
  const EditPlan plan = plan_move(session.set, args.id, edit);
  return finish(global, session, plan, args.edit, "milestone move");
}

int run_milestone_add(const GlobalOptions& global, const MilestoneAddArgs& args)
{
  AddEdit edit = add_edit(args);
  const Session session = open_session(global);
  edit.file = file_index(session.workspace, args.file);
  edit.id = chosen_id(global, session, args);
  const EditPlan plan = plan_add(session.set, edit);
  return finish(global, session, plan, args.edit, "milestone add");
}

} // namespace residence
