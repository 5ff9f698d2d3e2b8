#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace residence {

namespace fs = std::filesystem;

// Reads a whole file; throws Error (invalid_input) naming `display` when it
// cannot be read.
std::string read_file(const fs::path& path, const std::string& display);

// Reads a whole file, or nothing when it does not exist or cannot be read.
std::optional<std::string> try_read_file(const fs::path& path);

enum class WriteResult { written, unchanged };

// The one way this tool writes a file the user owns: a temporary file in the
// same folder, flushed to disk, then renamed over the target, so a crash never
// leaves a half-written file. An existing file keeps its permissions. When the
// content is already the same, nothing is touched (not even the mtime). A
// symbolic link is written through: its target gets the new content and the
// link stays a link.
// `mode` sets the permission bits of a new file (default: 0666 less umask).
WriteResult atomic_write(const fs::path& path, const std::string& content, std::optional<unsigned> mode = std::nullopt);

// Whether `relative`, resolved below `root` with every symbolic link
// followed (the file itself need not exist), stays inside `root`.
bool resolves_inside(const fs::path& root, const fs::path& relative);

// A path as the user should read it: relative to the current folder when it
// lies below it, otherwise as given.
std::string display_path(const fs::path& path);

} // namespace residence
