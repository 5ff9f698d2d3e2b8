#pragma once

// Temporary files that atomic_write leaves behind when the process is killed
// between creating one and renaming it over its target.

#include <chrono>

#include "io/files.h"

namespace residence {

// How old a leftover must be before it is removed: a write lives for
// milliseconds, so a temporary file this old has no writer any more.
constexpr std::chrono::seconds k_leftover_age {60};

// Removes the temporary files of `target` (".NAME.residence-XXXXXX" next to
// it, exactly that pattern) older than `age`. Call it only while holding the
// lock that serialises writers of `target`. Returns how many were removed;
// a file that cannot be removed is left alone.
std::size_t remove_stale_temporaries(const fs::path& target,
                                     std::chrono::seconds age = k_leftover_age);

} // namespace residence
