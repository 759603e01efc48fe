#include "relsynth/table.h"

#include <charconv>
#include <limits>
#include <unordered_map>

#include "relsynth/error.h"

namespace relsynth {

Column::Column(std::string name, DataType type, std::string format)
    : name_(std::move(name)), type_(type), format_(std::move(format)) {}

void Column::push_valid(bool valid) {
  if ((size_ & 63) == 0) valid_.push_back(0);
  if (valid) valid_.back() |= uint64_t{1} << (size_ & 63);
  ++size_;
}

size_t Column::null_count() const {
  size_t valid = 0;
  for (uint64_t word : valid_) valid += static_cast<size_t>(__builtin_popcountll(word));
  return size_ - valid;
}

void Column::append_null() {
  if (holds_integers(type_))
    ints_.push_back(0);
  else if (type_ == DataType::Float64)
    doubles_.push_back(0.0);
  else
    strings_.emplace_back();
  push_valid(false);
}

void Column::append_int(int64_t value) {
  ints_.push_back(value);
  push_valid(true);
}

void Column::append_double(double value) {
  doubles_.push_back(value);
  push_valid(true);
}

void Column::append_string(std::string_view value) {
  strings_.emplace_back(value);
  push_valid(true);
}

void Column::append_string(std::string&& value) {
  strings_.push_back(std::move(value));
  push_valid(true);
}

void Column::append_from(const Column& other, size_t row) {
  if (other.is_null(row)) return append_null();
  if (holds_integers(type_))
    append_int(other.ints_[row]);
  else if (type_ == DataType::Float64)
    append_double(other.doubles_[row]);
  else
    append_string(other.strings_[row]);
}

void Column::set_null(size_t row) {
  valid_[row >> 6] &= ~(uint64_t{1} << (row & 63));
  if (holds_integers(type_))
    ints_[row] = 0;
  else if (type_ == DataType::Float64)
    doubles_[row] = 0.0;
  else
    strings_[row].clear();
}

void Column::set_int(size_t row, int64_t value) {
  valid_[row >> 6] |= uint64_t{1} << (row & 63);
  ints_[row] = value;
}

void Column::set_double(size_t row, double value) {
  valid_[row >> 6] |= uint64_t{1} << (row & 63);
  doubles_[row] = value;
}

void Column::set_string(size_t row, std::string value) {
  valid_[row >> 6] |= uint64_t{1} << (row & 63);
  strings_[row] = std::move(value);
}

void Column::set_from(size_t row, const Column& other, size_t from_row) {
  if (other.is_null(from_row)) return set_null(row);
  if (holds_integers(type_))
    set_int(row, other.ints_[from_row]);
  else if (type_ == DataType::Float64)
    set_double(row, other.doubles_[from_row]);
  else
    set_string(row, other.strings_[from_row]);
}

void Column::reserve(size_t rows) {
  valid_.reserve((rows + 63) / 64);
  if (holds_integers(type_))
    ints_.reserve(rows);
  else if (type_ == DataType::Float64)
    doubles_.reserve(rows);
  else
    strings_.reserve(rows);
}

void Column::clear() {
  size_ = 0;
  valid_.clear();
  ints_.clear();
  doubles_.clear();
  strings_.clear();
}

double Column::number_at(size_t row) const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (is_null(row) || type_ == DataType::Binary) return kNaN;
  if (type_ == DataType::Float64) return doubles_[row];
  if (holds_integers(type_)) return static_cast<double>(ints_[row]);
  const std::string& text = strings_[row];
  const char* begin = text.data();
  const char* end = begin + text.size();
  while (begin < end && *begin == ' ') ++begin;
  if (begin < end && *begin == '+') ++begin;
  double value = kNaN;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  return ec == std::errc() && ptr == end && begin < end ? value : kNaN;
}

std::string Column::text_at(size_t row) const {
  if (is_null(row)) return {};
  switch (type_) {
    case DataType::Int64:
      return std::to_string(ints_[row]);
    case DataType::Bool:
      return ints_[row] ? "true" : "false";
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      return format_temporal(ints_[row], type_, format_);
    case DataType::Float64: {
      char buffer[32];
      auto result = std::to_chars(buffer, buffer + sizeof buffer, doubles_[row]);
      return std::string(buffer, result.ptr);
    }
    default:
      return strings_[row];
  }
}

Column::Dictionary Column::dictionary_encode() const {
  Dictionary dictionary;
  dictionary.codes.reserve(size_);
  std::unordered_map<std::string_view, int32_t> index;
  for (size_t row = 0; row < size_; ++row) {
    if (is_null(row)) {
      dictionary.codes.push_back(-1);
      continue;
    }
    std::string_view value = strings_[row];
    auto [it, inserted] = index.emplace(value, static_cast<int32_t>(dictionary.values.size()));
    if (inserted) dictionary.values.emplace_back(value);
    dictionary.codes.push_back(it->second);
  }
  return dictionary;
}

bool Column::operator==(const Column& other) const {
  if (name_ != other.name_ || type_ != other.type_ || format_ != other.format_ ||
      size_ != other.size_)
    return false;
  for (size_t row = 0; row < size_; ++row) {
    if (is_null(row) != other.is_null(row)) return false;
    if (is_null(row)) continue;
    if (holds_integers(type_) ? ints_[row] != other.ints_[row]
        : type_ == DataType::Float64
            ? !(doubles_[row] == other.doubles_[row] ||
                (doubles_[row] != doubles_[row] && other.doubles_[row] != other.doubles_[row]))
            : strings_[row] != other.strings_[row])
      return false;
  }
  return true;
}

Column& Table::add_column(Column column) {
  columns_.push_back(std::move(column));
  return columns_.back();
}

int Table::column_index(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name() == name) return static_cast<int>(i);
  return -1;
}

const Column* Table::find_column(std::string_view name) const {
  int index = column_index(name);
  return index < 0 ? nullptr : &columns_[index];
}

const Column& Table::column(std::string_view name) const {
  const Column* found = find_column(name);
  if (!found) throw InputError(locate(name_, name) + ": no such column");
  return *found;
}

Column& Table::column(std::string_view name) {
  return const_cast<Column&>(static_cast<const Table&>(*this).column(name));
}

Table Table::slice(size_t begin, size_t end) const {
  Table out(name_);
  for (const Column& column : columns_) {
    Column part(column.name(), column.type(), column.format());
    part.reserve(end - begin);
    for (size_t row = begin; row < end; ++row) part.append_from(column, row);
    out.add_column(std::move(part));
  }
  return out;
}

Table Table::filter(const std::vector<bool>& keep) const {
  Table out(name_);
  for (const Column& column : columns_) {
    Column part(column.name(), column.type(), column.format());
    for (size_t row = 0; row < column.size(); ++row)
      if (keep[row]) part.append_from(column, row);
    out.add_column(std::move(part));
  }
  return out;
}

Table& Database::add_table(Table table) {
  tables_.push_back(std::move(table));
  return tables_.back();
}

const Table* Database::find_table(std::string_view name) const {
  for (const Table& table : tables_)
    if (table.name() == name) return &table;
  return nullptr;
}

Table* Database::find_table(std::string_view name) {
  return const_cast<Table*>(static_cast<const Database&>(*this).find_table(name));
}

const Table& Database::table(std::string_view name) const {
  const Table* found = find_table(name);
  if (!found) throw InputError(locate(name) + ": no such table");
  return *found;
}

Table& Database::table(std::string_view name) {
  return const_cast<Table&>(static_cast<const Database&>(*this).table(name));
}

size_t Database::total_rows() const {
  size_t rows = 0;
  for (const Table& table : tables_) rows += table.num_rows();
  return rows;
}

}  // namespace relsynth
