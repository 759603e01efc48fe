// Pattern generator: codes and references (no spaces, not words) in the source's pattern, as a
// learned regular expression. A value's shape is its length and its punctuation, kept as
// literals; every letter or digit is a slot. Per shape and slot the generator keeps the
// characters the source uses there (each in at least rare_threshold values, together 99% of
// them: 'N' in every tail number, 0-9a-f in hashes), else the whole classes seen there (upper,
// lower, digit); a shape that would spell fewer than 10 codes per real one widens its slots to
// their whole class. Slots are drawn uniformly, so a generated code equals a real one only as
// often as chance gives for the pattern; a unique source gives unique codes (the index is spread
// over the slots, as for keys).
#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

#include "model/value_generator.h"
#include "model/word_lists.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

constexpr size_t kMaxCodeLength = 40;
constexpr size_t kMaxShapes = 256;
constexpr size_t kSampleValues = 5000;  // looks_like_codes reads this many values
constexpr double kCodeShare = 0.9;
constexpr double kAlphabetCover = 0.99;
constexpr double kWordVowelShare = 0.3;
constexpr double kRoom = 10;  // codes a shape can spell per real code, at least
constexpr char kSlot = '\x01';

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";

bool is_alnum(char c) { return text::is_digit(c) || text::is_upper(c) || text::is_lower(c); }
bool is_vowel(char c) {
  const char l = text::is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u' || l == 'y';
}

// One run of printable ASCII, no spaces, at most kMaxCodeLength bytes.
bool code_shaped(std::string_view v) {
  if (v.empty() || v.size() > kMaxCodeLength) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

std::string shape_of(std::string_view v) {
  std::string shape(v);
  for (char& c : shape)
    if (is_alnum(c)) c = kSlot;
  return shape;
}

// The whole classes (digits, upper, lower) of the characters in `seen`.
std::string classes_of(const std::array<uint32_t, 128>& seen) {
  bool digit = false, upper = false, lower = false;
  for (size_t c = 0; c < seen.size(); ++c) {
    if (!seen[c]) continue;
    digit = digit || text::is_digit(static_cast<char>(c));
    upper = upper || text::is_upper(static_cast<char>(c));
    lower = lower || text::is_lower(static_cast<char>(c));
  }
  std::string out;
  if (digit) out += kDigits;
  if (upper) out += kUpper;
  if (lower) out += kLower;
  return out;
}

class PatternGenerator final : public ValueGenerator {
 public:
  GeneratorKind kind() const override { return GeneratorKind::Pattern; }

  void fit(const Column& real, SDType, const GeneratorOptions& options) override {
    if (real.type() != DataType::String) value_detail::throw_unsupported(options, real, "codes");
    *this = PatternGenerator();
    type_ = real.type();
    salt_ = mix64(options.salt ^ 0x7061747465726eULL);
    stats_.fit(real);
    const size_t min_rows = static_cast<size_t>(std::max(options.rare_threshold, 1));
    std::vector<std::string> values = value_detail::non_null_text(real);
    unique_ =
        options.unique ||
        (!values.empty() &&
         std::unordered_set<std::string>(values.begin(), values.end()).size() == values.size());
    std::erase_if(values, [](const std::string& v) { return !code_shaped(v); });

    // The most frequent shapes, then per slot the characters seen there.
    std::map<std::string, size_t> counts;
    for (const std::string& v : values) ++counts[shape_of(v)];
    std::vector<std::pair<std::string, size_t>> kept(counts.begin(), counts.end());
    std::stable_sort(kept.begin(), kept.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (kept.size() > kMaxShapes) kept.resize(kMaxShapes);
    std::map<std::string, size_t> index;
    for (const auto& [shape, count] : kept) {
      index.emplace(shape, shapes_.size());
      shapes_.push_back(shape);
      weights_.push_back(static_cast<float>(count));
    }
    std::vector<std::vector<std::array<uint32_t, 128>>> seen(shapes_.size());
    for (size_t s = 0; s < shapes_.size(); ++s)
      seen[s].assign(std::count(shapes_[s].begin(), shapes_[s].end(), kSlot), {});
    std::vector<std::unordered_set<std::string_view>> distinct(shapes_.size());
    for (const std::string& v : values) {
      const auto at = index.find(shape_of(v));
      if (at == index.end()) continue;
      if (!distinct[at->second].insert(v).second) continue;
      size_t slot = 0;
      for (char c : v)
        if (is_alnum(c)) ++seen[at->second][slot++][static_cast<unsigned char>(c)];
    }
    for (size_t s = 0; s < shapes_.size(); ++s) {
      const size_t n = distinct[s].size();
      std::vector<std::string> alphabets;
      for (const auto& chars : seen[s]) {
        // Characters each in enough values to say nothing of one, together nearly all.
        std::string common;
        size_t covered = 0;
        for (size_t c = 0; c < chars.size(); ++c)
          if (chars[c] >= min_rows) common.push_back(static_cast<char>(c)), covered += chars[c];
        const bool enough = !common.empty() && double(covered) >= kAlphabetCover * double(n);
        alphabets.push_back(enough ? common : classes_of(chars));
      }
      make_room(alphabets, seen[s], n);
      alphabets_.push_back(std::move(alphabets));
    }
    finish();
  }

  void generate(uint64_t index, Rng& rng, Column& out) const override {
    if (shapes_.empty() ||
        (!unique_ && stats_.empty_share > 0 && rng.uniform() < stats_.empty_share)) {
      out.append_string(std::string());
      return;
    }
    size_t s = rng.sample_cumulative(cumulative_);
    std::string value;
    size_t slot = 0;
    if (!unique_) {
      for (char c : shapes_[s]) {
        if (c != kSlot) {
          value.push_back(c);
          continue;
        }
        const std::string& alphabet = alphabets_[s][slot++];
        value.push_back(alphabet[rng.uniform_int(alphabet.size())]);
      }
      out.append_string(std::move(value));
      return;
    }
    // Unique: the index spelled in the drawn shape's slots (a bijection), or in the largest
    // shape's when the drawn one has too few values; past the largest, a counter follows. Two
    // shapes differ in length or punctuation, so they never spell the same text.
    if (index >= capacity_[s]) s = largest_;
    std::vector<uint32_t> digits;
    spell(s, index % capacity_[s], digits);
    for (char c : shapes_[s]) {
      if (c != kSlot) {
        value.push_back(c);
        continue;
      }
      value.push_back(alphabets_[s][slot][digits[slot]]);
      ++slot;
    }
    if (index >= capacity_[s]) {
      value.push_back('-');
      value_detail::append_padded(value, index / capacity_[s], 0);
    }
    out.append_string(std::move(value));
  }

  std::string describe() const override {
    std::string shown;
    for (size_t s = 0; s < shapes_.size() && s < 3; ++s) {
      shown += s ? ", '" : "'";
      size_t slot = 0;
      for (char c : shapes_[s]) {
        if (c != kSlot) {
          shown.push_back(c);
          continue;
        }
        const std::string& a = alphabets_[s][slot++];
        shown.push_back(a.size() == 1                                                       ? a[0]
                        : a == kDigits                                                      ? '9'
                        : a.size() <= 26 && std::all_of(a.begin(), a.end(), text::is_upper) ? 'A'
                        : a.size() <= 26 && std::all_of(a.begin(), a.end(), text::is_lower) ? 'a'
                                                                                            : '*');
      }
      shown += "'";
    }
    return "codes: " + std::to_string(shapes_.size()) + " shapes (" + shown + ")" +
           (unique_ ? ", unique" : "");
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("pattern_generator", 1);
    out.u8(static_cast<uint8_t>(type_));
    out.boolean(unique_);
    out.u64(salt_);
    stats_.save(out);
    out.strs(shapes_);
    out.f32s(weights_);
    for (const std::vector<std::string>& alphabets : alphabets_) out.strs(alphabets);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    in.begin_section("pattern_generator", 1);
    if (in.u8() != static_cast<uint8_t>(DataType::String)) in.fail("bad pattern generator type");
    type_ = DataType::String;
    unique_ = in.boolean();
    salt_ = in.u64();
    stats_.load(in);
    shapes_ = in.strs();
    weights_ = in.f32s();
    if (weights_.size() != shapes_.size()) in.fail("pattern generator: weights do not match");
    alphabets_.clear();
    for (const std::string& shape : shapes_) {
      alphabets_.push_back(in.strs());
      if (alphabets_.back().size() != size_t(std::count(shape.begin(), shape.end(), kSlot)))
        in.fail("pattern generator: alphabets do not match the shape");
      for (const std::string& a : alphabets_.back())
        if (a.empty()) in.fail("pattern generator: empty alphabet");
    }
    for (float w : weights_)
      if (!(w >= 0)) in.fail("pattern generator: negative weight");
    in.end_section();
    finish();
  }

 private:
  void finish() {
    cumulative_.clear();
    capacity_.clear();
    float total = 0;
    for (float w : weights_) cumulative_.push_back(total += w);
    largest_ = 0;
    for (size_t s = 0; s < shapes_.size(); ++s) {
      // How many codes the shape spells, capped at 2^63 (scramble_index covers any index then).
      uint64_t capacity = 1;
      for (const std::string& a : alphabets_[s])
        capacity =
            capacity > (uint64_t{1} << 63) / a.size() ? uint64_t{1} << 63 : capacity * a.size();
      capacity_.push_back(capacity);
      if (capacity > capacity_[largest_]) largest_ = s;
    }
  }

  // A shape that spells few more codes than the source has (200 real SKU-00001 to SKU-00200
  // allow SKU-00000 to SKU-00199 only) would give back mostly real codes: its slots take their
  // whole class, rightmost first, those narrowed to some characters before constant ones, until
  // it spells kRoom codes for each real one.
  static void make_room(std::vector<std::string>& alphabets,
                        const std::vector<std::array<uint32_t, 128>>& seen, size_t values) {
    auto capacity = [&] {
      double product = 1;
      for (const std::string& a : alphabets) product *= static_cast<double>(a.size());
      return product;
    };
    for (const bool constants : {false, true})
      for (size_t i = alphabets.size(); i-- > 0 && capacity() < kRoom * double(values);)
        if ((alphabets[i].size() == 1) == constants) alphabets[i] = classes_of(seen[i]);
  }

  // The slot digits of `index` (below the shape's capacity) in shape s.
  void spell(size_t s, uint64_t index, std::vector<uint32_t>& digits) const {
    std::vector<uint32_t> radices;
    for (const std::string& a : alphabets_[s]) radices.push_back(static_cast<uint32_t>(a.size()));
    value_detail::scramble_index(index, radices, salt_ ^ text::hash_string(shapes_[s], 1), digits);
  }

  bool unique_ = false;
  uint64_t salt_ = 0;
  value_detail::StringStats stats_;
  std::vector<std::string> shapes_;  // literals, kSlot for a letter or digit
  std::vector<float> weights_;
  std::vector<std::vector<std::string>> alphabets_;  // per shape, per slot
  // Derived at fit / load.
  std::vector<float> cumulative_;
  std::vector<uint64_t> capacity_;
  size_t largest_ = 0;
};

}  // namespace

bool looks_like_codes(const Column& column) {
  if (column.type() != DataType::String) return false;
  const size_t stride = std::max<size_t>(1, column.size() / kSampleValues);
  // Values with a digit, punctuation or only capitals are codes; the values of letters alone
  // are words when, taken together, a fair share of their letters are vowels (English: 40%,
  // random letters 6 in 26 with y).
  size_t sampled = 0, codes = 0, lettered = 0, letters = 0, vowels = 0;
  for (size_t row = 0; row < column.size(); row += stride) {
    if (column.is_null(row) || column.string_at(row).empty()) continue;
    const std::string& v = column.string_at(row);
    ++sampled;
    if (!code_shaped(v)) continue;
    const bool only_letters = std::all_of(
        v.begin(), v.end(), [](char c) { return text::is_upper(c) || text::is_lower(c); });
    if (!only_letters || (v.size() > 1 && std::all_of(v.begin(), v.end(), text::is_upper))) {
      ++codes;
      continue;
    }
    ++lettered;
    letters += v.size();
    vowels += std::count_if(v.begin(), v.end(), is_vowel);
  }
  if (lettered > 0 && double(vowels) < kWordVowelShare * double(letters)) codes += lettered;
  return sampled > 0 && double(codes) >= kCodeShare * double(sampled);
}

std::unique_ptr<ValueGenerator> make_pattern_generator() {
  return std::make_unique<PatternGenerator>();
}

}  // namespace relsynth
