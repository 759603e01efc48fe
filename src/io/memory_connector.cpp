#include "io/memory_connector.h"

#include "io/csv_types.h"
#include "io/row_selection.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

// Appends `text` parsed as `column`'s type; false when it is no such value.
bool append_parsed(Column& column, std::string_view text) {
  switch (column.type()) {
    case DataType::Int64:
      if (auto value = csv::parse_int(text)) return column.append_int(*value), true;
      return false;
    case DataType::Float64:
      if (auto value = csv::parse_double(text)) return column.append_double(*value), true;
      return false;
    case DataType::Bool:
      if (auto value = csv::parse_bool(text)) return column.append_int(*value ? 1 : 0), true;
      return false;
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      if (auto value = parse_temporal(text, column.type(), column.format()))
        return column.append_int(*value), true;
      return false;
    case DataType::Decimal:
      if (!csv::is_decimal_text(text)) return false;
      column.append_string(text);
      return true;
    case DataType::Binary:
    case DataType::String:
      column.append_string(text);
      return true;
  }
  return false;
}

class MemorySource : public Source {
 public:
  MemorySource(Metadata declared, Database data)
      : declared_(std::move(declared)), data_(std::move(data)) {}

  std::string kind() const override { return "memory"; }
  Metadata describe() override { return declared_; }

  Table read_table(const TableMeta& meta) override {
    const Table& stored = data_.table(meta.name);
    Table out(meta.name);
    for (const ColumnMeta& column : meta.columns) {
      const Column* found = stored.find_column(column.name);
      if (!found) throw InputError(locate(meta.name, column.name) + " is not in the data");
      if (found->type() == column.type) {
        Column copy = *found;
        if (!column.format.empty()) copy.set_format(column.format);
        out.add_column(std::move(copy));
      } else {
        out.add_column(retyped(meta.name, *found, column));
      }
    }
    return out;
  }

 private:
  // The column as another storage type: a date as a datetime (and back) directly, any other
  // value through its text (a string column that holds dates).
  static Column retyped(const std::string& table, const Column& from, const ColumnMeta& to) {
    Column out(to.name, to.type, to.format);
    out.reserve(from.size());
    const bool calendars = is_calendar(from.type()) && is_calendar(to.type);
    for (size_t row = 0; row < from.size(); ++row) {
      if (from.is_null(row)) {
        out.append_null();
        continue;
      }
      if (calendars) {
        out.append_int(convert_temporal(from.int_at(row), from.type(), to.type));
        continue;
      }
      if (!append_parsed(out, from.text_at(row)))
        throw InputError(locate(table, to.name, static_cast<int64_t>(row)) + ": " +
                         quote_name(from.text_at(row)) + " is not a " +
                         std::string(to_string(to.type)));
    }
    return out;
  }

  Metadata declared_;
  Database data_;
};

}  // namespace

std::unique_ptr<Source> make_memory_source(Metadata declared, Database data) {
  return std::make_unique<MemorySource>(std::move(declared), std::move(data));
}

Metadata with_types_of(Metadata declared, const Metadata& wanted) {
  if (!wanted.storage_types_known) return declared;  // SDV's: the data's own types stand
  for (TableMeta& table : declared.tables) {
    const TableMeta* given = wanted.find_table(table.name);
    if (!given) continue;
    for (ColumnMeta& column : table.columns) {
      const ColumnMeta* typed = given->find_column(column.name);
      if (!typed || typed->type == column.type) continue;
      column.type = typed->type;
      column.format = typed->format;
      column.sql_type = typed->sql_type;
    }
  }
  return declared;
}

void MemoryDestination::begin(const Metadata& metadata) {
  metadata_ = metadata;
  data_ = Database();
  committed_ = false;
  for (const TableMeta& table : metadata.tables) data_.add_table(empty_table(table));
}

void MemoryDestination::append(const TableMeta& table, const Table& rows) {
  Table& into = data_.table(table.name);
  for (size_t c = 0; c < into.num_columns(); ++c) {
    Column& column = into.column(c);
    const Column& from = rows.column(c);
    column.reserve(column.size() + from.size());
    for (size_t row = 0; row < from.size(); ++row) column.append_from(from, row);
  }
}

}  // namespace relsynth
