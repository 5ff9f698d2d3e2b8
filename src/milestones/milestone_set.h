#pragma once

// The milestones of a workspace, read from the one or more files that the
// manifest lists. Ids are unique across all of them.

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

  // A linear search: for one lookup. Loops over many ids use an index.
  const Milestone* find(std::string_view id) const;
  const Phase* find_phase(std::string_view id) const;
  // "FILE:LINE" of an entry, as shown to the user.
  std::string where(const SourceRef& source) const;
};

using MilestoneIndex = std::unordered_map<std::string_view, const Milestone*>;

// Milestones by id; valid while the set's milestones are not changed.
MilestoneIndex index_by_id(const MilestoneSet& set);

// Reads parsed documents into milestones, collecting every schema problem
// (errors and warnings) into `problems`. Pure: touches no file.
MilestoneSet read_milestones(std::vector<TomlDocument> documents, std::vector<Diagnostic>& problems);

// Loads the milestone files named by the manifest. Throws Error when a file
// is missing or does not parse; schema problems go to `problems`.
MilestoneSet load_milestones(const Workspace& workspace, std::vector<Diagnostic>& problems);

// The same, for commands that cannot go on with errors: throws Error
// (invalid_input) listing every error. Warnings go to `warnings`.
MilestoneSet load_valid_milestones(const Workspace& workspace, std::vector<Diagnostic>& warnings);

} // namespace residence
