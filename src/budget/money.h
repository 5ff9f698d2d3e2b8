#pragma once

// Exact money: integer cents, never a binary floating-point number.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace residence {

struct Money {
  std::int64_t cents = 0;

  static Money from_units(std::int64_t units) { return Money{units * 100}; }

  // Parses "450", "450.5", "-12.30", "1_000.00" (TOML underscores). More
  // than two decimals, an exponent or any other character is refused:
  // `error` then says why.
  static std::optional<Money> parse(std::string_view text, std::string* error = nullptr);

  // "1234.50": the form JSON and CSV carry.
  std::string decimal() const;

  Money operator+(Money other) const { return Money{cents + other.cents}; }
  Money operator-(Money other) const { return Money{cents - other.cents}; }
  Money& operator+=(Money other)
  {
    cents += other.cents;
    return *this;
  }
  auto operator<=>(const Money&) const = default;
};

// "1 234,50 €" (French: narrow no-break space between thousands, no-break
// space before the sign) or "€1,234.50" (English).
std::string format_money(Money amount, std::string_view language);

} // namespace residence
