#pragma once

#include "templates/answers.h"

namespace residence {

// Asks on stderr and reads a line from stdin: for people at a terminal.
Prompter terminal_prompter();

} // namespace residence
