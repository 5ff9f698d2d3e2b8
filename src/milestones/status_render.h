#pragma once

#include <string>

#include "milestones/status.h"
#include "workspace/workspace.h"

namespace residence {

enum class StatusFormat { table, json, markdown };

std::string render_status_table(const Manifest& manifest, const StatusReport& report, bool color);
std::string render_status_json(const Manifest& manifest, const StatusReport& report);
std::string render_status_markdown(const Manifest& manifest, const StatusReport& report);

// "month 3 of 24", "starts in 2 months", "ended on 2028-12-31".
std::string residency_moment(const Manifest& manifest, Date as_of);

} // namespace residence
