#pragma once

// template.toml: what a template is and which questions it asks.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "templates/template_source.h"

namespace residence {

enum class QuestionType { string, date, integer, boolean, choice };

struct Question {
  std::string key;
  std::string prompt;
  std::string help;
  QuestionType type = QuestionType::string;
  std::optional<std::string> default_value; // may use earlier answers: "Ville de {{territory}}"
  bool required = true;                     // strings: an empty answer is refused
  std::optional<std::string> pattern;       // strings: a regular expression the whole answer matches
  std::optional<std::string> min;           // integers and dates
  std::optional<std::string> max;
  std::vector<std::string> choices;
  std::optional<std::string> after;         // dates: must come after this earlier answer
  std::optional<std::string> when;          // ask only when "key", "key == value" or "key != value" holds
};

struct TemplateManifest {
  std::string name;
  std::string version;
  std::string language;
  std::string description;
  std::string min_residence;
  std::vector<Question> questions;
  std::vector<Diagnostic> warnings; // unknown keys and the like: reported, not fatal

  const Question* find(std::string_view key) const;
};

const char* question_type_name(QuestionType type);

// Reads template.toml from a source, reporting every problem at once: among
// them a version that is not semver, a language other than fr or en, and a
// min_residence newer than this residence.
TemplateManifest read_template_manifest(const TemplateSource& source);

} // namespace residence
