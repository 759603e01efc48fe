// Source::read_page: a page of a table read without reading the rest (SQLite LIMIT/OFFSET, CSV
// parsed up to the page's end, Parquet only the row groups of the page) is exactly that slice of
// read_table, for every storage type, NULLs, text spanning lines, pages across part files, the
// table's end and beyond it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io_fixtures.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;

// 1000 rows: an id, a text with a line break every 97th row and a NULL every 7th, a number.
Database many_rows(Metadata& metadata) {
  TableMeta meta;
  meta.name = "many";
  meta.columns = {testing::typed_column("id", DataType::Int64, "INTEGER"),
                  testing::typed_column("note", DataType::String, "TEXT"),
                  testing::typed_column("amount", DataType::Float64, "REAL")};
  meta.primary_key = {"id"};
  Table table("many");
  table.add_column(Column("id", DataType::Int64));
  table.add_column(Column("note", DataType::String));
  table.add_column(Column("amount", DataType::Float64));
  Column &id = table.column(0), &note = table.column(1), &amount = table.column(2);
  for (int64_t row = 0; row < 1000; ++row) {
    id.append_int(row + 1);
    if (row % 7 == 3)
      note.append_null();
    else
      note.append_string(row % 97 == 5 ? "two\nlines, \"quoted\"" : "note " + std::to_string(row));
    amount.append_double(static_cast<double>(row) / 4);
  }
  metadata.tables.push_back(meta);
  Database database;
  database.add_table(std::move(table));
  return database;
}

void write(const std::string& uri, const Metadata& metadata, const Database& data) {
  DestinationOptions options;
  options.on_warning = [](const std::string&) {};
  auto destination = open_destination(uri, options);
  write_database(*destination, metadata, data);
}

std::vector<std::string> texts(const Table& table, size_t begin, size_t end) {
  std::vector<std::string> out;
  for (size_t row = begin; row < end; ++row) {
    std::string line;
    for (const Column& column : table.columns())
      line += (column.is_null(row) ? "<null>" : testing::normalized(column, row)) + "|";
    out.push_back(line);
  }
  return out;
}

// Every page of `uri`'s tables at offsets around the start, the middle, part boundaries and the
// end equals that slice of the whole table, with the table's columns even when empty.
void expect_pages_are_slices(const std::string& uri, const std::vector<size_t>& offsets) {
  SCOPED_TRACE(uri);
  auto source = open_source(uri);
  const Metadata described = source->describe();
  for (const TableMeta& table : described.tables) {
    SCOPED_TRACE(table.name);
    const Table whole = source->read_table(table);
    const size_t rows = whole.num_rows();
    for (size_t offset : offsets) {
      for (size_t limit : {size_t{0}, size_t{1}, size_t{3}, size_t{50}, size_t{2000}}) {
        SCOPED_TRACE("offset " + std::to_string(offset) + ", limit " + std::to_string(limit));
        const Table page = source->read_page(table, offset, limit);
        ASSERT_EQ(page.num_columns(), table.columns.size());
        const size_t begin = std::min(offset, rows), end = std::min(rows, begin + limit);
        EXPECT_EQ(texts(page, 0, page.num_rows()), texts(whole, begin, end));
      }
    }
  }
}

TEST(ReadPage, PagesAreSlicesOfTheWholeTableInEveryFileKind) {
  testing::TempDir dir;
  const testing::OddDatabase odd = testing::odd_database();
  Metadata metadata;
  const Database many = many_rows(metadata);
  const std::vector<size_t> offsets = {0, 1, 2, 5, 96, 500, 997, 999, 1000, 5000};
  for (const std::string& uri :
       {dir.file("odd.sqlite"), "csv:" + dir.file("odd_csv"), "parquet:" + dir.file("odd_pq"),
        dir.file("odd.xlsx"), dir.file("odd.zip")}) {
    write(uri, odd.metadata, odd.data);
    expect_pages_are_slices(uri, offsets);
  }
  for (const std::string& uri : {dir.file("many.sqlite"), "csv:" + dir.file("many_csv"),
                                 "tsv:" + dir.file("many_tsv"), "parquet:" + dir.file("many_pq")}) {
    write(uri, metadata, many);
    expect_pages_are_slices(uri, offsets);
  }
}

TEST(ReadPage, ParquetPagesSpanPartFiles) {
  testing::TempDir dir;
  Metadata metadata;
  const Database many = many_rows(metadata);
  // Three part files of 400, 400 and 200 rows: a Spark-style folder of one table.
  const fs::path parts = dir.path() / "parts" / "many";
  fs::create_directories(parts);
  const Table& all = many.table("many");
  for (size_t part = 0; part < 3; ++part) {
    Database slice;
    slice.add_table(all.slice(part * 400, std::min<size_t>(all.num_rows(), part * 400 + 400)));
    const std::string folder = dir.file("part" + std::to_string(part));
    write("parquet:" + folder, metadata, slice);
    fs::rename(fs::path(folder) / "many.parquet",
               parts / ("part-" + std::to_string(part) + ".parquet"));
  }
  expect_pages_are_slices("parquet:" + (dir.path() / "parts").string(),
                          {0, 350, 399, 400, 401, 790, 800, 999, 1000});
}

TEST(ReadPage, CsvPageErrorsNameTheRowAndLineOfTheFile) {
  testing::TempDir dir;
  fs::create_directories(dir.path() / "shop");
  std::ofstream(dir.path() / "shop" / "orders.csv") << "id,total\n1,2.5\n2,\"x\ny\"\n3,4\n";
  auto source = open_source("csv:" + dir.file("shop"));
  TableMeta meta = source->describe().tables.front();
  meta.columns[1].type = DataType::Float64;  // as if typed before the file changed
  try {
    source->read_page(meta, 1, 1);
    FAIL() << "a bad value in the page reads";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(source->read_page(meta, 2, 5).column(1).double_at(0), 4.0);
}

}  // namespace
}  // namespace relsynth
