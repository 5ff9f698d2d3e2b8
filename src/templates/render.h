#pragma once

// Strict Mustache rendering: a variable that no answer defines is an error
// naming the file and line, never an empty string.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "diagnostics/diagnostic.h"

namespace residence {

class Answers;

// What the context knows besides the answers.
struct ContextInfo {
  std::string language = "fr";
  Date today;
  std::string template_name;
  std::string template_version;
  std::string template_source;
};

enum class Escape { none, toml };

class TemplateContext {
public:
  TemplateContext(const Answers& answers, const ContextInfo& info);
  ~TemplateContext();
  TemplateContext(const TemplateContext&) = delete;
  TemplateContext& operator=(const TemplateContext&) = delete;

  // Renders `text`; on failure returns nothing and adds diagnostics located in
  // `display` (the template file's name).
  std::optional<std::string> render(std::string_view text, const std::string& display, Escape escape,
                                    std::vector<Diagnostic>& problems) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace residence
