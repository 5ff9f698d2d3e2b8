#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"

namespace residence {

enum class MilestoneStatus { planned, active, done, blocked, cancelled };
enum class MilestoneKind { milestone, deliverable, event };

std::string_view status_name(MilestoneStatus status);
std::optional<MilestoneStatus> parse_status(std::string_view text);
std::string_view kind_name(MilestoneKind kind);
std::optional<MilestoneKind> parse_kind(std::string_view text);

// Ids are lowercase letters, digits and '-', starting with a letter or digit.
bool is_valid_id(std::string_view id);

// Where an entry was read: which file of the set, and which line.
struct SourceRef {
  std::size_t file = 0;
  int line = 0;
};

struct Phase {
  std::string id;
  std::string title;
  SourceRef source;
};

struct Milestone {
  std::string id;
  std::string title;
  std::string phase;
  Date due;
  std::optional<Date> start;
  MilestoneStatus status = MilestoneStatus::planned;
  std::optional<Date> done_on;
  std::string owner;
  std::vector<std::string> depends_on;
  MilestoneKind kind = MilestoneKind::milestone;
  std::string note;
  SourceRef source;

  // Neither done nor cancelled: something is still expected.
  bool is_open() const { return status != MilestoneStatus::done && status != MilestoneStatus::cancelled; }
};

} // namespace residence
