#include "relsynth/error.h"

#include <gtest/gtest.h>

namespace relsynth {
namespace {

TEST(FindLocation, ReadsWhatLocateWrote) {
  const std::string message = "bad value in " + locate("my \"orders\"", "total, net", 16) + ": x";
  const ErrorPlace where = find_location(message);
  EXPECT_EQ(where.table, "my \"orders\"");
  EXPECT_EQ(where.column, "total, net");
  EXPECT_EQ(where.row, 16);
}

TEST(FindLocation, PartsMayBeMissing) {
  ErrorPlace where = find_location("csv: " + locate("t") + " has no rows");
  EXPECT_EQ(where.table, "t");
  EXPECT_EQ(where.column, "");
  EXPECT_EQ(where.row, -1);
  where = find_location("no place named here");
  EXPECT_EQ(where.table, "");
  EXPECT_EQ(where.row, -1);
  // "subtable" is not a table part; an unterminated quote names nothing.
  EXPECT_EQ(find_location("subtable \"x\" failed").table, "");
  EXPECT_EQ(find_location("table \"x").table, "");
}

}  // namespace
}  // namespace relsynth
