// Key generator, the index scrambler shared by all generators, and the generator file format.
#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <unordered_map>

#include "model/value_generator.h"
#include "model/word_lists.h"
#include "relsynth/error.h"

namespace relsynth {

namespace value_detail {
namespace {

constexpr unsigned __int128 kTwo64 = static_cast<unsigned __int128>(1) << 64;

uint64_t mul_mod(uint64_t a, uint64_t b, uint64_t n) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(a) * b % n);
}

// Reads x's digits most significant first (slot 0) and re-reads them least significant first:
// a bijection of [0, prod(radices)).
uint64_t reverse_digits(uint64_t x, const std::vector<uint32_t>& radices) {
  std::array<uint32_t, 128> digits{};
  const size_t count = std::min<size_t>(radices.size(), digits.size());
  for (size_t i = count; i-- > 0;) {  // slot 0 is the most significant
    digits[i] = static_cast<uint32_t>(x % radices[i]);
    x /= radices[i];
  }
  uint64_t y = 0, place = 1;
  for (size_t i = 0; i < count; ++i) {  // now slot 0 is the least significant
    y += digits[i] * place;
    place *= radices[i];
  }
  return y;
}

}  // namespace

bool scramble_index(uint64_t index, const std::vector<uint32_t>& radices, uint64_t salt,
                    std::vector<uint32_t>& digits) {
  digits.assign(radices.size(), 0);
  unsigned __int128 capacity = 1;
  for (uint32_t r : radices) {
    capacity *= std::max<uint32_t>(r, 1);
    if (capacity >= kTwo64) break;
  }
  if (capacity < kTwo64) {
    const uint64_t n = static_cast<uint64_t>(capacity);
    if (index >= n) return false;
    if (n == 1) return true;
    // Affine maps x -> a x + c (mod n) with gcd(a, n) = 1 are bijections; alternating them with
    // a digit reversal spreads every input digit over every output digit.
    uint64_t x = index;
    std::vector<uint32_t> reversed(radices.rbegin(), radices.rend());
    for (int round = 0; round < 3; ++round) {
      uint64_t a = mix64(salt ^ (0x51ed270b27a3e1c5ULL * (round + 1))) % n;
      if (a == 0) a = 1;
      while (std::gcd(a, n) != 1) a = a + 1 < n ? a + 1 : 1;
      const uint64_t c = mix64(salt + 0x2545f4914f6cdd1dULL * (round + 1)) % n;
      x = static_cast<uint64_t>((static_cast<unsigned __int128>(mul_mod(a, x, n)) + c) % n);
      if (round < 2) x = reverse_digits(x, round % 2 == 0 ? radices : reversed);
    }
    for (size_t i = radices.size(); i-- > 0;) {
      digits[i] = static_cast<uint32_t>(x % radices[i]);
      x /= radices[i];
    }
    return true;
  }
  // 2^64 combinations or more: a bijective 64-bit mix of the index fills the last slots
  // exactly (so the index can be recovered from them); the first slots are a function of it.
  uint64_t y = mix64(index ^ mix64(salt ^ 0x7f4a7c159e3779b9ULL));
  const uint64_t h_seed = mix64(y ^ salt);
  unsigned __int128 covered = 1;
  size_t i = radices.size();
  while (i > 0 && covered < kTwo64) {
    --i;
    const uint32_t r = std::max<uint32_t>(radices[i], 1);
    digits[i] = static_cast<uint32_t>(y % r);
    y /= r;
    covered *= r;
  }
  for (size_t j = 0; j < i; ++j) {
    digits[j] =
        static_cast<uint32_t>(mix64(h_seed + j * Rng::kGamma) % std::max<uint32_t>(radices[j], 1));
  }
  return true;
}

// A keyed bijection of [0, n): affine maps and xor-shifts are bijections of [0, 2^bits);
// values at or past n walk the cycle on until they fall below n (fewer than two steps on
// average, since 2^bits < 2n).
uint64_t permute_below(uint64_t x, uint64_t n, uint64_t salt) {
  if (n <= 1) return 0;
  const int bits = 64 - std::countl_zero(n - 1);
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  const int shift = std::max(1, bits / 2);
  do {
    for (uint64_t round = 1; round <= 4; ++round) {
      const uint64_t a = mix64(salt + round * 0x9e3779b97f4a7c15ULL) | 1;
      const uint64_t c = mix64(salt ^ (round * 0xbf58476d1ce4e5b9ULL));
      x = (x * a + c) & mask;
      x ^= x >> shift;
    }
  } while (x >= n);
  return x;
}

void append_padded(std::string& out, uint64_t value, size_t width) {
  char buffer[24];
  size_t length = 0;
  do {
    buffer[length++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (size_t i = length; i < width; ++i) out.push_back('0');
  while (length > 0) out.push_back(buffer[--length]);
}

void StringStats::fit(const Column& column) {
  size_t count = 0, empty = 0;
  max_length = 0;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.is_null(row)) continue;
    ++count;
    if (holds_strings(column.type())) {
      const std::string& value = column.string_at(row);
      if (value.empty()) ++empty;
      max_length = std::max<uint32_t>(max_length, static_cast<uint32_t>(value.size()));
    }
  }
  empty_share = count == 0 ? 0.0 : static_cast<double>(empty) / count;
}

void StringStats::save(BinaryWriter& out) const {
  out.f64(empty_share);
  out.u32(max_length);
}

void StringStats::load(BinaryReader& in) {
  empty_share = in.f64();
  max_length = in.u32();
  if (!(empty_share >= 0 && empty_share <= 1)) in.fail("bad empty share in value generator");
}

std::vector<std::string> non_null_text(const Column& column) {
  std::vector<std::string> values;
  values.reserve(column.size());
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.is_null(row)) continue;
    values.push_back(holds_strings(column.type()) ? column.string_at(row) : column.text_at(row));
  }
  return values;
}

namespace {
constexpr uint64_t kMaxFilterBits = uint64_t{1} << 25;  // 4 MiB
constexpr int kFilterHashes = 5;
}  // namespace

void ValueFilter::reset(size_t count) {
  bits.clear();
  if (count == 0) return;
  const uint64_t size = std::min<uint64_t>(kMaxFilterBits, std::max<uint64_t>(64, count * 10));
  bits.assign((size + 63) / 64, 0);
}

void ValueFilter::add(std::string_view value, uint64_t salt) {
  const uint64_t size = bits.size() * 64;
  const uint64_t h1 = text::hash_string(value, salt), h2 = mix64(h1) | 1;
  for (int i = 0; i < kFilterHashes; ++i) {
    const uint64_t bit = (h1 + i * h2) % size;
    bits[bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

bool ValueFilter::contains(std::string_view value, uint64_t salt) const {
  if (bits.empty()) return false;
  const uint64_t size = bits.size() * 64;
  const uint64_t h1 = text::hash_string(value, salt), h2 = mix64(h1) | 1;
  for (int i = 0; i < kFilterHashes; ++i) {
    const uint64_t bit = (h1 + i * h2) % size;
    if (!((bits[bit / 64] >> (bit % 64)) & 1)) return false;
  }
  return true;
}

void throw_unsupported(const GeneratorOptions& options, const Column& column,
                       std::string_view what) {
  throw UsageError(locate(options.table, column.name()) + ": " + std::string(what) +
                   " cannot be generated for storage type " +
                   std::string(to_string(column.type())));
}

}  // namespace value_detail

namespace {

using value_detail::append_padded;
using value_detail::scramble_index;

enum class KeyMode : uint8_t {
  Integer = 1,  // min + index * step
  Float = 2,    // the same on whole-number doubles
  Digits = 3,   // prefix + zero-padded (start + index * step) + suffix
  Code = 4,     // prefix + scrambled fixed-width code, one alphabet per position + suffix
  Uuid = 5,     // 8-4-4-4-12 hex derived from (index, salt)
  Counter = 6,  // prefix + (1 + index) + suffix, for mixed shapes
};

constexpr std::string_view kDigitChars = "0123456789";
constexpr std::string_view kUpperChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLowerChars = "abcdefghijklmnopqrstuvwxyz";

bool is_hex(char c) {
  return text::is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_ascii_alnum(char c) { return text::is_digit(c) || text::is_upper(c) || text::is_lower(c); }

// "{"? 8-4-4-4-12 hex "}"?
bool looks_like_uuid(std::string_view value, bool& braced) {
  braced = value.size() == 38 && value.front() == '{' && value.back() == '}';
  if (braced) value = value.substr(1, 36);
  if (value.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? value[i] != '-' : !is_hex(value[i])) return false;
  }
  return true;
}

// The longest prefix shared by at least `needed` values, extended one character at a time.
std::string robust_prefix(const std::vector<std::string_view>& values, size_t needed) {
  std::string prefix;
  for (;;) {
    std::array<size_t, 256> counts{};
    for (std::string_view v : values) {
      if (v.size() > prefix.size() && v.starts_with(prefix)) {
        ++counts[static_cast<unsigned char>(v[prefix.size()])];
      }
    }
    const auto best = std::max_element(counts.begin(), counts.end());
    if (*best < needed || *best == 0) return prefix;
    prefix.push_back(static_cast<char>(best - counts.begin()));
  }
}

std::string robust_suffix(const std::vector<std::string_view>& values, size_t needed) {
  std::vector<std::string> reversed;
  reversed.reserve(values.size());
  for (std::string_view v : values) reversed.emplace_back(v.rbegin(), v.rend());
  std::vector<std::string_view> views(reversed.begin(), reversed.end());
  std::string suffix = robust_prefix(views, needed);
  std::reverse(suffix.begin(), suffix.end());
  return suffix;
}

template <typename Pred>
std::string trim_back(std::string s, Pred pred) {
  while (!s.empty() && pred(s.back())) s.pop_back();
  return s;
}
template <typename Pred>
std::string trim_front(std::string s, Pred pred) {
  size_t i = 0;
  while (i < s.size() && pred(s[i])) ++i;
  return s.substr(i);
}

// The middles of the values that carry `prefix` and `suffix` with something in between.
std::vector<std::string_view> middles(const std::vector<std::string_view>& values,
                                      const std::string& prefix, const std::string& suffix) {
  std::vector<std::string_view> out;
  for (std::string_view v : values) {
    if (v.size() > prefix.size() + suffix.size() && v.starts_with(prefix) && v.ends_with(suffix)) {
      out.push_back(v.substr(prefix.size(), v.size() - prefix.size() - suffix.size()));
    }
  }
  return out;
}

std::string shown(const std::string& s) { return "'" + s + "'"; }

class KeyGenerator final : public ValueGenerator {
 public:
  GeneratorKind kind() const override { return GeneratorKind::Key; }

  void fit(const Column& real, SDType, const GeneratorOptions& options) override {
    type_ = real.type();
    salt_ = mix64(options.salt ^ 0x6b65795f73616c74ULL);
    prefix_.clear();
    suffix_.clear();
    alphabets_.clear();
    pad_ = 0;
    start_ = 1;
    step_ = 1;
    if (holds_integers(type_)) {
      std::vector<int64_t> values;
      for (size_t row = 0; row < real.size(); ++row) {
        if (!real.is_null(row)) values.push_back(real.int_at(row));
      }
      mode_ = KeyMode::Integer;
      fit_arithmetic(values);
      return;
    }
    if (type_ == DataType::Float64) {
      std::vector<double> values;
      for (size_t row = 0; row < real.size(); ++row) {
        if (!real.is_null(row)) values.push_back(real.double_at(row));
      }
      mode_ = KeyMode::Float;
      fit_float(values);
      return;
    }
    fit_strings(real);
  }

  void generate(uint64_t index, Rng&, Column& out) const override {
    switch (mode_) {
      case KeyMode::Integer:
        out.append_int(static_cast<int64_t>(static_cast<uint64_t>(start_) +
                                            index * static_cast<uint64_t>(step_)));
        return;
      case KeyMode::Float:
        out.append_double(fstart_ + static_cast<double>(index) * fstep_);
        return;
      default:
        break;
    }
    std::string value = prefix_;
    switch (mode_) {
      case KeyMode::Digits:
        append_padded(value, static_cast<uint64_t>(start_) + index * static_cast<uint64_t>(step_),
                      pad_);
        break;
      case KeyMode::Counter:
        append_padded(value, static_cast<uint64_t>(start_) + index, 0);
        break;
      case KeyMode::Code:
        append_code(value, index);
        break;
      case KeyMode::Uuid:
        append_uuid(value, index);
        break;
      default:
        break;
    }
    value += suffix_;
    out.append_string(std::move(value));
  }

  std::string describe() const override {
    switch (mode_) {
      case KeyMode::Integer:
        return "integer key from " + std::to_string(start_) + " step " + std::to_string(step_);
      case KeyMode::Float:
        return "whole-number key from " + std::to_string(fstart_) + " step " +
               std::to_string(fstep_);
      case KeyMode::Digits:
        return "string key " + shown(prefix_) + " + " +
               (pad_ > 0 ? std::to_string(pad_) + " zero-padded digits" : std::string("number")) +
               " + " + shown(suffix_) + " from " + std::to_string(start_);
      case KeyMode::Code: {
        std::string classes;
        for (const std::string& a : alphabets_) {
          classes += a.size() == 10                           ? '9'
                     : a.size() <= 26 && text::is_upper(a[0]) ? 'A'
                     : a.size() <= 26 && text::is_lower(a[0]) ? 'a'
                                                              : '*';
        }
        return "string key " + shown(prefix_) + " + code " + classes + " + " + shown(suffix_);
      }
      case KeyMode::Uuid:
        return std::string("UUID key") + (upper_ ? " (upper case)" : "") +
               (braces_ ? " in braces" : "");
      case KeyMode::Counter:
        return "string key " + shown(prefix_) + " + counter + " + shown(suffix_);
    }
    return "key";
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("key_generator", 1);
    out.u8(static_cast<uint8_t>(type_));
    out.u8(static_cast<uint8_t>(mode_));
    out.i64(start_);
    out.i64(step_);
    out.f64(fstart_);
    out.f64(fstep_);
    out.str(prefix_);
    out.str(suffix_);
    out.u32(static_cast<uint32_t>(pad_));
    out.strs(alphabets_);
    out.boolean(upper_);
    out.boolean(braces_);
    out.u64(salt_);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    in.begin_section("key_generator", 1);
    const uint8_t type = in.u8();
    if (type > static_cast<uint8_t>(DataType::Binary)) in.fail("bad key generator type");
    type_ = static_cast<DataType>(type);
    const uint8_t mode = in.u8();
    if (mode < 1 || mode > 6) in.fail("bad key generator mode " + std::to_string(mode));
    mode_ = static_cast<KeyMode>(mode);
    start_ = in.i64();
    step_ = in.i64();
    fstart_ = in.f64();
    fstep_ = in.f64();
    prefix_ = in.str();
    suffix_ = in.str();
    pad_ = in.u32();
    alphabets_ = in.strs();
    upper_ = in.boolean();
    braces_ = in.boolean();
    salt_ = in.u64();
    in.end_section();
    if (mode_ == KeyMode::Code) {
      if (alphabets_.empty()) in.fail("key generator code without alphabets");
      for (const std::string& a : alphabets_) {
        if (a.empty()) in.fail("key generator code with an empty alphabet");
      }
    }
    if (pad_ > 64) in.fail("bad key generator padding");
  }

 private:
  void fit_arithmetic(std::vector<int64_t>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    start_ = values.empty() ? 1 : values.front();
    step_ = 1;
    if (values.size() >= 2) {
      const int64_t gap = values[1] - values[0];
      bool equal = gap > 0;
      for (size_t i = 2; equal && i < values.size(); ++i) equal = values[i] - values[i - 1] == gap;
      if (equal) step_ = gap;
    }
  }

  void fit_float(std::vector<double>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    fstart_ = values.empty() ? 1.0 : values.front();
    fstep_ = 1.0;
    if (values.size() >= 2) {
      const double gap = values[1] - values[0];
      bool equal = gap > 0;
      for (size_t i = 2; equal && i < values.size(); ++i) equal = values[i] - values[i - 1] == gap;
      if (equal) fstep_ = gap;
    }
  }

  void fit_strings(const Column& real) {
    const std::vector<std::string> texts = value_detail::non_null_text(real);
    std::vector<std::string_view> values(texts.begin(), texts.end());
    const size_t n = values.size();
    // A shape must cover 90% of the values: a few placeholders ('Val2 ') do not break it.
    const size_t needed = std::max<size_t>(1, (n * 9 + 9) / 10);
    mode_ = KeyMode::Counter;
    if (n == 0) return;

    size_t uuids = 0, braced = 0, upper_hex = 0, lower_hex = 0;
    for (std::string_view v : values) {
      bool b = false;
      if (!looks_like_uuid(v, b)) continue;
      ++uuids;
      braced += b;
      for (char c : v) {
        upper_hex += c >= 'A' && c <= 'F';
        lower_hex += c >= 'a' && c <= 'f';
      }
    }
    if (uuids >= needed) {
      mode_ = KeyMode::Uuid;
      upper_ = upper_hex > lower_hex;
      braces_ = braced * 2 > uuids;
      return;
    }

    const std::string raw_prefix = robust_prefix(values, needed);
    if (try_digits(values, raw_prefix, needed)) return;
    if (try_code(values, raw_prefix, needed)) return;
    // Mixed shapes: the shared prefix and suffix around a plain counter.
    prefix_ = trim_back(raw_prefix, text::is_digit);
    std::vector<std::string_view> rests;
    for (std::string_view v : values) {
      if (v.starts_with(prefix_)) rests.push_back(v.substr(prefix_.size()));
    }
    suffix_ = trim_front(robust_suffix(rests, needed), text::is_digit);
    start_ = 1;
  }

  bool try_digits(const std::vector<std::string_view>& values, const std::string& raw_prefix,
                  size_t needed) {
    const std::string prefix = trim_back(raw_prefix, text::is_digit);
    std::vector<std::string_view> rests;
    for (std::string_view v : values) {
      if (v.starts_with(prefix)) rests.push_back(v.substr(prefix.size()));
    }
    const std::string suffix = trim_front(robust_suffix(rests, needed), text::is_digit);
    std::vector<uint64_t> numbers;
    size_t padded = 0, min_width = SIZE_MAX, max_width = 0;
    for (std::string_view m : middles(values, prefix, suffix)) {
      if (m.size() > 18 || !std::all_of(m.begin(), m.end(), text::is_digit)) continue;
      uint64_t number = 0;
      for (char c : m) number = number * 10 + static_cast<uint64_t>(c - '0');
      numbers.push_back(number);
      padded += m.size() > 1 && m[0] == '0';
      min_width = std::min(min_width, m.size());
      max_width = std::max(max_width, m.size());
    }
    if (numbers.size() < needed) return false;
    mode_ = KeyMode::Digits;
    prefix_ = prefix;
    suffix_ = suffix;
    pad_ = padded > 0 || (min_width == max_width && min_width > 1) ? min_width : 0;
    std::vector<int64_t> signed_numbers(numbers.begin(), numbers.end());
    fit_arithmetic(signed_numbers);
    return true;
  }

  bool try_code(const std::vector<std::string_view>& values, const std::string& raw_prefix,
                size_t needed) {
    const std::string prefix = trim_back(raw_prefix, is_ascii_alnum);
    std::vector<std::string_view> rests;
    for (std::string_view v : values) {
      if (v.starts_with(prefix)) rests.push_back(v.substr(prefix.size()));
    }
    const std::string suffix = trim_front(robust_suffix(rests, needed), is_ascii_alnum);
    std::vector<std::string_view> codes;
    for (std::string_view m : middles(values, prefix, suffix)) {
      if (std::all_of(m.begin(), m.end(), is_ascii_alnum)) codes.push_back(m);
    }
    if (codes.size() < needed) return false;
    // The modal width must also cover 90% of all values.
    std::vector<size_t> widths;
    for (std::string_view c : codes) widths.push_back(c.size());
    std::sort(widths.begin(), widths.end());
    size_t best_width = 0, best_count = 0;
    for (size_t i = 0; i < widths.size();) {
      size_t j = i;
      while (j < widths.size() && widths[j] == widths[i]) ++j;
      if (j - i > best_count) {
        best_count = j - i;
        best_width = widths[i];
      }
      i = j;
    }
    if (best_count < needed) return false;
    std::vector<uint8_t> classes(best_width, 0);  // bit 0 digit, 1 upper, 2 lower
    bool hex_letters = best_width >= 8;
    for (std::string_view c : codes) {
      if (c.size() != best_width) continue;
      for (size_t i = 0; i < c.size(); ++i) {
        classes[i] |= text::is_digit(c[i]) ? 1 : text::is_upper(c[i]) ? 2 : 4;
        if (!is_hex(c[i])) hex_letters = false;
      }
    }
    mode_ = KeyMode::Code;
    prefix_ = prefix;
    suffix_ = suffix;
    for (uint8_t cls : classes) {
      std::string alphabet;
      if (cls & 1) alphabet += kDigitChars;
      if (cls & 2) alphabet += hex_letters ? kUpperChars.substr(0, 6) : kUpperChars;
      if (cls & 4) alphabet += hex_letters ? kLowerChars.substr(0, 6) : kLowerChars;
      alphabets_.push_back(std::move(alphabet));
    }
    return true;
  }

  // Fixed width while the index fits; then one position wider (repeating the last alphabet),
  // so codes of different widths never collide.
  void append_code(std::string& out, uint64_t index) const {
    std::vector<uint32_t> radices;
    for (const std::string& a : alphabets_) radices.push_back(static_cast<uint32_t>(a.size()));
    std::vector<uint32_t> digits;
    for (;;) {
      if (scramble_index(index, radices, salt_ + radices.size(), digits)) break;
      unsigned __int128 capacity = 1;
      for (uint32_t r : radices) capacity *= r;
      index -= static_cast<uint64_t>(capacity);
      radices.push_back(radices.back());
    }
    for (size_t i = 0; i < digits.size(); ++i) {
      const std::string& alphabet = alphabets_[std::min(i, alphabets_.size() - 1)];
      out.push_back(alphabet[digits[i]]);
    }
  }

  void append_uuid(std::string& out, uint64_t index) const {
    // 30 free hex digits + the variant digit (8, 9, a or b); the version digit is 4.
    static const std::vector<uint32_t> kRadices = [] {
      std::vector<uint32_t> r(31, 16);
      r[15] = 4;
      return r;
    }();
    std::vector<uint32_t> digits;
    scramble_index(index, kRadices, salt_, digits);
    const char* hex = upper_ ? "0123456789ABCDEF" : "0123456789abcdef";
    if (braces_) out.push_back('{');
    size_t d = 0;
    for (int pos = 0; pos < 32; ++pos) {
      if (pos == 8 || pos == 12 || pos == 16 || pos == 20) out.push_back('-');
      if (pos == 12) {
        out.push_back('4');
      } else if (pos == 16) {
        out.push_back(hex[8 + digits[d++]]);
      } else {
        out.push_back(hex[digits[d++]]);
      }
    }
    if (braces_) out.push_back('}');
  }

  KeyMode mode_ = KeyMode::Integer;
  int64_t start_ = 1;
  int64_t step_ = 1;
  double fstart_ = 1;
  double fstep_ = 1;
  std::string prefix_;
  std::string suffix_;
  size_t pad_ = 0;
  std::vector<std::string> alphabets_;
  bool upper_ = false;
  bool braces_ = false;
  uint64_t salt_ = 0;
};

}  // namespace

std::unique_ptr<ValueGenerator> make_key_generator() { return std::make_unique<KeyGenerator>(); }

double repeated_share(const Column& column, int threshold) {
  std::unordered_map<std::string, int64_t> counts;
  int64_t non_null = 0;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.is_null(row)) continue;
    ++counts[column.text_at(row)];
    ++non_null;
  }
  if (non_null == 0) return 1.0;
  int64_t repeated = 0;
  for (const auto& [value, count] : counts)
    if (count >= threshold) repeated += count;
  return static_cast<double>(repeated) / static_cast<double>(non_null);
}

std::unique_ptr<ValueGenerator> make_generator(GeneratorKind kind) {
  switch (kind) {
    case GeneratorKind::Key:
      return make_key_generator();
    case GeneratorKind::Pii:
      return make_pii_generator();
    case GeneratorKind::Text:
      return make_text_generator();
    case GeneratorKind::Pattern:
      return make_pattern_generator();
    case GeneratorKind::Fake:
      return make_fake_generator();
    case GeneratorKind::Regex:
      return make_regex_generator();
    case GeneratorKind::Values:
      return make_values_generator();
  }
  throw UsageError("unknown value generator kind " + std::to_string(static_cast<int>(kind)));
}

// Version 2 adds the pattern kind, version 3 the fake kind, version 4 the regex and values kinds.
constexpr uint32_t kGeneratorSectionVersion = 4;

void save_generator(const ValueGenerator& generator, BinaryWriter& out) {
  out.begin_section("value_generator", kGeneratorSectionVersion);
  out.u8(static_cast<uint8_t>(generator.kind()));
  generator.save(out);
  out.end_section();
}

std::unique_ptr<ValueGenerator> load_generator(BinaryReader& in) {
  const uint32_t version = in.begin_section("value_generator", kGeneratorSectionVersion);
  const uint8_t kind = in.u8();
  const uint8_t last_kind = version >= 4 ? 7 : version >= 3 ? 5 : version >= 2 ? 4 : 3;
  if (kind < 1 || kind > last_kind) in.fail("unknown value generator kind " + std::to_string(kind));
  auto generator = make_generator(static_cast<GeneratorKind>(kind));
  generator->load(in);
  in.end_section();
  return generator;
}

}  // namespace relsynth
