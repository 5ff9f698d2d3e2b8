#pragma once

// The answers to a template's questions: from --set, an answers file, the
// defaults, or a person at a terminal. Every invalid answer is reported in one
// run, before anything is written.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calendar/date.h"
#include "diagnostics/diagnostic.h"
#include "templates/template_manifest.h"

namespace residence {

struct Answer {
  std::string key;
  QuestionType type = QuestionType::string;
  std::string value; // normalised: dates ISO, booleans "true"/"false"
  bool asked = true; // false when the question's `when` did not hold
  std::vector<std::string> choices; // of a choice question: each gives a flag key_choice
};

class Answers {
public:
  void set(Answer answer);
  const Answer* find(std::string_view key) const;
  std::optional<std::string> value(std::string_view key) const;
  const std::vector<Answer>& all() const { return m_answers; }

private:
  std::vector<Answer> m_answers;
};

// What the user gave on the command line.
struct AnswerInput {
  std::vector<std::pair<std::string, std::string>> set; // --set key=value, in order
  std::optional<fs::path> answers_file;                 // --answers FILE.toml
  bool use_defaults = false;                            // --defaults, or no terminal
};

// Asks one question at a terminal; `problem` is why the previous answer was
// refused (empty the first time). Returns nothing at end of input.
using Prompter = std::function<std::optional<std::string>(const Question& question,
                                                          const std::optional<std::string>& default_value,
                                                          const std::string& problem)>;

// Checks one answer against its question and the earlier answers. Returns
// the reason it is refused, or nothing; normalises `value` when accepted.
std::optional<std::string> validate_answer(const Question& question, std::string& value, const Answers& earlier);

// Whether a question's `when` holds for the earlier answers.
bool question_applies(const Question& question, const Answers& earlier);

struct ContextInfo;

// Gathers every answer. Without a prompter, a question with no answer takes
// its default; one without a default is an error naming the flag to pass.
// Throws Error (usage) listing every problem at once.
Answers resolve_answers(const TemplateManifest& manifest, const AnswerInput& input, const Prompter* prompter,
                        const ContextInfo& info);

// One answer given on the command line or in an answers file; `where`
// locates it (file, line, column) when it came from a file.
struct GivenAnswer {
  std::string key;
  std::string value;
  std::optional<Diagnostic> where;
};

// Reads `--answers FILE`: a table [answers] or top-level keys.
std::vector<GivenAnswer> read_answers_file(const fs::path& path);

} // namespace residence
