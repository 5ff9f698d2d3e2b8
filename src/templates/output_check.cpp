#include "templates/output_check.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace residence {

namespace {

constexpr int k_max_link_hops = 40; // as the kernel's limit on nested links

std::vector<std::string> split(std::string_view path)
{
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (from <= path.size()) {
    const std::size_t at = std::min(path.find('/', from), path.size());
    if (at > from) {
      parts.emplace_back(path.substr(from, at - from));
    }
    from = at + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t count)
{
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) {
      out += '/';
    }
    out += parts[i];
  }
  return out;
}

// ".git" in any case, and the names file systems or git treat as the same
// (".git " and ".git." on Windows-minded checks, which libgit2 applies).
bool is_git_folder(const std::string& part)
{
  std::string lower = part;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  while (!lower.empty() && (lower.back() == ' ' || lower.back() == '.')) {
    lower.pop_back();
  }
  return lower == ".git" || lower == "git~1";
}

Diagnostic problem_in(const PlannedFile& file, std::string code, std::string message,
                      std::string hint = {})
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.file = file.template_path;
  return d;
}

enum class Resolution { inside, outside, loop };

class Outputs {
public:
  explicit Outputs(const std::vector<PlannedFile>& files)
  {
    for (const auto& file : files) {
      m_by_path[file.path] = &file;
      const auto parts = split(file.path);
      for (std::size_t n = 1; n < parts.size(); ++n) {
        m_folders.insert(join(parts, n));
      }
    }
  }

  const PlannedFile* find(const std::string& path) const
  {
    auto it = m_by_path.find(path);
    return it == m_by_path.end() ? nullptr : it->second;
  }
  bool is_folder(const std::string& path) const
  {
    return path.empty() || m_folders.count(path) > 0;
  }
  const PlannedFile* link_at(const std::string& path) const
  {
    const PlannedFile* file = find(path);
    return file != nullptr && file->link_target ? file : nullptr;
  }

  // Follows a link the way the system would, through the other links.
  Resolution resolve(const PlannedFile& link, std::string& reached) const
  {
    std::vector<std::string> done = split(link.path);
    done.pop_back();
    std::vector<std::string> todo = split(*link.link_target);
    std::reverse(todo.begin(), todo.end()); // a stack: next part at the back
    int hops = 0;
    while (!todo.empty()) {
      const std::string part = todo.back();
      todo.pop_back();
      if (part == ".") {
        continue;
      }
      if (part == "..") {
        if (done.empty()) {
          return Resolution::outside;
        }
        done.pop_back();
        continue;
      }
      done.push_back(part);
      if (const PlannedFile* next = link_at(join(done, done.size()))) {
        if (++hops > k_max_link_hops) {
          return Resolution::loop;
        }
        if (next->link_target->empty() || next->link_target->front() == '/') {
          return Resolution::outside;
        }
        done.pop_back();
        auto more = split(*next->link_target);
        todo.insert(todo.end(), more.rbegin(), more.rend());
      }
    }
    reached = join(done, done.size());
    return Resolution::inside;
  }

private:
  std::map<std::string, const PlannedFile*> m_by_path;
  std::set<std::string> m_folders;
};

void check_path(const PlannedFile& file, const Outputs& outputs, std::vector<Diagnostic>& problems)
{
  const auto parts = split(file.path);
  if (!parts.empty() && parts.front() == ".residence") {
    problems.push_back(problem_in(file, "template-reserved",
                                  fmt::format("template would write {}, in the folder residence keeps for itself",
                                              file.path),
                                  "init writes .residence/answers.toml; edits keep their lock there"));
    return;
  }
  for (std::size_t n = 1; n <= parts.size(); ++n) {
    if (is_git_folder(parts[n - 1])) {
      problems.push_back(
          problem_in(file, "template-git-path",
                     fmt::format("template would write {}, inside a .git folder", file.path),
                     "a template may not write git metadata (configuration, hooks)"));
      return;
    }
    if (n < parts.size() && outputs.link_at(join(parts, n)) != nullptr) {
      problems.push_back(problem_in(
          file, "template-through-link",
          fmt::format("template would write {} through the link {}", file.path, join(parts, n))));
      return;
    }
  }
  // A link used as a folder is reported as a write through it.
  if (outputs.is_folder(file.path) && !file.link_target) {
    problems.push_back(
        problem_in(file, "template-file-and-folder",
                   fmt::format("template would make {} both a file and a folder", file.path)));
  }
}

void check_link(const PlannedFile& link, const Outputs& outputs, std::vector<Diagnostic>& problems)
{
  const std::string& target = *link.link_target;
  std::string reached;
  if (target.empty() || target.front() == '/') {
    problems.push_back(
        problem_in(link, "template-link-outside",
                   fmt::format("link {} points outside the workspace (to '{}')", link.path, target),
                   "a link may only point to a file or folder the template writes"));
    return;
  }
  switch (outputs.resolve(link, reached)) {
  case Resolution::outside:
    problems.push_back(
        problem_in(link, "template-link-outside",
                   fmt::format("link {} leads outside the workspace (to '{}')", link.path, target),
                   "a link may only point to a file or folder the template writes"));
    return;
  case Resolution::loop:
    problems.push_back(problem_in(
        link, "template-link-loop",
        fmt::format("link {} (to '{}') goes round in a loop of links", link.path, target)));
    return;
  case Resolution::inside:
    break;
  }
  if (outputs.find(reached) == nullptr && !outputs.is_folder(reached)) {
    problems.push_back(problem_in(
        link, "template-link-dangling",
        fmt::format("link {} points to '{}', which the template does not write", link.path, target),
        "links name files as written: 'notes.md', not 'notes.md.tmpl'"));
  }
}

} // namespace

std::vector<Diagnostic> check_outputs(const std::vector<PlannedFile>& files)
{
  const Outputs outputs(files);
  std::vector<Diagnostic> problems;
  for (const auto& file : files) {
    check_path(file, outputs, problems);
    if (file.link_target) {
      check_link(file, outputs, problems);
    }
  }
  return problems;
}

} // namespace residence
