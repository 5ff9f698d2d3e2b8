#include "git/mirror.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace residence {

namespace {

std::string last_git_message()
{
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown error";
}

// Fetches every branch and tag into the refs of the same name, dropping those
// the remote no longer has. Returns libgit2's message on failure.
std::optional<std::string> fetch_all(git_repository* repo, const std::string& url)
{
  // An anonymous remote that skips url.<base>.insteadOf: the URL is fetched as
  // written (libgit2 1.5 also leaks a little memory when it looks those up).
  git_remote_create_options create;
  git_remote_create_options_init(&create, GIT_REMOTE_CREATE_OPTIONS_VERSION);
  create.repository = repo;
  create.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF;
  git_remote* raw = nullptr;
  if (git_remote_create_with_opts(&raw, url.c_str(), &create) < 0) {
    return last_git_message();
  }
  Remote remote(raw);
  char heads[] = "+refs/heads/*:refs/heads/*";
  char tags[] = "+refs/tags/*:refs/tags/*";
  char* specs[] = {heads, tags};
  const git_strarray refspecs {specs, 2};
  git_fetch_options options;
  git_fetch_options_init(&options, GIT_FETCH_OPTIONS_VERSION);
  options.prune = GIT_FETCH_PRUNE;
  options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE; // the refspec above brings them all
  if (git_remote_fetch(remote.get(), &refspecs, &options, "residence: fetch template") < 0) {
    return last_git_message();
  }
  return std::nullopt;
}

Repository init_bare(const fs::path& dir)
{
  ensure_git();
  git_repository* raw = nullptr;
  git_check(git_repository_init(&raw, dir.c_str(), 1),
            fmt::format("create a cache in {}", display_path(dir)));
  return Repository(raw);
}

[[noreturn]] void fetch_failed(const std::string& url, const std::string& why)
{
  throw Error(ExitCode::git_failed,
              make_error("git-fetch-failed",
                         fmt::format("cannot fetch the template repository {}: {}", url, why),
                         "check the URL or path; a local repository can be given as a path"));
}

// The first fetch, into a temporary folder renamed into place.
Repository create_mirror(const std::string& url, const fs::path& dir)
{
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  std::string temp =
      (dir.parent_path() / fmt::format(".{}.tmp-XXXXXX", dir.filename().string())).string();
  if (::mkdtemp(temp.data()) == nullptr) {
    throw Error(ExitCode::git_failed,
                make_error("cache-failed",
                           fmt::format("cannot create a cache folder in {}: {}",
                                       display_path(dir.parent_path()), std::strerror(errno))));
  }
  {
    Repository repo = init_bare(temp);
    if (auto why = fetch_all(repo.get(), url)) {
      repo.reset();
      fs::remove_all(temp, ec);
      fetch_failed(url, *why);
    }
  }
  atomic_write(fs::path(temp) / "residence-source", url + "\n");
  if (::rename(temp.c_str(), dir.c_str()) != 0) {
    fs::remove_all(temp, ec); // another run made the cache meanwhile: use that one
  }
  return open_repository(dir);
}

} // namespace

Repository mirror_repository(const std::string& url, const fs::path& dir,
                             std::vector<Diagnostic>& notes)
{
  ensure_git();
  std::error_code ec;
  if (!fs::exists(dir / "HEAD", ec)) {
    return create_mirror(url, dir);
  }
  Repository repo = open_repository(dir);
  if (auto why = fetch_all(repo.get(), url)) {
    Diagnostic note = make_error("git-fetch-failed",
                                 fmt::format("cannot fetch {} ({}); using the copy cached in {}",
                                             url, *why, display_path(dir)));
    note.severity = Severity::warning;
    notes.push_back(note);
  }
  return repo;
}

std::vector<std::string> list_tags(git_repository* repo)
{
  StrArray names;
  git_check(git_tag_list(names.get(), repo), "list the tags");
  return names.strings();
}

std::optional<std::string> resolve_commit_id(git_repository* repo, const std::string& ref)
{
  for (const std::string& spec :
       {fmt::format("refs/tags/{}", ref), fmt::format("refs/heads/{}", ref), ref}) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo, fmt::format("{}^{{commit}}", spec).c_str()) == 0) {
      Object commit(raw);
      return std::string(git_oid_tostr_s(git_object_id(commit.get())));
    }
  }
  return std::nullopt;
}

namespace {

struct WalkState {
  git_repository* repo;
  std::vector<TreeFile>* files;
  int error = 0;
};

int visit_entry(const char* root, const git_tree_entry* entry, void* payload)
{
  auto* state = static_cast<WalkState*>(payload);
  const git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode == GIT_FILEMODE_TREE) {
    return 0;
  }
  TreeFile file;
  file.path = fmt::format("{}{}", root, git_tree_entry_name(entry));
  if (mode == GIT_FILEMODE_COMMIT) {
    file.submodule = true;
    state->files->push_back(std::move(file));
    return 0;
  }
  git_blob* raw = nullptr;
  if ((state->error = git_blob_lookup(&raw, state->repo, git_tree_entry_id(entry))) < 0) {
    return -1;
  }
  Blob blob(raw);
  file.content.assign(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                      static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  file.link = mode == GIT_FILEMODE_LINK;
  file.mode = mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0755 : 0644;
  state->files->push_back(std::move(file));
  return 0;
}

} // namespace

std::vector<TreeFile> read_commit_files(git_repository* repo, const std::string& commit_id)
{
  git_oid oid;
  git_check(git_oid_fromstr(&oid, commit_id.c_str()), fmt::format("read commit {}", commit_id));
  git_commit* raw_commit = nullptr;
  git_check(git_commit_lookup(&raw_commit, repo, &oid), fmt::format("read commit {}", commit_id));
  Commit commit(raw_commit);
  git_tree* raw_tree = nullptr;
  git_check(git_commit_tree(&raw_tree, commit.get()),
            fmt::format("read the tree of commit {}", commit_id));
  Tree tree(raw_tree);

  std::vector<TreeFile> files;
  WalkState state {repo, &files};
  const int rc = git_tree_walk(tree.get(), GIT_TREEWALK_PRE, visit_entry, &state);
  git_check(rc < 0 && state.error < 0 ? state.error : rc,
            fmt::format("read the files of commit {}", commit_id));
  return files;
}

} // namespace residence
