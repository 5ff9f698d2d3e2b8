#pragma once

// Where `check` reads a workspace from. The checks themselves never touch
// the disk: they ask a FileSource, which tests fill from memory.

#include <optional>
#include <string>
#include <vector>

#include "io/files.h"

namespace residence {

struct FileText {
  enum class State { read, missing, folder, unreadable, outside };
  State state = State::missing;
  std::string text;
};

class FileSource {
public:
  virtual ~FileSource() = default;

  // A file by its path relative to the workspace root, '/'-separated.
  virtual FileText read(const std::string& path) const = 0;
  // Every Markdown file of the workspace outside hidden folders (.git,
  // .github...), relative to the root, sorted.
  virtual std::vector<std::string> markdown_files() const = 0;
  // The path as the user should read it in messages.
  virtual std::string display(const std::string& path) const = 0;
};

// The workspace on disk, below `root`.
class DiskFiles : public FileSource {
public:
  explicit DiskFiles(fs::path root) : m_root(std::move(root)) {}

  FileText read(const std::string& path) const override;
  std::vector<std::string> markdown_files() const override;
  std::string display(const std::string& path) const override;

private:
  fs::path m_root;
};

} // namespace residence
