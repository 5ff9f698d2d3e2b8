// The data files besides the milestones. The budget is checked only as far
// as it can be without a budget model: it parses, and every amount is exact
// to the cent. The budget issue replaces check_budget with the checks of its
// model (totals, shares, declared against computed).

#include <array>

#include <fmt/format.h>

#include "budget/money.h"
#include "check/context.h"
#include "io/toml_fields.h"

namespace residence {

namespace {

constexpr std::array<std::string_view, 5> k_amount_keys = {"amount", "day_rate", "unit_cost",
                                                           "unit_value", "spent"};
constexpr std::array<std::string_view, 3> k_entry_tables = {"line", "funding", "in_kind"};

void check_amount(const TomlDocument& doc, std::string_view key, const toml::node& node,
                  const std::string& owner, std::vector<Diagnostic>& out)
{
  if (!node.is_integer() && !node.is_floating_point()) {
    out.push_back(diagnostic_at(
        doc, node.source(), Severity::error, "wrong-type",
        fmt::format("'{}' of {} must be an amount, not {}", key, owner, toml_type_name(node)),
        "write the amount as a number without quotes, like 1250.50"));
    return;
  }
  std::string why;
  if (!Money::parse(source_text(doc, node.source()), &why)) {
    out.push_back(diagnostic_at(doc, node.source(), Severity::error, "amount-invalid",
                                fmt::format("'{}' of {}: {}", key, owner, why)));
  }
}

std::string owner_of(std::string_view kind, const toml::table& entry)
{
  const auto id = entry["id"].value<std::string>();
  return id ? fmt::format("{} '{}'", kind, *id) : fmt::format("a {}", kind);
}

} // namespace

void check_budget(const CheckContext& context, std::vector<Diagnostic>& out)
{
  if (!context.manifest || !context.manifest->budget_file) {
    return;
  }
  const auto doc = context.parse(
      fs::path(*context.manifest->budget_file).lexically_normal().generic_string(), out);
  if (!doc) {
    return;
  }
  for (std::string_view kind : k_entry_tables) {
    const toml::array* entries = doc->root[kind].as_array();
    for (std::size_t i = 0; entries != nullptr && i < entries->size(); ++i) {
      const toml::table* entry = entries->get(i)->as_table();
      for (std::string_view key : k_amount_keys) {
        if (const toml::node* node = entry != nullptr ? entry->get(key) : nullptr) {
          check_amount(*doc, key, *node, owner_of(kind, *entry), out);
        }
      }
    }
  }
  if (const toml::table* declared = doc->root["declared"].as_table()) {
    for (const auto& [key, node] : *declared) {
      check_amount(*doc, key.str(), node, "[declared]", out);
    }
  }
}

void check_data_files(const CheckContext& context, std::vector<Diagnostic>& out)
{
  if (context.manifest && context.manifest->indicators_file) {
    context.parse(fs::path(*context.manifest->indicators_file).lexically_normal().generic_string(),
                  out);
  }
  context.parse(k_answers_path, out);
}

} // namespace residence
