#include "templates/template_spec.h"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "templates/git_template.h"

namespace residence {

namespace {

bool is_builtin_name(std::string_view text)
{
  const auto names = builtin_template_names();
  return std::find(names.begin(), names.end(), text) != names.end();
}

// "scheme://..." or the scp-like "user@host:path" git understands.
bool looks_like_url(std::string_view text)
{
  static const std::regex scp_like(R"(^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+)");
  return text.find("://") != std::string_view::npos ||
         std::regex_match(text.begin(), text.end(), scp_like);
}

// A local repository path becomes absolute, so that the cache and the
// answers record name it the same from any folder.
std::string repository_location(const std::string& location)
{
  if (looks_like_url(location)) {
    return location;
  }
  std::error_code ec;
  const fs::path path = fs::absolute(location).lexically_normal();
  if (!fs::is_directory(path, ec)) {
    throw Error(ExitCode::invalid_input,
                make_error("template-missing",
                           fmt::format("no git repository at {}", display_path(location)),
                           "give the path of a local repository or a URL, then #REF"));
  }
  std::string text = path.string();
  while (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

[[noreturn]] void no_such_template(const std::string& text)
{
  throw Error(
      ExitCode::invalid_input,
      make_error(
          "template-unknown",
          fmt::format("no template '{}': not a folder, a built-in template or a git repository",
                      text),
          fmt::format("built-in templates: {}; a git repository is URL or PATH#REF",
                      fmt::join(builtin_template_names(), ", "))));
}

} // namespace

TemplateSpec parse_template_spec(std::string_view text, bool names_a_folder)
{
  TemplateSpec spec;
  spec.location = std::string(text);
  if (is_builtin_name(text)) {
    spec.kind = TemplateSpec::Kind::builtin;
    return spec;
  }
  if (names_a_folder) {
    spec.kind = TemplateSpec::Kind::folder;
    return spec;
  }
  if (const auto hash = text.rfind('#'); hash != std::string_view::npos) {
    spec.kind = TemplateSpec::Kind::git;
    spec.location = std::string(text.substr(0, hash));
    if (hash + 1 < text.size()) {
      spec.ref = std::string(text.substr(hash + 1));
    }
    return spec;
  }
  spec.kind = looks_like_url(text) ? TemplateSpec::Kind::git : TemplateSpec::Kind::folder;
  return spec;
}

TemplateSource resolve_template(const std::string& text, const TemplateLoadOptions& options)
{
  std::error_code ec;
  const TemplateSpec spec = parse_template_spec(text, fs::is_directory(text, ec));
  switch (spec.kind) {
  case TemplateSpec::Kind::builtin:
    return *builtin_template(spec.location);
  case TemplateSpec::Kind::folder:
    if (!fs::exists(spec.location, ec)) {
      no_such_template(text);
    }
    return folder_template(spec.location);
  case TemplateSpec::Kind::git:
    if (spec.location.empty()) {
      no_such_template(text);
    }
    return git_template(repository_location(spec.location), spec.ref, options.allow_prerelease);
  }
  no_such_template(text);
}

} // namespace residence
