// The columnar in-memory database: Column, Table, Database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/types.h"

namespace relsynth {

// A typed column with a null bitmap. Only the value vector that matches the type is used;
// a null slot holds a default value (0, 0.0 or "") there.
class Column {
 public:
  Column() = default;
  Column(std::string name, DataType type, std::string format = {});

  const std::string& name() const { return name_; }
  DataType type() const { return type_; }
  // Text layout of temporal values in the source (see types.h); empty for other types.
  const std::string& format() const { return format_; }
  void set_format(std::string format) { format_ = std::move(format); }
  void rename(std::string name) { name_ = std::move(name); }

  size_t size() const { return size_; }
  bool is_null(size_t row) const { return !((valid_[row >> 6] >> (row & 63)) & 1u); }
  size_t null_count() const;

  int64_t int_at(size_t row) const { return ints_[row]; }
  double double_at(size_t row) const { return doubles_[row]; }
  const std::string& string_at(size_t row) const { return strings_[row]; }
  // Any non-null value as display text (temporal values in the column's format).
  std::string text_at(size_t row) const;
  // The value as a number: integers, dates and times in their integer units, decimals and
  // numeric text parsed; NaN for NULL, binary, and text that is not a number.
  double number_at(size_t row) const;

  void append_null();
  void append_int(int64_t value);
  void append_double(double value);
  void append_string(std::string_view value);
  void append_string(std::string&& value);
  void append_string(const char* value) { append_string(std::string_view(value)); }
  // Appends row `row` of `other`, which must have the same type.
  void append_from(const Column& other, size_t row);
  void set_null(size_t row);
  // Replace the value of an existing row (which becomes non-NULL).
  void set_int(size_t row, int64_t value);
  void set_double(size_t row, double value);
  void set_string(size_t row, std::string value);
  // Copies row `from_row` of `other` (same type) over row `row`.
  void set_from(size_t row, const Column& other, size_t from_row);
  void reserve(size_t rows);
  void clear();

  // Raw storage, for fast loops in models and writers.
  const std::vector<int64_t>& ints() const { return ints_; }
  const std::vector<double>& doubles() const { return doubles_; }
  const std::vector<std::string>& strings() const { return strings_; }

  // Dictionary encoding of a string-like column: codes[i] indexes values, -1 for NULL.
  // Values are in order of first appearance.
  struct Dictionary {
    std::vector<int32_t> codes;
    std::vector<std::string> values;
  };
  Dictionary dictionary_encode() const;

  bool operator==(const Column& other) const;  // same name, type, format, nulls and values

 private:
  void push_valid(bool valid);

  std::string name_;
  DataType type_ = DataType::String;
  std::string format_;
  size_t size_ = 0;
  std::vector<uint64_t> valid_;  // bit i set = row i is not NULL
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<std::string> strings_;
};

class Table {
 public:
  Table() = default;
  explicit Table(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  size_t num_rows() const { return columns_.empty() ? 0 : columns_.front().size(); }
  size_t num_columns() const { return columns_.size(); }

  Column& add_column(Column column);
  Column& column(size_t index) { return columns_[index]; }
  const Column& column(size_t index) const { return columns_[index]; }
  // Throws InputError naming the table when there is no such column.
  Column& column(std::string_view name);
  const Column& column(std::string_view name) const;
  const Column* find_column(std::string_view name) const;
  int column_index(std::string_view name) const;  // -1 when absent
  std::vector<Column>& columns() { return columns_; }
  const std::vector<Column>& columns() const { return columns_; }

  // Copies of some rows: [begin, end), or those whose `keep` flag is set.
  Table slice(size_t begin, size_t end) const;
  Table filter(const std::vector<bool>& keep) const;

  bool operator==(const Table& other) const = default;

 private:
  std::string name_;
  std::vector<Column> columns_;
};

class Database {
 public:
  Table& add_table(Table table);
  // Throws InputError when there is no such table.
  Table& table(std::string_view name);
  const Table& table(std::string_view name) const;
  const Table* find_table(std::string_view name) const;
  Table* find_table(std::string_view name);
  std::vector<Table>& tables() { return tables_; }
  const std::vector<Table>& tables() const { return tables_; }
  size_t total_rows() const;

 private:
  std::vector<Table> tables_;
};

}  // namespace relsynth
