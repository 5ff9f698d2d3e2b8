#pragma once

// The one diagnostic type. Every problem the tool reports, from a TOML syntax
// error to an overdue milestone found by `check`, is a Diagnostic, so every
// output format (text, JSON, GitHub annotations, JUnit) renders the same facts.

#include <exception>
#include <string>
#include <vector>

#include "diagnostics/exit_code.h"

namespace residence {

// Graver first: `at_least` relies on this order.
enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;        // as shown to the user; empty when no file applies
  int line = 0;            // 1-based; 0 when unknown
  int column = 0;          // 1-based, in code points; 0 when unknown
  std::string code;        // stable identifier, e.g. "toml-syntax"
  std::string message;
  std::string hint;        // optional advice
  std::string source_line; // the offending line, shown with a caret
};

const char* severity_name(Severity severity);

Diagnostic make_error(std::string code, std::string message, std::string hint = {});

// Keeps only the errors of `problems`.
std::vector<Diagnostic> errors_of(const std::vector<Diagnostic>& problems);

// True when `severity` is as grave as `threshold` or graver (an error is at
// least a warning).
bool at_least(Severity severity, Severity threshold);

// How many of `diagnostics` have this severity.
int count_of(const std::vector<Diagnostic>& diagnostics, Severity severity);

// The one exception type. Thrown high in the core when a command cannot go
// on; caught once in main, which prints the diagnostics and exits.
class Error : public std::exception {
public:
  Error(ExitCode exit_code, Diagnostic diagnostic);
  Error(ExitCode exit_code, std::vector<Diagnostic> diagnostics);

  ExitCode exit_code() const { return m_exit_code; }
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
  const char* what() const noexcept override;

private:
  ExitCode m_exit_code;
  std::vector<Diagnostic> m_diagnostics;
};

} // namespace residence
