// Text columns as parsed from CSV, the inference of their storage types, and the parsing of
// single fields into values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/types.h"

namespace relsynth::csv {

// The fields of one CSV column: all texts in one arena, so a million short fields cost two
// allocations instead of a million.
class TextColumn {
 public:
  void append(std::string_view text, bool null) {
    arena_.append(text);
    ends_.push_back(arena_.size() | (null ? kNullBit : 0));
  }
  size_t size() const { return ends_.size(); }
  bool is_null(size_t row) const { return ends_[row] & kNullBit; }
  std::string_view at(size_t row) const {
    const uint64_t begin = row == 0 ? 0 : ends_[row - 1] & ~kNullBit;
    return std::string_view(arena_.data() + begin, (ends_[row] & ~kNullBit) - begin);
  }
  void reserve(size_t rows, size_t bytes) {
    ends_.reserve(rows);
    arena_.reserve(bytes);
  }
  size_t text_bytes() const { return arena_.size(); }
  size_t bytes() const { return arena_.capacity() + ends_.capacity() * sizeof(uint64_t); }
  void release() {
    std::string().swap(arena_);
    std::vector<uint64_t>().swap(ends_);
  }

 private:
  static constexpr uint64_t kNullBit = uint64_t{1} << 63;
  std::string arena_;
  std::vector<uint64_t> ends_;  // end offset of each field in arena_; top bit = NULL
};

struct InferredType {
  DataType type = DataType::String;
  std::string format;  // temporal layout, see types.h
};

// The narrowest type that holds every non-NULL value of `column` without losing its text:
//   Int64     optional sign, digits without leading zeros (but "0"), within int64;
//   Bool      true / false in any case;
//   Float64   decimal or exponent notation (no leading zeros) whose value a double keeps:
//             at most 15 significant digits, or the double's shortest form is the text itself;
//   Decimal   plain decimal notation with more digits than that (kept as exact text);
//   Date / DateTime / Time   a layout from detect_temporal_format (reproduces every text);
//   String    anything else, and columns without a single non-NULL value.
InferredType infer_type(const TextColumn& column);

// Field parsers used when reading a column of a known type; all accept more than inference
// does (a '+' sign, leading zeros, yes/no), nullopt when the text is no such value.
std::optional<int64_t> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);
std::optional<bool> parse_bool(std::string_view text);
bool is_decimal_text(std::string_view text);
// Fast paths for the commonest temporal layouts ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", and the
// empty ISO format), with the same results as parse_temporal / format_temporal. The parser
// returns nullopt for other layouts and for bad text (callers fall back to parse_temporal);
// the formatter returns 0 for what it does not handle. `out` must hold 32 chars.
std::optional<int64_t> parse_temporal_fast(std::string_view text, DataType type,
                                           std::string_view format);
size_t format_temporal_fast(int64_t value, DataType type, std::string_view format, char* out);
// "\x0aff" -> bytes (the writer's form of binary data); other text is taken as the bytes.
std::string parse_binary(std::string_view text);

}  // namespace relsynth::csv
