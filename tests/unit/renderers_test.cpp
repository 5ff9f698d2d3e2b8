#include <doctest/doctest.h>

#include "support/text.h"

#include "diagnostics/render_github.h"
#include "diagnostics/render_json.h"
#include "diagnostics/render_junit.h"
#include "diagnostics/render_text.h"
#include "diagnostics/utf8.h"

using namespace residence;
using residence::testing::contains;

namespace {

Diagnostic located(Severity severity, std::string file, int line, int column, std::string code,
                   std::string message, std::string hint = {})
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.severity = severity;
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  return d;
}

const std::vector<Diagnostic> k_sample {
    located(Severity::error, "cal/jalons.toml", 12, 7, "date-invalid",
            "impossible date '2025-02-29': 50% sûr", "dates are written YYYY-MM-DD"),
    located(Severity::warning, "docs/a, b.md", 3, 0, "open-field",
            "field left to complete: [TO COMPLETE: x]"),
    located(Severity::note, "", 0, 0, "references-unchecked", "line one\nline two"),
};

} // namespace

TEST_CASE("json carries the counts and every field of every diagnostic")
{
  const std::string json = render_json(k_sample);
  CHECK(contains(json, R"("errors" : 1)"));
  CHECK(contains(json, R"("warnings" : 1)"));
  CHECK(contains(json, R"("notes" : 1)"));
  CHECK(contains(json, R"("message" : "impossible date '2025-02-29': 50% sûr")"));
  CHECK(contains(json, R"("hint" : "dates are written YYYY-MM-DD")"));
  CHECK(contains(json, R"("line" : 12)"));
  CHECK(contains(json, R"("column" : 7)"));
  CHECK(contains(json, R"("severity" : "note")"));
  CHECK(contains(json, R"("message" : "line one\nline two")"));
}

TEST_CASE("json and xml never carry invalid UTF-8")
{
  CHECK(valid_utf8("caf\xE9 ok") == "caf\xEF\xBF\xBD ok");
  CHECK(valid_utf8("zoé 🎉") == "zoé 🎉");
  CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // a surrogate
  const std::string json = render_json({located(Severity::error, "x.md", 1, 1, "c", "caf\xE9")});
  CHECK(contains(json, "caf\xEF\xBF\xBD"));
}

TEST_CASE("github annotations escape what the runner would split on")
{
  const std::string out = render_github(k_sample);
  CHECK(out == "::error file=cal/jalons.toml,line=12,col=7,title=date-invalid::impossible date "
               "'2025-02-29': 50%25 "
               "sûr%0Ahint: dates are written YYYY-MM-DD\n"
               "::warning file=docs/a%2C b.md,line=3,title=open-field::field left to complete: [TO "
               "COMPLETE: x]\n"
               "::notice title=references-unchecked::line one%0Aline two\n");
}

TEST_CASE("junit has one test case per file, failing on what reaches the threshold")
{
  const std::vector<std::string> files {"residence.toml", "cal/jalons.toml", "docs/a, b.md"};
  const std::string xml = render_junit(k_sample, files, Severity::error);
  CHECK(contains(
      xml, R"(<testsuites name="residence check" tests="4" failures="1" errors="0" time="0">)"));
  CHECK(contains(xml, R"(<testcase classname="residence check" name="residence.toml" time="0"/>)"));
  CHECK(contains(xml, R"(<testcase classname="residence check" name="workspace" time="0">)"));
  CHECK(contains(xml,
                 "<failure message=\"line 12: impossible date '2025-02-29': 50% sûr\" "
                 "type=\"date-invalid\">residence: error: cal/jalons.toml:12:7: impossible date "
                 "'2025-02-29'"));
  CHECK(contains(xml, "<system-out>residence: warning: docs/a, b.md:3: field left to complete"));

  const std::string strict = render_junit(k_sample, files, Severity::warning);
  CHECK(contains(strict, R"(failures="2")"));
  CHECK(contains(strict, "<failure message=\"line 3: field left to complete: [TO COMPLETE: x]\" "
                         "type=\"open-field\">"));
}

TEST_CASE("junit escapes markup and drops control characters")
{
  const std::string xml =
      render_junit({located(Severity::error, "a&b.md", 1, 1, "c", "<tag> & \"q\" \x01")},
                   {"a&b.md"}, Severity::error);
  CHECK(contains(xml, R"(name="a&amp;b.md")"));
  CHECK(contains(xml, "message=\"line 1: &lt;tag&gt; &amp; &quot;q&quot; \xEF\xBF\xBD\""));
  CHECK_FALSE(contains(xml, "\x01"));
}

TEST_CASE("text shows a long line around the column, with the caret under it")
{
  Diagnostic d =
      located(Severity::warning, "fiche.md", 4, 151, "open-field", "field left to complete");
  d.source_line = std::string(150, 'e') + "[X]" + std::string(150, 'f');
  const std::string text = render_text(d, false);
  CHECK(contains(text, "    4 | …" + std::string(33, 'e') + "[X]" + std::string(64, 'f') + "…\n"));
  CHECK(contains(text, "      | " + std::string(34, ' ') + "^\n"));
}
