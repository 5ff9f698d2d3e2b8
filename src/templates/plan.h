#pragma once

// Turning a template and its answers into the list of files to write, in
// memory, with every problem found before anything touches the disk.

#include <optional>
#include <string>
#include <vector>

#include "templates/answers.h"
#include "templates/render.h"
#include "templates/template_source.h"

namespace residence {

struct PlannedFile {
  std::string path;          // relative to the workspace, '/'-separated, checked to stay inside
  std::string content;
  unsigned mode = 0644;
  std::optional<std::string> link_target;
  std::string template_path; // where it came from, for messages
};

// Renders names and `.tmpl` contents; copies everything else byte for byte.
// A path part that renders empty skips the file; a path that would leave the
// workspace is refused naming the answer. Throws Error listing every problem.
std::vector<PlannedFile> plan_files(const TemplateSource& source, const Answers& answers, const ContextInfo& info);

struct Plan {
  std::vector<PlannedFile> files; // those that could be planned
  std::vector<Diagnostic> problems;
};

// The same without throwing, for a check that reports everything it finds.
Plan plan_files_collecting(const TemplateSource& source, const Answers& answers, const ContextInfo& info);

} // namespace residence
