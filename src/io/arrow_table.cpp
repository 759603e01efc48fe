// Conversion between relsynth tables and Apache Arrow (see arrow_table.h for the type mapping).
// Batches are built from raw buffers, not builders: one pass per column, no per-value calls.
#include "io/arrow_table.h"

#include <arrow/api.h>
#include <arrow/util/bit_util.h>
#include <arrow/util/decimal.h>
#include <arrow/util/float16.h>

#include <cctype>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "relsynth/error.h"

namespace relsynth {

namespace {

// Field metadata keys that keep what Arrow's types cannot say.
constexpr const char* kSqlTypeKey = "relsynth.sql_type";
constexpr const char* kFormatKey = "relsynth.format";
constexpr const char* kStorageKey = "relsynth.type";  // "decimal": exact decimals held as text

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// A SQL type taken apart: "TIMESTAMP(3) WITH TIME ZONE 'Europe/Paris'" ->
// {base "timestamp", params {3}, zone "Europe/Paris"}.
struct SqlType {
  std::string base;  // the first word, lower case
  std::string text;  // the whole type, lower case
  std::vector<int> params;
  bool is_unsigned = false;
  std::optional<std::string> zone;  // "with time zone" (or timestamptz): its zone, UTC by default
};

SqlType parse_sql_type(std::string_view declared) {
  SqlType type;
  for (char c : declared)
    type.text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t i = 0;
  while (i < type.text.size() && type.text[i] == ' ') ++i;
  while (i < type.text.size() &&
         (std::isalnum(static_cast<unsigned char>(type.text[i])) || type.text[i] == '_'))
    type.base += type.text[i++];
  const size_t open = type.text.find('(');
  if (open != std::string::npos) {
    int value = -1;
    for (size_t j = open + 1; j < type.text.size() && type.text[j] != ')'; ++j) {
      const char c = type.text[j];
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 1'000'000) value = 1'000'000;
      } else if (c == ',') {
        type.params.push_back(value);
        value = -1;
      }
    }
    type.params.push_back(value);
  }
  type.is_unsigned = type.text.find("unsigned") != std::string::npos;
  const size_t with_zone = type.text.find("with time zone");
  if (type.base == "timestamptz" || type.base == "timetz" || with_zone != std::string::npos) {
    type.zone = "UTC";
    const size_t quote = declared.find('\'', with_zone == std::string::npos ? 0 : with_zone);
    const size_t end = quote == std::string::npos ? quote : declared.find('\'', quote + 1);
    if (end != std::string::npos && end > quote + 1)
      type.zone = std::string(declared.substr(quote + 1, end - quote - 1));
  }
  return type;
}

bool one_of(std::string_view text, std::initializer_list<std::string_view> options) {
  for (std::string_view option : options)
    if (text == option) return true;
  return false;
}

int integer_bits(const SqlType& type, std::string_view dialect) {
  if (one_of(type.base, {"tinyint", "int1"})) return 8;
  if (one_of(type.base, {"smallint", "int2", "smallserial", "serial2"})) return 16;
  if (one_of(type.base, {"mediumint", "int", "int3", "int4", "serial", "serial4"})) return 32;
  if (type.base == "integer" && dialect == "postgresql") return 32;
  return 64;  // SQLite's INTEGER holds 64 bits whatever its declared name
}

std::shared_ptr<arrow::DataType> integer_type(int bits, bool is_unsigned) {
  switch (bits) {
    case 8:
      return is_unsigned ? arrow::uint8() : arrow::int8();
    case 16:
      return is_unsigned ? arrow::uint16() : arrow::int16();
    case 32:
      return is_unsigned ? arrow::uint32() : arrow::int32();
    default:
      return is_unsigned ? arrow::uint64() : arrow::int64();
  }
}

// The declared precision and scale of a decimal type; nullopt without a usable precision.
std::optional<std::pair<int, int>> decimal_digits(const SqlType& type) {
  if (!one_of(type.base, {"decimal", "numeric", "dec", "number", "fixed"})) return std::nullopt;
  if (type.params.empty() || type.params[0] < 1 || type.params[0] > 76) return std::nullopt;
  const int scale = type.params.size() > 1 ? type.params[1] : 0;
  if (scale < 0 || scale > type.params[0]) return std::nullopt;
  return std::pair{type.params[0], scale};
}

bool decimal_as_text(const ColumnMeta& column) {
  return column.type == DataType::Decimal && !decimal_digits(parse_sql_type(column.sql_type));
}

// Fractional digits of a temporal type -> Arrow's unit; microseconds when not declared.
arrow::TimeUnit::type time_unit(const SqlType& type) {
  if (type.params.empty() || type.params[0] < 0) return arrow::TimeUnit::MICRO;
  if (type.params[0] == 0) return arrow::TimeUnit::SECOND;
  if (type.params[0] <= 3) return arrow::TimeUnit::MILLI;
  if (type.params[0] <= 6) return arrow::TimeUnit::MICRO;
  return arrow::TimeUnit::NANO;
}

// Microseconds per unit (a nanosecond is 1/1000).
int64_t micros_per(arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return kMicrosPerSecond;
    case arrow::TimeUnit::MILLI:
      return 1000;
    default:
      return 1;
  }
}

int64_t floor_div(int64_t value, int64_t divisor) {
  const int64_t quotient = value / divisor;
  return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

std::string fraction_suffix(arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return "(0)";
    case arrow::TimeUnit::MILLI:
      return "(3)";
    case arrow::TimeUnit::NANO:
      return "(9)";
    default:
      return "";
  }
}

[[noreturn]] void fail(const std::string& table, const std::string& column, int64_t row,
                       const std::string& what) {
  throw InputError(locate(table, column, row) + ": " + what);
}

// ---------------------------------------------------------------------------------------------
// relsynth -> Arrow

std::shared_ptr<arrow::Buffer> allocate(int64_t bytes) {
  auto buffer = arrow::AllocateBuffer(bytes);
  throw_if_failed(buffer.status(), "allocating an Arrow buffer");
  std::shared_ptr<arrow::Buffer> shared = std::move(buffer).ValueOrDie();
  if (bytes > 0) std::memset(shared->mutable_data(), 0, static_cast<size_t>(bytes));
  return shared;
}

struct Validity {
  std::shared_ptr<arrow::Buffer> bitmap;  // null when every value is present
  int64_t null_count = 0;
};

Validity validity(const Column& column, size_t begin, size_t end) {
  Validity out;
  for (size_t row = begin; row < end; ++row) out.null_count += column.is_null(row);
  if (out.null_count == 0) return out;
  out.bitmap = allocate(static_cast<int64_t>((end - begin + 7) / 8));
  uint8_t* bits = out.bitmap->mutable_data();
  for (size_t row = begin; row < end; ++row)
    if (!column.is_null(row)) arrow::bit_util::SetBit(bits, static_cast<int64_t>(row - begin));
  return out;
}

// Where a batch is being built, for errors.
struct BatchContext {
  const std::string& table;
  const std::string& column;
  size_t begin;
  size_t end;
  const Column& values;
};

// A fixed-width array whose slot i holds value(row) of the row begin + i (NULL slots included:
// the column holds a harmless default there).
template <typename T, typename Value>
std::shared_ptr<arrow::Array> fixed_width(const std::shared_ptr<arrow::DataType>& type,
                                          const BatchContext& at, const Validity& valid,
                                          Value&& value) {
  const int64_t length = static_cast<int64_t>(at.end - at.begin);
  auto values = allocate(length * static_cast<int64_t>(sizeof(T)));
  T* out = reinterpret_cast<T*>(values->mutable_data());
  for (size_t row = at.begin; row < at.end; ++row)
    out[row - at.begin] = at.values.is_null(row) ? T{} : value(row);
  return arrow::MakeArray(
      arrow::ArrayData::Make(type, length, {valid.bitmap, values}, valid.null_count));
}

// A fixed-width array whose values are a range of `values` as they are (NULL slots included:
// readers ignore them).
template <typename T>
std::shared_ptr<arrow::Array> copied(const std::shared_ptr<arrow::DataType>& type,
                                     const BatchContext& at, const Validity& valid,
                                     const std::vector<T>& values) {
  const int64_t length = static_cast<int64_t>(at.end - at.begin);
  auto buffer = allocate(length * static_cast<int64_t>(sizeof(T)));
  if (length > 0)
    std::memcpy(buffer->mutable_data(), values.data() + at.begin,
                static_cast<size_t>(length) * sizeof(T));
  return arrow::MakeArray(
      arrow::ArrayData::Make(type, length, {valid.bitmap, buffer}, valid.null_count));
}

template <typename T>
std::shared_ptr<arrow::Array> narrowed_integers(const std::shared_ptr<arrow::DataType>& type,
                                                const BatchContext& at, const Validity& valid) {
  return fixed_width<T>(type, at, valid, [&](size_t row) {
    const int64_t value = at.values.int_at(row);
    const bool fits = std::is_signed_v<T>
                          ? value >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
                                value <= static_cast<int64_t>(std::numeric_limits<T>::max())
                          : value >= 0 && static_cast<uint64_t>(value) <=
                                              static_cast<uint64_t>(std::numeric_limits<T>::max());
    if (!fits)
      fail(at.table, at.column, static_cast<int64_t>(row),
           std::to_string(value) + " does not fit the column's Arrow type " + type->ToString() +
               " (from its SQL type); declare a wider type in the metadata");
    return static_cast<T>(value);
  });
}

std::shared_ptr<arrow::Array> integers(const std::shared_ptr<arrow::DataType>& type,
                                       const BatchContext& at, const Validity& valid) {
  switch (type->id()) {
    case arrow::Type::INT8:
      return narrowed_integers<int8_t>(type, at, valid);
    case arrow::Type::INT16:
      return narrowed_integers<int16_t>(type, at, valid);
    case arrow::Type::INT32:
      return narrowed_integers<int32_t>(type, at, valid);
    case arrow::Type::UINT8:
      return narrowed_integers<uint8_t>(type, at, valid);
    case arrow::Type::UINT16:
      return narrowed_integers<uint16_t>(type, at, valid);
    case arrow::Type::UINT32:
      return narrowed_integers<uint32_t>(type, at, valid);
    case arrow::Type::UINT64:
      return narrowed_integers<uint64_t>(type, at, valid);
    default:
      return copied(type, at, valid, at.values.ints());
  }
}

std::shared_ptr<arrow::Array> booleans(const BatchContext& at, const Validity& valid) {
  const int64_t length = static_cast<int64_t>(at.end - at.begin);
  auto values = allocate((length + 7) / 8);
  uint8_t* bits = values->mutable_data();
  for (size_t row = at.begin; row < at.end; ++row)
    if (!at.values.is_null(row) && at.values.int_at(row))
      arrow::bit_util::SetBit(bits, static_cast<int64_t>(row - at.begin));
  return arrow::MakeArray(
      arrow::ArrayData::Make(arrow::boolean(), length, {valid.bitmap, values}, valid.null_count));
}

// utf8 or binary: int32 offsets and the bytes.
std::shared_ptr<arrow::Array> byte_strings(const std::shared_ptr<arrow::DataType>& type,
                                           const BatchContext& at, const Validity& valid) {
  const int64_t length = static_cast<int64_t>(at.end - at.begin);
  int64_t bytes = 0;
  for (size_t row = at.begin; row < at.end; ++row)
    if (!at.values.is_null(row)) bytes += static_cast<int64_t>(at.values.string_at(row).size());
  if (bytes > std::numeric_limits<int32_t>::max())
    fail(at.table, at.column, -1, "more than 2 GiB of text in one batch of rows");
  auto offsets = allocate((length + 1) * 4);
  auto data = allocate(bytes);
  int32_t* offset = reinterpret_cast<int32_t*>(offsets->mutable_data());
  uint8_t* out = data->mutable_data();
  int32_t position = 0;
  for (size_t row = at.begin; row < at.end; ++row) {
    offset[row - at.begin] = position;
    if (at.values.is_null(row)) continue;
    const std::string& value = at.values.string_at(row);
    if (!value.empty()) std::memcpy(out + position, value.data(), value.size());
    position += static_cast<int32_t>(value.size());
  }
  offset[length] = position;
  return arrow::MakeArray(
      arrow::ArrayData::Make(type, length, {valid.bitmap, offsets, data}, valid.null_count));
}

template <typename Decimal>
std::shared_ptr<arrow::Array> decimals(const std::shared_ptr<arrow::DataType>& type,
                                       const BatchContext& at, const Validity& valid) {
  const auto& decimal_type = static_cast<const arrow::DecimalType&>(*type);
  const int32_t precision = decimal_type.precision(), scale = decimal_type.scale();
  const int64_t length = static_cast<int64_t>(at.end - at.begin);
  const int width = decimal_type.byte_width();
  auto values = allocate(length * width);
  for (size_t row = at.begin; row < at.end; ++row) {
    if (at.values.is_null(row)) continue;
    const std::string& text = at.values.string_at(row);
    Decimal value;
    int32_t value_precision = 0, value_scale = 0;
    const int64_t row_index = static_cast<int64_t>(row);
    if (!Decimal::FromString(text, &value, &value_precision, &value_scale).ok())
      fail(at.table, at.column, row_index, quote_name(text) + " is not a decimal number");
    if (value_scale != scale) {
      auto rescaled = value.Rescale(value_scale, scale);
      if (!rescaled.ok())
        fail(at.table, at.column, row_index,
             text + " has more than the " + std::to_string(scale) + " decimal places of " +
                 type->ToString());
      value = *rescaled;
    }
    if (!value.FitsInPrecision(precision))
      fail(at.table, at.column, row_index,
           text + " has more digits than the precision of " + type->ToString());
    value.ToBytes(values->mutable_data() + (row - at.begin) * width);
  }
  return arrow::MakeArray(
      arrow::ArrayData::Make(type, length, {valid.bitmap, values}, valid.null_count));
}

// Microseconds (relsynth's unit) in `unit`: floored when coarser, checked when finer.
std::shared_ptr<arrow::Array> in_unit(const std::shared_ptr<arrow::DataType>& type,
                                      arrow::TimeUnit::type unit, bool four_bytes,
                                      const BatchContext& at, const Validity& valid) {
  auto value_of = [&](size_t row) -> int64_t {
    const int64_t micros = at.values.int_at(row);
    if (unit != arrow::TimeUnit::NANO) return floor_div(micros, micros_per(unit));
    if (micros > std::numeric_limits<int64_t>::max() / 1000 ||
        micros < std::numeric_limits<int64_t>::min() / 1000)
      fail(at.table, at.column, static_cast<int64_t>(row),
           "the value lies beyond the range of " + type->ToString() + " (years 1677-2262)");
    return micros * 1000;
  };
  if (four_bytes)
    return fixed_width<int32_t>(type, at, valid,
                                [&](size_t row) { return static_cast<int32_t>(value_of(row)); });
  return fixed_width<int64_t>(type, at, valid, value_of);
}

std::shared_ptr<arrow::Array> to_arrow_array(const ColumnMeta& meta,
                                             const std::shared_ptr<arrow::DataType>& type,
                                             const BatchContext& at) {
  const Validity valid = validity(at.values, at.begin, at.end);
  switch (type->id()) {
    case arrow::Type::NA:
      if (valid.null_count != static_cast<int64_t>(at.end - at.begin))
        fail(at.table, at.column, -1, "a column of SQL type NULL holds values");
      return std::make_shared<arrow::NullArray>(static_cast<int64_t>(at.end - at.begin));
    case arrow::Type::BOOL:
      return booleans(at, valid);
    case arrow::Type::FLOAT:
      return fixed_width<float>(type, at, valid, [&](size_t row) {
        return static_cast<float>(at.values.double_at(row));
      });
    case arrow::Type::DOUBLE:
      return copied(type, at, valid, at.values.doubles());
    case arrow::Type::DECIMAL128:
      return decimals<arrow::Decimal128>(type, at, valid);
    case arrow::Type::DECIMAL256:
      return decimals<arrow::Decimal256>(type, at, valid);
    case arrow::Type::STRING:
    case arrow::Type::BINARY:
      return byte_strings(type, at, valid);
    case arrow::Type::DATE32:
      return fixed_width<int32_t>(
          type, at, valid, [&](size_t row) { return static_cast<int32_t>(at.values.int_at(row)); });
    case arrow::Type::TIMESTAMP:
      return in_unit(type, static_cast<const arrow::TimestampType&>(*type).unit(), false, at,
                     valid);
    case arrow::Type::TIME32:
      return in_unit(type, static_cast<const arrow::Time32Type&>(*type).unit(), true, at, valid);
    case arrow::Type::TIME64:
      return in_unit(type, static_cast<const arrow::Time64Type&>(*type).unit(), false, at, valid);
    default:
      if (arrow::is_integer(type->id())) return integers(type, at, valid);
  }
  fail(at.table, meta.name, -1, "no Arrow conversion for Arrow type " + type->ToString());
}

// ---------------------------------------------------------------------------------------------
// Arrow -> relsynth

struct ReadContext {
  const std::string& table;
  const std::string& column;
  size_t first_row;  // rows of the relsynth table before this array's first
};

// Calls append(i) for each present slot of `array`, append_null for the others.
template <typename Append>
void each_slot(const arrow::Array& array, Column& out, Append&& append) {
  const int64_t length = array.length();
  if (array.null_count() == 0) {
    for (int64_t i = 0; i < length; ++i) append(i);
    return;
  }
  for (int64_t i = 0; i < length; ++i) {
    if (array.IsNull(i))
      out.append_null();
    else
      append(i);
  }
}

template <typename ArrayType>
void append_integers(const arrow::Array& array, Column& out, const ReadContext& at) {
  const auto& typed = static_cast<const ArrayType&>(array);
  each_slot(array, out, [&](int64_t i) {
    const auto value = typed.Value(i);
    if constexpr (std::is_same_v<decltype(value), const uint64_t>) {
      if (value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail(at.table, at.column, static_cast<int64_t>(at.first_row) + i,
             std::to_string(value) + " is beyond relsynth's 64-bit signed integers");
    }
    if (out.type() == DataType::Float64)
      out.append_double(static_cast<double>(value));
    else
      out.append_int(static_cast<int64_t>(value));
  });
}

// Integers of any width into an Int64, Bool or Float64 column; false for other arrays.
bool append_any_integers(const arrow::Array& array, Column& out, const ReadContext& at) {
  switch (array.type_id()) {
    case arrow::Type::INT8:
      append_integers<arrow::Int8Array>(array, out, at);
      return true;
    case arrow::Type::INT16:
      append_integers<arrow::Int16Array>(array, out, at);
      return true;
    case arrow::Type::INT32:
      append_integers<arrow::Int32Array>(array, out, at);
      return true;
    case arrow::Type::INT64:
      append_integers<arrow::Int64Array>(array, out, at);
      return true;
    case arrow::Type::UINT8:
      append_integers<arrow::UInt8Array>(array, out, at);
      return true;
    case arrow::Type::UINT16:
      append_integers<arrow::UInt16Array>(array, out, at);
      return true;
    case arrow::Type::UINT32:
      append_integers<arrow::UInt32Array>(array, out, at);
      return true;
    case arrow::Type::UINT64:
      append_integers<arrow::UInt64Array>(array, out, at);
      return true;
    default:
      return false;
  }
}

// Text and bytes of every Arrow layout; false for other arrays.
template <typename ArrayType>
void append_views(const arrow::Array& array, Column& out) {
  const auto& typed = static_cast<const ArrayType&>(array);
  each_slot(array, out, [&](int64_t i) { out.append_string(typed.GetView(i)); });
}

bool append_any_strings(const arrow::Array& array, Column& out) {
  switch (array.type_id()) {
    case arrow::Type::STRING:
      append_views<arrow::StringArray>(array, out);
      return true;
    case arrow::Type::LARGE_STRING:
      append_views<arrow::LargeStringArray>(array, out);
      return true;
    case arrow::Type::STRING_VIEW:
      append_views<arrow::StringViewArray>(array, out);
      return true;
    case arrow::Type::BINARY:
      append_views<arrow::BinaryArray>(array, out);
      return true;
    case arrow::Type::LARGE_BINARY:
      append_views<arrow::LargeBinaryArray>(array, out);
      return true;
    case arrow::Type::BINARY_VIEW:
      append_views<arrow::BinaryViewArray>(array, out);
      return true;
    case arrow::Type::FIXED_SIZE_BINARY:
      append_views<arrow::FixedSizeBinaryArray>(array, out);
      return true;
    default:
      return false;
  }
}

template <typename ArrayType>
void append_decimal_text(const arrow::Array& array, Column& out) {
  const auto& typed = static_cast<const ArrayType&>(array);
  each_slot(array, out, [&](int64_t i) { out.append_string(typed.FormatValue(i)); });
}

bool append_any_decimals(const arrow::Array& array, Column& out) {
  switch (array.type_id()) {
    case arrow::Type::DECIMAL32:
      append_decimal_text<arrow::Decimal32Array>(array, out);
      return true;
    case arrow::Type::DECIMAL64:
      append_decimal_text<arrow::Decimal64Array>(array, out);
      return true;
    case arrow::Type::DECIMAL128:
      append_decimal_text<arrow::Decimal128Array>(array, out);
      return true;
    case arrow::Type::DECIMAL256:
      append_decimal_text<arrow::Decimal256Array>(array, out);
      return true;
    default:
      return false;
  }
}

// Timestamps, dates and times in relsynth's units for a column of `out.type()`.
bool append_temporal(const arrow::Array& array, Column& out, const ReadContext& at) {
  const DataType target = out.type();
  auto append_converted = [&](int64_t value, DataType from) {
    out.append_int(convert_temporal(value, from, target));
  };
  switch (array.type_id()) {
    case arrow::Type::TIMESTAMP: {
      if (target != DataType::DateTime && target != DataType::Date) return false;
      const auto& typed = static_cast<const arrow::TimestampArray&>(array);
      const auto unit = static_cast<const arrow::TimestampType&>(*array.type()).unit();
      each_slot(array, out, [&](int64_t i) {
        const int64_t value = typed.Value(i);
        int64_t micros;
        if (unit == arrow::TimeUnit::NANO) {
          micros = floor_div(value, 1000);
        } else if (__builtin_mul_overflow(value, micros_per(unit), &micros)) {
          fail(at.table, at.column, static_cast<int64_t>(at.first_row) + i,
               "the timestamp lies beyond relsynth's range");
        }
        append_converted(micros, DataType::DateTime);
      });
      return true;
    }
    case arrow::Type::DATE32: {
      if (target != DataType::DateTime && target != DataType::Date) return false;
      const auto& typed = static_cast<const arrow::Date32Array&>(array);
      each_slot(array, out, [&](int64_t i) { append_converted(typed.Value(i), DataType::Date); });
      return true;
    }
    case arrow::Type::DATE64: {
      if (target != DataType::DateTime && target != DataType::Date) return false;
      const auto& typed = static_cast<const arrow::Date64Array&>(array);
      each_slot(array, out, [&](int64_t i) {
        if (target == DataType::Date)
          out.append_int(floor_div(typed.Value(i), kMicrosPerDay / 1000));
        else
          out.append_int(typed.Value(i) * 1000);
      });
      return true;
    }
    case arrow::Type::TIME32: {
      if (target != DataType::Time) return false;
      const auto& typed = static_cast<const arrow::Time32Array&>(array);
      const auto unit = static_cast<const arrow::Time32Type&>(*array.type()).unit();
      each_slot(array, out, [&](int64_t i) { out.append_int(typed.Value(i) * micros_per(unit)); });
      return true;
    }
    case arrow::Type::TIME64: {
      if (target != DataType::Time) return false;
      const auto& typed = static_cast<const arrow::Time64Array&>(array);
      const bool nanos =
          static_cast<const arrow::Time64Type&>(*array.type()).unit() == arrow::TimeUnit::NANO;
      each_slot(array, out, [&](int64_t i) {
        out.append_int(nanos ? floor_div(typed.Value(i), 1000) : typed.Value(i));
      });
      return true;
    }
    default:
      return false;
  }
}

void append_array(const arrow::Array& array, Column& out, const ReadContext& at) {
  if (array.type_id() == arrow::Type::NA) {
    for (int64_t i = 0; i < array.length(); ++i) out.append_null();
    return;
  }
  if (array.type_id() == arrow::Type::DICTIONARY) {
    // Decoded through a column of the dictionary's values, whatever their type.
    const auto& dictionary = static_cast<const arrow::DictionaryArray&>(array);
    Column values(out.name(), out.type(), out.format());
    append_array(*dictionary.dictionary(), values, at);
    each_slot(array, out, [&](int64_t i) {
      const int64_t index = dictionary.GetValueIndex(i);
      if (index < 0 || static_cast<size_t>(index) >= values.size())
        fail(at.table, at.column, static_cast<int64_t>(at.first_row) + i,
             "a dictionary index is out of range");
      out.append_from(values, static_cast<size_t>(index));
    });
    return;
  }
  bool done = false;
  switch (out.type()) {
    case DataType::Int64:
    case DataType::Float64:
      done = append_any_integers(array, out, at);
      if (!done && out.type() == DataType::Float64) {
        done = true;
        if (array.type_id() == arrow::Type::DOUBLE) {
          const auto& typed = static_cast<const arrow::DoubleArray&>(array);
          each_slot(array, out, [&](int64_t i) { out.append_double(typed.Value(i)); });
        } else if (array.type_id() == arrow::Type::FLOAT) {
          const auto& typed = static_cast<const arrow::FloatArray&>(array);
          each_slot(array, out, [&](int64_t i) { out.append_double(typed.Value(i)); });
        } else if (array.type_id() == arrow::Type::HALF_FLOAT) {
          const auto& typed = static_cast<const arrow::HalfFloatArray&>(array);
          each_slot(array, out, [&](int64_t i) {
            out.append_double(arrow::util::Float16::FromBits(typed.Value(i)).ToDouble());
          });
        } else {
          done = false;
        }
      }
      break;
    case DataType::Bool:
      if (array.type_id() == arrow::Type::BOOL) {
        const auto& typed = static_cast<const arrow::BooleanArray&>(array);
        each_slot(array, out, [&](int64_t i) { out.append_int(typed.Value(i) ? 1 : 0); });
        done = true;
      } else {
        done = append_any_integers(array, out, at);
      }
      break;
    case DataType::Decimal:
      done = append_any_decimals(array, out) || append_any_strings(array, out);
      break;
    case DataType::String:
    case DataType::Binary:
      done = append_any_strings(array, out);
      break;
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      done = append_temporal(array, out, at);
      break;
  }
  if (!done)
    fail(at.table, at.column, -1,
         "Arrow type " + array.type()->ToString() + " cannot be read as " +
             std::string(to_string(out.type())));
}

}  // namespace

void throw_if_failed(const arrow::Status& status, const std::string& context) {
  if (!status.ok()) throw IoError(context + ": " + status.message());
}

std::shared_ptr<arrow::DataType> arrow_type(const ColumnMeta& column,
                                            std::string_view sql_dialect) {
  const SqlType sql = parse_sql_type(column.sql_type);
  switch (column.type) {
    case DataType::Int64:
      return integer_type(integer_bits(sql, sql_dialect), sql.is_unsigned);
    case DataType::Bool:
      return arrow::boolean();
    case DataType::Float64:
      if (sql.base == "float4" || (sql.base == "real" && sql_dialect == "postgresql"))
        return arrow::float32();
      return arrow::float64();
    case DataType::Decimal:
      if (auto digits = decimal_digits(sql))
        return digits->first <= 38 ? arrow::decimal128(digits->first, digits->second)
                                   : arrow::decimal256(digits->first, digits->second);
      return arrow::utf8();
    case DataType::String:
      return sql.base == "null" ? arrow::null() : arrow::utf8();
    case DataType::Binary:
      return arrow::binary();
    case DataType::Date:
      return arrow::date32();
    case DataType::DateTime:
      return sql.zone ? arrow::timestamp(time_unit(sql), *sql.zone)
                      : arrow::timestamp(time_unit(sql));
    case DataType::Time: {
      const arrow::TimeUnit::type unit = time_unit(sql);
      if (unit == arrow::TimeUnit::SECOND || unit == arrow::TimeUnit::MILLI)
        return arrow::time32(unit);
      return arrow::time64(unit);
    }
  }
  return arrow::utf8();
}

std::shared_ptr<arrow::Schema> arrow_schema(const TableMeta& table, std::string_view sql_dialect) {
  arrow::FieldVector fields;
  for (const ColumnMeta& column : table.columns) {
    std::vector<std::string> keys, values;
    if (!column.sql_type.empty()) {
      keys.push_back(kSqlTypeKey);
      values.push_back(column.sql_type);
    }
    if (!column.format.empty()) {
      keys.push_back(kFormatKey);
      values.push_back(column.format);
    }
    if (decimal_as_text(column)) {
      keys.push_back(kStorageKey);
      values.push_back("decimal");
    }
    fields.push_back(
        arrow::field(column.name, arrow_type(column, sql_dialect), column.nullable,
                     keys.empty() ? nullptr : arrow::key_value_metadata(keys, values)));
  }
  return arrow::schema(std::move(fields));
}

std::shared_ptr<arrow::RecordBatch> to_arrow(const TableMeta& table, const Table& rows,
                                             std::string_view sql_dialect, size_t begin,
                                             size_t end) {
  if (rows.num_columns() != table.columns.size())
    throw InputError(locate(table.name) + ": " + std::to_string(rows.num_columns()) +
                     " columns given to write where the metadata has " +
                     std::to_string(table.columns.size()));
  end = std::min(end, rows.num_rows());
  begin = std::min(begin, end);
  auto schema = arrow_schema(table, sql_dialect);
  arrow::ArrayVector arrays;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = rows.column(c);
    const ColumnMeta& meta = table.columns[c];
    if (column.type() != meta.type)
      fail(table.name, meta.name, -1,
           "the rows hold " + std::string(to_string(column.type())) + " where the metadata says " +
               std::string(to_string(meta.type)));
    arrays.push_back(to_arrow_array(meta, schema->field(static_cast<int>(c))->type(),
                                    BatchContext{table.name, meta.name, begin, end, column}));
  }
  return arrow::RecordBatch::Make(schema, static_cast<int64_t>(end - begin), std::move(arrays));
}

namespace {

struct Described {
  DataType type;
  std::string sql_type;
};

std::optional<Described> describe_type(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::INT8:
      return Described{DataType::Int64, "TINYINT"};
    case arrow::Type::INT16:
      return Described{DataType::Int64, "SMALLINT"};
    case arrow::Type::INT32:
      return Described{DataType::Int64, "INT"};
    case arrow::Type::INT64:
      return Described{DataType::Int64, "BIGINT"};
    case arrow::Type::UINT8:
      return Described{DataType::Int64, "TINYINT UNSIGNED"};
    case arrow::Type::UINT16:
      return Described{DataType::Int64, "SMALLINT UNSIGNED"};
    case arrow::Type::UINT32:
      return Described{DataType::Int64, "INT UNSIGNED"};
    case arrow::Type::UINT64:
      return Described{DataType::Int64, "BIGINT UNSIGNED"};
    case arrow::Type::HALF_FLOAT:
    case arrow::Type::FLOAT:
      return Described{DataType::Float64, "FLOAT4"};
    case arrow::Type::DOUBLE:
      return Described{DataType::Float64, "DOUBLE"};
    case arrow::Type::DECIMAL32:
    case arrow::Type::DECIMAL64:
    case arrow::Type::DECIMAL128:
    case arrow::Type::DECIMAL256: {
      const auto& decimal = static_cast<const arrow::DecimalType&>(type);
      return Described{DataType::Decimal, "DECIMAL(" + std::to_string(decimal.precision()) + "," +
                                              std::to_string(decimal.scale()) + ")"};
    }
    case arrow::Type::BOOL:
      return Described{DataType::Bool, "BOOLEAN"};
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
      return Described{DataType::String, "TEXT"};
    case arrow::Type::BINARY:
    case arrow::Type::LARGE_BINARY:
    case arrow::Type::BINARY_VIEW:
    case arrow::Type::FIXED_SIZE_BINARY:
      return Described{DataType::Binary, "BLOB"};
    case arrow::Type::NA:
      return Described{DataType::String, "NULL"};
    case arrow::Type::DATE32:
    case arrow::Type::DATE64:
      return Described{DataType::Date, "DATE"};
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp = static_cast<const arrow::TimestampType&>(type);
      std::string sql = "TIMESTAMP" + fraction_suffix(timestamp.unit());
      if (!timestamp.timezone().empty()) {
        sql += " WITH TIME ZONE";
        if (timestamp.timezone() != "UTC" && timestamp.timezone().find('\'') == std::string::npos)
          sql += " '" + timestamp.timezone() + "'";
      }
      return Described{DataType::DateTime, sql};
    }
    case arrow::Type::TIME32:
    case arrow::Type::TIME64:
      return Described{DataType::Time,
                       "TIME" + fraction_suffix(static_cast<const arrow::TimeType&>(type).unit())};
    case arrow::Type::DICTIONARY: {
      auto values = describe_type(*static_cast<const arrow::DictionaryType&>(type).value_type());
      if (!values) return std::nullopt;
      return values;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

TableMeta describe_arrow_schema(const arrow::Schema& schema, const std::string& table_name) {
  TableMeta table;
  table.name = table_name;
  for (const auto& field : schema.fields()) {
    const auto described = describe_type(*field->type());
    if (!described)
      throw InputError(locate(table_name, field->name()) + ": Arrow type " +
                       field->type()->ToString() +
                       " is not supported (relsynth reads flat columns: numbers, decimals, text, "
                       "binary, booleans, dates, times and timestamps); flatten the column first");
    ColumnMeta column;
    column.name = field->name();
    column.type = described->type;
    column.sql_type = described->sql_type;
    column.nullable = field->nullable();
    if (const auto& metadata = field->metadata()) {
      auto value = [&](const char* key) -> std::optional<std::string> {
        const int index = metadata->FindKey(key);
        if (index < 0) return std::nullopt;
        return metadata->value(index);
      };
      if (column.type == DataType::String && value(kStorageKey) == "decimal")
        column.type = DataType::Decimal;
      if (auto sql_type = value(kSqlTypeKey)) column.sql_type = *sql_type;
      if (auto format = value(kFormatKey); format && is_temporal(column.type))
        column.format = *format;
    }
    table.columns.push_back(std::move(column));
  }
  return table;
}

namespace {

// The position in `schema` of each column of `table`, found by name.
std::vector<int> column_positions(const arrow::Schema& schema, const TableMeta& table) {
  std::vector<int> positions;
  for (const ColumnMeta& column : table.columns) {
    const int index = schema.GetFieldIndex(column.name);
    if (index < 0)
      throw InputError(locate(table.name, column.name) +
                       (schema.GetAllFieldsByName(column.name).empty()
                            ? ": no such column in the data"
                            : ": the column appears more than once in the data"));
    positions.push_back(index);
  }
  return positions;
}

void check_columns(const Table& into, const TableMeta& table) {
  if (into.num_columns() != table.columns.size())
    throw InputError(locate(table.name) + ": the table being read has " +
                     std::to_string(into.num_columns()) + " columns where the metadata has " +
                     std::to_string(table.columns.size()));
}

}  // namespace

void append_arrow(const arrow::RecordBatch& batch, const TableMeta& table, Table& into) {
  check_columns(into, table);
  const std::vector<int> positions = column_positions(*batch.schema(), table);
  const size_t first_row = into.num_rows();
  for (size_t c = 0; c < positions.size(); ++c)
    append_array(*batch.column(positions[c]), into.column(c),
                 ReadContext{table.name, table.columns[c].name, first_row});
}

Table from_arrow(const arrow::Table& data, const TableMeta& table) {
  Table out = empty_table(table);
  const std::vector<int> positions = column_positions(*data.schema(), table);
  for (size_t c = 0; c < positions.size(); ++c) {
    Column& column = out.column(c);
    column.reserve(static_cast<size_t>(data.num_rows()));
    for (const auto& chunk : data.column(positions[c])->chunks())
      append_array(*chunk, column, ReadContext{table.name, table.columns[c].name, column.size()});
  }
  return out;
}

}  // namespace relsynth
