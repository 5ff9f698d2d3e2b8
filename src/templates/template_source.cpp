#include "templates/template_source.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "diagnostics/diagnostic.h"
#include "templates/builtin_files.h"

namespace residence {

namespace {

[[noreturn]] void refuse(const std::string& display, std::string code, std::string message, std::string hint = {})
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.file = display;
  throw Error(ExitCode::invalid_input, d);
}

TemplateFile read_link(const fs::path& entry, const std::string& rel)
{
  TemplateFile file;
  file.path = rel;
  file.link_target = fs::read_symlink(entry).string();
  return file;
}

} // namespace

const TemplateFile* TemplateSource::find(std::string_view path) const
{
  for (const auto& f : files) {
    if (f.path == path) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<std::string> builtin_template_names()
{
  std::set<std::string> names;
  for (const auto& file : embedded_files()) {
    names.insert(std::string(file.path.substr(0, file.path.find('/'))));
  }
  return {names.begin(), names.end()};
}

std::optional<TemplateSource> builtin_template(std::string_view name)
{
  TemplateSource source;
  source.origin = fmt::format("builtin:{}", name);
  const std::string prefix = fmt::format("{}/", name);
  for (const auto& file : embedded_files()) {
    if (file.path.substr(0, prefix.size()) == prefix) {
      source.files.push_back(
          {std::string(file.path.substr(prefix.size())), std::string(file.content), file.executable ? 0755U : 0644U, {}});
    }
  }
  if (source.files.empty()) {
    return std::nullopt;
  }
  return source;
}

TemplateSource folder_template(const fs::path& folder)
{
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    refuse(display_path(folder), "template-missing", fmt::format("template folder {} does not exist", display_path(folder)));
  }
  TemplateSource source;
  source.origin = fs::absolute(folder).lexically_normal().string();
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& entry = it->path();
    const std::string rel = entry.lexically_relative(folder).generic_string();
    if (rel == ".git" || rel.rfind(".git/", 0) == 0) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink()) {
      source.files.push_back(read_link(entry, rel));
      continue;
    }
    if (it->is_directory() && fs::is_empty(entry, ec)) {
      source.empty_folders.push_back(rel);
    }
    if (!it->is_regular_file()) {
      continue;
    }
    struct stat st {};
    ::stat(entry.c_str(), &st);
    source.files.push_back({rel, read_file(entry, display_path(entry)), static_cast<unsigned>(st.st_mode & 0777), {}});
  }
  std::sort(source.files.begin(), source.files.end(),
            [](const TemplateFile& a, const TemplateFile& b) { return a.path < b.path; });
  return source;
}

} // namespace residence
