#pragma once

// The milestones of a workspace, read from the one or more files that the
// manifest lists. Ids are unique across all of them.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/toml_document.h"
#include "milestones/milestone.h"

namespace residence {

struct Workspace;

struct MilestoneSet {
  std::vector<TomlDocument> documents;
  std::vector<Phase> phases;
  std::vector<Milestone> milestones;

  // Appends a milestone and indexes its id, so that lookups stay fast on
  // thousands of milestones. Ids are expected unique (the reader checks).
  void add(Milestone milestone);
  const Milestone* find(std::string_view id) const;
  // The position of a milestone in `milestones`.
  std::optional<std::size_t> index_of(std::string_view id) const;
  const Phase* find_phase(std::string_view id) const;
  // "FILE:LINE" of an entry, as shown to the user.
  std::string where(const SourceRef& source) const;

private:
  std::unordered_map<std::string, std::size_t> m_index;
};

// Reads parsed documents into milestones, collecting every schema problem
// (errors and warnings) into `problems`. Pure: touches no file. A reference
// to an id of `unjudged` (defined, perhaps, in a file that could not be read)
// is not reported as unknown.
MilestoneSet read_milestones(std::vector<TomlDocument> documents, std::vector<Diagnostic>& problems,
                             const std::set<std::string>& unjudged = {});

// Loads the milestone files named by the manifest. Throws Error when a file
// is missing or does not parse; schema problems go to `problems`.
MilestoneSet load_milestones(const Workspace& workspace, std::vector<Diagnostic>& problems);

// The same, for commands that cannot go on with errors: throws Error
// (invalid_input) listing every error. Warnings go to `warnings`.
MilestoneSet load_valid_milestones(const Workspace& workspace, std::vector<Diagnostic>& warnings);

} // namespace residence
