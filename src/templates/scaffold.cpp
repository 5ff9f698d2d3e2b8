#include "templates/scaffold.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "io/toml_document.h"
#include "templates/helpers.h"
#include "workspace/workspace.h"

namespace residence {

namespace {


bool is_empty_folder(const fs::path& dir)
{
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::directory_iterator(dir, ec) == fs::directory_iterator();
}

// A path below `root` that is a symbolic link leading outside it.
std::optional<std::string> link_leading_out(const fs::path& root, const std::string& relative)
{
  std::error_code ec;
  fs::path current = root;
  for (const auto& part : fs::path(relative)) {
    current /= part;
    if (fs::is_symlink(current, ec)) {
      const fs::path target = fs::weakly_canonical(current, ec);
      const fs::path base = fs::weakly_canonical(root, ec);
      const auto rel = target.lexically_relative(base);
      if (rel.empty() || *rel.begin() == "..") {
        return display_path(current);
      }
    }
  }
  return std::nullopt;
}

// The answers a non-interactive run would take, to list collisions; nothing
// when they cannot be known without asking.
std::optional<std::vector<PlannedFile>> quiet_plan(const TemplateSource& source, const TemplateManifest& manifest,
                                                    const InitOptions& options, const ContextInfo& info)
{
  try {
    AnswerInput input = options.answers;
    input.use_defaults = true;
    const Answers answers = resolve_answers(manifest, input, nullptr, info);
    return plan_files(source, answers, info);
  } catch (const Error&) {
    return std::nullopt;
  }
}

[[noreturn]] void refuse_destination(const fs::path& target, const TemplateSource& source,
                                     const TemplateManifest& manifest, const InitOptions& options,
                                     const ContextInfo& info)
{
  std::vector<Diagnostic> problems;
  Diagnostic head = make_error("destination-not-empty",
                               fmt::format("{} already exists and is not empty; init never overwrites", display_path(target)),
                               "choose a new folder, or an empty one");
  problems.push_back(head);
  if (auto plan = quiet_plan(source, manifest, options, info)) {
    std::error_code ec;
    for (const auto& file : *plan) {
      if (auto link = link_leading_out(target, file.path)) {
        problems.push_back(make_error("destination-link",
                                      fmt::format("{} is a symbolic link leading outside {}", *link, display_path(target))));
      } else if (fs::exists(fs::symlink_status(target / file.path, ec))) {
        Diagnostic d = make_error("would-overwrite", fmt::format("would overwrite {}", display_path(target / file.path)));
        d.severity = Severity::note;
        problems.push_back(d);
      }
    }
  }
  throw Error(ExitCode::would_overwrite, problems);
}

void check_destination(const fs::path& target, const TemplateSource& source, const TemplateManifest& manifest,
                       const InitOptions& options, const ContextInfo& info)
{
  std::error_code ec;
  if (fs::is_symlink(target, ec)) {
    throw Error(ExitCode::would_overwrite,
                make_error("destination-link", fmt::format("{} is a symbolic link; give a real folder", display_path(target))));
  }
  if (!fs::exists(target, ec)) {
    return;
  }
  if (!fs::is_directory(target, ec)) {
    throw Error(ExitCode::would_overwrite,
                make_error("destination-file", fmt::format("{} exists and is a file", display_path(target))));
  }
  if (!is_empty_folder(target)) {
    refuse_destination(target, source, manifest, options, info);
  }
}

std::string toml_value(const Answer& answer)
{
  switch (answer.type) {
  case QuestionType::date:
    return answer.value.empty() ? "\"\"" : answer.value;
  case QuestionType::integer:
  case QuestionType::boolean:
    return answer.value.empty() ? "\"\"" : answer.value;
  case QuestionType::string:
  case QuestionType::choice:
    break;
  }
  return fmt::format("\"{}\"", toml_escape(answer.value));
}

// Every generated TOML file must parse before anything is committed.
void check_generated_toml(const std::vector<PlannedFile>& files)
{
  std::vector<Diagnostic> problems;
  for (const auto& file : files) {
    if (file.link_target || file.path.size() < 5 || file.path.substr(file.path.size() - 5) != ".toml") {
      continue;
    }
    try {
      parse_toml(file.content, fs::path(file.path), file.path);
    } catch (const Error& e) {
      for (Diagnostic d : e.diagnostics()) {
        d.message = fmt::format("{} (generated from template file {})", d.message, file.template_path);
        problems.push_back(std::move(d));
      }
    }
  }
  if (!problems.empty()) {
    throw Error(ExitCode::invalid_input, problems);
  }
}

// A folder next to the target, so that the final rename stays on one file system.
fs::path make_staging(const fs::path& target)
{
  const fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  std::string pattern = (parent / fmt::format(".{}.residence-init-XXXXXX", target.filename().string())).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(ExitCode::invalid_input,
                make_error("write-failed", fmt::format("cannot create a folder in {}: {}", display_path(parent), std::strerror(errno))));
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(pattern.c_str(), 0777 & ~mask); // mkdtemp makes it private
  return pattern;
}

// Removes the staging folder unless told the work is done.
class StagingGuard {
public:
  explicit StagingGuard(fs::path dir) : m_dir(std::move(dir)) {}
  ~StagingGuard()
  {
    if (!m_kept) {
      std::error_code ec;
      fs::remove_all(m_dir, ec);
    }
  }
  StagingGuard(const StagingGuard&) = delete;
  StagingGuard& operator=(const StagingGuard&) = delete;
  void keep() { m_kept = true; }

private:
  fs::path m_dir;
  bool m_kept = false;
};

void write_files(const fs::path& root, const std::vector<PlannedFile>& files)
{
  for (const auto& file : files) {
    const fs::path path = root / file.path;
    fs::create_directories(path.parent_path());
    if (file.link_target) {
      fs::create_symlink(*file.link_target, path);
    } else {
      atomic_write(path, file.content, file.mode);
    }
  }
}

void move_into_place(const fs::path& staging, const fs::path& target)
{
  // rename(2) replaces an empty folder and fails on a non-empty one, so a
  // folder filled in the meantime is never overwritten.
  if (::rename(staging.c_str(), target.c_str()) != 0) {
    throw Error(ExitCode::would_overwrite,
                make_error("destination-changed", fmt::format("cannot move the workspace into {}: {}", display_path(target),
                                                              std::strerror(errno))));
  }
}

} // namespace

TemplateSource resolve_template(const std::string& spec)
{
  std::error_code ec;
  if (fs::is_directory(spec, ec)) {
    return folder_template(spec);
  }
  if (auto builtin = builtin_template(spec)) {
    return *builtin;
  }
  const auto names = builtin_template_names();
  throw Error(ExitCode::invalid_input,
              make_error("template-unknown", fmt::format("no template '{}': not a folder, nor a built-in template", spec),
                         fmt::format("built-in templates: {}", fmt::join(names, ", "))));
}

std::string answers_record(const TemplateManifest& manifest, const TemplateSource& source, const Answers& answers)
{
  std::string out = "# The answers given to `residence init`, kept so that `residence update`\n"
                    "# can re-apply a newer version of the template with the same answers.\n\n";
  out += fmt::format("[template]\nname = \"{}\"\nversion = \"{}\"\nsource = \"{}\"\nref = \"{}\"\ncommit = \"{}\"\n\n[answers]\n",
                     toml_escape(manifest.name), toml_escape(manifest.version), toml_escape(source.origin),
                     toml_escape(source.ref), toml_escape(source.commit));
  for (const auto& a : answers.all()) {
    if (a.asked) {
      out += fmt::format("{} = {}\n", a.key, toml_value(a));
    }
  }
  return out;
}

InitResult scaffold(const InitOptions& options)
{
  InitResult result;
  result.target = fs::absolute(options.target).lexically_normal();
  const TemplateSource source = resolve_template(options.template_spec);
  result.manifest = read_template_manifest(source);
  result.template_origin = source.origin;

  ContextInfo info{result.manifest.language, options.today, result.manifest.name, result.manifest.version, source.origin};
  check_destination(result.target, source, result.manifest, options, info);

  const Answers answers = resolve_answers(result.manifest, options.answers, options.prompter, info);
  std::vector<PlannedFile> files = plan_files(source, answers, info);
  if (std::any_of(files.begin(), files.end(), [](const PlannedFile& f) { return f.path == k_answers_path; })) {
    throw Error(ExitCode::invalid_input,
                make_error("template-reserved", fmt::format("the template may not write {}; init writes it", k_answers_path)));
  }
  files.push_back({k_answers_path, answers_record(result.manifest, source, answers), 0644, {}, "(init)"});
  check_generated_toml(files);
  for (const auto& f : files) {
    result.files.push_back(f.path);
  }
  if (options.dry_run) {
    return result;
  }

  const fs::path staging = make_staging(result.target);
  StagingGuard guard(staging);
  write_files(staging, files);
  if (options.git) {
    Repository repo = init_repository(staging);
    const Author author = resolve_author(repo.get(), options.author);
    const std::string name = answers.value("name").value_or(result.target.filename().string());
    result.commit = commit_all(repo.get(), author,
                               fmt::format("Create the workspace of {}\n\nResidence-Template: {} {}\n", name,
                                           result.manifest.name, result.manifest.version));
  }
  move_into_place(staging, result.target);
  guard.keep();
  return result;
}

} // namespace residence
