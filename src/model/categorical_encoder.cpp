// Categorical encoder: a frequency-ordered vocabulary, one RARE token for values seen fewer
// than rare_threshold times (or beyond max_categories), and NULL.
//
// Works on any storage type: string-like columns key on their text, integer-like ones on
// their value, Float64 on its bit pattern (with -0.0 folded into 0.0; NaN counts as NULL).
#include <algorithm>
#include <bit>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "model/encoder.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

bool keys_on_text(DataType type) { return holds_strings(type); }

}  // namespace

class CategoricalEncoder final : public ColumnEncoder {
 public:
  EncoderKind kind() const override { return EncoderKind::Categorical; }
  void fit(const Column& column, const EncoderOptions& options) override;
  size_t num_tokens() const override { return num_tokens_; }
  int null_token() const override { return null_token_; }
  uint16_t encode_value(const Column& column, size_t row) const override;
  void decode(uint16_t token, Rng& rng, Column& out) const override;
  bool decode_at(uint16_t token, double u, Column& out) const override;
  std::string token_label(uint16_t token) const override;
  std::vector<std::pair<std::string, double>> text_values() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in) override;

  int rare_token() const { return rare_token_; }

 private:
  // Integer key of a non-text value; false for NULL / NaN.
  bool int_key(const Column& column, size_t row, int64_t& key) const;
  void append_kept(size_t index, Column& out) const;
  void append_rare(size_t index, Column& out) const;  // the index-th sampled rare value
  void append_int_value(int64_t key, Column& out) const;
  void finish();  // derived state: lookup maps and cumulative weights

  // Kept values, most frequent first: texts_ for text keys, ints_ otherwise.
  std::vector<std::string> texts_;
  std::vector<int64_t> ints_;
  std::vector<uint64_t> counts_;
  // Rare values (RareMode::Sample only) and their counts.
  std::vector<std::string> rare_texts_;
  std::vector<int64_t> rare_ints_;
  std::vector<uint64_t> rare_counts_;
  RareMode rare_mode_ = RareMode::Placeholder;
  std::string placeholder_;
  int rare_token_ = -1;
  int null_token_ = -1;
  size_t num_tokens_ = 0;

  std::unordered_map<std::string_view, uint16_t> text_index_;
  std::unordered_map<int64_t, uint16_t> int_index_;
  std::vector<float> kept_cumulative_;
  std::vector<float> rare_cumulative_;
};

bool CategoricalEncoder::int_key(const Column& column, size_t row, int64_t& key) const {
  if (column.is_null(row)) return false;
  if (type_ == DataType::Float64) {
    double v = column.double_at(row);
    if (std::isnan(v)) return false;
    if (v == 0) v = 0;  // -0.0 and 0.0 are one value
    key = std::bit_cast<int64_t>(v);
    return true;
  }
  key = column.int_at(row);
  return true;
}

void CategoricalEncoder::fit(const Column& column, const EncoderOptions& options) {
  *this = CategoricalEncoder();
  type_ = column.type();
  rare_mode_ = options.rare_mode;
  placeholder_ = options.rare_placeholder;
  // Bool's values are public knowledge: never fold them.
  const uint64_t rare = type_ == DataType::Bool ? 1 : std::max(1, options.rare_threshold);
  const size_t max_kept = static_cast<size_t>(std::clamp(options.max_categories, 1, 65000));
  const bool text = keys_on_text(type_);

  bool has_null = false;
  std::unordered_map<std::string_view, uint64_t> text_counts;
  std::unordered_map<int64_t, uint64_t> int_counts;
  for (size_t row = 0; row < column.size(); ++row) {
    if (text) {
      if (column.is_null(row)) {
        has_null = true;
      } else {
        ++text_counts[column.string_at(row)];
      }
    } else {
      int64_t key;
      if (int_key(column, row, key)) {
        ++int_counts[key];
      } else {
        has_null = true;
      }
    }
  }

  // Most frequent first; ties by value so the order never depends on hashing.
  std::vector<std::pair<uint64_t, size_t>> order;  // (count, index into entries)
  std::vector<std::string_view> text_entries;
  std::vector<int64_t> int_entries;
  if (text) {
    for (const auto& [value, count] : text_counts) {
      order.push_back({count, text_entries.size()});
      text_entries.push_back(value);
    }
  } else {
    for (const auto& [value, count] : int_counts) {
      order.push_back({count, int_entries.size()});
      int_entries.push_back(value);
    }
  }
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return text ? text_entries[a.second] < text_entries[b.second]
                : int_entries[a.second] < int_entries[b.second];
  });

  bool any_rare = false;
  for (const auto& [count, index] : order) {
    const bool kept = count >= rare && counts_.size() < max_kept;
    if (kept) {
      counts_.push_back(count);
      if (text) {
        texts_.emplace_back(text_entries[index]);
      } else {
        ints_.push_back(int_entries[index]);
      }
      continue;
    }
    any_rare = true;
    if (rare_mode_ == RareMode::Sample &&
        rare_counts_.size() < static_cast<size_t>(std::max(0, options.max_rare_values))) {
      rare_counts_.push_back(count);
      if (text) {
        rare_texts_.emplace_back(text_entries[index]);
      } else {
        rare_ints_.push_back(int_entries[index]);
      }
    }
  }
  num_tokens_ = counts_.size();
  if (any_rare) rare_token_ = static_cast<int>(num_tokens_++);
  if (has_null || num_tokens_ == 0) null_token_ = static_cast<int>(num_tokens_++);
  finish();
}

void CategoricalEncoder::finish() {
  text_index_.clear();
  int_index_.clear();
  for (size_t i = 0; i < texts_.size(); ++i)
    text_index_.emplace(texts_[i], static_cast<uint16_t>(i));
  for (size_t i = 0; i < ints_.size(); ++i) int_index_.emplace(ints_[i], static_cast<uint16_t>(i));
  kept_cumulative_.clear();
  rare_cumulative_.clear();
  double total = 0;
  for (uint64_t c : counts_) kept_cumulative_.push_back(static_cast<float>(total += c));
  total = 0;
  for (uint64_t c : rare_counts_) rare_cumulative_.push_back(static_cast<float>(total += c));
}

uint16_t CategoricalEncoder::encode_value(const Column& column, size_t row) const {
  const uint16_t unseen = static_cast<uint16_t>(rare_token_ >= 0 ? rare_token_ : 0);
  const uint16_t null = static_cast<uint16_t>(null_token_ >= 0 ? null_token_ : 0);
  if (keys_on_text(type_)) {
    if (column.is_null(row)) return null;
    auto it = text_index_.find(column.string_at(row));
    return it == text_index_.end() ? unseen : it->second;
  }
  int64_t key;
  if (!int_key(column, row, key)) return null;
  auto it = int_index_.find(key);
  return it == int_index_.end() ? unseen : it->second;
}

void CategoricalEncoder::append_int_value(int64_t key, Column& out) const {
  if (type_ == DataType::Float64) {
    out.append_double(std::bit_cast<double>(key));
  } else {
    out.append_int(key);
  }
}

void CategoricalEncoder::append_kept(size_t index, Column& out) const {
  if (keys_on_text(type_)) {
    out.append_string(texts_[index]);
  } else {
    append_int_value(ints_[index], out);
  }
}

void CategoricalEncoder::append_rare(size_t i, Column& out) const {
  if (keys_on_text(type_))
    out.append_string(rare_texts_[i]);
  else
    append_int_value(rare_ints_[i], out);
}

void CategoricalEncoder::decode(uint16_t token, Rng& rng, Column& out) const {
  check_token(token);
  if (token == null_token_) {
    out.append_null();
    return;
  }
  if (token != rare_token_) {
    append_kept(token, out);
    return;
  }
  if (rare_mode_ == RareMode::Sample && !rare_counts_.empty()) {
    append_rare(rng.sample_cumulative(rare_cumulative_), out);
    return;
  }
  // Placeholder: text columns get the placeholder; typed values (where any text would be
  // invalid) get a common value drawn by frequency.
  if (type_ == DataType::String || type_ == DataType::Binary) {
    out.append_string(placeholder_);
  } else if (!counts_.empty()) {
    append_kept(rng.sample_cumulative(kept_cumulative_), out);
  } else {
    out.append_null();  // every value was rare: nothing safe to show
  }
}

bool CategoricalEncoder::decode_at(uint16_t token, double u, Column& out) const {
  check_token(token);
  if (token != rare_token_ || rare_mode_ != RareMode::Sample || rare_counts_.empty()) return false;
  append_rare(cumulative_index(rare_cumulative_, u), out);
  return true;
}

std::vector<std::pair<std::string, double>> CategoricalEncoder::text_values() const {
  std::vector<std::pair<std::string, double>> out;
  if (!keys_on_text(type_)) return out;
  for (size_t i = 0; i < texts_.size() && i < counts_.size(); ++i)
    out.emplace_back(texts_[i], static_cast<double>(counts_[i]));
  for (size_t i = 0; i < rare_texts_.size() && i < rare_counts_.size(); ++i)
    out.emplace_back(rare_texts_[i], static_cast<double>(rare_counts_[i]));
  return out;
}

std::string CategoricalEncoder::token_label(uint16_t token) const {
  check_token(token);
  if (token == null_token_) return "NULL";
  if (token == rare_token_) return "RARE";
  if (keys_on_text(type_)) return "\"" + texts_[token] + "\"";
  if (type_ == DataType::Float64) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", std::bit_cast<double>(ints_[token]));
    return buffer;
  }
  return std::to_string(ints_[token]);
}

void CategoricalEncoder::save(BinaryWriter& out) const {
  out.begin_section("categorical_encoder", 1);
  out.u8(static_cast<uint8_t>(type_));
  out.u8(static_cast<uint8_t>(rare_mode_));
  out.str(placeholder_);
  out.i64(rare_token_);
  out.i64(null_token_);
  out.u64(num_tokens_);
  out.strs(texts_);
  out.i64s(ints_);
  out.u64s(counts_);
  out.strs(rare_texts_);
  out.i64s(rare_ints_);
  out.u64s(rare_counts_);
  out.end_section();
}

void CategoricalEncoder::load(BinaryReader& in) {
  *this = CategoricalEncoder();
  in.begin_section("categorical_encoder", 1);
  const uint8_t type = in.u8();
  const uint8_t mode = in.u8();
  if (type > static_cast<uint8_t>(DataType::Binary) || mode > 1) {
    in.fail("categorical encoder has a bad type or rare mode");
  }
  type_ = static_cast<DataType>(type);
  rare_mode_ = static_cast<RareMode>(mode);
  placeholder_ = in.str();
  rare_token_ = static_cast<int>(in.i64());
  null_token_ = static_cast<int>(in.i64());
  num_tokens_ = in.u64();
  texts_ = in.strs();
  ints_ = in.i64s();
  counts_ = in.u64s();
  rare_texts_ = in.strs();
  rare_ints_ = in.i64s();
  rare_counts_ = in.u64s();
  in.end_section();

  const bool text = keys_on_text(type_);
  const size_t kept = counts_.size();
  const size_t rare_kept = rare_counts_.size();
  const size_t expected = kept + (rare_token_ >= 0) + (null_token_ >= 0);
  const bool ok = (text ? texts_.size() == kept && ints_.empty() &&
                              rare_texts_.size() == rare_kept && rare_ints_.empty()
                        : ints_.size() == kept && texts_.empty() &&
                              rare_ints_.size() == rare_kept && rare_texts_.empty()) &&
                  num_tokens_ >= 1 && num_tokens_ <= 65536 && num_tokens_ == expected &&
                  (rare_token_ == -1 || rare_token_ == static_cast<int>(kept)) &&
                  (null_token_ == -1 || null_token_ == static_cast<int>(num_tokens_ - 1));
  if (!ok) in.fail("categorical encoder is inconsistent (corrupt file?)");
  finish();
}

std::unique_ptr<ColumnEncoder> make_categorical_encoder() {
  return std::make_unique<CategoricalEncoder>();
}

}  // namespace relsynth
