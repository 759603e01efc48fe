#include "model/tree_classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "core/random.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

// Owns the columns a TokenMatrix points at.
struct Data {
  std::vector<std::vector<uint16_t>> columns;
  std::vector<uint32_t> cardinalities;
  std::vector<uint16_t> target;
  std::vector<bool> unordered;

  TokenMatrix matrix() const {
    TokenMatrix m;
    m.num_rows = target.size();
    for (const auto& c : columns) m.columns.emplace_back(c);
    m.cardinalities = cardinalities;
    m.unordered = unordered;
    return m;
  }
  std::vector<uint16_t> row(size_t r) const {
    std::vector<uint16_t> out;
    for (const auto& c : columns) out.push_back(c[r]);
    return out;
  }
};

// y = (a + 2 b) mod 5 over a (card 6) and b (card 4), plus two noise features.
Data rule_data(size_t rows, uint64_t seed) {
  Rng rng(seed);
  Data d;
  d.cardinalities = {6, 4, 10, 3};
  d.columns.assign(4, {});
  for (size_t r = 0; r < rows; ++r) {
    for (size_t f = 0; f < 4; ++f) {
      d.columns[f].push_back(static_cast<uint16_t>(rng.uniform_int(d.cardinalities[f])));
    }
    d.target.push_back(static_cast<uint16_t>((d.columns[0][r] + 2 * d.columns[1][r]) % 5));
  }
  return d;
}

size_t argmax(const std::vector<float>& p) {
  return static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
}

TEST(TreeClassifier, LearnsADeterministicRule) {
  const Data train = rule_data(20000, 1);
  const Data test = rule_data(2000, 2);
  TreeClassifier model;
  TreeParams params;
  params.max_depth = 12;
  params.seed = 3;
  model.fit(train.matrix(), train.target, 5, params);
  size_t correct = 0;
  std::vector<float> p(5);
  for (size_t r = 0; r < test.target.size(); ++r) {
    model.predict_proba(test.row(r), p);
    correct += argmax(p) == test.target[r];
    float sum = 0;
    for (float v : p) sum += v;
    ASSERT_NEAR(sum, 1.0f, 1e-4f);
  }
  EXPECT_GE(correct, 1990u);
}

TEST(TreeClassifier, LearnsANoisyConditionalDistribution) {
  // p(y | a, b) for a in 0..2, b in 0..1 over 3 classes.
  const double truth[3][2][3] = {{{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}},
                                 {{0.3, 0.4, 0.3}, {0.5, 0.5, 0.0}},
                                 {{0.05, 0.15, 0.8}, {0.33, 0.33, 0.34}}};
  Rng rng(4);
  Data d;
  d.cardinalities = {3, 2, 8};
  d.columns.assign(3, {});
  for (int r = 0; r < 40000; ++r) {
    const uint16_t a = static_cast<uint16_t>(rng.uniform_int(3));
    const uint16_t b = static_cast<uint16_t>(rng.uniform_int(2));
    d.columns[0].push_back(a);
    d.columns[1].push_back(b);
    d.columns[2].push_back(static_cast<uint16_t>(rng.uniform_int(8)));  // noise
    const std::vector<float> w(truth[a][b], truth[a][b] + 3);
    d.target.push_back(static_cast<uint16_t>(rng.sample(w)));
  }
  TreeClassifier model;
  TreeParams params;
  params.min_samples_leaf = 50;  // leaves big enough to estimate a distribution
  params.seed = 5;
  model.fit(d.matrix(), d.target, 3, params);
  std::vector<float> p(3);
  for (uint16_t a = 0; a < 3; ++a) {
    for (uint16_t b = 0; b < 2; ++b) {
      for (uint16_t noise = 0; noise < 8; noise += 3) {
        model.predict_proba(std::vector<uint16_t>{a, b, noise}, p);
        for (int c = 0; c < 3; ++c) {
          EXPECT_NEAR(p[c], truth[a][b][c], 0.05) << int(a) << "," << int(b) << " class " << c;
        }
      }
    }
  }
}

TEST(TreeClassifier, SampleDrawsFromThePredictedDistribution) {
  // Many classes, shallow leaves and strong smoothing, so the prior's share matters.
  const Data d = rule_data(6000, 12);
  TreeParams params;
  params.num_trees = 7;
  params.max_depth = 3;
  params.leaf_smoothing = 20;
  params.seed = 13;
  TreeClassifier fitted;
  fitted.fit(d.matrix(), d.target, 9, params);  // classes 5..8 never occur: prior only
  BinaryWriter out;
  save_classifier(fitted, out);
  BinaryReader in(out.data());
  const std::unique_ptr<Classifier> loaded = load_classifier(in);
  for (const Classifier* model :
       {static_cast<const Classifier*>(&fitted), static_cast<const Classifier*>(loaded.get())}) {
    for (size_t r = 0; r < 3; ++r) {
      const std::vector<uint16_t> row = d.row(r);
      std::vector<float> p(9), scratch(9);
      model->predict_proba(row, p);
      std::vector<double> seen(9, 0);
      const int draws = 200000;
      for (int i = 0; i < draws; ++i) {
        Rng rng(21, r, i);
        ++seen[model->sample(row, rng, scratch)];
      }
      for (int c = 0; c < 9; ++c)
        EXPECT_NEAR(seen[c] / draws, p[c], 0.005) << "row " << r << " class " << c;
    }
  }
}

TEST(TreeClassifier, SameForestForAnyThreadCount) {
  const Data d = rule_data(8000, 6);
  TreeParams params;
  params.num_trees = 6;
  params.seed = 7;
  params.threads = 1;
  TreeClassifier one, two;
  one.fit(d.matrix(), d.target, 5, params);
  params.threads = 2;
  two.fit(d.matrix(), d.target, 5, params);
  BinaryWriter a, b;
  one.save(a);
  two.save(b);
  EXPECT_EQ(a.data(), b.data());
  // A different seed grows a different forest.
  params.seed = 8;
  TreeClassifier other;
  other.fit(d.matrix(), d.target, 5, params);
  BinaryWriter c;
  other.save(c);
  EXPECT_NE(a.data(), c.data());
}

// Histograms (big nodes, subtraction for the larger child) count what grouping rows counts:
// the same splits, node for node, on ordered and unordered features, with few and many classes
// and with a feature too wide for a histogram.
TEST(TreeClassifier, HistogramsGrowTheSameTreesAsGroupingRows) {
  for (const uint32_t classes : {3u, 40u}) {
    Rng rng(classes);
    Data d;
    d.cardinalities = {6, 4, 33, 3, 300, 12, 2000};
    d.unordered = {false, true, false, true, false, true, true};
    d.columns.assign(d.cardinalities.size(), {});
    for (size_t r = 0; r < 30000; ++r) {
      for (size_t f = 0; f < d.cardinalities.size(); ++f)
        d.columns[f].push_back(static_cast<uint16_t>(rng.uniform_int(d.cardinalities[f])));
      const uint32_t signal =
          d.columns[0][r] + 3 * (d.columns[1][r] == 2) + d.columns[2][r] / 4 + d.columns[5][r] % 3;
      d.target.push_back(
          static_cast<uint16_t>(rng.uniform() < 0.7 ? signal % classes : rng.uniform_int(classes)));
    }
    TreeParams params;
    params.num_trees = 4;
    params.max_depth = 12;
    params.min_samples_leaf = 3;
    params.split_penalty = 2.0;
    params.seed = 11;
    TreeClassifier with, without;
    with.fit(d.matrix(), d.target, classes, params);
    params.histograms = false;
    without.fit(d.matrix(), d.target, classes, params);
    BinaryWriter a, b;
    with.save(a);
    without.save(b);
    EXPECT_GT(with.num_nodes(), 40u);
    EXPECT_EQ(a.data(), b.data()) << classes << " classes";
  }
}

TEST(TreeClassifier, SaveLoadGivesIdenticalPredictions) {
  const Data d = rule_data(5000, 9);
  TreeClassifier model;
  TreeParams params;
  params.seed = 10;
  model.fit(d.matrix(), d.target, 5, params);
  BinaryWriter w;
  save_classifier(model, w);
  const std::string bytes = w.take();
  BinaryReader r(bytes);
  auto loaded = load_classifier(r);
  EXPECT_TRUE(r.at_end());
  ASSERT_EQ(loaded->kind(), ClassifierKind::Forest);
  ASSERT_EQ(loaded->num_classes(), 5u);
  ASSERT_EQ(loaded->num_features(), 4u);
  std::vector<float> p(5), q(5);
  for (size_t row = 0; row < 500; ++row) {
    model.predict_proba(d.row(row), p);
    loaded->predict_proba(d.row(row), q);
    ASSERT_EQ(p, q);
  }
  for (size_t cut = 0; cut < bytes.size(); cut += std::max<size_t>(1, bytes.size() / 200)) {
    const std::string part = bytes.substr(0, cut);
    BinaryReader pr(part);
    EXPECT_THROW(load_classifier(pr), InputError);
  }
}

TEST(TreeClassifier, CorruptChildIndexIsRejected) {
  Data d = rule_data(500, 11);
  TreeClassifier model;
  model.fit(d.matrix(), d.target, 5, TreeParams{});
  BinaryWriter w;
  model.save(w);
  std::string bytes = w.take();
  // The first tree's root node: find its "left" field by layout and point it at itself.
  const size_t tree_tag = bytes.find("tree");
  ASSERT_NE(tree_tag, std::string::npos);
  const size_t root = tree_tag + 4 + 4 + 8 + 8;  // tag, version, length, node count
  const size_t left = root + 8;
  for (int i = 0; i < 4; ++i) bytes[left + i] = 0;
  BinaryReader r(bytes);
  TreeClassifier loaded;
  EXPECT_THROW(loaded.load(r), InputError);
}

TEST(TreeClassifier, BatchPredictionMatchesSingleRows) {
  const Data d = rule_data(3000, 12);
  TreeClassifier model;
  model.fit(d.matrix(), d.target, 5, TreeParams{});
  std::vector<float> batch(100 * 5), single(5);
  model.predict_proba_batch(d.matrix(), 200, 300, batch);
  for (size_t r = 200; r < 300; ++r) {
    model.predict_proba(d.row(r), single);
    for (int c = 0; c < 5; ++c) ASSERT_EQ(batch[(r - 200) * 5 + c], single[c]);
  }
}

TEST(TreeClassifier, UnorderedFeaturesSplitOnTokenSets) {
  // y depends on a scattered set of 60 tokens: threshold splits need many levels, set
  // splits need one per class.
  Rng rng(13);
  Data d;
  d.cardinalities = {60};
  d.columns.assign(1, {});
  for (int r = 0; r < 12000; ++r) {
    const uint16_t t = static_cast<uint16_t>(rng.uniform_int(60));
    d.columns[0].push_back(t);
    d.target.push_back(static_cast<uint16_t>((t * 7) % 3));
  }
  TreeParams params;
  params.max_depth = 2;
  params.num_trees = 3;
  auto accuracy = [&](bool unordered) {
    d.unordered = {unordered};
    TreeClassifier model;
    model.fit(d.matrix(), d.target, 3, params);
    size_t correct = 0;
    std::vector<float> p(3);
    for (uint16_t t = 0; t < 60; ++t) {
      model.predict_proba(std::vector<uint16_t>{t}, p);
      correct += argmax(p) == static_cast<size_t>((t * 7) % 3);
    }
    return correct / 60.0;
  };
  EXPECT_EQ(accuracy(true), 1.0);
  EXPECT_LT(accuracy(false), 0.8);
}

TEST(TreeClassifier, ManyClassesAndHighCardinality) {
  // 600 classes, a 2000-token feature: exercises the sparse paths.
  Rng rng(14);
  Data d;
  d.cardinalities = {2000, 5};
  d.columns.assign(2, {});
  for (int r = 0; r < 30000; ++r) {
    const uint16_t t = static_cast<uint16_t>(rng.uniform_int(2000));
    d.columns[0].push_back(t);
    d.columns[1].push_back(static_cast<uint16_t>(rng.uniform_int(5)));
    d.target.push_back(static_cast<uint16_t>(t < 1000 ? t % 300 : 300 + t % 300));
  }
  TreeClassifier model;
  TreeParams params;
  params.min_samples_leaf = 2;
  params.max_depth = 14;
  model.fit(d.matrix(), d.target, 600, params);
  std::vector<float> p(600);
  model.predict_proba(std::vector<uint16_t>{1500, 0}, p);
  float upper = 0;
  for (int c = 300; c < 600; ++c) upper += p[c];
  EXPECT_GT(upper, 0.95f);  // the first split at 1000 is learned
}

TEST(TreeClassifier, BadInputIsAUsageError) {
  Data d = rule_data(100, 15);
  TreeClassifier model;
  d.columns[0][7] = 6;  // >= cardinality 6
  EXPECT_THROW(model.fit(d.matrix(), d.target, 5, TreeParams{}), UsageError);
  d = rule_data(100, 15);
  EXPECT_THROW(model.fit(d.matrix(), d.target, 4, TreeParams{}), UsageError);  // target 4
  std::vector<uint16_t> short_target(d.target.begin(), d.target.end() - 1);
  EXPECT_THROW(model.fit(d.matrix(), short_target, 5, TreeParams{}), UsageError);
}

TEST(TreeClassifier, NoRowsPredictsUniformAndNoFeaturesPredictsMarginal) {
  Data empty;
  empty.cardinalities = {3};
  empty.columns.assign(1, {});
  TreeClassifier model;
  model.fit(empty.matrix(), empty.target, 4, TreeParams{});
  std::vector<float> p(4);
  model.predict_proba(std::vector<uint16_t>{1}, p);
  for (float v : p) EXPECT_FLOAT_EQ(v, 0.25f);

  Data none;
  for (int i = 0; i < 100; ++i) none.target.push_back(i < 75 ? 0 : 1);
  TreeClassifier marginal_forest;
  marginal_forest.fit(none.matrix(), none.target, 2, TreeParams{});
  std::vector<float> q(2);
  marginal_forest.predict_proba(std::vector<uint16_t>{}, q);
  EXPECT_NEAR(q[0], 0.75, 0.06);  // each tree sees its own half of the rows
}

TEST(TreeClassifier, MarginalClassifierIsTheClassFrequencies) {
  std::vector<uint16_t> target;
  for (int i = 0; i < 1000; ++i) target.push_back(i % 10 < 6 ? 0 : (i % 10 < 9 ? 1 : 2));
  MarginalClassifier marginal;
  marginal.fit(target, 4, 2);
  std::vector<float> p(4);
  marginal.predict_proba(std::vector<uint16_t>{0, 1}, p);
  EXPECT_FLOAT_EQ(p[0], 0.6f);
  EXPECT_FLOAT_EQ(p[1], 0.3f);
  EXPECT_FLOAT_EQ(p[2], 0.1f);
  EXPECT_FLOAT_EQ(p[3], 0.0f);
  BinaryWriter w;
  save_classifier(marginal, w);
  const std::string bytes = w.take();
  BinaryReader r(bytes);
  auto loaded = load_classifier(r);
  EXPECT_EQ(loaded->kind(), ClassifierKind::Marginal);
  std::vector<float> q(4);
  loaded->predict_proba(std::vector<uint16_t>{0, 1}, q);
  EXPECT_EQ(p, q);
}

}  // namespace
}  // namespace relsynth
