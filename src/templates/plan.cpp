#include "templates/plan.h"

#include <set>

#include <fmt/format.h>

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

bool escapes(const std::string& part)
{
  return part == ".." || part == "." || part.find('/') != std::string::npos || part.find('\\') != std::string::npos ||
         part.find('\0') != std::string::npos;
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

  std::vector<PlannedFile> finish()
  {
    if (!m_problems.empty()) {
      throw Error(ExitCode::invalid_input, m_problems);
    }
    return std::move(m_files);
  }

private:
  // Renders each part of the path on its own, so that an answer can neither
  // add a folder level nor climb out with "..".
  std::optional<std::string> render_path(const std::string& template_path)
  {
    if (template_path.find("{{") == std::string::npos) {
      return template_path;
    }
    std::vector<std::string> out;
    for (const auto& part : split_path(template_path)) {
      auto rendered = m_context.render(part, template_path, Escape::none, m_problems);
      if (!rendered) {
        return std::nullopt;
      }
      if (rendered->empty() || (ends_with(part, k_suffix) && *rendered == k_suffix)) {
        return std::nullopt; // an empty part skips the file or folder
      }
      if (escapes(*rendered) || rendered->front() == '/') {
        out.push_back(*rendered);
        refuse(template_path, fmt::format("{}", fmt::join(out, "/")));
        return std::nullopt;
      }
      out.push_back(*rendered);
    }
    return fmt::format("{}", fmt::join(out, "/"));
  }

  void refuse(const std::string& template_path, const std::string& reached)
  {
    m_problems.push_back(make_error(
        "path-outside",
        fmt::format("{} would make the path '{}' for {}, which leaves the workspace or adds folders",
                    answers_in(template_path, m_answers), reached, template_path),
        "answers used in file names may not contain '/', '\\' or be '..'"));
  }

  const Answers& m_answers;
  TemplateContext m_context;
  std::vector<Diagnostic> m_problems;
  std::vector<PlannedFile> m_files;
  std::set<std::string> m_seen;
};

} // namespace

std::vector<PlannedFile> plan_files(const TemplateSource& source, const Answers& answers, const ContextInfo& info)
{
  Planner planner(answers, info);
  for (const auto& file : source.files) {
    planner.add(file);
  }
  return planner.finish();
}

} // namespace residence
