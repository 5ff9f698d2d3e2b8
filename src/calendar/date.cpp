#include "calendar/date.h"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace residence {

namespace chr = std::chrono;

namespace {

bool all_digits(std::string_view text)
{
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return !text.empty();
}

int to_int(std::string_view digits)
{
  int value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

chr::year_month_day to_ymd(const Date& date)
{
  return chr::year_month_day{chr::year{date.year()},
                             chr::month{static_cast<unsigned>(date.month())},
                             chr::day{static_cast<unsigned>(date.day())}};
}

} // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Date(year, month, day);
}

std::optional<Date> Date::parse(std::string_view text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = text.substr(0, 4);
  const auto month = text.substr(5, 2);
  const auto day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) {
    return std::nullopt;
  }
  return from_ymd(to_int(year), to_int(month), to_int(day));
}

Date Date::today()
{
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

long Date::serial() const
{
  return chr::sys_days{to_ymd(*this)}.time_since_epoch().count();
}

Date Date::from_serial(long days)
{
  const chr::year_month_day ymd{chr::sys_days{chr::days{days}}};
  return Date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day())));
}

Date Date::add_days(long days) const
{
  return from_serial(serial() + days);
}

Date Date::add_months(int months) const
{
  const int index = m_year * 12 + (m_month - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const chr::year_month_day_last last{chr::year{year},
                                      chr::month_day_last{chr::month{static_cast<unsigned>(month)}}};
  const int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
  return Date(year, month, m_day < last_day ? m_day : last_day);
}

std::string Date::iso() const
{
  return fmt::format("{:04}-{:02}-{:02}", m_year, m_month, m_day);
}

long days_between(Date from, Date to)
{
  return to.serial() - from.serial();
}

int months_between(Date from, Date to)
{
  int months = (to.year() - from.year()) * 12 + (to.month() - from.month());
  if (to.day() < from.day() && from.add_months(months) > to) {
    --months;
  }
  return months;
}

} // namespace residence
