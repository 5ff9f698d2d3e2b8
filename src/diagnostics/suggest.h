#pragma once

// "Did you mean" for unknown ids and keys.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace residence {

// The candidate closest to `word` when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean 'x'?" or an empty string.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace residence
