#pragma once

// Semantic versions (https://semver.org): template versions, the residence
// version a template needs, and the tags of a template's git repository.

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace residence {

struct SemVer {
  unsigned long major = 0;
  unsigned long minor = 0;
  unsigned long patch = 0;
  std::vector<std::string> pre; // "rc.1" gives {"rc", "1"}; empty for a release

  bool is_prerelease() const { return !pre.empty(); }
  std::string text() const;
};

// Exactly MAJOR.MINOR.PATCH[-PRE][+BUILD], no leading zeros, no "v".
std::optional<SemVer> parse_semver(std::string_view text);

// A git tag naming a version: "1.2.0" or "v1.2.0".
std::optional<SemVer> parse_version_tag(std::string_view tag);

// Precedence as semver defines it: build metadata is ignored, a pre-release
// comes before its release, numeric identifiers compare as numbers.
std::strong_ordering compare(const SemVer& a, const SemVer& b);

// The tag with the highest version among `tags`; pre-releases only when
// `allow_pre`. Tags that name no version are ignored.
std::optional<std::string> highest_version_tag(const std::vector<std::string>& tags,
                                               bool allow_pre);

} // namespace residence
