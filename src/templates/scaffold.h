#pragma once

// `residence init`: from a template and answers to a new workspace, a git
// repository with one commit. Renders in memory, checks every TOML file,
// writes into a staging folder, then renames it into place: a failure at any
// step leaves nothing behind, and nothing existing is ever overwritten.

#include <optional>
#include <string>
#include <vector>

#include "git/git.h"
#include "templates/answers.h"
#include "templates/plan.h"
#include "templates/template_manifest.h"
#include "templates/template_spec.h"

namespace residence {

struct InitOptions {
  fs::path target;
  std::string template_spec;  // "fr", "en", a folder, or a git URL or PATH#REF (template_spec.h)
  bool allow_prerelease = false; // --pre
  AnswerInput answers;
  const Prompter* prompter = nullptr; // null: never ask
  bool dry_run = false;
  bool git = true;
  std::optional<Author> author;
  Date today;
};

struct InitResult {
  fs::path target;
  TemplateManifest manifest;
  std::string template_origin;
  std::string template_ref;       // git sources: the tag, branch or commit read
  std::string template_commit;
  std::vector<Diagnostic> notes;  // warnings to show even on success
  std::vector<std::string> files; // relative paths written (or that would be)
  std::string commit;             // empty without git or in a dry run
};

// Loads options.template_spec, then scaffold_from.
InitResult scaffold(const InitOptions& options);

// Scaffolds from a template already in memory.
InitResult scaffold_from(const TemplateSource& source, const InitOptions& options);

// What the renderer knows of the template and the day.
ContextInfo context_info(const TemplateManifest& manifest, const TemplateSource& source, Date today);

// Every generated TOML file must parse before anything is written; throws
// Error listing each one that does not, named after its template file.
void check_generated_toml(const std::vector<PlannedFile>& files);
std::vector<Diagnostic> generated_toml_problems(const std::vector<PlannedFile>& files);

// The text of .residence/answers.toml.
std::string answers_record(const TemplateManifest& manifest, const TemplateSource& source, const Answers& answers);

} // namespace residence
