#include <doctest/doctest.h>

#include "support/text.h"

#include "milestones/edit.h"

using namespace residence;
using residence::testing::crlf;

namespace {

TomlDocument doc_of(const std::string& text)
{
  return parse_toml(text, "jalons.toml", "jalons.toml");
}

Date day(const char* iso)
{
  return *Date::parse(iso);
}

} // namespace

TEST_CASE("a replaced value keeps its line, its trailing comment and the comment's column")
{
  const std::string text =
      "[[milestone]]\nid     = \"a\"\nstatus = \"planned\"   # to check\ndue    = 2025-01-01\n";
  const std::string out = set_key(doc_of(text), "a", string_value("status", "done"));
  CHECK(out ==
        "[[milestone]]\nid     = \"a\"\nstatus = \"done\"      # to check\ndue    = 2025-01-01\n");
}

TEST_CASE("a longer value pushes the comment by one space at least")
{
  const std::string text = "[[milestone]]\nid = \"a\"\nstatus = \"done\" # x\n";
  CHECK(set_key(doc_of(text), "a", string_value("status", "cancelled")) ==
        "[[milestone]]\nid = \"a\"\nstatus = \"cancelled\" # x\n");
}

TEST_CASE(
    "a new key goes after the last key line, aligned like its neighbours, with the file's CRLF")
{
  const std::string text =
      crlf("[[milestone]]\nid         = \"a\"\ndepends_on = [\"b\", \"c\"]\n"
           "status     = \"active\"\n# status = \"done\"\n\n[[milestone]]\nid = \"b\"\n");
  const std::string out = set_key(doc_of(text), "a", date_value("done", day("2025-05-02")));
  CHECK(out == crlf("[[milestone]]\nid         = \"a\"\ndepends_on = [\"b\", \"c\"]\n"
                    "status     = \"active\"\ndone       = 2025-05-02\n# status = "
                    "\"done\"\n\n[[milestone]]\nid = \"b\"\n"));
}

TEST_CASE("a new key in an unaligned table is written key = value")
{
  const std::string text = "[[milestone]]\nid = \"a\"\ntitle = \"A\"\n";
  CHECK(set_key(doc_of(text), "a", date_value("done", day("2025-05-02"))) ==
        "[[milestone]]\nid = \"a\"\ntitle = \"A\"\ndone = 2025-05-02\n");
}

TEST_CASE("a new key lands before a sub-table of the milestone, and the sub-table survives")
{
  const std::string text =
      "[[milestone]]\nid = \"a\"\nbudget_line = \"L3\"\n\n[milestone.extra]\nroom = \"B\"\n";
  const std::string out = set_key(doc_of(text), "a", string_value("status", "done"));
  CHECK(out == "[[milestone]]\nid = \"a\"\nbudget_line = \"L3\"\nstatus = "
               "\"done\"\n\n[milestone.extra]\nroom = \"B\"\n");
  const TomlDocument parsed = doc_of(out);
  CHECK(parsed.root["milestone"][0]["status"].value<std::string>() == "done");
  CHECK(parsed.root["milestone"][0]["extra"]["room"].value<std::string>() == "B");
}

TEST_CASE("keys under a dotted key count as key lines of the milestone")
{
  const std::string text = "[[milestone]]\nid = \"a\"\nmeta.room = \"B\"\n\n# end\n";
  CHECK(set_key(doc_of(text), "a", string_value("status", "done")) ==
        "[[milestone]]\nid = \"a\"\nmeta.room = \"B\"\nstatus = \"done\"\n\n# end\n");
}

TEST_CASE("UTF-8 text before the edited value on the same line does not shift the splice")
{
  const std::string text =
      "milestone = [{ title = \"Réunion d’été\", id = \"a\", status = 'planned' }]\n";
  const std::string out = set_key(doc_of(text), "a", string_value("status", "done"));
  CHECK(out == "milestone = [{ title = \"Réunion d’été\", id = \"a\", status = 'done' }]\n");
  CHECK(set_key(doc_of(out), "a", date_value("done", day("2025-05-02"))) ==
        "milestone = [{ title = \"Réunion d’été\", id = \"a\", status = 'done', done = 2025-05-02 "
        "}]\n");
}

TEST_CASE("a literal string stays literal unless its text needs escapes")
{
  const std::string text = "[[milestone]]\nid = \"a\"\nowner = 'Mairie'\n";
  CHECK(set_key(doc_of(text), "a", string_value("owner", "Coopérative")) ==
        "[[milestone]]\nid = \"a\"\nowner = 'Coopérative'\n");
  CHECK(set_key(doc_of(text), "a", string_value("owner", "L'Atelier \"A\"")) ==
        "[[milestone]]\nid = \"a\"\nowner = \"L'Atelier \\\"A\\\"\"\n");
}

TEST_CASE("a file without a final newline keeps it so")
{
  const std::string text = "[[milestone]]\nid = \"a\"\nstatus = \"planned\"";
  CHECK(set_key(doc_of(text), "a", date_value("done", day("2025-05-02"))) ==
        "[[milestone]]\nid = \"a\"\nstatus = \"planned\"\ndone = 2025-05-02");
}

TEST_CASE("removing a key removes its whole line and nothing else")
{
  const std::string text =
      crlf("[[milestone]]\nid = \"a\"\ndone = 2025-05-02   # fait\nowner = \"X\"\n");
  CHECK(remove_key(doc_of(text), "a", "done") ==
        crlf("[[milestone]]\nid = \"a\"\nowner = \"X\"\n"));
  CHECK(remove_key(doc_of(text), "a", "note") == text);
}

TEST_CASE("a new milestone goes after the last one of its phase, past its sub-tables")
{
  const std::string text =
      "[[milestone]]\nid   = \"a\"\nphase = \"p\"\n\n[milestone.extra]\nx = 1\n\n"
      "# phase q\n[[milestone]]\nid = \"b\"\nphase = \"q\"\n";
  const std::string out =
      append_milestone(doc_of(text), "p", {string_value("id", "c"), string_value("phase", "p")});
  CHECK(out == "[[milestone]]\nid   = \"a\"\nphase = \"p\"\n\n[milestone.extra]\nx = 1\n\n"
               "[[milestone]]\nid = \"c\"\nphase = \"p\"\n\n# phase q\n[[milestone]]\nid = "
               "\"b\"\nphase = \"q\"\n");
  const TomlDocument parsed = doc_of(out);
  CHECK(parsed.root["milestone"][0]["extra"]["x"].value<int>() == 1);
  CHECK(parsed.root["milestone"][1]["id"].value<std::string>() == "c");
}

TEST_CASE("a new milestone of a phase with none goes at the end, after one blank line, aligned "
          "like the last")
{
  const std::string text = crlf("[[milestone]]\nid    = \"a\"\nphase = \"p\"\n");
  const std::string out =
      append_milestone(doc_of(text), "q", {string_value("id", "b"), string_value("phase", "q")});
  CHECK(out == crlf("[[milestone]]\nid    = \"a\"\nphase = \"p\"\n\n[[milestone]]\nid    = "
                    "\"b\"\nphase = \"q\"\n"));
}

TEST_CASE("an edit that would not parse is refused, pointing at no line of the file on disk")
{
  const TomlDocument doc = doc_of("[[milestone]]\nid = \"a\"\n");
  try {
    with_text(doc, "[[milestone]]\nid = \"a\"\nid = \"b\"\n");
    FAIL("expected a refusal");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 2);
    const Diagnostic& cause = e.diagnostics()[1];
    CHECK(cause.file.empty());
    CHECK(cause.line == 0);
    CHECK(cause.source_line.empty());
    CHECK(cause.message.rfind("jalons.toml as edited, line 3: ", 0) == 0);
    CHECK(e.diagnostics()[0].hint.find("bug") == std::string::npos);
  }
}

TEST_CASE("a value on a line laid out with tabs keeps its comment in its tab column")
{
  const std::string text = "[[milestone]]\nid\t\t=\t\"a\"\ndue\t\t=\t2025-05-01\t# c\n"
                           "status\t\t=\t\"planned\"\t# st\n";
  const TomlDocument doc = doc_of(text);
  // Same length: the tab stays as it was.
  CHECK(set_key(doc, "a", date_value("due", day("2025-05-10"))) ==
        "[[milestone]]\nid\t\t=\t\"a\"\ndue\t\t=\t2025-05-10\t# c\n"
        "status\t\t=\t\"planned\"\t# st\n");
  // Shorter: a second tab brings the comment back to column 40.
  CHECK(set_key(doc, "a", string_value("status", "done")) ==
        "[[milestone]]\nid\t\t=\t\"a\"\ndue\t\t=\t2025-05-01\t# c\n"
        "status\t\t=\t\"done\"\t\t# st\n");
  // Past the comment's column: one tab, as the person would type.
  CHECK(set_key(doc, "a", string_value("status", "cancelled, really")) ==
        "[[milestone]]\nid\t\t=\t\"a\"\ndue\t\t=\t2025-05-01\t# c\n"
        "status\t\t=\t\"cancelled, really\"\t# st\n");
}

TEST_CASE("splices apply in one pass, those at one place in the order given")
{
  const std::string text = "abcdef";
  CHECK(apply_splices(text, {{4, 5, "E"}, {1, 1, "x"}, {1, 1, "y"}, {2, 3, ""}}) == "axybdEf");
  CHECK(apply_splices(text, {}) == text);
  CHECK_THROWS_AS(apply_splices(text, {{1, 4, "?"}, {2, 3, "!"}}), Error);
}

TEST_CASE("value text reads strings, dates and arrays as a person would")
{
  const TomlDocument doc =
      doc_of("a = 'x'\nb = 2025-05-02\nc = [\"p\", \"q\"]\nd = []\ne = 1_000\n");
  CHECK(value_text(doc, *doc.root.get("a")) == "x");
  CHECK(value_text(doc, *doc.root.get("b")) == "2025-05-02");
  CHECK(value_text(doc, *doc.root.get("c")) == "p, q");
  CHECK(value_text(doc, *doc.root.get("d")).empty());
  CHECK(value_text(doc, *doc.root.get("e")) == "1_000");
}
