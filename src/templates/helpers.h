#pragma once

// The helpers a template can call: shifted and long-form dates, money,
// integer arithmetic, slugs, and TOML string escaping.

#include <optional>
#include <string>
#include <string_view>

#include "calendar/date.h"

namespace residence {

// Applies offsets like "+6m", "-6m+14d", "+2w" to `base`: months first
// (clamped to the end of the month), then weeks and days. Returns nothing and
// sets `error` on a malformed offset.
std::optional<Date> shift_date(Date base, std::string_view offsets, std::string& error);

// "1er juin 2027" (fr) or "1 June 2027" (en).
std::string long_date(Date date, std::string_view language);

// Integer arithmetic with + - * / (integer division) and parentheses:
// "15 * 2 * 22".
std::optional<long long> calc(std::string_view expression, std::string& error);

// Lowercase ASCII letters, digits and '-': "Résidence d’Étampes" gives
// "residence-d-etampes".
std::string slugify(std::string_view text);

// "de" before a French place name, with elision and contraction:
// "de Villeurbanne", "d’Aubervilliers", "du Havre" (Le Havre), "des Mureaux"
// (Les Mureaux), "de La Rochelle", "de L’Haÿ-les-Roses".
std::string french_de(std::string_view name);

// "à" likewise: "à Lyon", "au Havre", "aux Mureaux", "à La Rochelle".
std::string french_a(std::string_view name);

// Escapes text for the inside of a TOML basic string ("...").
std::string toml_escape(std::string_view text);

} // namespace residence
