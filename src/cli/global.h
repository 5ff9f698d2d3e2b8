#pragma once

// Options every command understands, and what commands share to report.

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.h"

#include "calendar/date.h"
#include "io/files.h"
#include "io/terminal.h"

namespace residence {

struct GlobalOptions {
  fs::path dir = ".";      // -C DIR
  ColorMode color = ColorMode::automatic;
  bool quiet = false;
  bool verbose = false;
};

// The date an option gives (YYYY-MM-DD); throws Error (usage) naming the
// option otherwise.
Date parse_date_option(const std::string& option, const std::string& text);

// --as-of: the date given, or today when the option is absent.
Date as_of_or_today(const std::optional<std::string>& text);

// --set key=value entries, in order; throws Error (usage) for one without '='.
std::vector<std::pair<std::string, std::string>> parse_set_options(const std::vector<std::string>& entries);

// Warns that a shallow git history starts at `from`, and what that hides.
void warn_shallow_history(const GlobalOptions& global, const std::vector<std::string>& from,
                          const std::string& consequence);

// Writes data to stdout.
void print_data(const std::string& text);

// A line on stderr when --verbose is on: what was read and decided.
void verbose_line(const GlobalOptions& global, const std::string& text);

// Warnings and notes on stderr, unless --quiet.
void report_warnings(const GlobalOptions& global, const std::vector<Diagnostic>& warnings);

} // namespace residence
