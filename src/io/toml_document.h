#pragma once

// A TOML file kept together with its text, so that errors can quote the line
// and edits can splice new values into the original bytes.

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "diagnostics/diagnostic.h"
#include "io/files.h"

namespace residence {

struct TomlDocument {
  fs::path path;
  std::string display; // the path as shown in messages
  std::string text;
  toml::table root;
  // Byte offset where each line starts, so that quoting the line of each of
  // thousands of diagnostics does not rescan the text from the top.
  std::vector<std::size_t> line_starts;

  // Line `line` (1-based) of the text, without its line ending.
  std::string line(int line) const;
  // Byte offset of a 1-based line and code-point column (toml++ positions).
  std::size_t offset(int line, int column) const;
};

// Reads and parses a file. Throws Error (invalid_input) with the position of a
// syntax error, an impossible date, or an unresolved merge conflict.
TomlDocument load_toml(const fs::path& path, const std::string& display);

// Parses text already in memory (for example from a git object).
TomlDocument parse_toml(std::string text, const fs::path& path, const std::string& display);

// Throws when the text holds git conflict markers, naming the first line.
void reject_conflict_markers(std::string_view text, const std::string& display);

// A diagnostic located at a node of the document, quoting its line.
Diagnostic diagnostic_at(const TomlDocument& doc, const toml::source_region& where,
                         Severity severity, std::string code, std::string message,
                         std::string hint = {});

// The exact source text of a value (a float as written, for exact money).
std::string source_text(const TomlDocument& doc, const toml::source_region& where);

} // namespace residence
