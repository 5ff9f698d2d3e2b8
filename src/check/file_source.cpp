#include "check/file_source.h"

#include <algorithm>

namespace residence {

FileText DiskFiles::read(const std::string& path) const
{
  const fs::path full = m_root / path;
  std::error_code ec;
  if (fs::exists(full, ec) && !resolves_inside(m_root, path)) {
    return {FileText::State::outside, {}};
  }
  if (fs::is_directory(full, ec)) {
    return {FileText::State::folder, {}};
  }
  if (!fs::exists(full, ec)) {
    return {FileText::State::missing, {}};
  }
  auto text = try_read_file(full);
  return text ? FileText {FileText::State::read, std::move(*text)}
              : FileText {FileText::State::unreadable, {}};
}

std::vector<std::string> DiskFiles::markdown_files() const
{
  std::vector<std::string> found;
  std::error_code ec;
  auto it =
      fs::recursive_directory_iterator(m_root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      it.disable_recursion_pending(); // .git, .github, .residence: not documents
      continue;
    }
    if (it->path().extension() == ".md" && it->is_regular_file(ec)) {
      found.push_back(it->path().lexically_relative(m_root).generic_string());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string DiskFiles::display(const std::string& path) const
{
  return display_path(m_root / path);
}

} // namespace residence
