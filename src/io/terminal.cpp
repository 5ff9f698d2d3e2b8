#include "io/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace residence {

bool use_color(ColorMode mode, std::FILE* stream)
{
  switch (mode) {
  case ColorMode::always:
    return true;
  case ColorMode::never:
    return false;
  case ColorMode::automatic:
    break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") {
    return false;
  }
  return ::isatty(::fileno(stream)) != 0;
}

bool stdin_is_terminal()
{
  return ::isatty(STDIN_FILENO) != 0;
}

} // namespace residence
