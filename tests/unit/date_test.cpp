#include <doctest/doctest.h>

#include "calendar/date.h"

using residence::Date;

TEST_CASE("dates that do not exist are refused, not rolled over")
{
  CHECK_FALSE(Date::parse("2025-02-29"));
  CHECK(Date::parse("2024-02-29"));
  CHECK_FALSE(Date::parse("2025-04-31"));
  CHECK_FALSE(Date::parse("2026-13-40"));
  CHECK_FALSE(Date::parse("2025-6-30"));
  CHECK_FALSE(Date::parse("2025-06-30 "));
  CHECK_FALSE(Date::parse("not a date"));
  CHECK(Date::parse("1900-03-01"));
}

TEST_CASE("adding months clamps to the end of the month")
{
  const Date aug31 = *Date::parse("2026-08-31");
  CHECK(aug31.add_months(6).iso() == "2027-02-28");
  CHECK(Date::parse("2027-08-31")->add_months(6).iso() == "2028-02-29");
  CHECK(Date::parse("2027-01-31")->add_months(1).iso() == "2027-02-28");
  CHECK(Date::parse("2027-03-31")->add_months(-1).iso() == "2027-02-28");
  CHECK(Date::parse("2027-01-15")->add_months(-13).iso() == "2025-12-15");
  CHECK(Date::parse("2027-01-15")->add_months(24).iso() == "2029-01-15");
}

TEST_CASE("offsets from the start are never chained")
{
  // +1m then +1m from 31 January lands on 28 March; +2m from the start gives 31 March.
  const Date start = *Date::parse("2027-01-31");
  CHECK(start.add_months(1).add_months(1).iso() == "2027-03-28");
  CHECK(start.add_months(2).iso() == "2027-03-31");
}

TEST_CASE("days between dates and across years")
{
  CHECK(residence::days_between(*Date::parse("2025-03-10"), *Date::parse("2025-03-11")) == 1);
  CHECK(residence::days_between(*Date::parse("2025-03-11"), *Date::parse("2025-03-10")) == -1);
  CHECK(residence::days_between(*Date::parse("2024-12-31"), *Date::parse("2025-01-01")) == 1);
  CHECK(residence::days_between(*Date::parse("2024-01-01"), *Date::parse("2025-01-01")) == 366);
  CHECK(Date::parse("2025-03-10")->add_days(-10).iso() == "2025-02-28");
}

TEST_CASE("months between counts a month once its day is reached")
{
  const Date start = *Date::parse("2027-01-04");
  CHECK(residence::months_between(start, *Date::parse("2027-01-04")) == 0);
  CHECK(residence::months_between(start, *Date::parse("2027-02-03")) == 0);
  CHECK(residence::months_between(start, *Date::parse("2027-02-04")) == 1);
  CHECK(residence::months_between(start, *Date::parse("2028-12-31")) == 23);
}
