#pragma once

// Workspaces and templates built by the tests themselves.

#include <string>

#include "support/temp_dir.h"

namespace residence::testing {

// A manifest naming calendrier/jalons.toml, starting 2025-01-06 for 24 months.
inline void write_workspace(const TempDir& tmp, const std::string& dir, const std::string& milestones)
{
  tmp.write(dir + "/residence.toml", R"(# hand-written manifest
[residence]
name = "Résidence de test"
territory = "Saint-Étienne-du-Rouvray"
start = 2025-01-06
duration_months = 24

[files]
milestones = ["calendrier/jalons.toml"]
)");
  tmp.write(dir + "/calendrier/jalons.toml", milestones);
}

inline const char* phases_ab()
{
  return "[[phase]]\nid = \"a\"\ntitle = \"Phase A\"\n\n[[phase]]\nid = \"b\"\ntitle = \"Phase B\"\n\n";
}

inline std::string milestone(const std::string& id, const std::string& phase, const std::string& due,
                             const std::string& extra = "")
{
  return "[[milestone]]\nid = \"" + id + "\"\ntitle = \"Jalon " + id + "\"\nphase = \"" + phase + "\"\ndue = " + due +
         "\n" + extra + "\n";
}

} // namespace residence::testing
