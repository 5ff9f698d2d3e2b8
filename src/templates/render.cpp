#include "templates/render.h"

#include <set>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "budget/money.h"
#include "io/text.h"
#include "templates/answers.h"
#include "templates/helpers.h"

namespace residence {

namespace mstch = kainjow::mustache;

namespace {

// Records every name the template looks up and finds nowhere.
class StrictContext : public mstch::context<std::string> {
public:
  explicit StrictContext(const mstch::data* data) : mstch::context<std::string>(data) {}

  const mstch::data* get(const std::string& name) const override
  {
    const mstch::data* found = mstch::context<std::string>::get(name);
    if (found == nullptr && name != ".") {
      m_missing.insert(name);
    }
    return found;
  }

  // A partial would read another text into the template: not supported.
  const mstch::data* get_partial(const std::string& name) const override
  {
    m_partials.insert(name);
    return nullptr;
  }

  const std::set<std::string>& missing() const { return m_missing; }
  const std::set<std::string>& partials() const { return m_partials; }

private:
  mutable std::set<std::string> m_missing;
  mutable std::set<std::string> m_partials;
};

bool is_tag_sigil(char c)
{
  return c == '#' || c == '^' || c == '/' || c == '&' || c == '{' || c == '>';
}

// The byte offset of the first tag naming `name`, for error positions.
std::size_t find_tag(std::string_view text, std::string_view name)
{
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    std::size_t p = pos + 2;
    while (p < text.size() && (is_tag_sigil(text[p]) || text[p] == ' ')) {
      ++p;
    }
    if (text.substr(p, name.size()) == name) {
      const std::size_t after = p + name.size();
      if (after < text.size() && (text[after] == '}' || text[after] == ' ')) {
        return pos;
      }
    }
    pos += 2;
  }
  return std::string_view::npos;
}

Diagnostic located(std::string_view text, const std::string& display, std::size_t offset, std::string code,
                   std::string message, std::string hint = {})
{
  Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
  d.file = display;
  if (offset != std::string_view::npos) {
    const LineColumn at = line_column(text, offset);
    d.line = at.line;
    d.column = at.column;
    d.source_line = text_line(text, at.line);
  }
  return d;
}

// kainjow reports syntax errors as "... at 12", a byte offset.
std::size_t error_offset(const std::string& message)
{
  const std::size_t at = message.rfind(" at ");
  if (at == std::string::npos) {
    return std::string_view::npos;
  }
  try {
    return static_cast<std::size_t>(std::stoul(message.substr(at + 4)));
  } catch (const std::exception&) {
    return std::string_view::npos;
  }
}

std::string trim(std::string text)
{
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

constexpr std::size_t k_max_nesting = 64;

// The offset of the first section opened deeper than `limit`, or npos.
std::size_t nesting_beyond(std::string_view text, std::size_t limit)
{
  std::size_t depth = 0;
  for (std::size_t pos = text.find("{{"); pos != std::string_view::npos; pos = text.find("{{", pos + 2)) {
    const char sigil = pos + 2 < text.size() ? text[pos + 2] : '\0';
    if (sigil == '#' || sigil == '^') {
      if (++depth > limit) {
        return pos;
      }
    } else if (sigil == '/' && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

} // namespace

struct TemplateContext::Impl {
  ContextInfo info;
  mstch::data data{mstch::data::type::object};
  struct HelperError {
    std::string helper;
    std::string section; // the raw text between the tags, to find the right call
    std::string message;
  };
  mutable std::vector<HelperError> helper_errors;

  std::optional<Date> date_answer(const Answers& answers, const char* key) const
  {
    auto text = answers.value(key);
    return text ? Date::parse(*text) : std::nullopt;
  }

  // A lambda whose inner text is rendered first, then transformed.
  void add_helper(const std::string& name, std::function<std::optional<std::string>(const std::string&, std::string&)> fn)
  {
    data.set(name, mstch::lambda2{[this, name, fn](const std::string& text, const mstch::renderer& render) {
      const std::string inner = trim(render(text, false));
      std::string error;
      auto result = fn(inner, error);
      if (!result) {
        helper_errors.push_back({name, text, error});
        return std::string{};
      }
      return *result;
    }});
  }

  void add_date_helpers(const Answers& answers)
  {
    const auto start = date_answer(answers, "start_date");
    const auto months = answers.value("duration_months");
    std::optional<Date> end;
    if (start && months) {
      end = start->add_months(std::stoi(*months)).add_days(-1);
    }
    const std::string lang = info.language;
    const auto shifter = [](std::optional<Date> base, const char* what) {
      return [base, what](const std::string& offsets, std::string& error) -> std::optional<std::string> {
        if (!base) {
          error = fmt::format("needs the answer {}", what);
          return std::nullopt;
        }
        auto date = shift_date(*base, offsets, error);
        return date ? std::optional<std::string>(date->iso()) : std::nullopt;
      };
    };
    add_helper("from_start", shifter(start, "start_date"));
    add_helper("from_end", shifter(end, "start_date and duration_months"));
    add_helper("from_today", shifter(info.today, "today"));
    add_helper("long_date", [lang](const std::string& text, std::string& error) -> std::optional<std::string> {
      auto date = Date::parse(text);
      if (!date) {
        error = fmt::format("'{}' is not a date (YYYY-MM-DD)", text);
        return std::nullopt;
      }
      return long_date(*date, lang);
    });
    add_helper("first_of_month", [](const std::string& text, std::string& error) -> std::optional<std::string> {
      auto date = Date::parse(text);
      if (!date) {
        error = fmt::format("'{}' is not a date (YYYY-MM-DD)", text);
        return std::nullopt;
      }
      return Date::from_ymd(date->year(), date->month(), 1)->iso();
    });
    if (start) {
      set_derived(answers, "start_date_long", long_date(*start, lang));
    }
    if (end) {
      set_derived(answers, "end_date", end->iso());
      set_derived(answers, "end_date_long", long_date(*end, lang));
    }
  }

  // A value the engine derives gives way to an answer of the same name.
  void set_derived(const Answers& answers, const std::string& key, const std::string& value)
  {
    if (answers.find(key) == nullptr) {
      data.set(key, value);
    }
  }

  void add_value_helpers()
  {
    const std::string lang = info.language;
    add_helper("money", [lang](const std::string& text, std::string& error) -> std::optional<std::string> {
      auto amount = Money::parse(text, &error);
      return amount ? std::optional<std::string>(format_money(*amount, lang)) : std::nullopt;
    });
    add_helper("calc", [](const std::string& text, std::string& error) -> std::optional<std::string> {
      auto value = calc(text, error);
      return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
    });
    // Not "slug", which is the variable holding the slug of the name.
    add_helper("de", [](const std::string& text, std::string&) -> std::optional<std::string> {
      return french_de(text);
    });
    add_helper("à", [](const std::string& text, std::string&) -> std::optional<std::string> {
      return french_a(text);
    });
    add_helper("slugify", [](const std::string& text, std::string&) -> std::optional<std::string> {
      return slugify(text);
    });
  }

  void add_answers(const Answers& answers)
  {
    for (const auto& a : answers.all()) {
      if (a.type == QuestionType::boolean) {
        data.set(a.key, a.value == "true" ? mstch::data::type::bool_true : mstch::data::type::bool_false);
      } else {
        data.set(a.key, a.value);
      }
      for (const auto& choice : a.choices) {
        data.set(fmt::format("{}_{}", a.key, slugify(choice)),
                 choice == a.value ? mstch::data::type::bool_true : mstch::data::type::bool_false);
      }
    }
    if (auto name = answers.value("name")) {
      set_derived(answers, "slug", slugify(*name));
    }
  }
};

TemplateContext::TemplateContext(const Answers& answers, const ContextInfo& info) : m_impl(std::make_unique<Impl>())
{
  m_impl->info = info;
  m_impl->data.set("template_name", info.template_name);
  m_impl->data.set("template_version", info.template_version);
  m_impl->data.set("template_source", info.template_source);
  m_impl->data.set("today", info.today.iso());
  m_impl->data.set("residence_version", RESIDENCE_VERSION);
  m_impl->add_answers(answers);
  m_impl->add_date_helpers(answers);
  m_impl->add_value_helpers();
}

TemplateContext::~TemplateContext() = default;

std::optional<std::string> TemplateContext::render(std::string_view text, const std::string& display, Escape escape,
                                                   std::vector<Diagnostic>& problems) const
{
  // The Mustache library recurses once per nested section; thousands of
  // levels exhaust the stack. No document needs more than a few.
  if (const std::size_t too_deep = nesting_beyond(text, k_max_nesting); too_deep != std::string_view::npos) {
    problems.push_back(located(text, display, too_deep, "template-too-deep",
                               fmt::format("sections are nested more than {} levels deep", k_max_nesting)));
    return std::nullopt;
  }
  const std::string source(text);
  mstch::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    problems.push_back(located(text, display, error_offset(tmpl.error_message()), "template-syntax",
                               fmt::format("template syntax error: {}", tmpl.error_message())));
    return std::nullopt;
  }
  if (escape == Escape::toml) {
    tmpl.set_custom_escape([](const std::string& s) { return toml_escape(s); });
  } else {
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  }

  m_impl->helper_errors.clear();
  StrictContext context(&m_impl->data);
  std::string result = tmpl.render(context);

  bool ok = true;
  for (const auto& name : context.missing()) {
    problems.push_back(located(text, display, find_tag(text, name), "template-undefined",
                               fmt::format("template variable '{}' is not defined by any answer", name),
                               "add a question with this key to template.toml, or fix the name"));
    ok = false;
  }
  for (const auto& e : m_impl->helper_errors) {
    std::size_t at = text.find(fmt::format("{{{{#{}}}}}{}", e.helper, e.section));
    if (at == std::string_view::npos) {
      at = find_tag(text, e.helper);
    }
    problems.push_back(located(text, display, at, "template-helper", fmt::format("{{{{#{}}}}}: {}", e.helper, e.message)));
    ok = false;
  }
  for (const auto& name : context.partials()) {
    problems.push_back(located(text, display, text.find("{{>"), "template-partial",
                               fmt::format("partials such as {{{{> {}}}}} are not supported", name),
                               "a template file cannot include another text; write the content in place"));
    ok = false;
  }
  if (!tmpl.is_valid()) {
    problems.push_back(located(text, display, std::string_view::npos, "template-render", tmpl.error_message()));
    ok = false;
  }
  if (!ok) {
    return std::nullopt;
  }
  return result;
}

} // namespace residence
