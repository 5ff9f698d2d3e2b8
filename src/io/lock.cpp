#include "io/lock.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "diagnostics/diagnostic.h"

namespace residence {

namespace {

using Clock = std::chrono::steady_clock;

// A lock file still empty after this long belongs to a process that died
// between creating it and writing its pid.
constexpr auto k_empty_lock_grace = std::chrono::seconds(5);

[[noreturn]] void fail(const fs::path& path, const std::string& what)
{
  Diagnostic d =
      make_error("lock-failed", fmt::format("cannot lock {}: {}", display_path(path), what));
  throw Error(ExitCode::invalid_input, d);
}

// Creates the file if nobody holds it; false when it already exists.
bool try_create(const fs::path& path)
{
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) {
      return false;
    }
    fail(path, std::strerror(errno));
  }
  const std::string pid = fmt::format("{}\n", ::getpid());
  const bool written = ::write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size());
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    fail(path, "cannot write the process id");
  }
  return true;
}

std::optional<long> holder_of(const fs::path& path)
{
  const auto text = try_read_file(path);
  if (!text) {
    return std::nullopt;
  }
  long pid = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), pid);
  if (ec != std::errc {} || pid <= 0 || end == text->data()) {
    return std::nullopt;
  }
  return pid;
}

bool process_alive(long pid)
{
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::chrono::seconds age_of(const fs::path& path)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::chrono::seconds(0);
  }
  return std::chrono::seconds(std::time(nullptr) - st.st_mtime);
}

bool is_stale(const fs::path& path, const std::optional<long>& holder)
{
  return holder ? !process_alive(*holder) : age_of(path) > k_empty_lock_grace;
}

// Removes a stale lock. Another process may be doing the same, or the lock may
// change hands meanwhile, so this happens under a second lock and only after
// checking again that the same dead holder still owns it.
void break_stale(const fs::path& path, const std::optional<long>& holder)
{
  const fs::path breaker = path.string() + ".break";
  if (!try_create(breaker)) {
    if (age_of(breaker) > k_empty_lock_grace) {
      ::unlink(breaker.c_str()); // its owner died while breaking
    }
    return;
  }
  const auto again = holder_of(path);
  if (again == holder && is_stale(path, again)) {
    ::unlink(path.c_str());
  }
  ::unlink(breaker.c_str());
}

} // namespace

FileLock FileLock::acquire(const fs::path& path, std::chrono::milliseconds timeout)
{
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (try_create(path)) {
      return FileLock(path);
    }
    const auto holder = holder_of(path);
    if (is_stale(path, holder)) {
      break_stale(path, holder);
      continue;
    }
    if (Clock::now() >= deadline) {
      const std::string who =
          holder ? fmt::format("process {}", *holder) : std::string("another process");
      throw Error(
          ExitCode::would_overwrite,
          make_error("locked",
                     fmt::format("the workspace is locked by {} ({})", who, display_path(path)),
                     "another residence command is editing this workspace; run yours again when it "
                     "has finished. If none is running, delete the lock file"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
}

FileLock::FileLock(FileLock&& other) noexcept : m_path(std::move(other.m_path))
{
  other.m_path.clear();
}

FileLock::~FileLock()
{
  if (!m_path.empty() && holder_of(m_path) == ::getpid()) {
    ::unlink(m_path.c_str());
  }
}

std::chrono::milliseconds lock_timeout()
{
  if (const char* text = std::getenv("RESIDENCE_LOCK_TIMEOUT_MS")) {
    long ms = 0;
    const std::string_view view(text);
    if (std::from_chars(view.data(), view.data() + view.size(), ms).ec == std::errc {} && ms >= 0) {
      return std::chrono::milliseconds(ms);
    }
  }
  return std::chrono::seconds(10);
}

} // namespace residence
