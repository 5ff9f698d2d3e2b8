#pragma once

// What a --template value names, and loading it into memory: a built-in
// template, a folder, or a git repository at a ref.

#include <optional>
#include <string>
#include <string_view>

#include "templates/template_source.h"

namespace residence {

struct TemplateSpec {
  enum class Kind { builtin, folder, git };
  Kind kind = Kind::builtin;
  std::string location; // the built-in name, the folder, or the repository URL or path
  std::optional<std::string>
      ref; // git: the tag, branch or commit after '#'; none for the highest version tag
};

// Reads a --template value:
// - a built-in name ("fr", "en") is the built-in template, even when a folder
//   of that name exists (write "./fr" for the folder);
// - an existing folder (`names_a_folder`) is read as a folder;
// - "LOCATION#REF" is a git repository at REF ("LOCATION#" for its highest
//   version tag), LOCATION being a URL or the path of a local repository;
// - a URL ("https://...", "file://...", "user@host:path") is a git repository
//   at its highest version tag;
// - anything else is a folder (that will be reported missing).
TemplateSpec parse_template_spec(std::string_view text, bool names_a_folder);

struct TemplateLoadOptions {
  bool allow_prerelease = false; // --pre: a pre-release tag may be the highest version
};

// Loads the template a --template value names. Throws Error naming what was
// looked for when there is no such template.
TemplateSource resolve_template(const std::string& text, const TemplateLoadOptions& options = {});

} // namespace residence
