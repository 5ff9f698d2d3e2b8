#pragma once

// Custom templates built by the tests, as folders and git repositories, and
// a snapshot of a folder tree to prove that a refused run wrote nothing.

#include <sys/stat.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/run.h"

namespace residence::testing {

using FileList = std::vector<std::pair<std::string, std::string>>;

inline const char* template_head(const std::string& version = "0.1.0")
{
  static std::string head;
  head = std::string("[template]\nname = \"essai\"\nversion = \"") + version +
         "\"\nlanguage = \"fr\"\n\n";
  return head.c_str();
}

// A template folder: template.toml with `questions`, then the files.
inline void write_template(const TempDir& tmp, const std::string& dir, const std::string& questions,
                           const FileList& files, const std::string& version = "0.1.0")
{
  tmp.write(dir + "/template.toml", template_head(version) + questions);
  for (const auto& [path, content] : files) {
    tmp.write(dir + "/" + path, content);
  }
}

inline void make_link(const TempDir& tmp, const std::string& path, const std::string& target)
{
  fs::create_directories((tmp / path).parent_path());
  fs::create_symlink(target, tmp / path);
}

// Commits everything in `repo` with a fixed author, and tags it when asked.
inline void commit_all(const TempDir& tmp, const std::string& repo, const std::string& message,
                       const std::string& tag = {})
{
  git(tmp, tmp / repo, {"add", "-A"});
  git(tmp, tmp / repo,
      {"-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message});
  if (!tag.empty()) {
    git(tmp, tmp / repo, {"tag", tag});
  }
}

inline void init_repo(const TempDir& tmp, const std::string& repo)
{
  fs::create_directories(tmp / repo);
  git(tmp, tmp / repo, {"init", "-q", "-b", "main"});
}

inline std::string rev(const TempDir& tmp, const std::string& repo, const std::string& what)
{
  std::string out = git(tmp, tmp / repo, {"rev-parse", what}).out;
  return out.substr(0, out.find('\n'));
}

// The folders a run makes (its HOME), so that a snapshot taken before the
// first run compares with one taken after.
inline void prepare_run(const TempDir& tmp)
{
  fs::create_directories(tmp / ".home");
}

// Every entry below `root` with what it is: bytes and mode for a file, the
// target for a link. Folders count too, so that an empty new one shows.
inline std::map<std::string, std::string> snapshot(const fs::path& root,
                                                   const std::vector<std::string>& skip = {".run"})
{
  std::map<std::string, std::string> entries;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string rel = fs::relative(it->path(), root).generic_string();
    bool skipped = false;
    for (const auto& s : skip) {
      skipped = skipped || rel == s || rel.rfind(s + "/", 0) == 0;
    }
    if (skipped) {
      it.disable_recursion_pending();
      continue;
    }
    struct stat st {};
    ::lstat(it->path().c_str(), &st);
    std::string what = std::to_string(st.st_mode);
    if (it->is_symlink()) {
      what += std::string(" -> ") + fs::read_symlink(it->path()).string();
    } else if (it->is_regular_file()) {
      std::ifstream in(it->path(), std::ios::binary);
      what += std::string(" ") +
              std::string {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    entries[rel] = what;
  }
  return entries;
}

// What changed between two snapshots, one path a line: empty when nothing did.
inline std::string changes(const std::map<std::string, std::string>& before,
                           const std::map<std::string, std::string>& after)
{
  std::string out;
  for (const auto& [path, what] : after) {
    auto it = before.find(path);
    if (it == before.end()) {
      out += std::string("added ") + path + "\n";
    } else if (it->second != what) {
      out += std::string("changed ") + path + "\n";
    }
  }
  for (const auto& [path, what] : before) {
    if (after.count(path) == 0) {
      out += std::string("removed ") + path + "\n";
    }
  }
  return out;
}

inline bool contains(const std::string& text, const std::string& needle)
{
  return text.find(needle) != std::string::npos;
}

inline unsigned mode_of(const fs::path& path)
{
  struct stat st {};
  ::lstat(path.c_str(), &st);
  return st.st_mode & 07777;
}

} // namespace residence::testing
