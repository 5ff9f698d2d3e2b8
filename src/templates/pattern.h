#pragma once

// The `pattern` of a template question: a PCRE2 regular expression that the
// whole answer must match. PCRE2 keeps its backtracking on the heap within
// limits, so a long answer cannot exhaust the stack as std::regex does.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace residence {

class Pattern {
public:
  // Compiles `expression`; returns nothing and sets `error` (with the
  // offset) when it is not a valid expression.
  static std::optional<Pattern> compile(std::string_view expression, std::string& error);

  // Whether the whole of `text` matches. Nothing when the match could not
  // be decided within the limits (then `error` says why).
  std::optional<bool> matches_whole(std::string_view text, std::string& error) const;

private:
  struct Code;
  std::shared_ptr<Code> m_code;
};

} // namespace residence
