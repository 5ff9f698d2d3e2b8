#include "milestones/milestone.h"

#include <array>
#include <utility>

namespace residence {

namespace {

constexpr std::array<std::pair<MilestoneStatus, std::string_view>, 5> k_statuses{{
    {MilestoneStatus::planned, "planned"},
    {MilestoneStatus::active, "active"},
    {MilestoneStatus::done, "done"},
    {MilestoneStatus::blocked, "blocked"},
    {MilestoneStatus::cancelled, "cancelled"},
}};

constexpr std::array<std::pair<MilestoneKind, std::string_view>, 3> k_kinds{{
    {MilestoneKind::milestone, "milestone"},
    {MilestoneKind::deliverable, "deliverable"},
    {MilestoneKind::event, "event"},
}};

template <typename Table, typename Value>
std::string_view name_in(const Table& table, Value value)
{
  for (const auto& [v, name] : table) {
    if (v == value) {
      return name;
    }
  }
  return "?";
}

template <typename Table>
auto value_in(const Table& table, std::string_view text) -> std::optional<typename Table::value_type::first_type>
{
  for (const auto& [v, name] : table) {
    if (name == text) {
      return v;
    }
  }
  return std::nullopt;
}

} // namespace

std::string_view status_name(MilestoneStatus status)
{
  return name_in(k_statuses, status);
}

std::optional<MilestoneStatus> parse_status(std::string_view text)
{
  return value_in(k_statuses, text);
}

std::string_view kind_name(MilestoneKind kind)
{
  return name_in(k_kinds, kind);
}

std::optional<MilestoneKind> parse_kind(std::string_view text)
{
  return value_in(k_kinds, text);
}

bool is_valid_id(std::string_view id)
{
  if (id.empty() || id.front() == '-') {
    return false;
  }
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

} // namespace residence
