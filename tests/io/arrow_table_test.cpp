// Conversion between relsynth tables and Arrow: every storage type both ways, the Arrow types
// the SQL types choose, and the values a narrower Arrow type refuses.
#include "io/arrow_table.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

#include "io/io_fixtures.h"
#include "io/row_selection.h"
#include "relsynth/error.h"

namespace relsynth::testing {
namespace {

// One column of every kind, three rows, NULLs in the last.
struct Sample {
  TableMeta meta;
  Table rows;
};

Sample sample() {
  Sample s;
  s.meta.name = "things";
  s.meta.columns = {typed_column("id", DataType::Int64, "INTEGER"),
                    typed_column("small", DataType::Int64, "SMALLINT"),
                    typed_column("count", DataType::Int64, "int unsigned"),
                    typed_column("ratio", DataType::Float64, "REAL"),
                    typed_column("single", DataType::Float64, "float4"),
                    typed_column("price", DataType::Decimal, "NUMERIC(10,2)"),
                    typed_column("exact", DataType::Decimal, "NUMERIC"),
                    typed_column("name", DataType::String, "NVARCHAR(40)"),
                    typed_column("flag", DataType::Bool, "BOOLEAN"),
                    typed_column("day", DataType::Date, "DATE"),
                    typed_column("at", DataType::DateTime, "DATETIME", "%Y-%m-%dT%H:%M:%S"),
                    typed_column("at_ms", DataType::DateTime, "timestamp(3) with time zone"),
                    typed_column("clock", DataType::Time, "TIME"),
                    typed_column("blob", DataType::Binary, "BLOB")};
  s.rows = empty_table(s.meta);
  auto& c = s.rows.columns();
  for (int64_t v : {1, 2, 3}) c[0].append_int(v);
  c[1].append_int(-32768), c[1].append_int(32767), c[1].append_null();
  c[2].append_int(0), c[2].append_int(4294967295), c[2].append_null();
  c[3].append_double(0.1), c[3].append_double(-1e300), c[3].append_null();
  c[4].append_double(0.5), c[4].append_double(-2.25), c[4].append_null();
  c[5].append_string("12.50"), c[5].append_string("-0.07"), c[5].append_null();
  c[6].append_string("3.14159265358979323846264338327950288"), c[6].append_string("1"),
      c[6].append_null();
  c[7].append_string("Zoë"), c[7].append_string(""), c[7].append_null();
  c[8].append_int(1), c[8].append_int(0), c[8].append_null();
  c[9].append_int(0), c[9].append_int(-719162), c[9].append_null();
  c[10].append_int(1'700'000'000'123'456), c[10].append_int(-1), c[10].append_null();
  c[11].append_int(1'700'000'000'123'000), c[11].append_int(0), c[11].append_null();
  c[12].append_int(0), c[12].append_int(86'399'999'999), c[12].append_null();
  c[13].append_string(std::string("\0\xff", 2)), c[13].append_string(""), c[13].append_null();
  return s;
}

TEST(ArrowTable, SqlTypesChooseExactArrowTypes) {
  const Sample s = sample();
  const auto schema = arrow_schema(s.meta);
  auto type_of = [&](const char* name) { return schema->GetFieldByName(name)->type()->ToString(); };
  EXPECT_EQ(type_of("id"), "int64");
  EXPECT_EQ(type_of("small"), "int16");
  EXPECT_EQ(type_of("count"), "uint32");
  EXPECT_EQ(type_of("ratio"), "double");  // SQLite's REAL is 8 bytes
  EXPECT_EQ(type_of("single"), "float");
  EXPECT_EQ(type_of("price"), "decimal128(10, 2)");
  EXPECT_EQ(type_of("exact"), "string");  // no precision: exact text
  EXPECT_EQ(type_of("name"), "string");
  EXPECT_EQ(type_of("flag"), "bool");
  EXPECT_EQ(type_of("day"), "date32[day]");
  EXPECT_EQ(type_of("at"), "timestamp[us]");
  EXPECT_EQ(type_of("at_ms"), "timestamp[ms, tz=UTC]");
  EXPECT_EQ(type_of("clock"), "time64[us]");
  EXPECT_EQ(type_of("blob"), "binary");
  // PostgreSQL's integer and real are 4 bytes.
  ColumnMeta integer = typed_column("n", DataType::Int64, "integer");
  EXPECT_EQ(arrow_type(integer, "postgresql")->ToString(), "int32");
  EXPECT_EQ(arrow_type(integer)->ToString(), "int64");
  EXPECT_EQ(arrow_type(typed_column("r", DataType::Float64, "real"), "postgresql")->ToString(),
            "float");
  EXPECT_EQ(arrow_type(
                typed_column("z", DataType::DateTime, "TIMESTAMP(9) WITH TIME ZONE 'Europe/Paris'"))
                ->ToString(),
            "timestamp[ns, tz=Europe/Paris]");
  EXPECT_EQ(arrow_type(typed_column("d", DataType::Decimal, "decimal(60,4)"))->ToString(),
            "decimal256(60, 4)");
}

TEST(ArrowTable, EveryStorageTypeRoundTrips) {
  const Sample s = sample();
  const auto batch = to_arrow(s.meta, s.rows);
  ASSERT_TRUE(batch->ValidateFull().ok());
  const TableMeta described = describe_arrow_schema(*batch->schema(), "things");
  ASSERT_EQ(described.columns.size(), s.meta.columns.size());
  for (size_t c = 0; c < s.meta.columns.size(); ++c) {
    EXPECT_EQ(described.columns[c].type, s.meta.columns[c].type) << s.meta.columns[c].name;
    EXPECT_EQ(described.columns[c].sql_type, s.meta.columns[c].sql_type);
    EXPECT_EQ(described.columns[c].format, s.meta.columns[c].format);
  }
  Table back = empty_table(described);
  append_arrow(*batch, described, back);
  EXPECT_EQ(back, s.rows);
  // The same through an arrow::Table of two chunks.
  auto table = arrow::Table::FromRecordBatches(
                   {to_arrow(s.meta, s.rows, {}, 0, 1), to_arrow(s.meta, s.rows, {}, 1, 3)})
                   .ValueOrDie();
  EXPECT_EQ(from_arrow(*table, described), s.rows);
}

TEST(ArrowTable, ArrowTypesDescribeAsSqlTypesThatMapBack) {
  for (const auto& type : {arrow::int8(),
                           arrow::int16(),
                           arrow::int32(),
                           arrow::int64(),
                           arrow::uint8(),
                           arrow::uint16(),
                           arrow::uint32(),
                           arrow::uint64(),
                           arrow::float32(),
                           arrow::float64(),
                           arrow::decimal128(7, 3),
                           arrow::decimal256(50, 0),
                           arrow::boolean(),
                           arrow::utf8(),
                           arrow::binary(),
                           arrow::date32(),
                           arrow::timestamp(arrow::TimeUnit::SECOND),
                           arrow::timestamp(arrow::TimeUnit::MILLI, "UTC"),
                           arrow::timestamp(arrow::TimeUnit::NANO, "America/New_York"),
                           arrow::time32(arrow::TimeUnit::MILLI),
                           arrow::time64(arrow::TimeUnit::NANO),
                           arrow::null()}) {
    const auto schema = arrow::schema({arrow::field("x", type)});
    const TableMeta described = describe_arrow_schema(*schema, "t");
    EXPECT_EQ(arrow_type(described.columns[0])->ToString(), type->ToString())
        << described.columns[0].sql_type;
  }
}

TEST(ArrowTable, ReadsOtherLayoutsIntoRelsynthTypes) {
  arrow::LargeStringBuilder large;
  ASSERT_TRUE(large.AppendValues({"a", "bb"}).ok());
  arrow::StringDictionaryBuilder dictionary;
  ASSERT_TRUE(dictionary.Append("x").ok());
  ASSERT_TRUE(dictionary.AppendNull().ok());
  arrow::Date64Builder date64;
  ASSERT_TRUE(date64.AppendValues({86'400'000, -1}).ok());
  arrow::UInt64Builder big;
  ASSERT_TRUE(big.AppendValues({1, 18'446'744'073'709'551'615ull}).ok());
  arrow::TimestampBuilder nanos(arrow::timestamp(arrow::TimeUnit::NANO),
                                arrow::default_memory_pool());
  ASSERT_TRUE(nanos.AppendValues({1'999, -1}).ok());
  auto batch = arrow::RecordBatch::Make(
      arrow::schema({arrow::field("large", arrow::large_utf8()),
                     arrow::field("dict", arrow::dictionary(arrow::int32(), arrow::utf8())),
                     arrow::field("date64", arrow::date64()), arrow::field("big", arrow::uint64()),
                     arrow::field("nanos", arrow::timestamp(arrow::TimeUnit::NANO))}),
      2,
      {large.Finish().ValueOrDie(), dictionary.Finish().ValueOrDie(), date64.Finish().ValueOrDie(),
       big.Finish().ValueOrDie(), nanos.Finish().ValueOrDie()});
  TableMeta meta = describe_arrow_schema(*batch->schema(), "t");
  EXPECT_EQ(meta.columns[1].type, DataType::String);
  EXPECT_EQ(meta.columns[2].type, DataType::Date);
  // uint64 beyond int64 is refused, naming the row.
  Table rows = empty_table(meta);
  try {
    append_arrow(*batch, meta, rows);
    FAIL() << "uint64 18446744073709551615 read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("\"big\", row 2"), std::string::npos) << e.what();
  }
  meta.columns.erase(meta.columns.begin() + 3);
  rows = empty_table(meta);
  append_arrow(*batch, meta, rows);
  EXPECT_EQ(rows.column(0).string_at(1), "bb");
  EXPECT_EQ(rows.column(1).string_at(0), "x");
  EXPECT_TRUE(rows.column(1).is_null(1));
  EXPECT_EQ(rows.column(2).int_at(0), 1);
  EXPECT_EQ(rows.column(2).int_at(1), -1);  // 1 ms before the epoch is the day before
  EXPECT_EQ(rows.column(3).int_at(0), 1);   // nanoseconds floored to microseconds
  EXPECT_EQ(rows.column(3).int_at(1), -1);
}

TEST(ArrowTable, RefusesNestedTypesAndValuesTheTypeCannotHold) {
  const auto nested = arrow::schema({arrow::field("tags", arrow::list(arrow::utf8()))});
  try {
    describe_arrow_schema(*nested, "posts");
    FAIL() << "a list column described";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"posts\", column \"tags\""), std::string::npos)
        << e.what();
  }
  TableMeta meta;
  meta.name = "t";
  meta.columns = {typed_column("small", DataType::Int64, "smallint"),
                  typed_column("price", DataType::Decimal, "decimal(4,1)")};
  Table rows = empty_table(meta);
  rows.column(0).append_int(1), rows.column(0).append_int(40000);
  rows.column(1).append_string("1.5"), rows.column(1).append_string("2.0");
  EXPECT_THROW(
      {
        try {
          to_arrow(meta, rows);
        } catch (const InputError& e) {
          EXPECT_NE(std::string(e.what()).find("column \"small\", row 2"), std::string::npos);
          EXPECT_NE(std::string(e.what()).find("40000"), std::string::npos);
          throw;
        }
      },
      InputError);
  rows.column(0).set_int(1, 7);
  rows.column(1).set_string(1, "2.25");
  EXPECT_THROW(to_arrow(meta, rows), InputError);  // two decimal places where one is declared
  rows.column(1).set_string(1, "12345");
  EXPECT_THROW(to_arrow(meta, rows), InputError);  // five digits where four are declared
}

}  // namespace
}  // namespace relsynth::testing
