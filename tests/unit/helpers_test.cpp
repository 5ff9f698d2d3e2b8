#include <doctest/doctest.h>

#include "budget/money.h"
#include "templates/helpers.h"

using namespace residence;

TEST_CASE("date offsets apply months first, then weeks and days")
{
  std::string error;
  const Date start = *Date::parse("2027-01-04");
  CHECK(shift_date(start, "-6m", error)->iso() == "2026-07-04");
  CHECK(shift_date(start, "-6m+3w", error)->iso() == "2026-07-25");
  CHECK(shift_date(start, "+1m-1d", error)->iso() == "2027-02-03");
  CHECK(shift_date(start, "", error)->iso() == "2027-01-04");
  CHECK(shift_date(start, " +2y ", error)->iso() == "2029-01-04");
  CHECK_FALSE(shift_date(start, "+6x", error));
  CHECK(error.find("unit 'x'") != std::string::npos);
  CHECK_FALSE(shift_date(start, "six months", error));
}

TEST_CASE("long dates in French and English")
{
  CHECK(long_date(*Date::parse("2027-06-01"), "fr") == "1er\u00a0juin\u00a02027");
  CHECK(long_date(*Date::parse("2027-08-15"), "fr") == "15\u00a0août\u00a02027");
  CHECK(long_date(*Date::parse("2027-06-01"), "en") == "1 June 2027");
}

TEST_CASE("calc does integer arithmetic with precedence")
{
  std::string error;
  CHECK(*calc("15 * 2 * 22", error) == 660);
  CHECK(*calc("1 + 2 * 3", error) == 7);
  CHECK(*calc("(1 + 2) * 3", error) == 9);
  CHECK(*calc("24 / 2 - 1", error) == 11);
  CHECK(*calc("-3 + 5", error) == 2);
  CHECK_FALSE(calc("2 +", error));
  CHECK_FALSE(calc("1 / 0", error));
  CHECK_FALSE(calc("2.5 * 2", error));
}

TEST_CASE("slugs fold French accents and typographic apostrophes")
{
  CHECK(slugify("Résidence d’innovation de Saint-Étienne-du-Rouvray") ==
        "residence-d-innovation-de-saint-etienne-du-rouvray");
  CHECK(slugify("  Œuvre   commune!  ") == "oeuvre-commune");
  CHECK(slugify("🎉 Fête") == "fete");
}

TEST_CASE("TOML escaping keeps quotes, backslashes and control characters valid")
{
  CHECK(toml_escape(R"(Lancement "Phase 1" \ C:\dossier)") == R"(Lancement \"Phase 1\" \\ C:\\dossier)");
  CHECK(toml_escape("a\nb\tc") == "a\\nb\\tc");
  CHECK(toml_escape(std::string("x\x01y")) == "x\\u0001y");
  CHECK(toml_escape("l’eau, « café »") == "l’eau, « café »");
}

TEST_CASE("money is exact to the cent")
{
  CHECK(Money::parse("0.10")->cents == 10);
  CHECK((*Money::parse("0.10") + *Money::parse("0.10") + *Money::parse("0.10")).decimal() == "0.30");
  CHECK(Money::parse("44950")->cents == 4'495'000);
  CHECK(Money::parse("1_000.5")->cents == 100'050);
  CHECK(Money::parse("-12.30")->decimal() == "-12.30");
  std::string error;
  CHECK_FALSE(Money::parse("10.075", &error));
  CHECK(error.find("more than two decimals") != std::string::npos);
  CHECK_FALSE(Money::parse("1e3", &error));
  CHECK_FALSE(Money::parse("", &error));
}

TEST_CASE("money is written the French and the English way")
{
  CHECK(format_money(*Money::parse("184032"), "fr") == "184\u202f032,00\u00a0€");
  CHECK(format_money(*Money::parse("450"), "fr") == "450,00\u00a0€");
  CHECK(format_money(*Money::parse("1234567.5"), "en") == "€1,234,567.50");
  CHECK(format_money(*Money::parse("-5"), "en") == "-€5.00");
}

TEST_CASE("French prepositions before place names elide and contract")
{
  CHECK(french_de("Villeurbanne") == "de Villeurbanne");
  CHECK(french_de("Aubervilliers") == "d’Aubervilliers");
  CHECK(french_de("Évry-Courcouronnes") == "d’Évry-Courcouronnes");
  CHECK(french_de("Le Havre") == "du Havre");
  CHECK(french_de("Les Mureaux") == "des Mureaux");
  CHECK(french_de("La Rochelle") == "de La Rochelle");
  CHECK(french_a("Le Havre") == "au Havre");
  CHECK(french_a("Les Lilas") == "aux Lilas");
  CHECK(french_a("Lyon") == "à Lyon");
}

TEST_CASE("division by zero says so")
{
  std::string error;
  CHECK_FALSE(calc("4 / (2 - 2)", error));
  CHECK(error == "cannot compute '4 / (2 - 2)': division by zero");
}

TEST_CASE("a refused amount is quoted whole, sign included")
{
  std::string error;
  CHECK_FALSE(Money::parse("-0.001", &error));
  CHECK(error == "'-0.001' has more than two decimals; amounts are exact to the cent");
}
