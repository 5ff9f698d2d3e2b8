#pragma once

// What the checkers of `check` share: the workspace read as far as it could
// be. Internal to check/.

#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "io/toml_document.h"
#include "milestones/milestone_set.h"
#include "workspace/workspace.h"

namespace residence {

struct LoadedFile {
  std::string path;    // relative to the root
  std::string display; // as shown
  std::string text;
  bool markdown = false;
  bool conflicted = false; // holds merge-conflict markers: reported, not parsed
};

struct CheckContext {
  const FileSource& source;
  const CheckOptions& options;
  std::vector<LoadedFile> files; // every file read, in the order reported
  std::optional<TomlDocument> manifest_document;
  std::optional<Manifest> manifest; // read even when it has errors, to find the files
  std::optional<MilestoneSet> milestones; // from the milestone files that parse

  const LoadedFile* file(const std::string& path) const;
  // Parses a file already loaded; a syntax error goes to `out`. Nothing for a
  // file missing, conflicted or malformed.
  std::optional<TomlDocument> parse(const std::string& path, std::vector<Diagnostic>& out) const;
};

// Reads the manifest, the files it names, the milestones and every Markdown
// document, reporting what cannot be read, parsed or found.
CheckContext load_context(const FileSource& source, const CheckOptions& options,
                          std::vector<Diagnostic>& out);

// A check run after loading. Each adds its findings to `out`.
using Checker = void (*)(const CheckContext& context, std::vector<Diagnostic>& out);

void check_dependencies(const CheckContext& context, std::vector<Diagnostic>& out);
void check_milestone_dates(const CheckContext& context, std::vector<Diagnostic>& out);
void check_budget(const CheckContext& context, std::vector<Diagnostic>& out);
void check_data_files(const CheckContext& context, std::vector<Diagnostic>& out);
void check_documents(const CheckContext& context, std::vector<Diagnostic>& out);

} // namespace residence
