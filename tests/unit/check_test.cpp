#include <doctest/doctest.h>

#include <algorithm>

#include "check/check.h"
#include "support/memory_files.h"

using namespace residence;
using residence::testing::MemoryFiles;

namespace {

const char* const k_manifest = R"([residence]
name = "Résidence de test"
start = 2025-01-06

[files]
milestones = ["calendrier/jalons.toml", "calendrier/evenements.toml"]
budget = "budget/budget.toml"
documents = ["gouvernance/charte.md"]
)";

const char* const k_milestones = R"([[phase]]
id = "cadrage"
title = "Cadrage"

[[milestone]]
id = "decision"
title = "Décision politique"
phase = "cadrage"
due = 2025-02-01
status = "done"
done = 2025-01-30

[[milestone]]
id = "copil"
title = "Comité de pilotage"
phase = "cadrage"
due = 2025-03-01
depends_on = ["decision"]
)";

const char* const k_events = R"([[milestone]]
id = "webinaire"
title = "Webinaire"
phase = "cadrage"
kind = "event"
due = 2025-04-01
depends_on = ["copil"]
)";

const char* const k_budget = R"([[line]]
id = "A1"
label = "Coordination"
days = 2
day_rate = 450.50

[[funding]]
id = "ville"
amount = 901
)";

const char* const k_charter = R"(Charte
=======

Le modèle écrit `[À COMPLÉTER : …]` pour ce qui reste à écrire.

```
[TO COMPLETE: an example in a code block]
```
)";

MemoryFiles clean_workspace()
{
  MemoryFiles ws;
  ws.files = {{"residence.toml", k_manifest},
              {"calendrier/jalons.toml", k_milestones},
              {"calendrier/evenements.toml", k_events},
              {"budget/budget.toml", k_budget},
              {"gouvernance/charte.md", k_charter}};
  return ws;
}

CheckResult check(const MemoryFiles& ws, bool strict = false, const char* as_of = "2025-01-31")
{
  return check_workspace(ws, CheckOptions {*Date::parse(as_of), strict});
}

// The diagnostics of one code, to assert on each of them exactly.
std::vector<Diagnostic> of_code(const CheckResult& r, const std::string& code)
{
  std::vector<Diagnostic> found;
  std::copy_if(r.diagnostics.begin(), r.diagnostics.end(), std::back_inserter(found),
               [&](const Diagnostic& d) { return d.code == code; });
  return found;
}

std::string place(const Diagnostic& d)
{
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
}

void replace(MemoryFiles& ws, const std::string& file, const std::string& from,
             const std::string& to)
{
  std::string& text = ws.files.at(file);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a clean workspace passes with no diagnostic, and every file is checked once")
{
  const CheckResult r = check(clean_workspace());
  CHECK(r.diagnostics.empty());
  CHECK(r.files == std::vector<std::string> {"ws/residence.toml", "ws/calendrier/jalons.toml",
                                             "ws/calendrier/evenements.toml",
                                             "ws/budget/budget.toml", "ws/gouvernance/charte.md"});
}

TEST_CASE("the manifest: required keys, and paths that exist")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "residence.toml", "name = \"Résidence de test\"\n", "nom = \"x\"\n");
  replace(ws, "residence.toml", "budget = \"budget/budget.toml\"",
          "budget = \"budget/budjet.toml\"");
  ws.files.erase("gouvernance/charte.md");
  const CheckResult r = check(ws);

  const auto missing = of_code(r, "missing-key");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].message == "[residence] has no 'name'");
  CHECK(place(missing[0]) == "ws/residence.toml:1:1");

  const auto unknown = of_code(r, "unknown-key");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].severity == Severity::warning);
  CHECK(unknown[0].message == "unknown key 'nom' in [residence]; it is kept as it is");
  CHECK(unknown[0].hint == "did you mean 'name'?");

  const auto files = of_code(r, "file-missing");
  REQUIRE(files.size() == 2);
  CHECK(files[0].message ==
        "ws/residence.toml names the budget file 'budget/budjet.toml', which does not exist");
  CHECK(place(files[0]) == "ws/residence.toml:7:10");
  CHECK(files[1].message ==
        "ws/residence.toml names the document 'gouvernance/charte.md', which does not exist");
}

TEST_CASE("unknown milestone keys are warnings, not errors")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/jalons.toml", "phase = \"cadrage\"\ndue = 2025-03-01",
          "phase = \"cadrage\"\ndue = 2025-03-01\nlieu = \"Mairie\"");
  const CheckResult r = check(ws);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == Severity::warning);
  CHECK(r.diagnostics[0].message == "unknown key 'lieu' in milestone 'copil'; it is kept as it is");
}

TEST_CASE("ids are unique across milestone files, a duplicate names both places")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/evenements.toml", "id = \"webinaire\"", "id = \"copil\"");
  const auto dup = of_code(check(ws), "duplicate-id");
  REQUIRE(dup.size() == 1);
  CHECK(place(dup[0]) == "ws/calendrier/evenements.toml:2:6");
  CHECK(dup[0].message ==
        "milestone id 'copil' is used twice; first at ws/calendrier/jalons.toml:13");
}

TEST_CASE("a dependency on an unknown id suggests the closest one")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/evenements.toml", "depends_on = [\"copil\"]",
          "depends_on = [\"copill\"]");
  const auto unknown = of_code(check(ws), "unknown-dependency");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message == "milestone 'webinaire' depends on unknown milestone 'copill'");
  CHECK(unknown[0].hint == "did you mean 'copil'?");
  CHECK(place(unknown[0]) == "ws/calendrier/evenements.toml:7:15");
}

TEST_CASE("dependency cycles are reported once each, with the path and the lines, a diamond is not "
          "a cycle")
{
  MemoryFiles ws = clean_workspace();
  const auto m = [](const std::string& id, const std::string& deps) {
    return "\n[[milestone]]\nid = \"" + id + "\"\ntitle = \"" + id +
           "\"\nphase = \"cadrage\"\ndue = 2025-06-01\n" + "depends_on = [" + deps + "]\n";
  };
  ws.files["calendrier/jalons.toml"] += m("a", "\"b\"") + m("b", "\"c\"") + m("c", "\"a\"") +
                                        m("d", "\"d\"") + m("e", "\"f\", \"g\"") + m("f", "\"h\"") +
                                        m("g", "\"h\"") + m("h", "");
  const CheckResult r = check(ws);
  const auto cycles = of_code(r, "dependency-cycle");
  REQUIRE(cycles.size() == 2);
  CHECK(cycles[0].message == "dependency cycle: a → b → c → a");
  CHECK(place(cycles[0]) == "ws/calendrier/jalons.toml:25:15");
  CHECK(cycles[0].hint == "a at ws/calendrier/jalons.toml:20, b at ws/calendrier/jalons.toml:27, "
                          "c at ws/calendrier/jalons.toml:34; remove one of these dependencies");
  CHECK(cycles[1].message == "dependency cycle: d → d");
  CHECK(cycles[1].hint ==
        "'d' at ws/calendrier/jalons.toml:41 lists itself in depends_on; remove it");
  CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("impossible dates are refused at their line, the other files are still checked")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/jalons.toml", "due = 2025-03-01", "due = 2025-02-29");
  replace(ws, "calendrier/evenements.toml", "kind = \"event\"", "kind = \"evenement\"");
  replace(ws, "calendrier/evenements.toml", "[\"copil\"]", "[\"copil\", \"nulle-part\"]");
  const CheckResult r = check(ws);
  const auto date = of_code(r, "date-invalid");
  REQUIRE(date.size() == 1);
  CHECK(place(date[0]) == "ws/calendrier/jalons.toml:17:7");
  CHECK(date[0].message.rfind("impossible date '2025-02-29'", 0) == 0);
  CHECK(of_code(r, "unknown-kind").size() == 1);

  // copil is defined in the file that does not parse: a dependency on it
  // cannot be judged. One on an id defined nowhere still can.
  const auto unknown = of_code(r, "unknown-dependency");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message == "milestone 'webinaire' depends on unknown milestone 'nulle-part'");
  const auto note = of_code(r, "references-unchecked");
  REQUIRE(note.size() == 1);
  CHECK(note[0].severity == Severity::note);
  CHECK(note[0].message == "dependencies on 'copil' were not checked, because "
                           "ws/calendrier/jalons.toml could not be read");

  replace(ws, "calendrier/jalons.toml", "due = 2025-02-29", "due = 2024-02-29");
  CHECK(of_code(check(ws), "date-invalid").empty());
}

TEST_CASE("done without a done date, and a done date after the as-of date")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/jalons.toml", "done = 2025-01-30\n", "");
  const auto undated = of_code(check(ws), "done-without-date");
  REQUIRE(undated.size() == 1);
  CHECK(undated[0].message == "milestone 'decision' is done but has no done date");

  const auto future = of_code(check(clean_workspace(), false, "2025-01-29"), "done-in-future");
  REQUIRE(future.size() == 1);
  CHECK(future[0].message == "milestone 'decision' has the done date 2025-01-30, after 2025-01-29, "
                             "the date of this check");
  CHECK(place(future[0]) == "ws/calendrier/jalons.toml:11:8");
}

TEST_CASE("a milestone due before one of its dependencies is a warning at that dependency")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/evenements.toml", "due = 2025-04-01", "due = 2025-02-15");
  const auto early = of_code(check(ws), "due-before-dependency");
  REQUIRE(early.size() == 1);
  CHECK(early[0].severity == Severity::warning);
  CHECK(
      early[0].message ==
      "milestone 'webinaire' is due on 2025-02-15, before its dependency 'copil' (due 2025-03-01)");
  CHECK(place(early[0]) == "ws/calendrier/evenements.toml:7:15");
}

TEST_CASE("an unknown phase suggests the closest one")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/evenements.toml", "phase = \"cadrage\"", "phase = \"cadrag\"");
  const auto phase = of_code(check(ws), "unknown-phase");
  REQUIRE(phase.size() == 1);
  CHECK(phase[0].message == "milestone 'webinaire' is in unknown phase 'cadrag'");
  CHECK(phase[0].hint == "did you mean 'cadrage'?");
  CHECK(place(phase[0]) == "ws/calendrier/evenements.toml:4:9");
}

TEST_CASE("a key defined twice by a merge is named with its milestone")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/evenements.toml", "kind = \"event\"\n",
          "kind = \"event\"\nkind = \"milestone\"\n");
  const auto dup = of_code(check(ws), "duplicate-key");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].message == "key 'kind' is defined twice in milestone 'webinaire'; first at line 5");
  CHECK(place(dup[0]) == "ws/calendrier/evenements.toml:6:1");
}

TEST_CASE("merge-conflict markers are reported in every file, and a Markdown heading is not one")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/jalons.toml", "due = 2025-03-01\n",
          "<<<<<<< HEAD\ndue = 2025-03-01\n=======\ndue = 2025-03-15\n>>>>>>> autre\n");
  ws.files["gouvernance/charte.md"] +=
      "\n<<<<<<< HEAD\nUn texte.\n=======\nUn autre.\n>>>>>>> autre\n";
  ws.files["fiches/01.md"] = "# Fiche\n\nSous-titre\n=======\n";
  const CheckResult r = check(ws);
  const auto conflicts = of_code(r, "merge-conflict");
  REQUIRE(conflicts.size() == 2);
  CHECK(conflicts[0].message ==
        "unresolved merge conflict in ws/calendrier/jalons.toml at line 17");
  CHECK(conflicts[1].message == "unresolved merge conflict in ws/gouvernance/charte.md at line 10");
  CHECK(of_code(r, "toml-syntax").empty()); // a conflicted file is not parsed as well
}

TEST_CASE(
    "fields left to complete and leftover tags are warnings, errors when strict, code is skipped")
{
  MemoryFiles ws = clean_workspace();
  ws.files["gouvernance/charte.md"] +=
      "\nSiège : [À COMPLÉTER : adresse du siège], à {{territory}}.\n"
      "Un flux `${{ secrets.TOKEN }}` et ${{ github.sha }} ne sont pas des balises.\n";
  const CheckResult r = check(ws);
  const auto fields = of_code(r, "open-field");
  REQUIRE(fields.size() == 1);
  CHECK(fields[0].severity == Severity::warning);
  CHECK(fields[0].message == "field left to complete: [À COMPLÉTER : adresse du siège]");
  CHECK(place(fields[0]) == "ws/gouvernance/charte.md:10:9");
  const auto tags = of_code(r, "unrendered-tag");
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].message == "template tag {{territory}} was left unrendered");
  CHECK(place(tags[0]) == "ws/gouvernance/charte.md:10:45");

  const CheckResult strict = check(ws, true);
  CHECK(of_code(strict, "open-field")[0].severity == Severity::error);
  CHECK(of_code(strict, "unrendered-tag")[0].severity == Severity::error);
}

TEST_CASE("an overdue milestone is a warning, an error when strict")
{
  const auto late = of_code(check(clean_workspace(), false, "2025-03-11"), "overdue");
  REQUIRE(late.size() == 1);
  CHECK(late[0].severity == Severity::warning);
  CHECK(late[0].message ==
        "milestone 'copil' is 10 days late: due 2025-03-01, not done as of 2025-03-11");
  CHECK(place(late[0]) == "ws/calendrier/jalons.toml:17:7");
  CHECK(of_code(check(clean_workspace(), false, "2025-03-01"), "overdue")
            .empty()); // due today is not late
  CHECK(of_code(check(clean_workspace(), true, "2025-03-11"), "overdue")[0].severity ==
        Severity::error);
}

TEST_CASE("budget amounts are exact to the cent, with their position")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "budget/budget.toml", "day_rate = 450.50", "day_rate = 10.075");
  replace(ws, "budget/budget.toml", "amount = 901", "amount = \"901\"");
  const CheckResult r = check(ws);
  const auto amount = of_code(r, "amount-invalid");
  REQUIRE(amount.size() == 1);
  CHECK(amount[0].message == "'day_rate' of line 'A1': '10.075' has more than two decimals; "
                             "amounts are exact to the cent");
  CHECK(place(amount[0]) == "ws/budget/budget.toml:5:12");
  const auto type = of_code(r, "wrong-type");
  REQUIRE(type.size() == 1);
  CHECK(type[0].message == "'amount' of funding 'ville' must be an amount, not a string");
}

TEST_CASE("a budget that does not parse is reported, and the rest is still checked")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "budget/budget.toml", "days = 2", "days = ");
  replace(ws, "calendrier/evenements.toml", "depends_on = [\"copil\"]", "depends_on = [\"copi\"]");
  const CheckResult r = check(ws);
  CHECK(of_code(r, "toml-syntax").size() == 1);
  CHECK(of_code(r, "unknown-dependency").size() == 1);
}

TEST_CASE("diagnostics come by file in reading order, then by line")
{
  MemoryFiles ws = clean_workspace();
  ws.files["gouvernance/charte.md"] += "\n[TO COMPLETE: a]\n";
  replace(ws, "calendrier/evenements.toml", "kind = \"event\"", "kind = \"evenement\"");
  replace(ws, "residence.toml", "[files]", "couleur = \"bleu\"\n\n[files]");
  const CheckResult r = check(ws);
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].file == "ws/residence.toml");
  CHECK(r.diagnostics[1].file == "ws/calendrier/evenements.toml");
  CHECK(r.diagnostics[2].file == "ws/gouvernance/charte.md");
}

TEST_CASE("inside a cycle only the cycle is reported, not the dates it contradicts")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "calendrier/jalons.toml", "due = 2025-02-01\n",
          "due = 2025-02-01\ndepends_on = [\"copil\"]\n");
  const CheckResult r = check(ws);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "dependency cycle: decision → copil → decision");
}

TEST_CASE("the manifest: a named path that is a folder, a document outside, an unknown table")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "residence.toml", "\"calendrier/evenements.toml\"", "\"calendrier\"");
  replace(ws, "residence.toml", "[\"gouvernance/charte.md\"]",
          "[\"gouvernance/charte.md\", \"../dehors.md\"]");
  ws.files["residence.toml"] += "\n[extra]\na = 1\n";
  const CheckResult r = check(ws);
  const auto folder = of_code(r, "file-missing");
  REQUIRE(folder.size() == 1);
  CHECK(folder[0].message ==
        "ws/residence.toml names the milestones file 'calendrier', which is a folder, not a file");
  const auto outside = of_code(r, "path-outside");
  REQUIRE(outside.size() == 1);
  CHECK(outside[0].message == "document '../dehors.md' leaves the workspace");
  const auto unknown = of_code(r, "unknown-key");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message == "unknown key 'extra' in ws/residence.toml; it is kept as it is");
}

TEST_CASE("a manifest in conflict is reported, and the documents are still checked")
{
  MemoryFiles ws = clean_workspace();
  replace(ws, "residence.toml", "start = 2025-01-06\n",
          "<<<<<<< HEAD\nstart = 2025-01-06\n=======\nstart = 2025-02-03\n>>>>>>> b\n");
  ws.files["gouvernance/charte.md"] += "[TO COMPLETE: x]\n";
  const CheckResult r = check(ws);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].message == "unresolved merge conflict in ws/residence.toml at line 3");
  CHECK(r.diagnostics[1].code == "open-field");
}
