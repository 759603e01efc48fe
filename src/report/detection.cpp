// Detection: how well a classifier tells real rows from synthetic ones. Each row carries its
// own columns, its parent's columns (first foreign key) and its number of children per child
// table; the project's encoders turn them into tokens and its TreeClassifier learns real vs
// synthetic with k-fold cross-validation. ROC AUC on held-out folds: 0.5 = indistinguishable.
#include <algorithm>
#include <cmath>
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

}  // namespace

DetectionResult detect(const std::vector<TablePair>& tables, size_t table_index,
                       const std::vector<Link>& links, const ReportOptions& options,
                       uint64_t stream) {
  DetectionResult result;
  const TablePair& table = tables[table_index];
  const size_t real_n = table.real->num_rows(), synthetic_n = table.synthetic->num_rows();
  // Below this a k-fold AUC is noise: a dozen rows per side score anywhere from 0 to 1.
  constexpr size_t kMinRows = 50;
  if (real_n < kMinRows || synthetic_n < kMinRows) {
    result.skipped_reason = "fewer than " + std::to_string(kMinRows) + " rows on a side";
    return result;
  }
  const size_t n = std::min({real_n, synthetic_n, options.detection_rows});
  const Rows real_rows = sample_rows(real_n, n, options.seed, 0xde7000 + stream);
  const Rows synthetic_rows = sample_rows(synthetic_n, n, options.seed, 0xde7000 + stream);
  result.rows_per_side = n;

  std::vector<Feature> features;
  // Own columns.
  for (int index : feature_columns(table)) {
    const Column& rc = table.real->column(static_cast<size_t>(index));
    const Column& sc = table.synthetic->column(rc.name());
    Column combined(rc.name(), rc.type(), rc.format());
    combined.reserve(2 * n);
    for (uint32_t r : real_rows) combined.append_from(rc, r);
    for (uint32_t r : synthetic_rows) combined.append_from(sc, r);
    const ColumnMeta* meta = table.meta->find_column(rc.name());
    encode_feature(rc.name(), combined, rc.type(), meta->sdtype, features);
  }
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
  // Children per row, for every child table.
  for (const Link& link : links) {
    if (link.parent != table_index) continue;
    std::string name = "#" + tables[link.child].meta->name;
    size_t same_child = 0;
    for (const Link& other : links)
      same_child += other.parent == table_index && other.child == link.child;
    if (same_child > 1) {
      name += "(";
      for (size_t i = 0; i < link.foreign_key->columns.size(); ++i)
        name += (i ? "," : "") + link.foreign_key->columns[i];
      name += ")";
    }
    Column combined(name, DataType::Int64);
    combined.reserve(2 * n);
    for (uint32_t r : real_rows) combined.append_int(link.real_children[r]);
    for (uint32_t r : synthetic_rows) combined.append_int(link.synthetic_children[r]);
    encode_feature(name, combined, DataType::Int64, SDType::Numerical, features);
  }
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

  TreeParams params;
  params.num_trees = 20;
  params.max_depth = 8;
  params.min_samples_leaf = 5;
  params.feature_fraction = 0.8;
  params.row_subsample = 0.7;
  // Real and synthetic rows often differ only in how columns go together, with equal
  // marginals: the first split of such a tree gains next to nothing, so the default penalty
  // (tuned against memorising noise in the generator) would stop every tree at its root.
  params.split_penalty = 1.0;
  params.seed = options.seed;

  std::vector<double> fold_aucs;
  std::vector<double> importance(features.size(), 0.0);
  int folds_used = 0;
  for (int f = 0; f < k; ++f) {
    std::vector<std::vector<uint16_t>> train(features.size()), test(features.size());
    std::vector<uint16_t> train_target;
    std::vector<uint8_t> test_labels;
    for (size_t row = 0; row < total; ++row) {
      const bool is_test = fold[row] == f;
      for (size_t j = 0; j < features.size(); ++j)
        (is_test ? test : train)[j].push_back(features[j].tokens[row]);
      if (is_test)
        test_labels.push_back(row >= n);
      else
        train_target.push_back(row >= n);
    }
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
      for (size_t i = test[j].size(); i > 1; --i)
        std::swap(test[j][i - 1], test[j][rng.uniform_int(i)]);
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
  std::vector<size_t> order(features.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return importance[a] > importance[b]; });
  for (size_t i = 0; i < order.size() && static_cast<int>(i) < options.top_features; ++i)
    result.top_features.emplace_back(features[order[i]].name,
                                     std::max(0.0, importance[order[i]] / folds_used));
  return result;
}

}  // namespace relsynth::report_detail
