#include "cli/global.h"

#include <fmt/format.h>

#include "diagnostics/render_text.h"
#include "diagnostics/diagnostic.h"

namespace residence {

Date parse_date_option(const std::string& option, const std::string& text)
{
  if (auto date = Date::parse(text)) {
    return *date;
  }
  throw Error(ExitCode::usage,
              make_error("usage", fmt::format("{} takes a calendar date YYYY-MM-DD, not '{}'",
                                              option, text)));
}

Date as_of_or_today(const std::optional<std::string>& text)
{
  return text ? parse_date_option("--as-of", *text) : Date::today();
}

std::vector<std::pair<std::string, std::string>> parse_set_options(const std::vector<std::string>& entries)
{
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& entry : entries) {
    const auto eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ExitCode::usage, make_error("usage", fmt::format("--set takes key=value, not '{}'", entry),
                                              "for example --set territory=Villeurbanne"));
    }
    pairs.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return pairs;
}

void warn_shallow_history(const GlobalOptions& global, const std::vector<std::string>& from,
                          const std::string& consequence)
{
  Diagnostic d;
  d.severity = Severity::warning;
  d.code = "shallow-history";
  d.message = fmt::format("the git history is shallow: it starts at {}; {}", fmt::join(from, ", "), consequence);
  d.hint = "`git fetch --unshallow` fetches the whole history";
  report_warnings(global, {d});
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

void report_warnings(const GlobalOptions& global, const std::vector<Diagnostic>& warnings)
{
  if (global.quiet || warnings.empty()) {
    return;
  }
  const std::string text = render_text(warnings, use_color(global.color, stderr));
  std::fwrite(text.data(), 1, text.size(), stderr);
}

} // namespace residence
