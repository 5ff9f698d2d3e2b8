#include "diagnostics/render_junit.h"

#include <algorithm>

#include <fmt/format.h>

#include "diagnostics/render_text.h"
#include "diagnostics/utf8.h"

namespace residence {

namespace {

constexpr const char* k_suite = "residence check";
constexpr const char* k_no_file = "workspace";

enum class XmlPlace { text, attribute };

// XML 1.0 allows no control character but tab and line feed (carriage
// return would be folded by the reader anyway). Double quotes matter only in
// attributes, which are written between double quotes.
std::string escape_xml(std::string_view text, XmlPlace place = XmlPlace::attribute)
{
  std::string out;
  for (char c : valid_utf8(text)) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += place == XmlPlace::attribute ? "&quot;" : "\"";
      break;
    default:
      if (byte < 0x20 && c != '\t' && c != '\n') {
        out += "\xEF\xBF\xBD";
      } else {
        out += c;
      }
    }
  }
  return out;
}

struct Case {
  std::string name;
  std::vector<Diagnostic> failing;
  std::vector<Diagnostic> other;
};

std::vector<Case> cases_of(const std::vector<Diagnostic>& diagnostics,
                           const std::vector<std::string>& files, Severity fail_at)
{
  std::vector<Case> cases;
  const auto case_for = [&](const std::string& name) -> Case& {
    auto found =
        std::find_if(cases.begin(), cases.end(), [&](const Case& c) { return c.name == name; });
    return found != cases.end() ? *found : cases.emplace_back(Case {name, {}, {}});
  };
  for (const auto& d : diagnostics) {
    if (d.file.empty()) {
      case_for(k_no_file);
    }
  }
  for (const auto& file : files) {
    case_for(file);
  }
  for (const auto& d : diagnostics) {
    Case& c = case_for(d.file.empty() ? k_no_file : d.file);
    (at_least(d.severity, fail_at) ? c.failing : c.other).push_back(d);
  }
  return cases;
}

std::string failure_message(const std::vector<Diagnostic>& failing)
{
  const Diagnostic& first = failing.front();
  std::string message =
      first.line > 0 ? fmt::format("line {}: {}", first.line, first.message) : first.message;
  if (failing.size() > 1) {
    message += fmt::format(" (and {} more)", failing.size() - 1);
  }
  return message;
}

std::string testcase_xml(const Case& c)
{
  std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", k_suite,
                                escape_xml(c.name));
  if (c.failing.empty() && c.other.empty()) {
    return out + "/>\n";
  }
  out += ">\n";
  if (!c.failing.empty()) {
    out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                       escape_xml(failure_message(c.failing)), escape_xml(c.failing.front().code),
                       escape_xml(render_text(c.failing, false), XmlPlace::text));
  }
  if (!c.other.empty()) {
    out += fmt::format("      <system-out>{}</system-out>\n",
                       escape_xml(render_text(c.other, false), XmlPlace::text));
  }
  return out + "    </testcase>\n";
}

} // namespace

std::string render_junit(const std::vector<Diagnostic>& diagnostics,
                         const std::vector<std::string>& files, Severity fail_at)
{
  const std::vector<Case> cases = cases_of(diagnostics, files, fail_at);
  const auto failures =
      std::count_if(cases.begin(), cases.end(), [](const Case& c) { return !c.failing.empty(); });

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n",
                  k_suite, cases.size(), failures);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                     "skipped=\"0\" time=\"0\">\n",
                     k_suite, cases.size(), failures);
  for (const auto& c : cases) {
    out += testcase_xml(c);
  }
  return out + "  </testsuite>\n</testsuites>\n";
}

} // namespace residence
