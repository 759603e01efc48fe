// Random forest of histogram trees over token features.
//
// Split search per node and feature reads the node's class counts per token, then scans the
// tokens in order (ordered features) or in order of a target statistic (unordered features),
// moving a token's counts from the right child to the left while keeping sum(count_c^2) on both
// sides up to date, and scores each boundary by Gini.
//
// Those counts come one of two ways, with the same numbers and so the same splits:
// - Histograms (big nodes): a token x class count table per feature, built for all features in
//   one pass over the node's rows read from a row-major copy of the features (a row's tokens
//   side by side, so the pass walks memory instead of gathering from each column). A split
//   builds only the smaller child's tables; the larger child's are its parent's minus those.
//   Scanning one costs tokens x classes, whatever the node's size.
// - Grouping rows (small nodes, and features whose table would be too big: many tokens times
//   many classes): a counting or comparison sort of the node's rows by token, scanned row by
//   row. A node costs O(rows + cardinality + classes) per feature, never cardinality x classes,
//   so targets with hundreds of classes stay cheap.
//
// Each tree draws its rows, features and everything else from its own counter-based stream
// (seed, tree), and trees are written to fixed slots, so the forest is identical for any
// number of threads.
#include "model/tree_classifier.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "core/random.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

// Running sums of weights (for binary-search draws).
std::vector<float> cumulative(const std::vector<float>& weights) {
  std::vector<float> sums(weights.size());
  double running = 0;
  for (size_t i = 0; i < weights.size(); ++i) sums[i] = static_cast<float>(running += weights[i]);
  return sums;
}

}  // namespace

void TokenMatrix::validate() const {
  if (cardinalities.size() != columns.size()) {
    throw UsageError("token matrix: " + std::to_string(columns.size()) + " features but " +
                     std::to_string(cardinalities.size()) + " cardinalities");
  }
  if (!unordered.empty() && unordered.size() != columns.size()) {
    throw UsageError("token matrix: unordered flags do not match the features");
  }
  for (size_t f = 0; f < columns.size(); ++f) {
    if (columns[f].size() != num_rows) {
      throw UsageError("token matrix: feature " + std::to_string(f) + " has " +
                       std::to_string(columns[f].size()) + " rows, expected " +
                       std::to_string(num_rows));
    }
    const uint32_t card = cardinalities[f];
    if (card == 0 || card > 65536) {
      throw UsageError("token matrix: feature " + std::to_string(f) + " has cardinality " +
                       std::to_string(card));
    }
    for (size_t r = 0; r < num_rows; ++r) {
      if (columns[f][r] >= card) {
        throw UsageError("token matrix: feature " + std::to_string(f) + ", row " +
                         std::to_string(r) + " has token " + std::to_string(columns[f][r]) +
                         " >= cardinality " + std::to_string(card));
      }
    }
  }
}

uint32_t Classifier::sample(std::span<const uint16_t> row, Rng& rng,
                            std::span<float> scratch) const {
  std::span<float> probs = scratch.first(num_classes());
  predict_proba(row, probs);
  return static_cast<uint32_t>(rng.sample(probs));
}

void Classifier::predict_proba_batch(const TokenMatrix& features, size_t begin, size_t end,
                                     std::span<float> out) const {
  const size_t classes = num_classes();
  std::vector<uint16_t> row(features.num_features());
  for (size_t r = begin; r < end; ++r) {
    for (size_t f = 0; f < row.size(); ++f) row[f] = features.columns[f][r];
    predict_proba(row, out.subspan((r - begin) * classes, classes));
  }
}

// ---------------------------------------------------------------------------------------
// MarginalClassifier

void MarginalClassifier::fit(std::span<const uint16_t> target, uint32_t num_classes,
                             size_t num_features, double smoothing) {
  if (num_classes == 0 || num_classes > 65536) {
    throw UsageError("classifier needs 1 to 65536 classes, got " + std::to_string(num_classes));
  }
  num_features_ = num_features;
  std::vector<double> counts(num_classes, std::max(0.0, smoothing) / num_classes);
  for (uint16_t t : target) {
    if (t >= num_classes) {
      throw UsageError("target token " + std::to_string(t) + " >= " + std::to_string(num_classes) +
                       " classes");
    }
    counts[t] += 1;
  }
  double total = 0;
  for (double c : counts) total += c;
  probs_.assign(num_classes, 1.0f / num_classes);
  if (total > 0) {
    for (uint32_t c = 0; c < num_classes; ++c) probs_[c] = static_cast<float>(counts[c] / total);
  }
}

void MarginalClassifier::predict_proba(std::span<const uint16_t>, std::span<float> out) const {
  std::copy(probs_.begin(), probs_.end(), out.begin());
}

void MarginalClassifier::save(BinaryWriter& out) const {
  out.begin_section("marginal_classifier", 1);
  out.u64(num_features_);
  out.f32s(probs_);
  out.end_section();
}

void MarginalClassifier::load(BinaryReader& in) {
  in.begin_section("marginal_classifier", 1);
  num_features_ = in.u64();
  probs_ = in.f32s();
  in.end_section();
  if (probs_.empty() || probs_.size() > 65536) in.fail("marginal classifier has no classes");
}

// ---------------------------------------------------------------------------------------
// Tree building

namespace {

// A feature's histogram is at most this many cells (tokens x classes), and all of a node's
// together at most kMaxHistogramCells: deeper trees hold a few such sets at once.
constexpr size_t kMaxFeatureCells = size_t{1} << 14;
constexpr size_t kMaxHistogramCells = size_t{1} << 18;

// Which features have histograms, where each one's cells are, and their tokens row-major over
// every row of the matrix (shared by all trees of a forest).
struct HistogramLayout {
  std::vector<uint32_t> features;  // the features with histograms, in packed order
  std::vector<uint32_t> offsets;   // per packed feature: its first cell
  std::vector<int32_t> offset_of;  // per feature: its first cell, or -1 (grouped rows only)
  size_t cells = 0;
  size_t min_rows = 0;           // smaller nodes group rows instead
  std::vector<uint16_t> packed;  // packed[row * features.size() + k]

  HistogramLayout(const TokenMatrix& x, uint32_t classes, bool wanted)
      : offset_of(x.num_features(), -1) {
    if (!wanted) return;
    std::vector<uint32_t> order(x.num_features());
    for (uint32_t f = 0; f < order.size(); ++f) order[f] = f;
    // Fewest cells first, so a cap leaves out the features that cost most.
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return x.cardinalities[a] < x.cardinalities[b];
    });
    for (uint32_t f : order) {
      const size_t size = static_cast<size_t>(x.cardinalities[f]) * classes;
      if (size > kMaxFeatureCells || cells + size > kMaxHistogramCells) break;
      features.push_back(f);
      cells += size;
    }
    std::sort(features.begin(), features.end());
    size_t at = 0;
    for (uint32_t f : features) {
      offsets.push_back(static_cast<uint32_t>(at));
      offset_of[f] = static_cast<int32_t>(at);
      at += static_cast<size_t>(x.cardinalities[f]) * classes;
    }
    if (features.empty()) return;
    // A histogram pays when the node's rows outnumber a feature's cells: scanning a table
    // costs its cells, grouping rows a few passes over them.
    min_rows = std::max<size_t>(64, cells / features.size());
    if (x.num_rows < min_rows) return;
    const size_t width = features.size();
    packed.resize(x.num_rows * width);
    for (size_t k = 0; k < width; ++k) {
      const std::span<const uint16_t> column = x.columns[features[k]];
      for (size_t row = 0; row < x.num_rows; ++row) packed[row * width + k] = column[row];
    }
  }

  bool used() const { return !packed.empty(); }
};

class TreeBuilder {
 public:
  TreeBuilder(const TokenMatrix& x, std::span<const uint16_t> y, uint32_t num_classes,
              const TreeParams& params, uint64_t tree_index, const HistogramLayout& layout)
      : x_(x),
        y_(y),
        classes_(num_classes),
        params_(params),
        layout_(layout),
        rng_(params.seed, 0x7472656573ULL /* "trees" */, tree_index),
        alpha_(std::max(0.0, params.leaf_smoothing)),
        min_leaf_(static_cast<size_t>(std::max(1, params.min_samples_leaf))) {}

  TreeClassifier::Tree build() {
    sample_rows();
    const size_t n = rows_.size();
    uint32_t max_card = 1;
    for (uint32_t c : x_.cardinalities) max_card = std::max(max_card, c);
    token_counts_.resize(max_card);
    token_pos_.resize(max_card);
    sorted_classes_.resize(n);
    node_classes_.resize(n);
    scratch_.resize(n);
    keys_.reserve(n);
    node_counts_.resize(classes_);
    left_counts_.resize(classes_);
    right_counts_.resize(classes_);
    features_.resize(x_.num_features());
    for (size_t f = 0; f < features_.size(); ++f) features_[f] = static_cast<uint32_t>(f);
    tree_.nodes.emplace_back();
    Histograms root;
    if (wants_histograms(n, 0)) {
      root = acquire();
      fill(root, 0, n);
    }
    grow(0, 0, n, 0, std::move(root));
    return std::move(tree_);
  }

 private:
  struct Group {
    uint32_t token;
    uint32_t begin;  // into sorted_classes_, or the token's first cell of hist_
    uint32_t size;
    double stat;
  };
  // One node's token x class counts of every histogram feature (empty: none).
  using Histograms = std::vector<uint32_t>;
  struct Split {
    double score = 0;
    int32_t feature = -1;
    uint32_t threshold = 0;
    std::vector<uint16_t> left_tokens;  // unordered splits
  };

  // Rows drawn without replacement by selection sampling: sorted, so later gathers walk
  // memory forward.
  void sample_rows() {
    const size_t total = x_.num_rows;
    const double fraction = std::clamp(params_.row_subsample, 0.0, 1.0);
    size_t want = fraction >= 1.0 ? total : static_cast<size_t>(std::llround(fraction * total));
    want = std::clamp<size_t>(want, std::min<size_t>(1, total), total);
    rows_.reserve(want);
    if (want == total) {
      for (size_t r = 0; r < total; ++r) rows_.push_back(static_cast<uint32_t>(r));
      return;
    }
    size_t needed = want;
    for (size_t r = 0; r < total && needed > 0; ++r) {
      if (rng_.uniform_int(total - r) < needed) {
        rows_.push_back(static_cast<uint32_t>(r));
        --needed;
      }
    }
  }

  void make_leaf(uint32_t node, size_t n) {
    TreeClassifier::Node& leaf = tree_.nodes[node];
    leaf.feature = -1;
    leaf.left = static_cast<uint32_t>(tree_.leaf_classes.size());
    for (uint32_t c = 0; c < classes_; ++c) {
      if (node_counts_[c] == 0) continue;
      tree_.leaf_classes.push_back(static_cast<uint16_t>(c));
      tree_.leaf_counts.push_back(static_cast<float>(node_counts_[c]));
    }
    leaf.right = static_cast<uint32_t>(tree_.leaf_classes.size());
    leaf.scale = static_cast<float>(1.0 / (static_cast<double>(n) + alpha_));
  }

  bool wants_histograms(size_t n, int depth) const {
    return layout_.used() && n >= layout_.min_rows && depth < params_.max_depth &&
           n >= 2 * min_leaf_;
  }

  Histograms acquire() {
    if (spare_.empty()) return Histograms(layout_.cells);
    Histograms out = std::move(spare_.back());
    spare_.pop_back();
    return out;
  }

  void release(Histograms& h) {
    if (!h.empty()) spare_.push_back(std::move(h));
    h = Histograms();
  }

  // The histograms of rows_[begin, end): one pass, each row's tokens read side by side.
  void fill(Histograms& h, size_t begin, size_t end) {
    std::fill(h.begin(), h.end(), 0);
    const size_t width = layout_.features.size();
    const uint32_t* offsets = layout_.offsets.data();
    const size_t classes = classes_;
    uint32_t* cells = h.data();
    for (size_t i = begin; i < end; ++i) {
      const uint32_t row = rows_[i];
      const uint16_t* tokens = layout_.packed.data() + static_cast<size_t>(row) * width;
      uint32_t* at = cells + y_[row];
      for (size_t k = 0; k < width; ++k) ++at[offsets[k] + tokens[k] * classes];
    }
  }

  void grow(uint32_t node, size_t begin, size_t end, int depth, Histograms hist) {
    const size_t n = end - begin;
    std::fill(node_counts_.begin(), node_counts_.end(), 0);
    for (size_t i = begin; i < end; ++i) {
      const uint16_t c = y_[rows_[i]];
      node_classes_[i] = c;
      ++node_counts_[c];
    }
    uint64_t sumsq = 0;
    uint32_t majority = 0;
    for (uint32_t c = 0; c < classes_; ++c) {
      sumsq += static_cast<uint64_t>(node_counts_[c]) * node_counts_[c];
      if (node_counts_[c] > node_counts_[majority]) majority = c;
    }
    if (depth >= params_.max_depth || n < 2 * min_leaf_ || n == 0 ||
        sumsq == static_cast<uint64_t>(n) * n || features_.empty()) {
      make_leaf(node, n);
      release(hist);
      return;
    }

    // A fresh random subset of the features, tried in index order so ties go to the lowest.
    const size_t num_features = features_.size();
    const size_t tried = std::clamp<size_t>(
        static_cast<size_t>(std::llround(params_.feature_fraction * num_features)), 1,
        num_features);
    for (size_t i = 0; i < tried; ++i) {
      std::swap(features_[i], features_[i + rng_.uniform_int(num_features - i)]);
    }
    std::vector<uint32_t> chosen(features_.begin(), features_.begin() + tried);
    std::sort(chosen.begin(), chosen.end());

    // A split must beat what chance gives a split on an unrelated feature: its gain
    // n * (Gini decrease) averages the parent's Gini impurity under independence.
    const double parent = static_cast<double>(sumsq) / static_cast<double>(n);
    const double impurity = 1.0 - parent / static_cast<double>(n);
    Split best;
    best.score = parent + 1e-9 * std::max(1.0, parent);
    impurity_ = impurity;
    parent_score_ = parent;
    hist_ = hist.empty() ? nullptr : hist.data();
    for (uint32_t f : chosen) evaluate(f, begin, end, sumsq, majority, best);
    if (best.feature < 0 && tried < num_features) {
      // Like scikit-learn, keep looking when the sampled features cannot split: stopping
      // here would leave leaves that mix rows a skipped feature separates.
      std::vector<uint32_t> rest(features_.begin() + tried, features_.end());
      std::sort(rest.begin(), rest.end());
      for (uint32_t f : rest) evaluate(f, begin, end, sumsq, majority, best);
    }
    if (best.feature < 0) {
      make_leaf(node, n);
      release(hist);
      return;
    }

    // Partition rows: left ones stay in front, in their order.
    const std::span<const uint16_t> column = x_.columns[best.feature];
    const bool unordered = x_.is_unordered(best.feature);
    const uint32_t card = x_.cardinalities[best.feature];
    std::vector<uint64_t> set;
    if (unordered) {
      set.assign((card + 63) / 64, 0);
      for (uint16_t t : best.left_tokens) set[t >> 6] |= 1ULL << (t & 63);
    }
    size_t left_end = begin;
    size_t right_count = 0;
    for (size_t i = begin; i < end; ++i) {
      const uint32_t row = rows_[i];
      const uint16_t t = column[row];
      const bool left = unordered ? ((set[t >> 6] >> (t & 63)) & 1) : t <= best.threshold;
      if (left) {
        rows_[left_end++] = row;
      } else {
        scratch_[right_count++] = row;
      }
    }
    std::copy(scratch_.begin(), scratch_.begin() + right_count, rows_.begin() + left_end);

    // The children's histograms: the smaller one's counted, the larger one's by subtraction.
    Histograms left_hist, right_hist;
    const bool left_wants = wants_histograms(left_end - begin, depth + 1);
    const bool right_wants = wants_histograms(end - left_end, depth + 1);
    if (!hist.empty() && (left_wants || right_wants)) {
      const bool left_smaller = left_end - begin <= end - left_end;
      Histograms smaller = acquire();
      if (left_smaller)
        fill(smaller, begin, left_end);
      else
        fill(smaller, left_end, end);
      for (size_t cell = 0; cell < hist.size(); ++cell) hist[cell] -= smaller[cell];
      left_hist = left_smaller ? std::move(smaller) : std::move(hist);
      right_hist = left_smaller ? std::move(hist) : std::move(smaller);
      if (!left_wants) release(left_hist);
      if (!right_wants) release(right_hist);
    } else {
      release(hist);
    }

    TreeClassifier::Node split;
    split.feature = best.feature;
    if (unordered) {
      split.split = static_cast<uint32_t>(tree_.left_sets.size());
      tree_.left_sets.insert(tree_.left_sets.end(), set.begin(), set.end());
    } else {
      split.split = best.threshold;
    }
    split.left = static_cast<uint32_t>(tree_.nodes.size());
    tree_.nodes.emplace_back();
    tree_.nodes[node] = split;
    grow(split.left, begin, left_end, depth + 1, std::move(left_hist));
    const uint32_t right = static_cast<uint32_t>(tree_.nodes.size());
    tree_.nodes.emplace_back();
    tree_.nodes[node].right = right;
    grow(right, left_end, end, depth + 1, std::move(right_hist));
  }

  // Groups the node's rows by token of feature f into groups_ (token order), with their
  // classes laid out in sorted_classes_.
  void group_by_token(uint32_t f, size_t begin, size_t end) {
    const std::span<const uint16_t> column = x_.columns[f];
    const uint32_t card = x_.cardinalities[f];
    const size_t n = end - begin;
    groups_.clear();
    grouped_ = hist_ && layout_.offset_of[f] >= 0 ? hist_ : nullptr;
    if (grouped_) {  // the node's histogram: a group per token with rows
      const uint32_t* cells = hist_ + layout_.offset_of[f];
      for (uint32_t t = 0; t < card; ++t) {
        const uint32_t* row = cells + static_cast<size_t>(t) * classes_;
        uint32_t size = 0;
        for (uint32_t c = 0; c < classes_; ++c) size += row[c];
        if (size > 0) groups_.push_back({t, static_cast<uint32_t>(row - hist_), size, 0.0});
      }
      return;
    }
    if (card <= 2 * n + 64) {  // counting sort
      std::fill(token_counts_.begin(), token_counts_.begin() + card, 0);
      for (size_t i = begin; i < end; ++i) ++token_counts_[column[rows_[i]]];
      uint32_t at = 0;
      for (uint32_t t = 0; t < card; ++t) {
        token_pos_[t] = at;
        if (token_counts_[t] > 0) groups_.push_back({t, at, token_counts_[t], 0.0});
        at += token_counts_[t];
      }
      for (size_t i = begin; i < end; ++i) {
        sorted_classes_[token_pos_[column[rows_[i]]]++] = node_classes_[i];
      }
      return;
    }
    keys_.clear();  // few rows, many tokens: sort (token, class) keys
    for (size_t i = begin; i < end; ++i) {
      keys_.push_back((static_cast<uint32_t>(column[rows_[i]]) << 16) | node_classes_[i]);
    }
    std::sort(keys_.begin(), keys_.end());
    for (size_t i = 0; i < keys_.size(); ++i) {
      const uint32_t t = keys_[i] >> 16;
      sorted_classes_[i] = static_cast<uint16_t>(keys_[i] & 0xffff);
      if (groups_.empty() || groups_.back().token != t) {
        groups_.push_back({t, static_cast<uint32_t>(i), 0, 0.0});
      }
      ++groups_.back().size;
    }
  }

  void evaluate(uint32_t f, size_t begin, size_t end, uint64_t sumsq, uint32_t majority,
                Split& best) {
    group_by_token(f, begin, end);
    if (groups_.size() < 2) return;
    const size_t n = end - begin;
    const bool unordered = x_.is_unordered(f);
    // The gain chance alone gives: ~1 x impurity for one threshold, more for the best of a
    // free grouping of many tokens.
    const double chance = std::max(0.0, params_.split_penalty) +
                          (unordered ? 0.5 * static_cast<double>(groups_.size() - 1) : 0.0);
    const double required = parent_score_ + chance * impurity_;
    if (!unordered) {
      scan(f, n, sumsq, required, false, best);
      return;
    }
    // Unordered tokens have no order of their own: try two, by the (smoothed) share of the
    // node's majority class, and by the mean class (which follows the number line when the
    // target is a binned number), and keep the better split.
    const double prior = static_cast<double>(node_counts_[majority]) / static_cast<double>(n);
    for (Group& g : groups_) {
      uint32_t hits = 0;
      if (grouped_)
        hits = grouped_[g.begin + majority];
      else
        for (uint32_t i = 0; i < g.size; ++i) hits += sorted_classes_[g.begin + i] == majority;
      g.stat = (hits + prior) / (g.size + 1.0);
    }
    sort_groups();
    scan(f, n, sumsq, required, true, best);
    double mean = 0;
    for (uint32_t c = 0; c < classes_; ++c) mean += static_cast<double>(c) * node_counts_[c];
    mean /= static_cast<double>(n);
    for (Group& g : groups_) {
      // Whole numbers, summed exactly either way.
      uint64_t sum = 0;
      if (grouped_)
        for (uint32_t c = 0; c < classes_; ++c) sum += uint64_t{c} * grouped_[g.begin + c];
      else
        for (uint32_t i = 0; i < g.size; ++i) sum += sorted_classes_[g.begin + i];
      g.stat = (static_cast<double>(sum) + mean) / (g.size + 1.0);
    }
    sort_groups();
    scan(f, n, sumsq, required, true, best);
  }

  void sort_groups() {
    std::sort(groups_.begin(), groups_.end(), [](const Group& a, const Group& b) {
      return a.stat != b.stat ? a.stat < b.stat : a.token < b.token;
    });
  }

  // Scans the groups in their current order for the best split point.
  void scan(uint32_t f, size_t n, uint64_t sumsq, double required, bool unordered, Split& best) {
    std::fill(left_counts_.begin(), left_counts_.end(), 0);
    std::copy(node_counts_.begin(), node_counts_.end(), right_counts_.begin());
    uint64_t sum_left = 0;
    uint64_t sum_right = sumsq;
    size_t n_left = 0;
    for (size_t g = 0; g + 1 < groups_.size(); ++g) {
      const Group& group = groups_[g];
      if (grouped_) {
        // A token's count w of class c moves at once: (l + w)^2 = l^2 + 2lw + w^2.
        // (r - w)^2 = r^2 - (2r - w)w. Branch-free, so it vectorises.
        const uint32_t* counts = grouped_ + group.begin;
        uint32_t* left = left_counts_.data();
        uint32_t* right = right_counts_.data();
        uint64_t gained = 0, lost = 0;
        for (uint32_t c = 0; c < classes_; ++c) {
          const uint64_t w = counts[c], l = left[c], r = right[c];
          gained += (2 * l + w) * w;
          lost += (2 * r - w) * w;
          left[c] = static_cast<uint32_t>(l + w);
          right[c] = static_cast<uint32_t>(r - w);
        }
        sum_left += gained;
        sum_right -= lost;
      } else {
        for (uint32_t i = 0; i < group.size; ++i) {
          const uint16_t c = sorted_classes_[group.begin + i];
          sum_left += 2 * static_cast<uint64_t>(left_counts_[c]) + 1;
          ++left_counts_[c];
          sum_right -= 2 * static_cast<uint64_t>(right_counts_[c]) - 1;
          --right_counts_[c];
        }
      }
      n_left += group.size;
      const size_t n_right = n - n_left;
      if (n_left < min_leaf_) continue;
      if (n_right < min_leaf_) break;
      const double score = static_cast<double>(sum_left) / static_cast<double>(n_left) +
                           static_cast<double>(sum_right) / static_cast<double>(n_right);
      if (score > best.score && score > required) {
        best.score = score;
        best.feature = static_cast<int32_t>(f);
        best.threshold = group.token;
        if (unordered) {
          best.left_tokens.clear();
          for (size_t k = 0; k <= g; ++k)
            best.left_tokens.push_back(static_cast<uint16_t>(groups_[k].token));
        }
      }
    }
  }

  const TokenMatrix& x_;
  std::span<const uint16_t> y_;
  uint32_t classes_;
  const TreeParams& params_;
  const HistogramLayout& layout_;
  Rng rng_;
  double alpha_;
  size_t min_leaf_;

  std::vector<uint32_t> rows_;
  std::vector<uint32_t> scratch_;
  std::vector<uint16_t> node_classes_;    // classes of rows_[i], for the current node
  std::vector<uint16_t> sorted_classes_;  // classes grouped by token
  std::vector<uint32_t> token_counts_;
  std::vector<uint32_t> token_pos_;
  std::vector<uint32_t> keys_;
  std::vector<Group> groups_;
  std::vector<uint32_t> node_counts_;
  std::vector<uint32_t> left_counts_;
  std::vector<uint32_t> right_counts_;
  std::vector<uint32_t> features_;
  double impurity_ = 0;                // Gini impurity of the current node
  double parent_score_ = 0;            // its sum(count^2) / n
  const uint32_t* hist_ = nullptr;     // the current node's histograms, or null
  const uint32_t* grouped_ = nullptr;  // hist_ when groups_ index its cells
  std::vector<Histograms> spare_;
  TreeClassifier::Tree tree_;
};

}  // namespace

void TreeClassifier::fit(const TokenMatrix& features, std::span<const uint16_t> target,
                         uint32_t num_classes, const TreeParams& params) {
  features.validate();
  if (num_classes == 0 || num_classes > 65536) {
    throw UsageError("classifier needs 1 to 65536 classes, got " + std::to_string(num_classes));
  }
  if (target.size() != features.num_rows) {
    throw UsageError("classifier target has " + std::to_string(target.size()) + " rows, features " +
                     std::to_string(features.num_rows));
  }
  if (features.num_rows > 0xffffffffULL) throw UsageError("classifier: too many rows");
  std::vector<double> counts(num_classes, 0.0);
  for (uint16_t t : target) {
    if (t >= num_classes) {
      throw UsageError("target token " + std::to_string(t) + " >= " + std::to_string(num_classes) +
                       " classes");
    }
    counts[t] += 1;
  }

  num_classes_ = num_classes;
  cardinalities_ = features.cardinalities;
  unordered_.assign(features.num_features(), 0);
  for (size_t f = 0; f < unordered_.size(); ++f) unordered_[f] = features.is_unordered(f);
  leaf_smoothing_ = std::max(0.0, params.leaf_smoothing);
  seed_ = params.seed;
  prior_.assign(num_classes, 1.0f / num_classes);
  if (!target.empty()) {
    for (uint32_t c = 0; c < num_classes; ++c) {
      prior_[c] = static_cast<float>(counts[c] / static_cast<double>(target.size()));
    }
  }
  prior_cumulative_ = cumulative(prior_);
  trees_.clear();
  if (target.empty()) return;  // predicts the prior

  const size_t num_trees = static_cast<size_t>(std::max(1, params.num_trees));
  trees_.resize(num_trees);
  size_t threads = params.threads > 0 ? static_cast<size_t>(params.threads)
                                      : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, num_trees);
  const HistogramLayout layout(features, num_classes, params.histograms);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t t; (t = next.fetch_add(1)) < num_trees;) {
      trees_[t] = TreeBuilder(features, target, num_classes, params, t, layout).build();
      index_leaves(trees_[t]);
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    std::exception_ptr error;
    std::mutex error_mutex;
    for (size_t i = 0; i < threads; ++i) {
      pool.emplace_back([&] {
        try {
          work();
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
          next = num_trees;
        }
      });
    }
    for (auto& thread : pool) thread.join();
    if (error) std::rethrow_exception(error);
  }
}

void TreeClassifier::index_leaves(Tree& tree) {
  tree.leaf_cumulative.resize(tree.leaf_counts.size());
  for (const Node& node : tree.nodes) {
    if (node.feature >= 0) continue;
    double running = 0;
    for (uint32_t e = node.left; e < node.right; ++e)
      tree.leaf_cumulative[e] = static_cast<float>(running += tree.leaf_counts[e]);
  }
}

size_t TreeClassifier::num_nodes() const {
  size_t n = 0;
  for (const Tree& t : trees_) n += t.nodes.size();
  return n;
}

template <typename TokenAt>
const TreeClassifier::Node& TreeClassifier::find_leaf(const Tree& tree, TokenAt token_at) const {
  const Node* nodes = tree.nodes.data();
  uint32_t i = 0;
  while (nodes[i].feature >= 0) {
    const Node& node = nodes[i];
    const uint32_t t = token_at(node.feature);
    bool left;
    if (unordered_[node.feature]) {
      left = t < cardinalities_[node.feature] &&
             ((tree.left_sets[node.split + (t >> 6)] >> (t & 63)) & 1);
    } else {
      left = t <= node.split;
    }
    i = left ? node.left : node.right;
  }
  return nodes[i];
}

template <typename TokenAt>
double TreeClassifier::accumulate(const Tree& tree, TokenAt token_at, float* acc) const {
  const Node& leaf = find_leaf(tree, token_at);
  for (uint32_t e = leaf.left; e < leaf.right; ++e) {
    acc[tree.leaf_classes[e]] += tree.leaf_counts[e] * leaf.scale;
  }
  return leaf_smoothing_ * leaf.scale;
}

uint32_t TreeClassifier::sample(std::span<const uint16_t> row, Rng& rng, std::span<float>) const {
  if (row.size() != cardinalities_.size()) {
    throw UsageError("classifier expects " + std::to_string(cardinalities_.size()) +
                     " features, got " + std::to_string(row.size()));
  }
  if (!trees_.empty()) {
    const Tree& tree = trees_[rng.uniform_int(trees_.size())];
    const Node& leaf = find_leaf(tree, [&](int32_t f) -> uint32_t { return row[f]; });
    // The leaf weighs its counts against leaf_smoothing_ pseudo-counts of the prior.
    const float* sums = tree.leaf_cumulative.data();
    const float counted = leaf.right > leaf.left ? sums[leaf.right - 1] : 0.0f;
    const double target = rng.uniform() * (counted + leaf_smoothing_);
    if (target < counted)
      return tree
          .leaf_classes[std::upper_bound(sums + leaf.left, sums + leaf.right, target) - sums];
  }
  return static_cast<uint32_t>(rng.sample_cumulative(prior_cumulative_));
}

void TreeClassifier::predict_proba(std::span<const uint16_t> row, std::span<float> out) const {
  if (row.size() != cardinalities_.size() || out.size() < num_classes_) {
    throw UsageError("classifier expects " + std::to_string(cardinalities_.size()) +
                     " features and room for " + std::to_string(num_classes_) + " classes");
  }
  if (trees_.empty()) {
    std::copy(prior_.begin(), prior_.end(), out.begin());
    return;
  }
  std::fill(out.begin(), out.begin() + num_classes_, 0.0f);
  double prior_weight = 0;
  for (const Tree& tree : trees_) {
    prior_weight += accumulate(
        tree, [&](int32_t f) -> uint32_t { return row[f]; }, out.data());
  }
  const float inv = 1.0f / static_cast<float>(trees_.size());
  for (uint32_t c = 0; c < num_classes_; ++c) {
    out[c] = (out[c] + static_cast<float>(prior_weight) * prior_[c]) * inv;
  }
}

void TreeClassifier::predict_proba_batch(const TokenMatrix& features, size_t begin, size_t end,
                                         std::span<float> out) const {
  if (features.num_features() != cardinalities_.size() || end > features.num_rows || begin > end ||
      out.size() < (end - begin) * num_classes_) {
    throw UsageError("classifier batch does not match the model's features or output size");
  }
  for (size_t r = begin; r < end; ++r) {
    float* o = out.data() + (r - begin) * num_classes_;
    if (trees_.empty()) {
      std::copy(prior_.begin(), prior_.end(), o);
      continue;
    }
    std::fill(o, o + num_classes_, 0.0f);
    double prior_weight = 0;
    for (const Tree& tree : trees_) {
      prior_weight += accumulate(
          tree, [&](int32_t f) -> uint32_t { return features.columns[f][r]; }, o);
    }
    const float inv = 1.0f / static_cast<float>(trees_.size());
    for (uint32_t c = 0; c < num_classes_; ++c) {
      o[c] = (o[c] + static_cast<float>(prior_weight) * prior_[c]) * inv;
    }
  }
}

void TreeClassifier::save(BinaryWriter& out) const {
  out.begin_section("forest_classifier", 1);
  out.u32(num_classes_);
  out.u32s(cardinalities_);
  std::vector<uint16_t> unordered(unordered_.begin(), unordered_.end());
  out.u16s(unordered);
  out.f32s(prior_);
  out.f64(leaf_smoothing_);
  out.u64(seed_);
  out.u64(trees_.size());
  for (const Tree& tree : trees_) {
    out.begin_section("tree", 1);
    out.u64(tree.nodes.size());
    for (const Node& node : tree.nodes) {
      out.u32(static_cast<uint32_t>(node.feature));
      out.u32(node.split);
      out.u32(node.left);
      out.u32(node.right);
      out.f32(node.scale);
    }
    out.u64s(tree.left_sets);
    out.u16s(tree.leaf_classes);
    out.f32s(tree.leaf_counts);
    out.end_section();
  }
  out.end_section();
}

void TreeClassifier::load(BinaryReader& in) {
  *this = TreeClassifier();
  in.begin_section("forest_classifier", 1);
  num_classes_ = in.u32();
  cardinalities_ = in.u32s();
  const std::vector<uint16_t> unordered = in.u16s();
  for (uint16_t u : unordered) unordered_.push_back(u != 0);
  prior_ = in.f32s();
  leaf_smoothing_ = in.f64();
  seed_ = in.u64();
  if (num_classes_ == 0 || num_classes_ > 65536 || prior_.size() != num_classes_ ||
      unordered_.size() != cardinalities_.size() || !(leaf_smoothing_ >= 0)) {
    in.fail("forest classifier header is inconsistent (corrupt file?)");
  }
  prior_cumulative_ = cumulative(prior_);
  const uint64_t num_trees = in.u64();
  if (num_trees > in.remaining()) in.fail("forest classifier has a bad tree count");
  for (uint64_t k = 0; k < num_trees; ++k) {
    Tree tree;
    in.begin_section("tree", 1);
    const uint64_t num_nodes = in.u64();
    if (num_nodes == 0 || num_nodes > in.remaining() / 20) in.fail("tree has a bad node count");
    tree.nodes.resize(num_nodes);
    for (Node& node : tree.nodes) {
      node.feature = static_cast<int32_t>(in.u32());
      node.split = in.u32();
      node.left = in.u32();
      node.right = in.u32();
      node.scale = in.f32();
    }
    tree.left_sets = in.u64s();
    tree.leaf_classes = in.u16s();
    tree.leaf_counts = in.f32s();
    in.end_section();
    // Every index a prediction follows must be in range, and children come after their
    // parent, so a walk always ends at a leaf.
    bool ok = tree.leaf_classes.size() == tree.leaf_counts.size();
    for (size_t i = 0; ok && i < tree.nodes.size(); ++i) {
      const Node& node = tree.nodes[i];
      if (node.feature < 0) {
        ok =
            node.feature == -1 && node.left <= node.right && node.right <= tree.leaf_classes.size();
      } else {
        ok = static_cast<size_t>(node.feature) < cardinalities_.size() && node.left > i &&
             node.right > i && node.left < num_nodes && node.right < num_nodes;
        if (ok && unordered_[node.feature]) {
          ok = node.split + (cardinalities_[node.feature] + 63) / 64 <= tree.left_sets.size();
        }
      }
    }
    for (uint16_t c : tree.leaf_classes) ok = ok && c < num_classes_;
    if (!ok) in.fail("tree " + std::to_string(k) + " is inconsistent (corrupt file?)");
    index_leaves(tree);
    trees_.push_back(std::move(tree));
  }
  in.end_section();
}

void save_classifier(const Classifier& classifier, BinaryWriter& out) {
  out.begin_section("classifier", 1);
  out.u8(static_cast<uint8_t>(classifier.kind()));
  classifier.save(out);
  out.end_section();
}

std::unique_ptr<Classifier> load_classifier(BinaryReader& in) {
  in.begin_section("classifier", 1);
  const uint8_t kind = in.u8();
  std::unique_ptr<Classifier> classifier;
  if (kind == static_cast<uint8_t>(ClassifierKind::Marginal)) {
    classifier = std::make_unique<MarginalClassifier>();
  } else if (kind == static_cast<uint8_t>(ClassifierKind::Forest)) {
    classifier = std::make_unique<TreeClassifier>();
  } else {
    in.fail("unknown classifier kind " + std::to_string(kind));
  }
  classifier->load(in);
  in.end_section();
  return classifier;
}

}  // namespace relsynth
