// Fixtures shared by the connector tests: a database of odd names and key shapes, and rows
// compared as sets.
#pragma once

#include <string>
#include <vector>

#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::testing {

// The URL of a test server from the environment variable `variable` ("" when unset), and
// whether the servers must be there (RELSYNTH_TEST_SERVERS_REQUIRED=1: fail, don't skip).
std::string server_url(const char* variable);
bool servers_required();
// A fresh name for a test's schema, database or role: stem_pid_counter.
std::string unique_name(const std::string& stem);
// `text` as one word for the shell.
std::string shell_quote(const std::string& text);

// Names that need quoting, unicode, every storage type with NULLs, a composite key with a
// composite foreign key, a self-reference and a cycle between two tables.
struct OddDatabase {
  Metadata metadata;
  Database data;
};
OddDatabase odd_database();

// The message of the error opening and reading every table of `uri` throws ("" when it reads).
std::string read_error(const std::string& uri);

// A column with a storage type, a SQL type and a temporal format.
ColumnMeta typed_column(std::string name, DataType type, std::string sql_type = {},
                        std::string format = {});

// A value as comparable text: numbers by value (a SQLite REAL and a MySQL DECIMAL holding the
// same number agree), dates and times in ISO layout.
std::string normalized(const Column& column, size_t row);
// Rows as sorted text: equal for the same rows in any order.
std::vector<std::string> row_set(const Table& table);

// Reads selections of the odd database from `source` (where it was written): rows named by
// quoted, unicode, composite keys, by NULL tuples and repeated tuples; expects exactly the rows
// the in-memory match gives.
void expect_odd_selections_read_exactly(Source& source, const OddDatabase& odd);

// read_subset from `source` gives the same rows as subset_database on `expected` (the same
// database, read whole from anywhere).
void expect_same_subset(Source& source, const Metadata& metadata, const Database& expected,
                        int64_t target_rows, uint64_t seed);

}  // namespace relsynth::testing
