#include "check/check.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "check/context.h"

namespace residence {

namespace {

// Run in this order after loading. A new kind of check (the full budget
// model, indicators) adds its function here.
constexpr Checker k_checkers[] = {
    check_dependencies, check_milestone_dates, check_budget, check_data_files, check_documents,
};

// By file in the order they were read, then by position; diagnostics about
// no file come first.
void sort_by_place(std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files)
{
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < files.size(); ++i) {
    rank.emplace(files[i], i + 1);
  }
  const auto rank_of = [&](const Diagnostic& d) {
    if (d.file.empty()) {
      return std::size_t {0};
    }
    const auto found = rank.find(d.file);
    return found == rank.end() ? files.size() + 1 : found->second;
  };
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        return std::tuple(rank_of(a), a.line, a.column) < std::tuple(rank_of(b), b.line, b.column);
      });
}

} // namespace

CheckResult check_workspace(const FileSource& source, const CheckOptions& options)
{
  CheckResult result;
  const CheckContext context = load_context(source, options, result.diagnostics);
  for (Checker checker : k_checkers) {
    checker(context, result.diagnostics);
  }
  for (const auto& file : context.files) {
    result.files.push_back(file.display);
  }
  sort_by_place(result.diagnostics, result.files);
  return result;
}

} // namespace residence
