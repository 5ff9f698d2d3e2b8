#pragma once

// An exclusive lock between processes: a file created with O_EXCL that holds
// the holder's pid. Two edits started at the same time take turns instead of
// one overwriting the other; a lock left by a process that died is taken over.

#include <chrono>

#include "io/files.h"

namespace residence {

class FileLock {
public:
  // Waits up to `timeout` for the lock. Throws Error (would_overwrite) naming
  // the holder when it is still held after that.
  static FileLock acquire(const fs::path& path, std::chrono::milliseconds timeout);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

private:
  explicit FileLock(fs::path path) : m_path(std::move(path)) {}

  fs::path m_path; // empty once moved from
};

// How long a command waits for a workspace lock: RESIDENCE_LOCK_TIMEOUT_MS
// when set (tests use it), else ten seconds.
std::chrono::milliseconds lock_timeout();

} // namespace residence
