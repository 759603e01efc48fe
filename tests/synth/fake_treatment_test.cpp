// The fake treatment through training and generation: the metadata's locale, a column's
// explicit `fake` treatment on a non-personal column, and the model file round trip.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <regex>

#include "model/fake_locales/fake_locale.h"
#include "relsynth/error.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::TempDir;

std::string people_script() {
  std::string script =
      "CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, email TEXT, "
      "phone TEXT, account TEXT, tier TEXT);\n";
  for (int i = 1; i <= 60; ++i) {
    const std::string n = std::to_string(i);
    script += "INSERT INTO people VALUES (" + n + ", 'Person" + n + " Surname" + n + "', 'person" +
              n + ".surname" + n + "@example.org', '+1 555 010 " + n + "', 'acct-" + n + "', '" +
              (i % 3 ? "gold" : "silver") + "');\n";
  }
  return script;
}

TEST(FakeTreatment, MetadataLocaleAndAnExplicitFakeColumn) {
  TempDir dir;
  testing::create_sqlite(dir.file("people.sqlite"), people_script());
  testing::SourceData source = testing::load(dir.file("people.sqlite"));
  source.metadata.locale = "it_IT";
  ColumnMeta* account = source.metadata.find_table("people")->find_column("account");
  account->treatment.kind = Treatment::Fake;
  account->treatment.generator = "iban";
  const std::string out = dir.file("out.sqlite");
  testing::synthesize_through_file(source, dir.file("m.rsm"), out);
  const fake::LocaleData& it = fake::it_IT();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(out.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT full_name, email, phone, account FROM people", -1,
                               &statement, nullptr),
            SQLITE_OK);
  int rows = 0;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    auto text = [&](int c) {
      const unsigned char* v = sqlite3_column_text(statement, c);
      return v ? std::string(reinterpret_cast<const char*>(v)) : std::string();
    };
    ++rows;
    const std::string name = text(0), phone = text(2), iban = text(3);
    SCOPED_TRACE(name + " " + text(1) + " " + phone + " " + iban);
    // Italian names (no country column: the metadata's locale), an Italian number in the
    // source's international layout, an Italian IBAN.
    const std::string last = name.substr(name.find(' ') + 1);
    EXPECT_NE(std::find(it.last_names.begin(), it.last_names.end(), last), it.last_names.end());
    if (!phone.empty()) {
      EXPECT_TRUE(phone.starts_with("+39 ")) << phone;
    }
    EXPECT_TRUE(std::regex_match(iban, std::regex("IT[0-9]{2}[A-Z][0-9]{22}"))) << iban;
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  EXPECT_EQ(rows, 60);
}

TEST(FakeTreatment, AnUnknownGeneratorOrLocaleStopsTrainingNamingTheColumn) {
  TempDir dir;
  testing::create_sqlite(dir.file("people.sqlite"), people_script());
  testing::SourceData source = testing::load(dir.file("people.sqlite"));
  ColumnMeta* tier = source.metadata.find_table("people")->find_column("tier");
  tier->treatment.kind = Treatment::Fake;
  tier->treatment.generator = "shoe_size";
  try {
    testing::synthesize(source, dir.file("out.sqlite"));
    ADD_FAILURE() << "trained with an unknown generator";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("\"people\".\"tier\""), std::string::npos) << e.what();
  }
  tier->treatment.generator = "company";
  tier->treatment.locale = "xx_XX";
  EXPECT_THROW(testing::synthesize(source, dir.file("out2.sqlite")), UsageError);
}

}  // namespace
}  // namespace relsynth
