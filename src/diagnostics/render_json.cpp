#include "diagnostics/render_json.h"

#include <sstream>

#include <toml++/toml.h>

#include "diagnostics/utf8.h"

namespace residence {

namespace {

toml::table diagnostic_json(const Diagnostic& d)
{
  return toml::table {
      {"severity", severity_name(d.severity)},
      {"file", valid_utf8(d.file)},
      {"line", d.line},
      {"column", d.column},
      {"code", d.code},
      {"message", valid_utf8(d.message)},
      {"hint", valid_utf8(d.hint)},
  };
}

} // namespace

std::string render_json(const std::vector<Diagnostic>& diagnostics)
{
  toml::array list;
  for (const auto& d : diagnostics) {
    list.push_back(diagnostic_json(d));
  }
  const toml::table root {
      {"errors", count_of(diagnostics, Severity::error)},
      {"warnings", count_of(diagnostics, Severity::warning)},
      {"notes", count_of(diagnostics, Severity::note)},
      {"diagnostics", std::move(list)},
  };
  std::ostringstream out;
  out << toml::json_formatter {root} << "\n";
  return out.str();
}

} // namespace residence
