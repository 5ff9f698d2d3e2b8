#include "budget/money.h"

#include <cstdlib>

#include <fmt/format.h>

namespace residence {

namespace {

std::string group_thousands(std::int64_t units, std::string_view separator)
{
  std::string digits = std::to_string(units);
  std::string out;
  const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out += digits.substr(0, first);
  for (std::size_t i = first; i < digits.size(); i += 3) {
    out += separator;
    out += digits.substr(i, 3);
  }
  return out;
}

bool fail(std::string* error, std::string_view why)
{
  if (error != nullptr) {
    *error = why;
  }
  return false;
}

} // namespace

std::optional<Money> Money::parse(std::string_view text, std::string* error)
{
  const std::string_view written = text; // messages quote it whole, sign included
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::int64_t units = 0;
  std::int64_t fraction = 0;
  int decimals = 0;
  bool in_fraction = false;
  bool any_digit = false;
  for (char c : text) {
    if (c == '_') {
      continue;
    }
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') {
      fail(error, fmt::format("'{}' is not an amount (write digits with at most two decimals, like 1250.50)", written));
      return std::nullopt;
    }
    any_digit = true;
    if (in_fraction) {
      if (++decimals > 2) {
        fail(error, fmt::format("'{}' has more than two decimals; amounts are exact to the cent", written));
        return std::nullopt;
      }
      fraction = fraction * 10 + (c - '0');
    } else {
      if (units > 900'000'000'000'000) {
        fail(error, fmt::format("'{}' is too large", written));
        return std::nullopt;
      }
      units = units * 10 + (c - '0');
    }
  }
  if (!any_digit) {
    fail(error, "an amount needs digits");
    return std::nullopt;
  }
  if (decimals == 1) {
    fraction *= 10;
  }
  const std::int64_t cents = units * 100 + fraction;
  return Money{negative ? -cents : cents};
}

std::string Money::decimal() const
{
  const std::int64_t magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

std::string format_money(Money amount, std::string_view language)
{
  const std::int64_t magnitude = amount.cents < 0 ? -amount.cents : amount.cents;
  const char* sign = amount.cents < 0 ? "-" : "";
  if (language == "fr") {
    return fmt::format("{}{},{:02}\u00a0€", sign, group_thousands(magnitude / 100, "\u202f"), magnitude % 100);
  }
  return fmt::format("{}€{}.{:02}", sign, group_thousands(magnitude / 100, ","), magnitude % 100);
}

} // namespace residence
