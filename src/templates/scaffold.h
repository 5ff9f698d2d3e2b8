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

namespace residence {

struct InitOptions {
  fs::path target;
  std::string template_spec;  // "fr", "en", or a folder
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
  std::vector<std::string> files; // relative paths written (or that would be)
  std::string commit;             // empty without git or in a dry run
};

InitResult scaffold(const InitOptions& options);

// Where a --template value points: a built-in name or a folder.
TemplateSource resolve_template(const std::string& spec);

// The text of .residence/answers.toml.
std::string answers_record(const TemplateManifest& manifest, const TemplateSource& source, const Answers& answers);

} // namespace residence
