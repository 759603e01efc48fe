// What the .xlsx source and destination share: Excel's date serials, its limits, and the
// document property that marks a workbook relsynth wrote.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "relsynth/types.h"

namespace relsynth::xlsx {

// Excel's limits for one sheet (the header row counts as a row).
constexpr int64_t kMaxRows = 1048576;
constexpr int64_t kMaxColumns = 16384;
constexpr int64_t kMaxCellCharacters = 32767;
constexpr size_t kMaxSheetNameCharacters = 31;

// The custom document property (docProps/custom.xml) relsynth sets on the workbooks it writes:
// --overwrite replaces only a workbook that has it.
constexpr const char* kMarkerProperty = "relsynth-output";
// "relsynth-table-N": the table name of sheet N (1-based) when Excel's rules changed it.
std::string table_property(size_t sheet_number);
// "relsynth-rows-N": the number of data rows of sheet N, so that rows of NULLs at the end (which
// a sheet shows as nothing) are read back.
std::string rows_property(size_t sheet_number);

// The custom document properties of a workbook (docProps/custom.xml) as name -> text; empty
// when it has none or the file is not a readable workbook.
std::map<std::string, std::string> custom_properties(const std::string& path);

// A temporal value as an Excel serial (days since 1899-12-30, the day's fraction after the
// point; Excel's phantom 1900-02-29 counted), and back. `value` in the units of `type` (types.h);
// a Time is a fraction of a day.
double to_serial(int64_t value, DataType type);
int64_t from_serial(double serial, DataType type, bool date1904 = false);

// A temporal column's text layout (types.h: "%d/%m/%Y") as an Excel number format
// ("dd/mm/yyyy"), so the sheet shows dates as the source wrote them; "" when the layout has no
// Excel equivalent (the caller uses its default).
std::string excel_number_format(std::string_view layout);
// An Excel number format as a layout of `type`, so that a sheet's dates become text as it shows
// them; "" when the format has none (single-digit days, month names, two-digit years, AM/PM) or
// lacks a field the type needs.
std::string layout_of_number_format(std::string_view code, DataType type);

// Integers a double holds exactly: |value| <= 2^53.
constexpr int64_t kMaxExactInteger = int64_t{1} << 53;

}  // namespace relsynth::xlsx
