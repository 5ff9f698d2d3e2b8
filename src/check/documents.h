#pragma once

// What a person must still write into the documents: the marker of a field
// left to complete (`[À COMPLÉTER : …]`, `[TO COMPLETE: …]`) and any Mustache
// tag a template left unrendered (`{{territory}}`).

#include <string>
#include <string_view>
#include <vector>

#include "io/conflict_markers.h"

namespace residence {

struct TextMatch {
  int line = 0;
  int column = 0;          // in code points
  std::string text;        // the marker or tag, as written
  std::string source_line; // its line
};

// In Markdown, code (inline `…` spans and fenced blocks) quotes markers and
// tags instead of leaving them to complete, so it is skipped.
std::vector<TextMatch> find_open_fields(std::string_view text, MarkerSyntax syntax);

// `${{ … }}` (a GitHub Actions expression) is not a Mustache tag.
std::vector<TextMatch> find_template_tags(std::string_view text, MarkerSyntax syntax);

} // namespace residence
