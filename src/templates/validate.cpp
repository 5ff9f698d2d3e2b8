#include "templates/validate.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "templates/plan.h"
#include "templates/scaffold.h"

namespace residence {

namespace {

constexpr std::size_t k_max_renders = 64;

bool answered(const AnswerList& set, const std::string& key)
{
  return std::any_of(set.begin(), set.end(), [&](const auto& kv) { return kv.first == key; });
}

std::string sample_for(const Question& q, Date today)
{
  switch (q.type) {
  case QuestionType::date:
    return q.min && Date::parse(*q.min) && *Date::parse(*q.min) > today ? *q.min : today.iso();
  case QuestionType::integer:
    return q.min ? *q.min : (q.max && q.max->front() == '-' ? *q.max : "0");
  case QuestionType::boolean:
    return "false";
  case QuestionType::choice:
    return q.choices.empty() ? std::string {} : q.choices.front();
  case QuestionType::string:
    break;
  }
  return q.key;
}

// Keeps each problem once, however many renders met it.
class Problems {
public:
  void add(const Diagnostic& d)
  {
    if (m_seen.insert(std::tie(d.file, d.line, d.column, d.code, d.message)).second) {
      m_list.push_back(d);
    }
  }
  void add(const std::vector<Diagnostic>& all)
  {
    for (const auto& d : all) {
      add(d);
    }
  }
  const std::vector<Diagnostic>& list() const { return m_list; }
  std::vector<Diagnostic> take() { return std::move(m_list); }

private:
  std::set<std::tuple<std::string, int, int, std::string, std::string>> m_seen;
  std::vector<Diagnostic> m_list;
};

Diagnostic warning(std::string code, std::string file, std::string message, std::string hint = {})
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.severity = Severity::warning;
  d.file = std::move(file);
  return d;
}

bool looks_binary(const std::string& content)
{
  return content.find('\0', 0) < std::min<std::size_t>(content.size(), 8000);
}

// Files copied as is that name a question's variable: a forgotten .tmpl.
void warn_unrendered(const TemplateSource& source, const TemplateManifest& manifest,
                     Problems& problems)
{
  for (const auto& file : source.files) {
    const bool rendered = file.path.size() > 5 && file.path.substr(file.path.size() - 5) == ".tmpl";
    if (rendered || file.link_target || file.path == "template.toml" ||
        looks_binary(file.content)) {
      continue;
    }
    for (const auto& q : manifest.questions) {
      if (file.content.find(fmt::format("{{{{{}}}}}", q.key)) != std::string::npos) {
        problems.add(
            warning("template-not-rendered", file.path,
                    fmt::format("{} is copied as is, yet uses {{{{{}}}}}", file.path, q.key),
                    fmt::format("name it {}.tmpl to render it", file.path)));
        break;
      }
    }
  }
}

void warn_empty_folders(const TemplateSource& source, Problems& problems)
{
  for (const auto& folder : source.empty_folders) {
    problems.add(
        warning("template-empty-folder", folder,
                fmt::format("empty folder {} is not reproduced: git keeps no empty folder", folder),
                "put a .gitkeep file in it to have the folder in every workspace"));
  }
}

// A private folder in the system's temporary folder, removed on scope exit.
class ScratchDir {
public:
  ScratchDir()
  {
    std::string pattern = (fs::temp_directory_path() / "residence-validate-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ExitCode::invalid_input,
                  make_error("write-failed", "cannot create a temporary folder"));
    }
    m_path = pattern;
  }
  ~ScratchDir()
  {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

// Plans one render and parses its TOML files, collecting every problem.
// Returns the answers used, or nothing when they were refused.
std::optional<Answers> check_render(const TemplateSource& source, const TemplateManifest& manifest,
                                    const AnswerList& answers, Date today, Problems& problems)
{
  const ContextInfo info = context_info(manifest, source, today);
  AnswerInput input;
  input.set = answers;
  input.use_defaults = true;
  try {
    Answers resolved = resolve_answers(manifest, input, nullptr, info);
    const Plan plan = plan_files_collecting(source, resolved, info);
    problems.add(plan.problems);
    problems.add(generated_toml_problems(plan.files));
    return resolved;
  } catch (const Error& e) {
    problems.add(e.diagnostics());
    return std::nullopt;
  }
}

// The render with the defaults written for real (modes, links), not committed.
void write_defaults(const TemplateSource& source, const AnswerList& answers, Date today,
                    ValidationReport& report, Problems& problems)
{
  const ScratchDir scratch;
  InitOptions options;
  options.target = scratch.path() / "workspace";
  options.answers.set = answers;
  options.answers.use_defaults = true;
  options.git = false;
  options.today = today;
  try {
    report.files = scaffold_from(source, options).files.size();
  } catch (const Error& e) {
    problems.add(e.diagnostics());
  }
}

// One more render, in memory, with one answer changed.
void render_variant(const TemplateSource& source, const TemplateManifest& manifest,
                    AnswerList answers, const std::string& key, const std::string& value,
                    Date today, ValidationReport& report, Problems& problems)
{
  answers.emplace_back(key, value);
  report.renders.push_back(fmt::format("{} = {}", key, value));
  check_render(source, manifest, answers, today, problems);
}

std::vector<std::string> other_values(const Question& q, const std::string& current)
{
  std::vector<std::string> values;
  if (q.type == QuestionType::boolean) {
    values = {"true", "false"};
  } else if (q.type == QuestionType::choice) {
    values = q.choices;
  }
  values.erase(std::remove(values.begin(), values.end(), current), values.end());
  return values;
}

} // namespace

AnswerList sample_answers(const TemplateManifest& manifest, const AnswerList& set, Date today)
{
  AnswerList samples;
  for (const auto& q : manifest.questions) {
    if (!q.default_value && !answered(set, q.key)) {
      samples.emplace_back(q.key, sample_for(q, today));
    }
  }
  return samples;
}

ValidationReport validate_template(const TemplateSource& source, const AnswerList& set, Date today)
{
  ValidationReport report;
  Problems problems;
  try {
    report.manifest = read_template_manifest(source);
    report.manifest_read = true;
  } catch (const Error& e) {
    problems.add(e.diagnostics());
    report.problems = problems.take();
    return report;
  }
  const TemplateManifest& manifest = report.manifest;
  problems.add(manifest.warnings);
  warn_empty_folders(source, problems);
  warn_unrendered(source, manifest, problems);

  report.samples = sample_answers(manifest, set, today);
  AnswerList base = set;
  base.insert(base.end(), report.samples.begin(), report.samples.end());
  report.renders.push_back("defaults");
  const auto answers = check_render(source, manifest, base, today, problems);
  if (answers && errors_of(problems.list()).empty()) {
    write_defaults(source, base, today, report, problems);
  }
  if (answers) {
    for (const auto& q : manifest.questions) {
      const Answer* current = answers->find(q.key);
      if (current == nullptr || !current->asked || answered(set, q.key)) {
        continue;
      }
      for (const auto& value : other_values(q, current->value)) {
        if (report.renders.size() < k_max_renders) {
          render_variant(source, manifest, base, q.key, value, today, report, problems);
        }
      }
    }
  }
  report.problems = problems.take();
  return report;
}

} // namespace residence
