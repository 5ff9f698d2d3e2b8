#include <doctest/doctest.h>

#include "io/conflict_markers.h"

using namespace residence;

namespace {

std::vector<int> lines_of(const std::vector<Diagnostic>& found)
{
  std::vector<int> lines;
  for (const auto& d : found) {
    lines.push_back(d.line);
  }
  return lines;
}

const char* const k_two_conflicts = "a = 1\n"
                                    "<<<<<<< HEAD\n"
                                    "b = 2\n"
                                    "=======\n"
                                    "b = 3\n"
                                    ">>>>>>> autre\n"
                                    "c = 4\r\n"
                                    "<<<<<<< HEAD\r\n"
                                    "d = 5\r\n"
                                    "||||||| base\r\n"
                                    "d = 4\r\n"
                                    "=======\r\n"
                                    "d = 6\r\n"
                                    ">>>>>>> autre\r\n";

} // namespace

TEST_CASE("each conflict block is reported once, at its <<<<<<< line, with its extent")
{
  const auto found = find_conflict_markers(k_two_conflicts, "jalons.toml", MarkerSyntax::data);
  CHECK(lines_of(found) == std::vector<int> {2, 8});
  REQUIRE(found.size() == 2);
  CHECK(found[0].code == "merge-conflict");
  CHECK(found[0].message == "unresolved merge conflict in jalons.toml at line 2");
  CHECK(found[0].hint.find("(lines 2 to 6)") != std::string::npos);
  CHECK(found[1].source_line == "<<<<<<< HEAD");
}

TEST_CASE("in a data file a stray marker line is a conflict too")
{
  CHECK(lines_of(find_conflict_markers("a = 1\n=======\nb = 2\n", "x.toml", MarkerSyntax::data)) ==
        std::vector<int> {2});
  CHECK(lines_of(find_conflict_markers("a = 1\n<<<<<<< HEAD\nb = 2\n", "x.toml",
                                       MarkerSyntax::data)) == std::vector<int> {2});
}

TEST_CASE("in Markdown a setext underline or a deep quote is not a conflict")
{
  const std::string text = "Titre\n=======\n\n>>>>>>> citation très imbriquée\n";
  CHECK(find_conflict_markers(text, "charte.md", MarkerSyntax::markdown).empty());
  CHECK(lines_of(find_conflict_markers(text, "x.toml", MarkerSyntax::data)) ==
        std::vector<int> {2, 4});
}

TEST_CASE("in Markdown a whole conflict block is reported, even around a setext heading")
{
  const std::string text =
      "# Charte\n\n<<<<<<< HEAD\nTitre\n=======\n=======\nAutre titre\n>>>>>>> b\nfin\n";
  const auto found = find_conflict_markers(text, "charte.md", MarkerSyntax::markdown);
  CHECK(lines_of(found) == std::vector<int> {3});
}

TEST_CASE("a file without markers has no conflict")
{
  CHECK(find_conflict_markers("", "x.toml", MarkerSyntax::data).empty());
  CHECK(find_conflict_markers("a = '<<<<<<<'\n", "x.toml", MarkerSyntax::data).empty());
}
