#pragma once

#include <string>
#include <string_view>

namespace residence {

// `text` with every byte that is not part of a well-formed UTF-8 sequence
// replaced by U+FFFD, so that JSON and XML readers accept what we write even
// when a user's file holds stray Latin-1 bytes.
std::string valid_utf8(std::string_view text);

} // namespace residence
