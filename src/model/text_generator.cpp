// Text generator: free text (titles, descriptions, notes) sampled from a bigram model over the
// words that occur in at least rare_threshold distinct rows. Rarer words (names, codes, typos)
// never leave the model, and a Bloom filter of the column's rare values rejects any generated
// value that would repeat one of them.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "model/value_generator.h"
#include "model/word_lists.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

using text::CaseStyle;
using value_detail::StringStats;

constexpr size_t kMinVocabulary = 20;  // below this, lorem-like words are mixed in
constexpr double kBigramShare = 0.7;   // chance to follow a bigram when one exists
constexpr int kMaxAttempts = 24;       // redraws when a value hits the rare-value filter

bool is_closing(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
         c == '\'' || c == ')' || c == ']' || c == '}';
}
bool is_opening(char c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '<' || c == '*';
}
bool is_sentence_punct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
}

struct Token {
  std::string_view core;  // the word without surrounding punctuation
  std::string punct;      // trailing sentence punctuation (",", ".", "?!")
};

std::vector<Token> tokenize(std::string_view value) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && text::is_space(value[i])) ++i;
    size_t j = i;
    while (j < value.size() && !text::is_space(value[j])) ++j;
    if (j == i) break;
    std::string_view word = value.substr(i, j - i);
    i = j;
    size_t begin = 0, end = word.size();
    while (begin < end && is_opening(word[begin])) ++begin;
    while (end > begin && is_closing(word[end - 1])) --end;
    Token token;
    if (begin == end) {  // punctuation only ("-", "&", "...")
      token.core = word;
    } else {
      token.core = word.substr(begin, end - begin);
      for (size_t k = end; k < word.size() && token.punct.size() < 3; ++k) {
        if (is_sentence_punct(word[k])) token.punct.push_back(word[k]);
      }
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string lower(std::string_view s) { return text::apply_case(s, CaseStyle::Lower); }

// Case- and punctuation-insensitive form used to compare generated and real values.
std::string normalize(std::string_view value) {
  std::string out;
  bool gap = false;
  for (char c : value) {
    if (text::is_alpha(c) || text::is_digit(c)) {
      if (gap && !out.empty()) out.push_back(' ');
      gap = false;
      out.push_back(text::is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
    } else {
      gap = true;
    }
  }
  return out;
}

std::vector<float> cumulative_of(const std::vector<float>& weights) {
  std::vector<float> out(weights.size());
  float total = 0;
  for (size_t i = 0; i < weights.size(); ++i) out[i] = total += weights[i];
  return out;
}

void check_weights(BinaryReader& in, const std::vector<float>& weights) {
  for (float w : weights) {
    if (!(w >= 0)) in.fail("text generator: negative weight");
  }
}

class TextGenerator final : public ValueGenerator {
 public:
  GeneratorKind kind() const override { return GeneratorKind::Text; }

  void fit(const Column& real, SDType, const GeneratorOptions& options) override {
    type_ = real.type();
    if (!holds_strings(type_) || type_ == DataType::Decimal) {
      value_detail::throw_unsupported(options, real, "free text");
    }
    *this = TextGenerator();
    type_ = real.type();
    unique_ = options.unique;
    salt_ = mix64(options.salt ^ 0x746578745f73616cULL);
    stats_.fit(real);
    const size_t min_rows = static_cast<size_t>(std::max(options.rare_threshold, 1));
    const std::vector<std::string> values = value_detail::non_null_text(real);

    // Pass 1: in how many rows each word occurs, and its most common spelling.
    struct WordStats {
      size_t rows = 0;
      size_t occurrences = 0;
      size_t last_row = SIZE_MAX;
    };
    std::unordered_map<std::string, WordStats> word_stats;
    std::unordered_map<std::string, size_t> spellings;
    std::unordered_map<std::string, size_t> value_counts;
    std::vector<std::vector<Token>> tokenized(values.size());
    for (size_t row = 0; row < values.size(); ++row) {
      tokenized[row] = tokenize(values[row]);
      ++value_counts[normalize(values[row])];
      for (size_t t = 0; t < tokenized[row].size(); ++t) {
        const std::string_view core = tokenized[row][t].core;
        WordStats& s = word_stats[lower(core)];
        ++s.occurrences;
        if (s.last_row != row) {
          ++s.rows;
          s.last_row = row;
        }
        // The first word is capitalised by position, not by spelling: count it less.
        spellings[std::string(core)] += t == 0 ? 1 : 2;
      }
    }
    std::vector<std::pair<std::string, size_t>> kept;
    for (const auto& [word, s] : word_stats) {
      if (s.rows >= min_rows) kept.emplace_back(word, s.occurrences);
    }
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::unordered_map<std::string, uint32_t> ids;
    std::vector<size_t> best_spelling(kept.size(), 0);
    for (size_t i = 0; i < kept.size(); ++i) {
      ids.emplace(kept[i].first, static_cast<uint32_t>(i));
      vocab_.push_back(kept[i].first);
      weights_.push_back(static_cast<float>(kept[i].second));
    }
    for (const auto& [spelling, count] : spellings) {
      const auto it = ids.find(lower(spelling));
      if (it == ids.end()) continue;
      const uint32_t id = it->second;
      if (count > best_spelling[id] || (count == best_spelling[id] && spelling < vocab_[id])) {
        best_spelling[id] = count;
        vocab_[id] = spelling;
      }
    }
    kept_words_ = static_cast<uint32_t>(vocab_.size());

    // Pass 2: bigrams among kept words, starts, lengths, punctuation, case.
    std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> pairs;  // -> (rows, last row + 1)
    std::vector<float> start_weights(vocab_.size(), 0);
    std::unordered_map<std::string, size_t> end;
    // Punctuation after a word inside a value belongs to the word ("Jr.", "however,").
    constexpr std::string_view kInnerPunct = ",;:.!?";
    std::vector<std::array<uint32_t, 7>> inner(vocab_.size(), std::array<uint32_t, 7>{});
    std::unordered_map<uint32_t, size_t> lengths;
    size_t upper = 0, first_capital = 0, with_words = 0;
    for (size_t row = 0; row < values.size(); ++row) {
      const std::vector<Token>& tokens = tokenized[row];
      ++lengths[static_cast<uint32_t>(std::min<size_t>(tokens.size(), 100000))];
      if (tokens.empty()) continue;
      ++with_words;
      const std::string& v = values[row];
      const bool has_lower = std::any_of(v.begin(), v.end(), text::is_lower);
      const bool has_upper = std::any_of(v.begin(), v.end(), text::is_upper);
      upper += has_upper && !has_lower && v.size() > 1;
      first_capital += !tokens[0].core.empty() && text::is_upper(tokens[0].core[0]);
      int64_t previous = -1;
      for (size_t t = 0; t < tokens.size(); ++t) {
        const auto it = ids.find(lower(tokens[t].core));
        const int64_t id = it == ids.end() ? int64_t{-1} : static_cast<int64_t>(it->second);
        if (t == 0 && id >= 0) start_weights[id] += 1;
        if (previous >= 0 && id >= 0) {
          auto& [rows, last] = pairs[static_cast<uint64_t>(previous) * vocab_.size() + id];
          if (last != row + 1) {
            ++rows;
            last = static_cast<uint32_t>(row + 1);
          }
        }
        previous = id;
        if (t + 1 == tokens.size()) {
          ++end[tokens[t].punct];
        } else if (id >= 0) {
          const size_t code =
              tokens[t].punct.empty() ? 0 : kInnerPunct.find(tokens[t].punct[0]) + 1;
          ++inner[id][std::min<size_t>(code, 6)];
        }
      }
    }
    const float n = std::max<size_t>(with_words, 1);
    upper_share_ = upper / n;
    first_capital_share_ = first_capital / n;

    // Successor lists in CSR form, bigrams seen in at least min_rows rows only.
    std::vector<std::pair<uint64_t, uint32_t>> kept_pairs;
    for (const auto& [key, counts] : pairs) {
      if (counts.first >= min_rows) kept_pairs.emplace_back(key, counts.first);
    }
    std::sort(kept_pairs.begin(), kept_pairs.end());
    succ_offsets_.assign(vocab_.size() + 1, 0);
    for (const auto& [key, count] : kept_pairs) {
      ++succ_offsets_[key / vocab_.size() + 1];
      succ_ids_.push_back(static_cast<uint32_t>(key % vocab_.size()));
      succ_weights_.push_back(static_cast<float>(count));
    }
    for (size_t i = 1; i < succ_offsets_.size(); ++i) succ_offsets_[i] += succ_offsets_[i - 1];
    for (uint32_t i = 0; i < start_weights.size(); ++i) {
      if (start_weights[i] > 0) {
        start_ids_.push_back(i);
        start_weights_.push_back(start_weights[i]);
      }
    }

    // Tiny vocabulary: mix in lorem-like words so values still vary.
    if (vocab_.size() < kMinVocabulary) {
      float mean = 1;
      if (!weights_.empty()) {
        mean = 0;
        for (float w : weights_) mean += w;
        mean /= weights_.size();
      }
      for (std::string_view w : words::lorem_words()) {
        vocab_.emplace_back(w);
        weights_.push_back(mean);
      }
      succ_offsets_.resize(vocab_.size() + 1, succ_offsets_.back());
      word_punct_.resize(vocab_.size());
      word_punct_share_.resize(vocab_.size(), 0.f);
    }

    for (const auto& [length, count] : lengths) {
      length_values_.push_back(length);
    }
    std::sort(length_values_.begin(), length_values_.end());
    for (uint32_t length : length_values_)
      length_weights_.push_back(static_cast<float>(lengths[length]));
    const auto punct_list = [](const std::unordered_map<std::string, size_t>& counts,
                               std::vector<std::string>& out, std::vector<float>& weights) {
      std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
      std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
      });
      for (size_t i = 0; i < sorted.size() && i < 16; ++i) {
        out.push_back(sorted[i].first);
        weights.push_back(static_cast<float>(sorted[i].second));
      }
    };
    word_punct_.assign(vocab_.size(), std::string());
    word_punct_share_.assign(vocab_.size(), 0.f);
    for (size_t id = 0; id < inner.size(); ++id) {
      uint32_t total = 0;
      size_t best = 1;
      for (size_t code = 0; code < 7; ++code) total += inner[id][code];
      for (size_t code = 2; code < 7; ++code) {
        if (inner[id][code] > inner[id][best]) best = code;
      }
      if (total > 0 && inner[id][best] > 0) {
        word_punct_[id] = std::string(1, kInnerPunct[best - 1]);
        word_punct_share_[id] = static_cast<float>(inner[id][best]) / total;
      }
    }
    punct_list(end, end_punct_, end_punct_weights_);

    // The rare-value filter: about 10 bits per rare value (1% false positives).
    size_t rare = 0;
    for (const auto& [value, count] : value_counts) rare += count < min_rows && !value.empty();
    filter_.reset(rare);
    for (const auto& [value, count] : value_counts) {
      if (count < min_rows && !value.empty()) filter_.add(value, salt_);
    }
    finish();
  }

  void generate(uint64_t index, Rng& rng, Column& out) const override {
    if (!unique_ && stats_.empty_share > 0 && rng.uniform() < stats_.empty_share) {
      out.append_string(std::string());
      return;
    }
    std::string value;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      value = sample_value(rng, 0);
      if (value.empty() || !filter_.contains(normalize(value), salt_)) break;
      if (attempt + 1 == kMaxAttempts) value = sample_value(rng, 1);  // one word longer
    }
    if (unique_) {
      std::string tail = " ";
      value_detail::append_padded(tail, index + 1, 0);
      if (stats_.max_length > tail.size())
        text::truncate_utf8(value, stats_.max_length - tail.size());
      value = value.empty() ? tail.substr(1) : value + tail;
    }
    out.append_string(std::move(value));
  }

  std::string describe() const override {
    double mean = 0, total = 0;
    for (size_t i = 0; i < length_values_.size(); ++i) {
      mean += length_values_[i] * static_cast<double>(length_weights_[i]);
      total += length_weights_[i];
    }
    mean = total > 0 ? mean / total : 0;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", mean);
    return "text: " + std::to_string(kept_words_) + " kept words" +
           (vocab_.size() > kept_words_ ? " + lorem" : "") + ", " +
           std::to_string(succ_ids_.size()) + " bigrams, " + buffer + " words per value" +
           (unique_ ? ", unique" : "");
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("text_generator", 1);
    out.u8(static_cast<uint8_t>(type_));
    out.boolean(unique_);
    out.u64(salt_);
    stats_.save(out);
    out.strs(vocab_);
    out.f32s(weights_);
    out.u32(kept_words_);
    out.u32s(start_ids_);
    out.f32s(start_weights_);
    out.u32s(succ_offsets_);
    out.u32s(succ_ids_);
    out.f32s(succ_weights_);
    out.u32s(length_values_);
    out.f32s(length_weights_);
    out.strs(word_punct_);
    out.f32s(word_punct_share_);
    out.strs(end_punct_);
    out.f32s(end_punct_weights_);
    out.f32(upper_share_);
    out.f32(first_capital_share_);
    out.u64s(filter_.bits);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    in.begin_section("text_generator", 1);
    const uint8_t type = in.u8();
    if (type > static_cast<uint8_t>(DataType::Binary)) in.fail("bad text generator type");
    type_ = static_cast<DataType>(type);
    unique_ = in.boolean();
    salt_ = in.u64();
    stats_.load(in);
    vocab_ = in.strs();
    weights_ = in.f32s();
    kept_words_ = in.u32();
    start_ids_ = in.u32s();
    start_weights_ = in.f32s();
    succ_offsets_ = in.u32s();
    succ_ids_ = in.u32s();
    succ_weights_ = in.f32s();
    length_values_ = in.u32s();
    length_weights_ = in.f32s();
    word_punct_ = in.strs();
    word_punct_share_ = in.f32s();
    end_punct_ = in.strs();
    end_punct_weights_ = in.f32s();
    upper_share_ = in.f32();
    first_capital_share_ = in.f32();
    filter_.bits = in.u64s();
    in.end_section();
    // Check every index the sampler will follow, so a damaged file fails here, not later.
    const size_t v = vocab_.size();
    if (weights_.size() != v || kept_words_ > v || start_ids_.size() != start_weights_.size() ||
        succ_offsets_.size() != v + 1 || succ_ids_.size() != succ_weights_.size() ||
        length_values_.size() != length_weights_.size() || word_punct_.size() != v ||
        word_punct_share_.size() != v || end_punct_.size() != end_punct_weights_.size()) {
      in.fail("text generator: inconsistent sizes");
    }
    for (uint32_t id : start_ids_) {
      if (id >= v) in.fail("text generator: start word out of range");
    }
    for (size_t i = 0; i < v; ++i) {
      if (succ_offsets_[i] > succ_offsets_[i + 1]) in.fail("text generator: bad bigram offsets");
    }
    if (!succ_offsets_.empty() && succ_offsets_.back() != succ_ids_.size()) {
      in.fail("text generator: bad bigram offsets");
    }
    for (uint32_t id : succ_ids_) {
      if (id >= v) in.fail("text generator: bigram word out of range");
    }
    for (const auto* w : {&weights_, &start_weights_, &succ_weights_, &length_weights_,
                          &word_punct_share_, &end_punct_weights_}) {
      check_weights(in, *w);
    }
    finish();
  }

 private:
  void finish() {
    cumulative_ = cumulative_of(weights_);
    start_cumulative_ = cumulative_of(start_weights_);
    length_cumulative_ = cumulative_of(length_weights_);
    end_cumulative_ = cumulative_of(end_punct_weights_);
    // Per-word running sums, restarting at each word's first successor.
    succ_cumulative_.resize(succ_weights_.size());
    for (size_t w = 0; w + 1 < succ_offsets_.size(); ++w) {
      float total = 0;
      for (uint32_t i = succ_offsets_[w]; i < succ_offsets_[w + 1]; ++i) {
        succ_cumulative_[i] = total += succ_weights_[i];
      }
    }
  }

  uint32_t next_word(int64_t previous, size_t position, Rng& rng) const {
    if (position == 0 && !start_ids_.empty() && rng.uniform() < 0.9) {
      return start_ids_[rng.sample_cumulative(start_cumulative_)];
    }
    if (previous >= 0) {
      const uint32_t begin = succ_offsets_[previous], end = succ_offsets_[previous + 1];
      if (end > begin && rng.uniform() < kBigramShare) {
        const std::span<const float> range(succ_cumulative_.data() + begin, end - begin);
        return succ_ids_[begin + rng.sample_cumulative(range)];
      }
    }
    return static_cast<uint32_t>(rng.sample_cumulative(cumulative_));
  }

  std::string sample_value(Rng& rng, size_t extra_words) const {
    size_t count =
        length_values_.empty() ? 3 : length_values_[rng.sample_cumulative(length_cumulative_)];
    if (count == 0 && extra_words == 0) return std::string();
    count += extra_words;
    if (vocab_.empty()) return std::string();
    const bool all_upper = rng.uniform() < upper_share_;
    const bool capital = rng.uniform() < first_capital_share_;
    std::vector<std::string> words;
    words.reserve(count);
    int64_t previous = -1;
    for (size_t i = 0; i < count; ++i) {
      uint32_t id = next_word(previous, i, rng);
      // "the the": a unigram draw may repeat the previous word; one redraw makes it rare.
      if (id == previous && vocab_.size() > 1) id = next_word(previous, i, rng);
      previous = id;
      std::string word = vocab_[id];
      if (all_upper) {
        word = text::apply_case(word, CaseStyle::Upper);
      } else if (i == 0 && capital && !word.empty() && text::is_lower(word[0])) {
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
      }
      if (i + 1 < count && word_punct_share_[id] > 0 && rng.uniform() < word_punct_share_[id]) {
        word += word_punct_[id];
      }
      words.push_back(std::move(word));
    }
    const std::string end =
        end_punct_.empty() ? std::string() : end_punct_[rng.sample_cumulative(end_cumulative_)];
    // Too long for the source's longest value: drop words from the end, keep the final
    // punctuation, and cut only a single overlong word.
    size_t length = end.size() + words.size() - 1;
    for (const std::string& w : words) length += w.size();
    while (stats_.max_length > 0 && length > stats_.max_length && words.size() > 1) {
      length -= words.back().size() + 1;
      words.pop_back();
    }
    std::string value;
    for (std::string& w : words) {
      if (!value.empty()) value.push_back(' ');
      value += w;
    }
    while (!value.empty() && (value.back() == ',' || value.back() == ';' || value.back() == ':')) {
      value.pop_back();
    }
    value += end;
    text::truncate_utf8(value, stats_.max_length);
    return value;
  }

  bool unique_ = false;
  uint64_t salt_ = 0;
  StringStats stats_;
  std::vector<std::string> vocab_;  // kept words first, then any lorem words
  std::vector<float> weights_;
  uint32_t kept_words_ = 0;
  std::vector<uint32_t> start_ids_;
  std::vector<float> start_weights_;
  std::vector<uint32_t> succ_offsets_;
  std::vector<uint32_t> succ_ids_;
  std::vector<float> succ_weights_;
  std::vector<uint32_t> length_values_;
  std::vector<float> length_weights_;
  std::vector<std::string> word_punct_;  // per word: the punctuation that may follow it
  std::vector<float> word_punct_share_;  // and how often it does inside a value
  std::vector<std::string> end_punct_;
  std::vector<float> end_punct_weights_;
  float upper_share_ = 0;
  float first_capital_share_ = 0;
  value_detail::ValueFilter filter_;  // the column's rare values, normalized
  // Derived at fit / load.
  std::vector<float> cumulative_;
  std::vector<float> start_cumulative_;
  std::vector<float> length_cumulative_;
  std::vector<float> end_cumulative_;
  std::vector<float> succ_cumulative_;
};

}  // namespace

std::unique_ptr<ValueGenerator> make_text_generator() { return std::make_unique<TextGenerator>(); }

}  // namespace relsynth
