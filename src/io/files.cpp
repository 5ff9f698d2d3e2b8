#include "io/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "diagnostics/diagnostic.h"

namespace residence {

namespace {

[[noreturn]] void fail_write(const fs::path& path, const std::string& what)
{
  Diagnostic d = make_error("write-failed", fmt::format("cannot write {}: {}", display_path(path), what));
  d.file = display_path(path);
  throw Error(ExitCode::invalid_input, d);
}

void write_all(int fd, const std::string& content, const fs::path& path)
{
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail_write(path, std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
}

mode_t mode_for(const fs::path& path)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    return st.st_mode & 07777;
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

} // namespace

std::optional<std::string> try_read_file(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    return std::nullopt;
  }
  return text;
}

std::string read_file(const fs::path& path, const std::string& display)
{
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    Diagnostic d = make_error("not-a-file", "this is a folder, not a file");
    d.file = display;
    throw Error(ExitCode::invalid_input, d);
  }
  auto text = try_read_file(path);
  if (!text) {
    const bool missing = !fs::exists(path, ec);
    Diagnostic d = make_error(missing ? "file-missing" : "file-unreadable",
                              missing ? std::string("no such file")
                                      : fmt::format("cannot read the file: {}", std::strerror(errno)));
    d.file = display;
    throw Error(ExitCode::invalid_input, d);
  }
  return *text;
}

bool resolves_inside(const fs::path& root, const fs::path& relative)
{
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  const fs::path resolved = fs::weakly_canonical(root / relative, ec);
  if (ec) {
    return false;
  }
  const fs::path rel = resolved.lexically_relative(base);
  return !rel.empty() && *rel.begin() != "..";
}

WriteResult atomic_write(const fs::path& given, const std::string& content, std::optional<unsigned> mode)
{
  // Renaming over a link would replace the link with a copy.
  std::error_code link_ec;
  const fs::path path = fs::is_symlink(given, link_ec) ? fs::weakly_canonical(given, link_ec) : given;
  if (auto current = try_read_file(path); current && *current == content) {
    return WriteResult::unchanged;
  }

  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string temp = (dir / fmt::format(".{}.residence-XXXXXX", path.filename().string())).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    fail_write(path, std::strerror(errno));
  }
  try {
    write_all(fd, content, path);
    if (::fchmod(fd, mode ? static_cast<mode_t>(*mode) : mode_for(path)) != 0 || ::fsync(fd) != 0) {
      fail_write(path, std::strerror(errno));
    }
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    fail_write(path, reason);
  }
  return WriteResult::written;
}

std::string display_path(const fs::path& path)
{
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec || path.is_relative()) {
    return path.lexically_normal().string();
  }
  const fs::path rel = path.lexically_normal().lexically_relative(cwd);
  if (rel.empty() || *rel.begin() == "..") {
    return path.lexically_normal().string();
  }
  return rel.string();
}

} // namespace residence
