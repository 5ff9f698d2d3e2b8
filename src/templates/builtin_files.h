#pragma once

// The files under templates/ in the source tree, compiled into the binary by
// tools/embed_files.cpp.

#include <string_view>
#include <vector>

namespace residence {

struct EmbeddedFile {
  std::string_view path; // e.g. "fr/template.toml"
  std::string_view content;
  bool executable;
};

const std::vector<EmbeddedFile>& embedded_files();

} // namespace residence
