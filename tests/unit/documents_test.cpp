#include <doctest/doctest.h>

#include "check/documents.h"

using namespace residence;

namespace {

std::vector<std::string> texts(const std::vector<TextMatch>& found)
{
  std::vector<std::string> out;
  for (const auto& m : found) {
    out.push_back(std::to_string(m.line) + ":" + std::to_string(m.column) + " " + m.text);
  }
  return out;
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("every marker of a line is found, in French and English, with its column in code points")
{
  const std::string text =
      "SIRET [À COMPLÉTER : numéro], siège [À COMPLÉTER : adresse]\r\n"
      "Date: [TO COMPLETE: date]; nbsp [À COMPLÉTER\xC2\xA0: x] and [A COMPLETER : y]\n"
      "[À COMPLÉTER] with nothing to say, [TO COMPLETED work] is not one\n";
  CHECK(texts(find_open_fields(text, MarkerSyntax::markdown)) ==
        Strings {"1:7 [À COMPLÉTER : numéro]", "1:37 [À COMPLÉTER : adresse]",
                 "2:7 [TO COMPLETE: date]", "2:33 [À COMPLÉTER\xC2\xA0: x]",
                 "2:55 [A COMPLETER : y]", "3:1 [À COMPLÉTER]"});
}

TEST_CASE("a marker in inline code or a fenced block is quoted, not left to complete")
{
  const std::string text =
      "Les mentions `[À COMPLÉTER : …]` et ``[TO COMPLETE: `x`]`` sont des exemples.\n"
      "~~~~\n[TO COMPLETE: in a tilde fence]\n```\nstill fenced: [TO COMPLETE: a]\n~~~~\n"
      "A lone ` backtick does not hide [TO COMPLETE: b]\n";
  CHECK(texts(find_open_fields(text, MarkerSyntax::markdown)) == Strings {"7:33 [TO COMPLETE: b]"});
  // In a data file the backticks mean nothing.
  CHECK(find_open_fields("# `[TO COMPLETE: c]`\n", MarkerSyntax::data).size() == 1);
}

TEST_CASE("leftover Mustache tags are found, GitHub expressions and code are not tags")
{
  const std::string text =
      "À {{territory}}, le {{#long_date}}{{start_date}}{{/long_date}} et {{{raw}}}.\n"
      "Pas une balise : ${{ secrets.TOKEN }}, `{{code}}`, {{}} ou {{ ouverte\n";
  CHECK(texts(find_template_tags(text, MarkerSyntax::markdown)) ==
        Strings {"1:3 {{territory}}", "1:21 {{#long_date}}", "1:35 {{start_date}}",
                 "1:49 {{/long_date}}", "1:67 {{{raw}}}"});
}
