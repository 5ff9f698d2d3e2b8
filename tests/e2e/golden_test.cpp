// Snapshots of the built-in templates rendered with their defaults and a
// fixed start date, kept under tests/golden/, so that any change to what
// users get (a sentence, a date, a helper) shows in review as a diff.
//
// After an intended change, refresh them and review the diff:
//   RESIDENCE_UPDATE_GOLDEN=1 ctest --test-dir build/dev -R snapshot
//   git diff tests/golden

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>

#include "e2e/template_fixtures.h"

using namespace residence::testing;

namespace {

std::map<std::string, std::string> files_of(const fs::path& root)
{
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_regular_file()) {
      std::ifstream in(it->path(), std::ios::binary);
      files[fs::relative(it->path(), root).generic_string()] = {std::istreambuf_iterator<char>(in),
                                                                std::istreambuf_iterator<char>()};
    }
  }
  return files;
}

// "line 12: expected '...', got '...'" for the first line that differs.
std::string first_difference(const std::string& expected, const std::string& actual)
{
  std::size_t line = 1;
  std::size_t from = 0;
  for (;;) {
    const std::size_t e_end = std::min(expected.find('\n', from), expected.size());
    const std::size_t a_end = std::min(actual.find('\n', from), actual.size());
    const std::string e =
        expected.substr(std::min(from, expected.size()), e_end - std::min(from, expected.size()));
    const std::string a =
        actual.substr(std::min(from, actual.size()), a_end - std::min(from, actual.size()));
    if (e != a || e_end != a_end) {
      return std::string("line ") + std::to_string(line) + ": expected '" + e + "', got '" + a +
             "'";
    }
    if (e_end >= expected.size()) {
      return "end of file";
    }
    from = e_end + 1;
    ++line;
  }
}

void update(const fs::path& golden, const std::map<std::string, std::string>& actual)
{
  fs::remove_all(golden);
  for (const auto& [path, content] : actual) {
    fs::create_directories((golden / path).parent_path());
    std::ofstream(golden / path, std::ios::binary) << content;
  }
  MESSAGE("updated " << golden.string());
}

void check_against_golden(const std::string& name, std::vector<std::string> args)
{
  TempDir tmp;
  std::vector<std::string> all {"init",     "ws",    "--defaults",
                                "--no-git", "--set", "start_date=2027-01-04"};
  all.insert(all.end(), args.begin(), args.end());
  const RunResult r = run(tmp, all);
  REQUIRE(r.exit_code == 0);
  const auto actual = files_of(tmp / "ws");
  const fs::path golden = fs::path(RESIDENCE_SOURCE_DIR) / "tests/golden" / name;
  if (std::getenv("RESIDENCE_UPDATE_GOLDEN") != nullptr) {
    update(golden, actual);
    return;
  }
  REQUIRE_MESSAGE(fs::is_directory(golden), "no snapshot at "
                                                << golden.string()
                                                << "; make it with RESIDENCE_UPDATE_GOLDEN=1");
  const auto expected = files_of(golden);
  for (const auto& [path, content] : expected) {
    CAPTURE(path);
    auto it = actual.find(path);
    if (it == actual.end()) {
      FAIL_CHECK("the render no longer writes " << path);
    } else if (it->second != content) {
      FAIL_CHECK(path << " differs from its snapshot, " << first_difference(content, it->second));
    }
  }
  for (const auto& [path, content] : actual) {
    if (expected.count(path) == 0) {
      FAIL_CHECK("the render writes " << path << ", which has no snapshot");
    }
  }
}

} // namespace

TEST_CASE("the French workspace rendered with the defaults matches its snapshot")
{
  check_against_golden("fr", {});
}

TEST_CASE("the English workspace rendered with the defaults matches its snapshot")
{
  check_against_golden("en", {"--lang", "en"});
}

TEST_CASE("test names are safe for CTest, which splits on semicolons")
{
  // doctest_discover_tests turns each name into a CTest entry and a filter: a
  // ';' splits it in two and '*' or '?' widen it, so the case would silently
  // run nothing, or run others. Names are the string literals after TEST_CASE(.
  int names = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(RESIDENCE_SOURCE_DIR) / "tests")) {
    if (entry.path().extension() != ".cpp") {
      continue;
    }
    std::ifstream in(entry.path());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (auto at = text.find("TEST_CASE(\""); at != std::string::npos; at = text.find("TEST_CASE(\"", at + 1)) {
      const std::string call = text.substr(at, text.find(")\n", at) - at);
      CAPTURE(call);
      CHECK(call.find_first_of(";*?") == std::string::npos);
      ++names;
    }
  }
  CHECK(names > 200);
}
