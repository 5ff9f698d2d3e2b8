#pragma once

// A workspace held in memory, for the checks that never need the disk.

#include <map>
#include <string>

#include "check/file_source.h"

namespace residence::testing {

class MemoryFiles : public FileSource {
public:
  std::map<std::string, std::string> files; // by path relative to the root

  FileText read(const std::string& path) const override
  {
    if (auto found = files.find(path); found != files.end()) {
      return {FileText::State::read, found->second};
    }
    for (const auto& [name, text] : files) {
      if (name.rfind(path + "/", 0) == 0) {
        return {FileText::State::folder, {}};
      }
    }
    return {FileText::State::missing, {}};
  }

  std::vector<std::string> markdown_files() const override
  {
    std::vector<std::string> found;
    for (const auto& [name, text] : files) {
      const bool hidden = name.front() == '.' || name.find("/.") != std::string::npos;
      if (!hidden && name.size() > 3 && name.substr(name.size() - 3) == ".md") {
        found.push_back(name);
      }
    }
    return found;
  }

  std::string display(const std::string& path) const override { return "ws/" + path; }
};

} // namespace residence::testing
