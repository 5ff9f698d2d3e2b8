#include "cli/global.h"

#include <fmt/format.h>

#include "diagnostics/diagnostic.h"

namespace residence {

Date parse_as_of(const std::string& text)
{
  if (text.empty()) {
    return Date::today();
  }
  auto date = Date::parse(text);
  if (!date) {
    throw Error(ExitCode::usage,
                make_error("usage", fmt::format("--as-of takes a calendar date YYYY-MM-DD, not '{}'", text)));
  }
  return *date;
}

void print_data(const std::string& text)
{
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void verbose_line(const GlobalOptions& global, const std::string& text)
{
  if (global.verbose) {
    fmt::print(stderr, "residence: {}\n", text);
  }
}

} // namespace residence
