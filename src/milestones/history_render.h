#pragma once

// `residence log` output: a table for people, JSON for scripts.

#include <string>

#include "milestones/history.h"

namespace residence {

std::string render_history_table(const History& history, bool color);
std::string render_history_json(const History& history);

// "2025-05-02T14:03:10+02:00", in the author's own time zone.
std::string iso_timestamp(std::int64_t time, int offset_minutes);

} // namespace residence
