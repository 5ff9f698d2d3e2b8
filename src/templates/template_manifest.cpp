#include "templates/template_manifest.h"

#include <algorithm>

#include <fmt/format.h>

#include "diagnostics/suggest.h"
#include "io/toml_fields.h"
#include "milestones/milestone.h"
#include "templates/pattern.h"
#include "templates/semver.h"

namespace residence {

namespace {

constexpr const char* k_manifest = "template.toml";

std::optional<QuestionType> parse_type(std::string_view text)
{
  if (text == "string") {
    return QuestionType::string;
  }
  if (text == "date") {
    return QuestionType::date;
  }
  if (text == "int") {
    return QuestionType::integer;
  }
  if (text == "bool") {
    return QuestionType::boolean;
  }
  if (text == "choice") {
    return QuestionType::choice;
  }
  return std::nullopt;
}

// Numbers, dates and booleans may be written bare in template.toml.
std::optional<std::string> scalar_text(FieldReader& r, std::string_view key)
{
  const toml::node* node = r.raw().get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* s = node->as_string()) {
    return s->get();
  }
  if (const auto* i = node->as_integer()) {
    return std::to_string(i->get());
  }
  if (const auto* b = node->as_boolean()) {
    return b->get() ? "true" : "false";
  }
  if (const auto* d = node->as_date()) {
    return Date::from_ymd(d->get().year, d->get().month, d->get().day).value_or(Date{}).iso();
  }
  r.problem(key, "wrong-type", fmt::format("'{}' in {} must be a string, number, boolean or date", key, r.what()));
  return std::nullopt;
}

// Names the engine gives every template; an answer must not hide them.
// (Derived values such as slug or end_date give way to an answer instead.)
bool is_reserved(const std::string& key)
{
  static const std::vector<std::string> names{
      "today",      "template_name", "template_version", "template_source", "residence_version",
      "from_start", "from_end",      "from_today",       "long_date",       "first_of_month",
      "money",      "calc",          "slugify",          "de",              "à"};
  return std::find(names.begin(), names.end(), key) != names.end();
}

// min and max must be of the question's type, or they would be ignored.
void check_bounds(FieldReader& r, const Question& q)
{
  for (const auto& [key, value] : {std::pair{"min", q.min}, std::pair{"max", q.max}}) {
    if (!value) {
      continue;
    }
    const bool ok = q.type == QuestionType::date      ? Date::parse(*value).has_value()
                    : q.type == QuestionType::integer ? value->find_first_not_of("-0123456789") == std::string::npos
                                                      : false;
    if (!ok) {
      r.problem(key, "bad-bound",
                fmt::format("'{}' of question '{}' must be {}, not '{}'", key, q.key,
                            q.type == QuestionType::date      ? "a date YYYY-MM-DD"
                            : q.type == QuestionType::integer ? "an integer"
                                                              : "absent: only int and date questions have bounds",
                            *value),
                q.type == QuestionType::date ? "to compare with an earlier answer, use `after = \"key\"`" : "");
    }
  }
}

Question read_question(FieldReader& r, const std::vector<Question>& earlier)
{
  Question q;
  q.key = r.required_string("key");
  if (!q.key.empty() && !is_valid_id(q.key) && q.key.find('_') == std::string::npos) {
    r.problem("key", "invalid-key", fmt::format("question key '{}' may hold only a-z, 0-9, '_' and '-'", q.key));
  }
  q.prompt = r.optional_string("prompt").value_or(q.key);
  q.help = r.optional_string("help").value_or("");
  const std::string type = r.optional_string("type").value_or("string");
  if (auto t = parse_type(type)) {
    q.type = *t;
  } else {
    r.problem("type", "unknown-type",
              fmt::format("question '{}' has unknown type '{}'; expected string, date, int, bool or choice", q.key, type));
  }
  q.default_value = scalar_text(r, "default");
  q.required = r.optional_bool("required").value_or(true);
  q.pattern = r.optional_string("pattern");
  q.min = scalar_text(r, "min");
  q.max = scalar_text(r, "max");
  q.choices = r.string_or_strings("choices");
  q.after = r.optional_string("after");
  q.when = r.optional_string("when");
  r.warn_unknown_keys({"key", "prompt", "help", "type", "default", "required", "pattern", "min", "max", "choices",
                       "after", "when"});

  if (std::string error; q.pattern && !Pattern::compile(*q.pattern, error)) {
    r.problem("pattern", "bad-pattern",
              fmt::format("pattern of question '{}' is not a valid regular expression: {}", q.key, error));
  }
  if (is_reserved(q.key)) {
    r.problem("key", "reserved-key",
              fmt::format("question key '{}' is a name the template engine defines itself", q.key),
              "choose another key");
  }
  check_bounds(r, q);
  if (q.type == QuestionType::choice && q.choices.empty()) {
    r.problem_here("no-choices", fmt::format("choice question '{}' lists no choices", q.key));
  }
  const auto is_earlier = [&](const std::string& key) {
    return std::any_of(earlier.begin(), earlier.end(), [&](const Question& e) { return e.key == key; });
  };
  if (q.after && !is_earlier(*q.after)) {
    r.problem("after", "unknown-question",
              fmt::format("question '{}' must come after '{}', which is not an earlier question", q.key, *q.after));
  }
  for (const auto& e : earlier) {
    if (e.key == q.key) {
      r.problem("key", "duplicate-question", fmt::format("question '{}' is asked twice", q.key));
    }
  }
  return q;
}

// The languages whose dates and money the helpers know how to write.
const std::vector<std::string> k_languages{"en", "fr"};

void check_versions(FieldReader& meta, const TemplateManifest& manifest)
{
  if (!manifest.version.empty() && !parse_semver(manifest.version)) {
    meta.problem("version", "bad-version",
                 fmt::format("template version '{}' is not a semantic version MAJOR.MINOR.PATCH", manifest.version),
                 "for example version = \"1.0.0\"");
  }
  if (manifest.min_residence.empty()) {
    return;
  }
  const auto needed = parse_semver(manifest.min_residence);
  if (!needed) {
    meta.problem("min_residence", "bad-version",
                 fmt::format("min_residence '{}' is not a semantic version MAJOR.MINOR.PATCH", manifest.min_residence));
    return;
  }
  const auto running = parse_semver(RESIDENCE_VERSION);
  if (running && compare(*needed, *running) > 0) {
    meta.problem("min_residence", "template-too-new",
                 fmt::format("template '{}' needs residence {} or newer; this is residence {}", manifest.name,
                             manifest.min_residence, RESIDENCE_VERSION),
                 "update residence, or pick an older version of the template (--template URL#TAG)");
  }
}

void check_language(FieldReader& meta, const std::string& language)
{
  if (std::find(k_languages.begin(), k_languages.end(), language) == k_languages.end()) {
    meta.problem("language", "unknown-language",
                 fmt::format("template language '{}' is not one residence writes dates and money in (fr, en)", language),
                 did_you_mean(language, k_languages));
  }
}

} // namespace

const char* question_type_name(QuestionType type)
{
  switch (type) {
  case QuestionType::string:
    return "string";
  case QuestionType::date:
    return "date";
  case QuestionType::integer:
    return "int";
  case QuestionType::boolean:
    return "bool";
  case QuestionType::choice:
    return "choice";
  }
  return "string";
}

const Question* TemplateManifest::find(std::string_view key) const
{
  for (const auto& q : questions) {
    if (q.key == key) {
      return &q;
    }
  }
  return nullptr;
}

TemplateManifest read_template_manifest(const TemplateSource& source)
{
  const TemplateFile* file = source.find(k_manifest);
  std::string display = display_path(fs::path(source.origin) / k_manifest);
  if (source.origin.rfind("builtin:", 0) == 0) {
    display = fmt::format("{}/{}", source.origin, k_manifest);
  } else if (!source.commit.empty()) {
    display = fmt::format("{}#{}:{}", source.origin, source.ref, k_manifest); // read from the commit, not the disk
  }
  if (file == nullptr) {
    Diagnostic d = make_error("template-no-manifest", fmt::format("{} has no {}", source.origin, k_manifest),
                              "a template is a folder with a template.toml naming it and listing its questions");
    throw Error(ExitCode::invalid_input, d);
  }
  const TomlDocument doc = parse_toml(file->content, fs::path(display), display);

  std::vector<Diagnostic> problems;
  TemplateManifest manifest;
  FieldReader top(doc, doc.root, display, problems);
  FieldReader meta = top.table("template");
  manifest.name = meta.required_string("name");
  manifest.version = meta.required_string("version");
  manifest.language = meta.optional_string("language").value_or("fr");
  manifest.description = meta.optional_string("description").value_or("");
  manifest.min_residence = meta.optional_string("min_residence").value_or("");
  meta.warn_unknown_keys({"name", "version", "language", "description", "min_residence"});
  check_versions(meta, manifest);
  check_language(meta, manifest.language);

  if (const toml::array* questions = doc.root["question"].as_array()) {
    for (const auto& element : *questions) {
      if (const toml::table* table = element.as_table()) {
        FieldReader r(doc, *table, "question", problems);
        manifest.questions.push_back(read_question(r, manifest.questions));
      }
    }
  }
  auto errors = errors_of(problems);
  if (!errors.empty()) {
    throw Error(ExitCode::invalid_input, errors);
  }
  manifest.warnings = std::move(problems);
  return manifest;
}

} // namespace residence
