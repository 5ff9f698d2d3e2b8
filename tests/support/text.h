#pragma once

// Small text helpers the tests share.

#include <string>

namespace residence::testing {

inline bool contains(const std::string& text, const std::string& needle)
{
  return text.find(needle) != std::string::npos;
}

// The text with every LF preceded by CR, as a Windows editor saves it.
inline std::string crlf(const std::string& text)
{
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += '\r';
    }
    out += c;
  }
  return out;
}

} // namespace residence::testing
