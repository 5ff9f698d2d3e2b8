#include "diagnostics/diagnostic.h"

#include <utility>

namespace residence {

const char* severity_name(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "note";
  }
  return "error";
}

Diagnostic make_error(std::string code, std::string message, std::string hint)
{
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

std::vector<Diagnostic> errors_of(const std::vector<Diagnostic>& problems)
{
  std::vector<Diagnostic> errors;
  for (const auto& d : problems) {
    if (d.severity == Severity::error) {
      errors.push_back(d);
    }
  }
  return errors;
}

bool at_least(Severity severity, Severity threshold)
{
  return static_cast<int>(severity) <= static_cast<int>(threshold);
}

int count_of(const std::vector<Diagnostic>& diagnostics, Severity severity)
{
  int n = 0;
  for (const auto& d : diagnostics) {
    n += d.severity == severity ? 1 : 0;
  }
  return n;
}

Error::Error(ExitCode exit_code, Diagnostic diagnostic)
  : m_exit_code(exit_code), m_diagnostics{std::move(diagnostic)}
{
}

Error::Error(ExitCode exit_code, std::vector<Diagnostic> diagnostics)
  : m_exit_code(exit_code), m_diagnostics(std::move(diagnostics))
{
}

const char* Error::what() const noexcept
{
  return m_diagnostics.empty() ? "error" : m_diagnostics.front().message.c_str();
}

} // namespace residence
