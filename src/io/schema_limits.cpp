#include "io/schema_limits.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/text.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

std::string folded(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

void check_schema_limits(const Metadata& metadata, const SchemaLimits& limits) {
  const std::string unit = limits.name_in_bytes ? " bytes" : " characters";
  auto too_long = [&](const std::string& name) {
    return (limits.name_in_bytes ? name.size() : utf8_length(name)) > limits.max_name;
  };
  const std::string advice = " (rename it in the source, or write to another kind of destination)";
  for (const TableMeta& table : metadata.tables) {
    if (too_long(table.name))
      throw InputError(locate(table.name) + ": " + limits.server + " keeps names of at most " +
                       std::to_string(limits.max_name) + unit + advice);
    if (table.columns.size() > limits.max_columns)
      throw InputError(locate(table.name) + ": " + std::to_string(table.columns.size()) +
                       " columns, " + limits.server + " takes at most " +
                       std::to_string(limits.max_columns) + " in a table" + advice);
    std::map<std::string, std::string> seen;  // folded name -> the column's own
    for (const ColumnMeta& column : table.columns) {
      if (too_long(column.name))
        throw InputError(locate(table.name, column.name) + ": " + limits.server +
                         " keeps names of at most " + std::to_string(limits.max_name) + unit +
                         advice);
      if (!limits.columns_ignore_case) continue;
      const auto [it, added] = seen.emplace(folded(column.name), column.name);
      if (!added)
        throw InputError(locate(table.name, column.name) + ": " + limits.server +
                         " takes it for the same column as \"" + it->second +
                         "\" (column names ignore case there)" + advice);
    }
  }
}

}  // namespace relsynth
