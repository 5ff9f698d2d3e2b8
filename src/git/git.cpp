#include "git/git.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "diagnostics/diagnostic.h"

namespace residence {

namespace {

std::optional<std::string> config_string(git_config* config, const char* key)
{
  git_buf buf = GIT_BUF_INIT;
  if (git_config_get_string_buf(&buf, config, key) < 0) {
    return std::nullopt;
  }
  std::string value(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

std::string trim(std::string text)
{
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
}

} // namespace

GitLibrary::GitLibrary()
{
  git_libgit2_init();
  // An unreadable HOME (a service account, a sandbox) makes libgit2 fail on
  // every repository; without a global configuration the fallback author applies.
  const char* home = std::getenv("HOME");
  if (home != nullptr && ::access(home, R_OK | X_OK) != 0) {
    git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
    git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
  }
}

GitLibrary::~GitLibrary()
{
  git_libgit2_shutdown();
}

void ensure_git()
{
  static const GitLibrary library;
}

void git_check(int rc, const std::string& doing)
{
  if (rc >= 0) {
    return;
  }
  const git_error* error = git_error_last();
  const std::string detail = error != nullptr && error->message != nullptr ? error->message : "unknown error";
  throw Error(ExitCode::git_failed, make_error("git-failed", fmt::format("git: cannot {}: {}", doing, detail)));
}

std::optional<Author> parse_author(const std::string& text)
{
  const auto open = text.find('<');
  const auto close = text.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open || close != text.size() - 1) {
    return std::nullopt;
  }
  Author author{trim(text.substr(0, open)), trim(text.substr(open + 1, close - open - 1))};
  if (author.name.empty() || author.email.empty()) {
    return std::nullopt;
  }
  return author;
}

Author resolve_author(git_repository* repo, const std::optional<Author>& explicit_author)
{
  if (explicit_author) {
    return *explicit_author;
  }
  const char* env_name = std::getenv("GIT_AUTHOR_NAME");
  const char* env_email = std::getenv("GIT_AUTHOR_EMAIL");
  if (env_name != nullptr && *env_name != '\0' && env_email != nullptr && *env_email != '\0') {
    return {env_name, env_email};
  }
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) == 0) {
    Config config(raw);
    auto name = config_string(config.get(), "user.name");
    auto email = config_string(config.get(), "user.email");
    if (name && email) {
      return {*name, *email};
    }
  }
  return {"residence", "residence@localhost"};
}

Repository init_repository(const fs::path& dir)
{
  ensure_git();
  git_repository_init_options options;
  git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
  options.flags |= GIT_REPOSITORY_INIT_MKPATH;
  options.initial_head = "main";
  git_repository* raw = nullptr;
  git_check(git_repository_init_ext(&raw, dir.c_str(), &options), "create a repository");
  return Repository(raw);
}

Repository open_repository(const fs::path& dir)
{
  ensure_git();
  git_repository* raw = nullptr;
  git_check(git_repository_open(&raw, dir.c_str()), fmt::format("open the repository in {}", display_path(dir)));
  return Repository(raw);
}

std::string commit_all(git_repository* repo, const Author& author, const std::string& message)
{
  ensure_git();
  git_index* raw_index = nullptr;
  git_check(git_repository_index(&raw_index, repo), "read the index");
  Index index(raw_index);
  git_check(git_index_add_all(index.get(), nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr), "stage the files");
  git_check(git_index_write(index.get()), "write the index");

  git_oid tree_id;
  git_check(git_index_write_tree(&tree_id, index.get()), "write the tree");
  git_tree* raw_tree = nullptr;
  git_check(git_tree_lookup(&raw_tree, repo, &tree_id), "read the tree");
  Tree tree(raw_tree);

  git_signature* raw_sig = nullptr;
  git_check(git_signature_now(&raw_sig, author.name.c_str(), author.email.c_str()), "make the commit signature");
  Signature signature(raw_sig);

  Commit parent;
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, repo, "HEAD") == 0) {
    git_commit* raw_parent = nullptr;
    git_check(git_commit_lookup(&raw_parent, repo, &head_id), "read HEAD");
    parent.reset(raw_parent);
  }
  const git_commit* parents[] = {parent.get()};

  git_oid commit_id;
  git_check(git_commit_create(&commit_id, repo, "HEAD", signature.get(), signature.get(), nullptr, message.c_str(),
                              tree.get(), parent ? 1 : 0, parent ? parents : nullptr),
            "create the commit");
  return git_oid_tostr_s(&commit_id);
}

std::size_t count_changes(git_repository* repo)
{
  ensure_git();
  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* raw = nullptr;
  git_check(git_status_list_new(&raw, repo, &options), "read the status");
  StatusList list(raw);
  return git_status_list_entrycount(list.get());
}

std::optional<Repository> discover_repository(const fs::path& dir)
{
  ensure_git();
  git_repository* raw = nullptr;
  const int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) {
    return std::nullopt;
  }
  git_check(rc, fmt::format("open the repository holding {}", display_path(dir)));
  return Repository(raw);
}

std::string repo_relative_path(git_repository* repo, const fs::path& path)
{
  const char* workdir = git_repository_workdir(repo);
  if (workdir == nullptr) {
    throw Error(ExitCode::git_failed,
                make_error("git-bare", "git: the repository has no work tree"));
  }
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(workdir, ec);
  const fs::path target = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path relative = target.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") {
    throw Error(ExitCode::git_failed,
                make_error("git-outside", fmt::format("git: {} is outside the repository in {}",
                                                      display_path(path), display_path(root))));
  }
  return relative == "." ? std::string {} : relative.generic_string();
}

Commit resolve_commit(git_repository* repo, const std::string& revision)
{
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo, revision.c_str()) < 0) {
    throw Error(ExitCode::git_failed,
                make_error("unknown-revision",
                           fmt::format("git: no revision '{}' in this repository", revision),
                           "name a commit as git does: an id, a branch, a tag, HEAD~3..."));
  }
  Object object(raw);
  git_object* peeled = nullptr;
  git_check(git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT),
            fmt::format("read revision '{}' as a commit", revision));
  return Commit(reinterpret_cast<git_commit*>(peeled));
}

Tree tree_of(const git_commit* commit)
{
  git_tree* raw = nullptr;
  git_check(git_commit_tree(&raw, commit), "read the tree of a commit");
  return Tree(raw);
}

Commit parent_of(const git_commit* commit, unsigned index)
{
  git_commit* raw = nullptr;
  git_check(git_commit_parent(&raw, commit, index), "read the parent of a commit");
  return Commit(raw);
}

std::optional<git_oid> file_id(git_tree* tree, const std::string& path)
{
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) < 0) {
    return std::nullopt;
  }
  TreeEntry entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return std::nullopt;
  }
  return *git_tree_entry_id(entry.get());
}

std::string read_blob(git_repository* repo, const git_oid& id)
{
  git_blob* raw = nullptr;
  git_check(git_blob_lookup(&raw, repo, &id), "read a file from the history");
  Blob blob(raw);
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

std::string short_id(const git_oid& id)
{
  char text[8] = {};
  git_oid_tostr(text, sizeof text, &id);
  return text;
}

bool has_uncommitted_changes(git_repository* repo, const std::string& path)
{
  unsigned int flags = 0;
  const int rc = git_status_file(&flags, repo, path.c_str());
  if (rc == GIT_ENOTFOUND) {
    return true;
  }
  git_check(rc, fmt::format("read the status of {}", path));
  return flags != GIT_STATUS_CURRENT;
}

namespace {

Commit head_commit(git_repository* repo)
{
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, repo, "HEAD") < 0) {
    throw Error(ExitCode::git_failed,
                make_error("git-no-head", "git: the repository has no commit yet",
                           "commit the workspace once (git add -A && git commit), "
                           "then run the command again"));
  }
  git_commit* raw = nullptr;
  git_check(git_commit_lookup(&raw, repo, &head_id), "read HEAD");
  return Commit(raw);
}

git_filemode_t mode_in(git_tree* tree, const std::string& path)
{
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) < 0) {
    return GIT_FILEMODE_BLOB;
  }
  TreeEntry entry(raw);
  return git_tree_entry_filemode(entry.get());
}

std::string first_line(const std::string& text)
{
  return text.substr(0, text.find('\n'));
}

// An index entry kept by value, with its own copy of the path.
struct SavedEntry {
  std::string path;
  std::optional<git_index_entry> entry;
};

// Puts `paths` back in the index as they were before `stage`, when moving the
// branch failed after the index was written.
bool restore_entries(git_index* index, const std::vector<SavedEntry>& saved)
{
  bool restored = true;
  for (const auto& item : saved) {
    if (item.entry) {
      git_index_entry entry = *item.entry;
      entry.path = item.path.c_str();
      restored = git_index_add(index, &entry) == 0 && restored;
    } else {
      restored = git_index_remove_bypath(index, item.path.c_str()) == 0 && restored;
    }
  }
  return git_index_write(index) == 0 && restored;
}

std::vector<SavedEntry> save_entries(git_index* index, const std::vector<std::string>& paths)
{
  std::vector<SavedEntry> saved;
  for (const auto& path : paths) {
    SavedEntry item {path, std::nullopt};
    if (const git_index_entry* entry = git_index_get_bypath(index, path.c_str(), 0)) {
      item.entry = *entry;
      item.entry->path = nullptr; // points into the index; item.path holds it
    }
    saved.push_back(std::move(item));
  }
  return saved;
}

// The reference HEAD moves: the branch it names, or HEAD itself when detached.
std::string head_target(git_repository* repo)
{
  git_reference* raw = nullptr;
  git_check(git_reference_lookup(&raw, repo, "HEAD"), "read HEAD");
  const Reference head(raw);
  if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC) {
    return git_reference_symbolic_target(head.get());
  }
  return "HEAD";
}

std::string state_name(int state)
{
  switch (state) {
  case GIT_REPOSITORY_STATE_MERGE:
    return "a merge";
  case GIT_REPOSITORY_STATE_REVERT:
  case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
    return "a revert";
  case GIT_REPOSITORY_STATE_CHERRYPICK:
  case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
    return "a cherry-pick";
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
    return "a git am";
  default:
    return "a rebase";
  }
}

} // namespace

void check_commit_possible(git_repository* repo, const Author& author)
{
  head_commit(repo);
  const int state = git_repository_state(repo);
  if (state != GIT_REPOSITORY_STATE_NONE && state != GIT_REPOSITORY_STATE_BISECT) {
    throw Error(ExitCode::would_overwrite,
                make_error("git-busy",
                           fmt::format("{} is in progress in this repository; a commit now would "
                                       "record its whole resolution along with this edit",
                                       state_name(state)),
                           "finish it (or abort it) first, then run the edit again; or make the "
                           "edit without committing (--no-commit)"));
  }
  const fs::path index_lock = fs::path(git_repository_path(repo)) / "index.lock";
  std::error_code ec;
  if (fs::exists(index_lock, ec)) {
    throw Error(
        ExitCode::git_failed,
        make_error("git-index-locked",
                   fmt::format("git: the index is locked ({} exists)", display_path(index_lock)),
                   "another git command is running; run the edit again when it has "
                   "finished. If none is running, delete that file"));
  }
  git_signature* raw = nullptr;
  if (git_signature_now(&raw, author.name.c_str(), author.email.c_str()) < 0) {
    throw Error(ExitCode::usage,
                make_error("usage",
                           fmt::format("git cannot sign a commit as \"{} <{}>\"", author.name,
                                       author.email),
                           "give --author \"Name <email>\" without angle brackets inside"));
  }
  git_signature_free(raw);
}

std::string commit_paths(git_repository* repo, const std::vector<std::string>& paths,
                         const Author& author, const std::string& message)
{
  const Commit head = head_commit(repo);
  const Tree baseline = tree_of(head.get());

  // The new tree is HEAD's with only these files replaced, so that whatever
  // else the user has staged stays out of this commit.
  std::vector<git_tree_update> updates;
  for (const auto& path : paths) {
    git_tree_update update {};
    update.action = GIT_TREE_UPDATE_UPSERT;
    git_check(git_blob_create_from_workdir(&update.id, repo, path.c_str()),
              fmt::format("store {}", path));
    update.filemode = mode_in(baseline.get(), path);
    update.path = path.c_str();
    updates.push_back(update);
  }
  git_oid tree_id;
  git_check(git_tree_create_updated(&tree_id, repo, baseline.get(), updates.size(), updates.data()),
            "write the tree");
  git_tree* raw_tree = nullptr;
  git_check(git_tree_lookup(&raw_tree, repo, &tree_id), "read the tree");
  const Tree tree(raw_tree);

  git_signature* raw_sig = nullptr;
  git_check(git_signature_now(&raw_sig, author.name.c_str(), author.email.c_str()),
            "make the commit signature");
  const Signature signature(raw_sig);
  const git_commit* parents[] = {head.get()};
  git_oid commit_id;
  // The commit is only an object until the branch moves, last.
  git_check(git_commit_create(&commit_id, repo, nullptr, signature.get(), signature.get(), nullptr,
                              message.c_str(), tree.get(), 1, parents),
            "create the commit");

  // The index is written before the branch moves: should that fail, or the
  // process die in between, the files are staged and nothing is lost. The
  // other order would leave a HEAD whose change the index does not hold,
  // which the next ordinary commit would silently revert.
  git_index* raw_index = nullptr;
  git_check(git_repository_index(&raw_index, repo), "read the index");
  const Index index(raw_index);
  const std::vector<SavedEntry> saved = save_entries(index.get(), paths);
  for (const auto& path : paths) {
    git_check(git_index_add_bypath(index.get(), path.c_str()), fmt::format("stage {}", path));
  }
  git_check(git_index_write(index.get()), "write the index");

  const std::string target = head_target(repo);
  git_reference* moved = nullptr;
  const int rc = git_reference_create_matching(&moved, repo, target.c_str(), &commit_id, 1,
                                               git_commit_id(head.get()),
                                               ("commit: " + first_line(message)).c_str());
  if (rc < 0) {
    const git_error* error = git_error_last();
    const std::string detail =
        error != nullptr && error->message != nullptr ? error->message : "unknown error";
    std::vector<Diagnostic> problems {
        make_error("git-failed", fmt::format("git: cannot move {}: {}", target, detail),
                   "another git command may be updating the branch; run the edit again when it "
                   "has finished")};
    if (!restore_entries(index.get(), saved)) {
      std::vector<std::string> quoted;
      for (const auto& path : paths) {
        quoted.push_back("'" + path + "'");
      }
      problems.push_back(make_error(
          "git-index-not-restored", "git: the index still stages the edit",
          fmt::format("run `git reset -q -- {}` to unstage it", fmt::join(quoted, " "))));
    }
    throw Error(ExitCode::git_failed, problems);
  }
  const Reference keep(moved);
  return git_oid_tostr_s(&commit_id);
}

} // namespace residence
