// What a database server refuses in a schema is said before any work, naming the table and
// column: PostgreSQL's 63-byte names and 1,600 columns, MySQL's 64-character names, 1,017
// columns and column names that differ in case only.
#include "io/schema_limits.h"

#include <gtest/gtest.h>

#include <string>

#include "relsynth/error.h"

namespace relsynth {
namespace {

const SchemaLimits kPostgres{"PostgreSQL", 63, true, 1600, false};
const SchemaLimits kMysql{"MySQL/MariaDB", 64, false, 1017, true};

Metadata schema(const std::string& table, std::vector<std::string> columns) {
  Metadata metadata;
  TableMeta meta;
  meta.name = table;
  for (std::string& name : columns) {
    ColumnMeta column;
    column.name = std::move(name);
    meta.columns.push_back(column);
  }
  metadata.tables.push_back(meta);
  return metadata;
}

std::string refusal(const Metadata& metadata, const SchemaLimits& limits) {
  try {
    check_schema_limits(metadata, limits);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SchemaLimits, WhatEachServerHoldsPasses) {
  // 63 bytes for PostgreSQL; 64 characters, here 128 bytes, for MySQL.
  EXPECT_EQ(refusal(schema(std::string(63, 't'), {"id", "Name", "name"}), kPostgres), "");
  std::string wide;
  for (int i = 0; i < 64; ++i) wide += "é";
  EXPECT_EQ(refusal(schema("t", {"id", wide}), kMysql), "");
  EXPECT_EQ(refusal(schema("t", std::vector<std::string>(1, "a")), kMysql), "");
}

TEST(SchemaLimits, LongNamesAreRefusedNamingTableAndColumn) {
  const std::string long_column(64, 'c');
  const std::string error = refusal(schema("orders", {"id", long_column}), kPostgres);
  EXPECT_NE(error.find("orders"), std::string::npos) << error;
  EXPECT_NE(error.find(long_column), std::string::npos) << error;
  EXPECT_NE(error.find("at most 63 bytes"), std::string::npos) << error;
  std::string wide;
  for (int i = 0; i < 65; ++i) wide += "é";
  EXPECT_NE(refusal(schema(wide, {"id"}), kMysql).find("at most 64 characters"), std::string::npos);
}

TEST(SchemaLimits, TooManyColumnsAndCaseTwinsAreRefused) {
  std::vector<std::string> columns;
  for (int i = 0; i < 1601; ++i) columns.push_back("c" + std::to_string(i));
  EXPECT_NE(refusal(schema("wide", columns), kPostgres).find("1601 columns"), std::string::npos);
  columns.resize(1018);
  EXPECT_NE(refusal(schema("wide", columns), kMysql).find("at most 1017"), std::string::npos);
  const std::string twins = refusal(schema("people", {"id", "Name", "name"}), kMysql);
  EXPECT_NE(twins.find("people"), std::string::npos) << twins;
  EXPECT_NE(twins.find("\"Name\""), std::string::npos) << twins;
  EXPECT_NE(twins.find("ignore case"), std::string::npos) << twins;
}

}  // namespace
}  // namespace relsynth
