#include "templates/semver.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace residence {

namespace {

bool all_digits(std::string_view text)
{
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool identifier_chars(std::string_view text)
{
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::optional<unsigned long> number(std::string_view text)
{
  if (!all_digits(text) || (text.size() > 1 && text.front() == '0')) {
    return std::nullopt;
  }
  unsigned long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc {} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = text.find(separator, from);
    parts.push_back(
        text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) {
      return parts;
    }
    from = at + 1;
  }
}

// Numeric identifiers sort below alphanumeric ones, and by value.
std::strong_ordering compare_identifier(const std::string& a, const std::string& b)
{
  const bool a_num = all_digits(a);
  const bool b_num = all_digits(b);
  if (a_num && b_num) {
    return a.size() != b.size() ? a.size() <=> b.size() : a.compare(b) <=> 0;
  }
  if (a_num != b_num) {
    return a_num ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  return a.compare(b) <=> 0;
}

} // namespace

std::string SemVer::text() const
{
  std::string out = fmt::format("{}.{}.{}", major, minor, patch);
  if (!pre.empty()) {
    out += fmt::format("-{}", fmt::join(pre, "."));
  }
  return out;
}

std::optional<SemVer> parse_semver(std::string_view text)
{
  if (const auto plus = text.find('+'); plus != std::string_view::npos) {
    for (auto part : split(text.substr(plus + 1), '.')) {
      if (!identifier_chars(part)) {
        return std::nullopt;
      }
    }
    text = text.substr(0, plus);
  }
  SemVer version;
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    for (auto part : split(text.substr(dash + 1), '.')) {
      if (!identifier_chars(part) || (all_digits(part) && !number(part))) {
        return std::nullopt;
      }
      version.pre.emplace_back(part);
    }
    text = text.substr(0, dash);
  }
  const auto core = split(text, '.');
  if (core.size() != 3) {
    return std::nullopt;
  }
  auto major = number(core[0]);
  auto minor = number(core[1]);
  auto patch = number(core[2]);
  if (!major || !minor || !patch) {
    return std::nullopt;
  }
  version.major = *major;
  version.minor = *minor;
  version.patch = *patch;
  return version;
}

std::optional<SemVer> parse_version_tag(std::string_view tag)
{
  if (!tag.empty() && tag.front() == 'v') {
    tag.remove_prefix(1);
  }
  return parse_semver(tag);
}

std::strong_ordering compare(const SemVer& a, const SemVer& b)
{
  for (auto order : {a.major <=> b.major, a.minor <=> b.minor, a.patch <=> b.patch}) {
    if (order != 0) {
      return order;
    }
  }
  if (a.pre.empty() || b.pre.empty()) {
    return b.pre.size() <=> a.pre.size(); // a release is above its pre-releases
  }
  const std::size_t shared = std::min(a.pre.size(), b.pre.size());
  for (std::size_t i = 0; i < shared; ++i) {
    if (auto order = compare_identifier(a.pre[i], b.pre[i]); order != 0) {
      return order;
    }
  }
  return a.pre.size() <=> b.pre.size();
}

std::optional<std::string> highest_version_tag(const std::vector<std::string>& tags, bool allow_pre)
{
  std::optional<std::string> best_tag;
  std::optional<SemVer> best;
  std::vector<std::string> sorted = tags;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& tag : sorted) {
    auto version = parse_version_tag(tag);
    if (!version || (version->is_prerelease() && !allow_pre)) {
      continue;
    }
    // On equal precedence ("v1.0.0" and "1.0.0+build") keep the first in name order.
    if (!best || compare(*version, *best) > 0) {
      best = version;
      best_tag = tag;
    }
  }
  return best_tag;
}

} // namespace residence
