#include "relsynth/error.h"

namespace relsynth {

std::string quote_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string locate(std::string_view table, std::string_view column, int64_t row) {
  std::string out;
  auto add = [&out](const std::string& part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  if (!table.empty()) add("table " + quote_name(table));
  if (!column.empty()) add("column " + quote_name(column));
  if (row >= 0) add("row " + std::to_string(row + 1));
  return out;
}

}  // namespace relsynth
