// The `pattern` treatment's language: parsing with positioned errors, counting the values a
// pattern spells, and spelling them at random or one distinct value per row index.
#include "model/regex_pattern.h"

#include <algorithm>
#include <bit>
#include <bitset>
#include <vector>

#include "core/text.h"
#include "model/value_generator.h"
#include "relsynth/error.h"

namespace relsynth {

namespace regex_detail {

// Counts saturate at 2^64: "2^64 or more" is all a unique index needs to know.
using Count = unsigned __int128;
constexpr Count kBig = static_cast<Count>(1) << 64;
constexpr double kMaxWeight = 1e300;
constexpr uint32_t kMaxRepeat = 1000;
constexpr size_t kMaxValueLength = 10000;
constexpr size_t kMaxPositions = 64;
// An integer column takes a pattern of digits up to this long (int64 holds 18 digits).
constexpr size_t kMaxIntegerDigits = 18;  // fixed-length parts compared position by position

Count add(Count a, Count b) { return std::min(a + b, kBig); }
Count multiply(Count a, Count b) {
  if (a == 0 || b == 0) return 0;
  if (a >= kBig || b >= kBig) return kBig;
  return std::min(a * b, kBig);
}

using Chars = std::bitset<256>;

// What a part of a pattern can spell.
struct Stats {
  Count count = 1;
  double weight = 1;  // count as a double (saturating), for random draws
  size_t min_length = 0, max_length = 0;
  Chars chars;  // every byte it can write
  Chars first;  // the bytes its values can start with
  bool can_be_empty = true;
  std::vector<Chars> positions;  // per byte, when of one length (at most kMaxPositions)
  bool fixed() const { return min_length == max_length; }
};

struct Sequence;

struct Atom {
  enum class Kind { Literal, Set, Group } kind = Kind::Literal;
  std::string text;                // Literal: its bytes; Set: its distinct bytes, sorted
  std::vector<Sequence> branches;  // Group
  size_t position = 0;             // in the pattern text (0-based)
  Stats stats;
};

struct Item {
  Atom atom;
  uint32_t min = 1, max = 1;
  std::vector<Count> counts;    // per repetition count min..max: the values it spells
  std::vector<double> weights;  // the same as doubles
  Stats stats;
};

struct Sequence {
  std::vector<Item> items;
  size_t position = 0;
  Stats stats;
};

namespace {

struct PatternError {
  size_t position;
  std::string what;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_punctuation(char c) { return c > ' ' && c < 0x7f && !is_word(c); }

std::string class_of(bool (*member)(char)) {
  std::string out;
  for (int c = 0x21; c < 0x7f; ++c)
    if (member(static_cast<char>(c))) out += static_cast<char>(c);
  return out;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Sequence parse() {
    if (text_.empty()) fail(0, "the pattern is empty");
    if (peek() == '^') ++at_;
    Sequence root = alternatives(0);
    if (at_ < text_.size()) {
      if (text_[at_] == ')') fail(at_, "')' closes no group");
      fail(at_, "unexpected '" + std::string(1, text_[at_]) + "'");
    }
    return root;
  }

 private:
  [[noreturn]] void fail(size_t position, std::string what) const {
    throw PatternError{position, std::move(what)};
  }
  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  bool done() const { return at_ >= text_.size(); }

  // branch ('|' branch)*: one sequence, or a sequence holding one group of the branches.
  Sequence alternatives(size_t open) {
    std::vector<Sequence> branches;
    branches.push_back(sequence());
    while (peek() == '|') {
      ++at_;
      branches.push_back(sequence());
    }
    if (branches.size() == 1) return std::move(branches.front());
    Sequence out;
    out.position = open;
    Item item;
    item.atom.kind = Atom::Kind::Group;
    item.atom.position = open;
    item.atom.branches = std::move(branches);
    out.items.push_back(std::move(item));
    return out;
  }

  Sequence sequence() {
    Sequence out;
    out.position = at_;
    while (!done() && peek() != '|' && peek() != ')') {
      if (peek() == '$') {
        if (at_ + 1 == text_.size()) {
          ++at_;
          break;
        }
        fail(at_, "'$' may only end the pattern (write \\$ for a dollar sign)");
      }
      Item item;
      item.atom = atom();
      quantifier(item);
      out.items.push_back(std::move(item));
    }
    return out;
  }

  Atom atom() {
    Atom out;
    out.position = at_;
    const char c = text_[at_];
    switch (c) {
      case '(': {
        ++at_;
        if (text_.substr(at_, 2) == "?:")
          at_ += 2;
        else if (peek() == '?')
          fail(at_, "only (?:...) groups are supported");
        Sequence inner = alternatives(out.position);
        if (peek() != ')') fail(out.position, "'(' is never closed");
        ++at_;
        out.kind = Atom::Kind::Group;
        if (inner.items.size() == 1 && inner.items.front().atom.kind == Atom::Kind::Group &&
            inner.items.front().min == 1 && inner.items.front().max == 1)
          out.branches = std::move(inner.items.front().atom.branches);
        else
          out.branches.push_back(std::move(inner));
        return out;
      }
      case '[':
        return character_class();
      case '\\':
        return escape();
      case '.':
        fail(at_,
             "'.' (any character) is not supported: write \\. for a dot, or a class such "
             "as [A-Za-z0-9]");
      case '*':
      case '+':
        fail(at_, std::string("unbounded repetition '") + c + "': give a count such as {1,8}");
      case '?':
      case '{':
        fail(at_, std::string("'") + c + "' repeats nothing");
      case '}':
      case ']':
        fail(at_, std::string("'") + c + "' closes nothing (escape it as \\" + c + ")");
      case '^':
        fail(at_, "'^' may only start the pattern");
      default:
        break;
    }
    // A literal character: one UTF-8 sequence, so a count repeats the whole character.
    const size_t length = utf8_length(static_cast<unsigned char>(c));
    if (at_ + length > text_.size()) fail(at_, "an incomplete UTF-8 character");
    out.text = std::string(text_.substr(at_, length));
    at_ += length;
    return out;
  }

  Atom escape() {
    Atom out;
    out.position = at_;
    if (at_ + 1 >= text_.size()) fail(at_, "'\\' ends the pattern");
    const char c = text_[at_ + 1];
    at_ += 2;
    if (c == 'd' || c == 'w') {
      out.kind = Atom::Kind::Set;
      out.text = c == 'd' ? class_of(is_digit) : class_of(is_word);
    } else if (is_punctuation(c) || c == ' ') {
      out.text = std::string(1, c);
    } else {
      fail(out.position, std::string("unknown escape \\") + c +
                             " (supported: \\d, \\w, and \\ before punctuation)");
    }
    return out;
  }

  // [...] or [^...] over printable ASCII: ranges, \d, \w, escaped punctuation.
  Atom character_class() {
    Atom out;
    out.kind = Atom::Kind::Set;
    out.position = at_;
    ++at_;
    const bool negated = peek() == '^';
    if (negated) ++at_;
    Chars members;
    bool first = true;
    for (;;) {
      if (done()) fail(out.position, "'[' is never closed");
      const size_t here = at_;
      char c = text_[at_];
      if (c == ']' && !first) {
        ++at_;
        break;
      }
      first = false;
      if (static_cast<unsigned char>(c) >= 0x80 || static_cast<unsigned char>(c) < 0x20)
        fail(here, "a class may only hold printable ASCII characters");
      ++at_;
      if (c == '\\') {
        if (done()) fail(here, "'\\' ends the pattern");
        const char e = text_[at_++];
        if (e == 'd' || e == 'w') {
          for (char m : class_of(e == 'd' ? is_digit : is_word))
            members.set(static_cast<unsigned char>(m));
          continue;
        }
        if (!is_punctuation(e) && e != ' ')
          fail(here, std::string("unknown escape \\") + e + " in a class");
        c = e;
      }
      if (peek() == '-' && at_ + 1 < text_.size() && text_[at_ + 1] != ']') {
        char high = text_[at_ + 1];
        at_ += 2;
        if (high == '\\') {
          if (done()) fail(here, "'\\' ends the pattern");
          high = text_[at_++];
          if (!is_punctuation(high)) fail(here, "a range must end at a character");
        }
        if (static_cast<unsigned char>(high) >= 0x80 || high < c)
          fail(here, std::string("the range ") + c + "-" + high + " runs backwards");
        for (int m = c; m <= high; ++m) members.set(static_cast<unsigned char>(m));
        continue;
      }
      members.set(static_cast<unsigned char>(c));
    }
    for (int c = 0x20; c < 0x7f; ++c)
      if (members.test(c) != negated) out.text += static_cast<char>(c);
    if (negated) std::erase(out.text, ' ');  // [^...] means visible characters
    if (out.text.empty()) fail(out.position, "the class holds no character");
    return out;
  }

  uint32_t number() {
    const size_t start = at_;
    uint64_t value = 0;
    while (is_digit(peek()) && value <= kMaxRepeat) value = value * 10 + (text_[at_++] - '0');
    if (at_ == start) fail(start, "a count needs a number, as in {3} or {2,5}");
    if (value > kMaxRepeat)
      fail(start, "a count of at most " + std::to_string(kMaxRepeat) + " is supported");
    return static_cast<uint32_t>(value);
  }

  void quantifier(Item& item) {
    const size_t here = at_;
    if (peek() == '?') {
      ++at_;
      item.min = 0;
      item.max = 1;
    } else if (peek() == '{') {
      ++at_;
      item.min = item.max = number();
      if (peek() == ',') {
        ++at_;
        if (peek() == '}') fail(here, "an unbounded count {n,}: give a largest count {n,m}");
        item.max = number();
      }
      if (peek() != '}') fail(here, "'{' is never closed");
      ++at_;
      if (item.max < item.min) fail(here, "the count {n,m} has m smaller than n");
    } else if (peek() == '*' || peek() == '+') {
      fail(here, std::string("unbounded repetition '") + peek() + "': give a count such as {1,8}");
    } else {
      return;
    }
    if (peek() == '?' || peek() == '{' || peek() == '*' || peek() == '+')
      fail(at_, "a second count after a count (group the part and count the group)");
  }

  std::string_view text_;
  size_t at_ = 0;
};

Stats concatenate(const Stats& a, const Stats& b) {
  Stats out;
  out.count = multiply(a.count, b.count);
  out.weight = std::min(a.weight * b.weight, kMaxWeight);
  out.min_length = a.min_length + b.min_length;
  out.max_length = std::min(a.max_length + b.max_length, kMaxValueLength + 1);
  out.chars = a.chars | b.chars;
  out.first = a.first | (a.can_be_empty ? b.first : Chars());
  out.can_be_empty = a.can_be_empty && b.can_be_empty;
  if (a.fixed() && b.fixed() && out.min_length <= kMaxPositions &&
      a.positions.size() == a.min_length && b.positions.size() == b.min_length) {
    out.positions = a.positions;
    out.positions.insert(out.positions.end(), b.positions.begin(), b.positions.end());
  }
  return out;
}

void compute(Sequence& sequence);

void compute(Atom& atom) {
  Stats& s = atom.stats;
  s = Stats();
  if (atom.kind == Atom::Kind::Group) {
    s.count = 0;
    s.weight = 0;
    s.min_length = SIZE_MAX;
    for (Sequence& branch : atom.branches) {
      compute(branch);
      const Stats& b = branch.stats;
      s.count = add(s.count, b.count);
      s.weight = std::min(s.weight + b.weight, kMaxWeight);
      s.min_length = std::min(s.min_length, b.min_length);
      s.max_length = std::max(s.max_length, b.max_length);
      s.chars |= b.chars;
      s.first |= b.first;
    }
    s.can_be_empty = s.min_length == 0;
    if (s.fixed()) {
      s.positions.assign(s.min_length, Chars());
      for (const Sequence& branch : atom.branches) {
        if (branch.stats.positions.size() != s.min_length) {
          s.positions.clear();
          break;
        }
        for (size_t k = 0; k < s.min_length; ++k) s.positions[k] |= branch.stats.positions[k];
      }
    }
    return;
  }
  s.count = atom.kind == Atom::Kind::Set ? atom.text.size() : 1;
  s.weight = static_cast<double>(s.count);
  s.min_length = s.max_length = atom.kind == Atom::Kind::Set ? 1 : atom.text.size();
  s.can_be_empty = false;
  for (char c : atom.text) s.chars.set(static_cast<unsigned char>(c));
  if (atom.kind == Atom::Kind::Set) {
    s.first = s.chars;
    s.positions = {s.chars};
  } else {
    s.first.set(static_cast<unsigned char>(atom.text.front()));
    for (char c : atom.text) s.positions.emplace_back().set(static_cast<unsigned char>(c));
  }
}

void compute(Item& item) {
  compute(item.atom);
  const Stats& a = item.atom.stats;
  Stats once = a, repeated;  // repeated: the atom `min` times
  repeated.count = 1;
  repeated.can_be_empty = true;
  for (uint32_t r = 0; r < item.min; ++r) repeated = concatenate(repeated, once);
  item.counts.clear();
  item.weights.clear();
  Stats total;
  total.count = 0;
  total.weight = 0;
  Stats current = repeated;
  for (uint32_t r = item.min; r <= item.max; ++r) {
    if (r > item.min) current = concatenate(current, once);
    item.counts.push_back(current.count);
    item.weights.push_back(current.weight);
    total.count = add(total.count, current.count);
    total.weight = std::min(total.weight + current.weight, kMaxWeight);
  }
  Stats& s = item.stats;
  s = repeated;
  s.count = total.count;
  s.weight = total.weight;
  s.max_length = std::min<size_t>(a.max_length * item.max, kMaxValueLength + 1);
  if (item.max > 0) s.chars = a.chars;
  if (item.min == 0) {
    s.first = item.max > 0 ? a.first : Chars();
    s.can_be_empty = true;
  }
  if (!s.fixed()) s.positions.clear();
}

void compute(Sequence& sequence) {
  Stats s;
  for (Item& item : sequence.items) {
    compute(item);
    s = concatenate(s, item.stats);
  }
  sequence.stats = s;
}

// Whether no value is spelled by both `a` and `b`.
bool disjoint(const Stats& a, const Stats& b) {
  if (a.max_length < b.min_length || b.max_length < a.min_length) return true;
  if (!a.can_be_empty && !b.can_be_empty && (a.first & b.first).none()) return true;
  if (a.fixed() && b.fixed() && a.min_length == b.min_length &&
      a.positions.size() == a.min_length && b.positions.size() == b.min_length)
    for (size_t k = 0; k < a.min_length; ++k)
      if ((a.positions[k] & b.positions[k]).none()) return true;
  return false;
}

std::optional<PatternError> ambiguity(const Sequence& sequence);

std::optional<PatternError> ambiguity(const Item& item) {
  const Atom& atom = item.atom;
  if (atom.kind == Atom::Kind::Group) {
    for (const Sequence& branch : atom.branches)
      if (auto problem = ambiguity(branch)) return problem;
    for (size_t i = 0; i < atom.branches.size(); ++i)
      for (size_t j = i + 1; j < atom.branches.size(); ++j)
        if (!disjoint(atom.branches[i].stats, atom.branches[j].stats))
          return PatternError{atom.branches[j].position,
                              "this alternative can spell a value an earlier one spells"};
  }
  if (item.max > 1 && !atom.stats.fixed())
    return PatternError{atom.position, "a repeated part of varying length"};
  if (item.min == 0 && item.max > 0 && atom.stats.can_be_empty)
    return PatternError{atom.position, "an optional part that can be empty"};
  return std::nullopt;
}

// A sequence reads one way when, between literals its other parts cannot write (separators),
// at most one part varies in length.
std::optional<PatternError> ambiguity(const Sequence& sequence) {
  Chars segment;
  const Item* varying = nullptr;
  for (const Item& item : sequence.items) {
    if (auto problem = ambiguity(item)) return problem;
    const bool literal = item.atom.kind == Atom::Kind::Literal && item.min == 1 && item.max == 1;
    if (literal && !segment.test(static_cast<unsigned char>(item.atom.text.front()))) {
      segment.reset();
      varying = nullptr;
      continue;
    }
    segment |= item.stats.chars;
    if (item.stats.fixed()) continue;
    if (varying)
      return PatternError{item.atom.position,
                          "a second part of varying length beside the one at character " +
                              std::to_string(varying->atom.position + 1) +
                              " (fix a length, or put a separator between them)"};
    varying = &item;
  }
  return std::nullopt;
}

void emit_random(const Sequence& sequence, Rng& rng, std::string& out);

// An index drawn with probability weights[i] / sum.
size_t pick(const std::vector<double>& weights, Rng& rng) {
  double total = 0;
  for (double w : weights) total = std::min(total + w, kMaxWeight);
  double u = rng.uniform() * total;
  for (size_t i = 0; i + 1 < weights.size(); ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return weights.size() - 1;
}

void emit_random(const Atom& atom, Rng& rng, std::string& out) {
  switch (atom.kind) {
    case Atom::Kind::Literal:
      out += atom.text;
      return;
    case Atom::Kind::Set:
      out += atom.text[rng.uniform_int(atom.text.size())];
      return;
    case Atom::Kind::Group: {
      std::vector<double> weights;
      for (const Sequence& branch : atom.branches) weights.push_back(branch.stats.weight);
      emit_random(atom.branches[pick(weights, rng)], rng, out);
      return;
    }
  }
}

void emit_random(const Item& item, Rng& rng, std::string& out) {
  const uint32_t reps = item.min + static_cast<uint32_t>(pick(item.weights, rng));
  for (uint32_t r = 0; r < reps; ++r) emit_random(item.atom, rng, out);
}

void emit_random(const Sequence& sequence, Rng& rng, std::string& out) {
  for (const Item& item : sequence.items) emit_random(item, rng, out);
}

// Mixed-radix decoding of `index` (below the part's count, or any 64-bit index when the
// count saturates): distinct indexes give distinct derivations.
void emit_exact(const Sequence& sequence, Count index, std::string& out);

// The last digit (least significant) of `index` in radix `radix`, taking it off.
Count take_digit(Count& index, Count radix) {
  if (radix >= kBig) {
    const Count digit = index;
    index = 0;
    return digit;
  }
  const Count digit = index % radix;
  index /= radix;
  return digit;
}

void emit_exact(const Atom& atom, Count index, std::string& out) {
  switch (atom.kind) {
    case Atom::Kind::Literal:
      out += atom.text;
      return;
    case Atom::Kind::Set:
      out += atom.text[static_cast<size_t>(index)];
      return;
    case Atom::Kind::Group:
      for (const Sequence& branch : atom.branches) {
        if (index < branch.stats.count) return emit_exact(branch, index, out);
        index -= branch.stats.count;
      }
      return;
  }
}

void emit_exact(const Item& item, Count index, std::string& out) {
  for (size_t k = 0; k < item.counts.size(); ++k) {
    if (index >= item.counts[k]) {
      index -= item.counts[k];
      continue;
    }
    const uint32_t reps = item.min + static_cast<uint32_t>(k);
    std::vector<Count> digits(reps);
    for (uint32_t r = reps; r-- > 0;) digits[r] = take_digit(index, item.atom.stats.count);
    for (Count digit : digits) emit_exact(item.atom, digit, out);
    return;
  }
}

void emit_exact(const Sequence& sequence, Count index, std::string& out) {
  std::vector<Count> digits(sequence.items.size());
  for (size_t k = sequence.items.size(); k-- > 0;)
    digits[k] = take_digit(index, sequence.items[k].stats.count);
  for (size_t k = 0; k < sequence.items.size(); ++k) emit_exact(sequence.items[k], digits[k], out);
}

}  // namespace
}  // namespace regex_detail

using namespace regex_detail;

RegexPattern::RegexPattern(std::string_view pattern) : text_(pattern) {
  try {
    root_ = std::make_unique<Sequence>(Parser(pattern).parse());
    compute(*root_);
    const Stats& s = root_->stats;
    if (s.max_length > kMaxValueLength)
      throw PatternError{
          0, "its values could be longer than " + std::to_string(kMaxValueLength) + " bytes"};
    if (s.max_length == 0) throw PatternError{0, "it spells only the empty string"};
    if (auto problem = ambiguity(*root_))
      unique_problem_ = "at character " + std::to_string(problem->position + 1) + ": " +
                        problem->what + ", so some values can be spelled two ways";
  } catch (const PatternError& e) {
    throw UsageError("pattern \"" + text_ + "\": at character " + std::to_string(e.position + 1) +
                     ": " + e.what);
  }
  const Stats& s = root_->stats;
  min_length_ = s.min_length;
  max_length_ = s.max_length;
  for (int c = 0; c < 256; ++c)
    if (s.chars.test(c) && !is_digit(static_cast<char>(c))) digits_only_ = false;
}

RegexPattern::~RegexPattern() = default;
RegexPattern::RegexPattern(RegexPattern&&) noexcept = default;
RegexPattern& RegexPattern::operator=(RegexPattern&&) noexcept = default;

std::optional<uint64_t> RegexPattern::count() const {
  if (root_->stats.count >= kBig) return std::nullopt;
  return static_cast<uint64_t>(root_->stats.count);
}

std::string RegexPattern::count_text() const {
  if (auto n = count()) return std::to_string(*n);
  return "more than " + std::to_string(UINT64_MAX);
}

std::string RegexPattern::random_value(Rng& rng) const {
  std::string out;
  emit_random(*root_, rng, out);
  return out;
}

bool RegexPattern::unique_value(uint64_t index, uint64_t salt, std::string& out) const {
  out.clear();
  if (auto n = count()) {
    if (index >= *n) return false;
    emit_exact(*root_, value_detail::permute_below(index, *n, salt), out);
    return true;
  }
  // 2^64 values or more: a bijective mix of the index is spelled by the last parts (each
  // character of a fixed count its own part) exactly; the parts before them, which every
  // index would leave at their first value, are drawn from it at random instead.
  struct Part {
    const Item* item;  // a whole item, or one repetition of its atom
    bool whole;
  };
  std::vector<Part> parts;
  for (const Item& item : root_->items) {
    if (item.min == item.max)
      for (uint32_t r = 0; r < item.min; ++r) parts.push_back({&item, false});
    else
      parts.push_back({&item, true});
  }
  Count rest = mix64(index ^ mix64(salt ^ 0x243f6a8885a308d3ULL));
  Rng rng = Rng::from_key(mix64(static_cast<uint64_t>(rest) ^ salt));
  std::vector<std::optional<Count>> digits(parts.size());
  Count place = 1;
  for (size_t k = parts.size(); k-- > 0 && place < kBig;) {
    const Count radix =
        parts[k].whole ? parts[k].item->stats.count : parts[k].item->atom.stats.count;
    digits[k] = take_digit(rest, multiply(place, radix) >= kBig ? kBig : radix);
    place = multiply(place, radix);
  }
  for (size_t k = 0; k < parts.size(); ++k) {
    const Item& item = *parts[k].item;
    if (!digits[k])
      parts[k].whole ? emit_random(item, rng, out) : emit_random(item.atom, rng, out);
    else
      parts[k].whole ? emit_exact(item, *digits[k], out) : emit_exact(item.atom, *digits[k], out);
  }
  return true;
}

std::string pattern_type_problem(const RegexPattern& pattern, DataType type) {
  if (type == DataType::String) return {};
  if (type != DataType::Int64)
    return "a pattern applies to string and integer columns, not " + std::string(to_string(type)) +
           " ones";
  if (!pattern.digits_only() || pattern.max_length() > kMaxIntegerDigits)
    return "an integer column takes a pattern of digits only, at most " +
           std::to_string(kMaxIntegerDigits) + " long; pattern \"" + pattern.text() +
           "\" spells other values";
  if (pattern.min_length() != pattern.max_length())
    return "an integer column takes a pattern of one length (a leading 0 would vanish); "
           "pattern \"" +
           pattern.text() + "\" varies in length";
  return {};
}

std::string pattern_problem(std::string_view pattern) {
  try {
    RegexPattern parsed(pattern);
  } catch (const UsageError& e) {
    // Without the "pattern \"...\": " prefix: the caller names the pattern.
    const std::string what = e.what();
    const std::string prefix = "pattern \"" + std::string(pattern) + "\": ";
    return what.starts_with(prefix) ? what.substr(prefix.size()) : what;
  }
  return {};
}

}  // namespace relsynth
