// Fake values end to end: chinook through the CLI. Its customers live in 24 countries with a
// city, state, postal code, phone and e-mail each; the synthetic ones must read as one person
// and place per row, in the row's (modelled) country, and repeat no real person.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "model/fake_locales/fake_locale.h"
#include "model/fake_text.h"
#include "model/fake_values.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::run_command;
using testing::TempDir;

const std::string kCli = RELSYNTH_CLI_PATH;

// The rows of `sql` as text ("" for NULL).
std::vector<std::vector<std::string>> rows_of(const std::string& db_path, const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const unsigned char* text = sqlite3_column_text(statement, c);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

const fake::LocaleData* locale_named(const std::string& id) {
  for (const fake::LocaleData* l : {&fake::en_US(), &fake::en_GB(), &fake::de_DE(), &fake::fr_FR(),
                                    &fake::it_IT(), &fake::es_ES()})
    if (l->id == id) return l;
  for (const fake::LocaleData* l : fake::extra_countries())
    if (l->id == id) return l;
  return nullptr;
}

TEST(FakeValuesChinook, CustomersReadAsOnePersonAndPlaceInTheirCountry) {
  TempDir dir;
  const std::string source = testing::shared_dataset("chinook");
  const std::string out = dir.file("out.sqlite");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q synth " + source + " --to " + out + " --seed 3", &output), 0)
      << output;
  const std::string columns =
      "FirstName, LastName, Address, City, State, Country, PostalCode, Phone, Email, Company";
  const auto real = rows_of(source, "SELECT " + columns + " FROM Customer");
  const auto fake = rows_of(out, "SELECT " + columns + " FROM Customer");
  ASSERT_GE(fake.size(), 50u);
  std::set<std::pair<std::string, std::string>> real_people;
  std::set<std::string> real_values;
  for (const auto& r : real) {
    real_people.insert({r[0], r[1]});
    for (size_t c : {2, 7, 8}) real_values.insert(r[c]);
  }
  // The countries whose real customers have a state: their synthetic states are regions.
  std::set<std::string> with_states;
  for (const auto& r : real)
    if (!r[4].empty()) with_states.insert(r[5]);
  size_t placed = 0;
  for (const auto& row : fake) {
    SCOPED_TRACE(row[0] + " " + row[1] + ", " + row[2] + ", " + row[3] + ", " + row[4] + ", " +
                 row[5] + ", " + row[6] + ", " + row[7] + ", " + row[8]);
    // No real person, address, phone or e-mail.
    EXPECT_FALSE(real_people.count({row[0], row[1]}));
    for (size_t c : {2, 7, 8})
      if (!row[c].empty()) EXPECT_FALSE(real_values.count(row[c]));
    // The e-mail fits the name (chinook's are first.last@, flast@, firstl@, fi+last@...).
    const std::string first = fake::fold_ascii(row[0]), last = fake::fold_ascii(row[1]);
    const std::string local = fake::fold_ascii(row[8].substr(0, row[8].find('@')));
    const std::string first_de = fake::fold_ascii(row[0], true),
                      last_de = fake::fold_ascii(row[1], true);
    EXPECT_TRUE(local.find(last) != std::string::npos || local.find(first) != std::string::npos ||
                local.find(last_de) != std::string::npos ||
                local.find(first_de) != std::string::npos)
        << local;
    // The place: a city of the row's country, its region, postal code and phone area.
    const fake::LocaleData* locale = locale_named(locale_of_country(row[5]));
    if (locale == nullptr) continue;  // a country without place data: any persona
    const fake::City* city = nullptr;
    for (const fake::City& c : locale->cities)
      if (c.name == row[3] && (row[6].empty() || row[6].starts_with(c.postal_prefix)) &&
          (row[4].empty() || !with_states.count(row[5]) ||
           fake::match_key(row[4]) == fake::match_key(c.region_code) ||
           fake::match_key(row[4]) == fake::match_key(c.region_name)))
        city = &c;
    ASSERT_NE(city, nullptr) << "no city of " << locale->id << " fits";
    if (!row[7].empty()) {
      // +CC, then the area code, after the trunk prefix when the source's layout keeps it.
      std::string digits = std::regex_replace(row[7], std::regex("[^0-9]"), "");
      const std::string code(locale->calling_code), trunk(locale->trunk_prefix),
          area(city->area_code);
      if (row[7].starts_with("+") && digits.starts_with(code)) digits.erase(0, code.size());
      EXPECT_TRUE(digits.starts_with(area) || digits.starts_with(trunk + area)) << row[7];
    }
    ++placed;
  }
  EXPECT_GT(placed, fake.size() * 3 / 4) << "most countries of chinook have place data";
  // The countries stay modelled: the United States (13 of 59) and Canada (8) lead.
  std::map<std::string, int> countries;
  for (const auto& row : fake) ++countries[row[5]];
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [country, count] : countries) ranked.emplace_back(-count, country);
  std::sort(ranked.begin(), ranked.end());
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_TRUE(ranked[0].second == "USA" || ranked[1].second == "USA");
}

}  // namespace
}  // namespace relsynth
