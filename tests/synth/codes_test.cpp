// Codes and references (no spaces, not words) come out in the source's pattern, never copied.
#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

#include "core/random.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// 50,000 distinct 10-letter lower-case voucher codes came out as 83 dictionary words of 2 to
// 10 letters (typed text, generated from a vocabulary they have none of). Through a model file:
// 10 lower-case letters each, all distinct, none a real code (chance gives 2e-5 copies).
TEST(SynthCodes, UniqueCodesKeepTheirPatternAndAreNotCopied) {
  TempDir dir;
  std::string script =
      "CREATE TABLE vouchers (id INTEGER PRIMARY KEY, code TEXT NOT NULL, amount REAL NOT NULL);"
      "BEGIN;";
  Rng rng(11);
  std::unordered_set<std::string> codes;
  for (int id = 1; codes.size() < 50000;) {
    std::string code;
    for (int i = 0; i < 10; ++i) code.push_back(static_cast<char>('a' + rng.uniform_int(26)));
    if (!codes.insert(code).second) continue;
    script += "INSERT INTO vouchers VALUES (" + std::to_string(id++) + ", '" + code + "', " +
              std::to_string(5 + rng.uniform_int(50)) + ");";
  }
  script += "COMMIT;";
  const std::string real = dir.file("real.sqlite"), twin = dir.file("twin.sqlite");
  create_sqlite(real, script);
  synthesize_through_file(load(real), dir.file("model.rsm"), twin);

  EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM vouchers"), 50000);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(DISTINCT code) FROM vouchers"), 50000);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM vouchers WHERE length(code) <> 10 OR "
                      "code GLOB '*[^a-z]*'"),
            0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(twin.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, ("ATTACH '" + real + "' AS real").c_str(), nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT COUNT(*) FROM main.vouchers WHERE code IN "
                               "(SELECT code FROM real.vouchers)",
                               -1, &statement, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(statement, 0), 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

}  // namespace
}  // namespace relsynth::testing
