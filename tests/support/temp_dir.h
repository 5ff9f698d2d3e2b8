#pragma once

// A fresh folder per test, removed afterwards unless RESIDENCE_KEEP_TMP is
// set (then its path is printed, to look at what a failing test left).

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace residence::testing {

namespace fs = std::filesystem;

class TempDir {
public:
  TempDir()
  {
    std::string pattern = (fs::temp_directory_path() / "residence-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = fs::canonical(pattern);
  }
  ~TempDir()
  {
    if (std::getenv("RESIDENCE_KEEP_TMP") != nullptr) {
      std::cerr << "kept " << m_path << "\n";
      return;
    }
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }
  fs::path operator/(const std::string& rel) const { return m_path / rel; }

  // Writes a file below the folder, creating its parents.
  fs::path write(const std::string& rel, const std::string& content) const
  {
    const fs::path p = m_path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    return p;
  }

  std::string read(const std::string& rel) const
  {
    std::ifstream in(m_path / rel, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

private:
  fs::path m_path;
};

} // namespace residence::testing
