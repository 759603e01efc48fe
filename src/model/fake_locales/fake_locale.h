// The data behind fake values (fake_values.h): one LocaleData per locale, each in its own file
// of this folder. Written for relsynth from common knowledge (common names, real cities with
// their region, postal code prefix and telephone area code, legal company forms); nothing here
// comes from another project's data files, and nothing is anyone's personal data.
//
// Patterns (postal codes, phone numbers, bank account numbers) use: '#' a digit, '@' an
// upper-case letter, '?' an optional digit (half the time), "{}" the city's or bank's part,
// 'A' the next digit of the city's area code; anything else is literal.
#pragma once

#include <span>
#include <string_view>

namespace relsynth::fake {

struct City {
  std::string_view name;
  std::string_view region_code;    // "CA", "BY", "RM"; may be empty
  std::string_view region_name;    // "California", "Bayern", "Lazio"
  std::string_view postal_prefix;  // the leading part of its postal codes ("941", "SW", "750")
  std::string_view area_code;      // telephone area code without the trunk prefix ("415", "30")
};

struct StreetType {
  std::string_view full;    // "Street", "straße", "Rue"
  std::string_view abbrev;  // "St", "str.", "Bd"; empty: none
};

struct LocaleData {
  std::string_view id{};  // "de_DE"
  // The country: English and native names, ISO codes, other ways a database writes it.
  std::string_view country_name{}, native_country_name{}, iso2{}, iso3{};
  std::span<const std::string_view> country_aliases{};

  // People. Locales without names of their own (extra countries below) borrow `names_from`'s.
  std::string_view names_from{};
  std::span<const std::string_view> male_first_names{}, female_first_names{}, last_names{};
  double double_surname_share = 0;  // full names with two surnames (Spain)

  // Streets: "{n}" house number, "{s}" street name, "{t}" street type; "{s}{t}" joins them
  // ("Hauptstraße"). A street name may carry its own type ("Gran Vía"): then "{t}" is empty.
  std::span<const std::string_view> street_names{};
  std::span<const StreetType> street_types{};
  std::string_view street_format{};
  int house_number_digits = 3;  // at most

  std::span<const City> cities{};
  std::string_view postal_format{};  // "#####", "{}?# #@@"

  std::string_view calling_code{};  // "49"
  std::string_view trunk_prefix{};  // dropped after the calling code: "0"; empty: none
  // National formats by area code length (the first whose count of 'A' fits the code).
  std::span<const std::string_view> phone_formats{};

  std::span<const std::string_view> company_suffixes{};  // legal forms: "GmbH", "Inc."
  std::span<const std::string_view> company_words{};     // trades: "Logistics", "Bau"
  // Company templates: "{l}" a last name, "{w}" a trade word, "{c}" the city, "{x}" a suffix.
  std::span<const std::string_view> company_formats{};
  std::span<const std::string_view> free_mail_domains{};
  std::string_view tld{};  // "de", "co.uk"

  // IBAN: country code and total length; the BBAN is bban_format with "{}" a bank code.
  std::string_view iban_country{};  // empty: the country uses no IBAN (the US)
  int iban_length = 0;
  std::string_view bban_format{};
  std::span<const std::string_view> bank_codes{};
};

// The six locales with names, in a fixed order (the first is the default).
const LocaleData& en_US();
const LocaleData& en_GB();
const LocaleData& de_DE();
const LocaleData& fr_FR();
const LocaleData& it_IT();
const LocaleData& es_ES();
// Countries without names of their own: places, phones and the country's names only.
std::span<const LocaleData* const> extra_countries();

}  // namespace relsynth::fake
