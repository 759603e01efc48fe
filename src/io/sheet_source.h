// What the spreadsheet sources (.xlsx, .ods, .xls) share: a sheet's cells collected into typed
// columns under its header row, the inference of column types from the cells' own kinds, and a
// Source over any workbook reader.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_types.h"
#include "relsynth/io.h"

namespace relsynth::sheet {

// What a cell holds. Temporal cells carry their value as ISO text ("2024-01-31",
// "2024-01-31 10:20:30.5", "10:20:30"), numbers as their decimal text, booleans as true/false.
enum class CellKind : uint8_t { Number, Bool, String, Date, DateTime, Time };

// A temporal cell's text (ISO layout, a fraction of a second only when there is one), and back.
std::string iso_temporal(int64_t value, DataType type);
std::optional<int64_t> parse_iso_temporal(std::string_view text, DataType type);

// "C7": the reference of a cell (0-based row and column).
std::string cell_reference(int64_t row, int64_t column);

// One column's cells under the header: a kind per row (meaningful where not NULL) and the texts.
struct SheetColumn {
  std::string name;
  int64_t sheet_column = 0;  // 0-based index in the sheet, for cell references
  std::vector<CellKind> kinds;
  csv::TextColumn texts;  // NULL = an empty cell (or an error value)
  std::string layout;     // the one layout its temporal cells show ("" none, or several)
  bool layout_seen = false;
};

struct ParsedSheet {
  std::vector<SheetColumn> columns;
  int64_t header_row = -1;  // 0-based sheet row of the header; -1 for an empty sheet
  size_t rows = 0;          // data rows (empty rows between data rows count, trailing ones not)
  std::vector<csv::InferredType> types;  // filled by describe()
  bool typed = false;

  size_t bytes() const;
};

// Collects a sheet's cells, given in row order (columns in any order within a row). The first
// row with a value is the header; empty cells need not be given.
class SheetBuilder {
 public:
  // `where` names the sheet in errors: 'table "t" (xlsx file "a.xlsx", sheet "t")'.
  explicit SheetBuilder(std::string where) : where_(std::move(where)) {}
  // `layout` (types.h) is how the sheet shows a temporal cell, when relsynth can say: a column
  // whose cells all show one layout keeps it as its format. It must outlive the builder.
  void cell(int64_t row, int64_t column, CellKind kind, std::string_view text,
            std::string_view layout = {});
  // A cell holding an error value (#N/A, #DIV/0!): read as NULL, reported once per sheet.
  void error_cell(int64_t row, int64_t column, std::string_view text);
  // A formula cell (its last computed value is given to cell()): reported once per sheet, with
  // those that hold none (written by a program that does not compute formulas: openpyxl).
  void formula_cell(int64_t row, int64_t column, bool has_value);
  // Merged cell ranges ("A1:B2"): their value is in the first cell, the others read as empty.
  void merged_range(std::string_view range);
  // The sheet; `notes` receives what was read other than asked (formulas, errors, merges).
  ParsedSheet finish(const std::function<void(const std::string&)>& notes);

 private:
  struct Cell {
    int64_t column;
    CellKind kind;
    bool error;
    std::string text;
    std::string_view layout;
  };
  void flush_row();
  void take_header();
  void take_data_row();

  std::string where_;
  ParsedSheet sheet_;
  std::vector<int32_t> column_of_;  // sheet column -> index in sheet_.columns, -1 = none
  int64_t row_ = -1;                // the row being collected
  std::vector<Cell> cells_;         // its cells
  int64_t last_data_row_ = -1;      // the sheet row of the last data row taken
  size_t formulas_ = 0, uncomputed_ = 0, errors_ = 0, merges_ = 0;
  std::string first_formula_, first_uncomputed_, first_error_, first_merge_;
};

// A workbook file read sheet by sheet (one per format).
class Workbook {
 public:
  virtual ~Workbook() = default;
  virtual std::string kind() const = 0;  // "xlsx"
  // "xlsx file "a.xlsx"": the file in error messages.
  virtual std::string what() const = 0;
  // The sheets' names in workbook order (the tables' names).
  virtual const std::vector<std::string>& sheets() = 0;
  // Streams sheet `index`'s cells into `builder`.
  virtual void read_sheet(size_t index, SheetBuilder& builder) = 0;
  // Streams every sheet's cells in one pass, into the builder `builder_for(index, name)` gives
  // as each sheet begins, for a format that holds all sheets in one stream (.ods); false when
  // the format reads sheet by sheet.
  virtual bool read_all_sheets(
      const std::function<SheetBuilder&(size_t index, const std::string& name)>&) {
    return false;
  }
  // The data rows relsynth recorded when it wrote the sheet (0 when it did not): rows of NULLs
  // at its end, which a sheet shows as nothing, are read back up to that count.
  virtual size_t declared_rows(size_t) const { return 0; }
};

// A Source over a workbook: a sheet is a table, its first row the column names; column types
// are inferred from the cells (see infer_sheet_type). Empty sheets are left out with a warning.
std::unique_ptr<Source> make_workbook_source(std::unique_ptr<Workbook> workbook,
                                             const SourceOptions& options);

// The type of a column from its cells: one kind throughout gives its type (numbers: Int64,
// Float64 or Decimal as their texts allow; dates and datetimes together: DateTime); text, and
// kinds mixed, are inferred from the texts as a CSV column is.
csv::InferredType infer_sheet_type(const SheetColumn& column);

}  // namespace relsynth::sheet
