// Training: decide how each column is produced, then fit the chains, cardinalities and links
// table by table, parents first (a child's context is its parent's tokens).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/random.h"
#include "core/text.h"
#include "model/fake_values.h"
#include "relsynth/error.h"
#include "relsynth/inference.h"
#include "relsynth/rules.h"
#include "relsynth/synth.h"
#include "synth/date_parts.h"
#include "synth/fit_cache.h"
#include "synth/function_tokens.h"
#include "synth/key_index.h"
#include "synth/residuals.h"
#include "synth/rule_enforcement.h"
#include "synth/synthesis_model.h"
#include "synth/treatments.h"

namespace relsynth {

std::vector<int> value_steps(const TableModel& table) {
  std::vector<int> out;
  for (size_t s = 0; s < table.chain.size(); ++s)
    if (!table.chain[s].presence) out.push_back(static_cast<int>(s));
  return out;
}

std::span<const int64_t> TableModel::parts_offsets_at(int64_t at, DataType type) const {
  if (parts_weekly.empty()) return parts_offsets;
  return {&parts_weekly[static_cast<size_t>(week_of_year(at, type)) % parts_weekly.size()], 1};
}

int value_step(const TableModel& table, int column) {
  for (size_t s = 0; s < table.chain.size(); ++s)
    if (table.chain[s].column == column && !table.chain[s].presence && !table.chain[s].identity)
      return static_cast<int>(s);
  return -1;
}

std::vector<size_t> primary_key_from_driver(const TableMeta& meta, const TableModel& model) {
  if (model.driver < 0 || meta.primary_key.empty()) return {};
  const std::vector<std::string>& driver = meta.foreign_keys[model.driver].columns;
  std::vector<size_t> out;
  bool modelled = false;
  for (const std::string& name : meta.primary_key) {
    auto it = std::find(driver.begin(), driver.end(), name);
    if (it != driver.end()) {
      out.push_back(static_cast<size_t>(it - driver.begin()));
      continue;
    }
    const int c = meta.column_index(name);
    if (c < 0 || model.roles[c] != ColumnRole::Modelled) return {};
    modelled = true;
  }
  return modelled ? out : std::vector<size_t>{};
}

int64_t key_group_capacity(const TableMeta& meta, const TableModel& model, const Table& rows) {
  const std::vector<size_t> prefix = primary_key_from_driver(meta, model);
  if (prefix.empty()) return 0;
  std::vector<int> columns;
  for (size_t k : prefix)
    columns.push_back(meta.column_index(meta.foreign_keys[model.driver].columns[k]));
  std::unordered_map<std::string, int64_t> rows_of;
  int64_t most = 0;
  std::string text;
  for (size_t row = 0; row < rows.num_rows(); ++row)
    if (key_text(rows, columns, row, text)) most = std::max(most, ++rows_of[text]);
  return most;
}

void add_identity_step(TableModel& table) {
  const size_t rows = table.rows.num_rows();
  if (!table.copied || rows == 0 || rows > kMaxIdentityRows) return;
  ChainStep step;
  step.identity = true;
  step.num_tokens = static_cast<uint32_t>(rows);
  step.unordered = true;
  table.chain.push_back(std::move(step));
}

std::vector<std::vector<uint16_t>> identity_tokens(const TableModel& table) {
  std::vector<std::vector<uint16_t>> tokens;
  for (const ChainStep& step : table.chain) {
    if (!step.identity) continue;
    std::vector<uint16_t> rows(table.rows.num_rows());
    for (size_t row = 0; row < rows.size(); ++row) rows[row] = static_cast<uint16_t>(row);
    tokens.push_back(std::move(rows));
  }
  return tokens;
}

uint16_t link_group(const LinkModel& link, const TableModel& parent,
                    const std::vector<std::vector<uint16_t>>& parent_tokens, size_t row) {
  if (link.group_step < 0 || parent_tokens.empty()) return 0;
  uint32_t group = parent_tokens[link.group_step][row];
  if (link.group_step2 >= 0)
    group =
        group * parent.chain[link.group_step2].num_tokens + parent_tokens[link.group_step2][row];
  return static_cast<uint16_t>(group < link.num_groups ? group : 0);
}

std::vector<ContextFeature> legacy_context_features(const SynthesisModel& model, int t) {
  const TableModel& table = model.tables[t];
  auto parent_of = [&](int table_index, int fk) {
    return model.table_index(
        model.metadata.tables[table_index].foreign_keys[static_cast<size_t>(fk)].parent_table);
  };
  auto first_steps = [&](int table_index) {
    std::vector<int> steps = value_steps(model.tables[table_index]);
    if (steps.size() > 6) steps.resize(6);
    return steps;
  };
  std::vector<ContextFeature> out;
  if (table.driver >= 0) {
    const int p = parent_of(t, table.driver);
    for (int s : value_steps(model.tables[p])) out.push_back({ContextSource::Parent, s, -1});
    out.push_back({ContextSource::ParentCount, -1, -1});
    if (model.tables[p].driver >= 0)
      for (int s : first_steps(parent_of(p, model.tables[p].driver)))
        out.push_back({ContextSource::Grandparent, s, -1});
  }
  for (const LinkModel& link : table.links) {
    if (link.self || link.deferred) continue;
    for (int s : first_steps(parent_of(t, link.foreign_key)))
      out.push_back({ContextSource::Linked, s, link.foreign_key});
  }
  return out;
}

namespace {

// Stream ids of training randomness.
enum : uint64_t {
  kFitSample = 1,
  kClassifierSeed = 2,
  kLinkSeed = 3,
  kCardinalitySeed = 4,
  kSiblingOrder = 5
};

// Tokens of every chain step over the real rows of a table.
using StepTokens = std::vector<std::vector<uint16_t>>;

// A child table's context holds at most this many of its parents' tokens, the most relevant
// to its columns: a wide parent's 60 columns made every classifier of a child slow (the trees'
// cost grows with their features) and added noise.
constexpr size_t kContextBudget = 20;
// Rows (evenly spread) on which the relevance of a context column is measured, and the mutual
// information (nats, beyond chance) below which a column tells nothing about a child column.
constexpr size_t kRelevanceRows = 20000;
constexpr double kMinRelevance = 1e-3;

// A candidate context column: where it comes from and its token per child row (cardinality - 1
// where the row has no such parent).
struct ContextColumn {
  ContextFeature feature;
  std::vector<uint16_t> tokens;
  uint32_t cardinality = 1;
  bool unordered = false;
};

// Mutual information (nats) between two token columns over the rows where a is defined.
double mutual_information(const std::vector<uint16_t>& a, uint32_t a_card,
                          const std::vector<uint16_t>& b, uint32_t b_card,
                          const std::vector<uint32_t>& rows) {
  if (rows.empty() || static_cast<uint64_t>(a_card) * b_card > 1u << 22) return 0;
  std::vector<double> joint(static_cast<size_t>(a_card) * b_card, 0), pa(a_card, 0), pb(b_card, 0);
  for (uint32_t row : rows) {
    joint[static_cast<size_t>(a[row]) * b_card + b[row]] += 1;
    pa[a[row]] += 1;
    pb[b[row]] += 1;
  }
  const double n = static_cast<double>(rows.size());
  double mi = 0;
  for (uint32_t i = 0; i < a_card; ++i)
    for (uint32_t j = 0; j < b_card; ++j) {
      double pij = joint[static_cast<size_t>(i) * b_card + j];
      if (pij > 0) mi += pij / n * std::log(pij * n / (pa[i] * pb[j]));
    }
  // Miller-Madow correction: more tokens find more information by chance.
  return mi - (a_card - 1.0) * (b_card - 1.0) / (2.0 * n);
}

// How much better (nats per row) `extra` beside `base` predicts `target` than `base` alone, on
// rows the counts did not see: each half of `rows` scores the other's counts, every estimate
// backed off to the coarser one (target given base, then target alone). Unlike the mutual
// information's bias correction, this stays fair when the columns have many tokens and the
// rows are few.
double held_out_gain(const std::vector<uint16_t>& target, uint32_t classes,
                     const std::vector<uint16_t>& base, const std::vector<uint16_t>& extra,
                     const std::vector<uint32_t>& rows) {
  constexpr double kPrior = 2;  // pseudo-rows of the coarser estimate in each finer one
  auto cell = [](uint64_t a, uint64_t b) { return (a << 20) ^ b; };
  double gain = 0;
  // Halves by a hash of the row (alternate rows would split a source written in a period).
  auto half = [](uint32_t row) { return mix64(row + 0x5851f42d4c957f2dULL) & 1; };
  for (uint64_t held = 0; held < 2; ++held) {
    // Rows per (cell, class), and per cell under class `classes`.
    std::vector<double> marginal(classes, 1);
    std::unordered_map<uint64_t, double> by_base, by_both;
    for (const uint32_t row : rows) {
      if (half(row) == held) continue;
      const uint64_t both = cell(extra[row], base[row]);
      marginal[target[row]] += 1;
      by_base[cell(base[row], target[row])] += 1, by_base[cell(base[row], classes)] += 1;
      by_both[cell(both, target[row])] += 1, by_both[cell(both, classes)] += 1;
    }
    double total = 0;
    for (double count : marginal) total += count;
    auto count = [](const std::unordered_map<uint64_t, double>& map, uint64_t key) {
      auto it = map.find(key);
      return it == map.end() ? 0.0 : it->second;
    };
    for (const uint32_t row : rows) {
      if (half(row) != held) continue;
      const uint64_t both = cell(extra[row], base[row]);
      const double p_target = marginal[target[row]] / total;
      const double p_base = (count(by_base, cell(base[row], target[row])) + kPrior * p_target) /
                            (count(by_base, cell(base[row], classes)) + kPrior);
      const double p_both = (count(by_both, cell(both, target[row])) + kPrior * p_base) /
                            (count(by_both, cell(both, classes)) + kPrior);
      gain += std::log(p_both / p_base);
    }
  }
  return rows.empty() ? 0 : gain / static_cast<double>(rows.size());
}

// The context columns a child table keeps, in the candidates' order: the driver's children
// count, and then, when more candidates remain than the budget, for each of the child's
// chain steps in turn its most informative candidate not yet kept (mutual information), round
// after round, so every column of the child gets the parent columns that tell most about it.
// A column equal to one before it (the parent's count of these children is also a step of the
// parent) or constant is never kept.
std::vector<ContextColumn> choose_context(std::vector<ContextColumn> candidates,
                                          const StepTokens& child,
                                          const std::vector<uint32_t>& child_cardinalities) {
  std::vector<ContextColumn> distinct;
  std::vector<uint64_t> hashes;
  for (ContextColumn& column : candidates) {
    const bool constant = std::adjacent_find(column.tokens.begin(), column.tokens.end(),
                                             std::not_equal_to<>()) == column.tokens.end();
    const bool count = column.feature.source == ContextSource::ParentCount;
    uint64_t hash = 1469598103934665603ULL;
    for (uint16_t token : column.tokens) hash = (hash ^ token) * 1099511628211ULL;
    bool repeated = false;
    for (size_t k = 0; k < distinct.size() && !repeated; ++k)
      repeated = hashes[k] == hash && distinct[k].tokens == column.tokens;
    if (count || (!constant && !repeated)) {
      distinct.push_back(std::move(column));
      hashes.push_back(hash);
    }
  }
  if (distinct.size() <= kContextBudget) return distinct;

  const size_t rows = distinct.front().tokens.size();
  std::vector<uint32_t> sample;
  const size_t wanted = std::min(rows, kRelevanceRows);
  for (size_t i = 0; i < wanted; ++i) sample.push_back(static_cast<uint32_t>(i * rows / wanted));
  // Per child step: the candidates that tell something about it, most informative first
  // (pairs of minus the information and the candidate, so ties go to the earlier candidate).
  std::vector<std::vector<std::pair<double, size_t>>> ranked(child.size());
  for (size_t s = 0; s < child.size(); ++s) {
    for (size_t c = 0; c < distinct.size(); ++c) {
      const double mi = mutual_information(distinct[c].tokens, distinct[c].cardinality, child[s],
                                           child_cardinalities[s], sample);
      if (mi > kMinRelevance) ranked[s].emplace_back(-mi, c);
    }
    std::sort(ranked[s].begin(), ranked[s].end());
  }
  std::vector<bool> keep(distinct.size(), false);
  size_t kept = 0;
  for (size_t c = 0; c < distinct.size(); ++c)
    if (distinct[c].feature.source == ContextSource::ParentCount) keep[c] = true, ++kept;
  // Each round gives every child step its best candidate not yet kept, the steps with the most
  // informative ones first when the budget runs out within the round.
  std::vector<size_t> next(child.size(), 0);
  while (kept < kContextBudget) {
    std::vector<std::pair<double, size_t>> round;
    for (size_t s = 0; s < child.size(); ++s) {
      while (next[s] < ranked[s].size() && keep[ranked[s][next[s]].second]) ++next[s];
      if (next[s] < ranked[s].size()) round.push_back(ranked[s][next[s]]);
    }
    if (round.empty()) break;
    std::sort(round.begin(), round.end());
    for (const auto& [score, c] : round)
      if (kept < kContextBudget && !keep[c]) keep[c] = true, ++kept;
  }
  std::vector<ContextColumn> out;
  for (size_t c = 0; c < distinct.size(); ++c)
    if (keep[c]) out.push_back(std::move(distinct[c]));
  return out;
}

bool is_generated_pii(SDType sdtype) {
  return is_pii(sdtype) && sdtype != SDType::City && sdtype != SDType::Country;
}

// A table about people: it has a column that identifies a person.
bool is_personal(const TableMeta& meta) {
  for (const ColumnMeta& column : meta.columns)
    if (column.sdtype == SDType::Name || column.sdtype == SDType::Email ||
        column.sdtype == SDType::Phone || column.sdtype == SDType::Address ||
        column.sdtype == SDType::OtherPii)
      return true;
  return false;
}

// Codes and references (no spaces, not words) keep their pattern, whatever their sdtype: as
// text they came out as dictionary words, as ids as a counter that spells real codes.
std::unique_ptr<ValueGenerator> generator_for(SDType sdtype, const Column& values) {
  if (is_pii(sdtype)) return make_pii_generator();
  if (looks_like_codes(values)) return make_pattern_generator();
  if (sdtype == SDType::Id) return make_key_generator();
  return make_text_generator();
}

// What identifies the fitting code in a fit's cache key: this build (a changed tree learner
// must never reuse an older one's fits).
const uint64_t kFitCode = [] {
  FitKey code;
  for (char c : std::string(RELSYNTH_VERSION " " __DATE__ " " __TIME__)) code.add(uint64_t(c));
  return std::stoull(code.hex().substr(0, 16), nullptr, 16);
}();

class Trainer {
 public:
  // With `release`, the trainer frees each table's rows of it (it must be `data`) once no step
  // still to come reads them.
  Trainer(const Metadata& metadata, const Database& data, const TrainOptions& options,
          Progress& progress, SynthesisModel& model, Database* release = nullptr)
      : metadata_(metadata),
        data_(data),
        release_(release),
        options_(options),
        progress_(progress),
        model_(model) {}

  void run() {
    KeyGraph graph = build_key_graph(metadata_);
    for (const auto& [table, fk] : graph.cycle_breaks) deferred_.insert({table, fk});
    model_.tables.resize(metadata_.tables.size());
    tokens_.resize(metadata_.tables.size());
    depth_.assign(metadata_.tables.size(), 0);
    drivers_.assign(metadata_.tables.size(), -1);
    copied_.assign(metadata_.tables.size(), false);
    small_.assign(metadata_.tables.size(), false);
    for (const TableMeta& table : metadata_.tables)
      num_rows_.push_back(data_.table(table.name).num_rows());
    // First every table's keys and driver, so a parent can model its children counts.
    for (const std::string& name : graph.topological_order) prepare_table(table_index(name));
    std::vector<bool> trained(metadata_.tables.size(), false);
    for (const std::string& name : graph.topological_order) {
      int t = table_index(name);
      progress_.step("training " + name);
      refit_for(name);
      train_table(t);
      siblings_ = Siblings();  // no table after it reads them
      siblings_table_ = -1;
      trained[t] = true;
      release_unread(trained);
#ifdef __GLIBC__
      // A table's fits free large buffers (row-major features, histograms) that glibc keeps in
      // the heap for the next one, where they fragment: give them back (the wide database's
      // peak: 286 -> 276 MiB).
      malloc_trim(0);
#endif
      progress_.done(std::to_string(num_rows_[t]) + " rows, " +
                     std::to_string(model_.tables[t].chain.size()) + " columns modelled" +
                     (cache_.enabled() ? ", " + std::to_string(reused_) + " fits reused, " +
                                             std::to_string(fitted_) + " new"
                                       : ""));
    }
    // Deferred links need every table's tokens: fit them last.
    for (size_t t = 0; t < metadata_.tables.size(); ++t)
      for (LinkModel& link : model_.tables[t].links)
        if (link.deferred) {
          refit_for(metadata_.tables[t].name);
          const TableModel& model = model_.tables[t];
          link.num_features = static_cast<uint32_t>(model.context_size() + model.chain.size());
          fit_link(static_cast<int>(t), link, contexts_[t]);
        }
  }

 private:
  // Frees the tokens no table still to train reads (through any key to its parent, or its
  // driver parent's driver: the grandparent) and no deferred link needs, and the context of
  // a trained table without deferred links: training otherwise held every table's tokens to
  // the end (the wide database: about 50 MB of its peak).
  void release_unread(const std::vector<bool>& trained) {
    std::vector<bool> read(metadata_.tables.size(), false);
    for (const auto& [name, f] : deferred_) {
      const int v = table_index(name);
      read[v] = true;
      read[table_index(metadata_.tables[v].foreign_keys[f].parent_table)] = true;
    }
    for (size_t v = 0; v < metadata_.tables.size(); ++v) {
      if (trained[v]) continue;
      for (const ForeignKey& fk : metadata_.tables[v].foreign_keys)
        read[table_index(fk.parent_table)] = true;
      if (drivers_[v] < 0) continue;
      const int q = table_index(metadata_.tables[v].foreign_keys[drivers_[v]].parent_table);
      if (drivers_[q] >= 0)
        read[table_index(metadata_.tables[q].foreign_keys[drivers_[q]].parent_table)] = true;
    }
    for (size_t u = 0; u < metadata_.tables.size(); ++u) {
      if (!trained[u] || read[u]) continue;
      StepTokens().swap(tokens_[u]);
      contexts_.erase(static_cast<int>(u));
    }
    // A table's rows and resolved keys are read by the tables below it (a difference from a
    // parent's column, a path through a grandparent's key, a copied child's parent rows), and
    // the deferred links at the end.
    std::vector<bool> below(metadata_.tables.size(), false);  // an ancestor of a table to train
    std::vector<int> stack;
    for (size_t v = 0; v < metadata_.tables.size(); ++v)
      if (!trained[v]) stack.push_back(static_cast<int>(v));
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (const ForeignKey& fk : metadata_.tables[v].foreign_keys) {
        const int p = table_index(fk.parent_table);
        if (!below[p]) below[p] = true, stack.push_back(p);
      }
    }
    for (size_t u = 0; u < metadata_.tables.size(); ++u) {
      if (!trained[u] || below[u] || read[u] || !resolved_.count(static_cast<int>(u))) continue;
      if (std::any_of(deferred_.begin(), deferred_.end(),
                      [&](const auto& link) { return link.first == metadata_.tables[u].name; }))
        continue;
      resolved_.erase(static_cast<int>(u));
      if (release_) std::vector<Column>().swap(release_->table(metadata_.tables[u].name).columns());
    }
  }

  // Whether any foreign key (a self-reference too) points at table `name`.
  bool referred_to(const std::string& name) const {
    for (const TableMeta& table : metadata_.tables)
      for (const ForeignKey& fk : table.foreign_keys)
        if (fk.parent_table == name) return true;
    return false;
  }

  // The fits of table `name` come from the cache unless it is to be refitted.
  void refit_for(const std::string& name) {
    reused_ = fitted_ = 0;
    refit_now_ = std::find(options_.refit_tables.begin(), options_.refit_tables.end(), name) !=
                 options_.refit_tables.end();
  }

  int table_index(const std::string& name) const {
    for (size_t i = 0; i < metadata_.tables.size(); ++i)
      if (metadata_.tables[i].name == name) return static_cast<int>(i);
    throw InputError(locate(name) + ": no such table");
  }

  TreeParams tree_params(uint64_t stream, size_t rows) const {
    TreeParams params;
    params.num_trees = options_.num_trees;
    params.max_depth = options_.max_depth;
    // Small tables get smaller leaves, or their trees could not split at all.
    params.min_samples_leaf =
        std::clamp(static_cast<int>(rows / 50), 1, std::max(options_.min_samples_leaf, 1));
    params.split_penalty = options_.split_penalty;
    params.row_subsample = options_.row_subsample;
    params.seed = stream_key(options_.seed, stream);
    params.threads = options_.threads;
    return params;
  }

  // Rows used to fit one classifier: all of them, or a fixed random sample.
  std::vector<uint32_t> fit_rows(size_t rows, uint64_t stream) const {
    std::vector<uint32_t> out(rows);
    for (size_t i = 0; i < rows; ++i) out[i] = static_cast<uint32_t>(i);
    if (rows <= options_.max_fit_rows) return out;
    Rng rng(options_.seed, kFitSample, stream);
    for (size_t i = 0; i < options_.max_fit_rows; ++i)
      std::swap(out[i], out[i + rng.uniform_int(rows - i)]);
    out.resize(options_.max_fit_rows);
    std::sort(out.begin(), out.end());
    return out;
  }

  // Fits a classifier of `target` from `features` (all of the same length), sampled rows.
  std::unique_ptr<Classifier> fit_classifier(
      const std::vector<const std::vector<uint16_t>*>& features,
      const std::vector<uint32_t>& cardinalities, const std::vector<bool>& unordered,
      const std::vector<uint16_t>& target, uint32_t num_classes, uint64_t stream) {
    std::vector<uint32_t> rows = fit_rows(target.size(), stream);
    std::vector<uint16_t> sampled_target(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) sampled_target[i] = target[rows[i]];
    if (features.empty() || num_classes <= 1 || rows.size() < 2) {
      auto marginal = std::make_unique<MarginalClassifier>();
      marginal->fit(sampled_target, std::max<uint32_t>(num_classes, 1), features.size());
      return marginal;
    }
    std::vector<std::vector<uint16_t>> sampled(features.size());
    TokenMatrix matrix;
    matrix.num_rows = rows.size();
    matrix.cardinalities = cardinalities;
    matrix.unordered = unordered;
    for (size_t f = 0; f < features.size(); ++f) {
      sampled[f].resize(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) sampled[f][i] = (*features[f])[rows[i]];
      matrix.columns.emplace_back(sampled[f]);
    }
    const TreeParams params = tree_params(stream, rows.size());
    std::string key;
    if (cache_.enabled()) {
      FitKey fit;
      fit.add(kFitCode);
      for (const std::vector<uint16_t>& column : sampled) fit.add(std::span(column));
      fit.add(std::span(cardinalities));
      for (bool flag : unordered) fit.add(static_cast<uint64_t>(flag));
      fit.add(std::span(sampled_target));
      for (uint64_t value : {uint64_t{num_classes}, params.seed, uint64_t(params.num_trees),
                             uint64_t(params.max_depth), uint64_t(params.min_samples_leaf)})
        fit.add(value);
      fit.add(params.split_penalty);
      fit.add(params.row_subsample);
      key = fit.hex();
      if (!refit_now_)
        if (std::unique_ptr<Classifier> cached = cache_.find(key)) {
          ++reused_;
          return cached;
        }
    }
    auto forest = std::make_unique<TreeClassifier>();
    forest->fit(matrix, sampled_target, num_classes, params);
    if (cache_.enabled()) {
      cache_.store(key, *forest);
      ++fitted_;
    }
    return forest;
  }

  void decide_roles(int t) {
    const TableMeta& meta = metadata_.tables[t];
    const Table& table = data_.table(meta.name);
    TableModel& model = model_.tables[t];
    std::set<std::string> in_fk, in_pk(meta.primary_key.begin(), meta.primary_key.end());
    for (const ForeignKey& fk : meta.foreign_keys)
      in_fk.insert(fk.columns.begin(), fk.columns.end());
    model.roles.resize(meta.columns.size());
    model.generators.resize(meta.columns.size());
    model.rare_fallbacks.resize(meta.columns.size());
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      const ColumnMeta& column = meta.columns[c];
      const Column& values = table.column(c);
      ColumnRole role = ColumnRole::Modelled;
      bool unique = column.unique;
      const std::optional<FakeSpec> fake =
          fake_spec(meta.name, column, values, options_.rare_threshold, metadata_.locale);
      if (in_fk.count(column.name)) {
        role = ColumnRole::Foreign;
      } else if (in_pk.count(column.name) && meta.primary_key.size() == 1) {
        role = ColumnRole::Key;
        unique = true;
      } else if (!column.generated.empty()) {
        role = ColumnRole::Blob;  // its expression computes it at the destination: not modelled
      } else if (column.sdtype == SDType::Binary || column.type == DataType::Binary) {
        role = ColumnRole::Blob;
      } else if (fake) {
        role = ColumnRole::Generated;
      } else if (unique && !in_pk.count(column.name)) {
        role = ColumnRole::Generated;
      } else if (is_generated_pii(column.sdtype)) {
        role = ColumnRole::Generated;
      } else if (column.sdtype == SDType::Text || column.sdtype == SDType::Id) {
        // Mostly repeated labels are categories; mostly unique values are generated.
        if (repeated_share(values, options_.rare_threshold) < 0.5) role = ColumnRole::Generated;
      }
      // A label that is another column but for a few rows is learned as such (rule_enforcement.h).
      for (const Rule& rule : meta.rules)
        if (role == ColumnRole::Generated && rule.target == column.name &&
            learns_exceptions(meta, rule))
          role = ColumnRole::Modelled;
      role = treated_role(column, role);
      model.roles[c] = role;
      GeneratorOptions generator_options;
      generator_options.unique = unique;
      generator_options.rare_threshold = options_.rare_threshold;
      generator_options.salt = stream_key(options_.seed, t, c);
      generator_options.table = meta.name;
      if (role == ColumnRole::Key || role == ColumnRole::Generated) {
        std::unique_ptr<ValueGenerator> generator = treatment_generator(meta.name, column, values);
        // Unique values that are neither personal, text nor codes: numbers, dates as keys.
        const bool key =
            role == ColumnRole::Key || (unique && !is_pii(column.sdtype) &&
                                        column.sdtype != SDType::Text && !looks_like_codes(values));
        if (!generator && fake && role == ColumnRole::Generated) {
          model.generators[c] =
              fit_fake_generator(fake->kind, fake->locale, table, meta, c, generator_options);
        } else {
          if (!generator)
            generator = key ? make_key_generator() : generator_for(column.sdtype, values);
          generator->fit(values, column.sdtype, generator_options);
          model.generators[c] = std::move(generator);
        }
      } else if (role == ColumnRole::Modelled && column.type == DataType::String &&
                 !learns_every_value(column)) {
        // The encoder folds rare values into a placeholder: replace it with a generated value.
        auto fallback = generator_for(column.sdtype, values);
        fallback->fit(values, column.sdtype, generator_options);
        model.rare_fallbacks[c] = std::move(fallback);
      }
    }
  }

  // A copied table's real rows, less their references to rows the source lacks (training
  // says the output has none): such a key becomes NULL where it may, else the parent's first
  // row's key (its parents are copied too, or it is itself), else the row is left out.
  Table without_orphans(int t, const Table& table) const {
    const TableMeta& meta = metadata_.tables[t];
    Table rows = table;
    std::vector<bool> keep(rows.num_rows(), true);
    bool dropped = false;
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      const ForeignKey& fk = meta.foreign_keys[f];
      const Table& parent = fk.parent_table == meta.name ? table : data_.table(fk.parent_table);
      bool nullable = true, same_types = parent.num_rows() > 0;
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        nullable &= meta.columns[meta.column_index(fk.columns[i])].nullable;
        same_types &=
            rows.column(fk.columns[i]).type() == parent.column(fk.parent_columns[i]).type();
      }
      for (size_t row = 0; row < rows.num_rows(); ++row) {
        if (resolved_.at(t)[f][row] != kOrphanKey) continue;
        for (size_t i = 0; i < fk.columns.size(); ++i) {
          Column& column = rows.column(fk.columns[i]);
          if (nullable)
            column.set_null(row);
          else if (same_types)
            column.set_from(row, parent.column(fk.parent_columns[i]), 0);
        }
        if (!nullable && !same_types) keep[row] = false, dropped = true;
      }
    }
    return dropped ? rows.filter(keep) : rows;
  }

  // Picks the driver foreign key: one that nearly always resolves (>= 90%), then one whose
  // parent counts or sums these children in a rule (an invoice and its lines: the driver
  // draws each parent's exact number of children), then the deepest parent (its context
  // carries the most), then the one whose children counts vary most (coefficient of
  // variation). Self-references and cycle edges never drive.
  int choose_driver(int t, const std::vector<std::vector<int64_t>>& resolved) const {
    const TableMeta& meta = metadata_.tables[t];
    auto aggregated = [&](const ForeignKey& fk) {
      const TableMeta* parent = metadata_.find_table(fk.parent_table);
      for (const Rule& rule : parent->rules)
        if (rule.enabled && rule.kind == RuleKind::Aggregate && rule.other_table == meta.name &&
            rule.via == fk.columns)
          return true;
      return false;
    };
    int best = -1;
    std::tuple<bool, bool, int, double> best_score{false, false, -1, -1.0};
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      const ForeignKey& fk = meta.foreign_keys[f];
      if (fk.parent_table == meta.name || deferred_.count({meta.name, f})) continue;
      const size_t parents = num_rows_[table_index(fk.parent_table)];
      std::vector<double> counts(parents, 0);
      double linked = 0;
      for (int64_t row : resolved[f])
        if (row >= 0) counts[row] += 1, linked += 1;
      const double share = linked / std::max<size_t>(resolved[f].size(), 1);
      double mean = parents ? linked / parents : 0, variance = 0;
      for (double count : counts) variance += (count - mean) * (count - mean);
      const double cv = parents && mean > 0 ? std::sqrt(variance / parents) / mean : 0;
      std::tuple<bool, bool, int, double> score{share >= 0.9, aggregated(fk),
                                                depth_[table_index(fk.parent_table)], cv};
      if (best < 0 || score > best_score) {
        best = static_cast<int>(f);
        best_score = score;
      }
    }
    return best;
  }

  // The columns of a composite driver key that the source leaves NULL while another column of
  // the key has a value (SQL does not check such a key: MATCH SIMPLE). Each gets a presence
  // step, so whether it is NULL follows the row (a cancelled flight has no departure hour,
  // but keeps its airport and date); generation NULLs just these columns.
  std::vector<bool> partial_null_columns(int t, int driver) const {
    const TableMeta& meta = metadata_.tables[t];
    std::vector<bool> out(meta.columns.size(), false);
    if (driver < 0 || meta.foreign_keys[driver].columns.size() < 2) return out;
    const Table& table = data_.table(meta.name);
    const std::vector<std::string>& key = meta.foreign_keys[driver].columns;
    std::vector<const Column*> columns;
    for (const std::string& name : key) columns.push_back(&table.column(name));
    for (size_t k = 0; k < key.size(); ++k) {
      const int c = meta.column_index(key[k]);
      if (!meta.columns[c].nullable) continue;
      for (size_t row = 0; row < table.num_rows() && !out[c]; ++row) {
        if (!columns[k]->is_null(row)) continue;
        for (size_t other = 0; other < key.size() && !out[c]; ++other)
          out[c] = other != k && !columns[other]->is_null(row);
      }
    }
    return out;
  }

  // Whether generation records the parent rows of table x's foreign key f (fk_rows), so a
  // path may pass through it: a copied table's are computed, others' come from the driver and
  // the links to other tables.
  bool tracked(int x, int f) const {
    if (copied_[x] || model_.tables[x].driver == f) return true;
    for (const LinkModel& link : model_.tables[x].links)
      if (link.foreign_key == f && !link.self && !link.deferred) return true;
    return false;
  }

  // A link's anchor: the parent a row links to (through `fk`) shares an ancestor with a parent
  // the row already has. First the table's same_ancestor rules (always so in the source: kept
  // strictly, a payment's customer is its rental's), then any pair the source keeps on 95% of
  // rows (an order's employee works at the order's store; a bond's two atoms belong to one
  // molecule), unless a disabled rule names it.
  void find_anchor(int t, LinkModel& link, const std::vector<int>& assigned) const {
    const TableMeta& meta = metadata_.tables[t];
    auto is_assigned = [&](int f) {
      return std::find(assigned.begin(), assigned.end(), f) != assigned.end();
    };
    auto indexes = [&](const std::vector<PathHop>& hops, size_t from) {
      std::vector<int> out;
      for (size_t h = from; h < hops.size(); ++h) {
        const int x = table_index(hops[h].table->name);
        if (h > 0 && !tracked(x, hops[h].foreign_key)) return std::optional<std::vector<int>>();
        out.push_back(hops[h].foreign_key);
      }
      return std::optional(out);
    };
    std::set<std::pair<std::vector<int>, std::vector<int>>> disabled;
    for (const Rule& rule : meta.rules) {
      if (rule.kind != RuleKind::SameAncestor) continue;
      const std::vector<PathHop> a = path_keys(metadata_, meta, rule.path);
      const std::vector<PathHop> b = path_keys(metadata_, meta, rule.other_path);
      if (a.empty() || b.empty()) continue;
      for (const auto& [mine, other] : {std::pair(&a, &b), std::pair(&b, &a)}) {
        if (mine->front().foreign_key != link.foreign_key) continue;
        auto anchor = indexes(*other, 0), candidate = indexes(*mine, 1);
        if (!anchor || !candidate) continue;
        if (!rule.enabled) {
          disabled.insert({*anchor, *candidate});
          continue;
        }
        if (!is_assigned(other->front().foreign_key)) continue;
        link.anchor_path = std::move(*anchor);
        link.candidate_path = std::move(*candidate);
        link.anchor_strict = true;
        return;
      }
    }
    const ForeignKey& fk = meta.foreign_keys[link.foreign_key];
    const int p = table_index(fk.parent_table);
    const TableMeta& parent = metadata_.tables[p];
    const std::vector<int64_t>& linked = resolved_.at(t)[link.foreign_key];
    for (int f : assigned) {
      const ForeignKey& other = meta.foreign_keys[f];
      const int x = table_index(other.parent_table);
      const std::vector<int64_t>& other_rows = resolved_.at(t)[f];
      // The ancestor is the other parent itself (h = -1) or one of its parents.
      for (int h = -1; h < static_cast<int>(metadata_.tables[x].foreign_keys.size()); ++h) {
        const int a = h < 0 ? x : table_index(metadata_.tables[x].foreign_keys[h].parent_table);
        if (h >= 0 && !tracked(x, h)) continue;
        for (size_t g = 0; g < parent.foreign_keys.size(); ++g) {
          if (table_index(parent.foreign_keys[g].parent_table) != a) continue;
          if (p == t || (h >= 0 && x == t) || !tracked(p, static_cast<int>(g))) continue;
          std::vector<int> anchor = {f};
          if (h >= 0) anchor.push_back(h);
          if (disabled.count({anchor, {static_cast<int>(g)}})) continue;
          const std::vector<int64_t>& candidate_rows = resolved_.at(p)[g];
          int64_t both = 0, same = 0;
          for (size_t row = 0; row < linked.size(); ++row) {
            if (linked[row] < 0 || other_rows[row] < 0) continue;
            int64_t anchor_row = h < 0 ? other_rows[row] : resolved_.at(x)[h][other_rows[row]];
            int64_t candidate = candidate_rows[linked[row]];
            if (anchor_row < 0 || candidate < 0) continue;
            ++both;
            same += anchor_row == candidate;
          }
          if (both >= 10 && same >= 0.95 * both) {
            link.anchor_path = std::move(anchor);
            link.candidate_path = {static_cast<int>(g)};
            return;
          }
        }
      }
    }
  }

  // Keys set before this link that reach the same parent table (a series' winner, then its
  // loser, both teams): where the source always keeps the two parent rows apart, or always the
  // same, the link does too. Rows where either key finds no parent do not count.
  void relate_to_earlier_keys(int t, LinkModel& link, const std::vector<int>& assigned) const {
    const TableMeta& meta = metadata_.tables[t];
    const std::string& parent = meta.foreign_keys[link.foreign_key].parent_table;
    const std::vector<int64_t>& mine = resolved_.at(t)[link.foreign_key];
    for (int f : assigned) {
      if (meta.foreign_keys[f].parent_table != parent) continue;
      const std::vector<int64_t>& other = resolved_.at(t)[f];
      int64_t both = 0, same = 0;
      for (size_t row = 0; row < mine.size(); ++row) {
        if (mine[row] < 0 || other[row] < 0) continue;
        ++both;
        same += mine[row] == other[row];
      }
      if (both > 0 && same == 0) link.distinct_from.push_back(f);
      if (both >= kMinSameParentRows && same == both && link.same_as < 0) link.same_as = f;
    }
  }

  // The table's same_ancestor rules that no link keeps (their paths start with keys that are
  // not links of their own, or pass through keys generation does not record): warned about.
  void warn_unkept_paths(int t) {
    const TableMeta& meta = metadata_.tables[t];
    const TableModel& model = model_.tables[t];
    for (const Rule& rule : meta.rules) {
      if (!rule.enabled || rule.kind != RuleKind::SameAncestor) continue;
      const std::vector<PathHop> a = path_keys(metadata_, meta, rule.path);
      const std::vector<PathHop> b = path_keys(metadata_, meta, rule.other_path);
      bool kept = false;
      for (const LinkModel& link : model.links) {
        if (!link.anchor_strict || a.empty() || b.empty()) continue;
        for (const auto& [mine, other] : {std::pair(&a, &b), std::pair(&b, &a)})
          kept |= mine->front().foreign_key == link.foreign_key &&
                  link.anchor_path.size() == other->size() &&
                  link.anchor_path.front() == other->front().foreign_key;
      }
      if (!kept)
        model_.warnings.push_back(meta.name + ": rule " + describe(rule) +
                                  " is not kept: its paths do not start with two foreign keys "
                                  "drawn one after the other through recorded keys");
    }
  }

  // Orphan keys of the source, with what the output makes of them: NULL, or a parent row
  // (a key that may not be NULL; a composite driver key whose other rows the source leaves
  // partly NULL takes a stand-in parent for them all).
  void warn_orphans(int t) {
    const TableMeta& meta = metadata_.tables[t];
    const std::vector<bool> partial = partial_null_columns(t, drivers_[t]);
    const bool stand_in = std::find(partial.begin(), partial.end(), true) != partial.end();
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      const std::vector<int64_t>& rows = resolved_.at(t)[f];
      if (std::find(rows.begin(), rows.end(), kOrphanKey) == rows.end()) continue;
      const ForeignKey& fk = meta.foreign_keys[f];
      bool nullable = !(stand_in && drivers_[t] == static_cast<int>(f));
      for (const std::string& name : fk.columns) nullable &= meta.find_column(name)->nullable;
      model_.warnings.push_back(
          "orphans in the source: " + meta.name + "(" + join(fk.columns) + ") -> " +
          fk.parent_table + ": " + count_orphans(data_, meta.name, fk).describe(fk.parent_table) +
          (nullable ? "; the output writes NULL there"
                    : "; the output links them to generated " + fk.parent_table + " rows") +
          " (--complete-parents adds the missing " + fk.parent_table + " rows instead)");
    }
  }

  // Resolves the table's foreign keys (reporting orphans), decides whether it is copied as
  // reference data, and picks its driver.
  void prepare_table(int t) {
    const TableMeta& meta = metadata_.tables[t];
    const Table& table = data_.table(meta.name);
    // Resolve every foreign key once; report orphans.
    std::vector<std::vector<int64_t>> resolved(meta.foreign_keys.size());
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      const ForeignKey& fk = meta.foreign_keys[f];
      resolved[f] =
          resolve_foreign_key(table, fk.columns, data_.table(fk.parent_table), fk.parent_columns);
      int p = table_index(fk.parent_table);
      if (p != t && !deferred_.count({meta.name, f}))
        depth_[t] = std::max(depth_[t], depth_[p] + 1);
    }

    bool preserve = std::find(options_.preserve.begin(), options_.preserve.end(), meta.name) !=
                    options_.preserve.end();
    bool has_parents = false;
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f)
      if (meta.foreign_keys[f].parent_table != meta.name) has_parents = true;
    // A tiny lookup table (genres, regions) is reference data; one holding people's data is
    // generated however small it is.
    const bool personal = is_personal(meta);
    bool small = table.num_rows() > 0 && !personal && !has_parents &&
                 static_cast<int64_t>(table.num_rows()) < options_.small_table_rows &&
                 !generates_values(meta);
    resolved_[t] = resolved;
    preserved_[t] = preserve;
    copied_[t] = preserve || small;
    small_[t] = small;
    if (!copied_[t]) drivers_[t] = choose_driver(t, resolved);
    warn_orphans(t);
  }

  // A datetime column that follows another one of its row (paid after due, shipped after
  // ordered), or of its driver parent's row (a payment due after its order), by much less
  // than it varies itself: encoded as the difference from it, in the largest whole unit the
  // differences share (days, hours, minutes, seconds or microseconds), so the pair keeps its
  // tight relation instead of two independent draws from wide bins.
  struct DeltaChoice {
    int from = -1;
    int64_t unit = 1;
    bool parent = false;    // `from` is a column of the driver's parent table
    bool previous = false;  // from the previous sibling (a series' order column)
    int64_t origin = 0;     // previous: a first sibling's anchor without a parent column
  };

  // The largest whole unit (day, hour, minute, second) that divides microsecond differences
  // whose gcd is `common`; else 1.
  static int64_t datetime_unit(int64_t common) {
    for (int64_t u :
         {int64_t{86400000000}, int64_t{3600000000}, int64_t{60000000}, int64_t{1000000}})
      if (common % u == 0) return u;
    return 1;
  }

  // A sequential table's series: each row's previous sibling (-1 for a first one) and its
  // position, the siblings being the rows of one driver parent ordered by the sequence key
  // (NULL last, ties in row order). Empty when the table is not sequential or cannot be.
  struct Series {
    int column = -1;
    std::vector<int64_t> previous;
    std::vector<uint32_t> position;
  };

  Series order_series(int t) {
    const TableMeta& meta = metadata_.tables[t];
    const TableModel& model = model_.tables[t];
    Series series;
    if (meta.kind != TableKind::Sequential) return series;
    const int c = meta.column_index(meta.sequence_key);
    auto kept_tabular = [&](const std::string& why) {
      model_.warnings.push_back(meta.name + " is sequential but " + why + ": modelled as tabular");
      return Series();
    };
    if (model.driver < 0) return kept_tabular("has no parent whose rows form the series");
    if (c < 0 || model.roles[c] != ColumnRole::Modelled ||
        (!is_calendar(meta.columns[c].type) && meta.columns[c].type != DataType::Int64))
      return kept_tabular("its sequence key " + quote_name(meta.sequence_key) +
                          " is not a modelled date, datetime or integer column");
    const Column& key = data_.table(meta.name).column(c);
    const std::vector<int64_t>& parents = resolved_.at(t)[model.driver];
    std::vector<int64_t> rows(key.size());
    std::iota(rows.begin(), rows.end(), 0);
    std::stable_sort(rows.begin(), rows.end(), [&](int64_t a, int64_t b) {
      if (parents[a] != parents[b]) return parents[a] < parents[b];
      if (key.is_null(a) || key.is_null(b)) return !key.is_null(a) && key.is_null(b);
      return key.int_at(a) < key.int_at(b);
    });
    series.column = c;
    series.previous.assign(key.size(), -1);
    series.position.assign(key.size(), 0);
    size_t repeated = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
      const int64_t row = rows[i], before = rows[i - 1];
      if (parents[row] < 0 || parents[row] != parents[before]) continue;
      series.previous[row] = before;
      series.position[row] = series.position[before] + 1;
      repeated +=
          !key.is_null(row) && !key.is_null(before) && key.int_at(row) == key.int_at(before);
    }
    if (repeated * 20 > key.size())
      return kept_tabular(std::to_string(repeated) + " rows repeat a sibling's " +
                          meta.sequence_key + " under the driver " +
                          meta.foreign_keys[model.driver].parent_table);
    return series;
  }

  // A series' order column as the difference from the previous sibling's value; the first
  // sibling's from the driver parent's column `parent_column` (-1: none), else from the
  // column's smallest value. In the largest unit the differences share. Fills `gaps` (in units).
  DeltaChoice choose_gap(int t, const Series& series, int parent_column, Column& gaps) {
    const Column& key = data_.table(metadata_.tables[t].name).column(series.column);
    const Column* anchor = parent_column >= 0 ? &delta_source(t, parent_column, true) : nullptr;
    const std::vector<int64_t>& parents = resolved_.at(t)[model_.tables[t].driver];
    DeltaChoice choice;
    choice.previous = true;
    choice.from = parent_column >= 0 ? parent_column : series.column;
    choice.parent = parent_column >= 0;
    bool any = false;
    for (size_t row = 0; row < key.size(); ++row)
      if (!key.is_null(row)) {
        choice.origin = any ? std::min(choice.origin, key.int_at(row)) : key.int_at(row);
        any = true;
      }
    std::vector<std::optional<int64_t>> raw(key.size());
    int64_t common = 0;
    for (size_t row = 0; row < key.size(); ++row) {
      if (key.is_null(row)) continue;
      const int64_t before = series.previous[row];
      const int64_t p = parents[row];
      int64_t from = choice.origin;
      if (before >= 0)
        from = key.int_at(static_cast<size_t>(before));
      else if (anchor && p >= 0 && !anchor->is_null(static_cast<size_t>(p)))
        from = convert_temporal(anchor->int_at(static_cast<size_t>(p)), anchor->type(), key.type());
      raw[row] = key.int_at(row) - from;
      common = std::gcd(common, *raw[row] < 0 ? -*raw[row] : *raw[row]);
    }
    choice.unit =
        key.type() == DataType::DateTime ? datetime_unit(common) : std::max<int64_t>(common, 1);
    for (const std::optional<int64_t>& d : raw)
      if (d)
        gaps.append_int(*d / choice.unit);
      else
        gaps.append_null();
    return choice;
  }

  // Appends a sequential table's context: each row's position; the previous sibling's order
  // column value under the clock (when that column is drawn before the chain's first function
  // rule or children count, which split generation into passes over all rows); then the
  // previous sibling's tokens of the steps before that split that follow their previous value
  // more than the calendar. A column that follows the calendar (a month, a temperature) but
  // also saw its previous value would wander off the season step by step.
  void add_series_context(int t, const Series& series,
                          std::vector<std::vector<uint16_t>>& context) {
    constexpr size_t kMaxSequenceSteps = 16;
    constexpr double kCalendarShare = 0.25;
    const TableMeta& meta = metadata_.tables[t];
    TableModel& model = model_.tables[t];
    const int first_segment = static_cast<int>(first_segment_end(model, plan_rules(model_, t)));
    model.sequential = true;
    model.series_step = value_step(model, series.column);
    auto previous_of = [&](const std::vector<uint16_t>& tokens, uint32_t none) {
      std::vector<uint16_t> previous(series.previous.size(), static_cast<uint16_t>(none));
      for (size_t row = 0; row < previous.size(); ++row)
        if (series.previous[row] >= 0) previous[row] = tokens[series.previous[row]];
      return previous;
    };
    auto add = [&](std::vector<uint16_t> column, uint32_t cardinality, bool unordered) {
      context.push_back(std::move(column));
      model.context_cardinalities.push_back(cardinality);
      model.context_unordered.push_back(unordered);
    };
    std::vector<uint16_t> position(series.position.size());
    for (size_t row = 0; row < position.size(); ++row)
      position[row] = position_token(series.position[row]);
    add(std::move(position), kPositionTokens, false);

    std::vector<uint16_t> clock;
    uint32_t clock_tokens = 0;
    if (model.series_step < first_segment) {
      const Column& key = data_.table(meta.name).column(series.column);
      EncoderOptions clock_options;
      clock_options.rare_threshold = options_.rare_threshold;
      model.series_clock = make_numeric_encoder();
      model.series_clock->fit(key, clock_options);
      clock = model.series_clock->encode(key);
      clock_tokens = static_cast<uint32_t>(model.series_clock->num_tokens());
      add(previous_of(clock, clock_tokens), clock_tokens + 1, false);
    }
    std::vector<uint32_t> rows(series.previous.size());
    std::iota(rows.begin(), rows.end(), 0);
    for (int s = 0; s < first_segment && model.sequence_steps.size() < kMaxSequenceSteps; ++s) {
      const ChainStep& step = model.chain[s];
      std::vector<uint16_t> previous = previous_of(tokens_[t][s], step.num_tokens);
      if (!clock.empty() &&
          mutual_information(tokens_[t][s], step.num_tokens, clock, clock_tokens, rows) >=
              kCalendarShare * mutual_information(tokens_[t][s], step.num_tokens, previous,
                                                  step.num_tokens + 1, rows))
        continue;
      model.sequence_steps.push_back(s);
      add(std::move(previous), step.num_tokens + 1, step.unordered);
    }
  }

  // The driver parent's row of every row of table t, or null when some row has none (a
  // difference from the parent needs the parent).
  const std::vector<int64_t>* driver_rows(int t) const {
    const int driver = model_.tables[t].driver;
    if (driver < 0) return nullptr;
    const std::vector<int64_t>& rows = resolved_.at(t)[driver];
    for (int64_t row : rows)
      if (row < 0) return nullptr;
    return &rows;
  }

  // The column a difference of table t is taken from: of its rows, or of its driver parent's.
  const Column& delta_source(int t, int from, bool parent) const {
    const TableMeta& meta = metadata_.tables[t];
    const std::string& table =
        parent ? meta.foreign_keys[model_.tables[t].driver].parent_table : meta.name;
    return data_.table(table).column(from);
  }

  // target[row] minus its source (at the row, or at its parent row `parent_rows[row]`) in the
  // target's units; nullopt where the source is NULL. The target is not NULL.
  static std::optional<int64_t> difference(const Column& target, const Column& source,
                                           const std::vector<int64_t>* parent_rows, size_t row) {
    const size_t at = parent_rows ? static_cast<size_t>((*parent_rows)[row]) : row;
    if (source.is_null(at)) return std::nullopt;
    return target.int_at(row) - convert_temporal(source.int_at(at), source.type(), target.type());
  }

  std::map<int, DeltaChoice> choose_deltas(int t) const {
    const TableMeta& meta = metadata_.tables[t];
    const Table& table = data_.table(meta.name);
    const TableModel& model = model_.tables[t];
    std::vector<bool> eligible(meta.columns.size(), false);
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      const ColumnMeta& column = meta.columns[c];
      eligible[c] = model.roles[c] == ColumnRole::Modelled && column.sdtype == SDType::Datetime &&
                    is_calendar(column.type) && !learns_every_value(column);
      // Rules that write the column would break the difference after it is decoded (those
      // that only repair the rows breaking them may stay).
      for (const Rule& rule : meta.rules)
        if (rule.enabled && rule.target == column.name && rule.kind != RuleKind::Order &&
            rule.kind != RuleKind::Range && rule.kind != RuleKind::In &&
            rule.kind != RuleKind::ParentOrder)
          eligible[c] = false;
    }
    // The driver parent's dates, unless its children fill them in (after this table).
    const std::vector<int64_t>* parent_rows = driver_rows(t);
    const TableMeta* parent_meta =
        parent_rows ? &metadata_.tables[table_index(meta.foreign_keys[model.driver].parent_table)]
                    : nullptr;
    auto parent_source = [&](size_t a) {
      const ColumnMeta& column = parent_meta->columns[a];
      if (!is_calendar(column.type)) return false;
      for (const Rule& rule : parent_meta->rules)
        if (rule.enabled && rule.kind == RuleKind::Aggregate && rule.target == column.name)
          return false;
      return true;
    };
    // The spread between the 10th and the 90th percentile.
    auto spread = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v[v.size() * 9 / 10] - v[v.size() / 10];
    };
    struct Candidate {
      double ratio;
      int column, from;
      int64_t unit;
      bool parent;
    };
    std::vector<Candidate> candidates;
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      if (!eligible[c]) continue;
      const Column& target = table.column(c);
      std::vector<double> values;
      for (size_t row = 0; row < target.size(); ++row)
        if (!target.is_null(row)) values.push_back(static_cast<double>(target.int_at(row)));
      if (values.size() < 20) continue;
      const double own = spread(values);
      if (own <= 0) continue;
      // Against column a of this table's rows, or of their parents' rows.
      auto consider = [&](size_t a, bool parent) {
        const Column& source = delta_source(t, static_cast<int>(a), parent);
        std::vector<double> differences;
        int64_t common = 0;  // gcd of the differences
        for (size_t row = 0; row < target.size(); ++row) {
          if (target.is_null(row)) continue;
          // The source must have a value wherever the target has one.
          const std::optional<int64_t> d =
              difference(target, source, parent ? parent_rows : nullptr, row);
          if (!d) return;
          differences.push_back(static_cast<double>(*d));
          common = std::gcd(common, *d < 0 ? -*d : *d);
        }
        const double ratio = spread(differences) / own;
        if (ratio >= 0.1) return;
        const int64_t unit = meta.columns[c].type == DataType::DateTime ? datetime_unit(common) : 1;
        candidates.push_back({ratio, static_cast<int>(c), static_cast<int>(a), unit, parent});
      };
      for (size_t a = 0; a < meta.columns.size(); ++a)
        if (a != c && eligible[a] && meta.columns[a].type == meta.columns[c].type)
          consider(a, false);
      for (size_t a = 0; parent_meta && a < parent_meta->columns.size(); ++a)
        if (parent_source(a)) consider(a, true);
    }
    // Tightest pairs first; a source is never itself a difference, nor a difference a source.
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& x, const Candidate& y) { return x.ratio < y.ratio; });
    std::map<int, DeltaChoice> chosen;
    std::set<int> sources;
    for (const Candidate& candidate : candidates) {
      if (chosen.count(candidate.column) || sources.count(candidate.column) ||
          (!candidate.parent && chosen.count(candidate.from)))
        continue;
      chosen[candidate.column] = {candidate.from, candidate.unit, candidate.parent};
      if (!candidate.parent) sources.insert(candidate.from);
    }
    return chosen;
  }

  // Modelled columns of table t that no rule computes or reads (rules that only bound a value,
  // a constant year or a range, are kept by repairs afterwards): a column recomputed after
  // decoding would break what was computed from it, and functions decide by their inputs'
  // drawn tokens.
  std::vector<bool> unruled_columns(int t) const {
    const TableMeta& meta = metadata_.tables[t];
    auto bounds = [](RuleKind kind) {
      return kind == RuleKind::Constant || kind == RuleKind::Range || kind == RuleKind::In ||
             kind == RuleKind::Order || kind == RuleKind::ParentOrder;
    };
    std::set<std::string> ruled;
    for (const TableMeta& other : metadata_.tables)
      for (const Rule& rule : other.rules) {
        if (!rule.enabled || bounds(rule.kind) ||
            (&other != &meta && rule.other_table != meta.name))
          continue;
        if (&other == &meta) ruled.insert(rule.target);
        ruled.insert(rule.columns.begin(), rule.columns.end());
      }
    std::vector<bool> candidate(meta.columns.size());
    for (size_t c = 0; c < meta.columns.size(); ++c)
      candidate[c] = model_.tables[t].roles[c] == ColumnRole::Modelled &&
                     !ruled.count(meta.columns[c].name) && !learns_every_value(meta.columns[c]);
    return candidate;
  }

  // Integer columns that are calendar parts of a date column of the row (synth/date_parts.h),
  // among the unruled ones.
  void choose_date_parts(int t) {
    const TableMeta& meta = metadata_.tables[t];
    TableModel& model = model_.tables[t];
    std::optional<DatePartsChoice> choice =
        find_date_parts(meta, data_.table(meta.name), unruled_columns(t));
    if (!choice) return;
    model.parts_from = choice->from;
    model.parts_unit = choice->unit;
    model.parts = choice->parts;
    model.parts_offsets = choice->offsets;
    model.parts_weekly = choice->weekly;
  }

  void train_table(int t) {
    const TableMeta& meta = metadata_.tables[t];
    const std::optional<Table> marked = mark_rows_equal_to_source(meta, data_.table(meta.name));
    const Table& table = marked ? *marked : data_.table(meta.name);
    TableModel& model = model_.tables[t];
    model.name = meta.name;
    model.real_rows = static_cast<int64_t>(table.num_rows());
    const std::vector<std::vector<int64_t>>& resolved = resolved_.at(t);
    const bool preserve = preserved_[t], small = small_[t], personal = is_personal(meta);
    bool has_parents = false;
    for (const ForeignKey& fk : meta.foreign_keys) has_parents |= fk.parent_table != meta.name;

    if (preserve || small) {
      if (preserve && has_parents) {
        for (const ForeignKey& fk : meta.foreign_keys) {
          if (fk.parent_table == meta.name) continue;
          if (std::find(options_.preserve.begin(), options_.preserve.end(), fk.parent_table) ==
              options_.preserve.end())
            throw UsageError("cannot preserve " + quote_name(meta.name) + " without its parent " +
                             quote_name(fk.parent_table) + ": pass --preserve for it too");
        }
      }
      model.copied = true;
      model.rows = without_orphans(t, data_.table(meta.name));
      model.roles.assign(meta.columns.size(), ColumnRole::Modelled);
      model.generators.resize(meta.columns.size());
      model.rare_fallbacks.resize(meta.columns.size());
      if (small)
        model_.warnings.push_back(meta.name + " has only " + std::to_string(table.num_rows()) +
                                  " rows: too few to learn from, copied as reference data");
      add_identity_step(model);
      tokens_[t] = identity_tokens(model);
      return;
    }

    decide_roles(t);
    choose_date_parts(t);
    model.driver = drivers_[t];
    model.key_group_capacity = key_group_capacity(meta, model, table);
    StepTokens& tokens = tokens_[t];

    // Context candidates: the driver parent's and grandparent's tokens and the parent's number
    // of children (chosen once the row's own tokens are known, below).
    std::vector<ContextColumn> candidates;
    if (model.driver >= 0) build_context(t, resolved[model.driver], candidates);

    // The chain: encoders first, then order, then one classifier per step.
    EncoderOptions encoder_options;
    encoder_options.rare_threshold = options_.rare_threshold;
    std::map<int, DeltaChoice> deltas = choose_deltas(t);
    const Series series = order_series(t);
    std::map<int, Column> differences;  // of the columns encoded as a difference
    if (series.column >= 0) {
      // The order column follows the previous sibling, a first one its parent's date as chosen.
      auto chosen = deltas.find(series.column);
      const int parent_column =
          chosen != deltas.end() && chosen->second.parent ? chosen->second.from : -1;
      Column& gaps =
          differences.emplace(series.column, Column("difference", DataType::Int64)).first->second;
      deltas[series.column] = choose_gap(t, series, parent_column, gaps);
    }
    // Numbers along a line through another number of the row (synth/residuals.h): unruled
    // numerical columns that are no date part or difference. Not in a series, whose rows see
    // their previous sibling's tokens: a residual's token would hide the level it follows.
    std::map<int, ResidualChoice> residuals;
    if (series.column < 0) {
      std::vector<bool> candidate = unruled_columns(t);
      for (size_t c = 0; c < meta.columns.size(); ++c)
        candidate[c] = candidate[c] && meta.columns[c].sdtype == SDType::Numerical &&
                       !deltas.count(static_cast<int>(c)) &&
                       static_cast<int>(c) != model.parts_from &&
                       std::find(model.parts.begin(), model.parts.end(), static_cast<int>(c)) ==
                           model.parts.end();
      for (const ResidualChoice& choice : find_residuals(table, candidate)) {
        residuals[choice.column] = choice;
        const Column& target = table.column(choice.column);
        const Column& source = table.column(choice.from);
        Column& column =
            differences.emplace(choice.column, Column("residual", DataType::Float64)).first->second;
        for (size_t row = 0; row < target.size(); ++row)
          if (target.is_null(row))
            column.append_null();
          else
            column.append_double(target.number_at(row) - line_at(choice, source.number_at(row)));
      }
    }
    const std::vector<int64_t>* parent_rows = deltas.empty() ? nullptr : driver_rows(t);
    for (const auto& [c, delta] : deltas) {
      if (delta.previous) continue;
      const Column& target = table.column(c);
      const Column& source = delta_source(t, delta.from, delta.parent);
      Column& column = differences.emplace(c, Column("difference", DataType::Int64)).first->second;
      for (size_t row = 0; row < target.size(); ++row) {
        const std::optional<int64_t> d =
            target.is_null(row)
                ? std::nullopt
                : difference(target, source, delta.parent ? parent_rows : nullptr, row);
        if (d)
          column.append_int(*d / delta.unit);
        else
          column.append_null();
      }
    }
    const std::vector<bool> partial_null = partial_null_columns(t, model.driver);
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      auto difference = differences.find(static_cast<int>(c));
      const Column& values = difference != differences.end() ? difference->second : table.column(c);
      if (model.roles[c] == ColumnRole::Modelled) {
        // Rare category labels (a role, a genre) and rare values in tables about things are
        // no one's data: they are drawn from the real rare values. Other rare values in a table
        // about people (a city, a title) can single someone out: they stay behind a
        // placeholder that a generated value replaces.
        const SDType sdtype = meta.columns[c].sdtype;
        encoder_options.rare_mode =
            !personal || sdtype == SDType::Categorical || sdtype == SDType::Boolean
                ? RareMode::Sample
                : RareMode::Placeholder;
        ChainStep step;
        step.column = static_cast<int>(c);
        if (auto residual = residuals.find(static_cast<int>(c)); residual != residuals.end()) {
          step.residual = residual->second;
          step.encoder = make_numeric_encoder();
        } else if (difference != differences.end()) {
          step.delta_from = deltas.at(static_cast<int>(c)).from;
          step.delta_unit = deltas.at(static_cast<int>(c)).unit;
          step.delta_parent = deltas.at(static_cast<int>(c)).parent;
          step.delta_previous = deltas.at(static_cast<int>(c)).previous;
          step.delta_origin = deltas.at(static_cast<int>(c)).origin;
          step.encoder = make_numeric_encoder();
        } else {
          // Kept, hashed and masked values are learned exactly, each a category.
          step.encoder = make_encoder(meta.columns[c].type, learns_every_value(meta.columns[c])
                                                                ? SDType::Categorical
                                                                : meta.columns[c].sdtype);
        }
        step.encoder->fit(values, learns_every_value(meta.columns[c])
                                      ? every_value_options(encoder_options)
                                      : encoder_options);
        step.num_tokens = static_cast<uint32_t>(step.encoder->num_tokens());
        step.unordered = step.encoder->kind() == EncoderKind::Categorical;
        model.chain.push_back(std::move(step));
      } else if ((model.roles[c] == ColumnRole::Generated && values.null_count() > 0 &&
                  !sets_every_row(meta.columns[c])) ||
                 partial_null[c]) {
        ChainStep step;
        step.column = static_cast<int>(c);
        step.presence = true;
        step.num_tokens = 2;
        step.unordered = true;
        model.chain.push_back(std::move(step));
      }
    }
    // The number of children of each row, for every child table this one drives, is modelled
    // like a column: counts and values are drawn together (big customers, busy airports).
    std::map<std::pair<int, int>, Column> child_counts;
    for (size_t c = 0; c < metadata_.tables.size(); ++c) {
      if (copied_[c]) continue;
      const TableMeta& child = metadata_.tables[c];
      for (size_t f = 0; f < child.foreign_keys.size(); ++f) {
        // The driver's count, and the popularity of this row for the child's other links.
        if (table_index(child.foreign_keys[f].parent_table) != t || static_cast<int>(c) == t ||
            deferred_.count({child.name, f}))
          continue;
        std::vector<int64_t> per_row(table.num_rows(), 0);
        for (int64_t row : resolved_.at(static_cast<int>(c))[f])
          if (row >= 0) ++per_row[row];
        Column counts("children", DataType::Int64);
        for (int64_t count : per_row) counts.append_int(count);
        ChainStep step;
        step.count_of = static_cast<int>(c);
        step.count_fk = static_cast<int>(f);
        step.encoder = make_numeric_encoder();
        step.encoder->fit(counts, count_encoder_options());
        step.num_tokens = static_cast<uint32_t>(step.encoder->num_tokens());
        model.chain.push_back(std::move(step));
        child_counts[{static_cast<int>(c), static_cast<int>(f)}] = std::move(counts);
      }
    }
    std::stable_sort(model.chain.begin(), model.chain.end(),
                     [](const ChainStep& a, const ChainStep& b) {
                       // Presence flags first, children counts last (they depend on all).
                       if (a.presence != b.presence) return a.presence;
                       if ((a.count_of >= 0) != (b.count_of >= 0)) return b.count_of >= 0;
                       return a.num_tokens < b.num_tokens;
                     });
    order_for_rules(meta, model);
    tokens.resize(model.chain.size());
    for (size_t s = 0; s < model.chain.size(); ++s) {
      ChainStep& step = model.chain[s];
      if (step.count_of >= 0) {
        tokens[s] = step.encoder->encode(child_counts.at({step.count_of, step.count_fk}));
        continue;
      }
      auto difference = differences.find(step.column);
      const Column& values =
          difference != differences.end() ? difference->second : table.column(step.column);
      if (step.presence) {
        tokens[s].resize(values.size());
        for (size_t row = 0; row < values.size(); ++row) tokens[s][row] = values.is_null(row);
      } else {
        tokens[s] = step.encoder->encode(values);
      }
      if (step.delta_previous) {  // the differences seen at first and at later siblings
        step.first_tokens.assign(step.num_tokens, false);
        step.later_tokens.assign(step.num_tokens, false);
        for (size_t row = 0; row < tokens[s].size(); ++row)
          (series.previous[row] < 0 ? step.first_tokens : step.later_tokens)[tokens[s][row]] = true;
      }
    }
    model.function_tokens = learn_function_tokens(meta, model, table, tokens, [&](int f) {
      return copied_[table_index(meta.foreign_keys[f].parent_table)];
    });
    // Links for the other foreign keys. A link to another table is chosen before the row's
    // values (from the context so far), and its parent's tokens join the context, so the
    // values depend on every parent (a line's price on its product). Self-references and
    // cycle edges need rows that do not exist yet: they are chosen after the values.
    std::set<std::string> covered;
    std::set<int> shared_keys;  // links sharing columns with a key before them
    std::vector<int> assigned;
    if (model.driver >= 0) {
      assigned.push_back(model.driver);
      const auto& columns = meta.foreign_keys[model.driver].columns;
      covered.insert(columns.begin(), columns.end());
    }
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      if (static_cast<int>(f) == model.driver) continue;
      const ForeignKey& fk = meta.foreign_keys[f];
      // A key whose columns all belong to keys before it follows them; one sharing some (a
      // tenant id, a season) is a link among the parents that agree on the shared columns.
      bool overlaps = false, all = true;
      for (const std::string& column : fk.columns) {
        overlaps |= covered.count(column) > 0;
        all &= covered.count(column) > 0;
      }
      if (all) continue;
      covered.insert(fk.columns.begin(), fk.columns.end());
      LinkModel link;
      link.foreign_key = static_cast<int>(f);
      link.self = fk.parent_table == meta.name;
      link.deferred = deferred_.count({meta.name, f}) > 0;
      if (!link.self && !link.deferred) add_link_candidates(t, link, candidates);
      if (overlaps) shared_keys.insert(link.foreign_key);
      model.links.push_back(std::move(link));
    }
    std::vector<uint32_t> step_cardinalities;
    for (const ChainStep& step : model.chain) step_cardinalities.push_back(step.num_tokens);
    std::vector<ContextColumn> chosen =
        choose_context(std::move(candidates), tokens, step_cardinalities);
    // The driver's part of the context, then each link's once it is chosen.
    std::vector<std::vector<uint16_t>> context;
    size_t next_column = 0;
    auto take_context = [&](auto belongs) {
      for (; next_column < chosen.size() && belongs(chosen[next_column].feature); ++next_column) {
        ContextColumn& column = chosen[next_column];
        model.context_features.push_back(column.feature);
        model.context_cardinalities.push_back(column.cardinality);
        model.context_unordered.push_back(column.unordered);
        context.push_back(std::move(column.tokens));
      }
    };
    take_context([](const ContextFeature& f) { return f.source != ContextSource::Linked; });
    for (LinkModel& link : model.links) {
      if (link.self || link.deferred) continue;
      progress_.update(0, model.chain.size(),
                       "link to " + meta.foreign_keys[link.foreign_key].parent_table);
      link.num_features = static_cast<uint32_t>(context.size());
      fit_link(t, link, context);
      if (!shared_keys.count(link.foreign_key)) find_anchor(t, link, assigned);
      relate_to_earlier_keys(t, link, assigned);
      assigned.push_back(link.foreign_key);
      take_context([&](const ContextFeature& f) { return f.foreign_key == link.foreign_key; });
    }
    warn_unkept_paths(t);
    if (series.column >= 0)
      add_series_context(t, series, context);
    else
      add_sibling_context(t, context);
    // The fits come next, the costliest part: rows that no other step reads (no table refers
    // to this one) go first, being all in the tokens by now.
    if (release_ && !referred_to(meta.name))
      std::vector<Column>().swap(release_->table(meta.name).columns());

    std::vector<const std::vector<uint16_t>*> features;
    std::vector<uint32_t> cardinalities = model.context_cardinalities;
    std::vector<bool> unordered = model.context_unordered;
    for (const auto& column : context) features.push_back(&column);
    for (size_t s = 0; s < model.chain.size(); ++s) {
      ChainStep& step = model.chain[s];
      progress_.update(s, model.chain.size(), step_name(t, step));
      step.classifier = fit_classifier(features, cardinalities, unordered, tokens[s],
                                       step.num_tokens, stream_key(t, s, kClassifierSeed));
      features.push_back(&tokens[s]);
      cardinalities.push_back(step.num_tokens);
      unordered.push_back(step.unordered);
    }
    progress_.update(model.chain.size(), model.chain.size());
    contexts_[t] = std::move(context);

    // Self-references see the whole row; cycle edges are fitted once every table exists.
    for (LinkModel& link : model.links)
      if (link.self) {
        link.num_features = static_cast<uint32_t>(model.context_size() + model.chain.size());
        fit_link(t, link, contexts_[t]);
        link.order_column = find_order_column(t, link);
      }
  }

  // What a chain step models, for progress: "column HR", "HR is NULL", "children in Batting".
  std::string step_name(int t, const ChainStep& step) const {
    if (step.count_of >= 0) return "children in " + metadata_.tables[step.count_of].name;
    const std::string& column = metadata_.tables[t].columns[step.column].name;
    return step.presence ? column + " is NULL" : "column " + column;
  }

  // A column that is a function of others comes after them in the chain, so generation can
  // give equal inputs the same value as they are drawn.
  static void order_for_rules(const TableMeta& meta, TableModel& model) {
    std::vector<ChainStep>& chain = model.chain;
    auto position = [&](const std::string& name) {
      return value_step(model, meta.column_index(name));
    };
    for (size_t pass = 0; pass < meta.rules.size() + 1; ++pass) {
      bool moved = false;
      for (const Rule& rule : meta.rules) {
        if (rule.kind != RuleKind::Function || !rule.enabled) continue;
        const int target = position(rule.target);
        int last = -1;
        for (const std::string& name : rule.columns) last = std::max(last, position(name));
        if (target < 0 || last < target) continue;
        ChainStep step = std::move(chain[target]);
        chain.erase(chain.begin() + target);
        chain.insert(chain.begin() + last, std::move(step));  // `last` moved down by one
        moved = true;
      }
      if (!moved) break;
    }
    // A learned equality's target sees every other value of its row (which rows differ
    // depends on them: a team's code differs in early years): last before the children counts.
    for (const Rule& rule : meta.rules) {
      const int at = position(rule.target);
      if (at < 0 || !learns_exceptions(meta, rule)) continue;
      auto end = std::find_if(chain.begin(), chain.end(),
                              [](const ChainStep& step) { return step.count_of >= 0; });
      std::rotate(chain.begin() + at, chain.begin() + at + 1, end);
    }
  }

  // A self-reference that follows an order in the source (a customer is referred by one who
  // signed up earlier): the modelled number or date column whose value in the referenced row is
  // at most the row's own in >= 95% of the links, or -1.
  int find_order_column(int t, const LinkModel& link) const {
    const Table& table = data_.table(metadata_.tables[t].name);
    const std::vector<int64_t>& parents = resolved_.at(t)[link.foreign_key];
    const TableModel& model = model_.tables[t];
    for (const ChainStep& step : model.chain) {
      if (step.presence || step.column < 0 || step.encoder->kind() != EncoderKind::Numeric)
        continue;
      const Column& column = table.column(step.column);
      if (column.type() == DataType::Decimal) continue;
      auto value = [&](size_t row) {
        return column.type() == DataType::Float64 ? column.double_at(row)
                                                  : static_cast<double>(column.int_at(row));
      };
      int64_t both = 0, ordered = 0, equal = 0;
      for (size_t row = 0; row < parents.size(); ++row) {
        if (parents[row] < 0 || column.is_null(row) || column.is_null(parents[row])) continue;
        ++both;
        ordered += value(parents[row]) <= value(row);
        equal += value(parents[row]) == value(row);
      }
      if (both >= 10 && ordered >= 0.95 * both && equal < both) return step.column;
    }
    return -1;
  }

  // Every value step of a linked parent as a context candidate of every row.
  void add_link_candidates(int t, const LinkModel& link, std::vector<ContextColumn>& candidates) {
    const TableMeta& meta = metadata_.tables[t];
    const int p = table_index(meta.foreign_keys[link.foreign_key].parent_table);
    const std::vector<int64_t>& parent_rows = resolved_.at(t)[link.foreign_key];
    for (int s : value_steps(model_.tables[p])) {
      ContextColumn column;
      column.feature = {ContextSource::Linked, s, link.foreign_key};
      const uint32_t none = model_.tables[p].chain[s].num_tokens;
      column.tokens.assign(parent_rows.size(), static_cast<uint16_t>(none));
      for (size_t row = 0; row < parent_rows.size(); ++row)
        if (parent_rows[row] >= 0) column.tokens[row] = tokens_[p][s][parent_rows[row]];
      column.cardinality = none + 1;
      column.unordered = model_.tables[p].chain[s].unordered;
      candidates.push_back(std::move(column));
    }
  }

  EncoderOptions count_encoder_options() const {
    EncoderOptions options;
    options.rare_threshold = options_.rare_threshold;
    options.frequent_value_share = 0.01;
    options.max_frequent_values = 32;
    return options;
  }

  // Whether a child table's rows all hang off a handful of its driver parent's rows (weather
  // under 3 of 1,396 airports): fewer than a model may learn from, so the generated parents
  // that get children only resemble them, a lottery of rows the children's models never saw.
  static bool hangs_off_few(const std::vector<int64_t>& per_parent) {
    const size_t used = rows_with_children(per_parent);
    return used > 0 && used <= 10 && used * 100 <= per_parent.size();
  }

  static size_t rows_with_children(const std::vector<int64_t>& per_parent) {
    return static_cast<size_t>(
        std::count_if(per_parent.begin(), per_parent.end(), [](int64_t n) { return n > 0; }));
  }

  // A reference parent keeps its real rows with --preserve: say so.
  void warn_if_concentrated(int t, const std::vector<int64_t>& per_parent, int64_t children) {
    const TableMeta& meta = metadata_.tables[t];
    const std::string& parent = meta.foreign_keys[model_.tables[t].driver].parent_table;
    if (!model_.tables[t].driver_hidden || children < 100) return;
    model_.warnings.push_back(
        meta.name + ": all " + std::to_string(children) + " linked rows hang off " +
        std::to_string(rows_with_children(per_parent)) + " of " +
        std::to_string(per_parent.size()) + " " + parent + " rows; generated " + parent +
        " rows only resemble those, so " + meta.name + " is modelled without their values. If " +
        parent + " is reference data, --preserve " + parent +
        " keeps its real rows and their children");
  }

  // Fits the cardinality model and lists the context candidates from the driver: every value
  // step of the parent, its children count, and every value step of the grandparent.
  void build_context(int t, const std::vector<int64_t>& parent_rows,
                     std::vector<ContextColumn>& candidates) {
    const TableMeta& meta = metadata_.tables[t];
    TableModel& model = model_.tables[t];
    const ForeignKey& fk = meta.foreign_keys[model.driver];
    int p = table_index(fk.parent_table);
    const TableModel& parent = model_.tables[p];
    const size_t parent_rows_count = num_rows_[p];

    // Children per parent row: the cardinality model's data.
    Column counts("children", DataType::Int64);
    std::vector<int64_t> per_parent(parent_rows_count, 0);
    CardinalityModel& cardinality = model.cardinality;
    for (int64_t row : parent_rows) {
      if (row >= 0)
        ++per_parent[row], ++cardinality.real_linked_rows;
      else
        ++cardinality.real_unlinked_rows;
    }
    for (int64_t count : per_parent) counts.append_int(count);
    cardinality.real_parent_rows = static_cast<int64_t>(parent_rows_count);
    model.driver_hidden = !parent.copied && hangs_off_few(per_parent);
    warn_if_concentrated(t, per_parent, cardinality.real_linked_rows);
    // When the parent models this count as one of its own columns, the count comes with the
    // parent's row; otherwise (a copied parent) a classifier predicts it from the parent.
    std::vector<uint16_t> count_tokens;
    uint32_t count_cardinality = 0;
    for (size_t s = 0; s < parent.chain.size(); ++s)
      if (parent.chain[s].count_of == t && parent.chain[s].count_fk == model.driver)
        cardinality.count_step = static_cast<int>(s);
    if (cardinality.count_step >= 0) {
      count_tokens = tokens_[p][cardinality.count_step];
      count_cardinality = parent.chain[cardinality.count_step].num_tokens;
    } else {
      cardinality.encoder = make_numeric_encoder();
      cardinality.encoder->fit(counts, count_encoder_options());
      count_tokens = cardinality.encoder->encode(counts);
      count_cardinality = static_cast<uint32_t>(cardinality.encoder->num_tokens());
    }

    std::vector<const std::vector<uint16_t>*> parent_features;
    std::vector<uint32_t> parent_cardinalities;
    std::vector<bool> parent_unordered;
    for (int s : value_steps(parent)) {
      parent_features.push_back(&tokens_[p][s]);
      parent_cardinalities.push_back(parent.chain[s].num_tokens);
      parent_unordered.push_back(parent.chain[s].unordered);
    }
    if (parent_rows_count > 0 && cardinality.count_step < 0)
      cardinality.classifier =
          fit_classifier(parent_features, parent_cardinalities, parent_unordered, count_tokens,
                         count_cardinality, stream_key(t, kCardinalitySeed));
    // A copied (reference) parent is output as it is: its children follow it row by row.
    if (parent.copied) cardinality.parent_counts = per_parent;

    // The candidate columns of each child row; the extra last token means "no parent".
    const std::vector<int> steps = value_steps(parent);
    for (size_t f = 0; f < parent_features.size(); ++f) {
      if (steps[f] == cardinality.count_step) continue;  // the count below
      ContextColumn column;
      column.feature = {ContextSource::Parent, steps[f], -1};
      const uint32_t none = parent_cardinalities[f];
      column.tokens.resize(parent_rows.size());
      for (size_t row = 0; row < parent_rows.size(); ++row)
        column.tokens[row] = parent_rows[row] < 0  ? static_cast<uint16_t>(none)
                             : model.driver_hidden ? uint16_t{0}
                                                   : (*parent_features[f])[parent_rows[row]];
      column.cardinality = none + 1;
      column.unordered = parent_unordered[f];
      candidates.push_back(std::move(column));
    }
    ContextColumn count_column;
    count_column.feature = {ContextSource::ParentCount, -1, -1};
    count_column.tokens.resize(parent_rows.size());
    for (size_t row = 0; row < parent_rows.size(); ++row)
      count_column.tokens[row] = parent_rows[row] >= 0 ? count_tokens[parent_rows[row]]
                                                       : static_cast<uint16_t>(count_cardinality);
    count_column.cardinality = count_cardinality + 1;
    candidates.push_back(std::move(count_column));

    // The grandparent's tokens (an order's customer segment for a payment).
    if (parent.driver < 0) return;
    const int g = table_index(metadata_.tables[p].foreign_keys[parent.driver].parent_table);
    const std::vector<int64_t>& grandparent_rows = resolved_.at(p)[parent.driver];
    for (int s : value_steps(model_.tables[g])) {
      ContextColumn column;
      column.feature = {ContextSource::Grandparent, s, -1};
      const uint32_t none = model_.tables[g].chain[s].num_tokens;
      column.tokens.assign(parent_rows.size(), static_cast<uint16_t>(none));
      for (size_t row = 0; row < parent_rows.size(); ++row) {
        int64_t gp = parent_rows[row] >= 0 ? grandparent_rows[parent_rows[row]] : -1;
        if (gp >= 0) column.tokens[row] = parent.driver_hidden ? uint16_t{0} : tokens_[g][s][gp];
      }
      column.cardinality = none + 1;
      column.unordered = model_.tables[g].chain[s].unordered;
      candidates.push_back(std::move(column));
    }
  }

  // Of a token column's entropy, what a row's previous sibling must tell (held_out_gain) for the
  // row to see it. A link's group: beyond the context's most telling column, since a sibling's
  // group makes the urn ask again where the sibling got another (measured: 3%). A value step:
  // on its own, since its trees ignore the sibling where the context tells as much; any
  // measurable likeness counts (a molecule's chlorine atoms come together, 0.5% of the
  // entropy of atom types, which carbon and hydrogen make most of).
  static constexpr double kMinLinkSiblingShare = 0.03;
  static constexpr double kMinStepSiblingShare = 0.004;

  // Each row's previous sibling in a tabular child: the row before it under the same driver
  // parent, in an order shuffled by the seed, or -1. A tabular child's rows are a set: what a
  // sibling tells of a row holds in any order (an atom's bonds go to a carbon and a hydrogen),
  // while the source's own order may be a sort (an order's lines by product), which a chain
  // drawn sibling after sibling would copy into sets the source does not have. Empty when the
  // table is a root or sequential, or when its rows are mostly only children.
  struct Siblings {
    std::vector<int64_t> previous;
    std::vector<uint32_t> position;  // among the siblings, in that order
  };
  // Computed once a table: its links and its value steps all ask.
  const Siblings& previous_siblings(int t) {
    if (siblings_table_ == t) return siblings_;
    siblings_table_ = t;
    siblings_ = Siblings();
    const TableModel& model = model_.tables[t];
    if (model.driver < 0 || metadata_.tables[t].kind == TableKind::Sequential) return siblings_;
    const std::vector<int64_t>& parents = resolved_.at(t)[model.driver];
    std::vector<std::pair<uint64_t, uint32_t>> order;  // (parent's rank, then shuffle), row
    const uint64_t key = stream_key(options_.seed, kSiblingOrder, static_cast<uint64_t>(t));
    for (size_t row = 0; row < parents.size(); ++row)
      if (parents[row] >= 0)
        order.emplace_back(static_cast<uint64_t>(parents[row]), static_cast<uint32_t>(row));
    std::sort(order.begin(), order.end(), [key](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : mix64(key ^ a.second) < mix64(key ^ b.second);
    });
    Siblings siblings{std::vector<int64_t>(parents.size(), -1),
                      std::vector<uint32_t>(parents.size(), 0)};
    size_t later = 0;
    for (size_t i = 1; i < order.size(); ++i)
      if (order[i].first == order[i - 1].first) {
        siblings.previous[order[i].second] = order[i - 1].second;
        siblings.position[order[i].second] = siblings.position[order[i - 1].second] + 1;
        ++later;
      }
    if (later * 10 >= parents.size()) siblings_ = std::move(siblings);
    return siblings_;
  }

  // At most 50,000 rows evenly spread, for scoring.
  static std::vector<uint32_t> scored_rows(size_t rows) {
    std::vector<uint32_t> scored;
    for (size_t row = 0; row < rows; row += rows / 50000 + 1)
      scored.push_back(static_cast<uint32_t>(row));
    return scored;
  }

  // Entropy (nats) of a token column over `rows`.
  static double entropy_of(const std::vector<uint16_t>& tokens, uint32_t cardinality,
                           const std::vector<uint32_t>& rows) {
    std::vector<double> counts(cardinality, 0);
    for (uint32_t row : rows) counts[tokens[row]] += 1;
    double entropy = 0;
    for (double count : counts)
      if (count > 0) entropy -= count / rows.size() * std::log(count / rows.size());
    return entropy;
  }

  // The context column telling most about `tokens` (mutual information), or -1.
  int most_telling(const TableModel& model, const std::vector<std::vector<uint16_t>>& context,
                   size_t columns, const std::vector<uint16_t>& tokens, uint32_t cardinality,
                   const std::vector<uint32_t>& rows) const {
    double told = 0;
    int best = -1;
    for (size_t c = 0; c < columns && c < context.size(); ++c)
      if (const double mi = mutual_information(tokens, cardinality, context[c],
                                               model.context_cardinalities[c], rows);
          mi > told)
        told = mi, best = static_cast<int>(c);
    return best;
  }

  // What `previous` (the previous sibling's tokens) tells about `tokens` beyond the context's
  // most telling column, as a share of the tokens' entropy.
  double sibling_share(const TableModel& model, const std::vector<std::vector<uint16_t>>& context,
                       size_t columns, const std::vector<uint16_t>& tokens, uint32_t cardinality,
                       const std::vector<uint16_t>& previous, const std::vector<uint32_t>& rows) {
    const double entropy = entropy_of(tokens, cardinality, rows);
    if (entropy <= 0) return 0;
    const int best = most_telling(model, context, columns, tokens, cardinality, rows);
    const std::vector<uint16_t> none(best >= 0 ? 0 : tokens.size(), 0);
    return held_out_gain(tokens, cardinality, best >= 0 ? context[best] : none, previous, rows) /
           entropy;
  }

  // A tabular child's rows under one driver parent drawn one after another when some categorical
  // value steps take after their previous sibling's (a customer's invoices go to one billing
  // address, a molecule's chlorine atoms come together): the context then ends with each row's
  // position among its siblings
  // and its previous sibling's tokens of those steps (at most 4, the most telling), and
  // generation draws a parent's rows in order. The steps come before the chain's first
  // function rule or children count, as a series' do.
  void add_sibling_context(int t, std::vector<std::vector<uint16_t>>& context) {
    constexpr size_t kMaxSiblingSteps = 4;
    TableModel& model = model_.tables[t];
    const Siblings& siblings = previous_siblings(t);
    const std::vector<int64_t>& before = siblings.previous;
    if (before.empty()) return;
    const std::vector<uint32_t> scored = scored_rows(before.size());
    const size_t first_segment = first_segment_end(model, plan_rules(model_, t));
    auto previous_of = [&](size_t s) {
      std::vector<uint16_t> previous(before.size(),
                                     static_cast<uint16_t>(model.chain[s].num_tokens));
      for (size_t row = 0; row < before.size(); ++row)
        if (before[row] >= 0) previous[row] = tokens_[t][s][before[row]];
      return previous;
    };
    std::vector<std::pair<double, size_t>> telling;  // (share, step)
    for (size_t s = 0; s < first_segment; ++s) {
      const ChainStep& step = model.chain[s];
      if (!step.unordered || step.count_of >= 0 || step.num_tokens + 1 > 65535) continue;
      const double share =
          sibling_share(model, context, 0, tokens_[t][s], step.num_tokens, previous_of(s), scored);
      if (share >= kMinStepSiblingShare) telling.emplace_back(share, s);
    }
    if (telling.empty()) return;
    std::sort(telling.begin(), telling.end(), std::greater<>());
    if (telling.size() > kMaxSiblingSteps) telling.resize(kMaxSiblingSteps);
    std::sort(telling.begin(), telling.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    model.sequential = true;
    std::vector<uint16_t> position(before.size());
    for (size_t row = 0; row < before.size(); ++row)
      position[row] = position_token(siblings.position[row]);
    context.push_back(std::move(position));
    model.context_cardinalities.push_back(kPositionTokens);
    model.context_unordered.push_back(false);
    for (const auto& [share, s] : telling) {
      context.push_back(previous_of(s));
      model.context_cardinalities.push_back(model.chain[s].num_tokens + 1);
      model.context_unordered.push_back(model.chain[s].unordered);
      model.sequence_steps.push_back(static_cast<int>(s));
    }
  }

  // A tabular child's rows under one driver parent seldom pick a link's parents independently
  // (an atom's second bond goes to a hydrogen when its first went to a carbon). Each row's
  // previous sibling's group (in source order; num_groups for NULL, num_groups + 1 for a first
  // sibling), and whether it tells enough about the row's group beyond the context's most
  // telling column to join the classifier's features (link.sibling_groups). Empty when not.
  std::vector<uint16_t> sibling_groups(int t, LinkModel& link, const std::vector<uint16_t>& groups,
                                       const std::vector<std::vector<uint16_t>>& context) {
    const TableModel& model = model_.tables[t];
    link.sibling_groups = false;
    const int parent = table_index(metadata_.tables[t].foreign_keys[link.foreign_key].parent_table);
    if (link.self || link.deferred || link.num_groups < 2 || model_.tables[parent].copied)
      return {};
    const std::vector<int64_t>& before = previous_siblings(t).previous;
    if (before.empty()) return {};
    std::vector<uint16_t> previous(before.size(), static_cast<uint16_t>(link.num_groups + 1));
    for (size_t row = 0; row < before.size(); ++row)
      if (before[row] >= 0) previous[row] = groups[before[row]];
    const double share = sibling_share(model, context, link.num_features, groups,
                                       link.num_groups + 1, previous, scored_rows(before.size()));
    if (share < kMinLinkSiblingShare) return {};
    link.sibling_groups = true;
    return previous;
  }

  // The link's classifier sees the first link.num_features of (context, chain tokens), then its
  // previous sibling's group when link.sibling_groups.
  void fit_link(int t, LinkModel& link, const std::vector<std::vector<uint16_t>>& context) {
    const TableMeta& meta = metadata_.tables[t];
    const ForeignKey& fk = meta.foreign_keys[link.foreign_key];
    const TableModel& model = model_.tables[t];
    int p = table_index(fk.parent_table);
    const TableModel& parent = model_.tables[p];
    const std::vector<int64_t>& parent_rows = resolved_.at(t)[link.foreign_key];
    const size_t parent_count = num_rows_[p];

    // Group parents by the parent token that tells the most about the child's tokens.
    std::vector<uint32_t> linked;
    for (size_t row = 0; row < parent_rows.size() && linked.size() < 20000; ++row)
      if (parent_rows[row] >= 0) linked.push_back(static_cast<uint32_t>(row));
    // Score single steps, then pairs of the best ones (a joint token), by the information
    // they carry about the child's tokens; keep the best grouping above a floor.
    link.group_step = link.group_step2 = -1;
    auto score_of = [&](int a, int b) {
      uint32_t card = parent.chain[a].num_tokens * (b >= 0 ? parent.chain[b].num_tokens : 1);
      std::vector<uint16_t> joint(parent_rows.size(), 0);
      for (uint32_t row : linked) {
        int64_t pr = parent_rows[row];
        joint[row] =
            static_cast<uint16_t>(tokens_[p][a][pr] * (b >= 0 ? parent.chain[b].num_tokens : 1) +
                                  (b >= 0 ? tokens_[p][b][pr] : 0));
      }
      double score = 0;
      for (int cs : value_steps(model))
        score = std::max(score, mutual_information(joint, card, tokens_[t][cs],
                                                   model.chain[cs].num_tokens, linked));
      return score;
    };
    double best = 0.02;
    if (!link.self) {
      std::vector<std::pair<double, int>> singles;
      for (int s : value_steps(parent)) {
        uint32_t card = parent.chain[s].num_tokens;
        if (card < 2 || card > 64) continue;
        singles.emplace_back(score_of(s, -1), s);
      }
      std::sort(singles.rbegin(), singles.rend());
      for (const auto& [score, s] : singles)
        if (score > best) best = score, link.group_step = s;
      for (size_t i = 0; i < singles.size() && i < 3; ++i)
        for (size_t j = i + 1; j < singles.size() && j < 3; ++j) {
          int a = singles[i].second, b = singles[j].second;
          if (parent.chain[a].num_tokens * parent.chain[b].num_tokens > 256) continue;
          double score = score_of(a, b);
          if (score > best) best = score, link.group_step = a, link.group_step2 = b;
        }
    }
    link.num_groups =
        link.group_step < 0
            ? 1
            : parent.chain[link.group_step].num_tokens *
                  (link.group_step2 >= 0 ? parent.chain[link.group_step2].num_tokens : 1);
    auto group_of_parent = [&](int64_t parent_row) -> uint16_t {
      return link_group(link, parent, tokens_[p], static_cast<size_t>(parent_row));
    };

    // Popularity: the children count of every real parent, per group.
    std::vector<int64_t> degree(parent_count, 0);
    for (int64_t row : parent_rows)
      if (row >= 0) ++degree[row];
    std::vector<std::vector<float>> degrees(link.num_groups);
    for (size_t row = 0; row < parent_count; ++row)
      degrees[group_of_parent(static_cast<int64_t>(row))].push_back(
          static_cast<float>(degree[row]));
    link.degrees.clear();
    for (auto& group : degrees) {
      std::sort(group.begin(), group.end());
      // Keep at most 128 quantiles: the shape, not the individual parents.
      std::vector<float> kept;
      const size_t keep = std::min<size_t>(group.size(), 128);
      for (size_t i = 0; i < keep; ++i) kept.push_back(group[(i * group.size()) / keep]);
      link.degrees.push_back(std::move(kept));
    }
    // The parent draws its number of such children with its own values: that is its weight.
    link.count_step = -1;
    for (size_t s = 0; s < parent.chain.size(); ++s)
      if (parent.chain[s].count_of == t && parent.chain[s].count_fk == link.foreign_key)
        link.count_step = static_cast<int>(s);
    // A copied (reference) parent keeps each row's own popularity.
    link.parent_degrees.clear();
    if (parent.copied)
      for (int64_t d : degree) link.parent_degrees.push_back(static_cast<float>(d));

    // The classifier: child tokens -> parent group (or NULL, class num_groups).
    std::vector<uint16_t> target(parent_rows.size());
    for (size_t row = 0; row < parent_rows.size(); ++row)
      target[row] = parent_rows[row] >= 0 ? group_of_parent(parent_rows[row])
                                          : static_cast<uint16_t>(link.num_groups);
    std::vector<const std::vector<uint16_t>*> features;
    std::vector<uint32_t> cardinalities = model.context_cardinalities;
    std::vector<bool> unordered = model.context_unordered;
    for (const auto& column : context) features.push_back(&column);
    for (size_t s = 0; s < model.chain.size(); ++s) {
      features.push_back(&tokens_[t][s]);
      cardinalities.push_back(model.chain[s].num_tokens);
      unordered.push_back(model.chain[s].unordered);
    }
    features.resize(link.num_features);
    cardinalities.resize(link.num_features);
    unordered.resize(link.num_features);
    const std::vector<uint16_t> siblings = sibling_groups(t, link, target, context);
    if (link.sibling_groups) {
      features.push_back(&siblings);
      cardinalities.push_back(link.num_groups + 2);
      unordered.push_back(true);
    }
    link.classifier =
        fit_classifier(features, cardinalities, unordered, target, link.num_groups + 1,
                       stream_key(t, link.foreign_key, kLinkSeed));
  }

  const Metadata& metadata_;
  const Database& data_;
  Database* release_;             // data_, when the trainer may free tables it no longer reads
  std::vector<size_t> num_rows_;  // per table, as read (freed tables keep theirs)
  const TrainOptions& options_;
  Progress& progress_;
  SynthesisModel& model_;
  FitCache cache_{options_.fit_cache};
  bool refit_now_ = false;  // the table being trained is refitted, whatever the cache holds
  size_t reused_ = 0;       // its fits the cache gave
  size_t fitted_ = 0;       // and the ones fitted
  std::set<std::pair<std::string, size_t>> deferred_;
  std::vector<StepTokens> tokens_;
  std::vector<int> depth_;
  std::vector<int> drivers_;  // per table: its driver foreign key, -1 for roots and copies
  std::vector<bool> copied_, small_;
  std::map<int, bool> preserved_;
  std::map<int, std::vector<std::vector<uint16_t>>> contexts_;
  int siblings_table_ = -1;  // the table siblings_ holds (previous_siblings)
  Siblings siblings_;
  std::map<int, std::vector<std::vector<int64_t>>> resolved_;  // per table, per foreign key
};

}  // namespace

namespace {

// Trains on `data`; with `release` (which is `data`) its tables are freed as training goes.
Model train_on(const Metadata& metadata, const Database& data, Database* release,
               const TrainOptions& options, Progress& progress) {
  check_table_names(metadata, "--preserve", options.preserve);
  validate_or_throw(metadata);
  for (const TableMeta& table : metadata.tables) {
    const Table& rows = data.table(table.name);
    if (rows.num_columns() != table.columns.size())
      throw InputError(locate(table.name) + ": the data has " + std::to_string(rows.num_columns()) +
                       " columns, the metadata " + std::to_string(table.columns.size()));
  }
  // Rules are found on the source as it is; treatments then drop those on rewritten columns.
  Metadata found = metadata;
  if (!found.rules_known) find_rules(found, data);
  TreatedSource treated = apply_treatments(found, data, options.preserve);
  if (treated.data && release) {  // the treated copy is all training reads from here on
    *release = Database();
    release = &*treated.data;
  }
  const Database& rows = treated.data ? *treated.data : data;
  TrainOptions treated_options = options;
  treated_options.preserve.clear();
  for (const TableMeta& table : treated.metadata.tables)
    if (table.treatment == TableTreatment::Preserve) treated_options.preserve.push_back(table.name);
  Model model;
  SynthesisModel& impl = model.impl();
  impl.metadata = std::move(treated.metadata);
  impl.warnings = std::move(treated.warnings);
  impl.seed = options.seed;
  Trainer(impl.metadata, rows, treated_options, progress, impl, release).run();
  for (std::string& why : disable_rules_not_kept(impl)) impl.warnings.push_back(std::move(why));
  return model;
}

}  // namespace

Model train(const Metadata& metadata, const Database& data, const TrainOptions& options,
            Progress& progress) {
  return train_on(metadata, data, nullptr, options, progress);
}

Model train(const Metadata& metadata, Database&& data, const TrainOptions& options,
            Progress& progress) {
  Database owned = std::move(data);
  return train_on(metadata, owned, &owned, options, progress);
}

}  // namespace relsynth
