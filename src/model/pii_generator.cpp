// PII generator: fresh values of the same kind and format as a PII column, built from the
// built-in word lists and random digits. Only shapes (masks, templates, length distributions)
// and parts shared by enough distinct values not to identify anyone (words, hosts, country
// codes in >= rare_threshold values) are learned; a Bloom filter of the column's values makes a
// generated value that spells a real one be drawn again. Places (cities, countries) keep their
// frequent real values (>= rare_threshold rows) instead.
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "model/value_generator.h"
#include "model/word_lists.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

using text::CaseStyle;
using value_detail::append_padded;
using value_detail::StringStats;

// Slot markers inside masks and templates (control bytes never met in real PII text).
constexpr char kDigitSlot = '\x01';
constexpr char kUpperSlot = '\x02';
constexpr char kLowerSlot = '\x03';
constexpr char kWordSlot = '\x04';     // followed by one byte: the word's length
constexpr char kInitialSlot = '\x05';  // a single letter
constexpr char kNumberSlot = '\x06';   // followed by one byte: the digit count
constexpr size_t kMaxTemplates = 256;
constexpr int kMaxRedraws = 16;  // draws of a value that keeps spelling a real one

struct PartCounts;

// Strings drawn by weight. An empty string can stand for "something generated instead".
struct WeightedStrings {
  std::vector<std::string> values;
  std::vector<float> weights;
  std::vector<float> cumulative;

  // Keeps entries counted at least `min_count` times (the `max_entries` most frequent); the
  // rest's weight goes to `rest` when given.
  static WeightedStrings from_counts(const std::unordered_map<std::string, size_t>& counts,
                                     size_t min_count, size_t max_entries,
                                     const std::string* rest) {
    std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    WeightedStrings out;
    size_t rest_count = 0;
    for (const auto& [value, count] : sorted) {
      if (count >= min_count && out.values.size() < max_entries) {
        out.values.push_back(value);
        out.weights.push_back(static_cast<float>(count));
      } else {
        rest_count += count;
      }
    }
    if (rest != nullptr && rest_count > 0) {
      out.values.push_back(*rest);
      out.weights.push_back(static_cast<float>(rest_count));
    }
    out.finish();
    return out;
  }

  // Keeps the parts that at least `min_values` distinct values share, weighted by rows.
  static WeightedStrings from_counts(const PartCounts& counts, size_t min_values,
                                     size_t max_entries, const std::string* rest);

  void finish() {
    cumulative.resize(weights.size());
    float total = 0;
    for (size_t i = 0; i < weights.size(); ++i) cumulative[i] = total += weights[i];
  }
  bool empty() const { return values.empty(); }
  const std::string& sample(Rng& rng) const {
    static const std::string kEmpty;
    if (values.empty()) return kEmpty;
    return values[rng.sample_cumulative(cumulative)];
  }
  float share_of(const std::string& value) const {
    if (cumulative.empty()) return 0;
    float w = 0;
    for (size_t i = 0; i < values.size(); ++i) w += values[i] == value ? weights[i] : 0;
    return w / cumulative.back();
  }
  void save(BinaryWriter& out) const {
    out.strs(values);
    out.f32s(weights);
  }
  void load(BinaryReader& in) {
    values = in.strs();
    weights = in.f32s();
    if (values.size() != weights.size()) in.fail("value generator: weights do not match values");
    for (float w : weights) {
      if (!(w >= 0)) in.fail("value generator: negative weight");
    }
    finish();
  }
};

// How often each part of the values (a word, a host, a country code) occurs: in how many rows,
// and in how many distinct values. A value over many rows is still one person's (a customer's
// company name on each of its orders), so a part is kept when enough distinct values share it.
struct PartCounts {
  std::unordered_map<std::string, size_t> rows, values;
  void add(const std::string& part, bool first_of_value) {
    ++rows[part];
    if (first_of_value) ++values[part];
  }
};

WeightedStrings WeightedStrings::from_counts(const PartCounts& counts, size_t min_values,
                                             size_t max_entries, const std::string* rest) {
  std::unordered_map<std::string, size_t> kept;
  size_t rest_rows = 0;
  for (const auto& [part, rows] : counts.rows) {
    const auto at = counts.values.find(part);
    if (at != counts.values.end() && at->second >= min_values) kept[part] = rows;
    rest_rows += rows;
  }
  WeightedStrings out = from_counts(kept, 1, max_entries, nullptr);
  for (float w : out.weights) rest_rows -= static_cast<size_t>(w);
  if (rest != nullptr && rest_rows > 0) {
    out.values.push_back(*rest);
    out.weights.push_back(static_cast<float>(rest_rows));
  }
  out.finish();
  return out;
}

// Per value, whether it is the first row holding it.
std::vector<bool> first_occurrences(const std::vector<std::string>& values) {
  std::unordered_set<std::string_view> seen;
  std::vector<bool> first;
  first.reserve(values.size());
  for (const std::string& v : values) first.push_back(seen.insert(v).second);
  return first;
}

// Small non-negative integers drawn by weight (weights[i] is the weight of i).
struct Histogram {
  std::vector<float> weights;
  std::vector<float> cumulative;

  void add(size_t value, size_t cap) {
    value = std::min(value, cap);
    if (weights.size() <= value) weights.resize(value + 1, 0);
    weights[value] += 1;
  }
  void finish() {
    cumulative.resize(weights.size());
    float total = 0;
    for (size_t i = 0; i < weights.size(); ++i) cumulative[i] = total += weights[i];
  }
  bool empty() const { return cumulative.empty() || !(cumulative.back() > 0); }
  size_t sample(Rng& rng, size_t fallback) const {
    return empty() ? fallback : rng.sample_cumulative(cumulative);
  }
  double mean() const {
    double sum = 0, total = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      sum += i * static_cast<double>(weights[i]);
      total += weights[i];
    }
    return total > 0 ? sum / total : 0;
  }
  void save(BinaryWriter& out) const { out.f32s(weights); }
  void load(BinaryReader& in) {
    weights = in.f32s();
    for (float w : weights) {
      if (!(w >= 0)) in.fail("value generator: negative weight");
    }
    finish();
  }
};

template <typename List>
const typename List::value_type& pick(const List& list, Rng& rng) {
  return list[rng.uniform_int(list.size())];
}

// Of a few random entries, the one whose length is closest to `length`: follows the source's
// length distribution without storing any of its words.
std::string_view pick_close(std::span<const std::string_view> list, size_t length, Rng& rng,
                            int tries = 4) {
  std::string_view best = pick(list, rng);
  for (int i = 1; i < tries; ++i) {
    std::string_view candidate = pick(list, rng);
    const auto distance = [&](std::string_view s) {
      return s.size() > length ? s.size() - length : length - s.size();
    };
    if (distance(candidate) < distance(best)) best = candidate;
  }
  return best;
}

std::string lower(std::string_view s) { return text::apply_case(s, CaseStyle::Lower); }

void append_random_digits(std::string& out, size_t count, Rng& rng, bool nonzero_first) {
  for (size_t i = 0; i < count; ++i) {
    const uint64_t base = i == 0 && nonzero_first ? 9 : 10;
    out.push_back(
        static_cast<char>('0' + (i == 0 && nonzero_first ? 1 : 0) + rng.uniform_int(base)));
  }
}

// The column-level case style: the most common style of its alphabetic words.
struct CaseCounter {
  size_t counts[4] = {0, 0, 0, 0};
  void add(std::string_view word) {
    const CaseStyle style = text::case_of(word);
    if (style != CaseStyle::Mixed || std::any_of(word.begin(), word.end(), text::is_alpha)) {
      ++counts[static_cast<int>(style)];
    }
  }
  CaseStyle style() const {
    int best = static_cast<int>(CaseStyle::Capitalized);
    for (int i = 0; i < 4; ++i) {
      if (counts[i] > counts[best]) best = i;
    }
    return static_cast<CaseStyle>(best);
  }
};

std::string cased(std::string_view word, CaseStyle style) {
  return style == CaseStyle::Mixed || style == CaseStyle::Capitalized
             ? std::string(word)
             : text::apply_case(word, style);
}

std::vector<std::string_view> split_words(std::string_view value) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && text::is_space(value[i])) ++i;
    size_t j = i;
    while (j < value.size() && !text::is_space(value[j])) ++j;
    if (j > i) words.push_back(value.substr(i, j - i));
    i = j;
  }
  return words;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), text::is_digit);
}

// ---- Masks: phones, postal codes, numbers -------------------------------------------------

struct MaskModel {
  WeightedStrings masks;

  static std::string mask_of(std::string_view value, size_t keep_literal) {
    std::string mask(value.substr(0, keep_literal));
    for (char c : value.substr(keep_literal)) {
      mask.push_back(text::is_digit(c)   ? kDigitSlot
                     : text::is_upper(c) ? kUpperSlot
                     : text::is_lower(c) ? kLowerSlot
                                         : c);
    }
    return mask;
  }

  // Phones keep a country code ("+1", "+55") seen in at least `min_rows` distinct values.
  void fit(const std::vector<std::string>& values, bool keep_country_code, size_t min_rows) {
    std::unordered_map<std::string, size_t> codes;
    const auto code_length = [](std::string_view v) -> size_t {
      if (v.size() < 3 || v[0] != '+') return 0;
      size_t i = 1;
      while (i < v.size() && i <= 4 && text::is_digit(v[i])) ++i;
      return i > 1 && i < v.size() && !text::is_digit(v[i]) ? i : 0;
    };
    if (keep_country_code) {
      const std::vector<bool> first = first_occurrences(values);
      for (size_t i = 0; i < values.size(); ++i) {
        if (size_t len = code_length(values[i]); len && first[i]) ++codes[values[i].substr(0, len)];
      }
    }
    std::unordered_map<std::string, size_t> counts;
    for (const std::string& v : values) {
      size_t keep = 0;
      if (keep_country_code) {
        const size_t len = code_length(v);
        if (len > 0 && codes[v.substr(0, len)] >= min_rows) keep = len;
      }
      ++counts[mask_of(v, keep)];
    }
    masks = WeightedStrings::from_counts(counts, 1, kMaxTemplates, nullptr);
  }

  // Whether slot `i` is a leading digit that must not be 0 (numbers stored as integers keep
  // their digit count only so).
  static bool leading_digit(const std::string& mask, size_t i, bool nonzero_first) {
    return nonzero_first && mask[i] == kDigitSlot && (i == 0 || (i == 1 && mask[0] == '-'));
  }

  std::string generate(Rng& rng, bool nonzero_first) const {
    const std::string& mask = masks.sample(rng);
    std::string out;
    out.reserve(mask.size());
    for (size_t i = 0; i < mask.size(); ++i) {
      const char c = mask[i];
      if (leading_digit(mask, i, nonzero_first))
        out.push_back(static_cast<char>('1' + rng.uniform_int(9)));
      else if (c == kDigitSlot)
        out.push_back(static_cast<char>('0' + rng.uniform_int(10)));
      else if (c == kUpperSlot)
        out.push_back(static_cast<char>('A' + rng.uniform_int(26)));
      else if (c == kLowerSlot)
        out.push_back(static_cast<char>('a' + rng.uniform_int(26)));
      else
        out.push_back(c);
    }
    return out;
  }

  // The mask is drawn at random; its slots spell a scramble of the index, so two indexes never
  // give the same text (masks differ in length or in a literal, never only in slot contents).
  std::string generate_unique(uint64_t index, Rng& rng, uint64_t salt, bool nonzero_first) const {
    const std::string& mask = masks.sample(rng);
    std::vector<uint32_t> radices;
    for (size_t i = 0; i < mask.size(); ++i) {
      const char c = mask[i];
      if (leading_digit(mask, i, nonzero_first))
        radices.push_back(9);
      else if (c == kDigitSlot)
        radices.push_back(10);
      else if (c == kUpperSlot || c == kLowerSlot)
        radices.push_back(26);
    }
    std::vector<uint32_t> digits;
    const bool fits = value_detail::scramble_index(
        index, radices, salt ^ text::hash_string(mask, 0x6d61736b), digits);
    std::string out;
    size_t d = 0;
    for (size_t i = 0; i < mask.size(); ++i) {
      const char c = mask[i];
      if (leading_digit(mask, i, nonzero_first))
        out.push_back(static_cast<char>('1' + (fits ? digits[d++] : rng.uniform_int(9))));
      else if (c == kDigitSlot)
        out.push_back(static_cast<char>('0' + (fits ? digits[d++] : rng.uniform_int(10))));
      else if (c == kUpperSlot)
        out.push_back(static_cast<char>('A' + (fits ? digits[d++] : rng.uniform_int(26))));
      else if (c == kLowerSlot)
        out.push_back(static_cast<char>('a' + (fits ? digits[d++] : rng.uniform_int(26))));
      else
        out.push_back(c);
    }
    if (!fits) {  // more rows than the mask has values: widen with the index itself
      out += " #";
      append_padded(out, index, 0);
    }
    return out;
  }

  std::string describe() const {
    std::string shown;
    for (size_t i = 0; i < std::min<size_t>(masks.values.size(), 3); ++i) {
      if (i > 0) shown += ", ";
      shown += '"';
      for (char c : masks.values[i]) {
        shown += c == kDigitSlot ? '#' : c == kUpperSlot ? 'A' : c == kLowerSlot ? 'a' : c;
      }
      shown += '"';
    }
    return std::to_string(masks.values.size()) + " masks (" + shown + ")";
  }
  void save(BinaryWriter& out) const { masks.save(out); }
  void load(BinaryReader& in) { masks.load(in); }
};

// ---- Email local parts and user names -------------------------------------------------------

// A local part's template: word slots (with the source word's length), digit runs and literal
// separators, e.g. "first.last" -> W5 . W6, "jsmith42" -> W6 D2.
struct LocalPartModel {
  WeightedStrings templates;
  CaseStyle case_style = CaseStyle::Lower;

  static std::string template_of(std::string_view local, CaseCounter& cases) {
    std::string out;
    size_t i = 0;
    while (i < local.size()) {
      size_t j = i;
      if (text::is_alpha(local[i])) {
        while (j < local.size() && text::is_alpha(local[j])) ++j;
        cases.add(local.substr(i, j - i));
        out.push_back(kWordSlot);
        out.push_back(static_cast<char>(std::min<size_t>(j - i, 60)));
      } else if (text::is_digit(local[i])) {
        while (j < local.size() && text::is_digit(local[j])) ++j;
        out.push_back(kNumberSlot);
        out.push_back(static_cast<char>(std::min<size_t>(j - i, 20)));
      } else {
        out.push_back(local[i]);
        j = i + 1;
      }
      i = j;
    }
    return out;
  }

  void fit(const std::vector<std::string_view>& locals) {
    std::unordered_map<std::string, size_t> counts;
    CaseCounter cases;
    for (std::string_view local : locals) ++counts[template_of(local, cases)];
    templates = WeightedStrings::from_counts(counts, 1, kMaxTemplates, nullptr);
    case_style = cases.style();
  }

  // One alphabetic chunk of about `length` letters: a first or last name, or a classic
  // combination (first+last, initial+last, first+initial) when there is a single chunk.
  static std::string word(size_t length, int position, int words, Rng& rng) {
    if (words >= 2) {
      const bool last = position == words - 1;
      return lower(pick_close(last ? words::last_names() : words::first_names(), length, rng));
    }
    std::string best;
    size_t best_distance = SIZE_MAX;
    for (int form = 0; form < 5; ++form) {
      for (int k = 0; k < 2; ++k) {
        const std::string first = lower(pick(words::first_names(), rng));
        const std::string last = lower(pick(words::last_names(), rng));
        std::string candidate = form == 0   ? first
                                : form == 1 ? last
                                : form == 2 ? first + last
                                : form == 3 ? first.substr(0, 1) + last
                                            : first + last.substr(0, 1);
        const size_t distance =
            candidate.size() > length ? candidate.size() - length : length - candidate.size();
        if (distance < best_distance) {
          best_distance = distance;
          best = std::move(candidate);
        }
      }
    }
    return best;
  }

  // `unique`: trailing digit runs are dropped and index + 1 is appended instead, so the value
  // ends in exactly the index's digits and two indexes never collide. `max_length` (0 = none)
  // cuts the name part, never the index.
  std::string generate(Rng& rng, bool unique, uint64_t index, size_t max_length = 0) const {
    const std::string& tmpl = templates.sample(rng);
    int total_words = 0;
    for (size_t i = 0; i < tmpl.size(); ++i) {
      if (tmpl[i] == kWordSlot) ++total_words;
      if (tmpl[i] == kWordSlot || tmpl[i] == kNumberSlot) ++i;
    }
    size_t end = tmpl.size();
    if (unique) {
      while (end >= 2 && tmpl[end - 2] == kNumberSlot) end -= 2;
    }
    std::string out;
    int position = 0;
    for (size_t i = 0; i < end; ++i) {
      if (tmpl[i] == kWordSlot && i + 1 < end) {
        out += cased(word(static_cast<unsigned char>(tmpl[i + 1]), position++, total_words, rng),
                     case_style);
        ++i;
      } else if (tmpl[i] == kNumberSlot && i + 1 < end) {
        append_random_digits(out, static_cast<unsigned char>(tmpl[i + 1]), rng, false);
        ++i;
      } else {
        out.push_back(tmpl[i]);
      }
    }
    if (out.empty() && !unique) out = lower(pick(words::first_names(), rng));
    std::string tail;
    if (unique) append_padded(tail, index + 1, 0);
    if (max_length > 0 && out.size() + tail.size() > max_length) {
      text::truncate_utf8(out,
                          std::max<size_t>(max_length > tail.size() ? max_length - tail.size() : 0,
                                           unique ? 0 : 1));
      // A cut may expose digits or a separator; the index must follow a non-digit.
      while (!out.empty() && !text::is_alpha(out.back())) out.pop_back();
    }
    return out + tail;
  }

  void save(BinaryWriter& out) const {
    templates.save(out);
    out.u8(static_cast<uint8_t>(case_style));
  }
  void load(BinaryReader& in) {
    templates.load(in);
    case_style = static_cast<CaseStyle>(in.u8() & 3);
  }
};

// "com", or two labels for country second levels ("com.br", "co.uk").
std::string tld_of(std::string_view host) {
  const size_t last = host.rfind('.');
  if (last == std::string_view::npos) return {};
  const std::string_view top = host.substr(last + 1);
  if (top.size() == 2 && last > 0) {
    const size_t second = host.rfind('.', last - 1);
    const std::string_view label =
        host.substr(second == std::string_view::npos ? 0 : second + 1,
                    last - (second == std::string_view::npos ? 0 : second + 1));
    if (second != std::string_view::npos &&
        (label == "com" || label == "co" || label == "org" || label == "net" || label == "gov" ||
         label == "ac" || label == "edu")) {
      return std::string(host.substr(second + 1));
    }
  }
  return std::string(top);
}

// Frequent hosts or domains are kept; the rest become a company-word host with a frequent TLD.
struct HostModel {
  WeightedStrings hosts;  // "" = generate one
  WeightedStrings tlds;
  bool free_mail = false;  // emails: half the generated domains are free-mail ones

  // `first`: per host, whether its whole value (the email, the URL) is seen the first time.
  void fit(const std::vector<std::string>& host_values, const std::vector<bool>& first,
           size_t min_rows) {
    PartCounts counts, tld_counts;
    for (size_t i = 0; i < host_values.size(); ++i) {
      counts.add(host_values[i], first[i]);
      const std::string tld = tld_of(host_values[i]);
      if (!tld.empty()) tld_counts.add(tld, first[i]);
    }
    static const std::string kGenerated;
    hosts = WeightedStrings::from_counts(counts, min_rows, 1000, &kGenerated);
    tlds = WeightedStrings::from_counts(tld_counts, min_rows, 100, nullptr);
  }

  std::string generate(Rng& rng) const {
    const std::string& kept = hosts.sample(rng);
    if (!kept.empty()) return kept;
    if (free_mail && rng.uniform() < 0.5) return std::string(pick(words::email_domains(), rng));
    std::string host = lower(pick(words::company_words(), rng));
    if (rng.uniform() < 0.4) host += lower(pick(words::company_words(), rng));
    const std::string& tld = tlds.sample(rng);
    return host + "." + (tld.empty() ? std::string("com") : tld);
  }

  void save(BinaryWriter& out) const {
    hosts.save(out);
    tlds.save(out);
    out.boolean(free_mail);
  }
  void load(BinaryReader& in) {
    hosts.load(in);
    tlds.load(in);
    free_mail = in.boolean();
  }
};

struct EmailModel {
  LocalPartModel local;
  HostModel domains;
  float no_domain_share = 0;  // values without '@'
  CaseStyle domain_case = CaseStyle::Lower;

  void fit(const std::vector<std::string>& values, size_t min_rows) {
    std::vector<std::string_view> locals;
    std::vector<std::string> hosts;
    std::vector<bool> host_first;
    const std::vector<bool> first = first_occurrences(values);
    size_t without = 0;
    CaseCounter domain_cases;
    for (size_t i = 0; i < values.size(); ++i) {
      const std::string& v = values[i];
      const size_t at = v.rfind('@');
      if (at == std::string::npos) {
        ++without;
        locals.push_back(v);
        continue;
      }
      locals.push_back(std::string_view(v).substr(0, at));
      domain_cases.add(v.substr(at + 1));
      hosts.push_back(lower(v.substr(at + 1)));
      host_first.push_back(first[i]);
    }
    local.fit(locals);
    domains.free_mail = true;
    domains.fit(hosts, host_first, min_rows);
    no_domain_share = values.empty() ? 0.f : static_cast<float>(without) / values.size();
    domain_case = domain_cases.style() == CaseStyle::Upper ? CaseStyle::Upper : CaseStyle::Lower;
  }

  // `max_length` (0 = none) is met by shortening the local part, never the domain.
  std::string generate(Rng& rng, bool unique, uint64_t index, size_t max_length) const {
    if (no_domain_share > 0 && rng.uniform() < no_domain_share) {
      return local.generate(rng, unique, index, max_length);
    }
    std::string domain = text::apply_case(domains.generate(rng), domain_case);
    const size_t budget = max_length == 0                  ? 0
                          : max_length > domain.size() + 4 ? max_length - domain.size() - 1
                                                           : 3;
    return local.generate(rng, unique, index, budget) + "@" + domain;
  }

  void save(BinaryWriter& out) const {
    local.save(out);
    domains.save(out);
    out.f32(no_domain_share);
    out.u8(static_cast<uint8_t>(domain_case));
  }
  void load(BinaryReader& in) {
    local.load(in);
    domains.load(in);
    no_domain_share = in.f32();
    domain_case = static_cast<CaseStyle>(in.u8() & 3);
  }
};

// ---- Person names -------------------------------------------------------------------------

// A name's template keeps its structure: word slots, initials ("F."), particles ("de", "and")
// and separators (", ", " & ", "-"). Words are filled from the name lists by role.
struct NameModel {
  WeightedStrings templates;
  bool last_first = false;    // "Last, First"
  bool single_first = false;  // a lone word is a first name (a FirstName column)
  CaseStyle case_style = CaseStyle::Capitalized;

  static bool word_char(std::string_view v, size_t i) {
    if (text::is_alpha(v[i])) return true;
    // An apostrophe inside a word (O'Brien) belongs to it.
    return (v[i] == '\'') && i > 0 && i + 1 < v.size() && text::is_alpha(v[i - 1]) &&
           text::is_alpha(v[i + 1]);
  }

  static std::string template_of(std::string_view v, CaseCounter& cases,
                                 std::vector<std::string_view>& words) {
    std::string out;
    size_t i = 0;
    while (i < v.size()) {
      size_t j = i;
      if (word_char(v, i)) {
        while (j < v.size() && word_char(v, j)) ++j;
        const std::string_view word = v.substr(i, j - i);
        if (words::is_name_particle(word)) {
          out += word;
        } else if (j - i == 1) {
          out.push_back(kInitialSlot);
        } else {
          cases.add(word);
          words.push_back(word);
          out.push_back(kWordSlot);
          out.push_back(static_cast<char>(std::min<size_t>(j - i, 60)));
        }
      } else if (text::is_digit(v[i])) {
        while (j < v.size() && text::is_digit(v[j])) ++j;
        out.push_back(kNumberSlot);
        out.push_back(static_cast<char>(std::min<size_t>(j - i, 20)));
      } else {
        out.push_back(v[i]);
        j = i + 1;
      }
      i = j;
    }
    return out;
  }

  void fit(const std::vector<std::string>& values, std::string_view column_name) {
    std::unordered_map<std::string, size_t> counts;
    CaseCounter cases;
    size_t comma_pairs = 0, multi = 0, first_hits = 0, last_hits = 0;
    for (const std::string& v : values) {
      std::vector<std::string_view> value_words;
      std::string tmpl = template_of(v, cases, value_words);
      const size_t slots = value_words.size();
      if (slots >= 2) {
        ++multi;
        // "Last, First" or "Last, First Middle": one word, a comma, then the rest.
        if (tmpl.size() >= 5 && tmpl[0] == kWordSlot && tmpl[2] == ',' &&
            tmpl.find(',', 3) == std::string::npos) {
          ++comma_pairs;
        }
      } else if (slots == 1) {
        const std::string word = text::apply_case(value_words[0], CaseStyle::Capitalized);
        const auto in = [&](std::span<const std::string_view> list) {
          return std::find(list.begin(), list.end(), word) != list.end();
        };
        first_hits += in(words::first_names());
        last_hits += in(words::last_names());
      }
      ++counts[std::move(tmpl)];
    }
    templates = WeightedStrings::from_counts(counts, 1, kMaxTemplates, nullptr);
    last_first = multi > 0 && comma_pairs * 2 > multi;
    const std::string name = lower(column_name);
    if (name.find("first") != std::string::npos || name.find("given") != std::string::npos ||
        name.find("fore") != std::string::npos) {
      single_first = true;
    } else if (name.find("last") != std::string::npos || name.find("sur") != std::string::npos ||
               name.find("family") != std::string::npos) {
      single_first = false;
    } else {
      single_first = first_hits > last_hits;
    }
    case_style = cases.style();
  }

  std::string generate(Rng& rng) const {
    const std::string& tmpl = templates.sample(rng);
    // Group the word slots: a group (one person) ends at ',', '&', '/', ';' or a joining
    // particle; within a group the last word is the surname.
    struct Slot {
      size_t pos;
      int group;
    };
    std::vector<Slot> slots;
    int group = 0;
    for (size_t i = 0; i < tmpl.size(); ++i) {
      const char c = tmpl[i];
      if (c == kWordSlot || c == kNumberSlot) {
        if (c == kWordSlot) slots.push_back({i, group});
        ++i;
      } else if (c == ',' || c == '&' || c == '/' || c == ';' || c == '+' || c == '(') {
        ++group;
      } else if (c == ' ' && i + 4 < tmpl.size() &&
                 (tmpl.compare(i, 5, " and ") == 0 || tmpl.compare(i, 5, " und ") == 0)) {
        ++group;
      }
    }
    std::vector<int> group_size(group + 1, 0);
    for (const Slot& s : slots) ++group_size[s.group];
    const bool comma_style =
        last_first && group == 1 && !slots.empty() && group_size[0] == 1 && slots[0].pos == 0;
    std::string out;
    size_t slot = 0, seen_in_group = 0;
    int current_group = -1;
    for (size_t i = 0; i < tmpl.size(); ++i) {
      const char c = tmpl[i];
      if (c == kWordSlot) {
        const size_t length = static_cast<unsigned char>(tmpl[i + 1]);
        const Slot& s = slots[slot++];
        if (s.group != current_group) {
          current_group = s.group;
          seen_in_group = 0;
        }
        ++seen_in_group;
        bool surname;
        if (comma_style) {
          surname = s.group == 0;
        } else if (group_size[s.group] == 1) {
          surname = !single_first;
        } else {
          surname = seen_in_group == static_cast<size_t>(group_size[s.group]);
        }
        out += cased(pick_close(surname ? words::last_names() : words::first_names(), length, rng),
                     case_style);
        ++i;
      } else if (c == kNumberSlot) {
        append_random_digits(out, static_cast<unsigned char>(tmpl[i + 1]), rng, true);
        ++i;
      } else if (c == kInitialSlot) {
        const char letter = static_cast<char>('A' + rng.uniform_int(26));
        out.push_back(case_style == CaseStyle::Lower ? static_cast<char>(letter - 'A' + 'a')
                                                     : letter);
      } else {
        out.push_back(c);
      }
    }
    if (out.empty()) out = cased(pick(words::last_names(), rng), case_style);
    return out;
  }

  void save(BinaryWriter& out) const {
    templates.save(out);
    out.boolean(last_first);
    out.boolean(single_first);
    out.u8(static_cast<uint8_t>(case_style));
  }
  void load(BinaryReader& in) {
    templates.load(in);
    last_first = in.boolean();
    single_first = in.boolean();
    case_style = static_cast<CaseStyle>(in.u8() & 3);
    for (const std::string& t : templates.values) {
      for (size_t i = 0; i < t.size(); ++i) {
        if ((t[i] == kWordSlot || t[i] == kNumberSlot) && ++i >= t.size()) {
          in.fail("value generator: truncated name template");
        }
      }
    }
  }
};

// ---- Street addresses -----------------------------------------------------------------------

struct AddressModel {
  // Styles: 0 "12 Oak Street", 1 "Oak Street 12", 2 "Oak Street, 12", 3 "Oak Street".
  Histogram styles;
  Histogram number_digits;
  Histogram street_words;    // words besides the house number
  WeightedStrings prefixes;  // frequent first words ("Rua", "Av."); "" = none
  WeightedStrings suffixes;  // frequent last words ("Street", "Rd"); "" = none
  bool abbreviate = false;
  CaseStyle case_style = CaseStyle::Capitalized;

  void fit(const std::vector<std::string>& values, size_t min_rows) {
    PartCounts first_words, last_words;
    size_t full = 0, abbrev = 0;
    CaseCounter cases;
    const auto types = words::street_types();
    const auto abbrevs = words::street_type_abbrevs();
    const std::vector<bool> first = first_occurrences(values);
    for (size_t i = 0; i < values.size(); ++i) {
      const std::string& v = values[i];
      std::vector<std::string_view> ws = split_words(v);
      size_t style = 3;
      std::string_view number;
      if (!ws.empty() && text::is_digit(ws.front()[0])) {
        style = 0;
        number = ws.front();
        ws.erase(ws.begin());
      } else if (ws.size() >= 2 && text::is_digit(ws.back()[0])) {
        number = ws.back();
        ws.pop_back();
        style = ws.back().ends_with(",") ? 2 : 1;
      }
      styles.add(style, 3);
      size_t digits = 0;
      while (digits < number.size() && text::is_digit(number[digits])) ++digits;
      if (style != 3) number_digits.add(std::max<size_t>(digits, 1), 6);
      street_words.add(std::max<size_t>(ws.size(), 1), 6);
      std::vector<std::string> cleaned;
      for (std::string_view w : ws) {
        while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.remove_suffix(1);
        if (w.empty() || all_digits(w)) continue;
        cases.add(w);
        cleaned.emplace_back(w);
        const std::string cap = text::apply_case(w, CaseStyle::Capitalized);
        std::string bare = cap;
        if (!bare.empty() && bare.back() == '.') bare.pop_back();
        full += std::find(types.begin(), types.end(), cap) != types.end();
        abbrev += std::find(abbrevs.begin(), abbrevs.end(), bare) != abbrevs.end() &&
                  std::find(types.begin(), types.end(), bare) == types.end();
      }
      if (cleaned.size() >= 2) {
        first_words.add(cleaned.front(), first[i]);
        last_words.add(cleaned.back(), first[i]);
      } else {
        first_words.add("", first[i]);
        last_words.add("", first[i]);
      }
    }
    static const std::string kNone;
    prefixes = WeightedStrings::from_counts(first_words, min_rows, 50, &kNone);
    suffixes = WeightedStrings::from_counts(last_words, min_rows, 50, &kNone);
    // A kept word that is only ever an affix in a few rows is fine; drop "" if it is all.
    styles.finish();
    number_digits.finish();
    street_words.finish();
    abbreviate = abbrev > full;
    case_style = cases.style();
  }

  std::string generate(Rng& rng) const {
    const size_t style = styles.sample(rng, 0);
    size_t words = street_words.sample(rng, 2);
    std::string prefix = prefixes.sample(rng);
    std::string suffix = suffixes.sample(rng);
    // No frequent affix drawn: the street gets a built-in type ("Street", "Rd").
    if (prefix.empty() && suffix.empty() && words >= 2) {
      const size_t type = rng.uniform_int(words::street_types().size());
      suffix = abbreviate ? words::street_type_abbrevs()[type] : words::street_types()[type];
    }
    if (words < 2) {
      prefix.clear();
      suffix.clear();
    }
    std::string street;
    const size_t affixes = !prefix.empty() + !suffix.empty();
    const size_t names = words > affixes ? words - affixes : 1;
    if (!prefix.empty()) street += prefix;
    for (size_t i = 0; i < names; ++i) {
      if (!street.empty()) street.push_back(' ');
      street += pick(words::street_names(), rng);
    }
    if (!suffix.empty()) street += " " + suffix;
    street = cased(street, case_style);
    if (style == 3) return street;
    std::string number;
    append_random_digits(number, number_digits.sample(rng, 3), rng, true);
    if (style == 0) return number + " " + street;
    return street + (style == 2 ? ", " : " ") + number;
  }

  void save(BinaryWriter& out) const {
    styles.save(out);
    number_digits.save(out);
    street_words.save(out);
    prefixes.save(out);
    suffixes.save(out);
    out.boolean(abbreviate);
    out.u8(static_cast<uint8_t>(case_style));
  }
  void load(BinaryReader& in) {
    styles.load(in);
    number_digits.load(in);
    street_words.load(in);
    prefixes.load(in);
    suffixes.load(in);
    abbreviate = in.boolean();
    case_style = static_cast<CaseStyle>(in.u8() & 3);
  }
};

// ---- Cities and countries -----------------------------------------------------------------

enum class PlaceList : uint8_t { City = 0, CountryName = 1, Iso2 = 2, Iso3 = 3 };

struct PlaceModel {
  WeightedStrings values;  // frequent real values; "" = a built-in name
  PlaceList list = PlaceList::City;
  CaseStyle case_style = CaseStyle::Capitalized;

  void fit(const std::vector<std::string>& real, bool country, size_t min_rows) {
    std::unordered_map<std::string, size_t> counts;
    size_t iso2 = 0, iso3 = 0;
    CaseCounter cases;
    for (const std::string& v : real) {
      ++counts[v];
      const bool upper = std::all_of(v.begin(), v.end(), text::is_upper);
      iso2 += upper && v.size() == 2;
      iso3 += upper && v.size() == 3;
      for (std::string_view w : split_words(v)) cases.add(w);
    }
    static const std::string kBuiltIn;
    values = WeightedStrings::from_counts(counts, min_rows, 1000, &kBuiltIn);
    list = !country                 ? PlaceList::City
           : iso2 * 2 > real.size() ? PlaceList::Iso2
           : iso3 * 2 > real.size() ? PlaceList::Iso3
                                    : PlaceList::CountryName;
    case_style = cases.style();
  }

  std::string generate(Rng& rng) const {
    const std::string& kept = values.sample(rng);
    if (!kept.empty()) return kept;
    if (list == PlaceList::City) return cased(pick(words::cities(), rng), case_style);
    const words::Country& c = pick(words::countries(), rng);
    if (list == PlaceList::Iso2) return std::string(c.iso2);
    if (list == PlaceList::Iso3) return std::string(c.iso3);
    return cased(c.name, case_style);
  }

  void save(BinaryWriter& out) const {
    values.save(out);
    out.u8(static_cast<uint8_t>(list));
    out.u8(static_cast<uint8_t>(case_style));
  }
  void load(BinaryReader& in) {
    values.load(in);
    list = static_cast<PlaceList>(in.u8() & 3);
    case_style = static_cast<CaseStyle>(in.u8() & 3);
  }
};

// ---- URLs ---------------------------------------------------------------------------------

struct UrlModel {
  WeightedStrings schemes;  // "https", "http", "" (none)
  float www_share = 0;
  HostModel hosts;
  Histogram segments;        // path segments per URL
  Histogram segment_length;  // characters per segment
  float numeric_segment_share = 0;
  WeightedStrings extensions;  // ".html"; "" = none
  float trailing_slash_share = 0;
  float query_share = 0;

  void fit(const std::vector<std::string>& values, size_t min_rows) {
    std::unordered_map<std::string, size_t> scheme_counts;
    PartCounts ext_counts;
    std::vector<std::string> host_values;
    const std::vector<bool> first = first_occurrences(values);
    size_t www = 0, slash = 0, query = 0, numeric = 0, total_segments = 0;
    for (size_t v_index = 0; v_index < values.size(); ++v_index) {
      std::string_view rest = values[v_index];
      const size_t sep = rest.find("://");
      std::string scheme;
      if (sep != std::string_view::npos && sep < 12) {
        scheme = lower(rest.substr(0, sep));
        rest.remove_prefix(sep + 3);
      }
      ++scheme_counts[scheme];
      size_t host_end = rest.find_first_of("/?#");
      if (host_end == std::string_view::npos) host_end = rest.size();
      std::string host = lower(rest.substr(0, host_end));
      if (host.starts_with("www.")) {
        ++www;
        host.erase(0, 4);
      }
      host_values.push_back(host);
      rest.remove_prefix(host_end);
      const size_t q = rest.find_first_of("?#");
      if (q != std::string_view::npos) {
        ++query;
        rest = rest.substr(0, q);
      }
      if (rest.size() > 1 && rest.back() == '/') ++slash;
      size_t count = 0;
      std::string last;
      size_t i = 0;
      while (i < rest.size()) {
        while (i < rest.size() && rest[i] == '/') ++i;
        size_t j = i;
        while (j < rest.size() && rest[j] != '/') ++j;
        if (j > i) {
          std::string_view segment = rest.substr(i, j - i);
          ++count;
          ++total_segments;
          numeric += all_digits(segment);
          segment_length.add(segment.size(), 40);
          last = std::string(segment);
        }
        i = j;
      }
      segments.add(count, 8);
      const size_t dot = last.rfind('.');
      if (dot != std::string::npos && last.size() - dot <= 6 && dot > 0) {
        ext_counts.add(lower(std::string_view(last).substr(dot)), first[v_index]);
      } else {
        ext_counts.add("", first[v_index]);
      }
    }
    static const std::string kNone;
    schemes = WeightedStrings::from_counts(scheme_counts, 1, 8, nullptr);
    hosts.fit(host_values, first, min_rows);
    extensions = WeightedStrings::from_counts(ext_counts, min_rows, 20, &kNone);
    const float n = std::max<size_t>(values.size(), 1);
    www_share = www / n;
    trailing_slash_share = slash / n;
    query_share = query / n;
    numeric_segment_share =
        total_segments == 0 ? 0.f : static_cast<float>(numeric) / total_segments;
    segments.finish();
    segment_length.finish();
  }

  std::string generate(Rng& rng) const {
    std::string out;
    const std::string& scheme = schemes.sample(rng);
    if (!scheme.empty()) out += scheme + "://";
    if (rng.uniform() < www_share) out += "www.";
    out += hosts.generate(rng);
    const size_t count = segments.sample(rng, 1);
    for (size_t s = 0; s < count; ++s) {
      out.push_back('/');
      const size_t length = std::max<size_t>(segment_length.sample(rng, 8), 1);
      if (rng.uniform() < numeric_segment_share) {
        append_random_digits(out, length, rng, true);
        continue;
      }
      std::string segment;
      while (segment.size() + 2 < length || segment.empty()) {
        if (!segment.empty()) segment.push_back('-');
        segment += pick_close(words::lorem_words(), length - std::min(length, segment.size()), rng);
      }
      out += segment;
      if (s + 1 == count) out += extensions.sample(rng);
    }
    if (count > 0 && rng.uniform() < trailing_slash_share) out.push_back('/');
    if (rng.uniform() < query_share) {
      out += "?id=";
      append_random_digits(out, 1 + rng.uniform_int(6), rng, true);
    }
    return out;
  }

  void save(BinaryWriter& out) const {
    schemes.save(out);
    out.f32(www_share);
    hosts.save(out);
    segments.save(out);
    segment_length.save(out);
    out.f32(numeric_segment_share);
    extensions.save(out);
    out.f32(trailing_slash_share);
    out.f32(query_share);
  }
  void load(BinaryReader& in) {
    schemes.load(in);
    www_share = in.f32();
    hosts.load(in);
    segments.load(in);
    segment_length.load(in);
    numeric_segment_share = in.f32();
    extensions.load(in);
    trailing_slash_share = in.f32();
    query_share = in.f32();
  }
};

// ---- Other PII: hashes, user names, company names ------------------------------------------

// Hex / base64-like tokens: random strings of the same alphabet and length.
struct HashModel {
  std::string prefix;    // shared by 90% of values ("$2b$12$")
  std::string alphabet;  // characters seen in the bodies
  Histogram body_length;
  Histogram padding;  // trailing '=' count

  static bool looks_like_hash(std::string_view v) {
    if (v.size() < 16) return false;
    bool digit = false, upper = false, lower_case = false, non_hex = false;
    for (char c : v) {
      if (text::is_space(c) || static_cast<unsigned char>(c) >= 0x80) return false;
      digit |= text::is_digit(c);
      upper |= text::is_upper(c);
      lower_case |= text::is_lower(c);
      non_hex |= text::is_alpha(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }
    return digit && (!non_hex || (upper && lower_case));
  }

  void fit(const std::vector<std::string>& values) {
    const size_t needed = std::max<size_t>(1, (values.size() * 9 + 9) / 10);
    // Shared prefix, one character at a time.
    prefix.clear();
    for (;;) {
      std::unordered_map<char, size_t> next;
      for (const std::string& v : values) {
        if (v.size() > prefix.size() + 8 && v.starts_with(prefix)) ++next[v[prefix.size()]];
      }
      char best = 0;
      size_t best_count = 0;
      for (const auto& [c, n] : next) {
        if (n > best_count || (n == best_count && c < best)) {
          best = c;
          best_count = n;
        }
      }
      if (best_count < needed || values.size() < 2) break;
      prefix.push_back(best);
    }
    bool seen[256] = {};
    for (const std::string& v : values) {
      std::string_view body = v;
      if (body.starts_with(prefix)) body.remove_prefix(prefix.size());
      size_t pad = 0;
      while (!body.empty() && body.back() == '=') {
        body.remove_suffix(1);
        ++pad;
      }
      body_length.add(body.size(), 512);
      padding.add(pad, 3);
      for (char c : body) seen[static_cast<unsigned char>(c)] = true;
    }
    body_length.finish();
    padding.finish();
    // Whole classes, so a short sample does not narrow the alphabet.
    bool digit = false, upper = false, lower_case = false, hex_only = true;
    std::string symbols;
    for (int c = 1; c < 128; ++c) {
      if (!seen[c]) continue;
      const char ch = static_cast<char>(c);
      digit |= text::is_digit(ch);
      upper |= text::is_upper(ch);
      lower_case |= text::is_lower(ch);
      if (text::is_alpha(ch) && !((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
        hex_only = false;
      }
      if (!text::is_digit(ch) && !text::is_alpha(ch)) symbols.push_back(ch);
    }
    alphabet.clear();
    if (digit) alphabet += "0123456789";
    if (upper) alphabet += hex_only ? "ABCDEF" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (lower_case) alphabet += hex_only ? "abcdef" : "abcdefghijklmnopqrstuvwxyz";
    alphabet += symbols;
    if (alphabet.empty()) alphabet = "0123456789abcdef";
  }

  std::string generate(Rng& rng, bool unique, uint64_t index, uint64_t salt) const {
    std::string out = prefix;
    const size_t length = std::max<size_t>(body_length.sample(rng, 32), 1);
    bool fits = true;
    if (unique) {
      // The body spells a scramble of the index: distinct for every index while it fits.
      std::vector<uint32_t> radices(length, static_cast<uint32_t>(alphabet.size()));
      std::vector<uint32_t> digits;
      fits = value_detail::scramble_index(index, radices, salt + length, digits);
      if (fits) {
        for (uint32_t d : digits) out.push_back(alphabet[d]);
      }
    }
    if (!unique || !fits) {
      for (size_t i = 0; i < length; ++i) out.push_back(alphabet[rng.uniform_int(alphabet.size())]);
    }
    out.append(padding.sample(rng, 0), '=');
    if (!fits) {
      out += "-";
      append_padded(out, index, 0);
    }
    return out;
  }

  void save(BinaryWriter& out) const {
    out.str(prefix);
    out.str(alphabet);
    body_length.save(out);
    padding.save(out);
  }
  void load(BinaryReader& in) {
    prefix = in.str();
    alphabet = in.str();
    if (alphabet.empty()) in.fail("value generator: empty hash alphabet");
    body_length.load(in);
    padding.load(in);
  }
};

// Company-like names: words from the company list with the source's word count and lengths;
// a first or last word frequent in the source ("The", "Inc.") may be kept.
struct WordsModel {
  Histogram word_count;
  Histogram word_length;
  WeightedStrings first_words;  // "" = generated
  WeightedStrings last_words;   // "" = generated
  CaseStyle case_style = CaseStyle::Capitalized;

  void fit(const std::vector<std::string>& values, size_t min_rows) {
    PartCounts firsts, lasts;
    CaseCounter cases;
    const std::vector<bool> first = first_occurrences(values);
    for (size_t i = 0; i < values.size(); ++i) {
      const std::vector<std::string_view> ws = split_words(values[i]);
      word_count.add(std::max<size_t>(ws.size(), 1), 12);
      for (std::string_view w : ws) {
        word_length.add(w.size(), 20);
        cases.add(w);
      }
      if (ws.size() >= 2) {
        firsts.add(std::string(ws.front()), first[i]);
        lasts.add(std::string(ws.back()), first[i]);
      }
    }
    static const std::string kGenerated;
    first_words = WeightedStrings::from_counts(firsts, min_rows, 50, &kGenerated);
    last_words = WeightedStrings::from_counts(lasts, min_rows, 50, &kGenerated);
    word_count.finish();
    word_length.finish();
    case_style = cases.style();
  }

  std::string generate(Rng& rng) const {
    const size_t count = std::max<size_t>(word_count.sample(rng, 2), 1);
    std::vector<std::string> ws;
    for (size_t i = 0; i < count; ++i) {
      ws.emplace_back(pick_close(words::company_words(), word_length.sample(rng, 7), rng));
    }
    if (count >= 2) {
      const std::string& first = first_words.sample(rng);
      if (!first.empty()) ws.front() = first;
      const std::string& last = last_words.sample(rng);
      if (!last.empty() && last != ws.front()) ws.back() = last;
    }
    std::string out;
    for (const std::string& w : ws) {
      if (!out.empty()) out.push_back(' ');
      out += w;
    }
    return cased(out, case_style);
  }

  void save(BinaryWriter& out) const {
    word_count.save(out);
    word_length.save(out);
    first_words.save(out);
    last_words.save(out);
    out.u8(static_cast<uint8_t>(case_style));
  }
  void load(BinaryReader& in) {
    word_count.load(in);
    word_length.load(in);
    first_words.load(in);
    last_words.load(in);
    case_style = static_cast<CaseStyle>(in.u8() & 3);
  }
};

// ---- The generator ------------------------------------------------------------------------

enum class PiiMode : uint8_t {
  Mask = 1,
  Email = 2,
  Name = 3,
  Address = 4,
  Place = 5,
  Url = 6,
  Hash = 7,
  Username = 8,
  Words = 9,
};

const char* mode_name(PiiMode mode) {
  switch (mode) {
    case PiiMode::Mask:
      return "mask";
    case PiiMode::Email:
      return "email";
    case PiiMode::Name:
      return "name";
    case PiiMode::Address:
      return "address";
    case PiiMode::Place:
      return "place";
    case PiiMode::Url:
      return "url";
    case PiiMode::Hash:
      return "hash";
    case PiiMode::Username:
      return "user name";
    case PiiMode::Words:
      return "words";
  }
  return "?";
}

class PiiGenerator final : public ValueGenerator {
 public:
  GeneratorKind kind() const override { return GeneratorKind::Pii; }

  void fit(const Column& real, SDType sdtype, const GeneratorOptions& options) override {
    if (real.type() == DataType::Bool || is_temporal(real.type())) {
      value_detail::throw_unsupported(options, real, "PII");
    }
    *this = PiiGenerator();  // a refit starts from nothing
    type_ = real.type();
    sdtype_ = sdtype;
    unique_ = options.unique;
    salt_ = mix64(options.salt ^ 0x7069695f73616c74ULL);
    stats_.fit(real);
    const size_t min_rows = static_cast<size_t>(std::max(options.rare_threshold, 1));
    std::vector<std::string> values;
    for (std::string& v : value_detail::non_null_text(real)) {
      if (!v.empty()) values.push_back(std::move(v));
    }

    if (!holds_strings(type_)) {
      mode_ = PiiMode::Mask;
    } else {
      switch (sdtype) {
        case SDType::Phone:
        case SDType::PostalCode:
          mode_ = PiiMode::Mask;
          break;
        case SDType::Email:
          mode_ = PiiMode::Email;
          break;
        case SDType::Name:
          mode_ = PiiMode::Name;
          break;
        case SDType::Address:
          mode_ = PiiMode::Address;
          break;
        case SDType::City:
        case SDType::Country:
          mode_ = PiiMode::Place;
          break;
        case SDType::Url:
          mode_ = PiiMode::Url;
          break;
        default:
          mode_ = other_mode(values);
          break;
      }
    }
    switch (mode_) {
      case PiiMode::Mask:
        // Unique values must not mix literal country codes with digit slots (a "+1" mask and
        // a "+#" mask could spell the same text).
        mask_.fit(values, sdtype == SDType::Phone && !unique_, min_rows);
        if (mask_.masks.empty()) mask_.fit({"#####"}, false, 1);
        break;
      case PiiMode::Email:
        email_.fit(values, min_rows);
        break;
      case PiiMode::Name:
        name_.fit(values, real.name());
        break;
      case PiiMode::Address:
        address_.fit(values, min_rows);
        break;
      case PiiMode::Place:
        place_.fit(values, sdtype == SDType::Country, min_rows);
        break;
      case PiiMode::Url:
        url_.fit(values, min_rows);
        break;
      case PiiMode::Hash:
        hash_.fit(values);
        break;
      case PiiMode::Username: {
        std::vector<std::string_view> views(values.begin(), values.end());
        username_.fit(views);
        break;
      }
      case PiiMode::Words:
        words_.fit(values, min_rows);
        break;
    }
    // Places keep frequent real cities and countries on purpose; nothing else is ever real.
    if (mode_ != PiiMode::Place) {
      std::vector<std::string> distinct = values;
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      filter_.reset(distinct.size());
      for (const std::string& v : distinct) filter_.add(v, salt_);
    }
  }

  void generate(uint64_t index, Rng& rng, Column& out) const override {
    std::string value;
    if (!unique_ && stats_.empty_share > 0 && rng.uniform() < stats_.empty_share) {
      // An empty string is a value of its own in the source (not a NULL).
    } else {
      // A value that spells a real one of the column (a list name beside a frequent domain: an
      // employee's own email) is drawn again.
      for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
        value = generate_text(index, rng);
        if (!filter_.contains(stored_text(value), salt_)) break;
      }
    }
    switch (type_) {
      case DataType::Int64:
        out.append_int(integer_of(value));
        return;
      case DataType::Float64:
        out.append_double(std::strtod(value.c_str(), nullptr));
        return;
      default:
        out.append_string(std::move(value));
        return;
    }
  }

  std::string describe() const override {
    std::string out = std::string(to_string(sdtype_)) + " generator: " + mode_name(mode_);
    if (mode_ == PiiMode::Mask) out += ", " + mask_.describe();
    if (mode_ == PiiMode::Email || mode_ == PiiMode::Url) {
      const HostModel& hosts = mode_ == PiiMode::Email ? email_.domains : url_.hosts;
      size_t kept = 0;
      for (const std::string& h : hosts.hosts.values) kept += !h.empty();
      out += ", " + std::to_string(kept) + " frequent domains kept";
    }
    if (unique_) out += ", unique";
    return out;
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("pii_generator", 2);
    out.u8(static_cast<uint8_t>(type_));
    out.u8(static_cast<uint8_t>(sdtype_));
    out.u8(static_cast<uint8_t>(mode_));
    out.boolean(unique_);
    out.u64(salt_);
    stats_.save(out);
    switch (mode_) {
      case PiiMode::Mask:
        mask_.save(out);
        break;
      case PiiMode::Email:
        email_.save(out);
        break;
      case PiiMode::Name:
        name_.save(out);
        break;
      case PiiMode::Address:
        address_.save(out);
        break;
      case PiiMode::Place:
        place_.save(out);
        break;
      case PiiMode::Url:
        url_.save(out);
        break;
      case PiiMode::Hash:
        hash_.save(out);
        break;
      case PiiMode::Username:
        username_.save(out);
        break;
      case PiiMode::Words:
        words_.save(out);
        break;
    }
    out.u64s(filter_.bits);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    const uint32_t version = in.begin_section("pii_generator", 2);
    const uint8_t type = in.u8();
    if (type > static_cast<uint8_t>(DataType::Binary)) in.fail("bad PII generator type");
    type_ = static_cast<DataType>(type);
    const uint8_t sdtype = in.u8();
    if (sdtype > static_cast<uint8_t>(SDType::Binary)) in.fail("bad PII generator sdtype");
    sdtype_ = static_cast<SDType>(sdtype);
    const uint8_t mode = in.u8();
    if (mode < 1 || mode > 9) in.fail("bad PII generator mode " + std::to_string(mode));
    mode_ = static_cast<PiiMode>(mode);
    unique_ = in.boolean();
    salt_ = in.u64();
    stats_.load(in);
    switch (mode_) {
      case PiiMode::Mask:
        mask_.load(in);
        if (mask_.masks.empty()) in.fail("PII generator without masks");
        break;
      case PiiMode::Email:
        email_.load(in);
        break;
      case PiiMode::Name:
        name_.load(in);
        break;
      case PiiMode::Address:
        address_.load(in);
        break;
      case PiiMode::Place:
        place_.load(in);
        break;
      case PiiMode::Url:
        url_.load(in);
        break;
      case PiiMode::Hash:
        hash_.load(in);
        break;
      case PiiMode::Username:
        username_.load(in);
        break;
      case PiiMode::Words:
        words_.load(in);
        break;
    }
    if (version >= 2) filter_.bits = in.u64s();
    in.end_section();
  }

 private:
  static PiiMode other_mode(const std::vector<std::string>& values) {
    if (values.empty()) return PiiMode::Words;
    size_t hashes = 0, single = 0;
    for (const std::string& v : values) {
      hashes += HashModel::looks_like_hash(v);
      single += v.find(' ') == std::string::npos;
    }
    if (hashes * 10 >= values.size() * 9) return PiiMode::Hash;
    // One token with digits, dots or underscores in most values: a user name.
    size_t handle_like = 0;
    for (const std::string& v : values) {
      handle_like +=
          v.find(' ') == std::string::npos && v.find_first_of("0123456789._") != std::string::npos;
    }
    if (single * 10 >= values.size() * 8 && handle_like * 4 >= values.size()) {
      return PiiMode::Username;
    }
    return PiiMode::Words;
  }

  std::string generate_text(uint64_t index, Rng& rng) const {
    const bool numeric = type_ == DataType::Int64 || type_ == DataType::Float64;
    std::string value;
    switch (mode_) {
      case PiiMode::Mask:
        return unique_ ? mask_.generate_unique(index, rng, salt_, numeric)
                       : truncated(mask_.generate(rng, numeric));
      case PiiMode::Email:
        return email_.generate(rng, unique_, index, stats_.max_length);
      case PiiMode::Username:
        return username_.generate(rng, unique_, index, stats_.max_length);
      case PiiMode::Hash:
        return hash_.generate(rng, unique_, index, salt_);
      default:
        // A value longer than the source's longest is redrawn a few times before it is cut,
        // so cuts (a URL ending in "/", half a word) stay rare.
        for (int attempt = 0; attempt < 4; ++attempt) {
          std::string candidate = generate_one(rng);
          if (attempt == 0 || candidate.size() < value.size()) value = std::move(candidate);
          if (stats_.max_length == 0 || value.size() <= stats_.max_length) break;
        }
        break;
    }
    if (!unique_) return truncated(std::move(value));
    // Unique: the value ends in a separator and exactly the index's digits, so no two indexes
    // ever give the same text. The base is cut first so the whole stays within the source's
    // longest value where possible.
    std::string tail = mode_ == PiiMode::Url
                           ? (value.find('?') == std::string::npos ? "?ref=" : "&ref=")
                       : mode_ == PiiMode::Address ? " #"
                                                   : " ";
    append_padded(tail, index + 1, 0);
    if (stats_.max_length > tail.size())
      text::truncate_utf8(value, stats_.max_length - tail.size());
    return value + tail;
  }

  std::string generate_one(Rng& rng) const {
    switch (mode_) {
      case PiiMode::Name:
        return name_.generate(rng);
      case PiiMode::Address:
        return address_.generate(rng);
      case PiiMode::Place:
        return place_.generate(rng);
      case PiiMode::Url:
        return url_.generate(rng);
      default:
        return words_.generate(rng);
    }
  }

  // The digits of a value generated for an integer column, as a number.
  static int64_t integer_of(const std::string& value) {
    std::string digits;
    for (char c : value) {
      if (text::is_digit(c) || (c == '-' && digits.empty())) digits.push_back(c);
    }
    int64_t number = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    return number;
  }
  // A generated value as the column stores it (and as its real values were filtered).
  std::string stored_text(const std::string& value) const {
    return type_ == DataType::Int64 ? std::to_string(integer_of(value)) : value;
  }

  std::string truncated(std::string value) const {
    text::truncate_utf8(value, stats_.max_length);
    return value;
  }

  SDType sdtype_ = SDType::OtherPii;
  PiiMode mode_ = PiiMode::Words;
  bool unique_ = false;
  uint64_t salt_ = 0;
  StringStats stats_;
  MaskModel mask_;
  EmailModel email_;
  NameModel name_;
  AddressModel address_;
  PlaceModel place_;
  UrlModel url_;
  HashModel hash_;
  LocalPartModel username_;
  WordsModel words_;
  value_detail::ValueFilter filter_;  // the column's real values (not for places)
};

}  // namespace

std::unique_ptr<ValueGenerator> make_pii_generator() { return std::make_unique<PiiGenerator>(); }

}  // namespace relsynth
