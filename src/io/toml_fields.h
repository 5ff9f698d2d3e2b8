#pragma once

// Typed reading of a TOML table that reports every problem with its position
// instead of stopping at the first one.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "io/toml_document.h"

namespace residence {

class FieldReader {
public:
  // `what` names the table in messages, e.g. "[residence]" or "milestone 'copil-1'".
  FieldReader(const TomlDocument& doc, const toml::table& table, std::string what,
              std::vector<Diagnostic>& problems);

  std::string required_string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  std::optional<Date> required_date(std::string_view key);
  std::optional<Date> optional_date(std::string_view key);
  std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> optional_bool(std::string_view key);
  // An array of strings; a lone string is taken as a one-element array.
  std::vector<std::string> string_or_strings(std::string_view key);
  // A required sub-table; a missing one is reported and reads as empty.
  FieldReader table(std::string_view key);

  // Warns about keys the tool does not know; they are kept, never dropped.
  void warn_unknown_keys(const std::vector<std::string_view>& known);

  void problem(std::string_view key, std::string code, std::string message, std::string hint = {},
               Severity severity = Severity::error);
  void problem_here(std::string code, std::string message, std::string hint = {},
                    Severity severity = Severity::error);

  const toml::table& raw() const { return *m_table; }
  const std::string& what() const { return m_what; }
  const TomlDocument& document() const { return *m_doc; }

private:
  std::optional<Date> read_date(std::string_view key, bool required);
  void type_problem(std::string_view key, const toml::node& node, const char* expected);

  const TomlDocument* m_doc;
  const toml::table* m_table;
  std::string m_what;
  std::vector<Diagnostic>* m_problems;
  bool m_absent = false; // a missing table, already reported: its keys are not
};

// The TOML type of a node, as a user reads it: "string", "date", "integer"...
const char* toml_type_name(const toml::node& node);

} // namespace residence
