#include <doctest/doctest.h>

#include "templates/semver.h"

using namespace residence;

TEST_CASE("semantic versions parse strictly")
{
  auto v = parse_semver("1.20.3-rc.1+build.7");
  REQUIRE(v);
  CHECK(v->major == 1);
  CHECK(v->minor == 20);
  CHECK(v->patch == 3);
  CHECK(v->pre == std::vector<std::string> {"rc", "1"});
  CHECK(v->text() == "1.20.3-rc.1");
  for (const char* bad : {"1.0", "1.0.0.0", "01.0.0", "1.0.0-", "1.0.0-rc..1", "1.0.0-01", "v1.0.0",
                          "1.0.x", "", "1.0.0+", "1.0.0-é"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_semver(bad));
  }
  CHECK(parse_version_tag("v2.0.0"));
  CHECK_FALSE(parse_version_tag("release-2"));
}

TEST_CASE("versions sort by semver precedence, pre-releases before their release")
{
  const std::vector<const char*> ordered {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                          "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                          "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                                          "1.2.0",       "1.10.0",        "2.0.0"};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    CAPTURE(ordered[i]);
    CHECK(compare(*parse_semver(ordered[i]), *parse_semver(ordered[i + 1])) < 0);
    CHECK(compare(*parse_semver(ordered[i + 1]), *parse_semver(ordered[i])) > 0);
  }
  CHECK(compare(*parse_semver("1.0.0+a"), *parse_semver("1.0.0+b")) == 0);
}

TEST_CASE("the highest version tag skips pre-releases unless asked, and tags that are no version")
{
  const std::vector<std::string> tags {"v1.2.0", "v1.10.0", "v1.9.9",     "v2.0.0-rc.1",
                                       "latest", "v3",      "1.10.0-beta"};
  CHECK(highest_version_tag(tags, false) == "v1.10.0");
  CHECK(highest_version_tag(tags, true) == "v2.0.0-rc.1");
  CHECK_FALSE(highest_version_tag({"latest", "v2.0.0-rc.1"}, false));
  CHECK_FALSE(highest_version_tag({}, true));
}
