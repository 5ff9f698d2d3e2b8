#pragma once

// Options every command understands, and what commands share to report.

#include <cstdio>
#include <string>

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

// The date of `--as-of`, or today when it was not given. Throws Error (usage)
// for anything but a calendar date YYYY-MM-DD.
Date parse_as_of(const std::string& text);

// Writes data to stdout.
void print_data(const std::string& text);

// A line on stderr when --verbose is on: what was read and decided.
void verbose_line(const GlobalOptions& global, const std::string& text);

} // namespace residence
