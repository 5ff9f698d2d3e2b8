#pragma once

// The few git operations `residence` needs, through libgit2, with every
// handle owned by an RAII wrapper.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

#include "io/files.h"

namespace residence {

// Initialises libgit2 for the life of the object. Every operation below
// calls ensure_git() first, so commands that never touch git never pay for
// libgit2's start-up (it loads the system's TLS certificates).
class GitLibrary {
public:
  GitLibrary();
  ~GitLibrary();
  GitLibrary(const GitLibrary&) = delete;
  GitLibrary& operator=(const GitLibrary&) = delete;
};

// Initialises libgit2 once for the process (shut down at exit). Call it
// before any libgit2 function.
void ensure_git();

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* handle) const { Free(handle); }
};

template <typename T, void (*Free)(T*)>
using GitHandle = std::unique_ptr<T, GitDeleter<T, Free>>;

using Repository = GitHandle<git_repository, git_repository_free>;
using Index = GitHandle<git_index, git_index_free>;
using Tree = GitHandle<git_tree, git_tree_free>;
using Commit = GitHandle<git_commit, git_commit_free>;
using Signature = GitHandle<git_signature, git_signature_free>;
using Reference = GitHandle<git_reference, git_reference_free>;
using Config = GitHandle<git_config, git_config_free>;
using StatusList = GitHandle<git_status_list, git_status_list_free>;
using Revwalk = GitHandle<git_revwalk, git_revwalk_free>;
using TreeEntry = GitHandle<git_tree_entry, git_tree_entry_free>;
using Remote = GitHandle<git_remote, git_remote_free>;
using Object = GitHandle<git_object, git_object_free>;
using Blob = GitHandle<git_blob, git_blob_free>;
using Odb = GitHandle<git_odb, git_odb_free>;

// A git_strarray filled by libgit2, disposed of on scope exit.
class StrArray {
public:
  StrArray() = default;
  ~StrArray() { git_strarray_dispose(&m_array); }
  StrArray(const StrArray&) = delete;
  StrArray& operator=(const StrArray&) = delete;
  git_strarray* get() { return &m_array; }
  std::vector<std::string> strings() const { return {m_array.strings, m_array.strings + m_array.count}; }

private:
  git_strarray m_array{nullptr, 0};
};

// Throws Error (git_failed) with libgit2's message when `rc` < 0.
void git_check(int rc, const std::string& doing);

struct Author {
  std::string name;
  std::string email;
};

// "Name <email>"; nothing when the text is not of that form.
std::optional<Author> parse_author(const std::string& text);

// The author for a commit: `explicit_author` when given, else
// GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else user.name and user.email from git
// configuration, else the documented fallback "residence <residence@localhost>".
Author resolve_author(git_repository* repo, const std::optional<Author>& explicit_author);

// Creates a repository whose first branch is `main`.
Repository init_repository(const fs::path& dir);

Repository open_repository(const fs::path& dir);

// Stages every file of the work tree (honouring .gitignore) and commits it on
// HEAD. Returns the new commit id.
std::string commit_all(git_repository* repo, const Author& author, const std::string& message);

// Number of entries `git status` would show (untracked included).
std::size_t count_changes(git_repository* repo);

// The repository holding `dir`, searching the folders above it; nothing when
// `dir` is not inside a repository.
std::optional<Repository> discover_repository(const fs::path& dir);

// `path` relative to the work tree of `repo`, with '/' separators ("" for the
// work tree itself). Throws Error (git_failed) when it lies outside.
std::string repo_relative_path(git_repository* repo, const fs::path& path);

// The commit a revision names: HEAD, a branch, a tag, an id, HEAD~3...
// Throws Error (git_failed) naming the revision when there is none.
Commit resolve_commit(git_repository* repo, const std::string& revision);

Tree tree_of(const git_commit* commit);
Commit parent_of(const git_commit* commit, unsigned index);

// The blob id of `path` in `tree`, nothing when the tree has no such file.
std::optional<git_oid> file_id(git_tree* tree, const std::string& path);

// The content of a blob.
std::string read_blob(git_repository* repo, const git_oid& id);

// The 7-character abbreviation of a commit id.
std::string short_id(const git_oid& id);

// True when `path` (relative to the work tree) differs from HEAD in the index
// or the work tree, or is not tracked at all.
bool has_uncommitted_changes(git_repository* repo, const std::string& path);

// Checks, before anything is written, what commit_paths needs: HEAD has a
// commit (Error git_failed), no merge, rebase, cherry-pick or revert is in
// progress (would_overwrite: the commit would hold its resolution), the
// index is not locked by another git command (git_failed), and git can sign
// as `author` (usage).
void check_commit_possible(git_repository* repo, const Author& author);

// Commits the work-tree content of `paths` (relative to the work tree) on
// HEAD and stages them. Other changes, staged or not, stay out of the commit
// and stay as they were. The index is written before the branch moves; when
// the branch cannot move, the index is put back and HEAD is unchanged, so
// that on every failure index and HEAD agree. Returns the new commit id.
std::string commit_paths(git_repository* repo, const std::vector<std::string>& paths,
                         const Author& author, const std::string& message);

} // namespace residence
