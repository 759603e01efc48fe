#include "runs/fingerprint.h"

#include <cstdio>
#include <cstring>
#include <set>

#include "core/random.h"

namespace relsynth::runs {

namespace {

// Two independent 64-bit lanes over 8-byte words, the length mixed in at the end.
struct Hash128 {
  uint64_t a = 0x243f6a8885a308d3ULL, b = 0x13198a2e03707344ULL;
  uint64_t length = 0;

  void word(uint64_t w) {
    a = mix64(a ^ (w + 0x9e3779b97f4a7c15ULL));
    b = mix64(b + w * 0xbf58476d1ce4e5b9ULL + 0x94d049bb133111ebULL);
    ++length;
  }
  void bytes(std::string_view text) {
    size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
      uint64_t w;
      std::memcpy(&w, text.data() + at, 8);
      word(w);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, text.data() + at, text.size() - at);
    word(tail ^ (static_cast<uint64_t>(text.size()) << 56));
  }
  std::pair<uint64_t, uint64_t> finish() const {
    return {mix64(a ^ length), mix64(b + length * 0x2545f4914f6cdd1dULL)};
  }
};

std::string hex(std::pair<uint64_t, uint64_t> value) {
  char text[33];
  std::snprintf(text, sizeof(text), "%016llx%016llx", static_cast<unsigned long long>(value.first),
                static_cast<unsigned long long>(value.second));
  return text;
}

// One value of a row: its type's bits or bytes, NULL apart from every value.
void add_value(Hash128& hash, const Column& column, size_t row) {
  if (column.is_null(row)) {
    hash.word(0x6e756c6cULL);
    return;
  }
  hash.word(static_cast<uint64_t>(column.type()) + 1);
  switch (column.type()) {
    case DataType::Int64:
    case DataType::Bool:
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      hash.word(static_cast<uint64_t>(column.int_at(row)));
      break;
    case DataType::Float64: {
      uint64_t bits;
      const double value = column.double_at(row);
      std::memcpy(&bits, &value, 8);
      hash.word(bits);
      break;
    }
    default:
      hash.bytes(column.string_at(row));
  }
}

std::vector<std::string> key_columns(const TableMeta& table) {
  std::set<std::string> names(table.primary_key.begin(), table.primary_key.end());
  for (const ForeignKey& fk : table.foreign_keys)
    names.insert(fk.columns.begin(), fk.columns.end());
  for (const UniqueConstraint& unique : table.unique_constraints)
    names.insert(unique.columns.begin(), unique.columns.end());
  std::vector<std::string> out;
  for (const ColumnMeta& column : table.columns)  // in the table's order
    if (names.count(column.name) || column.unique) out.push_back(column.name);
  if (out.empty())
    for (const ColumnMeta& column : table.columns) out.push_back(column.name);
  return out;
}

}  // namespace

std::string content_hash(std::string_view text) {
  Hash128 hash;
  hash.bytes(text);
  return hex(hash.finish());
}

std::string source_fingerprint(const Metadata& metadata, const Database& data) {
  std::set<std::string> names;
  for (const TableMeta& table : metadata.tables) names.insert(table.name);
  Hash128 whole;
  for (const std::string& name : names) {  // in name order: the metadata's order may change
    const TableMeta& table = *metadata.find_table(name);
    const Table* rows = data.find_table(name);
    whole.bytes(name);
    if (!rows) {
      whole.word(~0ULL);
      continue;
    }
    whole.word(rows->num_rows());
    for (const Column& column : rows->columns()) {
      whole.bytes(column.name());
      whole.word(static_cast<uint64_t>(column.type()));
    }
    std::vector<const Column*> keys;
    for (const std::string& column : key_columns(table))
      if (const Column* found = rows->find_column(column)) keys.push_back(found);
    // Each row's hash, summed in both lanes: the same multiset of rows in any order.
    uint64_t sum_a = 0, sum_b = 0;
    for (size_t row = 0; row < rows->num_rows(); ++row) {
      Hash128 one;
      for (const Column* column : keys) add_value(one, *column, row);
      const auto [a, b] = one.finish();
      sum_a += a;
      sum_b += b;
    }
    whole.word(sum_a);
    whole.word(sum_b);
  }
  return hex(whole.finish());
}

std::string training_key(std::string_view training_part, const std::string& fingerprint) {
  std::string text(training_part);
  text += "\nsource fingerprint ";
  text += fingerprint;
  return content_hash(text);
}

}  // namespace relsynth::runs
