#include "io/staging.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "diagnostics/diagnostic.h"

namespace residence {

namespace {

constexpr std::string_view k_prefix = ".residence-init-";

[[noreturn]] void fail(const fs::path& where, const std::string& doing, int error)
{
  Diagnostic d = make_error("write-failed", fmt::format("cannot {} {}: {}", doing, display_path(where), std::strerror(error)));
  throw Error(ExitCode::invalid_input, d);
}

// ".residence-init-<pid>-XXXXXX" of a process that no longer runs.
bool is_stale_staging(const std::string& name)
{
  if (name.rfind(k_prefix, 0) != 0) {
    return false;
  }
  const std::string rest = name.substr(k_prefix.size());
  const auto dash = rest.find('-');
  if (dash == std::string::npos || dash == 0) {
    return false;
  }
  const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

sigset_t interrupt_signals()
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGQUIT);
  return set;
}

} // namespace

bool is_empty_after_cleanup(const fs::path& dir)
{
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory(ec) || !is_stale_staging(name)) {
      return false;
    }
    fs::remove_all(entry.path(), ec);
  }
  return !ec;
}

StagedFolder::StagedFolder(const fs::path& target) : m_target(target)
{
  const sigset_t block = interrupt_signals();
  sigprocmask(SIG_BLOCK, &block, &m_previous_mask);
  try {
    std::vector<fs::path> missing;
    for (fs::path p = target; !p.empty() && !fs::exists(p); p = p.parent_path()) {
      missing.insert(missing.begin(), p);
      if (p == p.parent_path()) {
        break;
      }
    }
    for (const auto& dir : missing) {
      if (::mkdir(dir.c_str(), 0777) != 0) {
        fail(dir, "create the folder", errno);
      }
      m_created.push_back(dir);
    }
    std::string pattern = (target / fmt::format("{}{}-XXXXXX", k_prefix, ::getpid())).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      fail(target, "write in", errno);
    }
    m_staging = pattern;
  } catch (...) {
    roll_back();
    throw;
  }
}

StagedFolder::~StagedFolder()
{
  if (!m_committed) {
    roll_back();
  }
}

void StagedFolder::commit()
{
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(m_staging)) {
    const fs::path destination = m_target / entry.path().filename();
    if (fs::exists(fs::symlink_status(destination, ec))) {
      Diagnostic d = make_error("destination-changed",
                                fmt::format("{} appeared while the workspace was written; nothing was changed", display_path(destination)));
      throw Error(ExitCode::would_overwrite, d);
    }
    if (::rename(entry.path().c_str(), destination.c_str()) != 0) {
      fail(destination, "move into place", errno);
    }
    m_moved.push_back(destination);
  }
  fs::remove(m_staging, ec);
  m_committed = true;
  sigprocmask(SIG_SETMASK, &m_previous_mask, nullptr);
}

void StagedFolder::roll_back() noexcept
{
  std::error_code ec;
  for (const auto& moved : m_moved) {
    fs::remove_all(moved, ec);
  }
  if (!m_staging.empty()) {
    fs::remove_all(m_staging, ec);
  }
  for (auto it = m_created.rbegin(); it != m_created.rend(); ++it) {
    fs::remove(*it, ec);
  }
  sigprocmask(SIG_SETMASK, &m_previous_mask, nullptr);
}

} // namespace residence
