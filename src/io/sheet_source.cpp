// A sheet's cells into typed columns, and the Source over a workbook reader.
#include "io/sheet_source.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "relsynth/error.h"

namespace relsynth::sheet {

namespace {

// Parsed sheets kept between describe() and read_table() up to this many bytes, so that each is
// parsed once; larger workbooks are parsed again when read.
constexpr size_t kCacheLimit = size_t{1} << 30;

bool is_temporal_kind(CellKind kind) {
  return kind == CellKind::Date || kind == CellKind::DateTime || kind == CellKind::Time;
}

DataType type_of_kind(CellKind kind) {
  switch (kind) {
    case CellKind::Date:
      return DataType::Date;
    case CellKind::DateTime:
      return DataType::DateTime;
    case CellKind::Time:
      return DataType::Time;
    case CellKind::Bool:
      return DataType::Bool;
    case CellKind::Number:
      return DataType::Float64;
    case CellKind::String:
      break;
  }
  return DataType::String;
}

}  // namespace

std::string iso_temporal(int64_t value, DataType type) { return format_temporal(value, type, {}); }

std::optional<int64_t> parse_iso_temporal(std::string_view text, DataType type) {
  const bool fraction = text.find('.') != std::string_view::npos;
  const char* format = type == DataType::Date ? "%Y-%m-%d"
                       : type == DataType::Time
                           ? (fraction ? "%H:%M:%S.%6f" : "%H:%M:%S")
                           : (fraction ? "%Y-%m-%d %H:%M:%S.%6f" : "%Y-%m-%d %H:%M:%S");
  return parse_temporal(text, type, format);
}

std::string cell_reference(int64_t row, int64_t column) {
  std::string letters;
  for (int64_t n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters + std::to_string(row + 1);
}

size_t ParsedSheet::bytes() const {
  size_t total = 0;
  for (const SheetColumn& column : columns) total += column.texts.bytes() + column.kinds.capacity();
  return total;
}

void SheetBuilder::cell(int64_t row, int64_t column, CellKind kind, std::string_view text,
                        std::string_view layout) {
  if (row != row_) flush_row();
  row_ = row;
  cells_.push_back({column, kind, false, std::string(text), layout});
}

void SheetBuilder::error_cell(int64_t row, int64_t column, std::string_view text) {
  if (row != row_) flush_row();
  row_ = row;
  if (errors_++ == 0) first_error_ = cell_reference(row, column) + " (" + std::string(text) + ")";
  cells_.push_back({column, CellKind::String, true, {}, {}});
}

void SheetBuilder::formula_cell(int64_t row, int64_t column, bool has_value) {
  if (formulas_++ == 0) first_formula_ = cell_reference(row, column);
  if (!has_value && uncomputed_++ == 0) first_uncomputed_ = cell_reference(row, column);
}

void SheetBuilder::merged_range(std::string_view range) {
  if (merges_++ == 0) first_merge_ = std::string(range);
}

void SheetBuilder::flush_row() {
  if (cells_.empty()) return;
  std::sort(cells_.begin(), cells_.end(),
            [](const Cell& a, const Cell& b) { return a.column < b.column; });
  if (sheet_.header_row < 0)
    take_header();
  else
    take_data_row();
  cells_.clear();
}

void SheetBuilder::take_header() {
  sheet_.header_row = row_;
  std::map<std::string, int64_t> seen;
  for (const Cell& cell : cells_) {
    const std::string reference = cell_reference(row_, cell.column);
    if (cell.error || cell.text.empty())
      throw InputError(where_ + ", cell " + reference +
                       ": the header row holds no column name there");
    if (auto [it, fresh] = seen.emplace(cell.text, cell.column); !fresh)
      throw InputError(where_ + ", cell " + reference + ": duplicate column name " +
                       quote_name(cell.text) + " (also in cell " +
                       cell_reference(row_, it->second) + ")");
    if (cell.column >= static_cast<int64_t>(column_of_.size()))
      column_of_.resize(static_cast<size_t>(cell.column) + 1, -1);
    column_of_[static_cast<size_t>(cell.column)] = static_cast<int32_t>(sheet_.columns.size());
    SheetColumn column;
    column.name = cell.text;
    column.sheet_column = cell.column;
    sheet_.columns.push_back(std::move(column));
  }
}

void SheetBuilder::take_data_row() {
  // Empty rows between data rows are rows of NULLs; trailing ones are never taken.
  const int64_t previous = last_data_row_ < 0 ? sheet_.header_row : last_data_row_;
  for (int64_t gap = previous + 1; gap < row_; ++gap) {
    for (SheetColumn& column : sheet_.columns) {
      column.kinds.push_back(CellKind::String);
      column.texts.append({}, true);
    }
    ++sheet_.rows;
  }
  size_t next = 0;  // the next column of sheet_.columns to fill
  auto fill_nulls_to = [&](size_t end) {
    for (; next < end; ++next) {
      sheet_.columns[next].kinds.push_back(CellKind::String);
      sheet_.columns[next].texts.append({}, true);
    }
  };
  for (const Cell& cell : cells_) {
    const int32_t index = cell.column < static_cast<int64_t>(column_of_.size())
                              ? column_of_[static_cast<size_t>(cell.column)]
                              : -1;
    if (index < 0) {
      if (cell.error || cell.text.empty()) continue;
      const std::string reference = cell_reference(row_, cell.column);
      throw InputError(where_ + ", cell " + reference + ": a value in column " +
                       reference.substr(0, reference.find_first_of("0123456789")) +
                       ", which has no name in the header row (row " +
                       std::to_string(sheet_.header_row + 1) + ")");
    }
    if (static_cast<size_t>(index) < next) continue;  // the same cell twice: the first counts
    fill_nulls_to(static_cast<size_t>(index));
    SheetColumn& column = sheet_.columns[next++];
    if (is_temporal_kind(cell.kind) && !cell.error) {
      if (!column.layout_seen) column.layout = cell.layout;
      if (column.layout_seen && column.layout != cell.layout) column.layout.clear();
      column.layout_seen = true;
    }
    column.kinds.push_back(cell.kind);
    column.texts.append(cell.text, cell.error);
  }
  fill_nulls_to(sheet_.columns.size());
  ++sheet_.rows;
  last_data_row_ = row_;
}

ParsedSheet SheetBuilder::finish(const std::function<void(const std::string&)>& notes) {
  flush_row();
  if (formulas_)
    notes(where_ + ": " + std::to_string(formulas_) + " formula cell" + (formulas_ > 1 ? "s" : "") +
          " (the first in " + first_formula_ + "): their last computed values are read" +
          (uncomputed_ ? "; " + std::to_string(uncomputed_) + " of them (the first in " +
                             first_uncomputed_ +
                             ") hold none, as the program that wrote the file did not compute "
                             "them: they are NULL (open and save the file in Excel or "
                             "LibreOffice to compute them)"
                       : std::string()));
  if (errors_)
    notes(where_ + ": " + std::to_string(errors_) + " cell" + (errors_ > 1 ? "s" : "") +
          " holding an error value (the first in " + first_error_ + ") read as NULL");
  if (merges_)
    notes(where_ + ": " + std::to_string(merges_) + " merged range" + (merges_ > 1 ? "s" : "") +
          " (the first " + first_merge_ +
          "): the value is read into the first cell, the others are NULL");
  return std::move(sheet_);
}

namespace {

// Whether some text of the column has more significant digits than any double's shortest form
// (17): a decimal written as exact text (ODF's office:value, openpyxl's Decimal).
bool beyond_a_double(const SheetColumn& column) {
  for (size_t row = 0; row < column.texts.size(); ++row) {
    if (column.texts.is_null(row)) continue;
    size_t digits = 0;
    bool leading = true;
    for (char c : column.texts.at(row)) {
      if (c == 'e' || c == 'E') break;
      if (c < '0' || c > '9' || (leading && c == '0')) continue;
      leading = false;
      ++digits;
    }
    if (digits > 17) return true;
  }
  return false;
}

// Whether every number of the column is a whole one that a double holds exactly (|v| <= 2^53).
bool whole_numbers(const SheetColumn& column) {
  for (size_t row = 0; row < column.texts.size(); ++row) {
    if (column.texts.is_null(row)) continue;
    const auto value = csv::parse_double(column.texts.at(row));
    if (!value || *value != std::trunc(*value) || std::fabs(*value) > 9007199254740992.0)
      return false;
  }
  return true;
}

}  // namespace

csv::InferredType infer_sheet_type(const SheetColumn& column) {
  bool any = false, all_bool = true, all_number = true, any_time = false, any_date = false,
       all_temporal = true;
  for (size_t row = 0; row < column.texts.size(); ++row) {
    if (column.texts.is_null(row)) continue;
    const CellKind kind = column.kinds[row];
    any = true;
    all_bool &= kind == CellKind::Bool;
    all_number &= kind == CellKind::Number;
    all_temporal &= is_temporal_kind(kind);
    any_time |= kind == CellKind::Time;
    any_date |= kind == CellKind::Date;
  }
  if (!any) return {DataType::String, {}};
  if (all_bool) return {DataType::Bool, {}};
  if (all_temporal && any_time) {
    // Times of day only; mixed with dates they have no common type but text.
    const bool only_times =
        !any_date && std::all_of(column.kinds.begin(), column.kinds.end(),
                                 [](CellKind k) { return k != CellKind::DateTime; });
    return {only_times ? DataType::Time : DataType::String,
            only_times ? column.layout : std::string()};
  }
  if (all_temporal) {
    // Dates only stay dates; any datetime makes the column one (with the ISO layout: a layout
    // is one kind's).
    bool dates = false, datetimes = false;
    for (size_t row = 0; row < column.texts.size(); ++row)
      if (!column.texts.is_null(row))
        (column.kinds[row] == CellKind::DateTime ? datetimes : dates) = true;
    if (datetimes) return {DataType::DateTime, dates ? std::string() : column.layout};
    return {DataType::Date, column.layout};
  }
  csv::InferredType inferred = csv::infer_type(column.texts);
  if (all_number && inferred.type != DataType::Int64 &&
      !(inferred.type == DataType::Decimal && beyond_a_double(column)))
    // A spreadsheet's number is a double, never a date; whole ones however written ("25",
    // "2.5E1", "25.0": a sheet shows them alike) are integers.
    inferred = {whole_numbers(column) ? DataType::Int64 : DataType::Float64, {}};
  return inferred;
}

namespace {

class WorkbookSource : public Source {
 public:
  WorkbookSource(std::unique_ptr<Workbook> workbook, const SourceOptions& options)
      : workbook_(std::move(workbook)), options_(options) {}

  std::string kind() const override { return workbook_->kind(); }

  Metadata describe() override {
    Metadata metadata;
    metadata.keys_declared = false;
    // Sheets parsed in one pass when the format holds them in one stream.
    std::vector<std::unique_ptr<SheetBuilder>> builders;
    std::vector<ParsedSheet> all;
    if (cache_.empty() &&
        workbook_->read_all_sheets([&](size_t index, const std::string& name) -> SheetBuilder& {
          if (builders.size() <= index) builders.resize(index + 1);
          builders[index] = std::make_unique<SheetBuilder>(where(name));
          return *builders[index];
        }))
      for (size_t index = 0; index < builders.size(); ++index)
        all.push_back(finish(index, *builders[index]));
    const std::vector<std::string>& sheets = workbook_->sheets();
    for (size_t index = 0; index < sheets.size(); ++index) {
      ParsedSheet local;
      ParsedSheet* parsed = cached(sheets[index]);
      if (!parsed) {
        local = index < all.size() ? std::move(all[index]) : parse(index);
        parsed = &local;
      }
      if (parsed->header_row < 0) {
        warn(locate(sheets[index]) + " (" + workbook_->what() + ", sheet " +
             quote_name(sheets[index]) + ") is empty and left out");
        continue;
      }
      if (!parsed->typed) {
        for (const SheetColumn& column : parsed->columns)
          parsed->types.push_back(infer_sheet_type(column));
        parsed->typed = true;
      }
      TableMeta table;
      table.name = sheets[index];
      table.row_count = static_cast<int64_t>(parsed->rows);
      for (size_t i = 0; i < parsed->columns.size(); ++i) {
        ColumnMeta column;
        column.name = parsed->columns[i].name;
        column.type = parsed->types[i].type;
        column.format = parsed->types[i].format;
        column.nullable = true;
        table.columns.push_back(std::move(column));
      }
      metadata.tables.push_back(std::move(table));
      if (parsed == &local && cache_bytes_ + local.bytes() <= kCacheLimit) {
        cache_bytes_ += local.bytes();
        cache_.emplace(sheets[index], std::move(local));
      }
    }
    return metadata;
  }

  Table read_table(const TableMeta& meta) override {
    const std::vector<std::string>& sheets = workbook_->sheets();
    const auto found = std::find(sheets.begin(), sheets.end(), meta.name);
    if (found == sheets.end())
      throw InputError(locate(meta.name) + ": no sheet of that name in " + workbook_->what());
    ParsedSheet parsed;
    if (auto it = cache_.find(meta.name); it != cache_.end()) {
      cache_bytes_ -= it->second.bytes();
      parsed = std::move(it->second);
      cache_.erase(it);
    } else {
      parsed = parse(static_cast<size_t>(found - sheets.begin()));
    }
    Table table(meta.name);
    for (const ColumnMeta& column_meta : meta.columns) {
      const auto column =
          std::find_if(parsed.columns.begin(), parsed.columns.end(),
                       [&](const SheetColumn& c) { return c.name == column_meta.name; });
      if (column == parsed.columns.end())
        throw InputError(locate(meta.name, column_meta.name) + ": no such column in sheet " +
                         quote_name(meta.name) + " of " + workbook_->what());
      table.add_column(convert(parsed, *column, column_meta, meta.name));
      column->texts.release();  // converted: free its text as we go
    }
    return table;
  }

 private:
  ParsedSheet* cached(const std::string& name) {
    auto it = cache_.find(name);
    return it == cache_.end() ? nullptr : &it->second;
  }

  void warn(const std::string& message) const {
    if (options_.on_warning)
      options_.on_warning(message);
    else
      std::fprintf(stderr, "warning: %s\n", message.c_str());
  }

  // 'table "t" (xlsx file "a.xlsx", sheet "t")': a sheet in errors.
  std::string where(const std::string& name) const {
    return locate(name) + " (" + workbook_->what() + ", sheet " + quote_name(name) + ")";
  }

  ParsedSheet parse(size_t index) {
    SheetBuilder builder(where(workbook_->sheets()[index]));
    workbook_->read_sheet(index, builder);
    return finish(index, builder);
  }

  // The builder's sheet, with the rows of NULLs relsynth recorded at its end.
  ParsedSheet finish(size_t index, SheetBuilder& builder) {
    // Notes are given once, when describe() first parses the sheet.
    const bool first = noted_.insert(workbook_->sheets()[index]).second;
    ParsedSheet parsed = builder.finish([&](const std::string& note) {
      if (first) warn(note);
    });
    if (parsed.header_row >= 0)
      for (; parsed.rows < workbook_->declared_rows(index); ++parsed.rows)
        for (SheetColumn& column : parsed.columns) {
          column.kinds.push_back(CellKind::String);
          column.texts.append({}, true);
        }
    return parsed;
  }

  Column convert(const ParsedSheet& parsed, const SheetColumn& cells, const ColumnMeta& meta,
                 const std::string& table_name) const {
    Column column(meta.name, meta.type, is_temporal(meta.type) ? meta.format : std::string());
    column.reserve(cells.texts.size());
    auto bad = [&](size_t row, std::string_view what) {
      throw InputError(
          locate(table_name, meta.name, static_cast<int64_t>(row)) + " (" + workbook_->what() +
          ", sheet " + quote_name(table_name) + ", cell " +
          cell_reference(parsed.header_row + 1 + static_cast<int64_t>(row), cells.sheet_column) +
          "): cannot read " + quote_name(cells.texts.at(row)) + " as " + std::string(what));
    };
    for (size_t row = 0; row < cells.texts.size(); ++row) {
      if (cells.texts.is_null(row)) {
        column.append_null();
        continue;
      }
      const std::string_view text = cells.texts.at(row);
      const CellKind kind = cells.kinds[row];
      switch (meta.type) {
        case DataType::Int64:
          if (auto value = csv::parse_int(text)) {
            column.append_int(*value);
          } else if (kind == CellKind::Bool) {
            column.append_int(text == "true");
          } else if (auto number = csv::parse_double(text);
                     number && *number == std::trunc(*number) && std::fabs(*number) < 9.2e18) {
            column.append_int(static_cast<int64_t>(*number));
          } else {
            bad(row, "an integer");
          }
          break;
        case DataType::Float64:
          if (auto value = csv::parse_double(text))
            column.append_double(*value);
          else if (kind == CellKind::Bool)
            column.append_double(text == "true");
          else
            bad(row, "a number");
          break;
        case DataType::Decimal:
          if (csv::is_decimal_text(text)) {
            column.append_string(text);
          } else if (auto value = csv::parse_double(text)) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.15g", *value);
            column.append_string(buffer);
          } else {
            bad(row, "a decimal number");
          }
          break;
        case DataType::Bool:
          if (auto value = csv::parse_bool(text))
            column.append_int(*value);
          else if (auto number = csv::parse_double(text); number && (*number == 0 || *number == 1))
            column.append_int(*number == 1);
          else
            bad(row, "a boolean (true/false)");
          break;
        case DataType::Date:
        case DataType::DateTime:
        case DataType::Time:
          if (is_temporal_kind(kind)) {
            const DataType own = type_of_kind(kind);
            if (auto value = parse_iso_temporal(text, own))
              column.append_int(convert_temporal(*value, own, meta.type));
            else
              bad(row, std::string(to_string(meta.type)));
          } else if (auto value = parse_temporal(text, meta.type, meta.format)) {
            column.append_int(*value);
          } else {
            bad(row, std::string(to_string(meta.type)) +
                         (meta.format.empty() ? "" : " in format " + quote_name(meta.format)));
          }
          break;
        case DataType::Binary:
          column.append_string(csv::parse_binary(text));
          break;
        case DataType::String:
          column.append_string(text);
          break;
      }
    }
    return column;
  }

  std::unique_ptr<Workbook> workbook_;
  SourceOptions options_;
  std::unordered_map<std::string, ParsedSheet> cache_;
  size_t cache_bytes_ = 0;
  std::set<std::string> noted_;
};

}  // namespace

std::unique_ptr<Source> make_workbook_source(std::unique_ptr<Workbook> workbook,
                                             const SourceOptions& options) {
  return std::make_unique<WorkbookSource>(std::move(workbook), options);
}

}  // namespace relsynth::sheet
