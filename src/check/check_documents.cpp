// Fields left to complete and template tags left unrendered, in every file
// read: Markdown documents first of all, but a TOML comment or string can
// hold a marker too.

#include <fmt/format.h>

#include "check/context.h"
#include "check/documents.h"

namespace residence {

namespace {

Diagnostic at_match(const LoadedFile& file, const TextMatch& match, Severity severity,
                    std::string code, std::string message, std::string hint)
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.severity = severity;
  d.file = file.display;
  d.line = match.line;
  d.column = match.column;
  d.source_line = match.source_line;
  return d;
}

} // namespace

void check_documents(const CheckContext& context, std::vector<Diagnostic>& out)
{
  const Severity severity = context.options.strict ? Severity::error : Severity::warning;
  for (const auto& file : context.files) {
    const MarkerSyntax syntax = file.markdown ? MarkerSyntax::markdown : MarkerSyntax::data;
    for (const auto& match : find_open_fields(file.text, syntax)) {
      out.push_back(
          at_match(file, match, severity, "open-field",
                   fmt::format("field left to complete: {}", match.text),
                   "replace the marker, brackets included, with the information it asks for"));
    }
    for (const auto& match : find_template_tags(file.text, syntax)) {
      out.push_back(at_match(file, match, severity, "unrendered-tag",
                             fmt::format("template tag {} was left unrendered", match.text),
                             "write the value it stands for: only `residence init` renders tags"));
    }
  }
}

} // namespace residence
