#include "relsynth/error.h"

#include <cctype>

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

namespace {

// The name quote_name wrote at `at` (its opening quote), unescaped; npos in `end` when there is
// none.
std::string unquote_at(std::string_view text, size_t at, size_t& end) {
  std::string name;
  end = std::string_view::npos;
  if (at >= text.size() || text[at] != '"') return name;
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '"') {
      name += '"';
      ++i;
    } else if (text[i] == '"') {
      end = i + 1;
      return name;
    } else {
      name += text[i];
    }
  }
  return {};
}

}  // namespace

ErrorPlace find_location(std::string_view message) {
  ErrorPlace where;
  size_t end = std::string_view::npos;
  for (size_t at = message.find("table \""); at != std::string_view::npos;
       at = message.find("table \"", at + 1)) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(message[at - 1]))) continue;
    where.table = unquote_at(message, at + 6, end);
    if (end != std::string_view::npos) break;
  }
  if (end == std::string_view::npos) return {};
  if (message.substr(end, 10) == ", column \"") {
    size_t column_end = std::string_view::npos;
    std::string column = unquote_at(message, end + 9, column_end);
    if (column_end != std::string_view::npos) {
      where.column = std::move(column);
      end = column_end;
    }
  }
  if (message.substr(end, 6) == ", row ") {
    int64_t row = 0;
    size_t i = end + 6;
    for (; i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])); ++i)
      row = row * 10 + (message[i] - '0');
    if (i > end + 6 && row > 0) where.row = row - 1;
  }
  return where;
}

}  // namespace relsynth
