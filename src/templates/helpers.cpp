#include "templates/helpers.h"

#include <array>
#include <cctype>
#include <utility>

#include <fmt/format.h>

namespace residence {

namespace {

void skip_spaces(std::string_view text, std::size_t& pos)
{
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
    ++pos;
  }
}

std::optional<long long> read_number(std::string_view text, std::size_t& pos)
{
  const std::size_t start = pos;
  long long value = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
    if (value > 100'000'000'000'000LL) {
      return std::nullopt;
    }
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  if (pos == start) {
    return std::nullopt;
  }
  return value;
}

// A small recursive-descent parser: expr = term {(+|-) term}; term = factor
// {(*|/) factor}; factor = [-] number | ( expr ). Division is on integers.
class Calculator {
public:
  explicit Calculator(std::string_view text) : m_text(text) {}

  std::optional<long long> run(std::string& error)
  {
    auto value = expression();
    skip_spaces(m_text, m_pos);
    if (m_division_by_zero) {
      error = fmt::format("cannot compute '{}': division by zero", m_text);
      return std::nullopt;
    }
    if (!value || m_pos != m_text.size()) {
      error = fmt::format("cannot compute '{}': expected integers joined by + - * / and parentheses", m_text);
      return std::nullopt;
    }
    return value;
  }

private:
  std::optional<long long> expression()
  {
    auto value = term();
    for (;;) {
      skip_spaces(m_text, m_pos);
      if (!value || m_pos >= m_text.size() || (m_text[m_pos] != '+' && m_text[m_pos] != '-')) {
        return value;
      }
      const char op = m_text[m_pos++];
      auto rhs = term();
      if (!rhs) {
        return std::nullopt;
      }
      *value = op == '+' ? *value + *rhs : *value - *rhs;
    }
  }

  std::optional<long long> term()
  {
    auto value = factor();
    for (;;) {
      skip_spaces(m_text, m_pos);
      if (!value || m_pos >= m_text.size() || (m_text[m_pos] != '*' && m_text[m_pos] != '/')) {
        return value;
      }
      const char op = m_text[m_pos++];
      auto rhs = factor();
      if (!rhs) {
        return std::nullopt;
      }
      if (op == '/' && *rhs == 0) {
        m_division_by_zero = true;
        return std::nullopt;
      }
      *value = op == '*' ? *value * *rhs : *value / *rhs;
    }
  }

  std::optional<long long> factor()
  {
    skip_spaces(m_text, m_pos);
    if (m_pos < m_text.size() && m_text[m_pos] == '-') {
      ++m_pos;
      auto value = factor();
      return value ? std::optional<long long>(-*value) : std::nullopt;
    }
    if (m_pos < m_text.size() && m_text[m_pos] == '(') {
      ++m_pos;
      auto value = expression();
      skip_spaces(m_text, m_pos);
      if (!value || m_pos >= m_text.size() || m_text[m_pos] != ')') {
        return std::nullopt;
      }
      ++m_pos;
      return value;
    }
    return read_number(m_text, m_pos);
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  bool m_division_by_zero = false;
};

// Latin letters with diacritics as they appear in French, Occitan, Breton,
// Catalan, German or Spanish place names, and their plain forms.
constexpr std::array<std::pair<std::string_view, std::string_view>, 52> k_folds{{
    {"à", "a"}, {"á", "a"}, {"â", "a"}, {"ä", "a"}, {"ã", "a"}, {"å", "a"}, {"æ", "ae"},
    {"ç", "c"}, {"è", "e"}, {"é", "e"}, {"ê", "e"}, {"ë", "e"}, {"ì", "i"}, {"í", "i"},
    {"î", "i"}, {"ï", "i"}, {"ñ", "n"}, {"ò", "o"}, {"ó", "o"}, {"ô", "o"}, {"ö", "o"},
    {"õ", "o"}, {"ø", "o"}, {"œ", "oe"}, {"ù", "u"}, {"ú", "u"}, {"û", "u"}, {"ü", "u"},
    {"ÿ", "y"}, {"ß", "ss"}, {"À", "a"}, {"Á", "a"}, {"Â", "a"}, {"Ä", "a"}, {"Æ", "ae"},
    {"Ç", "c"}, {"È", "e"}, {"É", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"Î", "i"}, {"Ï", "i"},
    {"Ñ", "n"}, {"Ô", "o"}, {"Ö", "o"}, {"Œ", "oe"}, {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"},
    {"Ÿ", "y"}, {"Í", "i"}, {"Ó", "o"},
}};

} // namespace

std::optional<Date> shift_date(Date base, std::string_view offsets, std::string& error)
{
  int months = 0;
  long days = 0;
  std::size_t pos = 0;
  skip_spaces(offsets, pos);
  while (pos < offsets.size()) {
    int sign = 1;
    if (offsets[pos] == '+' || offsets[pos] == '-') {
      sign = offsets[pos] == '-' ? -1 : 1;
      ++pos;
    }
    auto n = read_number(offsets, pos);
    if (!n || pos >= offsets.size() || *n > 1200) {
      error = fmt::format("bad date offset '{}': write terms like +6m, -2w, +10d", offsets);
      return std::nullopt;
    }
    const char unit = offsets[pos++];
    const long amount = sign * static_cast<long>(*n);
    if (unit == 'm') {
      months += static_cast<int>(amount);
    } else if (unit == 'y') {
      months += static_cast<int>(amount * 12);
    } else if (unit == 'w') {
      days += amount * 7;
    } else if (unit == 'd') {
      days += amount;
    } else {
      error = fmt::format("bad date offset '{}': unit '{}' is not one of d, w, m, y", offsets, unit);
      return std::nullopt;
    }
    skip_spaces(offsets, pos);
  }
  return base.add_months(months).add_days(days);
}

std::string long_date(Date date, std::string_view language)
{
  static constexpr std::array<const char*, 12> fr{"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                                  "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static constexpr std::array<const char*, 12> en{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
  const auto month = static_cast<std::size_t>(date.month() - 1);
  if (language == "fr") {
    return fmt::format("{}{}\u00a0{}\u00a0{}", date.day(), date.day() == 1 ? "er" : "", fr[month], date.year());
  }
  return fmt::format("{} {} {}", date.day(), en[month], date.year());
}

std::optional<long long> calc(std::string_view expression, std::string& error)
{
  return Calculator(expression).run(error);
}

std::string slugify(std::string_view text)
{
  std::string slug;
  bool dash = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::string_view plain;
    std::size_t consumed = 1;
    for (const auto& [accented, folded] : k_folds) {
      if (text.substr(pos, accented.size()) == accented) {
        plain = folded;
        consumed = accented.size();
        break;
      }
    }
    const auto c = static_cast<unsigned char>(text[pos]);
    if (plain.empty() && c < 0x80 && std::isalnum(c) != 0) {
      slug += static_cast<char>(std::tolower(c));
      dash = false;
    } else if (!plain.empty()) {
      slug += plain;
      dash = false;
    } else if (!dash && !slug.empty()) {
      slug += '-';
      dash = true;
    }
    if (plain.empty() && c >= 0x80) {
      while (pos + consumed < text.size() && (static_cast<unsigned char>(text[pos + consumed]) & 0xC0) == 0x80) {
        ++consumed; // skip the rest of a code point we do not fold
      }
    }
    pos += consumed;
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  return slug;
}

namespace {

bool starts_with_vowel(std::string_view text)
{
  static constexpr std::array<std::string_view, 24> vowels{
      "A", "E", "I", "O", "U", "Y", "a", "e", "i", "o", "u", "y",
      "É", "È", "Ê", "À", "Â", "Î", "Ô", "Œ", "é", "è", "ê", "œ"};
  for (const auto& v : vowels) {
    if (text.substr(0, v.size()) == v) {
      return true;
    }
  }
  return false;
}

} // namespace

std::string french_de(std::string_view name)
{
  if (name.substr(0, 3) == "Le ") {
    return fmt::format("du {}", name.substr(3));
  }
  if (name.substr(0, 4) == "Les ") {
    return fmt::format("des {}", name.substr(4));
  }
  if (starts_with_vowel(name)) {
    return fmt::format("d’{}", name);
  }
  return fmt::format("de {}", name);
}

std::string french_a(std::string_view name)
{
  if (name.substr(0, 3) == "Le ") {
    return fmt::format("au {}", name.substr(3));
  }
  if (name.substr(0, 4) == "Les ") {
    return fmt::format("aux {}", name.substr(4));
  }
  return fmt::format("à {}", name);
}

std::string toml_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      } else {
        out += c;
      }
    }
  }
  return out;
}

} // namespace residence
