#include "cli/prompt.h"

#include <iostream>

#include <fmt/format.h>

namespace residence {

Prompter terminal_prompter()
{
  return [](const Question& q, const std::optional<std::string>& fallback,
            const std::string& problem) -> std::optional<std::string> {
    if (!problem.empty()) {
      fmt::print(stderr, "  {}\n", problem);
    } else if (!q.help.empty()) {
      fmt::print(stderr, "  {}\n", q.help);
    }
    std::string choices;
    if (q.type == QuestionType::choice) {
      choices = fmt::format(" ({})", fmt::join(q.choices, "/"));
    } else if (q.type == QuestionType::date) {
      choices = " (YYYY-MM-DD)";
    }
    fmt::print(stderr, "{}{}{}: ", q.prompt, choices, fallback ? fmt::format(" [{}]", *fallback) : std::string{});
    std::fflush(stderr);
    std::string line;
    if (!std::getline(std::cin, line)) {
      return std::nullopt;
    }
    return line;
  };
}

} // namespace residence
