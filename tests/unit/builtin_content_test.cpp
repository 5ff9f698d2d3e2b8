// The built-in templates carry the whole toolkit, in each language: the
// parts a coordinator relies on are checked here, so that a content edit
// cannot drop one silently.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <regex>

#include "io/toml_document.h"
#include "templates/plan.h"
#include "templates/scaffold.h"

using namespace residence;

namespace {

struct Words {
  const char* lang;
  const char* charter;
  const char* matrix;
  const char* residency;
  const char* legal_frame;
  const char* review;
  const char* partnership;
  const char* vat;
  const char* grid;
  const char* inhabitants;
  const char* kit;
  const char* indicators;
  const char* sheets;
  const char* marker;
  const char* other_marker;
};

const Words k_fr {"fr",
                  "gouvernance/charte.md",
                  "### 6.2 Matrice des décisions",
                  "contrats/convention-residence.md",
                  "## Article 2 – Cadre juridique",
                  "**Avertissement – à faire relire avant usage.**",
                  "contrats/convention-partenariat.md",
                  "Subvention, prestation et TVA",
                  "selection/grille.md",
                  "## Partie C – La place des habitants",
                  "communication/kit.md",
                  "evaluation/indicateurs.toml",
                  "fiches/",
                  "[À COMPLÉTER : ",
                  "[TO COMPLETE"};
const Words k_en {"en",
                  "governance/charter.md",
                  "### 6.2 Decision matrix",
                  "agreements/residency-agreement.md",
                  "## Article 4 — Legal framework",
                  "**Legal review required.**",
                  "agreements/partnership-agreement.md",
                  "VAT",
                  "selection/grid.md",
                  "## Part C — The inhabitants' part",
                  "communication/kit.md",
                  "evaluation/indicators.toml",
                  "sheets/",
                  "[TO COMPLETE: ",
                  "[À COMPLÉTER"};

std::map<std::string, std::string> render(const char* lang)
{
  const TemplateSource source = *builtin_template(lang);
  const TemplateManifest manifest = read_template_manifest(source);
  AnswerInput input;
  input.set = {{"start_date", "2027-01-04"}};
  input.use_defaults = true;
  const ContextInfo info = context_info(manifest, source, *Date::parse("2026-06-01"));
  std::map<std::string, std::string> files;
  for (auto& f : plan_files(source, resolve_answers(manifest, input, nullptr, info), info)) {
    files[f.path] = std::move(f.content);
  }
  return files;
}

bool has(const std::string& text, const std::string& needle)
{
  return text.find(needle) != std::string::npos;
}

// The weights of the criteria table: rows "| N | name | weight | ...".
std::vector<int> weights(const std::string& grid)
{
  static const std::regex row(R"(\n\| [1-9] \| [^|]+ \| (\d+) \|)");
  std::vector<int> out;
  for (auto it = std::sregex_iterator(grid.begin(), grid.end(), row); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stoi((*it)[1]));
  }
  return out;
}

void check_toolkit(const Words& w)
{
  const auto files = render(w.lang);
  CAPTURE(w.lang);

  const std::string& charter = files.at(w.charter);
  for (int part = 1; part <= 14; ++part) {
    CAPTURE(part);
    CHECK(has(charter, std::string("\n## ") + std::to_string(part) + ". "));
  }
  CHECK_FALSE(has(charter, "\n## 15. "));
  CHECK(has(charter, w.matrix));

  CHECK(has(files.at(w.residency), w.legal_frame));
  CHECK(has(files.at(w.residency), w.review));
  CHECK(has(files.at(w.partnership), w.vat));

  const std::string& grid = files.at(w.grid);
  const auto criteria = weights(grid);
  CHECK(criteria.size() == 7);
  CHECK(std::accumulate(criteria.begin(), criteria.end(), 0) == 100);
  CHECK(has(grid, w.inhabitants));
  CHECK(files.at(w.kit).size() > 5000);

  const TomlDocument indicators = parse_toml(files.at(w.indicators), w.indicators, w.indicators);
  CHECK(indicators.root["indicator"].as_array()->size() >= 30);

  const auto sheets = std::count_if(files.begin(), files.end(), [&](const auto& f) {
    return f.first.rfind(w.sheets, 0) == 0 && f.first.size() > 3;
  });
  CHECK(sheets == 10);
  for (int n = 1; n <= 10; ++n) {
    const std::string prefix =
        std::string(w.sheets) + (n < 10 ? "0" : "") + std::to_string(n) + "-";
    CAPTURE(prefix);
    CHECK(std::any_of(files.begin(), files.end(),
                      [&](const auto& f) { return f.first.rfind(prefix, 0) == 0; }));
  }

  // One marker, on one line, and no other kind of blank where the coordinator writes.
  int markers = 0;
  for (const auto& [path, text] : files) {
    CAPTURE(path);
    CHECK_FALSE(has(text, w.other_marker));
    CHECK_FALSE(has(text, "TODO"));
    for (auto at = text.find(w.marker); at != std::string::npos; at = text.find(w.marker, at + 1)) {
      ++markers;
      const std::size_t end = text.find(']', at);
      CHECK(end < text.find('\n', at));
      CHECK_FALSE(has(text.substr(at, end - at), "  "));
    }
  }
  CHECK(markers > 20);
  CHECK_FALSE(has(files.at(w.residency), "……"));
  CHECK_FALSE(has(files.at(w.partnership), "……"));
}

} // namespace

TEST_CASE("the French template carries the whole toolkit")
{
  check_toolkit(k_fr);
}

TEST_CASE(
    "the English template carries the whole toolkit, and says where the French legal frame applies")
{
  check_toolkit(k_en);
  const auto files = render("en");
  CHECK(has(files.at(k_en.residency), "refers to French law"));
  CHECK(has(files.at(k_en.residency), "**Outside France:**"));
  CHECK(has(files.at("sheets/03-legal-frame.md"), "Outside France"));
}
