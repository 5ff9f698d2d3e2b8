#pragma once

// Reading another repository without checking it out: a bare copy kept in a
// cache folder and fetched again on each use, its tags, and the files of one
// commit read straight from the object database. Nothing is checked out, so
// no hook, filter or attribute of that repository ever runs.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "git/git.h"

namespace residence {

// Opens the bare copy of `url` at `dir`, creating it on first use, and
// fetches its branches and tags. A first fetch builds the copy in a temporary
// folder renamed into place, so a failure leaves no half-made cache. When a
// later fetch fails (offline), the cached copy is used and a warning is added
// to `notes`. Throws Error (git_failed) when there is no copy to use.
Repository mirror_repository(const std::string& url, const fs::path& dir,
                             std::vector<Diagnostic>& notes);

// The names of the repository's tags ("v1.2.0").
std::vector<std::string> list_tags(git_repository* repo);

// The commit a tag, a branch or a commit id (full or abbreviated) names, in
// that order; nothing when `ref` names none of them.
std::optional<std::string> resolve_commit_id(git_repository* repo, const std::string& ref);

struct TreeFile {
  std::string path;    // '/'-separated, relative to the root of the tree
  std::string content; // the blob's bytes; for a link, its target
  unsigned mode = 0644;
  bool link = false;
  bool submodule = false; // a gitlink: content is empty
};

// Every file of a commit's tree, in tree order.
std::vector<TreeFile> read_commit_files(git_repository* repo, const std::string& commit_id);

} // namespace residence
