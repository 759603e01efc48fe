// Classifiers over token features: p(target token | feature tokens).
//
// TreeClassifier is a random forest of histogram trees: every tree is grown on a row
// subsample, each node looks at a random subset of features, splits maximise the Gini gain,
// and each leaf keeps the class counts of its rows. A prediction averages the trees' leaf
// distributions, each smoothed toward the training class frequencies, so every class seen in
// training keeps a non-zero probability. MarginalClassifier (the class frequencies alone) is
// the baseline behind the same interface.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/binary_io.h"

namespace relsynth {

class Rng;

// Column-major token features: columns[f][row]. Ordered features split on thresholds
// (token <= t goes left); unordered (categorical) ones split on a token subset found by
// sorting the node's tokens by a target statistic.
struct TokenMatrix {
  size_t num_rows = 0;
  std::vector<std::span<const uint16_t>> columns;
  std::vector<uint32_t> cardinalities;  // every token of feature f is < cardinalities[f]
  std::vector<bool> unordered;          // empty: all ordered

  size_t num_features() const { return columns.size(); }
  bool is_unordered(size_t f) const { return f < unordered.size() && unordered[f]; }
  // Throws UsageError when sizes or tokens are inconsistent.
  void validate() const;
};

enum class ClassifierKind : uint8_t { Marginal = 1, Forest = 2 };

// Prediction is const and thread-safe; fit is not.
class Classifier {
 public:
  virtual ~Classifier() = default;
  virtual ClassifierKind kind() const = 0;
  virtual uint32_t num_classes() const = 0;
  virtual size_t num_features() const = 0;
  // The classes' shares in the training rows.
  virtual std::span<const float> class_frequencies() const = 0;
  // One row: row[f] is the token of feature f. Writes num_classes() probabilities summing
  // to 1 into out.
  virtual void predict_proba(std::span<const uint16_t> row, std::span<float> out) const = 0;
  // One class drawn from predict_proba's distribution for `row`. The default writes the
  // distribution into scratch (num_classes() floats) and draws from it.
  virtual uint32_t sample(std::span<const uint16_t> row, Rng& rng, std::span<float> scratch) const;
  // Rows [begin, end) of a column-major matrix; out is (end - begin) x num_classes,
  // row-major.
  virtual void predict_proba_batch(const TokenMatrix& features, size_t begin, size_t end,
                                   std::span<float> out) const;
  // The body only; save_classifier / load_classifier add the kind.
  virtual void save(BinaryWriter& out) const = 0;
  virtual void load(BinaryReader& in) = 0;
};

class MarginalClassifier final : public Classifier {
 public:
  // Class frequencies of `target` with `smoothing` pseudo-counts spread evenly.
  void fit(std::span<const uint16_t> target, uint32_t num_classes, size_t num_features = 0,
           double smoothing = 0.0);
  ClassifierKind kind() const override { return ClassifierKind::Marginal; }
  uint32_t num_classes() const override { return static_cast<uint32_t>(probs_.size()); }
  size_t num_features() const override { return num_features_; }
  std::span<const float> class_frequencies() const override { return probs_; }
  void predict_proba(std::span<const uint16_t> row, std::span<float> out) const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in) override;

 private:
  std::vector<float> probs_;
  size_t num_features_ = 0;
};

struct TreeParams {
  int num_trees = 10;
  int max_depth = 10;
  int min_samples_leaf = 10;
  double feature_fraction = 0.8;  // of the features, tried at every node (at least 1)
  double row_subsample = 0.5;     // of the rows, drawn without replacement per tree
  // A split must gain more than split_penalty x the node's Gini impurity in n x Gini units
  // (a split on an unrelated feature gains about 1 x on average), so trees stop splitting
  // on noise instead of memorising it.
  double split_penalty = 6.0;
  // Pseudo-counts pulling each leaf toward the training class frequencies. One pseudo-count
  // gave a 10-row leaf's unseen classes up to 9% of their overall share: an expensive product
  // bought 12 at a time, a video as short as a song (docs/BENCHMARKS.md, commit 0946fcf).
  double leaf_smoothing = 0.2;
  uint64_t seed = 0;
  int threads = 0;  // 0: all hardware threads; results never depend on it
  // Big nodes count tokens x classes in histograms; false groups rows everywhere (the same
  // trees, slower: for tests and benchmarks).
  bool histograms = true;
};

class TreeClassifier final : public Classifier {
 public:
  // target[row] < num_classes. Deterministic for a given params.seed.
  void fit(const TokenMatrix& features, std::span<const uint16_t> target, uint32_t num_classes,
           const TreeParams& params);
  ClassifierKind kind() const override { return ClassifierKind::Forest; }
  uint32_t num_classes() const override { return num_classes_; }
  size_t num_features() const override { return cardinalities_.size(); }
  std::span<const float> class_frequencies() const override { return prior_; }
  void predict_proba(std::span<const uint16_t> row, std::span<float> out) const override;
  // The prediction is the mean of the trees' smoothed leaves: drawing a tree, then a class
  // of its leaf (or of the prior, in the smoothing's share) draws from it exactly, in time
  // that does not grow with the number of classes.
  uint32_t sample(std::span<const uint16_t> row, Rng& rng, std::span<float> scratch) const override;
  void predict_proba_batch(const TokenMatrix& features, size_t begin, size_t end,
                           std::span<float> out) const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in) override;

  size_t num_trees() const { return trees_.size(); }
  size_t num_nodes() const;

  // A flat tree. Internal node: feature >= 0, children left/right. Leaf: feature == -1 and
  // its class counts are entries [left, right) of leaf_classes / leaf_counts.
  struct Node {
    int32_t feature = -1;
    uint32_t split = 0;  // ordered: threshold token; unordered: word offset into left_sets
    uint32_t left = 0;
    uint32_t right = 0;
    float scale = 0;  // leaf: 1 / (rows + leaf_smoothing)
  };
  struct Tree {
    std::vector<Node> nodes;
    std::vector<uint64_t> left_sets;  // bitsets of the tokens that go left
    std::vector<uint16_t> leaf_classes;
    std::vector<float> leaf_counts;
    std::vector<float> leaf_cumulative;  // running sums of leaf_counts within each leaf
  };

 private:
  static void index_leaves(Tree& tree);
  template <typename TokenAt>
  const Node& find_leaf(const Tree& tree, TokenAt token_at) const;
  // Adds the leaf's smoothed distribution (without the prior part) into acc and returns the
  // weight of the prior part.
  template <typename TokenAt>
  double accumulate(const Tree& tree, TokenAt token_at, float* acc) const;

  uint32_t num_classes_ = 0;
  std::vector<uint32_t> cardinalities_;
  std::vector<uint8_t> unordered_;  // per feature: 1 = token-set splits
  std::vector<float> prior_;        // training class frequencies
  std::vector<float> prior_cumulative_;
  double leaf_smoothing_ = 1.0;
  uint64_t seed_ = 0;
  std::vector<Tree> trees_;
};

// Section "classifier" v1: kind (u8), then the classifier's body.
void save_classifier(const Classifier& classifier, BinaryWriter& out);
std::unique_ptr<Classifier> load_classifier(BinaryReader& in);

}  // namespace relsynth
