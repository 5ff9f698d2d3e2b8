#pragma once

// Filling an empty folder as one step. The tree is built in a hidden staging
// folder inside the target, then its entries are renamed into place; until
// then, a failure removes everything, including folders created on the way.
// Interrupt signals are held while the tree is written and moved.

#include <csignal>
#include <vector>

#include "io/files.h"

namespace residence {

class StagedFolder {
public:
  // Creates `target` (and missing parents) when it does not exist.
  explicit StagedFolder(const fs::path& target);
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  // Where to build the tree.
  const fs::path& path() const { return m_staging; }

  // Moves every entry into the target, never over an existing one.
  void commit();

private:
  void roll_back() noexcept;

  fs::path m_target;
  fs::path m_staging;
  std::vector<fs::path> m_created;  // folders this object created, outermost first
  std::vector<fs::path> m_moved;    // entries already moved into the target
  bool m_committed = false;
  sigset_t m_previous_mask{};
};

// Whether a folder is empty once the staging folders of interrupted runs
// (whose process is gone) are removed.
bool is_empty_after_cleanup(const fs::path& dir);

} // namespace residence
