#pragma once

// `residence template validate`: everything init would check, on every branch
// a template's answers can take, reported at once.

#include <string>
#include <utility>
#include <vector>

#include "templates/answers.h"
#include "templates/template_manifest.h"

namespace residence {

using AnswerList = std::vector<std::pair<std::string, std::string>>;

// Answers for every question that has neither a default nor an answer in
// `set`, so that a template can be rendered without asking: the key itself
// for a string, today for a date, the minimum (or 0) for a number, false,
// the first choice. Returned as key=value pairs, to add after `set`.
AnswerList sample_answers(const TemplateManifest& manifest, const AnswerList& set, Date today);

struct ValidationReport {
  bool manifest_read = false;
  TemplateManifest manifest;
  std::size_t files = 0;            // files the render with the defaults wrote
  std::vector<std::string> renders; // what each render answered: "defaults", "ci = github"...
  AnswerList samples;               // questions without a default and the sample used
  std::vector<Diagnostic> problems; // errors and warnings, each once

  bool ok() const { return errors_of(problems).empty(); }
};

// Renders the template with its defaults (and `set`) into a temporary folder,
// removed afterwards; then, in memory, once more for each other value of each
// bool and choice question, so that a section shown only for one answer is
// checked too. Every generated TOML file is parsed. Also warns about empty
// folders (git would not keep them) and about files copied as is that use a
// question's variable (a forgotten .tmpl).
ValidationReport validate_template(const TemplateSource& source, const AnswerList& set, Date today);

} // namespace residence
