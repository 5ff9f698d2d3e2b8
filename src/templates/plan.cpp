#include "templates/plan.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "templates/output_check.h"

namespace residence {

namespace {

constexpr std::string_view k_suffix = ".tmpl";

bool ends_with(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Splits on the '/' that separate folders, not on those inside a tag such
// as {{/section}}.
std::vector<std::string> split_path(const std::string& path)
{
  std::vector<std::string> parts(1);
  int depth = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path.compare(i, 2, "{{") == 0) {
      ++depth;
    } else if (path.compare(i, 2, "}}") == 0 && depth > 0) {
      --depth;
    }
    if (path[i] == '/' && depth == 0) {
      parts.emplace_back();
    } else {
      parts.back() += path[i];
    }
  }
  return parts;
}

// The answers whose tags appear in a template path, to name the culprit.
std::string answers_in(const std::string& template_path, const Answers& answers)
{
  std::vector<std::string> named;
  for (const auto& a : answers.all()) {
    if (template_path.find(fmt::format("{{{{{}}}}}", a.key)) != std::string::npos ||
        template_path.find(fmt::format("{{{{{{{}}}}}}}", a.key)) != std::string::npos) {
      named.push_back(fmt::format("answer to '{}' ('{}')", a.key, a.value));
    }
  }
  return named.empty() ? std::string("the template") : fmt::format("{}", fmt::join(named, " and "));
}

// Why a rendered path part may not be used, or nothing when it may.
std::optional<std::string> part_problem(const std::string& part)
{
  if (part == ".." || part == "." || part.find('/') != std::string::npos || part.find('\\') != std::string::npos) {
    return std::string("leaves the workspace or adds folders");
  }
  const bool control = std::any_of(part.begin(), part.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (control) {
    return std::string("holds a control character (a line break, a tab, a NUL...)");
  }
  return std::nullopt;
}

Escape escape_for(const std::string& output_path)
{
  return ends_with(output_path, ".toml") ? Escape::toml : Escape::none;
}

class Planner {
public:
  Planner(const Answers& answers, const ContextInfo& info) : m_answers(answers), m_context(answers, info) {}

  void add(const TemplateFile& file)
  {
    if (file.path == "template.toml") {
      return;
    }
    auto path = render_path(file.path);
    if (!path) {
      return;
    }
    PlannedFile planned{*path, file.content, file.mode, file.link_target, file.path};
    if (!file.link_target && ends_with(planned.path, k_suffix)) {
      planned.path.resize(planned.path.size() - k_suffix.size());
      auto content = m_context.render(file.content, file.path, escape_for(planned.path), m_problems);
      if (!content) {
        return;
      }
      planned.content = std::move(*content);
    }
    if (!m_seen.insert(planned.path).second) {
      m_problems.push_back(make_error("template-duplicate-output",
                                      fmt::format("two template files would both write {}", planned.path)));
      return;
    }
    m_files.push_back(std::move(planned));
  }

  Plan finish()
  {
    auto more = check_outputs(m_files);
    m_problems.insert(m_problems.end(), more.begin(), more.end());
    return {std::move(m_files), std::move(m_problems)};
  }

private:
  // Renders each part of the path on its own, so that an answer can neither
  // add a folder level nor climb out with "..".
  std::optional<std::string> render_path(const std::string& template_path)
  {
    std::vector<std::string> out;
    for (const auto& part : split_path(template_path)) {
      auto rendered = part.find("{{") == std::string::npos
                          ? std::optional<std::string>(part)
                          : m_context.render(part, template_path, Escape::none, m_problems);
      if (!rendered) {
        return std::nullopt;
      }
      if (rendered->empty() || (ends_with(part, k_suffix) && *rendered == k_suffix)) {
        return std::nullopt; // an empty part skips the file or folder
      }
      out.push_back(*rendered);
      if (auto why = part_problem(*rendered)) {
        refuse(template_path, fmt::format("{}", fmt::join(out, "/")), *why);
        return std::nullopt;
      }
    }
    return fmt::format("{}", fmt::join(out, "/"));
  }

  void refuse(const std::string& template_path, const std::string& reached, const std::string& why)
  {
    m_problems.push_back(make_error(
        "path-outside",
        fmt::format("{} would make the path '{}' for {}, which {}", answers_in(template_path, m_answers), reached,
                    template_path, why),
        "answers used in file names may not contain '/', '\\' or control characters, nor be '.' or '..'"));
  }

  const Answers& m_answers;
  TemplateContext m_context;
  std::vector<Diagnostic> m_problems;
  std::vector<PlannedFile> m_files;
  std::set<std::string> m_seen;
};

} // namespace

Plan plan_files_collecting(const TemplateSource& source, const Answers& answers, const ContextInfo& info)
{
  Planner planner(answers, info);
  for (const auto& file : source.files) {
    planner.add(file);
  }
  return planner.finish();
}

std::vector<PlannedFile> plan_files(const TemplateSource& source, const Answers& answers, const ContextInfo& info)
{
  Plan plan = plan_files_collecting(source, answers, info);
  if (!plan.problems.empty()) {
    // Paths made to leave the workspace by answers are wrong answers; any
    // other problem is the template's.
    const bool answers_only = std::all_of(plan.problems.begin(), plan.problems.end(),
                                          [](const Diagnostic& d) { return d.code == "path-outside"; });
    throw Error(answers_only ? ExitCode::usage : ExitCode::invalid_input, plan.problems);
  }
  return std::move(plan.files);
}

} // namespace residence
