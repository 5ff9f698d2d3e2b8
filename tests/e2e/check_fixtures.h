#pragma once

// A workspace broken in each of the ways `check` knows, one fault each, for
// the end-to-end tests of check.

#include "support/temp_dir.h"

namespace residence::testing {

inline void write_broken_workspace(const TempDir& tmp, const std::string& dir)
{
  tmp.write(dir + "/residence.toml", R"([residence]
territory = "Saint-Étienne-du-Rouvray"
start = 2025-01-06
couleur = "bleu"

[files]
milestones = ["calendrier/jalons.toml", "calendrier/evenements.toml", "calendrier/2026.toml"]
budget = "budget/budget.toml"
indicators = "evaluation/indicateurs.toml"
documents = ["gouvernance/charte.md", "selection/grille.md"]
)");
  const auto m = [](const std::string& id, const std::string& due, const std::string& extra) {
    return "[[milestone]]\nid = \"" + id + "\"\ntitle = \"Jalon " + id +
           "\"\nphase = \"a\"\ndue = " + due + "\n" + extra + "\n";
  };
  tmp.write(
      dir + "/calendrier/jalons.toml",
      "[[phase]]\nid = \"a\"\ntitle = \"Phase A\"\n\n" +
          m("fait", "2025-02-01", "status = \"done\"\n") +
          m("futur", "2025-02-01", "status = \"done\"\ndone = 2025-03-20\n") +
          m("retard", "2025-03-01", "lieu = \"Mairie\"\n") +
          m("x", "2025-06-01", "depends_on = [\"y\"]\n") +
          m("y", "2025-06-01", "depends_on = [\"z\"]\n") +
          m("z", "2025-06-01", "depends_on = [\"x\"]\n") +
          m("d", "2025-06-01", "depends_on = [\"d\"]\n") +
          m("e", "2025-07-01", "depends_on = [\"f\", \"g\"]\n") +
          m("f", "2025-06-15", "depends_on = [\"h\"]\n") +
          m("g", "2025-06-15", "depends_on = [\"h\"]\n") + m("h", "2025-06-01", "") +
          "[[milestone]]\nid = \"tot\"\ntitle = \"Trop tôt\"\nphase = \"b\"\ndue = 2025-05-01\n"
          "depends_on = [\"h\", \"visite\", \"fiat\"]\n");
  tmp.write(dir + "/calendrier/evenements.toml",
            "[[milestone]]\nid = \"fait\"\ntitle = \"Doublon\"\nphase = \"a\"\nkind = "
            "\"event\"\ndue = 2025-04-01\n");
  tmp.write(dir + "/calendrier/2026.toml", "[[milestone]]\nid = \"visite\"\ntitle = \"Visite "
                                           "apprenante\"\nphase = \"a\"\ndue = 2025-02-29\n");
  tmp.write(dir + "/budget/budget.toml",
            "[[line]]\nid = \"A1\"\nlabel = \"Coordination\"\ndays = 2\nday_rate = 10.075\n");
  tmp.write(dir + "/evaluation/indicateurs.toml",
            "[[indicator]]\nid = \"emplois\"\ntarget = 10\nunit = \"emplois\"\ntarget = 12\n");
  tmp.write(dir + "/gouvernance/charte.md", R"(Charte de gouvernance
=====================

Adoptée le [À COMPLÉTER : date de la séance] à {{territory}}.
Le modèle signale les champs par `[À COMPLÉTER : …]`.

<<<<<<< HEAD
Le comité se réunit chaque trimestre.
=======
Le comité se réunit chaque mois.
>>>>>>> autre
)");
}

} // namespace residence::testing
