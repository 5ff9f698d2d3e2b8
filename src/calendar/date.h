#pragma once

// Calendar dates without time or time zone: a milestone due on 30 June is due
// on 30 June wherever the reader is.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace residence {

class Date {
public:
  Date() = default;

  // Returns nothing when the fields do not name a real day (2025-02-29).
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Accepts exactly YYYY-MM-DD.
  static std::optional<Date> parse(std::string_view text);
  // Today in the local time zone of the machine.
  static Date today();

  int year() const { return m_year; }
  int month() const { return m_month; }
  int day() const { return m_day; }

  // Days since 1970-01-01, negative before.
  long serial() const;
  static Date from_serial(long days);

  Date add_days(long days) const;
  // Moves by whole months and clamps to the end of the target month, so
  // 31 August + 6 months is the last day of February.
  Date add_months(int months) const;

  std::string iso() const;

  auto operator<=>(const Date&) const = default;

private:
  Date(int year, int month, int day) : m_year(year), m_month(month), m_day(day) {}

  int m_year = 1970;
  int m_month = 1;
  int m_day = 1;
};

// Whole days from `from` to `to` (positive when `to` is later).
long days_between(Date from, Date to);

// Whole months between two dates, counting a month once its day is reached.
int months_between(Date from, Date to);

} // namespace residence
