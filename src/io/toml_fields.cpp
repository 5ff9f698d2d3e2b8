#include "io/toml_fields.h"

#include <algorithm>

#include <fmt/format.h>

#include "diagnostics/suggest.h"

namespace residence {

namespace {

const toml::table& empty_table()
{
  static const toml::table table;
  return table;
}

std::string quoted_value(const toml::node& node)
{
  if (const auto* s = node.as_string()) {
    return fmt::format(" '{}'", s->get());
  }
  return {};
}

} // namespace

const char* toml_type_name(const toml::node& node)
{
  switch (node.type()) {
  case toml::node_type::string:
    return "a string";
  case toml::node_type::integer:
    return "an integer";
  case toml::node_type::floating_point:
    return "a decimal number";
  case toml::node_type::boolean:
    return "a boolean";
  case toml::node_type::date:
    return "a date";
  case toml::node_type::time:
    return "a time";
  case toml::node_type::date_time:
    return "a date and time";
  case toml::node_type::array:
    return "an array";
  case toml::node_type::table:
    return "a table";
  case toml::node_type::none:
    break;
  }
  return "nothing";
}

FieldReader::FieldReader(const TomlDocument& doc, const toml::table& table, std::string what,
                         std::vector<Diagnostic>& problems)
  : m_doc(&doc), m_table(&table), m_what(std::move(what)), m_problems(&problems)
{
}

void FieldReader::problem(std::string_view key, std::string code, std::string message, std::string hint,
                          Severity severity)
{
  const toml::node* node = m_table->get(key);
  const toml::source_region& where = node != nullptr ? node->source() : m_table->source();
  m_problems->push_back(
      diagnostic_at(*m_doc, where, severity, std::move(code), std::move(message), std::move(hint)));
}

void FieldReader::problem_here(std::string code, std::string message, std::string hint, Severity severity)
{
  Diagnostic d =
      diagnostic_at(*m_doc, m_table->source(), severity, std::move(code), std::move(message), std::move(hint));
  if (m_table->source().begin.line == 0) {
    d.line = 0;
    d.column = 0;
  }
  m_problems->push_back(std::move(d));
}

void FieldReader::type_problem(std::string_view key, const toml::node& node, const char* expected)
{
  problem(key, "wrong-type",
          fmt::format("'{}' in {} must be {}, not {}{}", key, m_what, expected, toml_type_name(node),
                      quoted_value(node)));
}

std::string FieldReader::required_string(std::string_view key)
{
  auto value = optional_string(key);
  if (!value && m_table->get(key) == nullptr && !m_absent) {
    problem_here("missing-key", fmt::format("{} has no '{}'", m_what, key),
                 fmt::format("add `{} = \"...\"`", key));
  }
  return value.value_or("");
}

std::optional<std::string> FieldReader::optional_string(std::string_view key)
{
  const toml::node* node = m_table->get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* s = node->as_string()) {
    return s->get();
  }
  type_problem(key, *node, "a string");
  return std::nullopt;
}

std::optional<Date> FieldReader::read_date(std::string_view key, bool required)
{
  const toml::node* node = m_table->get(key);
  if (node == nullptr) {
    if (required && !m_absent) {
      problem_here("missing-key", fmt::format("{} has no '{}'", m_what, key),
                   fmt::format("add `{} = YYYY-MM-DD` (a date, without quotes)", key));
    }
    return std::nullopt;
  }
  if (const auto* d = node->as_date()) {
    const toml::date value = d->get();
    return Date::from_ymd(value.year, value.month, value.day);
  }
  if (const auto* s = node->as_string(); s != nullptr && Date::parse(s->get())) {
    problem(key, "date-quoted", fmt::format("'{}' in {} is a string, not a date", key, m_what),
            fmt::format("write the date without quotes: {} = {}", key, s->get()));
    return std::nullopt;
  }
  type_problem(key, *node, "a date (YYYY-MM-DD)");
  return std::nullopt;
}

std::optional<Date> FieldReader::required_date(std::string_view key)
{
  return read_date(key, true);
}

std::optional<Date> FieldReader::optional_date(std::string_view key)
{
  return read_date(key, false);
}

std::optional<std::int64_t> FieldReader::optional_int(std::string_view key, std::int64_t min,
                                                      std::int64_t max)
{
  const toml::node* node = m_table->get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  const auto* i = node->as_integer();
  if (i == nullptr) {
    type_problem(key, *node, "an integer");
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    problem(key, "out-of-range",
            fmt::format("'{}' in {} is {}, outside {}..{}", key, m_what, i->get(), min, max));
    return std::nullopt;
  }
  return i->get();
}

std::optional<bool> FieldReader::optional_bool(std::string_view key)
{
  const toml::node* node = m_table->get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* b = node->as_boolean()) {
    return b->get();
  }
  type_problem(key, *node, "true or false");
  return std::nullopt;
}

std::vector<std::string> FieldReader::string_or_strings(std::string_view key)
{
  const toml::node* node = m_table->get(key);
  if (node == nullptr) {
    return {};
  }
  if (const auto* s = node->as_string()) {
    return {s->get()};
  }
  const auto* array = node->as_array();
  if (array == nullptr) {
    type_problem(key, *node, "an array of strings");
    return {};
  }
  std::vector<std::string> values;
  for (const auto& element : *array) {
    if (const auto* s = element.as_string()) {
      values.push_back(s->get());
    } else {
      m_problems->push_back(diagnostic_at(
          *m_doc, element.source(), Severity::error, "wrong-type",
          fmt::format("'{}' in {} must hold strings, not {}", key, m_what, toml_type_name(element))));
    }
  }
  return values;
}

FieldReader FieldReader::table(std::string_view key)
{
  const toml::node* node = m_table->get(key);
  if (node == nullptr) {
    problem_here("missing-table", fmt::format("the [{}] table is missing", key));
    FieldReader absent(*m_doc, empty_table(), fmt::format("[{}]", key), *m_problems);
    absent.m_absent = true;
    return absent;
  }
  const auto* table = node->as_table();
  if (table == nullptr) {
    type_problem(key, *node, "a table");
    return FieldReader(*m_doc, empty_table(), fmt::format("[{}]", key), *m_problems);
  }
  return FieldReader(*m_doc, *table, fmt::format("[{}]", key), *m_problems);
}

void FieldReader::warn_unknown_keys(const std::vector<std::string_view>& known)
{
  for (const auto& [key, node] : *m_table) {
    if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
      const std::vector<std::string> names(known.begin(), known.end());
      m_problems->push_back(diagnostic_at(*m_doc, key.source(), Severity::warning, "unknown-key",
                                          fmt::format("unknown key '{}' in {}; it is kept as it is",
                                                      key.str(), m_what),
                                          did_you_mean(key.str(), names)));
    }
  }
}

} // namespace residence
