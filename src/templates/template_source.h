#pragma once

// Where a template comes from: built into the binary, a folder, or a git
// repository. Every source is read into memory first, so rendering never
// reads the filesystem and a template cannot reach outside itself.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "io/files.h"

namespace residence {

struct TemplateFile {
  std::string path; // relative, '/'-separated, as in the template
  std::string content;
  unsigned mode = 0644; // permission bits to give the written file
  std::optional<std::string> link_target; // a symbolic link inside the template
};

struct TemplateSource {
  std::string origin;   // "builtin:fr", a folder path, or a git URL
  std::string ref;      // git ref used, if any
  std::string commit;   // git commit used, if any
  std::vector<TemplateFile> files;
  std::vector<std::string> empty_folders; // of a folder template: not reproduced (git keeps no empty folder)
  std::vector<Diagnostic> notes;          // warnings met while reading (a failed fetch, say)

  const TemplateFile* find(std::string_view path) const;
};

// The names of the templates compiled into the binary ("en", "fr").
std::vector<std::string> builtin_template_names();

// A built-in template by name; nothing when there is no such template.
std::optional<TemplateSource> builtin_template(std::string_view name);

// Reads a template folder. Symbolic links are read as links, never
// followed; where they lead is checked on the files as they would be written
// (output_check.h), since a link names a file as written ("notes.md"), not as
// in the template ("notes.md.tmpl").
TemplateSource folder_template(const fs::path& folder);

} // namespace residence
