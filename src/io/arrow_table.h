// Conversion between relsynth tables and Apache Arrow: schemas, record batches and tables, with
// exact logical types. The Parquet connector writes and reads through it, and the Python binding
// uses it to pass pandas DataFrames in and out (through Arrow's C Data Interface), so it knows
// nothing of files.
//
// Writing, a column's Arrow type comes from its storage type, refined by its SQL type:
//   Int64     tinyint/int1 -> int8, smallint/int2 -> int16, int/int4/mediumint/serial -> int32
//             (and integer in PostgreSQL's dialect), others (SQLite's INTEGER, bigint) -> int64;
//             "... unsigned" -> the uint of that width
//   Float64   float4, real (PostgreSQL) -> float32; others -> float64
//   Decimal   decimal(p,s)/numeric(p,s) -> decimal128(p,s), or decimal256 beyond 38 digits;
//             without a precision -> string (field metadata relsynth.type = decimal)
//   Date -> date32; Time -> time64[us] (time(p): time32[s|ms], time64[ns])
//   DateTime  timestamp[us] (timestamp(p)/datetime(p): s, ms, us or ns), "with time zone" or
//             timestamptz -> tz UTC, "with time zone 'Europe/Paris'" -> that zone
//   Bool -> bool; String -> utf8 (sql type NULL: the null type); Binary -> binary
// Every field carries its column's SQL type and temporal format as field metadata
// (relsynth.sql_type, relsynth.format), so a relsynth file reads back as it was written.
//
// Reading, every Arrow type below maps to a storage type, and a table described from an Arrow
// schema gets SQL types that map back to the same Arrow type (int16 <-> SMALLINT, timestamp[ms,
// tz=UTC] <-> TIMESTAMP(3) WITH TIME ZONE):
//   int8..int64, uint8..uint64 -> Int64; float16/32/64 -> Float64; decimal32..256 -> Decimal;
//   bool -> Bool; utf8, large_utf8, utf8_view, dictionary<_, utf8> -> String; binary,
//   large_binary, binary_view, fixed_size_binary -> Binary; date32, date64 -> Date; timestamp
//   (any unit and zone; instants in UTC) -> DateTime; time32, time64 -> Time; null -> String.
//   Nested types (list, struct, map), unions, durations and intervals are refused by name.
// Lossy: nanoseconds are floored to microseconds (relsynth's unit); a time zone's name survives
// only in the SQL type; uint64 values above 2^63-1 are refused.
#pragma once

#include <arrow/type_fwd.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "io/row_selection.h"  // empty_table
#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

// The Arrow type `column` is written as. `sql_dialect` is Metadata::sql_dialect: it tells what
// an ambiguous SQL type name means ("integer", "real").
std::shared_ptr<arrow::DataType> arrow_type(const ColumnMeta& column,
                                            std::string_view sql_dialect = {});
std::shared_ptr<arrow::Schema> arrow_schema(const TableMeta& table,
                                            std::string_view sql_dialect = {});

// Rows [begin, end) of `rows` (columns in the order of `table.columns`; end = npos: all) as a
// batch of arrow_schema(table). A value the Arrow type cannot hold (an int16 column's 40000, a
// decimal with more digits than declared) throws InputError naming table, column and row.
std::shared_ptr<arrow::RecordBatch> to_arrow(const TableMeta& table, const Table& rows,
                                             std::string_view sql_dialect = {}, size_t begin = 0,
                                             size_t end = std::string::npos);

// A table as an Arrow schema describes it: columns with storage type, SQL type, temporal format
// and nullability; no keys. Throws InputError naming the table and the column of a type relsynth
// cannot hold.
TableMeta describe_arrow_schema(const arrow::Schema& schema, const std::string& table_name);

// The columns of `table` (found by name in `data`, in the order of `table.columns`) with their
// storage types. Throws InputError naming table, column and row for a missing column, a type
// that cannot be read as the column's storage type, or a value out of range.
Table from_arrow(const arrow::Table& data, const TableMeta& table);
// The same for one batch, appended to `into` (which has the columns of `table`, as
// empty_table of io/row_selection.h makes it): a reader of many batches fills one table.
void append_arrow(const arrow::RecordBatch& batch, const TableMeta& table, Table& into);

// Throws IoError "<context>: <Arrow's message>" when `status` is not OK.
void throw_if_failed(const arrow::Status& status, const std::string& context);

}  // namespace relsynth
