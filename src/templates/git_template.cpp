#include "templates/git_template.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "diagnostics/suggest.h"
#include "git/mirror.h"
#include "templates/helpers.h"
#include "templates/semver.h"

namespace residence {

namespace {

// FNV-1a: stable across runs and machines, enough to tell a few URLs apart.
std::string short_hash(std::string_view text)
{
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash = (hash ^ c) * 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::string readable_name(const std::string& url)
{
  std::string tail = url;
  while (!tail.empty() && (tail.back() == '/' || tail.back() == '\\')) {
    tail.pop_back();
  }
  tail = tail.substr(tail.find_last_of("/:\\") + 1);
  if (tail.size() > 4 && tail.substr(tail.size() - 4) == ".git") {
    tail.resize(tail.size() - 4);
  }
  const std::string slug = slugify(tail);
  return slug.empty() ? std::string("template") : slug;
}

[[noreturn]] void refuse(const std::string& display, std::string code, std::string message,
                         std::string hint = {})
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.file = display;
  throw Error(ExitCode::invalid_input, d);
}

std::string tag_list(std::vector<std::string> tags)
{
  std::sort(tags.begin(), tags.end());
  if (tags.empty()) {
    return "it has no tags";
  }
  return fmt::format("its tags: {}", fmt::join(tags, ", "));
}

// The ref to read and its commit.
std::pair<std::string, std::string> choose_commit(git_repository* repo, const std::string& url,
                                                  const std::optional<std::string>& ref,
                                                  bool allow_prerelease)
{
  const std::vector<std::string> tags = list_tags(repo);
  if (ref) {
    if (auto commit = resolve_commit_id(repo, *ref)) {
      return {*ref, *commit};
    }
    std::string hint = did_you_mean(*ref, tags);
    refuse({}, "template-ref-unknown",
           fmt::format("template repository {} has no tag, branch or commit '{}'", url, *ref),
           hint.empty() ? tag_list(tags) : fmt::format("{} {}", hint, tag_list(tags)));
  }
  auto best = highest_version_tag(tags, allow_prerelease);
  if (!best) {
    const bool only_pre = !allow_prerelease && highest_version_tag(tags, true).has_value();
    refuse({}, "template-no-version",
           only_pre
               ? fmt::format("template repository {} has only pre-release version tags", url)
               : fmt::format("template repository {} has no version tag (such as v1.0.0)", url),
           only_pre
               ? std::string("pass --pre to use a pre-release, or name a ref with URL#REF")
               : fmt::format("name a tag, branch or commit with {}#REF; {}", url, tag_list(tags)));
  }
  return {*best, *resolve_commit_id(repo, *best)};
}

TemplateFile template_file(TreeFile&& file, const std::string& display)
{
  if (file.submodule) {
    refuse(display, "template-submodule",
           fmt::format("template holds a git submodule at {}, which residence does not fetch",
                       file.path),
           "copy the files into the template instead");
  }
  TemplateFile out;
  out.path = std::move(file.path);
  out.mode = file.mode;
  if (file.link) {
    out.link_target = std::move(file.content);
  } else {
    out.content = std::move(file.content);
  }
  return out;
}

} // namespace

fs::path template_cache_root()
{
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "residence" / "templates";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    throw Error(
        ExitCode::invalid_input,
        make_error("no-cache",
                   "neither XDG_CACHE_HOME nor HOME is set: no folder to keep git templates in"));
  }
  return fs::path(home) / ".cache" / "residence" / "templates";
}

fs::path template_cache_dir(const std::string& url)
{
  return template_cache_root() / fmt::format("{}-{}", readable_name(url), short_hash(url));
}

std::vector<CachedTemplate> cached_templates()
{
  std::vector<CachedTemplate> found;
  std::error_code ec;
  const fs::path root = template_cache_root();
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    auto url = try_read_file(entry.path() / "residence-source");
    if (!url || url->empty() || entry.path().filename().string().front() == '.') {
      continue;
    }
    CachedTemplate cached {url->substr(0, url->find('\n')), entry.path(), {}};
    try {
      Repository repo = open_repository(entry.path());
      cached.highest_tag = highest_version_tag(list_tags(repo.get()), false).value_or("");
    } catch (const Error&) {
      continue; // not a repository any more: not ours to report
    }
    found.push_back(std::move(cached));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.url < b.url; });
  return found;
}

TemplateSource git_template(const std::string& url, const std::optional<std::string>& ref,
                            bool allow_prerelease)
{
  TemplateSource source;
  source.origin = url;
  Repository repo = mirror_repository(url, template_cache_dir(url), source.notes);
  std::tie(source.ref, source.commit) = choose_commit(repo.get(), url, ref, allow_prerelease);

  const std::string display = fmt::format("{}#{}", url, source.ref);
  for (auto& file : read_commit_files(repo.get(), source.commit)) {
    source.files.push_back(template_file(std::move(file), display));
  }
  std::sort(source.files.begin(), source.files.end(),
            [](const TemplateFile& a, const TemplateFile& b) { return a.path < b.path; });
  return source;
}

} // namespace residence
