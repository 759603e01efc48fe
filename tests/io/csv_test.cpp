// The CSV/TSV connector on real files: RFC 4180 parsing, type inference, writing, atomic
// commits, and interoperability with Python's csv module and the sqlite3 shell.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "io/connectors.h"
#include "io/csv_format.h"
#include "io/csv_types.h"
#include "relsynth/error.h"
#include "relsynth/io.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device device;
    path_ = fs::temp_directory_path() /
            ("relsynth_csv_test_" + std::to_string(device()) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Loaded {
  Metadata metadata;
  Database data;
};

Loaded load(const fs::path& directory, const SourceOptions& options = {}) {
  auto source = make_csv_source(directory.string(), options);
  Loaded loaded;
  loaded.metadata = source->describe();
  for (const TableMeta& table : loaded.metadata.tables)
    loaded.data.add_table(source->read_table(table));
  return loaded;
}

void save(const fs::path& directory, const Metadata& metadata, const Database& data,
          const DestinationOptions& options = {}) {
  auto destination = make_csv_destination(directory.string(), options);
  destination->begin(metadata);
  for (const TableMeta& table : metadata.tables) destination->append(table, data.table(table.name));
  destination->commit();
}

// Every error message must point at the file, line and column.
void expect_input_error(const std::string& content, const std::vector<std::string>& parts) {
  TempDir dir;
  write_file(dir / "bad.csv", content);
  try {
    load(dir.path());
    FAIL() << "no InputError for " << content;
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("bad.csv"), std::string::npos) << message;
    for (const std::string& part : parts)
      EXPECT_NE(message.find(part), std::string::npos) << "missing " << part << " in: " << message;
  }
}

ColumnMeta column_meta(std::string name, DataType type) {
  ColumnMeta column;
  column.name = std::move(name);
  column.type = type;
  return column;
}

SourceOptions source_options(char delimiter, std::string null_token = {}) {
  SourceOptions options;
  options.delimiter = delimiter;
  options.null_token = std::move(null_token);
  return options;
}

DestinationOptions destination_options(char delimiter, std::string null_token = {},
                                       bool overwrite = false) {
  DestinationOptions options;
  options.delimiter = delimiter;
  options.null_token = std::move(null_token);
  options.overwrite = overwrite;
  return options;
}

std::vector<std::string> entries(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> column_texts(const Column& column) {
  std::vector<std::string> texts;
  for (size_t row = 0; row < column.size(); ++row)
    texts.push_back(column.is_null(row) ? "<NULL>" : column.text_at(row));
  return texts;
}

// ---------------------------------------------------------------------------------------------

const char kAllTypes[] =
    "id,count,price,amount,flag,day,stamp,clock,zip,name,note\n"
    "1,-5,1.5,12345678901234567.25,true,2024-01-31,2024-01-31 10:20:30,10:20:30,00501,Alice,"
    "\"He said \"\"hi\"\"\"\n"
    "2,0,-0.25,1.10,FALSE,1999-12-31,2000-02-29 00:00:00,23:59:59,12345,\"Smith, John\","
    "\"line1\nline2\"\n"
    "3,,1e-7,,true,,,,,\"\",\n"
    "4,123,2.5e+20,3,false,2024-02-29,2024-03-01 12:00:00,00:00:00,99999,Zoë,  padded  \n";

TEST(CsvRoundTrip, EveryTypeIsInferredAndRoundTripsByteForByte) {
  TempDir dir;
  write_file(dir / "input" / "things.csv", kAllTypes);
  Loaded first = load(dir / "input");
  ASSERT_EQ(first.metadata.tables.size(), 1u);
  const TableMeta& meta = first.metadata.tables[0];
  EXPECT_FALSE(first.metadata.keys_declared);
  EXPECT_EQ(meta.row_count, 4);
  const std::vector<std::pair<DataType, std::string>> expected = {
      {DataType::Int64, ""},
      {DataType::Int64, ""},
      {DataType::Float64, ""},
      {DataType::Decimal, ""},
      {DataType::Bool, ""},
      {DataType::Date, "%Y-%m-%d"},
      {DataType::DateTime, "%Y-%m-%d %H:%M:%S"},
      {DataType::Time, "%H:%M:%S"},
      {DataType::String, ""},
      {DataType::String, ""},
      {DataType::String, ""}};
  ASSERT_EQ(meta.columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(meta.columns[i].type, expected[i].first) << meta.columns[i].name;
    EXPECT_EQ(meta.columns[i].format, expected[i].second) << meta.columns[i].name;
    EXPECT_TRUE(meta.columns[i].nullable);
    EXPECT_EQ(meta.columns[i].sql_type, "");
  }
  const Table& table = first.data.table("things");
  EXPECT_EQ(column_texts(table.column("count")),
            (std::vector<std::string>{"-5", "0", "<NULL>", "123"}));
  EXPECT_EQ(table.column("price").double_at(2), 1e-7);
  EXPECT_EQ(table.column("amount").string_at(0), "12345678901234567.25");
  EXPECT_EQ(table.column("flag").int_at(1), 0);
  EXPECT_EQ(table.column("zip").string_at(0), "00501");
  EXPECT_FALSE(table.column("name").is_null(2));  // "" is an empty string
  EXPECT_EQ(table.column("name").string_at(2), "");
  EXPECT_TRUE(table.column("note").is_null(2));  // an empty unquoted field is NULL
  EXPECT_EQ(table.column("note").string_at(1), "line1\nline2");
  EXPECT_EQ(table.column("note").string_at(3), "  padded  ");

  save(dir / "second", first.metadata, first.data);
  const std::string written = read_file(dir / "second" / "things.csv");
  EXPECT_EQ(
      written,
      "id,count,price,amount,flag,day,stamp,clock,zip,name,note\n"
      "1,-5,1.5,12345678901234567.25,true,2024-01-31,2024-01-31 10:20:30,10:20:30,00501,"
      "Alice,\"He said \"\"hi\"\"\"\n"
      "2,0,-0.25,1.10,false,1999-12-31,2000-02-29 00:00:00,23:59:59,12345,\"Smith, John\","
      "\"line1\nline2\"\n"
      "3,,1e-07,,true,,,,,\"\",\n"
      "4,123,2.5e+20,3,false,2024-02-29,2024-03-01 12:00:00,00:00:00,99999,Zoë,\"  padded  \"\n");

  Loaded second = load(dir / "second");
  EXPECT_EQ(second.data.tables(), first.data.tables());
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(second.metadata.tables[0].columns[i].type, meta.columns[i].type);
  save(dir / "third", second.metadata, second.data);
  EXPECT_EQ(read_file(dir / "third" / "things.csv"), written);
}

TEST(CsvRoundTrip, FloatsKeepTheirTypeAndExactValue) {
  // Written floats must read back as the same doubles and as floats, even when integral or
  // needing 17 digits.
  Metadata metadata;
  TableMeta meta;
  meta.name = "f";
  meta.columns.push_back(column_meta("x", DataType::Float64));
  metadata.tables.push_back(meta);
  Database data;
  Table table("f");
  Column x("x", DataType::Float64);
  for (double v : {100.0, 0.1 + 0.2, -0.0, 1e300, 5e-324, 123456789012345678.0, -2.5})
    x.append_double(v);
  x.append_null();
  table.add_column(std::move(x));
  data.add_table(std::move(table));
  TempDir dir;
  save(dir / "out", metadata, data);
  Loaded loaded = load(dir / "out");
  EXPECT_EQ(loaded.metadata.tables[0].columns[0].type, DataType::Float64);
  EXPECT_EQ(loaded.data.tables(), data.tables());
  EXPECT_NE(read_file(dir / "out" / "f.csv").find("\n100.0\n0.30000000000000004\n-0.0\n"),
            std::string::npos);
}

TEST(CsvRoundTrip, BinaryIsWrittenAsHexAndReadBackWhenDeclared) {
  Metadata metadata;
  TableMeta meta;
  meta.name = "blobs";
  meta.columns.push_back(column_meta("data", DataType::Binary));
  metadata.tables.push_back(meta);
  Database data;
  Table table("blobs");
  Column blob("data", DataType::Binary);
  blob.append_string(std::string("\x00\xff\n,\"", 5));
  blob.append_string(std::string_view());
  table.add_column(std::move(blob));
  data.add_table(std::move(table));
  TempDir dir;
  save(dir / "out", metadata, data);
  EXPECT_EQ(read_file(dir / "out" / "blobs.csv"), "data\n\\x00ff0a2c22\n\\x\n");
  auto source = make_csv_source((dir / "out").string(), {});
  EXPECT_EQ(source->describe().tables[0].columns[0].type, DataType::String);
  EXPECT_EQ(source->read_table(meta), data.table("blobs"));
}

// ---------------------------------------------------------------------------------------------

TEST(CsvRfc, BomCrlfQuotesAndEmbeddedBreaks) {
  TempDir dir;
  write_file(dir / "t.csv",
             "\xEF\xBB\xBF"
             "a,b\r\n1,\"x\r\ny\"\r\n2,\"\"\r\n3,\r\n4,\"p,q\"\"r\"");  // no final newline
  Loaded loaded = load(dir.path());
  const Table& table = loaded.data.table("t");
  EXPECT_EQ(table.column(0).name(), "a");  // the BOM is not part of the name
  EXPECT_EQ(loaded.metadata.tables[0].columns[0].type, DataType::Int64);
  EXPECT_EQ(column_texts(table.column("a")), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(column_texts(table.column("b")),
            (std::vector<std::string>{"x\r\ny", "", "<NULL>", "p,q\"r"}));
}

TEST(CsvRfc, TsvFilesAndDelimiterOption) {
  TempDir dir;
  write_file(dir / "in" / "t.tsv", "a\tb\n1\t\"x\ty\"\n2\tp,q\n");
  Loaded loaded = load(dir / "in");
  EXPECT_EQ(column_texts(loaded.data.table("t").column("b")),
            (std::vector<std::string>{"x\ty", "p,q"}));

  save(dir / "out", loaded.metadata, loaded.data, destination_options('\t'));
  EXPECT_EQ(read_file(dir / "out" / "t.tsv"), "a\tb\n1\t\"x\ty\"\n2\tp,q\n");

  write_file(dir / "semi" / "s.csv", "a;b\n1;x,y\n");
  Loaded semi = load(dir / "semi", source_options(';'));
  EXPECT_EQ(semi.data.table("s").column("b").string_at(0), "x,y");
}

TEST(CsvRfc, CustomNullToken) {
  TempDir dir;
  write_file(dir / "in" / "t.csv", "a,b,c\nNA,,\"NA\"\n1,x,NA\n");
  Loaded loaded = load(dir / "in", source_options(0, "NA"));
  const Table& table = loaded.data.table("t");
  EXPECT_EQ(loaded.metadata.tables[0].columns[0].type, DataType::Int64);
  EXPECT_EQ(column_texts(table.column("a")), (std::vector<std::string>{"<NULL>", "1"}));
  // With a token, an empty unquoted field is an empty string and a quoted token is text.
  EXPECT_EQ(column_texts(table.column("b")), (std::vector<std::string>{"", "x"}));
  EXPECT_EQ(column_texts(table.column("c")), (std::vector<std::string>{"NA", "<NULL>"}));

  save(dir / "out", loaded.metadata, loaded.data, destination_options(0, "NA"));
  EXPECT_EQ(read_file(dir / "out" / "t.csv"), "a,b,c\nNA,\"\",\"NA\"\n1,x,NA\n");
  Loaded again = load(dir / "out", source_options(0, "\\N"));
  EXPECT_EQ(column_texts(again.data.table("t").column("c")),
            (std::vector<std::string>{"NA", "NA"}));  // another token: NA is text now
}

TEST(CsvRfc, BlankLinesAndEmptyBodies) {
  TempDir dir;
  write_file(dir / "wide.csv", "a,b\n1,2\n\n3,4\n\n");
  write_file(dir / "narrow.csv", "a\n1\n\n3\n");
  write_file(dir / "empty.csv", "a,b,c\n");
  Loaded loaded = load(dir.path());
  ASSERT_EQ(loaded.metadata.tables.size(), 3u);
  EXPECT_EQ(loaded.metadata.tables[0].name, "empty");  // sorted by name
  for (const ColumnMeta& column : loaded.metadata.tables[0].columns)
    EXPECT_EQ(column.type, DataType::String);
  EXPECT_EQ(loaded.data.table("empty").num_rows(), 0u);
  EXPECT_EQ(column_texts(loaded.data.table("wide").column("b")),
            (std::vector<std::string>{"2", "4"}));
  EXPECT_EQ(column_texts(loaded.data.table("narrow").column("a")),
            (std::vector<std::string>{"1", "<NULL>", "3"}));
}

TEST(CsvRfc, RecordsAcrossBlockBoundariesParseTheSame) {
  // Tiny blocks split every quote pair, CRLF and multi-line field somewhere.
  const std::vector<std::string> values = {"plain",    "",     "a,b",   "say \"x\"", "two\nlines",
                                           "cr\r\nlf", "\"\"", "  sp ", "ünï",       "x"};
  std::mt19937 rng(7);
  std::string text;
  std::vector<std::vector<std::string>> expected;
  for (int row = 0; row < 300; ++row) {
    std::vector<std::string> record;
    for (int c = 0; c < 3; ++c) {
      const std::string& value = values[rng() % values.size()];
      record.push_back(value);
      if (c) text += ',';
      const bool quote = value.empty() || value.find_first_of(",\"\r\n ") != std::string::npos;
      if (!quote) {
        text += value;
        continue;
      }
      text += '"';
      for (char ch : value) text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      text += '"';
    }
    text += row % 2 ? "\r\n" : "\n";
    expected.push_back(record);
  }
  TempDir dir;
  write_file(dir / "t.csv", text);
  for (size_t block : {size_t{16}, size_t{17}, size_t{1} << 22}) {
    csv::Reader reader((dir / "t.csv").string(), ',', block);
    std::vector<csv::Field> fields;
    std::vector<std::vector<std::string>> got;
    uint64_t line = 1;
    while (reader.next(fields)) {
      EXPECT_EQ(reader.record_line(), line);
      std::vector<std::string> record;
      for (const auto& field : fields) record.emplace_back(field.text);
      for (const auto& value : record)
        line += static_cast<uint64_t>(std::count(value.begin(), value.end(), '\n'));
      ++line;
      got.push_back(std::move(record));
    }
    EXPECT_EQ(got, expected) << "block size " << block;
  }
}

// ---------------------------------------------------------------------------------------------

TEST(CsvErrors, MalformedInputNamesFileLineAndColumn) {
  expect_input_error("a,b\n1,\"open\n2,3\n", {"line 2", "column 2", "\"b\"", "unterminated"});
  expect_input_error("a,b\n1,x\"y\n", {"line 2", "\"b\"", "quote inside an unquoted field"});
  expect_input_error("a,b\n1,2\n3,4,5\n", {"line 3", "column 3", "\"b\"", "too many fields"});
  expect_input_error("a,b\n1,2\n3\n", {"line 3", "column 2", "\"b\"", "ends early"});
  // The row of a multi-line field counts physical lines.
  expect_input_error("a,b\n\"x\ny\",1\n2,\"z\"q\n", {"line 4", "\"b\"", "closing quote"});
  expect_input_error("id,name,id\n1,2,3\n", {"line 1", "column 3", "\"id\"", "duplicate"});
  expect_input_error("id,,x\n", {"line 1", "column 2", "empty column name"});
  expect_input_error("", {"empty"});
}

TEST(CsvErrors, ValueNotOfTheDeclaredTypeNamesTableColumnRowAndLine) {
  TempDir dir;
  write_file(dir / "t.csv", "a,b\n\"x\ny\",1\n2,oops\n");
  auto source = make_csv_source(dir.path().string(), {});
  Metadata metadata = source->describe();
  metadata.tables[0].columns[1].type = DataType::Int64;  // the user overrides the type
  try {
    source->read_table(metadata.tables[0]);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    for (const char* part : {"table \"t\"", "column \"b\"", "row 2", "line 4", "\"oops\"", "t.csv"})
      EXPECT_NE(message.find(part), std::string::npos) << part << " missing in: " << message;
  }
  metadata.tables[0].columns[1].name = "missing";
  EXPECT_THROW(source->read_table(metadata.tables[0]), InputError);
}

TEST(CsvErrors, BadValueInALargeTableIsReportedFromAnyThread) {
  // Large enough for the columns to be inferred and converted side by side.
  std::string text = "a,b,c\n";
  for (int row = 0; row < 60000; ++row)
    text += std::to_string(row) + "," + std::to_string(row * 2) + ",2024-01-0" +
            std::to_string(row % 9 + 1) + "\n";
  TempDir dir;
  write_file(dir / "big.csv", text + "60000,oops,2024-01-01\n");
  auto source = make_csv_source(dir.path().string(), {});
  Metadata metadata = source->describe();
  EXPECT_EQ(metadata.tables[0].row_count, 60001);
  EXPECT_EQ(metadata.tables[0].columns[2].type, DataType::Date);
  ASSERT_EQ(metadata.tables[0].columns[1].type, DataType::String);
  metadata.tables[0].columns[1].type = DataType::Int64;
  try {
    source->read_table(metadata.tables[0]);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("row 60001"), std::string::npos) << message;
    EXPECT_NE(message.find("line 60002"), std::string::npos) << message;
  }
  write_file(dir / "big.csv", text);
  auto fresh = make_csv_source(dir.path().string(), {});
  const Table table = fresh->read_table(fresh->describe().tables[0]);
  EXPECT_EQ(table.column("b").int_at(59999), 119998);
  EXPECT_EQ(table.column("c").text_at(8), "2024-01-09");
}

TEST(CsvErrors, MissingDirectoryAndTwoFilesForOneTable) {
  TempDir dir;
  EXPECT_THROW(make_csv_source((dir / "nope").string(), {}), IoError);
  write_file(dir / "t.csv", "a\n1\n");
  write_file(dir / "t.tsv", "a\n1\n");
  EXPECT_THROW(make_csv_source(dir.path().string(), {}), InputError);
}

// ---------------------------------------------------------------------------------------------

TEST(CsvTypes, InferenceRules) {
  auto infer = [](std::vector<const char*> values) {
    csv::TextColumn column;
    for (const char* value : values) column.append(value ? value : "", value == nullptr);
    return csv::infer_type(column);
  };
  EXPECT_EQ(infer({"1", "-2", "+3", "0", nullptr}).type, DataType::Int64);
  EXPECT_EQ(infer({"00501", "12345"}).type, DataType::String);  // zip codes keep their zeros
  EXPECT_EQ(infer({"9223372036854775807"}).type, DataType::Int64);
  EXPECT_EQ(infer({"9223372036854775808"}).type, DataType::Decimal);  // beyond int64
  EXPECT_EQ(infer({"1", "2.5", "1e5", "-3E-2", ".5"}).type, DataType::Float64);
  EXPECT_EQ(infer({"1.23456789012345"}).type, DataType::Float64);      // 15 digits
  EXPECT_EQ(infer({"1.234567890123456789"}).type, DataType::Decimal);  // 19 digits
  EXPECT_EQ(infer({"0.30000000000000004"}).type, DataType::Float64);   // a double's own text
  EXPECT_EQ(infer({"12345678901234567", "0.5"}).type, DataType::Decimal);
  EXPECT_EQ(infer({"1.5", "nan", "inf"}).type, DataType::Float64);
  EXPECT_EQ(infer({"nan"}).type, DataType::String);
  EXPECT_EQ(infer({"1e400"}).type, DataType::String);
  EXPECT_EQ(infer({"True", "false", "FALSE"}).type, DataType::Bool);
  EXPECT_EQ(infer({"true", "yes"}).type, DataType::String);
  EXPECT_EQ(infer({"1", "0"}).type, DataType::Int64);
  EXPECT_EQ(infer({"1", "x"}).type, DataType::String);
  EXPECT_EQ(infer({"1", ""}).type, DataType::String);  // "" is an empty string, not a number
  EXPECT_EQ(infer({nullptr, nullptr}).type, DataType::String);
  auto date = infer({"31/01/2024", "01/02/2024"});
  EXPECT_EQ(date.type, DataType::Date);
  EXPECT_EQ(date.format, "%d/%m/%Y");
  auto stamp = infer({"2024-01-31T10:00:00.123Z"});
  EXPECT_EQ(stamp.type, DataType::DateTime);
  EXPECT_EQ(stamp.format, "%Y-%m-%dT%H:%M:%S.%3fZ");
  EXPECT_EQ(infer({"2024-01-31", "2024-02-30"}).type, DataType::String);
  EXPECT_EQ(infer({"2024-01-31", "yesterday"}).type, DataType::String);
}

// ---------------------------------------------------------------------------------------------

Metadata two_tables(Database& data) {
  Metadata metadata;
  TableMeta a;
  a.name = "a";
  a.columns.push_back(column_meta("id", DataType::Int64));
  a.columns.push_back(column_meta("label", DataType::String));
  TableMeta b;
  b.name = "b";
  b.columns.push_back(column_meta("x", DataType::Float64));
  metadata.tables = {a, b};
  Table ta("a");
  Column id("id", DataType::Int64), label("label", DataType::String);
  id.append_int(1);
  label.append_string(std::string("one"));
  ta.add_column(std::move(id));
  ta.add_column(std::move(label));
  Table tb("b");
  Column x("x", DataType::Float64);
  x.append_double(0.5);
  tb.add_column(std::move(x));
  data.add_table(std::move(ta));
  data.add_table(std::move(tb));
  return metadata;
}

TEST(CsvDestination, StreamsInterleavedAppendsAndWritesEmptyTables) {
  Database data;
  Metadata metadata = two_tables(data);
  TableMeta empty;
  empty.name = "empty";
  empty.columns.push_back(column_meta("z", DataType::Int64));
  metadata.tables.push_back(empty);
  TempDir dir;
  auto destination = make_csv_destination((dir / "out").string(), {});
  destination->begin(metadata);
  EXPECT_FALSE(fs::exists(dir / "out"));  // nothing visible before commit
  destination->append(metadata.tables[0], data.table("a"));
  destination->append(metadata.tables[1], data.table("b"));
  destination->append(metadata.tables[0], data.table("a"));
  destination->commit();
  EXPECT_EQ(read_file(dir / "out" / "a.csv"), "id,label\n1,one\n1,one\n");
  EXPECT_EQ(read_file(dir / "out" / "b.csv"), "x\n0.5\n");
  EXPECT_EQ(read_file(dir / "out" / "empty.csv"), "z\n");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out"}));  // no staging left
}

TEST(CsvDestination, RefusesToOverwriteWithoutTheFlag) {
  TempDir dir;
  write_file(dir / "out" / "keep.txt", "precious");
  try {
    make_csv_destination((dir / "out").string(), {});
    FAIL() << "no UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--overwrite"), std::string::npos);
  }
  EXPECT_EQ(read_file(dir / "out" / "keep.txt"), "precious");
}

TEST(CsvDestination, AbortAndDestroyLeaveTheDestinationUntouched) {
  Database data;
  Metadata metadata = two_tables(data);
  TempDir dir;
  save(dir / "out", metadata, data, destination_options(0, {}, true));  // an earlier output
  const std::string earlier = read_file(dir / "out" / "a.csv");
  {
    auto destination =
        make_csv_destination((dir / "out").string(), destination_options(0, {}, true));
    destination->begin(metadata);
    destination->append(metadata.tables[0], data.table("a"));
    destination->abort();
    destination->abort();  // safe twice
  }
  {
    auto destination =
        make_csv_destination((dir / "out/").string(), destination_options(0, {}, true));
    destination->begin(metadata);
    destination->append(metadata.tables[0], data.table("a"));
    // A failing append (wrong column count) in the middle of a write.
    EXPECT_THROW(destination->append(metadata.tables[0], data.table("b")), InputError);
  }  // destroyed without commit
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out"}));
  EXPECT_EQ(entries(dir / "out"), (std::vector<std::string>{".relsynth-output", "a.csv", "b.csv"}));
  EXPECT_EQ(read_file(dir / "out" / "a.csv"), earlier);

  save(dir / "out", metadata, data, destination_options(0, {}, true));
  EXPECT_EQ(entries(dir / "out"), (std::vector<std::string>{".relsynth-output", "a.csv", "b.csv"}));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out"}));  // old copy deleted
}

TEST(CsvDestination, OddTableAndColumnNames) {
  TempDir dir;
  write_file(dir / "in" / "my table.csv", "\"select\",名前,\"naïve, col\"\n1,東京,x\n");
  Loaded loaded = load(dir / "in");
  ASSERT_EQ(loaded.metadata.tables.size(), 1u);
  const TableMeta& meta = loaded.metadata.tables[0];
  EXPECT_EQ(meta.name, "my table");
  EXPECT_EQ(meta.columns[0].name, "select");
  EXPECT_EQ(meta.columns[1].name, "名前");
  EXPECT_EQ(meta.columns[2].name, "naïve, col");
  EXPECT_EQ(loaded.data.table("my table").column("名前").string_at(0), "東京");
  save(dir / "out", loaded.metadata, loaded.data);
  EXPECT_EQ(read_file(dir / "out" / "my table.csv"), "select,名前,\"naïve, col\"\n1,東京,x\n");
  EXPECT_EQ(load(dir / "out").data.tables(), loaded.data.tables());

  Metadata bad = loaded.metadata;
  bad.tables[0].name = "../escape";
  auto destination = make_csv_destination((dir / "bad").string(), {});
  EXPECT_THROW(destination->begin(bad), InputError);
}

// ---------------------------------------------------------------------------------------------

// Values a reader must get back exactly (NULL is written as an empty field).
const std::vector<std::string> kTricky = {
    "plain",  "",           "comma, inside", "quote \" inside", "\"starts",  "two\nlines",
    "cr\rin", "crlf\r\nin", "  leading",     "trailing ",       "ünïcödé ✓", "tab\tin",
    "NULL",   "\\N"};

struct TrickyTable {
  Metadata metadata;
  Database data;
};

TrickyTable tricky_table() {
  TrickyTable t;
  TableMeta meta;
  meta.name = "tricky";
  meta.columns.push_back(column_meta("n", DataType::Int64));
  meta.columns.push_back(column_meta("text", DataType::String));
  meta.columns.push_back(column_meta("x", DataType::Float64));
  t.metadata.tables.push_back(meta);
  Table table("tricky");
  Column n("n", DataType::Int64), text("text", DataType::String), x("x", DataType::Float64);
  for (size_t i = 0; i < kTricky.size(); ++i) {
    n.append_int(static_cast<int64_t>(i) - 3);
    text.append_string(kTricky[i]);
    x.append_double(static_cast<double>(i) / 4);
  }
  n.append_null();
  text.append_null();
  x.append_null();
  table.add_column(std::move(n));
  table.add_column(std::move(text));
  table.add_column(std::move(x));
  t.data.add_table(std::move(table));
  return t;
}

std::vector<std::vector<std::string>> expected_rows(const Table& table) {
  std::vector<std::vector<std::string>> rows = {{"n", "text", "x"}};
  for (size_t row = 0; row < table.num_rows(); ++row) {
    std::vector<std::string> values;
    for (const Column& column : table.columns()) {
      std::string value = column.is_null(row) ? "" : column.text_at(row);
      if (!column.is_null(row) && column.type() == DataType::Float64) {
        char digits[32];
        value.assign(digits, csv::format_double(column.double_at(row), digits));
      }
      values.push_back(value);
    }
    rows.push_back(values);
  }
  return rows;
}

TEST(CsvInterop, PythonCsvModuleReadsTheOutputIdentically) {
  TrickyTable t = tricky_table();
  TempDir dir;
  save(dir / "out", t.metadata, t.data);
  write_file(dir / "read.py",
             "import csv, json, sys\n"
             "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
             "    rows = list(csv.reader(f))\n"
             "with open(sys.argv[2], 'w', encoding='utf-8') as f:\n"
             "    json.dump(rows, f)\n");
  const std::string command = "python3 '" + (dir / "read.py").string() + "' '" +
                              (dir / "out" / "tricky.csv").string() + "' '" +
                              (dir / "rows.json").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const auto rows = nlohmann::json::parse(read_file(dir / "rows.json"))
                        .get<std::vector<std::vector<std::string>>>();
  EXPECT_EQ(rows, expected_rows(t.data.table("tricky")));
}

TEST(CsvInterop, Sqlite3ShellImportsTheOutput) {
  if (std::system("command -v sqlite3 > /dev/null 2>&1") != 0) GTEST_SKIP() << "no sqlite3 CLI";
  TrickyTable t = tricky_table();
  TempDir dir;
  save(dir / "out", t.metadata, t.data);
  const fs::path db = dir / "import.db";
  const std::string command = "sqlite3 '" + db.string() + "' \".import --csv '" +
                              (dir / "out" / "tricky.csv").string() + "' tricky\"";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.string().c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(handle, "SELECT n, text, x FROM tricky ORDER BY rowid", -1,
                               &statement, nullptr),
            SQLITE_OK);
  std::vector<std::vector<std::string>> rows = {{"n", "text", "x"}};
  while (sqlite3_step(statement) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < 3; ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
      row.emplace_back(
          text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, c)))
               : std::string());
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  EXPECT_EQ(rows, expected_rows(t.data.table("tricky")));
}

// A real database through CSV and back: the second write is byte-identical.
TEST(CsvInterop, SharedDatasetsRoundTripThroughCsv) {
  for (const std::string name : {"chinook", "northwind"}) {
    const fs::path base = fs::path(RELSYNTH_SHARED_DATASETS);
    const fs::path sqlite = base / (name + ".sqlite");
    if (!fs::exists(sqlite)) GTEST_SKIP() << "no " << sqlite;
    auto truth = nlohmann::json::parse(read_file(base / (name + ".metadata.json")));
    auto source = make_sqlite_source(sqlite.string(), {});
    Metadata metadata = source->describe();
    Database data;
    for (const TableMeta& table : metadata.tables) data.add_table(source->read_table(table));
    TempDir dir;
    save(dir / "first", metadata, data);
    Loaded first = load(dir / "first");
    ASSERT_EQ(first.metadata.tables.size(), metadata.tables.size()) << name;
    for (const TableMeta& table : first.metadata.tables) {
      EXPECT_EQ(table.row_count, truth["tables"][table.name]["row_count"].get<int64_t>())
          << name << "." << table.name;
      EXPECT_EQ(table.columns.size(), metadata.table(table.name).columns.size());
    }
    save(dir / "second", first.metadata, first.data);
    for (const TableMeta& table : first.metadata.tables) {
      const std::string file = table.name + ".csv";
      EXPECT_EQ(read_file(dir / "second" / file), read_file(dir / "first" / file))
          << name << "/" << file;
    }
    EXPECT_EQ(load(dir / "second").data.tables(), first.data.tables()) << name;
  }
}

}  // namespace
}  // namespace relsynth
