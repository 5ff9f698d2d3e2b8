#include "templates/describe.h"

#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "templates/scaffold.h"
#include "templates/validate.h"

namespace residence {

namespace {

// "int, 24 to 60", "date, after start_date", "choice: a, b".
std::string constraints(const Question& q)
{
  std::string out = question_type_name(q.type);
  if (q.type == QuestionType::choice) {
    return fmt::format("choice: {}", fmt::join(q.choices, ", "));
  }
  if (q.min && q.max) {
    out += fmt::format(", {} to {}", *q.min, *q.max);
  } else if (q.min) {
    out += fmt::format(", from {}", *q.min);
  } else if (q.max) {
    out += fmt::format(", up to {}", *q.max);
  }
  if (q.after) {
    out += fmt::format(", after {}", *q.after);
  }
  if (q.pattern) {
    out += fmt::format(", matching {}", *q.pattern);
  }
  if (q.type == QuestionType::string && !q.required) {
    out += ", may be empty";
  }
  return out;
}

// The defaults as init would take them, earlier answers rendered in.
std::optional<Answers> default_answers(const TemplateSource& source,
                                       const TemplateManifest& manifest, Date today)
{
  try {
    AnswerInput input;
    input.set = sample_answers(manifest, {}, today);
    input.use_defaults = true;
    return resolve_answers(manifest, input, nullptr, context_info(manifest, source, today));
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string question_text(const Question& q, const Answers* defaults)
{
  std::string out = fmt::format("{}  {}\n  {}\n", q.key, constraints(q), q.prompt);
  if (!q.help.empty()) {
    out += fmt::format("  {}\n", q.help);
  }
  if (q.when) {
    out += fmt::format("  asked when: {}\n", *q.when);
  }
  if (!q.default_value) {
    out += "  no default: must be answered\n";
    return out;
  }
  out += fmt::format("  default: {}", *q.default_value);
  const auto rendered = defaults != nullptr ? defaults->value(q.key) : std::nullopt;
  if (rendered && q.default_value->find("{{") != std::string::npos) {
    out += fmt::format(" → {}", *rendered);
  }
  out += "\n";
  return out;
}

void set_optional(toml::table& table, std::string_view key, const std::optional<std::string>& value)
{
  if (value) {
    table.insert(key, *value);
  }
}

} // namespace

std::string describe_template_text(const TemplateSource& source, const TemplateManifest& manifest,
                                   Date today)
{
  std::string out = fmt::format("{} {} (language {}), from {}\n", manifest.name, manifest.version,
                                manifest.language, template_place(source));
  if (!manifest.description.empty()) {
    out += manifest.description + "\n";
  }
  if (!manifest.min_residence.empty()) {
    out += fmt::format("Needs residence {} or newer.\n", manifest.min_residence);
  }
  const auto defaults = default_answers(source, manifest, today);
  out += fmt::format("\n{} questions:\n", manifest.questions.size());
  for (const auto& q : manifest.questions) {
    out += '\n';
    out += question_text(q, defaults ? &*defaults : nullptr);
  }
  return out;
}

std::string describe_template_json(const TemplateSource& source, const TemplateManifest& manifest,
                                   Date today)
{
  const auto defaults = default_answers(source, manifest, today);
  toml::array questions;
  for (const auto& q : manifest.questions) {
    toml::table item {{"key", q.key},
                      {"prompt", q.prompt},
                      {"help", q.help},
                      {"type", question_type_name(q.type)},
                      {"required", q.required}};
    set_optional(item, "default", q.default_value);
    set_optional(item, "default_rendered", defaults ? defaults->value(q.key) : std::nullopt);
    set_optional(item, "pattern", q.pattern);
    set_optional(item, "min", q.min);
    set_optional(item, "max", q.max);
    set_optional(item, "after", q.after);
    set_optional(item, "when", q.when);
    if (!q.choices.empty()) {
      toml::array choices;
      for (const auto& c : q.choices) {
        choices.push_back(c);
      }
      item.insert("choices", std::move(choices));
    }
    questions.push_back(std::move(item));
  }
  toml::table root {{"name", manifest.name},
                    {"version", manifest.version},
                    {"language", manifest.language},
                    {"description", manifest.description},
                    {"min_residence", manifest.min_residence},
                    {"source", source.origin},
                    {"ref", source.ref},
                    {"commit", source.commit},
                    {"questions", std::move(questions)}};
  std::ostringstream out;
  out << toml::json_formatter {root} << "\n";
  return out.str();
}

std::string template_place(const TemplateSource& source)
{
  if (source.commit.empty()) {
    return source.origin;
  }
  return fmt::format("{} at {} (commit {})", source.origin, source.ref, source.commit.substr(0, 7));
}

} // namespace residence
