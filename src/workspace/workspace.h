#pragma once

// A workspace is a folder holding `residence.toml`. The manifest names every
// data file, so the tool never guesses where a file lives.

#include <optional>
#include <string>
#include <vector>

#include "calendar/date.h"
#include "io/toml_document.h"

namespace residence {

inline constexpr const char* k_manifest_name = "residence.toml";
// The answers given to `init`, kept for `update`.
inline constexpr const char* k_answers_path = ".residence/answers.toml";

struct Manifest {
  std::string name;
  std::string territory;
  std::string host;
  std::string carrier;
  std::string theme;
  std::string language = "fr";
  std::string currency = "EUR";
  Date start;
  int duration_months = 24;
  int places = 0;
  std::vector<std::string> milestone_files; // relative to the workspace root
  std::optional<std::string> budget_file;
  std::optional<std::string> indicators_file;
  std::vector<std::string> documents;
  std::string template_source;
  std::string template_version;
  bool commit_edits = false; // [git] commit = true: every milestone edit is a commit

  // The last day of the residency.
  Date end() const { return start.add_months(duration_months).add_days(-1); }
};

struct Workspace {
  fs::path root;
  TomlDocument manifest_document;
  Manifest manifest;

  fs::path path_of(const std::string& relative) const { return root / relative; }
  // Held while a command edits the workspace, so that two edits take turns.
  fs::path lock_path() const { return root / ".residence" / "lock"; }
  std::string display_of(const std::string& relative) const;
};

// Whether a path read from the manifest stays inside the workspace: relative,
// never climbing above the root with "..".
bool stays_inside(const std::string& relative);

// Walks up from `start` to the first folder holding residence.toml. Throws
// Error (invalid_input) when there is none.
fs::path find_workspace_root(const fs::path& start);

// Finds and loads the workspace around `start`, validating the manifest and
// reporting every problem in it at once.
Workspace open_workspace(const fs::path& start);

// Reads a manifest already parsed, collecting problems into `problems`.
Manifest read_manifest(const TomlDocument& doc, std::vector<Diagnostic>& problems);

} // namespace residence
