#define PCRE2_CODE_UNIT_WIDTH 8
#include "templates/pattern.h"

#include <pcre2.h>

#include <fmt/format.h>

namespace residence {

namespace {

std::string pcre2_message(int code)
{
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(code, buffer, sizeof buffer);
  return reinterpret_cast<const char*>(buffer);
}

} // namespace

struct Pattern::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

std::optional<Pattern> Pattern::compile(std::string_view expression, std::string& error)
{
  int code = 0;
  PCRE2_SIZE offset = 0;
  // Anchored at both ends: the whole answer must match, not a part of it.
  const std::string whole = fmt::format("(?:{})\\z", expression);
  pcre2_code* compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(whole.data()), whole.size(),
                                       PCRE2_ANCHORED | PCRE2_UTF, &code, &offset, nullptr);
  if (compiled == nullptr) {
    const auto column = offset >= 3 ? offset - 3 : 0; // less the "(?:" we added
    error = fmt::format("{} at character {}", pcre2_message(code), column + 1);
    return std::nullopt;
  }
  Pattern pattern;
  pattern.m_code = std::make_shared<Code>();
  pattern.m_code->code = compiled;
  return pattern;
}

std::optional<bool> Pattern::matches_whole(std::string_view text, std::string& error) const
{
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(m_code->code, nullptr);
  const int rc = pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, data, nullptr);
  pcre2_match_data_free(data);
  if (rc >= 0) {
    return true;
  }
  if (rc == PCRE2_ERROR_NOMATCH) {
    return false;
  }
  error = pcre2_message(rc);
  return std::nullopt;
}

} // namespace residence
