#include <doctest/doctest.h>

#include "io/text.h"
#include "io/toml_document.h"

using namespace residence;

namespace {

Diagnostic first_error(const std::string& text)
{
  try {
    parse_toml(text, "jalons.toml", "jalons.toml");
  } catch (const Error& e) {
    REQUIRE_FALSE(e.diagnostics().empty());
    return e.diagnostics().front();
  }
  FAIL("expected an error");
  return {};
}

} // namespace

TEST_CASE("an impossible date is an error at its line and column")
{
  const Diagnostic d = first_error("[[milestone]]\nid = \"a\"\ndue = 2025-02-29\n");
  CHECK(d.code == "date-invalid");
  CHECK(d.file == "jalons.toml");
  CHECK(d.line == 3);
  CHECK(d.column == 7);
  CHECK(d.message.find("2025-02-29") != std::string::npos);
  CHECK(d.source_line == "due = 2025-02-29");
}

TEST_CASE("a leap day in a leap year parses")
{
  const TomlDocument doc = parse_toml("due = 2024-02-29\n", "x.toml", "x.toml");
  CHECK(doc.root["due"].as_date() != nullptr);
}

TEST_CASE("a syntax error names line and column and quotes the line")
{
  const Diagnostic d = first_error("a = 1\nb = [1, 2 c]\n");
  CHECK(d.code == "toml-syntax");
  CHECK(d.line == 2);
  CHECK(d.column > 1);
  CHECK(d.source_line == "b = [1, 2 c]");
}

TEST_CASE("merge conflict markers get a human message")
{
  const std::string text = "[[milestone]]\nid = \"a\"\n<<<<<<< HEAD\nstatus = \"done\"\n=======\n"
                           "status = \"active\"\n>>>>>>> branche\n";
  const Diagnostic d = first_error(text);
  CHECK(d.code == "merge-conflict");
  CHECK(d.message == "unresolved merge conflict in jalons.toml at line 3");
  CHECK(d.line == 3);
}

TEST_CASE("columns count code points, not bytes")
{
  const std::string text = "owner = \"zoé\" # é\nx = 1\n";
  CHECK(byte_offset(text, 1, 12) == 11); // é, two bytes
  CHECK(byte_offset(text, 1, 13) == 13); // the closing quote after it
  CHECK(line_column(text, 13).column == 13);
  CHECK(text_line("a\r\nb\r\n", 1) == "a");
  CHECK(text_line("a\nb", 2) == "b");
  CHECK(text_line("a\nb", 3).empty());
}

TEST_CASE("control characters are neutralised for the terminal")
{
  CHECK(printable("Comité\x1b[2J\a") == "Comité\ufffd[2J\ufffd");
  CHECK(printable("a\r\nb") == "a\ufffd\ufffdb");
  CHECK(printable("l’eau « x »") == "l’eau « x »");
  CHECK(find_control("ok") == std::nullopt);
  CHECK(find_control("a\tb") == '\t');
}

TEST_CASE("a key defined twice by a merge names the key, the milestone and the first line")
{
  const Diagnostic d = first_error("[[milestone]]\nid = \"copil-1\"\nstatus = \"active\"\ntitle = \"Copil\"\n"
                                   "status = \"done\"\n\n[[milestone]]\nid = \"b\"\n");
  CHECK(d.code == "duplicate-key");
  CHECK(d.message == "key 'status' is defined twice in milestone 'copil-1'; first at line 3");
  CHECK(d.line == 5);
  CHECK(d.column == 1);
  CHECK(d.hint == "a merge may have kept both versions: keep the right one and delete the other");
}

TEST_CASE("a table defined twice names the table and the first line")
{
  const Diagnostic d = first_error("[residence]\nname = \"a\"\n\n[residence]\nname = \"b\"\n");
  CHECK(d.message == "table [residence] is defined twice; first at line 1");
  CHECK(d.line == 4);
}

TEST_CASE("a key defined twice outside any table, or before the id, is still named")
{
  CHECK(first_error("a = 1\nb = 2\na = 3\n").message == "key 'a' is defined twice at the top level; first at line 1");
  CHECK(first_error("[[phase]]\n  title = \"A\"\n  title = \"B\"\n  id = \"p\"\n").message ==
        "key 'title' is defined twice in phase 'p'; first at line 2");
}
