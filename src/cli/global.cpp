#include "cli/global.h"

#include <fmt/format.h>

namespace residence {

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
