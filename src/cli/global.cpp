#include "cli/global.h"

#include <fmt/format.h>

#include "diagnostics/render_text.h"

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

void report_warnings(const GlobalOptions& global, const std::vector<Diagnostic>& warnings)
{
  if (global.quiet || warnings.empty()) {
    return;
  }
  const std::string text = render_text(warnings, use_color(global.color, stderr));
  std::fwrite(text.data(), 1, text.size(), stderr);
}

} // namespace residence
