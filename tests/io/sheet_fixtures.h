// Helpers shared by the spreadsheet connector tests (.xlsx, .ods, .xls): the project's Python
// environment as an independent reader and writer, a table of every storage type, and whole
// databases read through a URI.
#pragma once

#include <string>

#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::testing {

// The project's Python (.venv/bin/python in the source tree); empty when it is missing.
std::string venv_python();
#define REQUIRE_VENV() \
  if (venv_python().empty()) GTEST_SKIP() << "no .venv (scripts/install-deps.sh makes it)"
// `text` as a Python string literal.
std::string py_string(const std::string& text);
// Runs `script` with the venv's Python; returns its exit status and output (stdout+stderr).
int run_python(const std::string& script, std::string* output);

// One table of every storage type with NULLs, unicode, a newline and leading zeros in text.
struct TypedDatabase {
  Metadata metadata;
  Database data;
};
TypedDatabase every_type_database();

// Writes every_type_database() to `path` and reads it back: the same types and values.
void expect_every_type_round_trip(const std::string& path);

// Writes a one-column table whose last rows are all NULL to `path`: they are read back (the
// count relsynth records), where a sheet alone shows nothing after the last value.
void expect_trailing_null_rows_kept(const std::string& path);

// Every table of `uri` as described and read.
struct ReadBack {
  Metadata metadata;
  Database data;
};
ReadBack read_all(const std::string& uri, const SourceOptions& options = {});
// The message of the error reading `uri` whole throws ("" when it reads).
std::string error_reading(const std::string& uri);
// begin, append every table, commit.
void write_all(const std::string& uri, const Metadata& metadata, const Database& data,
               const DestinationOptions& options = {});

}  // namespace relsynth::testing
