#include "io/leftovers.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace residence {

namespace {

// The name atomic_write gives a temporary file: "." + name + ".residence-"
// and the six characters mkstemp chooses.
bool is_temporary_of(std::string_view candidate, std::string_view name)
{
  const std::string_view marker = ".residence-";
  constexpr std::size_t k_random = 6;
  if (candidate.size() != 1 + name.size() + marker.size() + k_random || candidate[0] != '.' ||
      candidate.substr(1, name.size()) != name ||
      candidate.substr(1 + name.size(), marker.size()) != marker) {
    return false;
  }
  const std::string_view random = candidate.substr(1 + name.size() + marker.size());
  return std::all_of(random.begin(), random.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

std::size_t remove_stale_temporaries(const fs::path& target, std::chrono::seconds age)
{
  std::error_code ec;
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string name = target.filename().string();
  const auto now = fs::file_time_type::clock::now();
  std::size_t removed = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    std::error_code file_ec;
    if (!is_temporary_of(path.filename().string(), name) ||
        !fs::is_regular_file(fs::symlink_status(path, file_ec))) {
      continue;
    }
    const auto written = fs::last_write_time(path, file_ec);
    if (!file_ec && now - written > age && fs::remove(path, file_ec)) {
      ++removed;
    }
  }
  return removed;
}

} // namespace residence
