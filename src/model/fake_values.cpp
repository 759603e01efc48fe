// Fake values (fake_values.h): locale lookup, personas, and the fake generator that learns a
// column's shape and formats the row's persona in it.
#include "model/fake_values.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/text.h"
#include "model/fake_locales/fake_locale.h"
#include "model/fake_text.h"
#include "model/word_lists.h"
#include "relsynth/error.h"

namespace relsynth {

using fake::City;
using fake::fold_ascii;
using fake::LocaleData;
using fake::match_key;
using text::CaseStyle;

namespace {

constexpr std::array<std::string_view, 15> kKindNames = {
    "name",        "first_name", "last_name", "email", "phone", "address", "city",     "state",
    "postal_code", "country",    "company",   "iban",  "url",   "uuid",    "username",
};

std::span<const LocaleData* const> named_locales() {
  static const std::array<const LocaleData*, 6> kLocales = {&fake::en_US(), &fake::en_GB(),
                                                            &fake::de_DE(), &fake::fr_FR(),
                                                            &fake::it_IT(), &fake::es_ES()};
  return kLocales;
}

const LocaleData* find_locale(std::string_view id) {
  for (const LocaleData* locale : named_locales())
    if (locale->id == id) return locale;
  for (const LocaleData* locale : fake::extra_countries())
    if (locale->id == id) return locale;
  return nullptr;
}

// The locale whose people (names, streets, companies, free-mail domains) a place uses.
const LocaleData& people_of(const LocaleData& place, const LocaleData& fallback) {
  if (!place.last_names.empty()) return place;
  const LocaleData* named = find_locale(place.names_from);
  return named != nullptr && !named->last_names.empty() ? *named : fallback;
}

// Every way a country is written, folded, to its locale.
const std::unordered_map<std::string, const LocaleData*>& country_index() {
  static const std::unordered_map<std::string, const LocaleData*> index = [] {
    std::unordered_map<std::string, const LocaleData*> out;
    auto add = [&](const LocaleData* locale) {
      for (std::string_view name :
           {locale->country_name, locale->native_country_name, locale->iso2, locale->iso3})
        out.emplace(match_key(name), locale);
      for (std::string_view alias : locale->country_aliases) out.emplace(match_key(alias), locale);
    };
    for (const LocaleData* locale : named_locales()) add(locale);
    for (const LocaleData* locale : fake::extra_countries()) add(locale);
    return out;
  }();
  return index;
}

const LocaleData* locale_of_country_value(std::string_view value) {
  const auto& index = country_index();
  const auto it = index.find(match_key(value));
  return it == index.end() ? nullptr : it->second;
}

// Folded first and last names of every locale, to read e-mail local parts without names.
struct KnownNames {
  std::unordered_set<std::string> first, last;
};
const KnownNames& known_names() {
  static const KnownNames names = [] {
    KnownNames out;
    for (const LocaleData* locale : named_locales()) {
      const bool umlauts = locale->id == "de_DE";
      for (auto list : {locale->male_first_names, locale->female_first_names})
        for (std::string_view name : list) {
          out.first.insert(fold_ascii(name));
          if (umlauts) out.first.insert(fold_ascii(name, true));
        }
      for (std::string_view name : locale->last_names) {
        out.last.insert(fold_ascii(name));
        if (umlauts) out.last.insert(fold_ascii(name, true));
      }
    }
    return out;
  }();
  return names;
}

// Words of a column name, lower case: "BillingPostalCode" -> billing, postal, code.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alnum = text::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool boundary = text::is_upper(c) && i > 0 && text::is_lower(name[i - 1]);
    if (!alnum || boundary) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    }
    if (alnum) word.push_back(static_cast<char>(text::is_upper(c) ? c - 'A' + 'a' : c));
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> any) {
  for (const std::string& w : words)
    for (std::string_view a : any)
      if (w == a) return true;
  return false;
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> any) {
  for (std::string_view a : any)
    if (text.find(a) != std::string_view::npos) return true;
  return false;
}

// The width a character type declares ("NVARCHAR(40)" -> 40), 0 when none.
uint32_t declared_width(std::string_view sql_type) {
  const std::string type = fold_ascii(sql_type.substr(0, sql_type.find('(')));
  if (type.find("char") == std::string::npos) return 0;
  const size_t open = sql_type.find('(');
  if (open == std::string_view::npos) return 0;
  uint32_t width = 0;
  std::from_chars(sql_type.data() + open + 1, sql_type.data() + sql_type.size(), width);
  return width;
}

// A city's name, region code and region name folded (match_key), for matching row values.
struct CityKeys {
  std::string name, code, region;
  bool in_region(const std::string& key) const { return key == code || key == region; }
};

// The keys of a locale's cities, in their order (folded once: matching is per row).
const std::vector<CityKeys>& city_keys(const LocaleData& locale) {
  static const std::unordered_map<const LocaleData*, std::vector<CityKeys>> keys = [] {
    std::unordered_map<const LocaleData*, std::vector<CityKeys>> out;
    auto add = [&](const LocaleData* l) {
      for (const City& city : l->cities)
        out[l].push_back(
            {match_key(city.name), match_key(city.region_code), match_key(city.region_name)});
    };
    for (const LocaleData* l : named_locales()) add(l);
    for (const LocaleData* l : fake::extra_countries()) add(l);
    return out;
  }();
  return keys.at(&locale);
}

// Whether `region_key` (folded) names a region (code or name) of one of the locale's cities.
bool is_region_of(const LocaleData& locale, const std::string& region_key) {
  for (const CityKeys& keys : city_keys(locale))
    if (keys.in_region(region_key)) return true;
  return false;
}

bool is_state_column(std::string_view name) {
  return has_word(name_words(name), {"state", "province", "region", "county", "prefecture"});
}

// ---- Learned shapes -------------------------------------------------------------------------

// Small weighted choices (index i with weight w[i]).
struct Choice {
  std::vector<float> weights;
  void add(size_t i, float w = 1) {
    if (weights.size() <= i) weights.resize(i + 1, 0);
    weights[i] += w;
  }
  bool empty() const {
    for (float w : weights)
      if (w > 0) return false;
    return true;
  }
  size_t draw(Rng& rng, size_t fallback) const {
    return empty() ? fallback : rng.sample(std::span<const float>(weights));
  }
  float share(size_t i) const {
    float total = 0;
    for (float w : weights) total += w;
    return total > 0 && i < weights.size() ? weights[i] / total : 0.f;
  }
};

enum NameForm : uint8_t {
  kFirstLast = 0,
  kFirstMiddleLast = 1,
  kFirstInitialLast = 2,
  kLastCommaFirst = 3,
  kFirstOnly = 4,
  kLastOnly = 5,
  kInitialLast = 6,
  kNameForms = 7,
};

// E-mail local parts and user names, as built from a first name f and last name l.
enum LocalForm : uint8_t {
  kFSepL = 0,     // first.last
  kInitialL = 1,  // flast
  kFL = 2,        // firstlast
  kF = 3,         // first
  kL = 4,         // last
  kFInitial = 5,  // firstl
  kLSepF = 6,     // last.first
  kISepL = 7,     // f.last
  kFPartL = 8,    // (first 2-3 letters of first)last
  kLocalForms = 9,
};

constexpr std::array<std::string_view, 3> kSeparators = {".", "_", "-"};

// Free-mail providers (any country): their domains are the person's, not an employer's.
bool is_free_mail(std::string_view domain) {
  const std::string host(domain.substr(0, domain.find('.')));
  static const std::unordered_set<std::string_view> kProviders = {
      "gmail",      "googlemail", "yahoo",     "ymail",      "hotmail",  "outlook",    "live",
      "msn",        "aol",        "icloud",    "me",         "mac",      "gmx",        "web",
      "t-online",   "freenet",    "orange",    "free",       "laposte",  "wanadoo",    "sfr",
      "libero",     "virgilio",   "alice",     "tiscali",    "tim",      "telefonica", "movistar",
      "btinternet", "sky",        "yandex",    "mail",       "proton",   "protonmail", "posteo",
      "comcast",    "verizon",    "att",       "rediffmail", "uol",      "bol",        "terra",
      "sapo",       "wp",         "o2",        "seznam",     "qq",       "163",        "naver",
      "shaw",       "rogers",     "sympatico", "bigpond",    "optusnet", "eircom",     "zonnet",
      "telenet",    "skynet",     "bluewin",   "hispeed",    "chello",   "inbox",      "rambler"};
  for (const LocaleData* locale : named_locales())
    for (std::string_view d : locale->free_mail_domains)
      if (d == domain) return true;
  return kProviders.count(host) > 0;
}

struct NameParts {
  std::string first, last;  // folded
};

// How an e-mail's local part (without trailing digits) is built, given the row's names (empty
// when the table has none); the separator used, if any.
int classify_local(std::string_view local, const NameParts& names, std::string_view& separator) {
  separator = {};
  const std::string& f = names.first;
  const std::string& l = names.last;
  if (!f.empty() && !l.empty()) {
    for (std::string_view sep : {std::string_view(), std::string_view("."), std::string_view("_"),
                                 std::string_view("-")}) {
      const std::string s(sep);
      if (local == f + s + l) return separator = sep, sep.empty() ? kFL : kFSepL;
      if (local == l + s + f) return separator = sep, kLSepF;
      if (local == f.substr(0, 1) + s + l) return separator = sep, sep.empty() ? kInitialL : kISepL;
    }
    if (local == f) return kF;
    if (local == l) return kL;
    if (local == f + l.substr(0, 1)) return kFInitial;
    for (size_t n = 2; n < f.size() && n <= 3; ++n)
      if (local == f.substr(0, n) + l) return kFPartL;
    return -1;
  }
  // No names in the row: the structure, read against the name lists.
  const KnownNames& known = known_names();
  const size_t sep_at = local.find_first_of("._-");
  if (sep_at != std::string_view::npos) {
    separator = local.substr(sep_at, 1);
    const std::string a(local.substr(0, sep_at)), b(local.substr(sep_at + 1));
    if (a.size() == 1) return kISepL;
    if (known.last.count(a) && known.first.count(b) && !known.first.count(a)) return kLSepF;
    return kFSepL;
  }
  const std::string whole(local);
  if (known.first.count(whole)) return kF;
  if (known.last.count(whole)) return kL;
  if (whole.size() > 1 && known.last.count(whole.substr(1))) return kInitialL;
  for (size_t n = std::min<size_t>(whole.size() - 1, 12); n >= 2; --n) {
    if (!known.first.count(whole.substr(0, n))) continue;
    return whole.size() - n == 1 ? kFInitial : kFL;
  }
  return -1;
}

std::string local_of(int form, const std::string& f, const std::string& l, std::string_view sep) {
  switch (form) {
    case kFSepL:
      return f + std::string(sep.empty() ? "." : sep) + l;
    case kInitialL:
      return f.substr(0, 1) + l;
    case kFL:
      return f + l;
    case kF:
      return f;
    case kL:
      return l;
    case kFInitial:
      return f + l.substr(0, 1);
    case kLSepF:
      return l + std::string(sep.empty() ? "." : sep) + f;
    case kISepL:
      return f.substr(0, 1) + std::string(sep.empty() ? "." : sep) + l;
    default:
      return f.substr(0, std::min<size_t>(f.size(), 2)) + l;
  }
}

// The six ways a country is written.
enum CountryForm : uint8_t { kEnglish = 0, kNative = 1, kIso2 = 2, kIso3 = 3, kAlias = 4 };

int country_form_of(std::string_view value, const LocaleData& locale) {
  if (value == locale.country_name) return kEnglish;
  if (value == locale.native_country_name) return kNative;
  if (value == locale.iso2) return kIso2;
  if (value == locale.iso3) return kIso3;
  if (!locale.country_aliases.empty() && value == locale.country_aliases[0]) return kAlias;
  return -1;
}

std::string country_in(const LocaleData& locale, int form) {
  switch (form) {
    case kNative:
      return std::string(locale.native_country_name);
    case kIso2:
      return std::string(locale.iso2);
    case kIso3:
      return std::string(locale.iso3);
    case kAlias:
      return std::string(locale.country_aliases.empty() ? locale.country_name
                                                        : locale.country_aliases[0]);
    default:
      return std::string(locale.country_name);
  }
}

// Legal forms of every locale, folded ("gmbh", "inc", "spa").
bool is_company_suffix(std::string_view word) {
  static const std::unordered_set<std::string> suffixes = [] {
    std::unordered_set<std::string> out = {
        "corporation", "corp", "company", "co", "limited", "plc",  "sa",  "srl", "sro", "ab", "as",
        "bv",          "nv",   "oy",      "ag", "kg",      "gmbh", "llc", "inc", "ltd", "sl"};
    for (const LocaleData* locale : named_locales())
      for (std::string_view s : locale->company_suffixes) out.insert(fold_ascii(s));
    return out;
  }();
  return suffixes.count(fold_ascii(word)) > 0;
}

bool is_street_abbreviation(std::string_view word) {
  static const std::unordered_set<std::string> abbreviations = [] {
    std::unordered_set<std::string> out;
    for (const LocaleData* locale : named_locales())
      for (const fake::StreetType& type : locale->street_types)
        if (!type.abbrev.empty()) out.insert(fold_ascii(type.abbrev));
    return out;
  }();
  const std::string folded = fold_ascii(word);
  return !folded.empty() && abbreviations.count(folded) && word.size() <= 5;
}

bool is_street_type(std::string_view word) {
  static const std::unordered_set<std::string> types = [] {
    std::unordered_set<std::string> out;
    for (const LocaleData* locale : named_locales())
      for (const fake::StreetType& type : locale->street_types) out.insert(fold_ascii(type.full));
    return out;
  }();
  return types.count(fold_ascii(word)) > 0;
}

std::vector<std::string_view> split_words(std::string_view value) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == ',')) ++i;
    size_t j = i;
    while (j < value.size() && value[j] != ' ' && value[j] != ',') ++j;
    if (j > i) words.push_back(value.substr(i, j - i));
    i = j;
  }
  return words;
}

bool is_title(std::string_view word) {
  static const std::unordered_set<std::string> titles = {
      "mr",   "mrs", "ms",    "miss", "dr", "prof", "herr", "frau", "m",   "mme",
      "mlle", "sig", "sigra", "dott", "sr", "sra",  "srta", "don",  "dona"};
  return titles.count(fold_ascii(word)) > 0;
}

std::string_view title_for(const LocaleData& people, bool female) {
  const std::string_view id = people.id;
  if (id == "de_DE") return female ? "Frau" : "Herr";
  if (id == "fr_FR") return female ? "Mme" : "M.";
  if (id == "it_IT") return female ? "Sig.ra" : "Sig.";
  if (id == "es_ES") return female ? "Sra." : "Sr.";
  if (id == "en_GB") return female ? "Mrs" : "Mr";
  return female ? "Ms." : "Mr.";
}

CaseStyle case_of_values(const std::vector<std::string>& values) {
  size_t upper = 0, lower = 0, other = 0;
  for (const std::string& v : values) {
    bool has_upper = false, has_lower = false;
    for (char c : v) {
      has_upper |= text::is_upper(c);
      has_lower |= text::is_lower(c);
    }
    if (has_upper && !has_lower)
      ++upper;
    else if (has_lower && !has_upper)
      ++lower;
    else if (has_upper || has_lower)
      ++other;
  }
  if (upper > lower + other) return CaseStyle::Upper;
  if (lower > upper + other) return CaseStyle::Lower;
  return CaseStyle::Mixed;  // as written
}

// ---- Personas -------------------------------------------------------------------------------

struct Persona {
  const LocaleData* place = nullptr;   // city, phone, postcode, country, IBAN
  const LocaleData* people = nullptr;  // names, street, company, free-mail domains
  uint64_t key = 0;
  bool female = false;
  std::string_view first, middle, last, last2;
  const City* city = nullptr;
  std::string_view street;
  const fake::StreetType* street_type = nullptr;
  uint32_t house_number = 1;
  std::string postal;
  // The employer: a format, its surnames, trade word and legal form.
  std::string_view company_format, company_last, company_last2, company_word, company_suffix;
  double roll = 0;  // a uniform draw the columns share (abbreviate the street or not...)
};

template <typename T>
const T& pick(std::span<const T> list, Rng& rng) {
  return list[rng.uniform_int(list.size())];
}

// A persona of `place` (people from `people`), living in the city `city_key` names (folded)
// when the place has it, else in the region `region_key` names when one of its cities is there.
Persona make_persona(const LocaleData& place, const LocaleData& people,
                     const std::string& region_key, const std::string& city_key, uint64_t key) {
  Persona p;
  p.place = &place;
  p.people = &people;
  p.key = key;
  Rng rng = Rng::from_key(key);
  p.female = rng.uniform() < 0.5;
  const auto firsts = p.female ? people.female_first_names : people.male_first_names;
  p.first = pick(firsts, rng);
  p.middle = pick(firsts, rng);
  if (p.middle == p.first) p.middle = pick(firsts, rng);
  p.last = pick(people.last_names, rng);
  p.last2 = pick(people.last_names, rng);
  // The city: the row's own when the place has it, else one of the row's region.
  const City* chosen = &pick(place.cities, rng);
  const std::vector<CityKeys>& keys = city_keys(place);
  auto choose = [&](auto&& accept) {
    size_t matches = 0;
    for (const CityKeys& k : keys) matches += accept(k);
    if (matches == 0) return false;
    size_t n = rng.uniform_int(matches);
    for (size_t i = 0; i < keys.size(); ++i)
      if (accept(keys[i]) && n-- == 0) chosen = &place.cities[i];
    return true;
  };
  const bool found =
      !city_key.empty() &&
      (choose([&](const CityKeys& k) { return k.name == city_key && k.in_region(region_key); }) ||
       choose([&](const CityKeys& k) { return k.name == city_key; }));
  if (!found && !region_key.empty())
    choose([&](const CityKeys& k) { return k.in_region(region_key); });
  p.city = chosen;
  p.street = pick(people.street_names, rng);
  p.street_type = &pick(people.street_types, rng);
  // House numbers: mostly small, a few long ones.
  const int digits = 1 + static_cast<int>(rng.uniform_int(std::max(people.house_number_digits, 1)));
  uint32_t low = 1, high = 9;
  for (int d = 1; d < digits; ++d) low *= 10, high = high * 10 + 9;
  p.house_number = static_cast<uint32_t>(low + rng.uniform_int(high - low + 1));
  p.postal = fake::fill_pattern(place.postal_format, chosen->postal_prefix, {}, rng);
  if (place.postal_format.find("{}") == std::string_view::npos && !chosen->postal_prefix.empty())
    p.postal.replace(0, std::min(chosen->postal_prefix.size(), p.postal.size()),
                     chosen->postal_prefix);
  p.company_format = pick(people.company_formats, rng);
  p.company_last = pick(people.last_names, rng);
  p.company_last2 = pick(people.last_names, rng);
  p.company_word = pick(people.company_words, rng);
  p.company_suffix = pick(people.company_suffixes, rng);
  p.roll = rng.uniform();
  return p;
}

std::string company_of(const Persona& p, bool with_suffix) {
  std::string out;
  const std::string_view format = p.company_format;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 2 < format.size() && format[i + 2] == '}') {
      const char slot = format[i + 1];
      if (slot == 'l')
        out += (out.find(p.company_last) == std::string::npos || p.company_last == p.company_last2)
                   ? p.company_last
                   : p.company_last2;
      if (slot == 'w') out += p.company_word;
      if (slot == 'c') out += p.city->name;
      if (slot == 'x' && with_suffix) out += p.company_suffix;
      i += 2;
    } else {
      out.push_back(format[i]);
    }
  }
  // "{l} & {l}" with the same surname twice, or a dropped suffix, leaves stray spaces.
  std::string tidy;
  for (char c : out)
    if (!(c == ' ' && (tidy.empty() || tidy.back() == ' '))) tidy.push_back(c);
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return tidy;
}

std::string company_domain(const Persona& p) {
  const bool umlauts = p.people->id == "de_DE";
  std::string label;
  if (p.company_format.find("{l}") != std::string_view::npos)
    label = fold_ascii(p.company_last, umlauts);
  if (p.company_format.find("{w}") != std::string_view::npos) {
    const std::string word = fold_ascii(p.company_word, umlauts);
    label = label.empty() ? word : label + (p.roll < 0.3 ? "-" : "") + word;
  }
  if (p.company_format.find("{c}") != std::string_view::npos && label.size() < 8)
    label += fold_ascii(p.city->name, umlauts);
  if (label.size() > 24) label.resize(24);
  const std::string_view tld = p.place->tld.empty() ? p.people->tld : p.place->tld;
  return label + "." + std::string(tld);
}

std::string_view free_mail_of(const Persona& p, Rng& rng) {
  const auto list = !p.place->free_mail_domains.empty() ? p.place->free_mail_domains
                                                        : p.people->free_mail_domains;
  return pick(list, rng);
}

// The street line in the locale's order.
std::string street_of(const Persona& p, bool abbreviate) {
  const fake::StreetType& type = *p.street_type;
  std::string_view type_text = abbreviate && !type.abbrev.empty() ? type.abbrev : type.full;
  std::string name(p.street);
  std::string type_word(type_text);
  const std::string_view format = p.people->street_format;
  const bool joined = format.find("{s}{t}") != std::string_view::npos;
  // "Berliner " takes the type as a word of its own, capitalised ("Berliner Straße").
  if (joined && !name.empty() && (name.back() == ' ' || name.back() == '-')) {
    if (name.back() == ' ') name.pop_back(), type_word = " " + type_word;
    const size_t first = type_word.find_first_not_of(' ');
    if (first != std::string::npos && text::is_lower(type_word[first]))
      type_word[first] = static_cast<char>(type_word[first] - 'a' + 'A');
  }
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 2 < format.size() && format[i + 2] == '}') {
      const char slot = format[i + 1];
      if (slot == 'n') out += std::to_string(p.house_number);
      if (slot == 's') out += name;
      if (slot == 't') out += type_word;
      i += 2;
    } else {
      out.push_back(format[i]);
    }
  }
  return out;
}

// The national phone number of the persona's city: `rng` draws the subscriber digits.
std::string national_phone(const Persona& p, Rng& rng) {
  const std::string_view area = p.city->area_code;
  std::string_view format =
      p.place->phone_formats.empty() ? std::string_view("AAA ### ####") : p.place->phone_formats[0];
  for (std::string_view f : p.place->phone_formats)
    if (static_cast<size_t>(std::count(f.begin(), f.end(), 'A')) == area.size()) {
      format = f;
      break;
    }
  return fake::fill_pattern(format, {}, area, rng);
}

// The IBAN's check digits (ISO 13616: mod 97 of the rearranged digits is 1).
std::string with_check_digits(const std::string& country, const std::string& bban) {
  const std::string rearranged = bban + country + "00";
  uint32_t remainder = 0;
  for (char c : rearranged) {
    const uint32_t value =
        text::is_digit(c) ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>(c - 'A' + 10);
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  const uint32_t check = 98 - remainder;
  std::string out = country;
  out.push_back(static_cast<char>('0' + check / 10));
  out.push_back(static_cast<char>('0' + check % 10));
  return out + bban;
}

// ---- The generator --------------------------------------------------------------------------

// Version 2 adds the source's phone layouts.
constexpr uint32_t kSectionVersion = 2;
constexpr int kMaxPersonaDraws = 16;
// Personas drawn again for a value longer than the source's longest (shorter names, as the
// source has), before a long one is taken.
constexpr int kMaxLengthDraws = 4;

class FakeGenerator final : public ValueGenerator {
 public:
  FakeGenerator() = default;
  FakeGenerator(FakeKind kind, std::string locale) : kind_(kind), locale_(std::move(locale)) {}

  GeneratorKind kind() const override { return GeneratorKind::Fake; }
  FakeKind fake_kind() const { return kind_; }
  const std::string& locale() const { return locale_; }

  void fit(const Column& real, SDType, const GeneratorOptions& options) override {
    fit_shape(real, options, {});
  }

  // `names`: per row of `real`, the row's real first and last names (may be empty).
  void fit_in_table(const Column& real, const ColumnMeta& meta, const GeneratorOptions& options,
                    const std::vector<NameParts>& names) {
    width_ = declared_width(meta.sql_type);
    fit_shape(real, options, names);
  }

  void fit_shape(const Column& real, const GeneratorOptions& options,
                 const std::vector<NameParts>& names) {
    if (real.type() == DataType::Bool || is_temporal(real.type()) ||
        real.type() == DataType::Binary)
      value_detail::throw_unsupported(options, real, "fake " + std::string(to_string(kind_)));
    type_ = real.type();
    unique_ = options.unique;
    salt_ = mix64(options.salt ^ 0x66616b655f73616cULL);
    stats_.fit(real);
    std::vector<std::string> values;
    std::vector<size_t> rows;
    for (size_t row = 0; row < real.size(); ++row) {
      if (real.is_null(row)) continue;
      std::string v = holds_strings(real.type()) ? real.string_at(row) : real.text_at(row);
      if (v.empty()) continue;
      values.push_back(std::move(v));
      rows.push_back(row);
    }
    case_ = case_of_values(values);
    switch (kind_) {
      case FakeKind::Name:
        fit_names(values);
        break;
      case FakeKind::Email:
      case FakeKind::Username:
        fit_locals(values, rows, names);
        break;
      case FakeKind::Phone: {
        std::unordered_map<std::string, size_t> layouts;
        for (const std::string& v : values) {
          phone_.add(v.starts_with("+") ? 1 : v.starts_with("00") ? 2 : 0);
          digits_only_.add(v.find_first_not_of("+0123456789") == std::string::npos ? 1 : 0);
          ++layouts[phone_layout(v)];
        }
        // The layouts many values share, most frequent first (shapes only: digits are '#').
        std::vector<std::pair<std::string, size_t>> sorted(layouts.begin(), layouts.end());
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
          return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        for (size_t i = 0; i < sorted.size() && i < 64; ++i) {
          phone_layouts_.push_back(sorted[i].first);
          phone_layout_weights_.push_back(static_cast<float>(sorted[i].second));
        }
        break;
      }
      case FakeKind::Address:
        for (const std::string& v : values) {
          bool abbreviated = false, full = false;
          for (std::string_view w : split_words(v)) {
            abbreviated |= is_street_abbreviation(w);
            full |= is_street_type(w);
          }
          if (abbreviated || full) abbreviate_.add(abbreviated && !full ? 1 : 0);
        }
        break;
      case FakeKind::State:
        for (const std::string& v : values) {
          const bool code = v.size() <= 3 && std::all_of(v.begin(), v.end(), [](char c) {
                              return text::is_upper(c) || text::is_digit(c);
                            });
          state_code_.add(code ? 1 : 0);
        }
        break;
      case FakeKind::PostalCode:
        for (const std::string& v : values) zip4_.add(v.size() == 10 && v[5] == '-' ? 1 : 0);
        break;
      case FakeKind::Country:
        fit_countries(values);
        break;
      case FakeKind::Company:
        for (const std::string& v : values) {
          const auto words = split_words(v);
          suffix_.add(!words.empty() && is_company_suffix(words.back()) ? 1 : 0);
        }
        break;
      case FakeKind::Iban:
        for (const std::string& v : values) {
          spaced_.add(v.find(' ') != std::string::npos ? 1 : 0);
          if (v.size() >= 2 && !iban_country_.empty()) continue;
          if (v.size() >= 2) {
            const LocaleData* locale = locale_of_country_value(v.substr(0, 2));
            if (locale != nullptr && !locale->iban_country.empty())
              iban_country_ = std::string(locale->id);
          }
        }
        break;
      case FakeKind::Url:
        for (const std::string& v : values) {
          scheme_.add(v.starts_with("https://") ? 0 : v.starts_with("http://") ? 1 : 2);
          const size_t host = v.find("://") == std::string::npos ? 0 : v.find("://") + 3;
          www_.add(v.compare(host, 4, "www.") == 0 ? 1 : 0);
          const size_t path = v.find('/', host);
          path_.add(path != std::string::npos && path + 1 < v.size() ? 1 : 0);
        }
        break;
      case FakeKind::Uuid:
        for (const std::string& v : values) plain_.add(v.find('-') == std::string::npos ? 1 : 0);
        break;
      default:
        break;
    }
    // No value of the source is written again, except the parts any person or place shares.
    // Postal codes: those fewer than rare_threshold rows share (a code many hold is no one's).
    const bool filtered = kind_ != FakeKind::City && kind_ != FakeKind::State &&
                          kind_ != FakeKind::Country && kind_ != FakeKind::FirstName &&
                          kind_ != FakeKind::LastName;
    if (filtered) {
      std::unordered_map<std::string, int> counts;
      for (const std::string& v : values) ++counts[v];
      std::vector<std::string> distinct;
      for (const auto& [v, count] : counts)
        if (kind_ != FakeKind::PostalCode || count < std::max(options.rare_threshold, 1))
          distinct.push_back(v);
      std::sort(distinct.begin(), distinct.end());
      filter_.reset(distinct.size());
      for (const std::string& v : distinct) filter_.add(v, salt_);
    }
    // Name parts: no real person's first and last name together.
    if (kind_ == FakeKind::Name || kind_ == FakeKind::FirstName || kind_ == FakeKind::LastName) {
      std::vector<std::string> people;
      for (const NameParts& n : names)
        if (!n.first.empty() && !n.last.empty()) people.push_back(n.first + " " + n.last);
      person_filter_.reset(people.size());
      for (const std::string& person : people) person_filter_.add(person, salt_);
    }
  }

  // The value of this column for persona `p` at output row `index`: a pure function of both.
  std::string value_of(const Persona& p, uint64_t index) const {
    Rng rng = Rng::from_key(stream_key(p.key, salt_));
    std::string value = text_of(p, index, rng);
    // The source's case, for words (codes keep their own: an IBAN is upper case).
    const bool words = kind_ != FakeKind::Iban && kind_ != FakeKind::Uuid &&
                       kind_ != FakeKind::Phone && kind_ != FakeKind::PostalCode;
    if (words && case_ == CaseStyle::Upper) value = fake::utf8_upper(value);
    if (words && case_ == CaseStyle::Lower) value = fake::utf8_lower(value);
    // Only the declared width cuts a value; the source's longest is a preference (fits).
    if (width_ > 0 && utf8_length(value) > width_) {
      std::string cut;
      size_t characters = 0;
      for (unsigned char c : value) {
        characters += (c & 0xC0) != 0x80;
        if (characters > width_) break;
        cut.push_back(static_cast<char>(c));
      }
      value = std::move(cut);
    }
    return value;
  }

  // Whether `value` is no longer than the source's longest value.
  bool fits(const std::string& value) const {
    return stats_.max_length == 0 || value.size() <= stats_.max_length;
  }

  // Whether writing `value` for persona `p` would repeat a real value or person.
  bool rejects(const Persona& p, const std::string& value) const {
    if (filter_.contains(value, salt_)) return true;
    if (person_filter_.bits.empty()) return false;
    const bool umlauts = p.people->id == "de_DE";
    return person_filter_.contains(fold_ascii(p.first) + " " + fold_ascii(p.last), salt_) ||
           (umlauts && person_filter_.contains(
                           fold_ascii(p.first, true) + " " + fold_ascii(p.last, true), salt_));
  }

  // Appends `value` as the column stores it.
  void append(std::string value, Column& out) const {
    switch (type_) {
      case DataType::Int64:
      case DataType::Float64: {
        std::string digits;
        for (char c : value)
          if (text::is_digit(c)) digits.push_back(c);
        if (digits.size() > 18) digits.resize(18);
        int64_t number = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), number);
        if (type_ == DataType::Int64)
          out.append_int(number);
        else
          out.append_double(static_cast<double>(number));
        return;
      }
      default:
        out.append_string(std::move(value));
    }
  }

  void generate(uint64_t index, Rng& rng, Column& out) const override {
    // Outside a table (no row persona): a persona of the column's own locale.
    const LocaleData* locale = find_locale(locale_);
    if (locale == nullptr) locale = &fake::en_US();
    const Persona p =
        make_persona(*locale, people_of(*locale, fake::en_US()), "", "", rng.next_u64());
    append(value_of(p, index), out);
  }

  std::string describe() const override {
    std::string out = "fake " + std::string(to_string(kind_)) + " (" + locale_ + ")";
    if (kind_ == FakeKind::Email || kind_ == FakeKind::Username) {
      out += ", " + std::to_string(kept_domains_.size()) + " frequent domains kept";
    }
    if (unique_) out += ", unique";
    return out;
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("fake_generator", kSectionVersion);
    out.u8(static_cast<uint8_t>(kind_));
    out.str(locale_);
    out.u8(static_cast<uint8_t>(type_));
    out.boolean(unique_);
    out.u64(salt_);
    stats_.save(out);
    out.u8(static_cast<uint8_t>(case_));
    for (const Choice* choice : choices()) out.f32s(choice->weights);
    out.strs(kept_domains_);
    out.f32s(kept_weights_);
    out.strs(country_forms_);
    out.str(iban_country_);
    out.u64s(filter_.bits);
    out.u64s(person_filter_.bits);
    out.u32(width_);
    out.strs(phone_layouts_);
    out.f32s(phone_layout_weights_);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    const uint32_t version = in.begin_section("fake_generator", kSectionVersion);
    const uint8_t kind = in.u8();
    if (kind >= kKindNames.size()) in.fail("bad fake generator kind " + std::to_string(kind));
    kind_ = static_cast<FakeKind>(kind);
    locale_ = in.str();
    if (find_locale(locale_) == nullptr) in.fail("fake generator: unknown locale " + locale_);
    const uint8_t type = in.u8();
    if (type > static_cast<uint8_t>(DataType::Binary)) in.fail("bad fake generator type");
    type_ = static_cast<DataType>(type);
    unique_ = in.boolean();
    salt_ = in.u64();
    stats_.load(in);
    case_ = static_cast<CaseStyle>(in.u8() & 3);
    for (Choice* choice : choices()) {
      choice->weights = in.f32s();
      for (float w : choice->weights)
        if (!(w >= 0)) in.fail("fake generator: negative weight");
    }
    kept_domains_ = in.strs();
    kept_weights_ = in.f32s();
    if (kept_weights_.size() != kept_domains_.size())
      in.fail("fake generator: domain weights do not match");
    country_forms_ = in.strs();
    iban_country_ = in.str();
    filter_.bits = in.u64s();
    person_filter_.bits = in.u64s();
    width_ = in.u32();
    if (version >= 2) {
      phone_layouts_ = in.strs();
      phone_layout_weights_ = in.f32s();
      if (phone_layouts_.size() != phone_layout_weights_.size())
        in.fail("fake generator: phone layout weights do not match");
    }
    in.end_section();
  }

 private:
  // Every learned choice, in the order the model file holds them.
  std::array<const Choice*, 18> choices() const {
    return {&name_form_,   &title_,  &local_form_,  &separator_,  &digits_,     &digit_count_,
            &domain_kind_, &phone_,  &digits_only_, &abbreviate_, &state_code_, &zip4_,
            &suffix_,      &spaced_, &scheme_,      &www_,        &path_,       &plain_};
  }
  std::array<Choice*, 18> choices() {
    std::array<Choice*, 18> out;
    const auto in = std::as_const(*this).choices();
    for (size_t i = 0; i < in.size(); ++i) out[i] = const_cast<Choice*>(in[i]);
    return out;
  }

  void fit_names(const std::vector<std::string>& values) {
    for (const std::string& v : values) {
      std::vector<std::string_view> words = split_words(v);
      if (words.size() > 1 && is_title(words.front())) {
        title_.add(1);
        words.erase(words.begin());
      } else {
        title_.add(0);
      }
      const bool comma = v.find(',') != std::string::npos;
      const auto initial = [](std::string_view w) {
        return w.size() <= 2 && (w.size() == 1 || w.back() == '.');
      };
      if (words.size() <= 1) {
        const std::string folded = words.empty() ? std::string() : fold_ascii(words[0]);
        name_form_.add(known_names().last.count(folded) && !known_names().first.count(folded)
                           ? kLastOnly
                           : kFirstOnly);
      } else if (comma) {
        name_form_.add(kLastCommaFirst);
      } else if (words.size() == 2) {
        name_form_.add(initial(words[0]) ? kInitialLast : kFirstLast);
      } else {
        name_form_.add(initial(words[1]) ? kFirstInitialLast : kFirstMiddleLast);
      }
    }
  }

  void fit_locals(const std::vector<std::string>& values, const std::vector<size_t>& rows,
                  const std::vector<NameParts>& names) {
    std::unordered_map<std::string, size_t> domain_rows, domain_values;
    std::unordered_set<std::string> seen;
    static const NameParts kNoNames;
    for (size_t i = 0; i < values.size(); ++i) {
      const std::string& v = values[i];
      const size_t at = v.rfind('@');
      // Separators kept: fold_ascii would drop them.
      std::string raw = utf8_lower_ascii(v.substr(0, at == std::string::npos ? v.size() : at));
      size_t digits = 0;
      while (!raw.empty() && text::is_digit(raw.back())) raw.pop_back(), ++digits;
      digits_.add(digits > 0 ? 1 : 0);
      if (digits > 0) digit_count_.add(std::min<size_t>(digits, 4));
      const NameParts& row_names = rows[i] < names.size() ? names[rows[i]] : kNoNames;
      std::string_view separator;
      const int form = classify_local(raw, row_names, separator);
      local_form_.add(form < 0 ? size_t{kFPartL} : static_cast<size_t>(form));
      if (!separator.empty()) {
        for (size_t s = 0; s < kSeparators.size(); ++s)
          if (kSeparators[s] == separator) separator_.add(s);
      }
      if (at == std::string::npos) {
        domain_kind_.add(3);  // no domain: a user name
        continue;
      }
      const std::string domain = utf8_lower_ascii(v.substr(at + 1));
      ++domain_rows[domain];
      if (seen.insert(v).second) ++domain_values[domain];
      domain_kind_.add(is_free_mail(domain) ? 0 : 1);
    }
    // Domains many people share are kept (a city's free-mail provider, a big employer).
    const size_t min_values = static_cast<size_t>(std::max(rare_threshold_, 1));
    std::vector<std::pair<std::string, size_t>> kept;
    for (const auto& [domain, count] : domain_values)
      if (count >= min_values) kept.emplace_back(domain, domain_rows[domain]);
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    float kept_rows = 0;
    for (const auto& [domain, count] : kept) {
      kept_domains_.push_back(domain);
      kept_weights_.push_back(static_cast<float>(count));
      kept_rows += static_cast<float>(count);
    }
    // Kept domains take their rows' share; free and work domains share the rest.
    if (kept_rows > 0) domain_kind_.add(2, kept_rows);
    for (const auto& [domain, count] : kept) {
      const size_t kind = is_free_mail(domain) ? 0 : 1;
      if (kind < domain_kind_.weights.size())
        domain_kind_.weights[kind] =
            std::max(0.f, domain_kind_.weights[kind] - static_cast<float>(count));
    }
  }

  // A phone's calling code and the layout of the rest ("+1 (650) 253-0000" -> "1|(###) ###-####";
  // national numbers have no code: "|030 1234567" -> "|### #######").
  static std::string phone_layout(std::string_view v) {
    std::string code;
    if (v.starts_with("+") || v.starts_with("00")) {
      size_t i = v[0] == '+' ? 1 : 2;
      while (i < v.size() && text::is_digit(v[i]) && code.size() < 3) code.push_back(v[i++]);
      v.remove_prefix(i);
      while (!v.empty() && (v[0] == ' ' || v[0] == '-' || v[0] == '.')) v.remove_prefix(1);
    }
    std::string layout = code + "|";
    for (char c : v) layout.push_back(text::is_digit(c) ? '#' : c);
    return layout;
  }

  // `national` (the digits of a national number, trunk prefix first if any) in a layout of
  // the source for calling code `code` ("" for national numbers) with as many digits, with or
  // without the trunk prefix; empty when the source has none.
  std::string in_source_layout(const std::string& code, const std::string& digits,
                               std::string_view trunk, Rng& rng) const {
    const std::string without =
        !trunk.empty() && digits.starts_with(trunk) ? digits.substr(trunk.size()) : digits;
    std::vector<float> weights(phone_layouts_.size(), 0.f);
    for (size_t i = 0; i < phone_layouts_.size(); ++i) {
      const std::string& layout = phone_layouts_[i];
      if (!layout.starts_with(code + "|")) continue;
      const size_t slots = static_cast<size_t>(std::count(layout.begin(), layout.end(), '#'));
      if (slots == digits.size() || slots == without.size()) weights[i] = phone_layout_weights_[i];
    }
    if (!std::any_of(weights.begin(), weights.end(), [](float w) { return w > 0; })) return {};
    const std::string& layout = phone_layouts_[rng.sample(weights)];
    const size_t slots = static_cast<size_t>(std::count(layout.begin(), layout.end(), '#'));
    const std::string& fill = slots == digits.size() ? digits : without;
    std::string out;
    size_t d = 0;
    for (size_t i = code.size() + 1; i < layout.size(); ++i)
      out.push_back(layout[i] == '#' ? fill[d++] : layout[i]);
    return out;
  }

  static std::string utf8_lower_ascii(std::string_view text) {
    // Lower case, accents folded, separators kept: "Jean-Luc.Müller" -> "jean-luc.muller".
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      size_t j = i + 1;
      while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
      const std::string_view ch = text.substr(i, j - i);
      if (ch.size() == 1 && (ch[0] == '.' || ch[0] == '_' || ch[0] == '-'))
        out.push_back(ch[0]);
      else
        out += fold_ascii(ch);
      i = j;
    }
    return out;
  }

  void fit_countries(const std::vector<std::string>& values) {
    // Per country seen, the way the source writes it; the commonest way for the others.
    std::unordered_map<std::string, Choice> per_country;
    Choice overall;
    for (const std::string& v : values) {
      const LocaleData* locale = locale_of_country_value(v);
      if (locale == nullptr) continue;
      const int form = country_form_of(v, *locale);
      if (form < 0) continue;
      per_country[std::string(locale->iso2)].add(static_cast<size_t>(form));
      overall.add(static_cast<size_t>(form));
    }
    country_forms_.clear();
    auto best = [](const Choice& c) {
      size_t b = 0;
      for (size_t i = 0; i < c.weights.size(); ++i)
        if (c.weights[i] > c.weights[b]) b = i;
      return b;
    };
    country_forms_.push_back(std::to_string(overall.empty() ? 0 : best(overall)));
    for (const auto& [iso2, choice] : per_country)
      country_forms_.push_back(iso2 + "=" + std::to_string(best(choice)));
    std::sort(country_forms_.begin() + 1, country_forms_.end());
  }

  int country_form(const LocaleData& locale) const {
    if (country_forms_.empty()) return kEnglish;
    const std::string prefix = std::string(locale.iso2) + "=";
    for (size_t i = 1; i < country_forms_.size(); ++i)
      if (country_forms_[i].starts_with(prefix)) return country_forms_[i][prefix.size()] - '0';
    return country_forms_[0][0] - '0';
  }

  std::string name_of(const Persona& p, Rng& rng) const {
    const size_t form = name_form_.draw(rng, kFirstLast);
    std::string out;
    if (title_.share(1) > 0 && rng.uniform() < title_.share(1))
      out = std::string(title_for(*p.people, p.female)) + " ";
    const std::string first(p.first), last(p.last);
    switch (form) {
      case kFirstMiddleLast:
        // Spain: a second surname, not a middle name.
        if (p.people->double_surname_share > 0)
          return out + first + " " + last + " " + std::string(p.last2);
        return out + first + " " + std::string(p.middle) + " " + last;
      case kFirstInitialLast:
        return out + first + " " + std::string(p.middle.substr(0, 1)) + ". " + last;
      case kLastCommaFirst:
        return out + last + ", " + first;
      case kFirstOnly:
        return out + first;
      case kLastOnly:
        return out + last;
      case kInitialLast:
        return out + std::string(p.first.substr(0, 1)) + ". " + last;
      default:
        return out + first + " " + last;
    }
  }

  std::string local_part(const Persona& p, uint64_t index, Rng& rng) const {
    const bool umlauts = p.people->id == "de_DE" && rng.uniform() < 0.5;
    const std::string f = fold_ascii(p.first, umlauts), l = fold_ascii(p.last, umlauts);
    const size_t form = local_form_.draw(rng, kFSepL);
    const size_t sep = separator_.draw(rng, 0);
    std::string local = local_of(static_cast<int>(form), f, l, kSeparators[sep]);
    if (unique_) {
      local += std::to_string(index + 1);
    } else if (digits_.share(1) > 0 && rng.uniform() < digits_.share(1)) {
      const size_t count = std::max<size_t>(digit_count_.draw(rng, 2), 1);
      for (size_t i = 0; i < count; ++i)
        local.push_back(static_cast<char>((i == 0 ? '1' : '0') + rng.uniform_int(i == 0 ? 9 : 10)));
    }
    return local;
  }

  std::string email_of(const Persona& p, uint64_t index, Rng& rng) const {
    std::string local = local_part(p, index, rng);
    const size_t kind = domain_kind_.draw(rng, 0);
    if (kind == 3) return local;
    std::string domain;
    if (kind == 2 && !kept_domains_.empty())
      domain = kept_domains_[rng.sample(std::span<const float>(kept_weights_))];
    else if (kind == 1)
      domain = company_domain(p);
    else
      domain = std::string(free_mail_of(p, rng));
    // A declared width: the local part gives way, never the domain.
    if (width_ > 0 && local.size() + domain.size() + 1 > width_ && width_ > domain.size() + 2)
      local.resize(width_ - domain.size() - 1);
    return local + "@" + domain;
  }

  std::string phone_of(const Persona& p, uint64_t index, Rng& rng) const {
    Rng digits = rng.split(unique_ ? index : 0);
    std::string national;
    if (unique_) {
      // The subscriber digits spell a scramble of the index: distinct for every row.
      const std::string pattern = national_phone(p, digits);
      std::vector<uint32_t> radices, slots;
      size_t area_left = p.city->area_code.size();
      for (char c : pattern)
        if (text::is_digit(c)) {
          if (area_left > 0 && c == p.city->area_code[p.city->area_code.size() - area_left])
            --area_left;
          else
            radices.push_back(10);
        }
      national = pattern;
      if (value_detail::scramble_index(index, radices, salt_, slots)) {
        const std::string_view trunk = p.place->trunk_prefix;
        size_t d = 0,
               skip = p.city->area_code.size() + (pattern.starts_with(trunk) ? trunk.size() : 0);
        for (char& c : national) {
          if (!text::is_digit(c)) continue;
          if (skip > 0) {
            --skip;
            continue;
          }
          if (d < slots.size()) c = static_cast<char>('0' + slots[d++]);
        }
      }
    } else {
      national = national_phone(p, digits);
    }
    const bool numeric = type_ == DataType::Int64 || type_ == DataType::Float64;
    const std::string_view trunk = p.place->trunk_prefix;
    const size_t style = numeric ? 0 : phone_.draw(rng, 0);
    if (!numeric) {
      // The source's own layout for this calling code, when it has one with these many digits.
      std::string digits_of;
      for (char c : national)
        if (text::is_digit(c)) digits_of.push_back(c);
      const std::string code = style > 0 ? std::string(p.place->calling_code) : std::string();
      const std::string laid = in_source_layout(code, digits_of, trunk, rng);
      if (!laid.empty()) return style == 0 ? laid : (style == 1 ? "+" : "00") + code + " " + laid;
    }
    std::string out = national;
    if (style > 0 || numeric) {
      std::string rest = national;
      if (!trunk.empty() && rest.starts_with(trunk)) rest.erase(0, trunk.size());
      const std::string code(p.place->calling_code);
      if (numeric)
        out = style > 0 ? code + rest : national;
      else
        out = (style == 1 ? "+" : "00") + code + " " + rest;
    }
    if (numeric || (digits_only_.share(1) > 0.5)) {
      std::string compact;
      for (char c : out)
        if (text::is_digit(c) || (c == '+' && compact.empty())) compact.push_back(c);
      out = compact;
      if (numeric)
        while (out.size() > 1 && out[0] == '0') out.erase(0, 1);
    }
    return out;
  }

  std::string iban_of(const Persona& p, uint64_t index, Rng& rng) const {
    const LocaleData* locale = p.place;
    if (locale->iban_country.empty()) locale = find_locale(iban_country_);
    if (locale == nullptr || locale->iban_country.empty()) locale = &fake::en_GB();
    std::string bban =
        fake::fill_pattern(locale->bban_format, pick(locale->bank_codes, rng), {}, rng);
    if (unique_) {
      // The account's last digits spell the index.
      const std::string digits = std::to_string(index);
      for (size_t i = 0; i < digits.size() && i < bban.size(); ++i)
        bban[bban.size() - 1 - i] = digits[digits.size() - 1 - i];
    }
    const std::string iban = with_check_digits(std::string(locale->iban_country), bban);
    if (spaced_.share(1) <= 0.5) return iban;
    std::string out;
    for (size_t i = 0; i < iban.size(); ++i) {
      if (i > 0 && i % 4 == 0) out.push_back(' ');
      out.push_back(iban[i]);
    }
    return out;
  }

  std::string url_of(const Persona& p, Rng& rng) const {
    static constexpr std::array<std::string_view, 10> kPages = {
        "about", "contact", "products", "services", "team",
        "news",  "shop",    "blog",     "careers",  "index.html"};
    const size_t scheme = scheme_.draw(rng, 0);
    std::string out = scheme == 0 ? "https://" : scheme == 1 ? "http://" : "";
    if (www_.share(1) > 0 && rng.uniform() < www_.share(1)) out += "www.";
    out += company_domain(p);
    if (path_.share(1) > 0 && rng.uniform() < path_.share(1))
      out += "/" + std::string(kPages[rng.uniform_int(kPages.size())]);
    return out;
  }

  std::string uuid_of(Rng& rng) const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    const uint64_t a = rng.next_u64(), b = rng.next_u64();
    for (int i = 0; i < 32; ++i) {
      uint64_t nibble = ((i < 16 ? a : b) >> (4 * (i % 16))) & 0xF;
      if (i == 12) nibble = 4;                 // version 4
      if (i == 16) nibble = 8 | (nibble & 3);  // the variant
      if (plain_.share(1) <= 0.5 && (i == 8 || i == 12 || i == 16 || i == 20)) out.push_back('-');
      out.push_back(kHex[nibble]);
    }
    return out;
  }

  std::string text_of(const Persona& p, uint64_t index, Rng& rng) const {
    if (!unique_ && stats_.empty_share > 0 && rng.uniform() < stats_.empty_share) return {};
    std::string value;
    switch (kind_) {
      case FakeKind::Name:
        value = name_of(p, rng);
        break;
      case FakeKind::FirstName:
        value = std::string(p.first);
        break;
      case FakeKind::LastName:
        value = std::string(p.last);
        break;
      case FakeKind::Email:
        return email_of(p, index, rng);
      case FakeKind::Username:
        return local_part(p, index, rng);
      case FakeKind::Phone:
        return phone_of(p, index, rng);
      case FakeKind::Address:
        value = street_of(p, abbreviate_.share(1) > 0 && p.roll < abbreviate_.share(1));
        break;
      case FakeKind::City:
        value = std::string(p.city->name);
        break;
      case FakeKind::State:
        value = std::string(state_code_.share(1) >= 0.5 && !p.city->region_code.empty()
                                ? p.city->region_code
                                : p.city->region_name);
        break;
      case FakeKind::PostalCode: {
        value = p.postal;
        if (p.place->id == "en_US" && zip4_.share(1) > 0 && p.roll < zip4_.share(1)) {
          value += "-";
          for (int i = 0; i < 4; ++i) value.push_back(static_cast<char>('0' + rng.uniform_int(10)));
        }
        break;
      }
      case FakeKind::Country:
        value = country_in(*p.place, country_form(*p.place));
        break;
      case FakeKind::Company:
        value = company_of(p, suffix_.empty() || p.roll < suffix_.share(1));
        break;
      case FakeKind::Iban:
        return iban_of(p, index, rng);
      case FakeKind::Url:
        value = url_of(p, rng);
        break;
      case FakeKind::Uuid:
        return uuid_of(rng);
    }
    if (unique_) value += " " + std::to_string(index + 1);
    return value;
  }

  FakeKind kind_ = FakeKind::Name;
  std::string locale_ = "en_US";
  bool unique_ = false;
  int rare_threshold_ = 5;
  uint64_t salt_ = 0;
  value_detail::StringStats stats_;
  CaseStyle case_ = CaseStyle::Mixed;
  Choice name_form_, title_;                                            // names
  Choice local_form_, separator_, digits_, digit_count_, domain_kind_;  // e-mails, user names
  std::vector<std::string> kept_domains_;
  std::vector<float> kept_weights_;
  Choice phone_, digits_only_;  // phones: national / +CC / 00CC
  Choice abbreviate_, state_code_, zip4_, suffix_, spaced_;
  Choice scheme_, www_, path_, plain_;      // urls (https/http/none, www., a path), uuids
  std::vector<std::string> country_forms_;  // "0" default form, then "DE=1"...
  std::string iban_country_;
  value_detail::ValueFilter filter_, person_filter_;
  uint32_t width_ = 0;                      // the declared character width (VARCHAR(40)), 0: none
  std::vector<std::string> phone_layouts_;  // phone_layout of the source's values
  std::vector<float> phone_layout_weights_;

 public:
  void set_rare_threshold(int threshold) { rare_threshold_ = threshold; }
};

}  // namespace

const std::vector<std::string>& fake_generators() {
  static const std::vector<std::string> names(kKindNames.begin(), kKindNames.end());
  return names;
}

const std::vector<std::string>& fake_locales() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const LocaleData* locale : named_locales()) out.emplace_back(locale->id);
    return out;
  }();
  return ids;
}

std::optional<FakeKind> parse_fake_kind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == name) return static_cast<FakeKind>(i);
  return std::nullopt;
}

std::string_view to_string(FakeKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

bool is_fake_locale(std::string_view locale) {
  for (const LocaleData* l : named_locales())
    if (l->id == locale) return true;
  return false;
}

std::string fake_generator_for(SDType sdtype, std::string_view column_name) {
  const std::vector<std::string> words = name_words(column_name);
  std::string joined;
  for (const std::string& w : words) joined += w;
  const auto by_name = [&]() -> std::string {
    if (contains_any(joined, {"firstname", "givenname", "forename", "middlename"}) ||
        has_word(words, {"first", "given", "forename", "fname"}))
      return "first_name";
    if (contains_any(joined, {"lastname", "surname", "familyname"}) ||
        has_word(words, {"last", "surname", "family", "lname"}))
      return "last_name";
    if (has_word(words, {"company", "organization", "organisation", "employer", "business", "firm",
                         "corporation"}))
      return "company";
    if (has_word(words, {"user", "username", "login", "nick", "nickname", "handle"}))
      return "username";
    if (has_word(words, {"iban"})) return "iban";
    if (has_word(words, {"uuid", "guid"})) return "uuid";
    if (has_word(words, {"email", "mail"})) return "email";
    if (has_word(words, {"phone", "fax", "mobile", "tel", "telephone", "cell"})) return "phone";
    if (has_word(words, {"zip", "postcode", "postal", "plz"})) return "postal_code";
    if (is_state_column(column_name)) return "state";
    if (has_word(words, {"city", "town"})) return "city";
    if (has_word(words, {"country"})) return "country";
    if (has_word(words, {"street", "address"})) return "address";
    if (has_word(words, {"url", "website", "homepage", "web"})) return "url";
    if (has_word(words, {"name"})) return "name";
    return {};
  };
  switch (sdtype) {
    case SDType::Name: {
      const std::string named = by_name();
      return named == "first_name" || named == "last_name" || named == "company" ||
                     named == "username"
                 ? named
                 : "name";
    }
    case SDType::Email:
      return "email";
    case SDType::Phone:
      return "phone";
    case SDType::Address:
      return "address";
    case SDType::PostalCode:
      return "postal_code";
    case SDType::City:
      return "city";
    case SDType::Country:
      return "country";
    case SDType::Url:
      return "url";
    default:
      return by_name();
  }
}

bool auto_fakes(SDType sdtype, std::string_view column_name) {
  switch (sdtype) {
    case SDType::Name:
    case SDType::Email:
    case SDType::Phone:
    case SDType::Address:
    case SDType::PostalCode:
    case SDType::City:
    case SDType::Url:
      return true;
    case SDType::OtherPii: {
      const std::string kind = fake_generator_for(sdtype, column_name);
      return kind == "company" || kind == "username" || kind == "iban" || kind == "uuid" ||
             kind == "first_name" || kind == "last_name" || kind == "name";
    }
    default:
      return false;
  }
}

std::optional<FakeSpec> fake_spec(std::string_view table, const ColumnMeta& column,
                                  const Column& values, int rare_threshold,
                                  const std::string& default_locale) {
  const ColumnTreatment& treatment = column.treatment;
  const std::string locale = !treatment.locale.empty() ? treatment.locale
                             : !default_locale.empty() ? default_locale
                                                       : std::string(kDefaultFakeLocale);
  if (treatment.kind == Treatment::Fake) {
    const std::string name = !treatment.generator.empty()
                                 ? treatment.generator
                                 : fake_generator_for(column.sdtype, column.name);
    if (const std::optional<FakeKind> kind = parse_fake_kind(name)) return FakeSpec{*kind, locale};
    std::string known;
    for (const std::string& g : fake_generators()) known += (known.empty() ? "" : ", ") + g;
    throw UsageError("column " + quote_name(table) + "." + quote_name(column.name) +
                     (name.empty() ? ": treatment fake needs a generator (none fits its sdtype " +
                                         std::string(to_string(column.sdtype)) + ")"
                                   : ": unknown fake generator " + quote_name(name)) +
                     "; the generators are " + known);
  }
  if (treatment.kind != Treatment::Auto || !auto_fakes(column.sdtype, column.name))
    return std::nullopt;
  // Cities most rows share stay modelled: their shares and ties (a customer's city is her
  // store's) are the source's, and the personas live in them.
  if (column.sdtype == SDType::City && repeated_share(values, rare_threshold) >= 0.5)
    return std::nullopt;
  const std::optional<FakeKind> kind =
      parse_fake_kind(fake_generator_for(column.sdtype, column.name));
  if (!kind) return std::nullopt;
  return FakeSpec{*kind, locale};
}

std::string locale_of_country(std::string_view value) {
  const LocaleData* locale = locale_of_country_value(value);
  return locale == nullptr ? std::string() : std::string(locale->id);
}

void for_each_fake_word(const std::function<void(std::string_view)>& visit) {
  auto visit_locale = [&](const LocaleData& locale) {
    for (std::string_view name :
         {locale.country_name, locale.native_country_name, locale.iso2, locale.iso3})
      visit(name);
    for (auto list : {locale.country_aliases, locale.male_first_names, locale.female_first_names,
                      locale.last_names, locale.street_names, locale.company_suffixes,
                      locale.company_words, locale.free_mail_domains})
      for (std::string_view word : list) visit(word);
    for (const fake::StreetType& type : locale.street_types) visit(type.full), visit(type.abbrev);
    for (const City& city : locale.cities)
      visit(city.name), visit(city.region_code), visit(city.region_name);
  };
  for (const LocaleData* locale : named_locales()) visit_locale(*locale);
  for (const LocaleData* locale : fake::extra_countries()) visit_locale(*locale);
}

namespace {

// Per row of `table`, the real first and last names (folded), from its name columns.
std::vector<NameParts> row_names(const Table& table, const TableMeta& meta) {
  int first = -1, last = -1, full = -1;
  for (size_t c = 0; c < meta.columns.size(); ++c) {
    const ColumnMeta& column = meta.columns[c];
    if (!holds_strings(column.type)) continue;
    const std::string kind = fake_generator_for(column.sdtype, column.name);
    if (column.sdtype != SDType::Name && column.sdtype != SDType::OtherPii) continue;
    if (kind == "first_name" && first < 0) first = static_cast<int>(c);
    if (kind == "last_name" && last < 0) last = static_cast<int>(c);
    if (kind == "name" && full < 0) full = static_cast<int>(c);
  }
  std::vector<NameParts> out(table.num_rows());
  if (first < 0 && last < 0 && full < 0) return out;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    NameParts& parts = out[row];
    auto text = [&](int c) -> std::string {
      const Column& column = table.column(static_cast<size_t>(c));
      return column.is_null(row) ? std::string() : column.string_at(row);
    };
    if (first >= 0 && last >= 0) {
      parts.first = fold_ascii(text(first));
      parts.last = fold_ascii(text(last));
    } else if (full >= 0) {
      std::vector<std::string_view> words;
      const std::string value = text(full);
      for (std::string_view w : split_words(value))
        if (!is_title(w)) words.push_back(w);
      if (words.size() >= 2) {
        const bool comma = value.find(',') != std::string::npos;
        parts.first = fold_ascii(comma ? words[1] : words.front());
        parts.last = fold_ascii(comma ? words.front() : words.back());
      }
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<ValueGenerator> fit_fake_generator(FakeKind kind, const std::string& locale,
                                                   const Table& table, const TableMeta& meta,
                                                   size_t column, const GeneratorOptions& options) {
  if (!is_fake_locale(locale))
    throw UsageError("column " + quote_name(meta.name) + "." +
                     quote_name(meta.columns[column].name) + ": no fake data for locale '" +
                     locale + "'");
  auto generator = std::make_unique<FakeGenerator>(kind, locale);
  generator->set_rare_threshold(options.rare_threshold);
  generator->fit_in_table(table.column(column), meta.columns[column], options,
                          row_names(table, meta));
  return generator;
}

std::unique_ptr<ValueGenerator> make_fake_generator() { return std::make_unique<FakeGenerator>(); }

bool is_fake_generator(const ValueGenerator* generator) {
  return generator != nullptr && generator->kind() == GeneratorKind::Fake;
}

void fill_fake_columns(const TableMeta& meta,
                       const std::vector<std::unique_ptr<ValueGenerator>>& generators,
                       const FakeRows& rows, const std::function<bool(size_t, size_t)>& is_null,
                       std::vector<Column>& decoded) {
  std::vector<std::pair<size_t, const FakeGenerator*>> fakes;
  for (size_t c = 0; c < generators.size() && c < meta.columns.size(); ++c)
    if (is_fake_generator(generators[c].get()))
      fakes.emplace_back(c, static_cast<const FakeGenerator*>(generators[c].get()));
  if (fakes.empty()) return;
  // What the personas follow: the row's modelled country, state and city.
  int country = -1, state = -1, city = -1;
  for (size_t c = 0; c < meta.columns.size(); ++c) {
    if (is_fake_generator(generators[c].get()) || !holds_strings(meta.columns[c].type)) continue;
    if (country < 0 && meta.columns[c].sdtype == SDType::Country) country = static_cast<int>(c);
    if (city < 0 && meta.columns[c].sdtype == SDType::City) city = static_cast<int>(c);
    if (state < 0 && is_state_column(meta.columns[c].name) &&
        meta.columns[c].sdtype != SDType::Country)
      state = static_cast<int>(c);
  }
  // A state an enabled rule reads or writes keeps its drawn value (the rule holds).
  bool state_fixable = state >= 0;
  for (const Rule& rule : meta.rules)
    if (rule.enabled && state >= 0 &&
        (rule.target == meta.columns[state].name ||
         std::find(rule.columns.begin(), rule.columns.end(), meta.columns[state].name) !=
             rule.columns.end()))
      state_fixable = false;
  const LocaleData* fallback = find_locale(fakes.front().second->locale());
  if (fallback == nullptr) fallback = &fake::en_US();
  auto text_at = [&](int c, size_t row) -> std::string_view {
    if (c < 0) return {};
    const Column& column = decoded[static_cast<size_t>(c)];
    if (row >= column.size() || column.is_null(row)) return {};
    return column.string_at(row);
  };
  std::vector<std::string> values(fakes.size());
  // The state column's values (text, folded, source count), for states drawn apart.
  std::vector<std::tuple<std::string, std::string, double>> state_values;
  if (state_fixable && rows.modelled_values)
    for (auto& [value, count] : rows.modelled_values(static_cast<size_t>(state)))
      state_values.emplace_back(value, match_key(value), count);
  for (size_t row = 0; row < rows.rows; ++row) {
    const uint64_t index = rows.first_row + row * rows.row_stride;
    const LocaleData* place = fallback;
    const LocaleData* of_country = nullptr;
    if (const std::string_view named = text_at(country, row); !named.empty())
      if ((of_country = locale_of_country_value(named))) place = of_country;
    const LocaleData& people = people_of(*place, *fallback);
    std::string region(text_at(state, row));
    std::string region_key = match_key(region);
    const std::string city_key = match_key(text_at(city, row));
    // A state drawn apart from the row's country takes one of the column's values that is a
    // region of it, by the source's counts (so the column keeps its values and near its shares).
    if (state_fixable && of_country != nullptr && !region.empty() &&
        !is_region_of(*of_country, region_key)) {
      std::vector<float> weights;
      for (const auto& [value, key, weight] : state_values)
        weights.push_back(is_region_of(*of_country, key) ? static_cast<float>(weight) : 0.f);
      if (std::any_of(weights.begin(), weights.end(), [](float w) { return w > 0; })) {
        Rng pick_state(stream_key(rows.seed, rows.table, index, 0x73746174));
        const auto& chosen = state_values[pick_state.sample(weights)];
        region = std::get<0>(chosen);
        region_key = std::get<1>(chosen);
        decoded[static_cast<size_t>(state)].set_string(row, region);
      }  // none fits (a country the source has no states for): the drawn one stays
    }
    for (int draw = 0; draw < kMaxPersonaDraws; ++draw) {
      const Persona p = make_persona(*place, people, region_key, city_key,
                                     stream_key(rows.seed, rows.table, index, 0x70657273, draw));

      // A real value is never kept; one longer than the source's longest only after
      // kMaxLengthDraws draws.
      bool redraw = false;
      for (size_t f = 0; f < fakes.size() && !redraw; ++f) {
        if (is_null(fakes[f].first, row)) continue;
        values[f] = fakes[f].second->value_of(p, index);
        redraw = fakes[f].second->rejects(p, values[f]) ||
                 (draw < kMaxLengthDraws && !fakes[f].second->fits(values[f]));
      }
      if (!redraw) break;
    }
    for (size_t f = 0; f < fakes.size(); ++f) {
      Column& out = decoded[fakes[f].first];
      if (is_null(fakes[f].first, row))
        out.append_null();
      else
        fakes[f].second->append(std::move(values[f]), out);
    }
  }
}

}  // namespace relsynth
