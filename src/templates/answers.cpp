#include "templates/answers.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "diagnostics/suggest.h"
#include "io/text.h"
#include "io/toml_document.h"
#include "io/toml_fields.h"
#include "templates/pattern.h"
#include "templates/render.h"

namespace residence {

namespace {

std::optional<long long> parse_integer(std::string_view text)
{
  long long value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (!text.empty() && text.front() == '+') {
    ++first;
  }
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || end != last || first == last) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> parse_boolean(std::string_view text)
{
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* yes : {"true", "yes", "y", "oui", "o", "1"}) {
    if (lower == yes) {
      return "true";
    }
  }
  for (const char* no : {"false", "no", "n", "non", "0"}) {
    if (lower == no) {
      return "false";
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_integer(const Question& q, std::string& value)
{
  auto number = parse_integer(value);
  if (!number) {
    return fmt::format("'{}' is not a whole number", value);
  }
  if (q.min && *number < parse_integer(*q.min).value_or(*number)) {
    return fmt::format("{} is below the minimum {}", *number, *q.min);
  }
  if (q.max && *number > parse_integer(*q.max).value_or(*number)) {
    return fmt::format("{} is above the maximum {}", *number, *q.max);
  }
  value = std::to_string(*number);
  return std::nullopt;
}

std::optional<std::string> check_date(const Question& q, std::string& value, const Answers& earlier)
{
  auto date = Date::parse(value);
  if (!date) {
    return fmt::format("'{}' is not a calendar date (write YYYY-MM-DD, a day that exists)", value);
  }
  if (q.min && Date::parse(*q.min) && *date < *Date::parse(*q.min)) {
    return fmt::format("{} is before the earliest allowed date {}", value, *q.min);
  }
  if (q.max && Date::parse(*q.max) && *date > *Date::parse(*q.max)) {
    return fmt::format("{} is after the latest allowed date {}", value, *q.max);
  }
  if (q.after) {
    auto other = earlier.value(*q.after);
    auto other_date = other ? Date::parse(*other) : std::nullopt;
    if (other_date && !(*date > *other_date)) {
      return fmt::format("{} must come after {} ({})", value, *q.after, other_date->iso());
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_string(const Question& q, const std::string& value)
{
  if (q.required && value.empty()) {
    return std::string("an answer is required");
  }
  if (const auto c = find_control(value)) {
    return fmt::format("an answer is one line of text; it holds the control character U+{:04X}",
                       static_cast<unsigned>(static_cast<unsigned char>(*c)));
  }
  if (q.pattern && !value.empty()) {
    std::string error;
    const auto pattern = Pattern::compile(*q.pattern, error);
    const auto matched = pattern ? pattern->matches_whole(value, error) : std::nullopt;
    if (!matched) {
      return fmt::format("cannot check the answer against {}: {}", *q.pattern, error);
    }
    if (!*matched) {
      return fmt::format("'{}' does not match the expected form {}", value, *q.pattern);
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_choice(const Question& q, const std::string& value)
{
  if (std::find(q.choices.begin(), q.choices.end(), value) != q.choices.end()) {
    return std::nullopt;
  }
  std::string message = fmt::format("'{}' is not one of: {}", value, fmt::join(q.choices, ", "));
  if (auto match = closest_match(value, q.choices)) {
    message += fmt::format(" (did you mean '{}'?)", *match);
  }
  return message;
}

// Gives a diagnostic the file position of an answer read from a file.
Diagnostic located(const GivenAnswer& given, Diagnostic d)
{
  if (given.where) {
    d.file = given.where->file;
    d.line = given.where->line;
    d.column = given.where->column;
    d.source_line = given.where->source_line;
  }
  return d;
}

Diagnostic answer_problem(const Question& q, std::string message, std::string hint = {})
{
  return make_error("invalid-answer", fmt::format("answer to '{}' ({}): {}", q.key, q.prompt, message), std::move(hint));
}

std::string empty_value(QuestionType type)
{
  return type == QuestionType::boolean ? "false" : "";
}

// The default, rendered with the earlier answers ("Ville de {{territory}}").
std::optional<std::string> default_for(const Question& q, const Answers& earlier, const ContextInfo& info,
                                       std::vector<Diagnostic>& problems)
{
  if (!q.default_value) {
    return std::nullopt;
  }
  if (q.default_value->find("{{") == std::string::npos) {
    return q.default_value;
  }
  const TemplateContext context(earlier, info);
  return context.render(*q.default_value, fmt::format("default of question '{}'", q.key), Escape::none, problems);
}

std::optional<std::string> ask(const Question& q, const std::optional<std::string>& fallback, const Answers& earlier,
                               const Prompter& prompter)
{
  std::string problem;
  for (;;) {
    auto reply = prompter(q, fallback, problem);
    if (!reply) {
      return std::nullopt;
    }
    std::string value = reply->empty() && fallback ? *fallback : *reply;
    auto refused = validate_answer(q, value, earlier);
    if (!refused) {
      return value;
    }
    problem = *refused;
  }
}

} // namespace

void Answers::set(Answer answer)
{
  for (auto& a : m_answers) {
    if (a.key == answer.key) {
      a = std::move(answer);
      return;
    }
  }
  m_answers.push_back(std::move(answer));
}

const Answer* Answers::find(std::string_view key) const
{
  for (const auto& a : m_answers) {
    if (a.key == key) {
      return &a;
    }
  }
  return nullptr;
}

std::optional<std::string> Answers::value(std::string_view key) const
{
  const Answer* a = find(key);
  return a ? std::optional<std::string>(a->value) : std::nullopt;
}

std::optional<std::string> validate_answer(const Question& q, std::string& value, const Answers& earlier)
{
  switch (q.type) {
  case QuestionType::string:
    return check_string(q, value);
  case QuestionType::integer:
    return check_integer(q, value);
  case QuestionType::date:
    return check_date(q, value, earlier);
  case QuestionType::boolean:
    if (auto b = parse_boolean(value)) {
      value = *b;
      return std::nullopt;
    }
    return fmt::format("'{}' is not yes or no (true/false)", value);
  case QuestionType::choice:
    return check_choice(q, value);
  }
  return std::nullopt;
}

bool question_applies(const Question& q, const Answers& earlier)
{
  if (!q.when) {
    return true;
  }
  const std::string& rule = *q.when;
  for (const char* op : {"!=", "=="}) {
    const auto at = rule.find(op);
    if (at != std::string::npos) {
      const auto strip = [](std::string s) {
        s.erase(0, s.find_first_not_of(" \"'"));
        s.erase(s.find_last_not_of(" \"'") + 1);
        return s;
      };
      const std::string key = strip(rule.substr(0, at));
      const std::string expected = strip(rule.substr(at + 2));
      const bool equal = earlier.value(key).value_or("") == expected;
      return std::string_view(op) == "==" ? equal : !equal;
    }
  }
  const auto value = earlier.value(rule).value_or("");
  return !value.empty() && value != "false" && value != "none";
}

std::vector<GivenAnswer> read_answers_file(const fs::path& path)
{
  const TomlDocument doc = load_toml(path, display_path(path));
  std::vector<Diagnostic> problems;
  const toml::table* table = doc.root["answers"].as_table();
  if (table == nullptr) {
    table = &doc.root;
  } else {
    for (const auto& [key, node] : doc.root) {
      if (key != "answers" && key != "template") {
        problems.push_back(diagnostic_at(doc, key.source(), Severity::error, "answer-outside-table",
                                         fmt::format("answer '{}' is outside [answers], where the others are", key.str()),
                                         "move it under [answers], or remove the [answers] header"));
      }
    }
  }
  std::vector<GivenAnswer> values;
  for (const auto& [key, node] : *table) {
    const Diagnostic where = diagnostic_at(doc, node.source(), Severity::error, "", "");
    if (const auto* s = node.as_string()) {
      values.push_back({std::string(key.str()), s->get(), where});
    } else if (const auto* i = node.as_integer()) {
      values.push_back({std::string(key.str()), std::to_string(i->get()), where});
    } else if (const auto* b = node.as_boolean()) {
      values.push_back({std::string(key.str()), b->get() ? "true" : "false", where});
    } else if (const auto* d = node.as_date()) {
      values.push_back({std::string(key.str()),
                        fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day), where});
    } else if (!node.is_table()) {
      problems.push_back(diagnostic_at(doc, node.source(), Severity::error, "wrong-type",
                                       fmt::format("answer '{}' is {}; answers are text, whole numbers, true or "
                                                   "false, or dates",
                                                   key.str(), toml_type_name(node))));
    }
  }
  if (!problems.empty()) {
    throw Error(ExitCode::invalid_input, problems);
  }
  return values;
}

Answers resolve_answers(const TemplateManifest& manifest, const AnswerInput& input, const Prompter* prompter,
                        const ContextInfo& info)
{
  std::vector<GivenAnswer> given;
  if (input.answers_file) {
    given = read_answers_file(*input.answers_file);
  }
  for (const auto& [key, value] : input.set) { // --set wins over the file
    given.push_back({key, value, std::nullopt});
  }

  std::vector<Diagnostic> problems;
  std::vector<std::string> keys;
  for (const auto& q : manifest.questions) {
    keys.push_back(q.key);
  }
  for (const auto& g : given) {
    if (manifest.find(g.key) == nullptr) {
      problems.push_back(located(g, make_error("unknown-question",
                                               fmt::format("template '{}' asks no question '{}'", manifest.name, g.key),
                                               did_you_mean(g.key, keys))));
    }
  }

  Answers answers;
  for (const auto& q : manifest.questions) {
    if (!question_applies(q, answers)) {
      answers.set({q.key, q.type, empty_value(q.type), false, q.choices});
      continue;
    }
    auto supplied = std::find_if(given.rbegin(), given.rend(), [&](const GivenAnswer& g) { return g.key == q.key; });
    auto fallback = default_for(q, answers, info, problems);

    std::optional<std::string> value;
    if (supplied != given.rend()) {
      value = supplied->value;
    } else if (prompter != nullptr && !input.use_defaults) {
      value = ask(q, fallback, answers, *prompter);
      if (!value) {
        throw Error(ExitCode::usage, make_error("no-answer", fmt::format("no answer to '{}' ({})", q.key, q.prompt)));
      }
    } else if (fallback) {
      value = fallback;
    } else {
      problems.push_back(make_error("missing-answer", fmt::format("question '{}' ({}) has no default and no answer", q.key, q.prompt),
                                    fmt::format("pass --set {}=VALUE or --answers FILE.toml", q.key)));
      continue;
    }

    if (auto refused = validate_answer(q, *value, answers)) {
      const bool from_file = supplied != given.rend() && supplied->where;
      Diagnostic d = answer_problem(q, *refused,
                                    from_file ? std::string("correct the value in the answers file")
                                              : fmt::format("pass a valid value with --set {}=VALUE", q.key));
      problems.push_back(supplied != given.rend() ? located(*supplied, std::move(d)) : std::move(d));
      continue;
    }
    answers.set({q.key, q.type, *value, true, q.choices});
  }

  if (!problems.empty()) {
    throw Error(ExitCode::usage, problems);
  }
  return answers;
}

} // namespace residence
