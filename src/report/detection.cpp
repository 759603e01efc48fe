// Detection: how well a classifier tells real rows from synthetic ones. Each row carries its
// own columns, its parent's columns (first foreign key) and its number of children per child
// table; the project's encoders turn them into tokens and its TreeClassifier learns real vs
// synthetic with k-fold cross-validation. ROC AUC on held-out folds: 0.5 = indistinguishable.
// A second figure follows SyntheRela's aggregation detection (detect_aggregation): own
// columns plus children counts, means and distinct counts, 5-fold accuracy.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "core/random.h"
#include "model/encoder.h"
#include "model/tree_classifier.h"
#include "relsynth/error.h"
#include "report/report_internal.h"

namespace relsynth::report_detail {

namespace {

struct Feature {
  std::string name;
  std::vector<uint16_t> tokens;  // real rows, then synthetic rows
  uint32_t cardinality = 1;
  bool unordered = false;
};

// Encodes one combined column (real rows then synthetic rows) with the column's default
// encoder; a column the numeric encoder cannot read falls back to categories.
bool encode_feature(const std::string& name, const Column& combined, DataType type, SDType sdtype,
                    std::vector<Feature>& out) {
  EncoderOptions options;
  std::unique_ptr<ColumnEncoder> encoder = make_encoder(type, sdtype);
  try {
    encoder->fit(combined, options);
  } catch (const Error&) {
    encoder = make_categorical_encoder();
    try {
      encoder->fit(combined, options);
    } catch (const Error&) {
      return false;
    }
  }
  Feature feature;
  feature.name = name;
  feature.tokens = encoder->encode(combined);
  feature.cardinality = static_cast<uint32_t>(std::max<size_t>(1, encoder->num_tokens()));
  feature.unordered = encoder->kind() == EncoderKind::Categorical;
  out.push_back(std::move(feature));
  return true;
}

// The columns the quality report measures (numerical, datetime, categorical, boolean; no keys),
// present on both sides with one type. Identifiers, free text and PII stay out: their values
// are regenerated, so a parent's e-mail joined onto its many children would tell real from
// synthetic by identity rather than by shape.
std::vector<int> feature_columns(const TablePair& table) {
  std::vector<int> out;
  const std::vector<bool> keys = key_columns(*table.meta, *table.real);
  for (const ColumnMeta& column : table.meta->columns) {
    const int index = table.real->column_index(column.name);
    if (index < 0 || keys[static_cast<size_t>(index)] ||
        shape_of(column.sdtype, column.type) == Shape::None)
      continue;
    const Column* synthetic = table.synthetic->find_column(column.name);
    if (!synthetic || synthetic->type() != table.real->column(static_cast<size_t>(index)).type())
      continue;
    out.push_back(index);
  }
  return out;
}

TokenMatrix matrix_of(const std::vector<std::vector<uint16_t>>& columns,
                      const std::vector<Feature>& features) {
  TokenMatrix m;
  m.num_rows = columns.empty() ? 0 : columns[0].size();
  for (size_t f = 0; f < columns.size(); ++f) {
    m.columns.emplace_back(columns[f]);
    m.cardinalities.push_back(features[f].cardinality);
    m.unordered.push_back(features[f].unordered);
  }
  return m;
}

std::vector<float> predict(const TreeClassifier& model, const TokenMatrix& m) {
  std::vector<float> proba(m.num_rows * 2);
  model.predict_proba_batch(m, 0, m.num_rows, proba);
  std::vector<float> synthetic(m.num_rows);
  for (size_t i = 0; i < m.num_rows; ++i) synthetic[i] = proba[i * 2 + 1];
  return synthetic;
}

// Why a table is too small to detect on, or empty: below 50 rows a side a k-fold figure is
// noise (a dozen rows per side score anywhere from 0 to 1).
std::string too_few_rows(const TablePair& table) {
  constexpr size_t kMinRows = 50;
  if (table.real->num_rows() < kMinRows || table.synthetic->num_rows() < kMinRows)
    return "fewer than " + std::to_string(kMinRows) + " rows on a side";
  return {};
}

// As many rows of each side (at most detection_rows), sampled with the report's seed.
std::pair<Rows, Rows> sample_sides(const TablePair& table, const ReportOptions& options,
                                   uint64_t stream) {
  const size_t real_n = table.real->num_rows(), synthetic_n = table.synthetic->num_rows();
  const size_t n = std::min({real_n, synthetic_n, options.detection_rows});
  return {sample_rows(real_n, n, options.seed, stream),
          sample_rows(synthetic_n, n, options.seed, stream)};
}

// The table's own feature columns over the sampled rows (real, then synthetic).
void add_own_features(const TablePair& table, const Rows& real_rows, const Rows& synthetic_rows,
                      std::vector<Feature>& features) {
  for (int index : feature_columns(table)) {
    const Column& rc = table.real->column(static_cast<size_t>(index));
    const Column& sc = table.synthetic->column(rc.name());
    Column combined(rc.name(), rc.type(), rc.format());
    combined.reserve(real_rows.size() + synthetic_rows.size());
    for (uint32_t r : real_rows) combined.append_from(rc, r);
    for (uint32_t r : synthetic_rows) combined.append_from(sc, r);
    const ColumnMeta* meta = table.meta->find_column(rc.name());
    encode_feature(rc.name(), combined, rc.type(), meta->sdtype, features);
  }
}

// A child table as a feature names it: "child", or "child(fk columns)" when it refers to the
// table through several foreign keys.
std::string child_label(const std::vector<TablePair>& tables, const std::vector<Link>& links,
                        const Link& link) {
  std::string name = tables[link.child].meta->name;
  size_t same_child = 0;
  for (const Link& other : links)
    same_child += other.parent == link.parent && other.child == link.child;
  if (same_child > 1) {
    name += "(";
    for (size_t i = 0; i < link.foreign_key->columns.size(); ++i)
      name += (i ? "," : "") + link.foreign_key->columns[i];
    name += ")";
  }
  return name;
}

// Children per sampled row, for every child table.
void add_children_counts(const std::vector<TablePair>& tables, size_t table_index,
                         const std::vector<Link>& links, const Rows& real_rows,
                         const Rows& synthetic_rows, std::vector<Feature>& features) {
  for (const Link& link : links) {
    if (link.parent != table_index) continue;
    const std::string name = "#" + child_label(tables, links, link);
    Column combined(name, DataType::Int64);
    combined.reserve(real_rows.size() + synthetic_rows.size());
    for (uint32_t r : real_rows) combined.append_int(link.real_children[r]);
    for (uint32_t r : synthetic_rows) combined.append_int(link.synthetic_children[r]);
    encode_feature(name, combined, DataType::Int64, SDType::Numerical, features);
  }
}

// Per parent row, an aggregate of one child column over the parent's children: the mean of a
// number, or the number of distinct non-NULL values (NaN for the mean of no value).
std::vector<double> child_means(const Column& column, const std::vector<int64_t>& parent_of,
                                size_t parents) {
  std::vector<double> sum(parents, 0.0), count(parents, 0.0);
  for (size_t row = 0; row < parent_of.size(); ++row) {
    const double value = column.number_at(row);
    if (parent_of[row] < 0 || std::isnan(value)) continue;
    sum[static_cast<size_t>(parent_of[row])] += value;
    count[static_cast<size_t>(parent_of[row])] += 1;
  }
  for (size_t p = 0; p < parents; ++p)
    sum[p] = count[p] > 0 ? sum[p] / count[p] : std::numeric_limits<double>::quiet_NaN();
  return sum;
}

std::vector<double> child_distinct(const std::vector<int32_t>& codes,
                                   const std::vector<int64_t>& parent_of, size_t parents) {
  std::vector<std::pair<int64_t, int32_t>> pairs;
  pairs.reserve(codes.size());
  for (size_t row = 0; row < codes.size(); ++row)
    if (parent_of[row] >= 0 && codes[row] >= 0) pairs.emplace_back(parent_of[row], codes[row]);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<double> distinct(parents, 0.0);
  for (const auto& [parent, code] : pairs) distinct[static_cast<size_t>(parent)] += 1;
  return distinct;
}

// SyntheRela's aggregates of every child table's columns: the mean of each numerical column
// and the number of distinct values of each categorical one, per sampled row.
void add_child_aggregates(const std::vector<TablePair>& tables, size_t table_index,
                          const std::vector<Link>& links, const Rows& real_rows,
                          const Rows& synthetic_rows, std::vector<Feature>& features) {
  const TablePair& table = tables[table_index];
  for (const Link& link : links) {
    if (link.parent != table_index) continue;
    const TablePair& child = tables[link.child];
    const std::string label = child_label(tables, links, link);
    for (int index : feature_columns(child)) {
      const Column& rc = child.real->column(static_cast<size_t>(index));
      const Column& sc = child.synthetic->column(rc.name());
      const SDType sdtype = child.meta->find_column(rc.name())->sdtype;
      std::vector<double> real, synthetic;
      std::string name;
      if (sdtype == SDType::Numerical) {
        name = "mean(" + label + "." + rc.name() + ")";
        real = child_means(rc, link.real_parent_of, table.real->num_rows());
        synthetic = child_means(sc, link.synthetic_parent_of, table.synthetic->num_rows());
      } else if (sdtype == SDType::Categorical) {
        name = "distinct(" + label + "." + rc.name() + ")";
        const SharedCodes codes = shared_codes(rc, all_rows(rc.size()), sc, all_rows(sc.size()));
        real = child_distinct(codes.real, link.real_parent_of, table.real->num_rows());
        synthetic =
            child_distinct(codes.synthetic, link.synthetic_parent_of, table.synthetic->num_rows());
      } else {
        continue;
      }
      Column combined(name, DataType::Float64);
      combined.reserve(real_rows.size() + synthetic_rows.size());
      auto append = [&](double value) {
        std::isnan(value) ? combined.append_null() : combined.append_double(value);
      };
      for (uint32_t r : real_rows) append(real[r]);
      for (uint32_t r : synthetic_rows) append(synthetic[r]);
      encode_feature(name, combined, DataType::Float64, SDType::Numerical, features);
    }
  }
}

// The detectors' forest. Real and synthetic rows often differ only in how columns go together,
// with equal marginals: the first split of such a tree gains next to nothing, so the default
// penalty (tuned against memorising noise in the generator) would stop every tree at its root.
TreeParams detector_params() {
  TreeParams params;
  params.num_trees = 20;
  params.max_depth = 8;
  params.min_samples_leaf = 5;
  params.feature_fraction = 0.8;
  params.row_subsample = 0.7;
  params.split_penalty = 1.0;
  return params;
}

// Splits the rows (real 0..n-1, then synthetic) into fold f's test rows and the training rest.
struct FoldData {
  std::vector<std::vector<uint16_t>> train, test;
  std::vector<uint16_t> train_target;
  std::vector<uint8_t> test_labels;  // 1 = synthetic
};
FoldData split_fold(const std::vector<Feature>& features, const std::vector<int>& fold, int f,
                    size_t n) {
  FoldData out;
  out.train.resize(features.size());
  out.test.resize(features.size());
  for (size_t row = 0; row < fold.size(); ++row) {
    const bool is_test = fold[row] == f;
    for (size_t j = 0; j < features.size(); ++j)
      (is_test ? out.test : out.train)[j].push_back(features[j].tokens[row]);
    if (is_test)
      out.test_labels.push_back(row >= n);
    else
      out.train_target.push_back(row >= n);
  }
  return out;
}

// The permuted test column j (a fixed shuffle), for permutation importance.
void shuffle_column(std::vector<uint16_t>& column, Rng& rng) {
  for (size_t i = column.size(); i > 1; --i) std::swap(column[i - 1], column[rng.uniform_int(i)]);
}

// Rows classified right: synthetic when its probability exceeds the real one.
size_t correct(const std::vector<float>& synthetic_probability,
               const std::vector<uint8_t>& labels) {
  size_t right = 0;
  for (size_t i = 0; i < labels.size(); ++i)
    right += (synthetic_probability[i] > 0.5f) == (labels[i] != 0);
  return right;
}

// Names and importances of the top features, highest first.
std::vector<std::pair<std::string, double>> top_of(const std::vector<Feature>& features,
                                                   const std::vector<double>& importance,
                                                   double scale, int top) {
  std::vector<size_t> order(features.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return importance[a] > importance[b]; });
  std::vector<std::pair<std::string, double>> out;
  for (size_t i = 0; i < order.size() && static_cast<int>(i) < top; ++i)
    out.emplace_back(features[order[i]].name, std::max(0.0, importance[order[i]] * scale));
  return out;
}

}  // namespace

DetectionResult detect(const std::vector<TablePair>& tables, size_t table_index,
                       const std::vector<Link>& links, const ReportOptions& options,
                       uint64_t stream) {
  DetectionResult result;
  const TablePair& table = tables[table_index];
  result.skipped_reason = too_few_rows(table);
  if (!result.skipped_reason.empty()) return result;
  const auto [real_rows, synthetic_rows] = sample_sides(table, options, 0xde7000 + stream);
  const size_t n = real_rows.size();
  result.rows_per_side = n;

  std::vector<Feature> features;
  add_own_features(table, real_rows, synthetic_rows, features);
  // The parent's columns through the first foreign key.
  const size_t parent_begin = features.size();
  for (const Link& link : links) {
    if (link.child != table_index || table.meta->foreign_keys.empty() ||
        link.foreign_key != &table.meta->foreign_keys.front())
      continue;
    const TablePair& parent = tables[link.parent];
    for (int index : feature_columns(parent)) {
      const Column& rc = parent.real->column(static_cast<size_t>(index));
      const Column& sc = parent.synthetic->column(rc.name());
      Column combined(rc.name(), rc.type(), rc.format());
      combined.reserve(2 * n);
      for (uint32_t r : real_rows) {
        const int64_t p = link.real_parent_of[r];
        if (p >= 0)
          combined.append_from(rc, static_cast<size_t>(p));
        else
          combined.append_null();
      }
      for (uint32_t r : synthetic_rows) {
        const int64_t p = link.synthetic_parent_of[r];
        if (p >= 0)
          combined.append_from(sc, static_cast<size_t>(p));
        else
          combined.append_null();
      }
      const ColumnMeta* meta = parent.meta->find_column(rc.name());
      encode_feature(parent.meta->name + "." + rc.name(), combined, rc.type(), meta->sdtype,
                     features);
    }
    break;
  }
  const size_t parent_end = features.size();
  add_children_counts(tables, table_index, links, real_rows, synthetic_rows, features);
  for (const Feature& f : features) result.features.push_back(f.name);
  if (features.empty()) {
    result.skipped_reason = "no column to compare";
    return result;
  }

  // Folds by content, so a synthetic row equal to a real one never sits in training while
  // its twin is tested (which would push the AUC below 0.5). Siblings go together too
  // (grouped by their parent's columns): they share the parent's values, and a forest that
  // memorises a parent from some of its children would tell the others apart by identity.
  const size_t total = 2 * n;
  const int k = std::max(2, options.detection_folds);
  const size_t group_begin = parent_end > parent_begin ? parent_begin : 0;
  const size_t group_end = parent_end > parent_begin ? parent_end : features.size();
  std::vector<int> fold(total);
  std::vector<uint64_t> group(total);  // the row's parent (by its columns), else its content
  std::vector<size_t> fold_sizes(static_cast<size_t>(k), 0);
  for (size_t row = 0; row < total; ++row) {
    uint64_t h = stream_key(options.seed, 0xf01d);
    for (size_t j = group_begin; j < group_end; ++j)
      h = mix64(h ^ (features[j].tokens[row] + 1ULL));
    group[row] = h;
    fold[row] = static_cast<int>(h % static_cast<uint64_t>(k));
    ++fold_sizes[static_cast<size_t>(fold[row])];
  }
  // Siblings go together, so when most rows hang off a few parents whose columns differ
  // between the sides (3 generated airports that are not New York's), each fold tests parents
  // the forest never saw: its AUC says on which side of its splits those few happen to fall,
  // not how alike they are. Parents whose columns both sides share (a copied lookup table)
  // are no such case.
  if (parent_end > parent_begin) {
    constexpr size_t kMinParents = 10;
    std::map<uint64_t, std::pair<size_t, size_t>> parents;  // columns -> real, synthetic rows
    for (size_t row = 0; row < total; ++row) {
      auto& [real, synthetic] = parents[group[row]];
      ++(row < n ? real : synthetic);
    }
    size_t real_only = 0, synthetic_only = 0, unshared_rows = 0;
    for (const auto& [h, rows] : parents) {
      if (rows.first > 0 && rows.second > 0) continue;
      ++(rows.first > 0 ? real_only : synthetic_only);
      unshared_rows += rows.first + rows.second;
    }
    if (2 * unshared_rows > total && std::min(real_only, synthetic_only) < kMinParents)
      result.caveat = "most of its rows hang off " + std::to_string(real_only) + " real and " +
                      std::to_string(synthetic_only) +
                      " synthetic parents, none alike: with siblings kept in one fold, the AUC "
                      "is noise and may read anywhere from 0 to 1";
  }
  // Heavily duplicated rows can crowd one fold; fall back to folds by position then.
  if (*std::max_element(fold_sizes.begin(), fold_sizes.end()) > total * 3 / 4) {
    for (size_t row = 0; row < total; ++row) fold[row] = static_cast<int>((row % n) % k);
  }

  TreeParams params = detector_params();

  std::vector<double> fold_aucs;
  std::vector<double> importance(features.size(), 0.0);
  int folds_used = 0;
  for (int f = 0; f < k; ++f) {
    auto [train, test, train_target, test_labels] = split_fold(features, fold, f, n);
    const size_t train_synthetic = std::count(train_target.begin(), train_target.end(), 1);
    const size_t test_synthetic = std::count(test_labels.begin(), test_labels.end(), 1);
    if (train_synthetic == 0 || train_synthetic == train_target.size() || test_synthetic == 0 ||
        test_synthetic == test_labels.size())
      continue;
    TreeClassifier model;
    params.seed = options.seed + static_cast<uint64_t>(f);
    model.fit(matrix_of(train, features), train_target, 2, params);
    const std::vector<float> fold_scores = predict(model, matrix_of(test, features));
    const double fold_auc = roc_auc(fold_scores, test_labels);
    // The AUC is averaged over folds, not pooled: grouped folds differ in their share of
    // synthetic rows, and pooling would rank whole folds by their training prior (which runs
    // opposite to their own share) and pull the AUC below 0.5.
    fold_aucs.push_back(fold_auc);
    ++folds_used;
    // Permutation importance: the AUC lost when one feature is shuffled among the test rows.
    Rng rng(options.seed, 0x1e9a7, stream, static_cast<uint64_t>(f));
    for (size_t j = 0; j < features.size(); ++j) {
      std::vector<uint16_t> saved = test[j];
      shuffle_column(test[j], rng);
      importance[j] += fold_auc - roc_auc(predict(model, matrix_of(test, features)), test_labels);
      test[j] = std::move(saved);
    }
  }
  if (folds_used == 0) {
    result.skipped_reason = "no fold had both real and synthetic rows";
    return result;
  }
  result.computed = true;
  result.folds = folds_used;
  result.auc = nan_mean(fold_aucs);
  // Far below 0.5 the detector is as sure as far above, only wrong: its splits do not carry
  // from one fold to the next, so the figure says nothing about how alike the tables are.
  constexpr double kNoiseBelow = 0.4;
  if (result.caveat.empty() && result.auc < kNoiseBelow)
    result.caveat =
        "the AUC is well below 0.5, as telling as well above: what the detector learns on some "
        "folds is wrong on the others, so the figure is noise, not a sign of good quality";
  result.top_features = top_of(features, importance, 1.0 / folds_used, options.top_features);
  return result;
}

AggregationDetectionResult detect_aggregation(const std::vector<TablePair>& tables,
                                              size_t table_index, const std::vector<Link>& links,
                                              const ReportOptions& options, uint64_t stream) {
  AggregationDetectionResult result;
  const TablePair& table = tables[table_index];
  bool has_children = false;
  for (const Link& link : links) has_children = has_children || link.parent == table_index;
  if (!has_children) {
    result.skipped_reason = "no child table";
    return result;
  }
  result.skipped_reason = too_few_rows(table);
  if (!result.skipped_reason.empty()) return result;
  const auto [real_rows, synthetic_rows] = sample_sides(table, options, 0xa99000 + stream);
  const size_t n = real_rows.size();
  result.rows_per_side = n;

  std::vector<Feature> features;
  add_own_features(table, real_rows, synthetic_rows, features);
  add_children_counts(tables, table_index, links, real_rows, synthetic_rows, features);
  add_child_aggregates(tables, table_index, links, real_rows, synthetic_rows, features);
  for (const Feature& f : features) result.features.push_back(f.name);

  // Stratified folds in a shuffled order, as SyntheRela's StratifiedKFold after a permutation:
  // each side's rows are ranked by a hash and dealt round the folds.
  const int k = std::max(2, options.aggregation_detection_folds);
  std::vector<int> fold(2 * n);
  const uint64_t shuffle = stream_key(options.seed, 0xa99f01d, stream);
  for (size_t side = 0; side < 2; ++side) {
    std::vector<std::pair<uint64_t, size_t>> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = {mix64(shuffle ^ (side * n + i)), i};
    std::sort(order.begin(), order.end());
    for (size_t rank = 0; rank < n; ++rank)
      fold[side * n + order[rank].second] = static_cast<int>(rank % static_cast<size_t>(k));
  }

  TreeParams params = detector_params();
  size_t right = 0, tested = 0;
  std::vector<double> importance(features.size(), 0.0);
  for (int f = 0; f < k; ++f) {
    auto [train, test, train_target, test_labels] = split_fold(features, fold, f, n);
    TreeClassifier model;
    params.seed = options.seed + static_cast<uint64_t>(f);
    model.fit(matrix_of(train, features), train_target, 2, params);
    const size_t fold_right = correct(predict(model, matrix_of(test, features)), test_labels);
    right += fold_right;
    tested += test_labels.size();
    Rng rng(options.seed, 0xa99e7, stream, static_cast<uint64_t>(f));
    for (size_t j = 0; j < features.size(); ++j) {
      std::vector<uint16_t> saved = test[j];
      shuffle_column(test[j], rng);
      importance[j] +=
          static_cast<double>(fold_right) -
          static_cast<double>(correct(predict(model, matrix_of(test, features)), test_labels));
      test[j] = std::move(saved);
    }
  }
  result.computed = true;
  result.folds = k;
  result.accuracy = static_cast<double>(right) / static_cast<double>(tested);
  result.top_features =
      top_of(features, importance, 1.0 / static_cast<double>(tested), options.top_features);
  return result;
}

}  // namespace relsynth::report_detail
