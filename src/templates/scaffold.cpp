#include "templates/scaffold.h"

#include <sys/stat.h>

#include <algorithm>

#include <fmt/format.h>

#include "io/staging.h"
#include "io/toml_document.h"
#include "templates/helpers.h"
#include "workspace/workspace.h"

namespace residence {

namespace {

// A path below `root` that is a symbolic link leading outside it.
std::optional<std::string> link_leading_out(const fs::path& root, const std::string& relative)
{
  std::error_code ec;
  fs::path walked;
  for (const auto& part : fs::path(relative)) {
    walked /= part;
    if (fs::is_symlink(root / walked, ec) && !resolves_inside(root, walked)) {
      return display_path(root / walked);
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
  if (!is_empty_after_cleanup(target)) {
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

// init writes the answers record itself; a template may not.
std::string commit_message(const std::string& name, const TemplateManifest& manifest, const TemplateSource& source)
{
  std::string message = fmt::format("Create the workspace of {}\n\nResidence-Template: {} {}\n", name, manifest.name,
                                    manifest.version);
  if (!source.commit.empty()) {
    message += fmt::format("Residence-Template-Source: {}#{} ({})\n", source.origin, source.ref, source.commit);
  }
  return message;
}

[[noreturn]] void refuse_write(const PlannedFile& file, const std::string& reason)
{
  throw Error(ExitCode::invalid_input, make_error("write-failed", fmt::format("cannot write {}: {}", file.path, reason),
                                                  fmt::format("it comes from template file {}", file.template_path)));
}

// Modes come from the template (executable, private) less the user's umask,
// as a copy would have them.
void write_files(const fs::path& root, const std::vector<PlannedFile>& files)
{
  const mode_t mask = ::umask(0);
  ::umask(mask);
  for (const auto& file : files) {
    const fs::path path = root / file.path;
    try {
      fs::create_directories(path.parent_path());
      if (file.link_target) {
        fs::create_symlink(*file.link_target, path);
      } else {
        atomic_write(path, file.content, file.mode & ~static_cast<unsigned>(mask));
      }
    } catch (const fs::filesystem_error& e) {
      refuse_write(file, e.code().message());
    } catch (const Error& e) {
      // The staging folder's name means nothing to the user: name the file.
      const std::string& message = e.diagnostics().front().message;
      refuse_write(file, message.substr(message.rfind(": ") + 2));
    }
  }
}

// "out/", "out/." and "." name the folder itself.
fs::path normal_target(const fs::path& given)
{
  fs::path target = fs::absolute(given).lexically_normal();
  while (!target.has_filename() && target.has_relative_path()) {
    target = target.parent_path();
  }
  return target;
}

} // namespace

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
  return scaffold_from(resolve_template(options.template_spec, {options.allow_prerelease}), options);
}

InitResult scaffold_from(const TemplateSource& source, const InitOptions& options)
{
  InitResult result;
  result.target = normal_target(options.target);
  result.manifest = read_template_manifest(source);
  result.template_origin = source.origin;
  result.template_ref = source.ref;
  result.template_commit = source.commit;
  result.notes = source.notes;
  result.notes.insert(result.notes.end(), result.manifest.warnings.begin(), result.manifest.warnings.end());

  const ContextInfo info = context_info(result.manifest, source, options.today);
  check_destination(result.target, source, result.manifest, options, info);

  const Answers answers = resolve_answers(result.manifest, options.answers, options.prompter, info);
  std::vector<PlannedFile> files = plan_files(source, answers, info);
  files.push_back({k_answers_path, answers_record(result.manifest, source, answers), 0644, {}, "(init)"});
  check_generated_toml(files);
  for (const auto& f : files) {
    result.files.push_back(f.path);
  }
  if (options.dry_run) {
    return result;
  }

  StagedFolder staged(result.target);
  write_files(staged.path(), files);
  if (options.git) {
    Repository repo = init_repository(staged.path());
    const Author author = resolve_author(repo.get(), options.author);
    const std::string name = answers.value("name").value_or(result.target.filename().string());
    result.commit = commit_all(repo.get(), author, commit_message(name, result.manifest, source));
  }
  staged.commit();
  return result;
}

ContextInfo context_info(const TemplateManifest& manifest, const TemplateSource& source, Date today)
{
  return ContextInfo{manifest.language, today, manifest.name, manifest.version, source.origin};
}

void check_generated_toml(const std::vector<PlannedFile>& files)
{
  const auto problems = generated_toml_problems(files);
  if (!problems.empty()) {
    throw Error(ExitCode::invalid_input, problems);
  }
}

std::vector<Diagnostic> generated_toml_problems(const std::vector<PlannedFile>& files)
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
  return problems;
}

} // namespace residence
