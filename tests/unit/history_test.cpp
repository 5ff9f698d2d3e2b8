#include <doctest/doctest.h>

#include <fmt/format.h>

#include "milestones/history.h"
#include "milestones/history_render.h"

using namespace residence;

namespace {

MilestoneSnapshot snapshot(const std::string& text)
{
  std::vector<TomlDocument> docs;
  docs.push_back(parse_toml(text, "jalons.toml", "jalons.toml"));
  return snapshot_of(docs);
}

} // namespace

TEST_CASE("comparing snapshots finds changed, added and removed milestones field by field")
{
  const auto before =
      snapshot("[[milestone]]\nid = \"a\"\ntitle = \"A\"\ndue = 2025-01-01\nowner = 'X'\n"
               "[[milestone]]\nid = \"gone\"\ntitle = \"Gone\"\n");
  const auto after =
      snapshot("[[milestone]]\nid = \"a\"\ntitle = \"A\"\ndue = 2025-02-01\nstatus = \"done\"\n"
               "[[milestone]]\nid = \"new\"\ntitle = \"Nouveau jalon\"\n");
  const auto changes = compare_snapshots(before, after);
  REQUIRE(changes.size() == 5);
  CHECK(changes[0].field == "due");
  CHECK(changes[0].before == "2025-01-01");
  CHECK(changes[0].after == "2025-02-01");
  CHECK(changes[1].field == "status");
  CHECK(changes[1].before == "planned");
  CHECK(changes[1].after == "done");
  CHECK(changes[2].field == "owner");
  CHECK(changes[2].before == "X");
  CHECK_FALSE(changes[2].after.has_value());
  CHECK(changes[3].kind == ChangeKind::added);
  CHECK(changes[3].after == "Nouveau jalon");
  CHECK(changes[4].kind == ChangeKind::removed);
  CHECK(changes[4].milestone == "gone");
}

TEST_CASE("writing out a default or reformatting a value is not a change")
{
  const auto before = snapshot("[[milestone]]\nid = \"a\"\ndue = 2025-01-01\ndepends_on = []\n");
  const auto after =
      snapshot("[[milestone]]\nid      = 'a'\nstatus  = \"planned\"\nkind = \"milestone\"\n"
               "due     = 2025-01-01   # moved?\n");
  CHECK(compare_snapshots(before, after).empty());
}

TEST_CASE("unknown keys and sub-tables are compared too")
{
  const auto before = snapshot("[[milestone]]\nid = \"a\"\n[milestone.extra]\nroom = \"B\"\n");
  const auto after = snapshot(
      "[[milestone]]\nid = \"a\"\nbudget_line = \"L3\"\n[milestone.extra]\nroom = \"C\"\n");
  const auto changes = compare_snapshots(before, after);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].field == "budget_line");
  CHECK(changes[1].field == "extra.room");
  CHECK(changes[1].after == "C");
}

TEST_CASE("a timestamp is written in the author's own time zone")
{
  CHECK(iso_timestamp(1746187200, 120) == "2025-05-02T14:00:00+02:00");
  CHECK(iso_timestamp(1746187200, -330) == "2025-05-02T06:30:00-05:30");
  CHECK(iso_timestamp(0, -60) == "1969-12-31T23:00:00-01:00");
}

TEST_CASE("the log table shows a commit that adds many milestones as one row, JSON keeps them all")
{
  History history;
  const auto entry = [](const std::string& commit, ChangeKind kind, const std::string& id) {
    HistoryEntry e;
    e.commit = commit + std::string(33, '0');
    e.author = "Zoé";
    e.date = *Date::parse("2025-05-02");
    e.change = {kind, id, kind == ChangeKind::changed ? "due" : "", "2025-01-01", "T " + id};
    return e;
  };
  history.entries.push_back(entry("bbbbbbb", ChangeKind::changed, "m1"));
  for (int i = 1; i <= 6; ++i) {
    history.entries.push_back(entry("aaaaaaa", ChangeKind::added, fmt::format("m{}", i)));
  }
  CHECK(render_history_table(history, false) ==
        "date        commit   author  milestone     field  change\n"
        "2025-05-02  bbbbbbb  Zoé     m1            due    2025-01-01 → T m1\n"
        "2025-05-02  aaaaaaa  Zoé     6 milestones  added  m1, m2, m3, …\n");
  CHECK(render_history_json(history).find("\"milestone\" : \"m6\"") != std::string::npos);

  history.entries.pop_back();
  CHECK(render_history_table(history, false).find("m5         added  T m5\n") != std::string::npos);
}
