#include "model/fake_values.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "core/binary_io.h"
#include "model/fake_locales/fake_locale.h"
#include "model/fake_text.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

// A table of string columns from rows of values ("" = NULL).
struct Source {
  TableMeta meta;
  Table table{"people"};
};

Source make_source(const std::vector<std::pair<std::string, SDType>>& columns,
                   const std::vector<std::vector<std::string>>& rows) {
  Source s;
  s.meta.name = "people";
  for (const auto& [name, sdtype] : columns) {
    ColumnMeta column;
    column.name = name;
    column.sdtype = sdtype;
    s.meta.columns.push_back(column);
    s.table.add_column(Column(name, DataType::String));
  }
  for (const auto& row : rows)
    for (size_t c = 0; c < columns.size(); ++c) {
      if (row[c].empty())
        s.table.column(c).append_null();
      else
        s.table.column(c).append_string(row[c]);
    }
  return s;
}

// Fake generators for the columns named in `fakes` (column -> generator), the others null.
std::vector<std::unique_ptr<ValueGenerator>> fit_all(
    const Source& s, const std::map<std::string, std::string>& fakes, const std::string& locale,
    bool unique = false) {
  std::vector<std::unique_ptr<ValueGenerator>> out(s.meta.columns.size());
  for (size_t c = 0; c < s.meta.columns.size(); ++c) {
    const auto at = fakes.find(s.meta.columns[c].name);
    if (at == fakes.end()) continue;
    GeneratorOptions options;
    options.table = "people";
    options.salt = 1234 + c;
    options.unique = unique;
    out[c] = fit_fake_generator(*parse_fake_kind(at->second), locale, s.table, s.meta, c, options);
  }
  return out;
}

// Generates `rows` rows: the non-fake columns take `given` (per row, by column name; cycled).
std::vector<Column> generate_rows(const Source& s,
                                  const std::vector<std::unique_ptr<ValueGenerator>>& generators,
                                  size_t rows,
                                  const std::map<std::string, std::vector<std::string>>& given = {},
                                  uint64_t seed = 7, uint64_t first_row = 0) {
  std::vector<Column> decoded;
  for (size_t c = 0; c < s.meta.columns.size(); ++c) {
    decoded.emplace_back(s.meta.columns[c].name, DataType::String);
    if (generators[c]) continue;
    const auto at = given.find(s.meta.columns[c].name);
    for (size_t row = 0; row < rows; ++row) {
      if (at == given.end())
        decoded[c].append_null();
      else
        decoded[c].append_string(at->second[(first_row + row) % at->second.size()]);
    }
  }
  fill_fake_columns(
      s.meta, generators, {seed, 3, first_row, rows}, [](size_t, size_t) { return false; },
      decoded);
  return decoded;
}

const fake::LocaleData& locale_data(const std::string& id) {
  for (const fake::LocaleData* l : {&fake::en_US(), &fake::en_GB(), &fake::de_DE(), &fake::fr_FR(),
                                    &fake::it_IT(), &fake::es_ES()})
    if (l->id == id) return *l;
  for (const fake::LocaleData* l : fake::extra_countries())
    if (l->id == id) return *l;
  throw std::runtime_error("no locale " + id);
}

// The city entry of `locale` with this name, region and postal code prefix, if any.
const fake::City* find_city(const fake::LocaleData& locale, const std::string& name,
                            const std::string& region, const std::string& postal) {
  for (const fake::City& city : locale.cities)
    if (city.name == name &&
        (region.empty() || fake::match_key(city.region_code) == fake::match_key(region) ||
         fake::match_key(city.region_name) == fake::match_key(region)) &&
        postal.starts_with(city.postal_prefix))
      return &city;
  return nullptr;
}

bool iban_valid(const std::string& spaced) {
  std::string iban;
  for (char c : spaced)
    if (c != ' ') iban.push_back(c);
  if (iban.size() < 5) return false;
  const std::string rearranged = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : rearranged) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      remainder = (remainder * 10 + (c - '0')) % 97;
    else if (c >= 'A' && c <= 'Z')
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    else
      return false;
  }
  return remainder == 1;
}

const std::vector<std::pair<std::string, SDType>> kPeopleColumns = {
    {"first_name", SDType::Name},   {"last_name", SDType::Name},    {"email", SDType::Email},
    {"phone", SDType::Phone},       {"address", SDType::Address},   {"city", SDType::City},
    {"state", SDType::Categorical}, {"zip", SDType::PostalCode},    {"country", SDType::Country},
    {"company", SDType::OtherPii},  {"iban", SDType::OtherPii},     {"website", SDType::Url},
    {"uuid", SDType::OtherPii},     {"username", SDType::OtherPii}, {"full_name", SDType::Name},
};

const std::map<std::string, std::string> kAllFakes = {
    {"first_name", "first_name"},
    {"last_name", "last_name"},
    {"email", "email"},
    {"phone", "phone"},
    {"address", "address"},
    {"city", "city"},
    {"state", "state"},
    {"zip", "postal_code"},
    {"country", "country"},
    {"company", "company"},
    {"iban", "iban"},
    {"website", "url"},
    {"uuid", "uuid"},
    {"username", "username"},
    {"full_name", "name"},
};

// A few real rows: names, first.last e-mails at free-mail domains, national phones, spaced
// IBANs; the last row's long values make room for any fake value (the source's longest value
// is a preference of the personas).
Source people_source() {
  const std::string long_text(60, 'x');
  return make_source(
      kPeopleColumns,
      {
          {"Ann", "Example", "ann.example@gmail.com", "555 0101", "1 Test Street", "Testville",
           "TS", "00001", "United States", "Acme Widgets Inc.", "GB82 WEST 1234 5698 7654 32",
           "https://www.acme.com/", "0b1f2c3d-aaaa-4bbb-8ccc-000000000001", "ann.example",
           "Ann Example"},
          {"Bob", "Sample", "bob.sample@yahoo.com", "555 0102", "2 Test Street", "Testville", "TS",
           "00002", "United States", "Sample Tools LLC", "GB33 BUKB 2020 1555 5555 55",
           "https://www.tools.com/", "0b1f2c3d-aaaa-4bbb-8ccc-000000000002", "bob.sample",
           "Bob Sample"},
          {"Cy", "Person", "cy.person@gmail.com", "555 0103", "3 Test Street", "Testville", "TS",
           "00003", "United States", "Person Group Inc.", "GB94 BARC 1020 1530 0934 59",
           "https://www.person.com/", "0b1f2c3d-aaaa-4bbb-8ccc-000000000003", "cy.person",
           "Cy Person"},
          {"Maximiliana", "Longworth-Example", "maximiliana.longworth.example@longmail.com",
           "555 0104 0000 0000", long_text, "Longtown upon Example", "TS", "00004-0000",
           "United States", "Longworth Example Widgets International Inc.",
           "GB29 NWBK 6016 1331 9268 19", "https://www.longworth-example-widgets.com/",
           "0b1f2c3d-aaaa-4bbb-8ccc-000000000004", "maximiliana.longworth",
           "Maximiliana Longworth-Example"},
      });
}

TEST(FakeValues, GeneratorsLocalesAndDefaults) {
  for (const char* name : {"name", "first_name", "last_name", "email", "phone", "address", "city",
                           "state", "postal_code", "country", "company", "iban", "url", "uuid"}) {
    ASSERT_TRUE(parse_fake_kind(name)) << name;
    EXPECT_EQ(to_string(*parse_fake_kind(name)), name);
  }
  EXPECT_FALSE(parse_fake_kind("shoe_size"));
  EXPECT_EQ(fake_locales(),
            (std::vector<std::string>{"en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES"}));
  EXPECT_TRUE(is_fake_locale("de_DE"));
  EXPECT_FALSE(is_fake_locale("xx_XX"));
  EXPECT_EQ(fake_generator_for(SDType::Name, "FirstName"), "first_name");
  EXPECT_EQ(fake_generator_for(SDType::Name, "first_name"), "first_name");
  EXPECT_EQ(fake_generator_for(SDType::Name, "LastName"), "last_name");
  EXPECT_EQ(fake_generator_for(SDType::Name, "surname"), "last_name");
  EXPECT_EQ(fake_generator_for(SDType::Name, "CustomerName"), "name");
  EXPECT_EQ(fake_generator_for(SDType::OtherPii, "Company"), "company");
  EXPECT_EQ(fake_generator_for(SDType::OtherPii, "iban"), "iban");
  EXPECT_EQ(fake_generator_for(SDType::Categorical, "BillingState"), "state");
  EXPECT_EQ(fake_generator_for(SDType::Phone, "Fax"), "phone");
  EXPECT_EQ(fake_generator_for(SDType::PostalCode, "PostalCode"), "postal_code");
  EXPECT_EQ(fake_generator_for(SDType::Categorical, "Quantity"), "");
  // Countries stay modelled; other_pii only when its name says its kind.
  EXPECT_TRUE(auto_fakes(SDType::City, "City"));
  EXPECT_TRUE(auto_fakes(SDType::Email, "Email"));
  EXPECT_FALSE(auto_fakes(SDType::Country, "Country"));
  EXPECT_TRUE(auto_fakes(SDType::OtherPii, "Company"));
  EXPECT_FALSE(auto_fakes(SDType::OtherPii, "PasswordHash"));
  EXPECT_FALSE(auto_fakes(SDType::Categorical, "State"));
}

TEST(FakeValues, CountriesMapToLocales) {
  for (const char* de : {"Germany", "DE", "deu", "Deutschland", " germany "})
    EXPECT_EQ(locale_of_country(de), "de_DE") << de;
  EXPECT_EQ(locale_of_country("USA"), "en_US");
  EXPECT_EQ(locale_of_country("United States"), "en_US");
  EXPECT_EQ(locale_of_country("UK"), "en_GB");
  EXPECT_EQ(locale_of_country("United Kingdom"), "en_GB");
  EXPECT_EQ(locale_of_country("GB"), "en_GB");
  EXPECT_EQ(locale_of_country("France"), "fr_FR");
  EXPECT_EQ(locale_of_country("Italia"), "it_IT");
  EXPECT_EQ(locale_of_country("España"), "es_ES");
  EXPECT_EQ(locale_of_country("espana"), "es_ES");
  EXPECT_EQ(locale_of_country("Brazil"), "pt_BR");  // an extra country: places, no names
  EXPECT_EQ(locale_of_country("Canada"), "en_CA");
  EXPECT_EQ(locale_of_country("Atlantis"), "");
}

TEST(FakeValues, FoldingAndCase) {
  EXPECT_EQ(fake::fold_ascii("Gonçalves"), "goncalves");
  EXPECT_EQ(fake::fold_ascii("Müller"), "muller");
  EXPECT_EQ(fake::fold_ascii("Müller", true), "mueller");
  EXPECT_EQ(fake::fold_ascii("Groß"), "gross");
  EXPECT_EQ(fake::fold_ascii("O'Brien"), "obrien");
  EXPECT_EQ(fake::fold_ascii("Wójcik Łukasz"), "wojciklukasz");
  EXPECT_EQ(fake::utf8_upper("müller"), "MÜLLER");
  EXPECT_EQ(fake::utf8_lower("ÉLODIE"), "élodie");
}

struct LocaleFormats {
  std::string locale, phone, postal, address, iban_country;
  size_t iban_length;
  std::string suffix;  // the company's last word
};

// Every generator's format, per locale.
TEST(FakeValues, EveryGeneratorHasTheLocalesFormat) {
  const std::vector<LocaleFormats> formats = {
      {"en_US", R"(\(\d{3}\) \d{3}-\d{4})", R"(\d{5}(-\d{4})?)",
       R"(\d{1,4} [A-Z][A-Za-z ]+ [A-Z][a-z]+)", "GB", 22,
       R"((Inc\.|LLC|Corp\.|Co\.|Group|Sons|[A-Z][a-z]+))"},
      {"en_GB", R"(0(\d{2} \d{4} \d{4}|\d{3} \d{3} \d{4}|\d{4} \d{6}))",
       R"([A-Z]{1,2}\d{1,2} \d[A-Z]{2})", R"(\d{1,3} [A-Z][A-Za-z' ]+ [A-Z][a-z]+)", "GB", 22,
       R"((Ltd|Limited|PLC|LLP|Co|[A-Z][a-z]+))"},
      {"de_DE", R"(0(\d{2} \d{8}|\d{3} \d{7}|\d{4} \d{6}))", R"(\d{5})",
       R"(\S.*(straße|weg|allee|platz|gasse|ring|damm|Straße|Weg|Allee|Platz|Gasse|Ring|Damm) \d{1,3})",
       "DE", 22, R"((GmbH|AG|KG|e\.K\.|\S+))"},
      {"fr_FR", R"(0\d( \d{2}){4})", R"(\d{5})",
       R"(\d{1,2} (Rue|Avenue|Boulevard|Place|Allée|Chemin|Impasse|Quai) \S.*)", "FR", 27,
       R"((SARL|SAS|S\.A\.|EURL|Fils|\S+))"},
      {"it_IT", R"(0(\d \d{8}|\d{2} \d{7}|\d{3} \d{6}))", R"(\d{5})",
       R"((Via|Viale|Piazza|Corso|Largo|Vicolo) \S.* \d{1,3})", "IT", 27,
       R"((S\.r\.l\.|S\.p\.A\.|S\.n\.c\.|S\.a\.s\.|S\.r\.l\.s\.|\S+))"},
      {"es_ES", R"((\d{2} \d{3} \d{2} \d{2}|\d{3} \d{3} \d{3}))", R"(\d{5})",
       R"((Calle|Avenida|Plaza|Paseo|Camino|Ronda|Travesía) \S.*, \d{1,3})", "ES", 24,
       R"((S\.L\.|S\.A\.|S\.L\.U\.|S\.Coop\.|\S+))"},
  };
  const Source source = people_source();
  const std::regex email(R"([a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})");
  const std::regex uuid(R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");
  const std::regex url(R"(https://www\.[a-z0-9-]+\.[a-z.]+/?[a-z./]*)");
  for (const LocaleFormats& f : formats) {
    SCOPED_TRACE(f.locale);
    const fake::LocaleData& data = locale_data(f.locale);
    const auto generators = fit_all(source, kAllFakes, f.locale);
    const std::vector<Column> out = generate_rows(source, generators, 300);
    auto at = [&](const char* name, size_t row) {
      for (size_t c = 0; c < source.meta.columns.size(); ++c)
        if (source.meta.columns[c].name == name) return out[c].string_at(row);
      throw std::runtime_error(name);
    };
    std::set<std::string> cities, emails;
    for (size_t row = 0; row < 300; ++row) {
      SCOPED_TRACE(row);
      EXPECT_TRUE(std::regex_match(at("phone", row), std::regex(f.phone))) << at("phone", row);
      EXPECT_TRUE(std::regex_match(at("zip", row), std::regex(f.postal))) << at("zip", row);
      EXPECT_TRUE(std::regex_match(at("address", row), std::regex(f.address)))
          << at("address", row);
      EXPECT_TRUE(std::regex_match(at("email", row), email)) << at("email", row);
      EXPECT_TRUE(std::regex_match(at("uuid", row), uuid)) << at("uuid", row);
      EXPECT_TRUE(std::regex_match(at("website", row), url)) << at("website", row);
      const std::string iban = at("iban", row);
      EXPECT_EQ(iban.substr(0, 2), f.iban_country) << iban;
      EXPECT_EQ(iban.size(), f.iban_length + (f.iban_length - 1) / 4) << iban;  // spaced by 4
      EXPECT_TRUE(iban_valid(iban)) << iban;
      EXPECT_EQ(at("country", row), data.country_name);
      const std::string company = at("company", row);
      EXPECT_TRUE(std::regex_match(company.substr(company.rfind(' ') + 1), std::regex(f.suffix)))
          << company;
      EXPECT_TRUE(std::regex_match(at("username", row), std::regex(R"([a-z._-]+)")))
          << at("username", row);
      // The person: names of the locale, the full name "First Last".
      const std::string first = at("first_name", row), last = at("last_name", row);
      EXPECT_EQ(at("full_name", row), first + " " + last);
      const auto& firsts = data.male_first_names;
      const auto& female = data.female_first_names;
      EXPECT_TRUE(std::find(firsts.begin(), firsts.end(), first) != firsts.end() ||
                  std::find(female.begin(), female.end(), first) != female.end())
          << first;
      EXPECT_NE(std::find(data.last_names.begin(), data.last_names.end(), last),
                data.last_names.end());
      // The place: city, region, postal code and phone area code of one city entry.
      const fake::City* city = find_city(data, at("city", row), at("state", row), at("zip", row));
      ASSERT_NE(city, nullptr) << at("city", row) << " " << at("state", row) << " "
                               << at("zip", row);
      const std::string phone_digits =
          std::regex_replace(at("phone", row), std::regex("[^0-9]"), "");
      const std::string trunk(data.trunk_prefix);
      EXPECT_TRUE(phone_digits.starts_with(trunk + std::string(city->area_code)))
          << at("phone", row) << " in " << city->name;
      // The e-mail and the user name fit the name (first.last, as the source's).
      const bool umlauts = f.locale == "de_DE";
      for (bool u : {false, umlauts}) {
        const std::string expected = fake::fold_ascii(first, u) + "." + fake::fold_ascii(last, u);
        if (at("email", row).starts_with(expected + "@")) emails.insert(at("email", row));
      }
      cities.insert(at("city", row));
    }
    // Three of the source's four e-mails are first.last@ (the fourth has a third part).
    EXPECT_GT(emails.size(), 180u) << "e-mails are first.last like the source's";
    EXPECT_GT(cities.size(), 15u);
  }
}

TEST(FakeValues, PersonasFollowTheRowsCountryAndState) {
  const Source source = people_source();
  std::map<std::string, std::string> fakes = kAllFakes;
  fakes.erase("country");
  fakes.erase("state");
  const auto generators = fit_all(source, fakes, "en_US");
  const std::vector<std::string> countries = {"Germany", "France", "USA",    "United Kingdom",
                                              "Italia",  "ES",     "Canada", "Atlantis"};
  const std::vector<std::string> states = {"", "", "TX", "", "", "", "QC", ""};
  const std::vector<std::string> locales = {"de_DE", "fr_FR", "en_US", "en_GB",
                                            "it_IT", "es_ES", "en_CA", "en_US"};
  const size_t rows = 400;
  const std::vector<Column> out =
      generate_rows(source, generators, rows, {{"country", countries}, {"state", states}});
  auto at = [&](const char* name, size_t row) {
    for (size_t c = 0; c < source.meta.columns.size(); ++c)
      if (source.meta.columns[c].name == name) return out[c].string_at(row);
    throw std::runtime_error(name);
  };
  for (size_t row = 0; row < rows; ++row) {
    const size_t k = row % countries.size();
    SCOPED_TRACE(countries[k]);
    const fake::LocaleData& data = locale_data(locales[k]);
    const fake::City* city = find_city(data, at("city", row), states[k], at("zip", row));
    ASSERT_NE(city, nullptr) << at("city", row) << " " << at("zip", row);
    const std::string phone_digits = std::regex_replace(at("phone", row), std::regex("[^0-9]"), "");
    EXPECT_TRUE(
        phone_digits.starts_with(std::string(data.trunk_prefix) + std::string(city->area_code)))
        << at("phone", row);
    if (!data.last_names.empty()) {  // a locale with names of its own names the person
      EXPECT_NE(std::find(data.last_names.begin(), data.last_names.end(), at("last_name", row)),
                data.last_names.end())
          << at("last_name", row);
    }
    if (!data.iban_country.empty()) EXPECT_EQ(at("iban", row).substr(0, 2), data.iban_country);
  }
}

// The source's e-mails are flast@ (an initial and the surname) and its names "Last, First":
// the fakes follow, from the row's own names.
TEST(FakeValues, ShapesFollowTheSource) {
  const Source source =
      make_source({{"first", SDType::Name},
                   {"last", SDType::Name},
                   {"email", SDType::Email},
                   {"display", SDType::Name},
                   {"phone", SDType::Phone}},
                  {{"Zed", "Quorra", "zquorra@mailbox.example", "Quorra, Zed", "+49 30 1234567"},
                   {"Yan", "Pellew", "ypellew@mailbox.example", "Pellew, Yan", "+49 89 7654321"},
                   {"Xia", "Ombrell", "xombrell@mailbox.example", "Ombrell, Xia", "+49 40 1112223"},
                   {"Wim", "Noller", "wnoller@mailbox.example", "Noller, Wim", "+49 69 3334445"},
                   {"Val", "Mirren", "vmirren@mailbox.example", "Mirren, Val", "+49 711 555666"},
                   {"Uma", "Lobb", "ulobb@mailbox.example", "Lobb, Uma", "+49 221 777888"}});
  const auto generators = fit_all(source,
                                  {{"first", "first_name"},
                                   {"last", "last_name"},
                                   {"email", "email"},
                                   {"display", "name"},
                                   {"phone", "phone"}},
                                  "de_DE");
  const std::vector<Column> out = generate_rows(source, generators, 200);
  for (size_t row = 0; row < 200; ++row) {
    const std::string first = out[0].string_at(row), last = out[1].string_at(row);
    const std::string email = out[2].string_at(row);
    // Six real e-mails share mailbox.example (>= 5 distinct values): the domain is kept.
    const bool flast = email == fake::fold_ascii(first).substr(0, 1) + fake::fold_ascii(last) +
                                    "@mailbox.example" ||
                       email == fake::fold_ascii(first, true).substr(0, 1) +
                                    fake::fold_ascii(last, true) + "@mailbox.example";
    EXPECT_TRUE(flast) << email << " for " << first << " " << last;
    EXPECT_EQ(out[3].string_at(row), last + ", " + first);
    EXPECT_TRUE(out[4].string_at(row).starts_with("+49 ")) << out[4].string_at(row);
  }
}

// No real value comes out again: not a real person's first and last name together, not a
// real e-mail, phone, street address or company, even with tiny name lists' collisions.
TEST(FakeValues, NoRealValueIsCopied) {
  // Real rows spelled from the locale's own lists, as a fake would spell them.
  const fake::LocaleData& us = fake::en_US();
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < 400; ++i) {
    const std::string first(us.male_first_names[i % 8]), last(us.last_names[i % 10]);
    rows.push_back(
        {first, last, fake::fold_ascii(first) + "." + fake::fold_ascii(last) + "@gmail.com"});
  }
  const Source source = make_source(
      {{"FirstName", SDType::Name}, {"LastName", SDType::Name}, {"Email", SDType::Email}}, rows);
  const auto generators =
      fit_all(source, {{"FirstName", "first_name"}, {"LastName", "last_name"}, {"Email", "email"}},
              "en_US");
  std::set<std::pair<std::string, std::string>> real_people;
  std::set<std::string> real_emails;
  for (const auto& row : rows) real_people.insert({row[0], row[1]}), real_emails.insert(row[2]);
  const std::vector<Column> out = generate_rows(source, generators, 20000);
  size_t shared_first = 0;
  for (size_t row = 0; row < 20000; ++row) {
    EXPECT_FALSE(real_people.count({out[0].string_at(row), out[1].string_at(row)}))
        << out[0].string_at(row) << " " << out[1].string_at(row);
    EXPECT_FALSE(real_emails.count(out[2].string_at(row))) << out[2].string_at(row);
    shared_first += out[0].string_at(row) == us.male_first_names[0];
  }
  EXPECT_GT(shared_first, 0u) << "common first names alone may recur";
}

// Output depends on (seed, table, row) only: a part of rows 100.. gives the same values as the
// same rows in one go; another seed gives others. Unique columns never repeat.
TEST(FakeValues, DeterministicPerRowAndUniqueWhenAsked) {
  const Source source = people_source();
  const auto generators = fit_all(source, kAllFakes, "fr_FR");
  const std::vector<Column> whole = generate_rows(source, generators, 300);
  const std::vector<Column> tail = generate_rows(source, generators, 200, {}, 7, 100);
  const std::vector<Column> other = generate_rows(source, generators, 300, {}, 8);
  size_t differ = 0;
  for (size_t c = 0; c < whole.size(); ++c)
    for (size_t row = 0; row < 200; ++row) {
      EXPECT_EQ(whole[c].string_at(100 + row), tail[c].string_at(row));
      differ += whole[c].string_at(row) != other[c].string_at(row);
    }
  EXPECT_GT(differ, 1000u);

  const auto unique = fit_all(source, kAllFakes, "en_GB", /*unique=*/true);
  const std::vector<Column> out = generate_rows(source, unique, 3000);
  for (const char* name : {"email", "phone", "iban", "username", "company", "uuid"}) {
    size_t c = 0;
    while (source.meta.columns[c].name != name) ++c;
    std::set<std::string> seen(out[c].strings().begin(), out[c].strings().end());
    EXPECT_EQ(seen.size(), 3000u) << name;
  }
}

TEST(FakeValues, SaveAndLoadGiveTheSameValues) {
  const Source source = people_source();
  const auto generators = fit_all(source, kAllFakes, "it_IT");
  std::vector<std::unique_ptr<ValueGenerator>> loaded(generators.size());
  for (size_t c = 0; c < generators.size(); ++c) {
    BinaryWriter writer;
    save_generator(*generators[c], writer);
    const std::string bytes = writer.take();
    BinaryReader reader(bytes);
    loaded[c] = load_generator(reader);
    EXPECT_TRUE(is_fake_generator(loaded[c].get()));
    EXPECT_EQ(loaded[c]->describe(), generators[c]->describe());
  }
  const std::vector<Column> a = generate_rows(source, generators, 100);
  const std::vector<Column> b = generate_rows(source, loaded, 100);
  for (size_t c = 0; c < a.size(); ++c)
    for (size_t row = 0; row < 100; ++row) EXPECT_EQ(a[c].string_at(row), b[c].string_at(row));
}

TEST(FakeValues, AnUnknownLocaleIsAUsageError) {
  const Source source = people_source();
  EXPECT_THROW(fit_all(source, {{"email", "email"}}, "xx_XX"), UsageError);
}

}  // namespace
}  // namespace relsynth

namespace relsynth {
namespace {

ColumnMeta column_of(const std::string& name, SDType sdtype, Treatment kind = Treatment::Auto,
                     const std::string& generator = "", const std::string& locale = "") {
  ColumnMeta column;
  column.name = name;
  column.sdtype = sdtype;
  column.treatment.kind = kind;
  column.treatment.generator = generator;
  column.treatment.locale = locale;
  return column;
}

// The treatment decides: `fake` with its generator and locale on any column, `auto` by the
// sdtype (countries and repeated cities stay modelled), anything else not faked.
TEST(FakeValues, TreatmentsChooseTheGeneratorAndLocale) {
  Column rare("c", DataType::String), repeated("c", DataType::String);
  for (int i = 0; i < 20; ++i) rare.append_string("City " + std::to_string(i));
  for (int i = 0; i < 20; ++i) repeated.append_string(i % 2 ? "Berlin" : "Paris");
  auto spec = fake_spec("t", column_of("Email", SDType::Email), rare, 5, "de_DE");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->kind, FakeKind::Email);
  EXPECT_EQ(spec->locale, "de_DE");
  spec = fake_spec("t", column_of("Email", SDType::Email, Treatment::Auto, "", "fr_FR"), rare, 5,
                   "de_DE");
  EXPECT_EQ(spec->locale, "fr_FR");
  EXPECT_EQ(fake_spec("t", column_of("Email", SDType::Email), rare, 5, "")->locale, "en_US");
  EXPECT_FALSE(fake_spec("t", column_of("Country", SDType::Country), rare, 5, ""));
  EXPECT_TRUE(fake_spec("t", column_of("City", SDType::City), rare, 5, ""));
  EXPECT_FALSE(fake_spec("t", column_of("City", SDType::City), repeated, 5, ""));
  EXPECT_FALSE(
      fake_spec("t", column_of("Email", SDType::Email, Treatment::Synthesize), rare, 5, ""));
  // Explicit fake: on a non-personal column with a generator, on a country, by name.
  spec = fake_spec("t", column_of("Account", SDType::Categorical, Treatment::Fake, "iban", "it_IT"),
                   rare, 5, "");
  EXPECT_EQ(spec->kind, FakeKind::Iban);
  EXPECT_EQ(spec->locale, "it_IT");
  EXPECT_EQ(
      fake_spec("t", column_of("Country", SDType::Country, Treatment::Fake), rare, 5, "")->kind,
      FakeKind::Country);
  EXPECT_EQ(fake_spec("t", column_of("Surname", SDType::Text, Treatment::Fake), rare, 5, "")->kind,
            FakeKind::LastName);
  try {
    fake_spec("orders", column_of("Quantity", SDType::Numerical, Treatment::Fake), rare, 5, "");
    ADD_FAILURE() << "no generator fits a quantity";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("\"orders\".\"Quantity\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(
      fake_spec("t", column_of("c", SDType::Text, Treatment::Fake, "shoe_size"), rare, 5, ""),
      UsageError);
}

}  // namespace
}  // namespace relsynth

namespace relsynth {
namespace {

// Phones keep the source's layout for their calling code when it has as many digits
// ("+1 212-555-0100"; "+33 01 49 70 65 65" keeps even the trunk 0), with the persona's area.
TEST(FakeValues, PhonesKeepTheSourcesLayout) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 10; ++i) {
    rows.push_back({"USA", "+1 212-555-01" + std::to_string(10 + i)});
    rows.push_back({"France", "+33 01 49 70 65 " + std::to_string(10 + i)});
  }
  const Source source = make_source({{"country", SDType::Country}, {"phone", SDType::Phone}}, rows);
  const auto generators = fit_all(source, {{"phone", "phone"}}, "en_US");
  const std::vector<Column> out =
      generate_rows(source, generators, 200, {{"country", {"USA", "France"}}});
  for (size_t row = 0; row < 200; ++row) {
    const std::string phone = out[1].string_at(row);
    if (row % 2 == 0)
      EXPECT_TRUE(std::regex_match(phone, std::regex(R"(\+1 \d{3}-\d{3}-\d{4})"))) << phone;
    else
      EXPECT_TRUE(std::regex_match(phone, std::regex(R"(\+33 0\d( \d{2}){4})"))) << phone;
  }
}

}  // namespace
}  // namespace relsynth
