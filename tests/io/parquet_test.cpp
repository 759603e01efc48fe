// Parquet folders as sources and destinations: round trips of the shared datasets, files read by
// pyarrow and pandas (the independent readers, from the project's .venv) and files they wrote,
// the CLI end to end, and bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/io_fixtures.h"
#include "io/row_selection.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCli = RELSYNTH_CLI_PATH;
const std::string kPython = std::string(RELSYNTH_SOURCE_DIR) + "/.venv/bin/python";

bool have_python() { return fs::exists(kPython); }

// Runs a Python snippet with the venv's pyarrow and pandas; returns what it printed.
std::string python(const std::string& script) {
  std::string output;
  EXPECT_EQ(run_command(kPython + " -c " + shell_quote(script) + " 2>&1", &output), 0) << output;
  return output;
}

Database read_all(const std::string& uri, Metadata* metadata = nullptr) {
  auto source = open_source(uri);
  const Metadata described = source->describe();
  if (metadata) *metadata = described;
  return read_database(*source, described);
}

TEST(Parquet, SharedDatasetsRoundTripSqliteParquetSqliteWithEqualData) {
  TempDir dir;
  for (const std::string& name : shared_dataset_names()) {
    SCOPED_TRACE(name);
    Metadata metadata;
    const Database original = read_all(shared_dataset(name), &metadata);
    const std::string parquet = "parquet:" + dir.file(name + "_parquet");
    {
      auto destination = open_destination(parquet);
      write_database(*destination, metadata, original);
    }
    Metadata described;
    const Database back = read_all(parquet, &described);
    EXPECT_FALSE(described.keys_declared);
    ASSERT_EQ(described.tables.size(), metadata.tables.size());
    for (const TableMeta& table : metadata.tables) {
      const TableMeta& read = described.table(table.name);
      ASSERT_EQ(read.columns.size(), table.columns.size()) << table.name;
      for (size_t c = 0; c < table.columns.size(); ++c) {
        EXPECT_EQ(read.columns[c].type, table.columns[c].type) << table.name;
        EXPECT_EQ(read.columns[c].sql_type, table.columns[c].sql_type) << table.name;
      }
      EXPECT_EQ(read.row_count, static_cast<int64_t>(original.table(table.name).num_rows()));
      EXPECT_TRUE(back.table(table.name) == original.table(table.name)) << table.name;
    }
    // Back to SQLite: the same rows, values and storage classes as the original file.
    const std::string sqlite = dir.file(name + "_again.sqlite");
    {
      auto destination = open_destination(sqlite);
      write_database(*destination, described, back);
    }
    EXPECT_EQ(dump_database(sqlite), dump_database(shared_dataset(name)));
  }
}

// A table of every type with NULLs, written by relsynth to `folder`.
OddDatabase write_odd_database(const std::string& folder) {
  OddDatabase odd = odd_database();
  auto destination = open_destination("parquet:" + folder);
  write_database(*destination, odd.metadata, odd.data);
  return odd;
}

TEST(Parquet, PyarrowAndPandasReadWhatRelsynthWrote) {
  if (!have_python()) GTEST_SKIP() << "no " << kPython << " (scripts/install-deps.sh makes it)";
  TempDir dir;
  const std::string folder = dir.file("odd");
  const OddDatabase odd = write_odd_database(folder);
  for (const TableMeta& table : odd.metadata.tables) {
    SCOPED_TRACE(table.name);
    const Table& rows = odd.data.table(table.name);
    // pyarrow: row count, column names in order, NULL counts, and each value as relsynth's
    // display text (pyarrow's str of dates and decimals agrees with it).
    const std::string file = (fs::path(folder) / (table.name + ".parquet")).string();
    const std::string printed = python(
        "import pyarrow.parquet as pq, pandas as pd\n"
        "t = pq.read_table(" +
        shell_quote(file) +
        ")\n"
        "print(t.num_rows)\n"
        "for f in t.schema: print(f.name)\n"
        "for c in t.columns: print(c.null_count)\n"
        "df = pd.read_parquet(" +
        shell_quote(file) +
        ")\n"
        "print(len(df), list(df.columns) == t.column_names)\n");
    std::string expected = std::to_string(rows.num_rows()) + "\n";
    for (const ColumnMeta& column : table.columns) expected += column.name + "\n";
    for (const Column& column : rows.columns())
      expected += std::to_string(column.null_count()) + "\n";
    expected += std::to_string(rows.num_rows()) + " True\n";
    EXPECT_EQ(printed, expected);
  }
}

TEST(Parquet, PyarrowSeesExactLogicalTypesAndValues) {
  if (!have_python()) GTEST_SKIP() << "no " << kPython;
  TempDir dir;
  Metadata metadata;
  TableMeta meta;
  meta.name = "t";
  meta.columns = {typed_column("small", DataType::Int64, "SMALLINT"),
                  typed_column("big", DataType::Int64, "BIGINT"),
                  typed_column("tiny", DataType::Int64, "tinyint unsigned"),
                  typed_column("single", DataType::Float64, "float4"),
                  typed_column("price", DataType::Decimal, "DECIMAL(10,2)"),
                  typed_column("name", DataType::String, "VARCHAR(20)"),
                  typed_column("flag", DataType::Bool, "BOOLEAN"),
                  typed_column("day", DataType::Date, "DATE"),
                  typed_column("at", DataType::DateTime, "TIMESTAMP(3) WITH TIME ZONE"),
                  typed_column("clock", DataType::Time, "TIME"),
                  typed_column("raw", DataType::Binary, "BLOB")};
  metadata.tables.push_back(meta);
  Database data;
  Table& t = data.add_table(empty_table(meta));
  t.column(0).append_int(-7);
  t.column(1).append_int(9007199254740993);
  t.column(2).append_int(255);
  t.column(3).append_double(0.25);
  t.column(4).append_string("12.50");
  t.column(5).append_string("Zoë");
  t.column(6).append_int(1);
  t.column(7).append_int(19782);             // 2024-02-29
  t.column(8).append_int(1709214307250000);  // 2024-02-29 13:45:07.25 UTC
  t.column(9).append_int(((13 * 60 + 45) * 60 + 7) * 1000000LL + 5);
  t.column(10).append_string(std::string("\0\xff", 2));
  for (Column& column : t.columns()) column.append_null();
  {
    auto destination = open_destination("parquet:" + dir.file("typed"));
    write_database(*destination, metadata, data);
  }
  const std::string printed = python(
      "import pyarrow.parquet as pq\n"
      "t = pq.read_table(" +
      shell_quote(dir.file("typed/t.parquet")) +
      ")\n"
      "for f in t.schema: print(f.name, f.type)\n"
      "print(t.slice(0, 1).to_pylist())\n"
      "print([c.null_count for c in t.columns])\n");
  EXPECT_EQ(printed,
            "small int16\nbig int64\ntiny uint8\nsingle float\nprice decimal128(10, 2)\n"
            "name string\nflag bool\nday date32[day]\nat timestamp[ms, tz=UTC]\n"
            "clock time64[us]\nraw binary\n"
            "[{'small': -7, 'big': 9007199254740993, 'tiny': 255, 'single': 0.25, 'price': "
            "Decimal('12.50'), 'name': 'Zoë', 'flag': True, 'day': datetime.date(2024, 2, 29), "
            "'at': datetime.datetime(2024, 2, 29, 13, 45, 7, 250000, tzinfo=<UTC>), "
            "'clock': datetime.time(13, 45, 7, 5), 'raw': b'\\x00\\xff'}]\n"
            "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
}

TEST(Parquet, ConvertCopiesSqliteToParquetAndBackWithTheSameRows) {
  TempDir dir;
  const std::string original = shared_dataset("chinook");
  std::string output;
  ASSERT_EQ(
      run_command(kCli + " convert " + original + " --to parquet:" + dir.file("lake"), &output), 0)
      << output;
  EXPECT_NE(output.find("copying InvoiceLine"), std::string::npos) << output;
  ASSERT_EQ(run_command(kCli + " -q convert parquet:" + dir.file("lake") + " --to " +
                            dir.file("back.sqlite"),
                        &output),
            0)
      << output;
  EXPECT_EQ(dump_database(dir.file("back.sqlite")), dump_database(original));
  // Through a zip of Parquet files too, and never onto the source.
  ASSERT_EQ(run_command(kCli + " -q convert " + original + " --to parquet:" + dir.file("lake.zip"),
                        &output),
            0)
      << output;
  ASSERT_EQ(run_command(kCli + " -q convert " + dir.file("lake.zip") + " --to " +
                            dir.file("from_zip.sqlite"),
                        &output),
            0)
      << output;
  EXPECT_EQ(dump_database(dir.file("from_zip.sqlite")), dump_database(original));
  EXPECT_EQ(run_command(kCli + " -q convert parquet:" + dir.file("lake") +
                            " --to parquet:" + dir.file("lake") + " --overwrite",
                        &output),
            2);
  EXPECT_NE(output.find("same place"), std::string::npos) << output;
}

TEST(Parquet, ReadsEveryLogicalTypePyarrowAndPandasWrite) {
  if (!have_python()) GTEST_SKIP() << "no " << kPython;
  TempDir dir;
  python(
      "import pyarrow as pa, pyarrow.parquet as pq, pandas as pd, datetime as dt, decimal\n"
      "D = decimal.Decimal\n"
      "t = pa.table({\n"
      " 'i8': pa.array([-128, None], pa.int8()), 'i16': pa.array([-32768, None], pa.int16()),\n"
      " 'i32': pa.array([2**31 - 1, None], pa.int32()), 'i64': pa.array([-2**63, None]),\n"
      " 'u8': pa.array([255, None], pa.uint8()), 'u16': pa.array([65535, None], pa.uint16()),\n"
      " 'u32': pa.array([2**32 - 1, None], pa.uint32()),\n"
      " 'u64': pa.array([2**63 - 1, None], pa.uint64()),\n"
      " 'f32': pa.array([1.5, None], pa.float32()), 'f64': pa.array([0.1, None]),\n"
      " 'd128': pa.array([D('-123.45'), None], pa.decimal128(5, 2)),\n"
      " 'd256': pa.array([D('1' * 50), None], pa.decimal256(50, 0)),\n"
      " 'day': pa.array([dt.date(1969, 12, 31), None], pa.date32()),\n"
      " 'day64': pa.array([dt.date(2000, 1, 2), None], pa.date64()),\n"
      " 'ts_s': pa.array([dt.datetime(2020, 1, 1, 0, 0, 1), None], pa.timestamp('s')),\n"
      " 'ts_ms': pa.array([dt.datetime(2020, 1, 1, 0, 0, 0, 1000), None], pa.timestamp('ms', "
      "'UTC')),\n"
      " 'ts_ns': pa.array([1_577_836_800_000_001_999, None], pa.timestamp('ns', 'Europe/Paris')),\n"
      " 't32': pa.array([dt.time(23, 59, 59), None], pa.time32('s')),\n"
      " 't64': pa.array([dt.time(0, 0, 0, 5), None], pa.time64('us')),\n"
      " 'flag': pa.array([False, None]), 'text': pa.array(['héllo', None]),\n"
      " 'large': pa.array(['big', None], pa.large_string()),\n"
      " 'cat': pa.array(['a', None]).dictionary_encode(),\n"
      " 'bytes': pa.array([b'\\x00\\x01', None]), 'nothing': pa.array([None, None]),\n"
      "})\n"
      "pq.write_table(t, " +
      shell_quote(dir.file("types.parquet")) +
      ")\n"
      "df = pd.DataFrame({'n': pd.array([1, None], dtype='Int64'),\n"
      " 'when': pd.to_datetime(['2021-06-01 12:00', None]).tz_localize('UTC'),\n"
      " 'kind': pd.Categorical(['x', None]), 'score': [1.25, float('nan')],\n"
      " 'label': ['a', None]})\n"
      "df.to_parquet(" +
      shell_quote(dir.file("frame.parquet")) + ")\n");
  Metadata metadata;
  const Database types = read_all(dir.file("types.parquet"), &metadata);
  const TableMeta& meta = metadata.table("types");
  const Table& t = types.table("types");
  ASSERT_EQ(t.num_rows(), 2u);
  for (const Column& column : t.columns()) EXPECT_TRUE(column.is_null(1)) << column.name();
  auto value = [&](const char* name) { return t.column(name).text_at(0); };
  EXPECT_EQ(value("i8"), "-128");
  EXPECT_EQ(value("i16"), "-32768");
  EXPECT_EQ(value("i32"), "2147483647");
  EXPECT_EQ(value("i64"), "-9223372036854775808");
  EXPECT_EQ(value("u8"), "255");
  EXPECT_EQ(value("u16"), "65535");
  EXPECT_EQ(value("u32"), "4294967295");
  EXPECT_EQ(value("u64"), "9223372036854775807");
  EXPECT_EQ(t.column("f32").double_at(0), 1.5);
  EXPECT_EQ(t.column("f64").double_at(0), 0.1);
  EXPECT_EQ(value("d128"), "-123.45");
  EXPECT_EQ(value("d256"), std::string(50, '1'));
  EXPECT_EQ(value("day"), "1969-12-31");
  EXPECT_EQ(value("day64"), "2000-01-02");
  EXPECT_EQ(value("ts_s"), "2020-01-01 00:00:01");
  EXPECT_EQ(value("ts_ms"), "2020-01-01 00:00:00.001000");
  EXPECT_EQ(value("ts_ns"), "2020-01-01 00:00:00.000001");  // UTC instant, ns floored
  EXPECT_EQ(value("t32"), "23:59:59");
  EXPECT_EQ(value("t64"), "00:00:00.000005");
  EXPECT_EQ(t.column("flag").int_at(0), 0);
  EXPECT_EQ(value("text"), "héllo");
  EXPECT_EQ(value("large"), "big");
  EXPECT_EQ(value("cat"), "a");
  EXPECT_EQ(t.column("bytes").string_at(0), std::string("\0\1", 2));
  EXPECT_TRUE(t.column("nothing").is_null(0));
  EXPECT_EQ(meta.find_column("ts_ns")->sql_type, "TIMESTAMP(9) WITH TIME ZONE 'Europe/Paris'");
  EXPECT_EQ(meta.find_column("d128")->sql_type, "DECIMAL(5,2)");
  EXPECT_EQ(meta.find_column("u16")->sql_type, "SMALLINT UNSIGNED");
  EXPECT_EQ(meta.find_column("cat")->type, DataType::String);

  const Database frame = read_all(dir.file("frame.parquet"), &metadata);
  const Table& f = frame.table("frame");
  EXPECT_EQ(f.num_columns(), 5u);  // pandas' index is not a column when it is a RangeIndex
  EXPECT_EQ(f.column("n").int_at(0), 1);
  EXPECT_TRUE(f.column("n").is_null(1));
  EXPECT_EQ(f.column("when").text_at(0), "2021-06-01 12:00:00");
  EXPECT_TRUE(f.column("when").is_null(1));
  EXPECT_EQ(f.column("kind").string_at(0), "x");
  EXPECT_TRUE(f.column("kind").is_null(1));
  EXPECT_EQ(f.column("score").double_at(0), 1.25);
  EXPECT_TRUE(f.column("score").is_null(1));  // pyarrow writes pandas' NaN as NULL
  EXPECT_TRUE(f.column("label").is_null(1));
}

TEST(Parquet, PartFileFoldersAreOneTableAndMustShareASchema) {
  if (!have_python()) GTEST_SKIP() << "no " << kPython;
  TempDir dir;
  const std::string lake = dir.file("lake");
  python(
      "import pyarrow as pa, pyarrow.parquet as pq, os\n"
      "root = " +
      shell_quote(lake) +
      "\n"
      "os.makedirs(root + '/orders'); os.makedirs(root + '/items.parquet')\n"
      "pq.write_table(pa.table({'id': [1, 2], 'total': [9.5, 3.0]}), root + "
      "'/orders/part-0.parquet')\n"
      "pq.write_table(pa.table({'id': [3], 'total': [1.0]}), root + '/orders/part-1.parquet')\n"
      "open(root + '/orders/_SUCCESS', 'w').close()\n"
      "pq.write_table(pa.table({'order_id': [1, 1, 3]}), root + "
      "'/items.parquet/part-00000.snappy.parquet')\n"
      "pq.write_table(pa.table({'id': [1]}), root + '/customers.parquet')\n"
      "open(root + '/README.md', 'w').write('a lake')\n");
  // As Spark writes: INT96 timestamps, names sanitized, a part file with a long name.
  python(
      "import pyarrow as pa, pyarrow.parquet as pq, datetime as dt, os\n"
      "os.makedirs(" +
      shell_quote(lake + "/events.parquet") +
      ")\n"
      "pq.write_table(pa.table({'id': [7], 'at': [dt.datetime(2024, 5, 6, 7, 8, 9, 123456)]}),\n"
      "  " +
      shell_quote(lake + "/events.parquet/part-00000-c000.snappy.parquet") +
      ",\n"
      "  use_deprecated_int96_timestamps=True, flavor='spark')\n");
  Metadata metadata;
  const Database lake_db = read_all(lake, &metadata);  // a plain folder of Parquet tables
  ASSERT_EQ(metadata.tables.size(), 4u);
  EXPECT_EQ(lake_db.table("events").column("at").text_at(0), "2024-05-06 07:08:09.123456");
  EXPECT_EQ(lake_db.table("orders").num_rows(), 3u);
  EXPECT_EQ(metadata.table("orders").row_count, 3);
  EXPECT_EQ(lake_db.table("orders").column("id").int_at(2), 3);
  EXPECT_EQ(lake_db.table("items").num_rows(), 3u);
  EXPECT_EQ(lake_db.table("customers").num_rows(), 1u);
  // inspect finds the key the files do not declare.
  std::string output;
  ASSERT_EQ(run_command(kCli + " inspect " + lake, &output), 0) << output;
  EXPECT_NE(output.find("orders"), std::string::npos) << output;

  python(
      "import pyarrow as pa, pyarrow.parquet as pq\n"
      "pq.write_table(pa.table({'id': ['x'], 'total': [1.0]}), " +
      shell_quote(lake + "/orders/part-2.parquet") + ")\n");
  const std::string message = read_error("parquet:" + lake);
  EXPECT_NE(message.find("part-2.parquet"), std::string::npos) << message;
  EXPECT_NE(message.find("table \"orders\""), std::string::npos) << message;
  EXPECT_NE(message.find("\"id\" as string where the first has int64"), std::string::npos)
      << message;
}

TEST(Parquet, BadFilesAreLocatedErrorsNeverCrashes) {
  if (!have_python()) GTEST_SKIP() << "no " << kPython;
  TempDir dir;
  const std::string good = dir.file("good.parquet");
  python(
      "import pyarrow as pa, pyarrow.parquet as pq\n"
      "pq.write_table(pa.table({'id': list(range(1000)), 'name': ['n%d' % i for i in "
      "range(1000)]}), " +
      shell_quote(good) +
      ")\n"
      "raw = open(" +
      shell_quote(good) +
      ", 'rb').read()\n"
      "open(" +
      shell_quote(dir.file("truncated.parquet")) +
      ", 'wb').write(raw[:len(raw) // 2])\n"
      "open(" +
      shell_quote(dir.file("garbage.parquet")) +
      ", 'wb').write(b'PAR1' + b'x' * 100)\n"
      "bad = bytearray(raw); bad[len(raw) // 3] ^= 0xff; bad[len(raw) // 3 + 1] ^= 0xff\n"
      "open(" +
      shell_quote(dir.file("flipped.parquet")) +
      ", 'wb').write(bytes(bad))\n"
      "bad = bytearray(raw)\n"
      "for i in range(100, len(raw) // 2): bad[i] ^= 0x5a\n"
      "open(" +
      shell_quote(dir.file("scrambled.parquet")) +
      ", 'wb').write(bytes(bad))\n"
      "pq.write_table(pa.table({'tags': [['a', 'b'], []]}), " +
      shell_quote(dir.file("nested.parquet")) + ")\n");
  EXPECT_EQ(read_error(good), "");
  for (const std::string name : {"truncated", "garbage"}) {
    const std::string message = read_error(dir.file(name + ".parquet"));
    EXPECT_NE(message.find(name + ".parquet"), std::string::npos) << message;
  }
  read_error(dir.file("flipped.parquet"));  // an error or wrong values, but no crash
  const std::string nested = read_error(dir.file("nested.parquet"));
  EXPECT_NE(nested.find("column \"tags\""), std::string::npos) << nested;
  EXPECT_NE(nested.find("list"), std::string::npos) << nested;
  // The CLI exits 3 (bad input) naming the file.
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + dir.file("truncated.parquet"), &output), 3) << output;
  EXPECT_NE(output.find("truncated.parquet"), std::string::npos) << output;
  EXPECT_EQ(run_command(kCli + " inspect parquet:" + dir.file("empty_folder"), &output), 4)
      << output;
  fs::create_directories(dir.path() / "empty_folder");
  EXPECT_EQ(run_command(kCli + " inspect parquet:" + dir.file("empty_folder"), &output), 3)
      << output;
  EXPECT_NE(output.find("holds no .parquet file"), std::string::npos) << output;
  // Pages that do not decompress are bad input too (Arrow calls them IOErrors), naming the
  // table and the file.
  EXPECT_EQ(run_command(kCli + " inspect " + dir.file("scrambled.parquet"), &output), 3) << output;
  EXPECT_NE(output.find("table \"scrambled\": Parquet file"), std::string::npos) << output;
  EXPECT_NE(output.find("corrupt"), std::string::npos) << output;
}

TEST(Parquet, SynthWritesAParquetFolderAtomicallyAndOverwritesOnlyItsOwn) {
  TempDir dir;
  const DemoModel demo = make_demo_model(dir, 40);
  std::string output;
  const std::string reference = dir.file("out.sqlite");
  ASSERT_EQ(
      run_command(kCli + " -q generate " + demo.model + " --seed 3 --to " + reference, &output), 0)
      << output;
  const std::string folder = dir.file("synthetic");
  ASSERT_EQ(run_command(kCli + " -q generate " + demo.model + " --seed 3 --to parquet:" + folder,
                        &output),
            0)
      << output;
  EXPECT_TRUE(fs::exists(fs::path(folder) / ".relsynth-output"));
  // The same rows as the SQLite output of the same seed.
  Metadata sqlite_metadata;
  const Database expected = read_all(reference, &sqlite_metadata);
  const Database written = read_all(folder);
  for (const Table& table : expected.tables())
    EXPECT_EQ(row_set(written.table(table.name())), row_set(table)) << table.name();
  if (have_python()) {
    const std::string count = python(
        "import pyarrow.dataset as ds\nprint(sum(\n"
        "  ds.dataset(" +
        shell_quote(folder + "/" + expected.tables()[0].name() + ".parquet") +
        ").count_rows() for _ in [0]))\n");
    EXPECT_EQ(count, std::to_string(expected.tables()[0].num_rows()) + "\n");
  }
  // Again only with --overwrite, and never over a file relsynth did not write.
  EXPECT_EQ(run_command(kCli + " -q generate " + demo.model + " --to parquet:" + folder, &output),
            2);
  EXPECT_EQ(run_command(kCli + " -q generate " + demo.model + " --seed 3 --to parquet:" + folder +
                            "?compression=zstd --overwrite",
                        &output),
            0)
      << output;
  if (have_python())
    EXPECT_EQ(python("import pyarrow.parquet as pq\n"
                     "print(pq.ParquetFile(" +
                     shell_quote(folder + "/" + expected.tables()[0].name() + ".parquet") +
                     ").metadata.row_group(0).column(0).compression)\n"),
              "ZSTD\n");
  std::ofstream(fs::path(folder) / "notes.txt") << "mine";
  EXPECT_EQ(
      run_command(kCli + " -q generate " + demo.model + " --to parquet:" + folder + " --overwrite",
                  &output),
      2);
  EXPECT_NE(output.find("notes.txt"), std::string::npos) << output;
  EXPECT_TRUE(fs::exists(fs::path(folder) / "notes.txt"));
  // A bare .parquet destination is refused with the way to write one.
  EXPECT_EQ(
      run_command(kCli + " -q generate " + demo.model + " --to " + dir.file("x.parquet"), &output),
      2);
  EXPECT_NE(output.find("parquet:DIR"), std::string::npos) << output;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

}  // namespace
}  // namespace relsynth::testing
