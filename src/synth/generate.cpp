// Generation: tables parents first. A child's rows come per parent row (the cardinality
// model says how many), its tokens from the chain, its other foreign keys from the links.
// Every random draw is keyed by (seed, table, row, purpose), so the output does not depend on
// the thread count or the batch size.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.h"
#include "core/random.h"
#include "model/fake_values.h"
#include "model/word_lists.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "schema/key_inference.h"
#include "synth/date_parts.h"
#include "synth/due_tree.h"
#include "synth/function_tokens.h"
#include "synth/key_index.h"
#include "synth/link_dues.h"
#include "synth/parent_urn.h"
#include "synth/residuals.h"
#include "synth/rule_check.h"
#include "synth/rule_enforcement.h"
#include "synth/synthesis_model.h"

namespace relsynth {

namespace {

// Purposes of the random streams, so each decision has its own.
enum : uint64_t {
  kCount = 1,
  kCountRounding = 2,
  kChain = 3,
  kDecode = 4,
  kLinkGroup = 5,
  kLinkPick = 6,
  kWeight = 7,
  kUnlinked = 8,
  kFix = 9,
  kSpread = 10,
  kUnit = 11,
  kRareOrder = 12,
  kStandIn = 13,
  kSettleDues = 14,
  kKeyGroups = 15,
  kOwner = 16,
  kFunction = 17,
};

// The row id of streams that belong to no row (a table-wide draw).
constexpr uint64_t kNoRow = ~uint64_t{0};

struct GeneratedTable {
  Table values;
  std::vector<std::vector<uint16_t>> tokens;   // per chain step
  std::vector<std::vector<uint16_t>> context;  // per context feature
  std::vector<int64_t> driver_parent;          // per row, -1 none
  std::vector<std::vector<int64_t>> fk_rows;   // per foreign key: the parent row of each row
  // Per column kept by a function rule: the row (in the whole table) whose draw decodes it.
  std::map<int, std::vector<int64_t>> draw_rows;
  int64_t row_offset = 0;  // index in the whole table of this part's first row
  bool done = false;
};

bool is_function_rule(const Rule& rule) { return rule.kind == RuleKind::Function; }

Column empty_like(const ColumnMeta& meta) { return Column(meta.name, meta.type, meta.format); }

// Units: the scale rounded up (the largest ratio asked by --rows counts too).
int64_t unit_count(const SynthesisModel& model, const GenerateOptions& options) {
  double largest = options.scale;
  for (const auto& [name, rows] : options.root_rows) {
    const int t = model.table_index(name);
    const int64_t real = t >= 0 ? model.tables[t].real_rows : 0;
    if (real > 0) largest = std::max(largest, static_cast<double>(rows) / real);
  }
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(largest - 1e-9)));
}

class Generator {
 public:
  Generator(const SynthesisModel& model, const GenerateOptions& options, Progress& progress)
      : model_(model), meta_(model.metadata), options_(options), progress_(progress) {
    tables_.resize(model.tables.size());
    rare_drawn_.resize(model.tables.size());
    for (size_t t = 0; t < model.tables.size(); ++t)
      plans_.push_back(plan_rules(model, static_cast<int>(t)));
    std::vector<std::string> not_kept;  // train reported them
    aggregates_ = plan_aggregates(model, not_kept);
  }

  // The database is generated in units of at most the source's size (scale 50: 50 units of
  // scale 1), each a whole database of its own: its rows link only to rows of the same unit
  // (or of copied tables, generated once), so memory holds one unit at a time however large
  // the output. A unit needs nothing from the others (keys are numbered in closed form,
  // values shared across units derive from the seed and themselves), so any range of units
  // can be generated apart (first_unit..last_unit) and the parts add up to the whole run.
  // Unit 0 uses the seed itself, so the output at scale 1 or below is what one unit gives.
  std::map<std::string, int64_t> run(Destination& destination) {
    KeyGraph graph = build_key_graph(meta_);
    const std::vector<std::string> order = generation_order(graph);
    std::map<std::string, int64_t> written;
    units_ = unit_count(model_, options_);
    unit_scale_ = options_.scale / static_cast<double>(units_);
    const int64_t first = options_.first_unit;
    const int64_t last = options_.last_unit < 0 ? units_ - 1 : options_.last_unit;
    if (first < 0 || first > last || last >= units_)
      throw UsageError("--units " + std::to_string(first) + ".." + std::to_string(last) +
                       ": this run has units 0.." + std::to_string(units_ - 1));
    const int64_t chosen = last - first + 1;
    const std::vector<size_t> last_read = last_read_at(order);
    for (size_t t = 0; t < plans_.size(); ++t)
      for (ValueRepair& repair : plans_[t].repairs)
        if (is_function_rule(*repair.rule) &&
            shared_inputs(static_cast<int>(t), repair.rule->columns))
          repair.shared_value = [this, t, rule = repair.rule](const std::string& key,
                                                              Column& into) {
            return shared_function_value(static_cast<int>(t), *rule, key, into);
          };
    try {
      destination.begin(meta_);
      if (chosen > 1) progress_.step("generating " + std::to_string(chosen) + " units");
      int64_t total = 0;
      for (int64_t unit = first; unit <= last; ++unit) {
        start_unit(unit);
        for (const auto& [name, rows] : generate_unit(order, last_read, destination, chosen == 1))
          written[name] += rows, total += rows;
        if (chosen > 1) progress_.update(static_cast<uint64_t>(unit - first + 1), chosen);
      }
      if (chosen > 1) progress_.done(std::to_string(total) + " rows");
      progress_.step("writing");
      destination.commit();
      progress_.done();
    } catch (...) {
      destination.abort();
      throw;
    }
    return written;
  }

 private:
  // Forgets the previous unit's rows (copied tables stay: every unit links to them) and what
  // its function rules decided (values shared across units come from the seed and the inputs).
  void start_unit(int64_t unit) {
    unit_ = unit;
    seed_ =
        unit == 0 ? options_.seed : stream_key(options_.seed, kUnit, static_cast<uint64_t>(unit));
    for (size_t t = 0; t < tables_.size(); ++t) {
      if (!model_.tables[t].copied) tables_[t] = GeneratedTable();
      rare_drawn_[t].assign(meta_.tables[t].columns.size(), 0);
    }
    for (RulePlan& plan : plans_) {
      for (FunctionMemo& memo : plan.functions) memo.seen.clear();
      for (ValueRepair& repair : plan.repairs) repair.first_of.clear(), repair.first_values = {};
    }
    for (AggregateFill& fill : aggregates_)
      fill.count.clear(), fill.sum.clear(), fill.min.clear(), fill.max.clear();
  }

  // Tables are generated parents first. A leaf table (nothing refers to it) is generated
  // and written in parts of about batch_rows rows, so memory stays bounded however many rows
  // the unit has; the other tables are kept for their children and written once final.
  std::map<std::string, int64_t> generate_unit(const std::vector<std::string>& order,
                                               const std::vector<size_t>& last_read,
                                               Destination& destination, bool report) {
    std::map<std::string, int64_t> written;
    std::vector<bool> pending(model_.tables.size(), false);  // generated, written at the end
    for (size_t at = 0; at < order.size(); ++at) {
      const std::string& name = order[at];
      int t = model_.table_index(name);
      // A copied table is generated once, by the part's first unit, and written by the part
      // that holds unit 0 only.
      const bool copied = model_.tables[t].copied;
      if (copied && tables_[t].done) continue;  // copied tables stay from unit to unit
      if (report) progress_.step("generating " + name);
      if (streamable(t)) {
        written[name] = stream_table(t, destination, report);
      } else {
        generate_table(t);
        if (has_deferred_links(t) || filled_from_children(t))
          pending[t] = true;
        else if (!copied || unit_ == 0)
          written[name] = write_table(t, destination);
      }
      fill_parents_of(t);
      link_pools_.clear();
      if (report)
        progress_.done(std::to_string(written.count(name)
                                          ? written[name]
                                          : static_cast<int64_t>(tables_[t].values.num_rows())) +
                       " rows");
      // Written tables that no table still to generate reads go (a leaf table that could not
      // be streamed, a parent whose children are all done).
      for (const std::string& done : order) {
        const int d = model_.table_index(done);
        if (last_read[d] <= at && !pending[d] && !model_.tables[d].copied)
          tables_[d] = GeneratedTable();
        if (done == name) break;
      }
    }
    for (size_t t = 0; t < model_.tables.size(); ++t)
      for (const LinkModel& link : model_.tables[t].links)  // copied tables have none
        if (link.deferred) assign_link(static_cast<int>(t), link);
    for (size_t t = 0; t < model_.tables.size(); ++t)
      if (pending[t]) written[meta_.tables[t].name] = write_table(static_cast<int>(t), destination);
    return written;
  }

  // Per table, the last position in `order` of a table that reads its generated rows: itself,
  // the tables below it (their context, links, rules and sums read their ancestors' rows), or
  // past the end for the parent of a link assigned once the unit's tables are all generated.
  std::vector<size_t> last_read_at(const std::vector<std::string>& order) const {
    std::vector<size_t> last(model_.tables.size(), 0);
    for (size_t at = 0; at < order.size(); ++at) {
      std::vector<int> stack = {model_.table_index(order[at])};
      std::vector<bool> seen(model_.tables.size(), false);
      while (!stack.empty()) {
        const int u = stack.back();
        stack.pop_back();
        if (seen[u]) continue;
        seen[u] = true;
        last[u] = std::max(last[u], at);
        for (const ForeignKey& fk : meta_.tables[u].foreign_keys)
          stack.push_back(model_.table_index(fk.parent_table));
      }
    }
    for (size_t t = 0; t < model_.tables.size(); ++t)
      for (const LinkModel& link : model_.tables[t].links)
        if (link.deferred) {
          last[t] = order.size();
          last[model_.table_index(meta_.tables[t].foreign_keys[link.foreign_key].parent_table)] =
              order.size();
        }
    return last;
  }

  // A table with a column counting or summing its children is written after them.
  bool filled_from_children(int t) const {
    for (const AggregateFill& fill : aggregates_)
      if (fill.parent_table == t && !fill.distribute) return true;
    return false;
  }

  // Where the source's childless parents are all at 0 (an invoice without lines totals 0), a
  // parent whose value is not 0 needs at least one child to add up to it, and one at 0 none.
  // Where childless parents keep values of their own (a season's wins, summed over halves only
  // in the one season played in halves), the counts stay as drawn: forcing a child under every
  // parent would turn a table under 1% of the parents into one under all of them.
  void keep_children_for_sums(int t, std::vector<int64_t>& counts) const {
    for (const AggregateFill& fill : aggregates_) {
      if (!fill.distribute || fill.child_table != t || fill.rule->value != "0") continue;
      const Column& totals = tables_[fill.parent_table].values.column(fill.target);
      for (size_t p = 0; p < counts.size() && p < totals.size(); ++p) {
        const double value = totals.number_at(p);
        if (std::isnan(value)) continue;
        if (value != 0 && counts[p] == 0) counts[p] = 1;
        if (value == 0) counts[p] = 0;
      }
    }
  }

  // Parents first; among the tables ready, children that fill a parent column before their
  // siblings, so those are drawn under (and scaled to) the parent's final value.
  std::vector<std::string> generation_order(const KeyGraph& graph) const {
    std::set<std::pair<std::string, size_t>> deferred(graph.cycle_breaks.begin(),
                                                      graph.cycle_breaks.end());
    std::vector<std::string> order, rest = graph.topological_order;
    std::set<std::string> placed;
    auto ready = [&](const std::string& name) {
      const TableMeta& meta = meta_.tables[model_.table_index(name)];
      for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
        const std::string& parent = meta.foreign_keys[f].parent_table;
        if (parent != name && !deferred.count({name, f}) && !placed.count(parent)) return false;
      }
      return true;
    };
    auto fills = [&](const std::string& name) {
      for (const AggregateFill& fill : aggregates_)
        if (!fill.distribute && fill.child_table == model_.table_index(name)) return true;
      return false;
    };
    while (!rest.empty()) {
      auto next = std::find_if(rest.begin(), rest.end(),
                               [&](const std::string& name) { return ready(name) && fills(name); });
      if (next == rest.end()) next = rest.begin();  // the topological order's own next
      order.push_back(*next);
      placed.insert(*next);
      rest.erase(next);
    }
    return order;
  }

  // Once table t is complete, the parent columns it fills get their values, and their tokens,
  // which the tables generated after it read as context.
  void fill_parents_of(int t) {
    std::set<int> filled;
    for (AggregateFill& fill : aggregates_) {
      if (fill.child_table != t || fill.distribute) continue;
      fill_aggregate(fill, tables_[fill.parent_table].values);
      filled.insert(fill.parent_table);
      retokenize(fill.parent_table, fill.target);
    }
    // The parent's own rules are kept again around the filled columns (L = G - W once G and
    // W are its children's sums), and the columns they rewrite are read as such.
    for (int p : filled) {
      GeneratedTable& parent = tables_[p];
      apply_repairs(plans_[p], parent.values, seed(), p, parent.row_offset);
      for (const ValueRepair& repair : plans_[p].repairs) retokenize(p, repair.write);
    }
  }

  // The tokens of column c of table t from its values, where later tables read them.
  void retokenize(int t, int c) {
    const TableModel& model = model_.tables[t];
    const int step = value_step(model, c);
    if (step < 0 || !model.chain[step].encoder || model.chain[step].delta_from >= 0 ||
        model.chain[step].residual.from >= 0)
      return;
    GeneratedTable& table = tables_[t];
    const Column& values = table.values.column(c);
    std::vector<uint16_t>& tokens = table.tokens[step];
    for (size_t row = 0; row < tokens.size() && row < values.size(); ++row)
      tokens[row] = model.chain[step].encoder->encode_value(values, row);
  }

  bool has_deferred_links(int t) const {
    for (const LinkModel& link : model_.tables[t].links)
      if (link.deferred) return true;
    return false;
  }

  // A table can be generated in parts when nothing refers to it, it has no self or deferred
  // links, and its keys can only collide within one parent's rows.
  bool streamable(int t) const {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    if (model.copied || has_deferred_links(t)) return false;
    for (const LinkModel& link : model.links)
      if (link.self) return false;
    for (const TableMeta& other : meta_.tables)
      for (const ForeignKey& fk : other.foreign_keys)
        if (fk.parent_table == meta.name) return false;
    std::set<std::string> driver_columns;
    if (model.driver >= 0) {
      const auto& columns = meta.foreign_keys[model.driver].columns;
      driver_columns.insert(columns.begin(), columns.end());
    }
    auto local = [&](const std::vector<std::string>& key) {
      if (key.size() == 1 && model.roles[meta.column_index(key[0])] == ColumnRole::Key) return true;
      if (driver_columns.empty()) return false;
      for (const std::string& column : driver_columns)
        if (std::find(key.begin(), key.end(), column) == key.end()) return false;
      return true;
    };
    if (!meta.primary_key.empty() && !local(meta.primary_key)) return false;
    for (const UniqueConstraint& unique : meta.unique_constraints)
      if (!local(unique.columns)) return false;
    for (size_t c = 0; c < meta.columns.size(); ++c)
      if (meta.columns[c].unique && model.roles[c] == ColumnRole::Modelled) return false;
    return true;
  }

  int64_t stream_table(int t, Destination& destination, bool report) {
    RowPlan plan = plan_rows(t);
    const int64_t batch = static_cast<int64_t>(std::max<size_t>(options_.batch_rows, 1));
    int64_t written = 0;
    if (plan.parent < 0) {
      for (int64_t begin = 0; begin < plan.root_rows || begin == 0; begin += batch) {
        generate_part(t, plan, 0, 0, false, begin, std::min(plan.root_rows, begin + batch));
        written += write_table(t, destination);
        if (report)
          progress_.update(static_cast<uint64_t>(written), static_cast<uint64_t>(plan.root_rows));
        if (plan.root_rows == 0) break;
      }
    } else {
      int64_t total = plan.unlinked;
      for (int64_t count : plan.counts) total += count;
      size_t begin = 0;
      const size_t parents = plan.counts.size();
      do {
        size_t end = begin;
        for (int64_t rows = 0; end < parents && rows < batch; ++end) rows += plan.counts[end];
        generate_part(t, plan, begin, end, end == parents, 0, 0);
        written += write_table(t, destination);
        if (report) progress_.update(static_cast<uint64_t>(written), static_cast<uint64_t>(total));
        begin = end;
      } while (begin < parents);
    }
    tables_[t] = GeneratedTable();  // nothing refers to it: nothing to keep
    link_pools_.clear();
    return written;
  }

  // Appends the generated rows of a table in batches; returns how many.
  int64_t write_table(int t, Destination& destination) {
    const Table& values = tables_[t].values;
    const size_t batch = std::max<size_t>(options_.batch_rows, 1);
    if (values.num_rows() <= batch) {
      destination.append(meta_.tables[t], values);  // a streamed part: no copy
    } else {
      for (size_t begin = 0; begin < values.num_rows(); begin += batch)
        destination.append(meta_.tables[t],
                           values.slice(begin, std::min(values.num_rows(), begin + batch)));
    }
    return static_cast<int64_t>(values.num_rows());
  }

  // The current unit's seed: every draw of the unit's rows is keyed by it.
  uint64_t seed() const { return seed_; }
  // A row's index in its whole table, across units: keys and unique values derive from it.
  // Units interleave (row r of unit u is r * units + u), so a unit's keys follow from its
  // number alone, without counting the rows of the units before it.
  uint64_t global_row(int t, uint64_t row) const {
    return (static_cast<uint64_t>(tables_[t].row_offset) + row) * static_cast<uint64_t>(units_) +
           static_cast<uint64_t>(unit_);
  }

  // Children per parent row, corrected so the total follows the source's ratio.
  std::vector<int64_t> sample_counts(int t, int parent, int64_t& unlinked) {
    const TableModel& model = model_.tables[t];
    const TableModel& parent_model = model_.tables[parent];
    const GeneratedTable& parent_table = tables_[parent];
    const CardinalityModel& cardinality = model.cardinality;
    const size_t parents = parent_table.values.num_rows();
    std::vector<int64_t> counts(parents, 0);
    // Children per parent follow the parent's size, or the scale for a copied parent.
    const double ratio = parent_model.copied ? unit_scale_
                         : cardinality.real_parent_rows > 0
                             ? static_cast<double>(parents) / cardinality.real_parent_rows
                             : 0.0;
    unlinked = std::llround(cardinality.real_unlinked_rows *
                            (cardinality.real_parent_rows > 0 ? ratio : unit_scale_));
    if (parents == 0) return counts;
    if (cardinality.parent_counts.size() == parents) {
      counts = cardinality.parent_counts;  // a copied parent keeps its real counts
    } else if (cardinality.count_step >= 0) {
      // The parent drew its children count with its own values.
      const ChainStep& step = parent_model.chain[cardinality.count_step];
      const std::vector<uint16_t>& tokens = parent_table.tokens[cardinality.count_step];
      parallel_for(parents, options_.threads, [&](size_t begin, size_t end, int) {
        for (size_t row = begin; row < end; ++row) {
          Rng rng(seed(), t + 1, row, kCount);
          counts[row] = static_cast<int64_t>(decode_count(*step.encoder, tokens[row], rng));
        }
      });
    } else if (cardinality.classifier) {
      // A parent without a chain (copied) and no stored counts: predict from its tokens.
      std::vector<int> steps = value_steps(parent_model);
      parallel_for(parents, options_.threads, [&](size_t begin, size_t end, int) {
        std::vector<uint16_t> row_features(steps.size());
        std::vector<float> probs(cardinality.classifier->num_classes());
        for (size_t row = begin; row < end; ++row) {
          for (size_t f = 0; f < steps.size(); ++f)
            row_features[f] = parent_table.tokens[steps[f]][row];
          Rng rng(seed(), t + 1, row, kCount);
          uint16_t token =
              static_cast<uint16_t>(cardinality.classifier->sample(row_features, rng, probs));
          counts[row] = static_cast<int64_t>(decode_count(*cardinality.encoder, token, rng));
        }
      });
    } else {
      return counts;
    }
    // Far from the expected total (beyond 5%): rescale with per-parent stochastic rounding,
    // then settle the rest. Closer, the drawn counts stay as they are: rescaling would smear
    // exact counts (invoices of 1, 2, 4, 6, 9 or 14 lines) into counts never seen. A series
    // keeps its drawn length whatever the total: rescaled, it would end early or run on past
    // the source's times (a few stations' year of readings stretched to 15 months).
    const int64_t expected = std::llround(cardinality.real_linked_rows * ratio);
    int64_t sum = 0;
    for (int64_t count : counts) sum += count;
    const bool close = std::llabs(sum - expected) <= expected / 20 || model.series_step >= 0;
    const int64_t target = close ? sum : expected;
    if (sum > 0 && sum != target) {
      const double factor = static_cast<double>(target) / sum;
      sum = 0;
      for (size_t row = 0; row < parents; ++row) {
        double scaled = counts[row] * factor;
        Rng rng(seed(), t + 1, row, kCountRounding);
        counts[row] = static_cast<int64_t>(std::floor(scaled + rng.uniform()));
        sum += counts[row];
      }
    }
    Rng settle(seed(), t + 1, kCountRounding, parents);
    for (int guard = 0; sum != target && guard < 10'000'000; ++guard) {
      size_t row = settle.uniform_int(parents);
      if (sum < target && (counts[row] > 0 || target > 0))
        ++counts[row], ++sum;
      else if (sum > target && counts[row] > 0)
        --counts[row], --sum;
    }
    return counts;
  }

  // How many rows a table gets, and from which parents: computed once per table.
  struct RowPlan {
    int parent = -1;              // the driver's table, -1 for a root
    std::vector<int64_t> counts;  // children per parent row
    std::vector<uint16_t> count_tokens;
    int64_t unlinked = 0;  // rows without a driver parent (last)
    int64_t root_rows = 0;
    // A driver key the source leaves partly NULL (partial_key_steps): the cumulative children
    // counts, by which the unlinked rows' stand-in parents are drawn. Empty otherwise.
    std::vector<double> stand_in_cumulative;
  };

  // The presence steps of a driver key's columns (column, step): the source leaves them NULL
  // in rows whose other key columns have values (train.cpp, partial_null_columns).
  std::vector<std::pair<int, int>> partial_key_steps(int t) const {
    const TableModel& model = model_.tables[t];
    std::vector<std::pair<int, int>> out;
    for (size_t s = 0; s < model.chain.size(); ++s) {
      const ChainStep& step = model.chain[s];
      if (step.presence && step.column >= 0 && model.roles[step.column] == ColumnRole::Foreign)
        out.emplace_back(step.column, static_cast<int>(s));
    }
    return out;
  }

  RowPlan plan_rows(int t) {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    RowPlan plan;
    if (model.driver >= 0) {
      plan.parent = model_.table_index(meta.foreign_keys[model.driver].parent_table);
      plan.counts = sample_counts(t, plan.parent, plan.unlinked);
      settle_anchored_links(t, plan.parent, plan.counts);
      keep_children_for_sums(t, plan.counts);
      cap_key_groups(t, plan.parent, plan.counts);
      Column count_column("children", DataType::Int64);
      for (int64_t count : plan.counts) count_column.append_int(count);
      if (model.cardinality.count_step >= 0)
        plan.count_tokens = tables_[plan.parent].tokens[model.cardinality.count_step];
      else if (model.cardinality.encoder)
        plan.count_tokens = model.cardinality.encoder->encode(count_column);
      if (!partial_key_steps(t).empty()) {
        double total = 0;
        for (int64_t count : plan.counts)
          plan.stand_in_cumulative.push_back(total += static_cast<double>(count));
      }
    } else {
      auto it = options_.root_rows.find(meta.name);
      const int64_t total = std::max<int64_t>(
          0, it != options_.root_rows.end()
                 ? it->second
                 : std::llround(static_cast<double>(model.real_rows) * options_.scale));
      // This unit's share, so the units add up to the total exactly.
      auto share_before = [&](int64_t unit) {
        return static_cast<int64_t>(static_cast<__int128>(total) * unit / units_);
      };
      plan.root_rows = share_before(unit_ + 1) - share_before(unit_);
    }
    return plan;
  }

  void generate_table(int t) {
    const TableModel& model = model_.tables[t];
    GeneratedTable& out = tables_[t];
    if (model.copied) {
      out.values = model.rows;
      out.tokens = identity_tokens(model);
      out.done = true;
      return;
    }
    RowPlan plan = plan_rows(t);
    generate_part(t, plan, 0, plan.counts.size(), true, 0, plan.root_rows);
  }

  // Generates the rows of parents [parent_begin, parent_end) (plus the unlinked rows when
  // asked), or of root rows [root_begin, root_end); row_offset is the first row's index in
  // the whole table, which keys every random draw.
  void generate_part(int t, const RowPlan& plan, size_t parent_begin, size_t parent_end,
                     bool with_unlinked, int64_t root_begin, int64_t root_end) {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    GeneratedTable& out = tables_[t];
    out = GeneratedTable();
    const int parent = plan.parent;
    const std::vector<int64_t>& counts = plan.counts;
    std::vector<int64_t>& parent_of = out.driver_parent;
    if (parent >= 0) {
      int64_t offset = 0;
      for (size_t p = 0; p < parent_begin; ++p) offset += counts[p];
      out.row_offset = offset;
      for (size_t p = parent_begin; p < parent_end; ++p)
        parent_of.insert(parent_of.end(), counts[p], static_cast<int64_t>(p));
      if (with_unlinked) parent_of.insert(parent_of.end(), plan.unlinked, -1);
    } else {
      out.row_offset = root_begin;
      parent_of.assign(root_end - root_begin, -1);
    }
    const size_t rows = parent_of.size();

    // Context tokens of every row: the driver parent's and grandparent's first, then each link's
    // once the link has chosen its parents (it sees the context before its own).
    const std::vector<ContextFeature>& features = model.context_features;
    out.context.clear();
    size_t next_feature = 0;
    auto add_context = [&](auto belongs) {
      for (; next_feature < features.size() && belongs(features[next_feature]); ++next_feature)
        out.context.push_back(context_column(t, parent, features[next_feature],
                                             model.context_cardinalities[next_feature],
                                             plan.count_tokens));
    };
    add_context([](const ContextFeature& f) { return f.source != ContextSource::Linked; });
    out.fk_rows.assign(meta.foreign_keys.size(), {});
    if (model.driver >= 0) out.fk_rows[model.driver] = parent_of;
    // Rows without a driver parent, under a key the source leaves partly NULL, take a stand-in
    // parent for the key's other columns (a cancelled flight keeps an airport and a date),
    // drawn by children counts and before the values, so function rules read its columns; the
    // columns the row's presence steps say are NULL are emptied once the key is written.
    const std::vector<double>& stand_in = plan.stand_in_cumulative;
    if (!stand_in.empty())
      for (size_t row = 0; row < rows; ++row) {
        if (parent_of[row] >= 0) continue;
        Rng rng(seed(), t + 1, out.row_offset + row, kStandIn);
        const double total = stand_in.back();
        out.fk_rows[model.driver][row] =
            total > 0 ? std::upper_bound(stand_in.begin(), stand_in.end(), rng.uniform() * total) -
                            stand_in.begin()
                      : static_cast<int64_t>(rng.uniform_int(stand_in.size()));
        out.fk_rows[model.driver][row] =
            std::min<int64_t>(out.fk_rows[model.driver][row], stand_in.size() - 1);
      }
    for (const LinkModel& link : model.links) {
      if (link.self || link.deferred) continue;
      assign_link(t, link);
      add_context([&](const ContextFeature& f) { return f.foreign_key == link.foreign_key; });
    }

    // A sequential table's series context: each row's position among its siblings, then its
    // previous sibling's tokens, filled in as the siblings are drawn one after another.
    // Rows without a parent are series of one.
    std::vector<size_t> runs;  // first row of each series, then `rows`
    const size_t series_context = out.context.size();
    if (model.sequential) {
      runs = sibling_runs(parent_of);
      std::vector<uint16_t> position(rows);
      for (size_t r = 0; r + 1 < runs.size(); ++r)
        for (size_t row = runs[r]; row < runs[r + 1]; ++row)
          position[row] = position_token(row - runs[r]);
      out.context.push_back(std::move(position));
      if (model.series_clock)
        out.context.emplace_back(rows, static_cast<uint16_t>(model.series_clock->num_tokens()));
      for (int s : model.sequence_steps)
        out.context.emplace_back(rows, static_cast<uint16_t>(model.chain[s].num_tokens));
    }

    // The chain, row by row, in parallel, in segments. After a step kept by a function rule,
    // rows with the same inputs are given one token before the next steps are drawn; a
    // children count with a token for 0 is drawn for all rows at once (draw_count_step).
    // A sequential table's series are drawn in parallel, the rows of each in order.
    const size_t context_size = model.context_size();
    out.tokens.assign(model.chain.size(), std::vector<uint16_t>(rows));
    uint32_t max_classes = 1;
    for (const ChainStep& step : model.chain) max_classes = std::max(max_classes, step.num_tokens);
    uint64_t segment = 0;
    auto draw_steps = [&](size_t begin_step, size_t end_step) {
      const bool clock = model.series_clock &&
                         static_cast<size_t>(model.series_step) >= begin_step &&
                         static_cast<size_t>(model.series_step) < end_step;
      const size_t previous_tokens = series_context + 1 + (model.series_clock ? 1 : 0);
      const int clock_column = clock ? model.chain[model.series_step].column : 0;
      // A series ordered by a date with parts: once a row is drawn, its parts' tokens are
      // those of its time, so its next sibling and its children counts read the true ones.
      std::array<int, kDatePartKinds> part_steps{};  // the chain step of each part, -1: none
      bool align = model.sequential && model.parts_from >= 0 && model.series_step >= 0 &&
                   model.chain[model.series_step].column == model.parts_from &&
                   static_cast<size_t>(model.series_step) < end_step;
      for (int kind = 0; align && kind < kDatePartKinds; ++kind) {
        const int c = model.parts[kind];
        part_steps[kind] = c >= 0 ? value_step(model, c) : -1;
        align = c < 0 || static_cast<size_t>(part_steps[kind]) < end_step;
      }
      const int order_column = model.series_step >= 0 ? model.chain[model.series_step].column : 0;
      auto draw_rows = [&](size_t begin, size_t end) {
        std::vector<uint16_t> features(context_size + model.chain.size());
        std::vector<float> probs(max_classes);
        std::optional<int64_t> last;  // of a series' order column
        Column value = empty_like(meta.columns[clock_column]);
        Column part("part", DataType::Int64);
        Column difference("difference", DataType::Int64);
        for (size_t row = begin; row < end; ++row) {
          fill_features(t, row, features, context_size + begin_step);
          Rng rng(seed(), t + 1, out.row_offset + row, kChain, segment);
          for (size_t s = begin_step; s < end_step; ++s) {
            const ChainStep& step = model.chain[s];
            const std::span<const uint16_t> seen(features.data(), context_size + s);
            uint16_t token = static_cast<uint16_t>(step.classifier->sample(seen, rng, probs));
            if (step.delta_previous)  // a difference seen at a sibling of the row's kind
              token = among(step, row == begin ? step.first_tokens : step.later_tokens, seen, token,
                            rng, probs);
            out.tokens[s][row] = token;
            features[context_size + s] = token;
          }
          if (!model.sequential) continue;
          // Where in time the series is: the value this row's difference leads to.
          std::optional<int64_t> at;
          if (clock || align) {
            at = series_value(t, static_cast<size_t>(order_column), model.series_step, row, last,
                              difference);
            if (at) last = at;
          }
          if (align && at) align_date_part_tokens(t, row, *at, part_steps, part);
          if (row + 1 == end) continue;
          for (size_t k = 0; k < model.sequence_steps.size(); ++k)
            out.context[previous_tokens + k][row + 1] = out.tokens[model.sequence_steps[k]][row];
          if (!clock) continue;
          value.clear();
          if (at)
            value.append_int(*at);
          else
            value.append_null();
          out.context[series_context + 1][row + 1] = model.series_clock->encode_value(value, 0);
        }
      };
      draw_in_parallel(runs, rows, draw_rows);
      ++segment;
    };
    std::vector<FunctionMemo>& memos = plans_[t].functions;
    if (model.sequential) {
      // The previous sibling's tokens must all be drawn in the first segment.
      std::vector<int> first_pass = model.sequence_steps;
      if (model.series_clock) first_pass.push_back(model.series_step);
      for (int s : first_pass)
        if (static_cast<size_t>(s) >= first_segment_end(model, plans_[t]))
          throw InputError("the model of " + quote_name(meta.name) +
                           " reads a previous row's values drawn after its rules: retrain it");
    }
    size_t begin_step = 0, next_memo = 0;
    for (size_t s = 0; s < model.chain.size(); ++s) {
      if (next_memo < memos.size() && static_cast<size_t>(memos[next_memo].step) == s) {
        draw_steps(begin_step, s + 1);
        keep_function(t, memos[next_memo++], rows);
        begin_step = s + 1;
      } else if (const int zero =
                     model.chain[s].count_of >= 0 ? model.chain[s].encoder->exact_token(0) : -1;
                 zero >= 0) {
        draw_steps(begin_step, s);
        draw_count_step(t, s, static_cast<uint16_t>(zero), rows, segment++);
        begin_step = s + 1;
      }
    }
    draw_steps(begin_step, model.chain.size());

    // Values, column by column.
    std::vector<int> step_of(meta.columns.size(), -1);
    for (size_t s = 0; s < model.chain.size(); ++s)
      if (model.chain[s].column >= 0) step_of[model.chain[s].column] = static_cast<int>(s);
    // Columns encoded as a difference come last, their source column decoded by then; a
    // series' order column (a difference from the previous sibling) before the others.
    std::vector<Column> decoded;
    for (const ColumnMeta& column : meta.columns) decoded.push_back(empty_like(column));
    auto pass_of = [&](size_t c) {
      if (model.roles[c] == ColumnRole::Generated && is_fake_generator(model.generators[c].get()))
        return 3;  // below
      if (step_of[c] >= 0 && model.chain[step_of[c]].residual.from >= 0) return 2;
      if (step_of[c] < 0 || model.chain[step_of[c]].delta_from < 0) return 0;
      return model.chain[step_of[c]].delta_previous ? 1 : 2;
    };
    for (const int pass : {0, 1, 2})
      for (size_t c = 0; c < meta.columns.size(); ++c) {
        if (pass_of(c) != pass) continue;
        decoded[c].reserve(rows);
        decode_column(t, c, step_of[c], rows, decoded[c], decoded);
      }
    // Fake columns last: each row's persona follows the row's decoded country and state.
    FakeRows fake_rows{seed(), static_cast<uint64_t>(t) + 1, global_row(t, 0), rows};
    fake_rows.row_stride = static_cast<uint64_t>(units_);
    fake_rows.modelled_values = [&](size_t c) {
      const int s = step_of[c];
      return s >= 0 && model.chain[s].encoder ? model.chain[s].encoder->text_values()
                                              : std::vector<std::pair<std::string, double>>();
    };
    fill_fake_columns(
        meta, model.generators, fake_rows,
        [&](size_t c, size_t row) { return step_of[c] >= 0 && out.tokens[step_of[c]][row] == 1; },
        decoded);
    if (model.parts_from >= 0) recompute_date_parts(t, step_of, decoded);
    Table values(meta.name);
    for (Column& column : decoded) values.add_column(std::move(column));
    out.values = std::move(values);

    // Foreign keys: the driver's from the parent rows, the others from the links.
    if (model.driver >= 0) {
      std::vector<int64_t> chosen = out.fk_rows[model.driver];  // with any stand-in parents
      bool nullable = fk_nullable(meta, meta.foreign_keys[model.driver]);
      size_t parents = tables_[parent].values.num_rows();
      for (size_t row = 0; row < rows; ++row) {
        if (chosen[row] >= 0 || nullable || parents == 0) continue;
        Rng rng(seed(), t + 1, out.row_offset + row, kUnlinked);
        chosen[row] = static_cast<int64_t>(rng.uniform_int(parents));
      }
      set_foreign_key(t, model.driver, chosen);
      // The key columns the row leaves NULL: the key then references nothing (MATCH SIMPLE).
      for (const auto& [c, s] : partial_key_steps(t)) {
        Column& column = out.values.column(static_cast<size_t>(c));
        for (size_t row = 0; row < rows; ++row)
          if (out.tokens[s][row] == 1) column.set_null(row), out.fk_rows[model.driver][row] = -1;
      }
    }
    for (const LinkModel& link : model.links) {
      if (link.self)
        assign_link(t, link);
      else if (!link.deferred)
        set_foreign_key(t, link.foreign_key, out.fk_rows[link.foreign_key]);
    }
    std::vector<const Table*> generated;
    for (const GeneratedTable& table : tables_) generated.push_back(&table.values);
    out.fk_rows.resize(meta.foreign_keys.size());
    apply_parent_repairs(plans_[t], out.values, out.fk_rows, generated, seed(), t, out.row_offset);
    drop_unlinked(t);
    enforce_unique_keys(t);
    // After the keys are unique: a nudged key column (a team id) is what its rules read.
    apply_repairs(plans_[t], out.values, seed(), t, out.row_offset);
    // Children scaled to, or bounded by, their parent's value; the table's own rules are kept
    // again around those columns before the parents add the children up.
    bool moved = false;
    for (AggregateFill& fill : aggregates_) {
      if (fill.child_table != t) continue;
      const Table& parent = tables_[fill.parent_table].values;
      moved = true;
      if (fill.distribute)
        distribute(fill, out.values, out.fk_rows[fill.foreign_key], parent);
      else
        bound_by_parent(fill, out.values, out.fk_rows[fill.foreign_key], parent);
    }
    if (moved) apply_repairs(plans_[t], out.values, seed(), t, out.row_offset);
    for (AggregateFill& fill : aggregates_)
      if (fill.child_table == t && !fill.distribute)
        accumulate(fill, out.values, out.fk_rows[fill.foreign_key]);
    out.done = true;
  }

  // Calls draw(begin, end) over rows [0, rows) in parallel: run by run of siblings when `runs`
  // holds their starts (sibling_runs: each run's rows drawn in order), else in chunks.
  template <typename Draw>
  void draw_in_parallel(const std::vector<size_t>& runs, size_t rows, Draw& draw) const {
    if (runs.empty())
      return parallel_for(
          rows, options_.threads, [&](size_t begin, size_t end, int) { draw(begin, end); }, 512);
    parallel_for(
        runs.size() - 1, options_.threads,
        [&](size_t begin, size_t end, int) {
          for (size_t r = begin; r < end; ++r) draw(runs[r], runs[r + 1]);
        },
        8);
  }

  // The first row of each run of siblings (rows of one driver parent, contiguous as generated;
  // a row without a parent is a run of its own), then the number of rows.
  static std::vector<size_t> sibling_runs(const std::vector<int64_t>& parent_of) {
    std::vector<size_t> runs;
    for (size_t row = 0; row < parent_of.size(); ++row)
      if (row == 0 || parent_of[row] < 0 || parent_of[row] != parent_of[row - 1])
        runs.push_back(row);
    runs.push_back(parent_of.size());
    return runs;
  }

  // The part tokens of `row` (chain steps `steps`) for its date `at`: those of the parts
  // under the offset whose tokens agree most with the drawn ones. `scratch`: an Int64 column.
  void align_date_part_tokens(int t, size_t row, int64_t at,
                              const std::array<int, kDatePartKinds>& steps, Column& scratch) {
    const TableModel& model = model_.tables[t];
    const DataType type = meta_.tables[t].columns[model.parts_from].type;
    std::vector<std::vector<uint16_t>>& tokens = tables_[t].tokens;
    auto token_of = [&](int kind, int64_t value) {
      scratch.clear();
      scratch.append_int(value);
      return model.chain[steps[kind]].encoder->encode_value(scratch, 0);
    };
    const DatePartValues parts =
        closest_date_parts(at, type, model.parts_unit, model.parts_offsets_at(at, type),
                           [&](const DatePartValues& candidate) {
                             int agree = 0;
                             for (int kind = 0; kind < kDatePartKinds; ++kind)
                               agree += steps[kind] >= 0 &&
                                        token_of(kind, candidate[kind]) == tokens[steps[kind]][row];
                             return agree;
                           });
    for (int kind = 0; kind < kDatePartKinds; ++kind)
      if (steps[kind] >= 0) tokens[steps[kind]][row] = token_of(kind, parts[kind]);
  }

  // Date parts name their date: each row's are recomputed from it under its week's offset
  // (or the one they agree with best), and their tokens follow (children and links read them).
  void recompute_date_parts(int t, const std::vector<int>& step_of, std::vector<Column>& decoded) {
    const TableModel& model = model_.tables[t];
    const Column& from = decoded[static_cast<size_t>(model.parts_from)];
    for (size_t row = 0; row < from.size(); ++row) {
      if (from.is_null(row)) continue;
      const DatePartValues parts =
          closest_date_parts(from.int_at(row), from.type(), model.parts_unit,
                             model.parts_offsets_at(from.int_at(row), from.type()),
                             [&](const DatePartValues& candidate) {
                               int agree = 0;
                               for (int kind = 0; kind < kDatePartKinds; ++kind) {
                                 const int c = model.parts[kind];
                                 agree += c >= 0 && !decoded[c].is_null(row) &&
                                          decoded[c].int_at(row) == candidate[kind];
                               }
                               return agree;
                             });
      for (int kind = 0; kind < kDatePartKinds; ++kind)
        if (model.parts[kind] >= 0) decoded[model.parts[kind]].set_int(row, parts[kind]);
    }
    for (int c : model.parts)
      if (c >= 0 && step_of[c] >= 0)
        tables_[t].tokens[step_of[c]] = model.chain[step_of[c]].encoder->encode(decoded[c]);
  }

  static bool fk_nullable(const TableMeta& meta, const ForeignKey& fk) {
    for (const std::string& name : fk.columns)
      if (!meta.find_column(name)->nullable) return false;
    return true;
  }

  // Appends the value of modelled column `c` (chain step `step`) at `row` to `column`; the
  // same value whenever asked (counter-based draws). `scratch` is a column of c's type.
  void decode_modelled(int t, size_t c, int step, size_t row, Column& scratch,
                       Column& column) const {
    const TableModel& model = model_.tables[t];
    const GeneratedTable& out = tables_[t];
    // A value kept by a function rule decodes as the first row with its inputs did, in
    // whichever unit that row was (its draw is keyed by the seed and its row in the table).
    auto draw_rows = out.draw_rows.find(static_cast<int>(c));
    const bool kept = draw_rows != out.draw_rows.end();
    const uint64_t index = kept ? static_cast<uint64_t>(draw_rows->second[row])
                                : static_cast<uint64_t>(out.row_offset) + row;
    Rng rng(kept ? options_.seed : seed(), t + 1, index, kDecode, c);
    const ColumnEncoder& encoder = *model.chain[step].encoder;
    const ValueGenerator* fallback = model.rare_fallbacks[c].get();
    if (!fallback) {
      encoder.decode(out.tokens[step][row], rng, column);
      return;
    }
    scratch.clear();
    encoder.decode(out.tokens[step][row], rng, scratch);
    if (!scratch.is_null(0) && scratch.string_at(0) == EncoderOptions().rare_placeholder)
      fallback->generate(kept ? index : global_row(t, row), rng, column);
    else
      column.append_from(scratch, 0);
  }

  bool read_by_function(int t, int step) const {
    for (const FunctionMemo& memo : plans_[t].functions)
      for (const FunctionMemo::Input& input : memo.inputs)
        if (input.step == step) return true;
    return false;
  }

  void decode_column(int t, size_t c, int step, size_t rows, Column& column,
                     const std::vector<Column>& decoded) {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    const ColumnRole role = model.roles[c];
    const GeneratedTable& out = tables_[t];
    switch (role) {
      case ColumnRole::Key:
        for (size_t row = 0; row < rows; ++row) {
          Rng rng(seed(), t + 1, static_cast<uint64_t>(out.row_offset) + row, kDecode, c);
          model.generators[c]->generate(global_row(t, row), rng, column);
        }
        return;
      case ColumnRole::Generated:
        for (size_t row = 0; row < rows; ++row) {
          if (step >= 0 && out.tokens[step][row] == 1) {
            column.append_null();
            continue;
          }
          Rng rng(seed(), t + 1, static_cast<uint64_t>(out.row_offset) + row, kDecode, c);
          model.generators[c]->generate(global_row(t, row), rng, column);
        }
        return;
      case ColumnRole::Modelled: {
        const ChainStep& chain_step = model.chain[step];
        if (chain_step.delta_previous) {
          decode_series_order(t, c, step, rows, column);
          return;
        }
        if (chain_step.residual.from >= 0) {
          // The line through the source's value plus the decoded residual.
          const Column& source = decoded[static_cast<size_t>(chain_step.residual.from)];
          Column residual("residual", DataType::Float64);
          for (size_t row = 0; row < rows; ++row) {
            residual.clear();
            decode_modelled(t, c, step, row, residual, residual);
            const double from = source.number_at(row);  // NaN for NULL: the intercept
            if (residual.is_null(0)) {
              column.append_null();
              continue;
            }
            const double value = residual_value(chain_step.residual, from, residual.double_at(0));
            if (column.type() == DataType::Int64)
              column.append_int(std::llround(value));
            else
              column.append_double(value);
          }
          return;
        }
        if (chain_step.delta_from >= 0) {
          // The source's value (in the row, or in its driver parent's row) plus the decoded
          // difference.
          const int parent = chain_step.delta_parent
                                 ? model_.table_index(meta.foreign_keys[model.driver].parent_table)
                                 : -1;
          const Column& source = parent >= 0 ? tables_[parent].values.column(chain_step.delta_from)
                                             : decoded[static_cast<size_t>(chain_step.delta_from)];
          Column difference("difference", DataType::Int64);
          for (size_t row = 0; row < rows; ++row) {
            difference.clear();
            decode_modelled(t, c, step, row, difference, difference);
            const int64_t at = parent >= 0 ? out.driver_parent[row] : static_cast<int64_t>(row);
            if (difference.is_null(0) || at < 0 || source.is_null(static_cast<size_t>(at))) {
              column.append_null();
              continue;
            }
            const int64_t from = convert_temporal(source.int_at(static_cast<size_t>(at)),
                                                  source.type(), column.type());
            column.append_int(from + difference.int_at(0) * chain_step.delta_unit);
          }
          return;
        }
        // A token of several values (the rare ones) takes them at evenly spread quantiles, the
        // n-th row to draw it in the table at start + n * golden ratio, so a table's handful of
        // rare states or titles come out in the source's proportions. Not for a function
        // rule's values, which decode as their inputs' first row did, nor for its inputs, whose
        // values the rule reads whenever it needs them.
        Column scratch = empty_like(meta.columns[c]);
        const bool spread = !out.draw_rows.count(static_cast<int>(c)) && !read_by_function(t, step);
        uint64_t& drawn = rare_drawn_[t][c];
        const double start = Rng(seed(), t + 1, kNoRow, kRareOrder, c).uniform();
        for (size_t row = 0; row < rows; ++row) {
          if (spread && chain_step.encoder->decode_at(out.tokens[step][row],
                                                      golden_point(start, drawn), column)) {
            ++drawn;
            continue;
          }
          decode_modelled(t, c, step, row, scratch, column);
        }
        return;
      }
      case ColumnRole::Blob:
        for (size_t row = 0; row < rows; ++row) {
          if (meta.columns[c].nullable || !meta.columns[c].generated.empty())  // not written
            column.append_null();
          else
            column.append_string(std::string());
        }
        return;
      case ColumnRole::Foreign:
        for (size_t row = 0; row < rows; ++row) column.append_null();  // set by the keys
        return;
    }
  }

  // `token` when `allowed`, else one drawn from the step's distribution over the allowed tokens
  // (kept when it gives them no weight).
  static uint16_t among(const ChainStep& step, const std::vector<bool>& allowed,
                        std::span<const uint16_t> features, uint16_t token, Rng& rng,
                        std::vector<float>& probs) {
    if (allowed[token]) return token;
    step.classifier->predict_proba(features, probs);
    double left = 0;
    for (size_t k = 0; k < step.num_tokens; ++k) {
      if (!allowed[k]) probs[k] = 0;
      left += probs[k];
    }
    return left > 0 ? static_cast<uint16_t>(
                          rng.sample(std::span<const float>(probs.data(), step.num_tokens)))
                    : token;
  }

  // A series' order column: each row's value is its previous sibling's (the last one with a
  // value) plus the decoded difference; a first sibling's is its driver parent's column's, or
  // else the column's origin, plus it.
  void decode_series_order(int t, size_t c, int step, size_t rows, Column& column) const {
    const std::vector<int64_t>& parent_of = tables_[t].driver_parent;
    std::optional<int64_t> last;
    Column difference("difference", DataType::Int64);
    for (size_t row = 0; row < rows; ++row) {
      if (row == 0 || parent_of[row] < 0 || parent_of[row] != parent_of[row - 1]) last.reset();
      const std::optional<int64_t> value = series_value(t, c, step, row, last, difference);
      if (value)
        column.append_int(*value);
      else
        column.append_null();
      if (value) last = value;
    }
  }

  // The order column's value at `row` (whose token is drawn) after its siblings' last value,
  // if any; nullopt when the row's difference is NULL. `difference` is an Int64 scratch column.
  std::optional<int64_t> series_value(int t, size_t c, int step, size_t row,
                                      std::optional<int64_t> last, Column& difference) const {
    const TableModel& model = model_.tables[t];
    const ChainStep& chain_step = model.chain[step];
    difference.clear();
    decode_modelled(t, c, step, row, difference, difference);
    if (difference.is_null(0)) return std::nullopt;
    int64_t from = chain_step.delta_origin;
    const int64_t p = tables_[t].driver_parent[row];
    if (last) {
      from = *last;
    } else if (chain_step.delta_parent && p >= 0) {
      const int parent =
          model_.table_index(meta_.tables[t].foreign_keys[model.driver].parent_table);
      const Column& anchor = tables_[parent].values.column(chain_step.delta_from);
      if (!anchor.is_null(static_cast<size_t>(p)))
        from = convert_temporal(anchor.int_at(static_cast<size_t>(p)), anchor.type(),
                                meta_.tables[t].columns[c].type);
    }
    return from + difference.int_at(0) * chain_step.delta_unit;
  }

  // Writes the parent's key values into the foreign key's columns (NULL where parent < 0).
  void set_foreign_key(int t, int fk_index, const std::vector<int64_t>& parents) {
    const TableMeta& meta = meta_.tables[t];
    const ForeignKey& fk = meta.foreign_keys[fk_index];
    Table& values = tables_[t].values;
    const Table& parent = tables_[model_.table_index(fk.parent_table)].values;
    auto& fk_rows = tables_[t].fk_rows;
    fk_rows.resize(meta.foreign_keys.size());
    fk_rows[fk_index] = parents;
    // Columns shared with a key set before keep its values: the parent agrees on them.
    std::vector<bool> shared(fk.columns.size(), false);
    for (const SharedColumn& column : shared_columns(t, fk_index)) shared[column.k] = true;
    for (size_t k = 0; k < fk.columns.size(); ++k) {
      if (shared[k]) continue;
      Column& target = values.column(fk.columns[k]);
      const Column& source = parent.column(fk.parent_columns[k]);
      Column filled(target.name(), target.type(), target.format());
      filled.reserve(parents.size());
      for (size_t row = 0; row < parents.size(); ++row) {
        if (parents[row] < 0)
          filled.append_null();
        else
          append_converted(source, static_cast<size_t>(parents[row]), filled);
      }
      target = std::move(filled);
    }
  }

  // A column a foreign key shares with a key assigned before it (the driver, then the links in
  // order): a tenant id in every key of a multi-tenant schema, the season in both a series'
  // winner and loser. k indexes this key's columns, other_k those of the earlier key.
  struct SharedColumn {
    size_t k;
    int other_fk;
    size_t other_k;
  };
  std::vector<SharedColumn> shared_columns(int t, int f) const {
    const TableMeta& meta = meta_.tables[t];
    const TableModel& model = model_.tables[t];
    std::vector<SharedColumn> out;
    if (f == model.driver) return out;  // the first key set: it shares with none before it
    std::vector<int> earlier;
    if (model.driver >= 0) earlier.push_back(model.driver);
    for (const LinkModel& link : model.links) {
      if (link.foreign_key == f) break;
      if (!link.self && !link.deferred) earlier.push_back(link.foreign_key);
    }
    const std::vector<std::string>& columns = meta.foreign_keys[f].columns;
    for (size_t k = 0; k < columns.size(); ++k)
      for (int other : earlier) {
        const std::vector<std::string>& theirs = meta.foreign_keys[other].columns;
        auto at = std::find(theirs.begin(), theirs.end(), columns[k]);
        if (at == theirs.end()) continue;
        out.push_back({k, other, static_cast<size_t>(at - theirs.begin())});
        break;
      }
    return out;
  }

  // The shared columns' values as one text: of a parent row (`parent` >= 0, this key's parent
  // table), or of a row of table t through the earlier keys. False when one is NULL or missing.
  bool shared_text(int t, int f, const std::vector<SharedColumn>& shared, int64_t parent,
                   size_t row, std::string& out) {
    const TableMeta& meta = meta_.tables[t];
    out.clear();
    std::string piece;
    for (const SharedColumn& column : shared) {
      const ForeignKey& fk = meta.foreign_keys[parent >= 0 ? f : column.other_fk];
      const int64_t at = parent >= 0 ? parent : fk_rows(t, column.other_fk)[row];
      if (at < 0) return false;
      const Column& values = tables_[model_.table_index(fk.parent_table)].values.column(
          fk.parent_columns[parent >= 0 ? column.k : column.other_k]);
      if (!inference::encode_key({&values}, static_cast<size_t>(at), piece)) return false;
      out += piece;
      out += '\x1f';
    }
    return true;
  }

  // The row that row `row` of table t reaches through the foreign keys `path` (the first of
  // t, each next of the table reached); the row itself for an empty path, -1 where a key is
  // NULL or its rows are not recorded.
  int64_t follow_path(int t, const std::vector<int>& path, size_t row) {
    int64_t at = static_cast<int64_t>(row);
    for (const int f : path) {
      const std::vector<int64_t>& rows = fk_rows(t, f);
      if (at < 0 || static_cast<size_t>(at) >= rows.size()) return -1;
      at = rows[static_cast<size_t>(at)];
      t = model_.table_index(meta_.tables[t].foreign_keys[f].parent_table);
    }
    return at;
  }

  // The parent row of a row of this part of table t through key f, set before a link draws
  // (the driver's, or an earlier link's); -1 when f is -1 or the row has none.
  int64_t earlier_parent(int t, int f, size_t row) const {
    if (f < 0) return -1;
    const std::vector<std::vector<int64_t>>& rows = tables_[t].fk_rows;
    return static_cast<size_t>(f) < rows.size() && row < rows[f].size() ? rows[f][row] : -1;
  }

  // The parent row of every row of table t through foreign key f (computed from the values
  // for copied tables, recorded while generating for the others).
  const std::vector<int64_t>& fk_rows(int t, int f) {
    GeneratedTable& table = tables_[t];
    table.fk_rows.resize(meta_.tables[t].foreign_keys.size());
    std::vector<int64_t>& rows = table.fk_rows[f];
    if (!model_.tables[t].copied || rows.size() == table.values.num_rows()) return rows;
    const ForeignKey& fk = meta_.tables[t].foreign_keys[f];
    rows =
        resolve_foreign_key(table.values, fk.columns,
                            tables_[model_.table_index(fk.parent_table)].values, fk.parent_columns);
    return rows;
  }

  // Per-parent popularity weights (drawn from the real children-count distribution of each
  // group) and groups; self-references draw from every parent by weight.
  struct Candidates {
    std::vector<int64_t> all_rows;
    std::vector<double> all_cumulative;
    std::vector<double> weight;   // per parent row
    std::vector<uint32_t> group;  // per parent row
  };

  Candidates candidates(int t, const LinkModel& link, int parent) {
    const GeneratedTable& parent_table = tables_[parent];
    const size_t parents = parent_table.values.num_rows();
    Candidates out;
    for (size_t row = 0; row < parents; ++row) {
      uint16_t group = link_group(link, model_.tables[parent], parent_table.tokens, row);
      const std::vector<float>& degrees =
          link.degrees[group].empty() ? link.degrees[0] : link.degrees[group];
      Rng rng(seed(), t + 1, row, kWeight, link.foreign_key);
      double weight = link.count_step >= 0 && !parent_table.tokens.empty()
                          ? decode_count(*model_.tables[parent].chain[link.count_step].encoder,
                                         parent_table.tokens[link.count_step][row], rng)
                      : row < link.parent_degrees.size() ? link.parent_degrees[row]
                      : degrees.empty()                  ? 1.0
                                                         : degrees[rng.uniform_int(degrees.size())];
      out.weight.push_back(weight);
      out.group.push_back(group);
      out.all_rows.push_back(static_cast<int64_t>(row));
      out.all_cumulative.push_back((out.all_cumulative.empty() ? 0.0 : out.all_cumulative.back()) +
                                   weight);
    }
    return out;
  }

  // The odds of another children count for a row of `table`: its chain step `step`'s
  // classifier's over the row's earlier tokens, times what the new count does to the row's
  // later children counts (drawn seeing it: a carbon's second atoms follow its first atoms,
  // so one bond fewer as first atom with its count as second atom unchanged is a carbon the
  // source never has). See synth/link_dues.h.
  DueOdds count_odds(int table, int step_index) const {
    const TableModel& model = model_.tables[table];
    const size_t context = model.context_size();
    const size_t at = static_cast<size_t>(step_index);
    std::vector<size_t> later;
    for (size_t s = at + 1; s < model.chain.size(); ++s)
      if (model.chain[s].count_of >= 0) later.push_back(s);
    // The step's own probabilities depend only on the row's earlier tokens: computed once a row.
    auto own = std::make_shared<std::vector<std::vector<float>>>(tables_[table].values.num_rows());
    return [this, table, &model, at, context, later, own](size_t row, int64_t from, int64_t to) {
      const ChainStep& step = model.chain[at];
      auto token_of = [&](int64_t count) {
        const int exact = step.encoder->exact_token(static_cast<double>(count));
        if (exact >= 0) return static_cast<uint16_t>(exact);
        Column value("count", DataType::Int64);
        value.append_int(count);
        return step.encoder->encode_value(value, 0);
      };
      const uint16_t a = token_of(from), b = token_of(to);
      if (a == b) return 1.0;
      std::vector<uint16_t> features(context + model.chain.size());
      std::vector<float>& p = (*own)[row];
      if (p.empty() || !later.empty()) fill_features(table, row, features);
      auto predict = [&](size_t s, std::vector<float>& out) {
        out.resize(model.chain[s].classifier->num_classes());
        model.chain[s].classifier->predict_proba(
            std::span<const uint16_t>(features.data(), context + s), out);
      };
      auto chance = [](const std::vector<float>& probs, uint16_t token) {
        return token < probs.size() ? std::max(1e-9, static_cast<double>(probs[token])) : 1e-9;
      };
      if (p.empty()) predict(at, p);
      double odds = chance(p, b) / chance(p, a);
      std::vector<float> q;
      for (size_t s : later) {
        const uint16_t drawn = features[context + s];
        features[context + at] = b;
        predict(s, q);
        const double with = chance(q, drawn);
        features[context + at] = a;
        predict(s, q);
        odds *= with / chance(q, drawn);
      }
      return odds;
    };
  }

  // A link anchored through the driver's parent (a bond's second atom in the molecule of its
  // first): the driver's children counts and the link parents' dues settled to agree under
  // every anchor (synth/link_dues.h). The link's pool keeps the settled dues.
  void settle_anchored_links(int t, int driver_parent, std::vector<int64_t>& counts) {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    for (const LinkModel& link : model.links) {
      const int parent = model_.table_index(meta.foreign_keys[link.foreign_key].parent_table);
      if (link.self || link.deferred || link.anchor_path.empty() ||
          link.anchor_path.front() != model.driver || link.count_step < 0 ||
          model_.tables[parent].copied || !shared_columns(t, link.foreign_key).empty())
        continue;
      LinkPool& cached = link_pools_[{t, link.foreign_key}];
      cached.pool = candidates(t, link, parent);
      cached.settled = true;
      // Each driver parent's anchor: the rest of the row's path from there.
      const std::vector<int> rest(link.anchor_path.begin() + 1, link.anchor_path.end());
      std::vector<int64_t> driver_anchor(counts.size());
      for (size_t q = 0; q < counts.size(); ++q)
        driver_anchor[q] = follow_path(driver_parent, rest, q);
      std::vector<int64_t> parent_anchor(cached.pool.weight.size());
      for (size_t p = 0; p < parent_anchor.size(); ++p)
        parent_anchor[p] = follow_path(parent, link.candidate_path, p);
      std::vector<double> driver_counts(counts.begin(), counts.end());
      DueSide driver{&driver_counts, &driver_anchor, {}};
      if (model.cardinality.count_step >= 0 && !model_.tables[driver_parent].copied)
        driver.odds = count_odds(driver_parent, model.cardinality.count_step);
      DueSide dues{&cached.pool.weight, &parent_anchor, count_odds(parent, link.count_step)};
      settle_anchor_dues(driver, dues, stream_key(seed(), t + 1, kSettleDues, link.foreign_key));
      for (size_t q = 0; q < counts.size(); ++q) counts[q] = std::llround(driver_counts[q]);
    }
  }

  // A primary key of driver key columns and modelled ones (TableModel::key_group_capacity): no
  // value of the driver's columns gets more children than the source's most, or the modelled
  // columns could not all differ and rows would be lost as duplicates (a season's one series
  // drawn under two of its teams). The excess moves, a child at a time, from the parent whose
  // count model least minds one child fewer to the one, in a value with room, that most likes
  // one more. When the key may repeat across units, a unit fills only the values it owns.
  void cap_key_groups(int t, int parent, std::vector<int64_t>& counts) {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    const int64_t capacity = model.key_group_capacity;
    const std::vector<size_t> prefix = primary_key_from_driver(meta, model);
    if (capacity <= 0 || prefix.empty()) return;
    const ForeignKey& fk = meta.foreign_keys[model.driver];
    const Table& parents = tables_[parent].values;
    std::vector<int> columns, own;
    for (size_t k : prefix) {
      columns.push_back(parents.column_index(fk.parent_columns[k]));
      own.push_back(meta.column_index(fk.columns[k]));
    }
    if (std::find(columns.begin(), columns.end(), -1) != columns.end()) return;
    const bool shared = units_ > 1 && !unit_distinct(t, own);
    std::unordered_map<std::string, size_t> ids;
    std::vector<int64_t> load;
    std::vector<size_t> group(counts.size(), SIZE_MAX);
    std::vector<std::vector<size_t>> members;
    std::string text;
    for (size_t p = 0; p < counts.size(); ++p) {
      if (!key_text(parents, columns, p, text)) continue;
      auto [it, added] = ids.emplace(text, ids.size());
      if (added) {
        load.push_back(shared && !owns(t, text) ? capacity : 0);  // another unit's: full
        members.emplace_back();
      }
      group[p] = it->second;
      load[it->second] += counts[p];
      members[it->second].push_back(p);
    }
    DueOdds odds;
    if (model.cardinality.count_step >= 0 && !model_.tables[parent].copied)
      odds = count_odds(parent, model.cardinality.count_step);
    // A parent's liking for a count, ties broken by a draw of its own.
    auto liking = [&](size_t p, int64_t to) {
      Rng rng(seed(), t + 1, p, kKeyGroups);
      return std::pair(odds ? odds(p, counts[p], to) : 1.0, rng.uniform());
    };
    std::vector<size_t> taken_from;
    for (size_t g = 0; g < load.size(); ++g)
      while (load[g] > capacity) {
        size_t best = SIZE_MAX;
        std::pair<double, double> best_liking;
        for (size_t p : members[g]) {
          if (counts[p] == 0) continue;
          const auto l = liking(p, counts[p] - 1);
          if (best == SIZE_MAX || l > best_liking) best = p, best_liking = l;
        }
        if (best == SIZE_MAX) break;  // another unit's value
        --counts[best], --load[g];
        taken_from.push_back(best);
      }
    if (!taken_from.empty()) {
      using Offer = std::tuple<double, double, size_t>;
      std::priority_queue<Offer> offers;
      auto offer = [&](size_t p) {
        if (group[p] != SIZE_MAX && load[group[p]] < capacity) {
          const auto [odd, tie] = liking(p, counts[p] + 1);
          offers.emplace(odd, tie, p);
        }
      };
      for (size_t p = 0; p < counts.size(); ++p) offer(p);
      size_t placed = 0;
      while (placed < taken_from.size() && !offers.empty()) {
        const size_t p = std::get<2>(offers.top());
        offers.pop();
        if (load[group[p]] >= capacity) continue;
        ++counts[p], ++load[group[p]], ++placed;
        offer(p);
      }
      // No value has room for the rest: they stay where they were drawn.
      for (size_t i = placed; i < taken_from.size(); ++i)
        ++counts[taken_from[i]], ++load[group[taken_from[i]]];
    }
  }

  // A children count drawn from a count token (never negative).
  static double decode_count(const ColumnEncoder& encoder, uint16_t token, Rng& rng) {
    Column scratch("count", DataType::Int64);
    encoder.decode(token, rng, scratch);
    return static_cast<double>(std::max<int64_t>(0, scratch.int_at(0)));
  }

  static int64_t pick(const std::vector<int64_t>& rows, const std::vector<double>& cumulative,
                      Rng& rng, size_t limit) {
    // Among the first `limit` candidates, by weight; uniform when they all weigh 0.
    limit = std::min(limit, rows.size());
    if (limit == 0) return -1;
    double total = cumulative[limit - 1];
    if (total <= 0) return rows[rng.uniform_int(limit)];
    double u = rng.uniform() * total;
    size_t at =
        std::upper_bound(cumulative.begin(), cumulative.begin() + limit, u) - cumulative.begin();
    return rows[std::min(at, limit - 1)];
  }

  // Chooses the parent row of every row for a link, records it in fk_rows and, once the
  // table has values, writes the key columns.
  void assign_link(int t, const LinkModel& link) {
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    const ForeignKey& fk = meta.foreign_keys[link.foreign_key];
    const int parent = model_.table_index(fk.parent_table);
    GeneratedTable& out = tables_[t];
    const size_t rows = out.driver_parent.size();
    const bool nullable = fk_nullable(meta, fk);
    // The parents and their weights are the same for every part of a table: build them once.
    LinkPool& cached = link_pools_[{t, link.foreign_key}];
    const std::vector<SharedColumn> shared = shared_columns(t, link.foreign_key);
    std::string text;
    if (!cached.ready) {
      if (!cached.settled) cached.pool = candidates(t, link, parent);
      const bool anchored = !link.anchor_path.empty();
      if (!link.self)
        for (size_t p = 0; p < cached.pool.weight.size(); ++p) {
          int64_t anchor = anchored ? follow_path(parent, link.candidate_path, p) : -1;
          if (!shared.empty()) {
            // Parents are grouped by their values of the shared columns.
            anchor = -1;
            if (shared_text(t, link.foreign_key, shared, static_cast<int64_t>(p), 0, text))
              anchor = cached.shared_ids.emplace(text, cached.shared_ids.size()).first->second;
            cached.shared_anchor.push_back(anchor);
          }
          cached.urn.add(static_cast<int64_t>(p), cached.pool.weight[p], cached.pool.group[p],
                         anchor);
        }
      cached.ready = true;
    }
    // Each row's shared values, as the anchor its parent must have (-2: no parent has them).
    std::vector<int64_t> shared_anchor;
    if (!shared.empty() && !link.self)
      for (size_t row = 0; row < rows; ++row) {
        int64_t anchor = -2;
        if (shared_text(t, link.foreign_key, shared, -1, row, text)) {
          auto it = cached.shared_ids.find(text);
          if (it != cached.shared_ids.end()) anchor = it->second;
        }
        shared_anchor.push_back(anchor);
      }
    const Candidates& pool = cached.pool;
    ParentUrn& urn = cached.urn;

    // A link table (its primary key made of foreign keys) must not repeat a pair.
    std::set<std::string> pk(meta.primary_key.begin(), meta.primary_key.end());
    bool pair_unique = model.driver >= 0 && !pk.empty();
    for (const std::string& column : meta.foreign_keys[link.foreign_key].columns)
      pair_unique &= pk.count(column) > 0;
    std::unordered_set<uint64_t> used;

    // Anchored links choose among the parents that share the row's anchor.
    const bool anchored = !link.anchor_path.empty();
    auto anchor_of = [&](size_t row) { return follow_path(t, link.anchor_path, row); };

    // An ordered self-reference draws among the rows before it by (order column, row).
    std::vector<int64_t> order;
    std::vector<double> order_cumulative;
    std::vector<size_t> rank;
    if (link.self && link.order_column >= 0 && out.values.num_columns() > 0) {
      const Column& column = out.values.column(link.order_column);
      auto key = [&](size_t row) {
        if (column.is_null(row)) return -std::numeric_limits<double>::infinity();
        return column.type() == DataType::Float64 ? column.double_at(row)
                                                  : static_cast<double>(column.int_at(row));
      };
      order.resize(rows);
      for (size_t row = 0; row < rows; ++row) order[row] = static_cast<int64_t>(row);
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t a, int64_t b) { return key(a) < key(b); });
      rank.resize(rows);
      for (size_t i = 0; i < rows; ++i) {
        rank[order[i]] = i;
        order_cumulative.push_back((i ? order_cumulative.back() : 0.0) + pool.weight[order[i]]);
      }
    }

    // The group each row asks for first (in parallel; with sibling groups a parent's rows in
    // order, each seeing the group the row before asked for), then the parents in row order,
    // each row's draws continuing its stream where the group's left it.
    std::vector<uint32_t> groups;
    std::vector<uint64_t> counters;
    const std::vector<size_t> runs =
        link.sibling_groups ? sibling_runs(out.driver_parent) : std::vector<size_t>();
    // A row's features; `previous` is its previous sibling's group (num_groups + 1: none).
    auto link_features = [&](size_t row, uint32_t previous, std::vector<uint16_t>& features) {
      fill_features(t, row, features, link.num_features);
      if (link.sibling_groups) features[link.num_features] = static_cast<uint16_t>(previous);
    };
    auto draw_groups = [&](size_t begin, size_t end) {
      std::vector<uint16_t> features(link.num_features + link.sibling_groups);
      std::vector<float> probs(link.classifier->num_classes());
      for (size_t row = begin; row < end; ++row) {
        Rng rng(seed(), t + 1, out.row_offset + row, kLinkPick, link.foreign_key);
        link_features(row, row == begin ? link.num_groups + 1 : groups[row - 1], features);
        groups[row] = link.classifier->sample(features, rng, probs);
        counters[row] = rng.counter();
      }
    };
    if (!link.self) {
      groups.resize(rows);
      counters.resize(rows);
      draw_in_parallel(runs, rows, draw_groups);
    }
    // A self-reference's rows in the order they may be referenced (order, else row order),
    // each due its weight.
    std::vector<double> self_left;
    DueTree self_due;
    if (link.self) {
      for (size_t at = 0; at < rows; ++at)
        self_left.push_back(pool.weight[order.empty() ? at : static_cast<size_t>(order[at])]);
      self_due.assign(self_left);
    }
    std::vector<int64_t> chosen(rows, -1);
    std::vector<uint16_t> features(link.num_features + link.sibling_groups);
    std::vector<float> probs(link.classifier ? link.classifier->num_classes() : 1);
    std::vector<int64_t> avoid;
    // The group of the parent each row got (num_groups: none), and the row's previous
    // sibling's (num_groups + 1 for a first sibling).
    std::vector<uint32_t> got(link.sibling_groups ? rows : 0, link.num_groups);
    uint32_t previous = link.num_groups + 1;
    for (size_t row = 0, run = 0; row < rows; ++row) {
      Rng rng(seed(), t + 1, out.row_offset + row, kLinkPick, link.foreign_key);
      if (link.self) {
        bool want_null = false;
        if (link.classifier) {
          fill_features(t, row, features);
          want_null = link.classifier->sample(features, rng, probs) == link.num_groups;
        }
        if (want_null && nullable) continue;
        // Among the rows before this one, in proportion to the children they are still due
        // (by weight alone the first rows, candidates for every later one, collected 10
        // referrals where the source's most is 3); by weight when none is due any more.
        const size_t before = order.empty() ? row : rank[row];
        int64_t p = -1;
        if (self_due.total(before) > 0.5) {
          const size_t at =
              std::min(self_due.find(rng.uniform() * self_due.total(before)), before - 1);
          p = order.empty() ? static_cast<int64_t>(at) : order[at];
          const double taken = std::min(1.0, self_left[at]);
          self_left[at] -= taken;
          self_due.add(at, -taken);
        } else {
          p = order.empty() ? pick(pool.all_rows, pool.all_cumulative, rng, row)
                            : pick(order, order_cumulative, rng, rank[row]);
        }
        chosen[row] = p < 0 ? (nullable ? -1 : static_cast<int64_t>(row)) : p;
        continue;
      }
      rng.seek(counters[row]);
      size_t group = groups[row];
      if (link.sibling_groups) {
        const bool first = row == runs[run];
        run += first;
        previous = first ? link.num_groups + 1 : got[row - 1];
        // The previous sibling got another kind than it asked for: ask again, seeing it.
        if (!first && previous != groups[row - 1]) {
          link_features(row, previous, features);
          group = link.classifier->sample(features, rng, probs);
        }
      }
      const int64_t anchor = !shared_anchor.empty() ? shared_anchor[row]
                             : anchored             ? anchor_of(row)
                                                    : -1;
      if (shared_anchor.empty() && group < link.num_groups &&
          !urn.has_due(static_cast<uint32_t>(group), anchor)) {
        // The kind asked for has had all its children (of the row's anchor): ask again among
        // the kinds still due. Across all parents only when the row's classifier finds them
        // together more likely than not (otherwise the kind asked for takes another round: a
        // line keeps a product of its price). A copied parent's kinds are its real rows, due
        // their real counts: always ask again, or rows over-asking one (context drawn away
        // from the source's) give it more than its real children (nycflights13's DL had 79k
        // flights, 48k real, while UA had half its 59k). Among an anchor's parents, which are
        // all due theirs, always: an atom's bond goes to the likeliest kind still free in
        // its molecule, not to whichever is due most.
        link_features(row, previous, features);
        link.classifier->predict_proba(features, probs);
        double left = 0;
        for (size_t g = 0; g < probs.size(); ++g) {
          if (g >= link.num_groups || !urn.has_due(static_cast<uint32_t>(g), anchor)) probs[g] = 0;
          left += probs[g];
        }
        if (left > 0.5 || (left > 0 && (anchor >= 0 || model_.tables[parent].copied)))
          group = rng.sample(probs);
      }
      if (group == link.num_groups) {
        if (nullable) continue;
        group = 0;
      }
      if (anchor == -2) continue;  // no parent agrees on the shared columns
      // The row's parents through earlier keys to the same table: its own (same_as), or
      // parents to keep apart from (a series' loser is not its winner).
      const int64_t same = earlier_parent(t, link.same_as, row);
      if (same >= 0 && (shared_anchor.empty() || cached.shared_anchor[same] == anchor)) {
        chosen[row] = same;
        urn.take(same);
        if (link.sibling_groups) got[row] = pool.group[static_cast<size_t>(same)];
        continue;
      }
      avoid.clear();
      for (const int f : link.distinct_from)
        if (const int64_t other = earlier_parent(t, f, row); other >= 0) avoid.push_back(other);
      for (int attempt = 0; attempt < 16; ++attempt) {
        // A crowded group: widen to every kind of parent (of the anchor). A rule's anchor
        // without parents leaves a key that may be NULL so rather than break the rule.
        const int64_t p =
            urn.draw(attempt >= 8 ? ParentUrn::kAnyGroup : static_cast<uint32_t>(group), anchor,
                     rng, link.anchor_strict && nullable, avoid);
        if (p < 0) break;
        if (!shared_anchor.empty() && cached.shared_anchor[p] != anchor) break;
        if (pair_unique) {
          uint64_t pair =
              (static_cast<uint64_t>(out.driver_parent[row]) << 32) ^ static_cast<uint64_t>(p);
          if (!used.insert(pair).second) continue;
        }
        chosen[row] = p;
        urn.take(p);
        if (link.sibling_groups) got[row] = pool.group[static_cast<size_t>(p)];
        break;
      }
    }
    if (out.values.num_columns() > 0) {
      set_foreign_key(t, link.foreign_key, chosen);
    } else {
      out.fk_rows.resize(meta.foreign_keys.size());
      out.fk_rows[link.foreign_key] = std::move(chosen);
    }
  }

  // Keeps a function rule's step: rows with the same inputs take one token, the one most of
  // them drew (the source gives equal inputs one value); the first such row's draw decodes
  // the value for all. Inputs seen in an earlier part keep their token. Inputs are keyed by
  // the values they decode to, not their tokens: rare values share one token but are different
  // inputs (each rare plane model has its own number of engines). A table generated in parts
  // lets only the rows of the inputs' first row's driver parent vote (a part holds whole
  // parents), or that row alone in a root table, so the output is the same whatever the batch
  // size (votes over the part gave nycflights13's routes other distances at another size).
  void keep_function(int t, FunctionMemo& memo, size_t rows) {
    GeneratedTable& out = tables_[t];
    const TableModel& model = model_.tables[t];
    const TableMeta& meta = meta_.tables[t];
    // Each input decoded at the current row (modelled chain inputs only), and its scratch.
    std::vector<Column> decoded(memo.inputs.size()), scratch(memo.inputs.size());
    auto decodes = [&](const FunctionMemo::Input& input) {
      const int c = input.step >= 0 ? model.chain[input.step].column : -1;
      return c >= 0 && model.roles[c] == ColumnRole::Modelled &&
                     model.chain[input.step].delta_from < 0
                 ? c
                 : -1;
    };
    for (size_t i = 0; i < memo.inputs.size(); ++i)
      if (const int c = decodes(memo.inputs[i]); c >= 0)
        decoded[i] = empty_like(meta.columns[c]), scratch[i] = empty_like(meta.columns[c]);
    std::vector<uint16_t>& tokens = out.tokens[memo.step];
    std::vector<int64_t>& draw_rows = out.draw_rows[memo.column];
    // Per input: the presence step of a key column the source leaves partly NULL, else -1.
    std::vector<int> null_flags(memo.inputs.size(), -1);
    for (const auto& [c, s] : partial_key_steps(t))
      for (size_t i = 0; i < memo.inputs.size(); ++i)
        if (memo.rule->columns[i] == meta.columns[c].name) null_flags[i] = s;
    draw_rows.assign(rows, 0);
    std::vector<std::string> keys(rows);
    std::vector<bool> present(rows, true);
    std::unordered_map<std::string, std::map<uint16_t, int64_t>> votes;
    std::unordered_map<std::string, size_t> first;  // inputs new to this part: their first row
    // Inputs other units have too take a value of their own, not the part's vote (below).
    const bool shared = shared_inputs(t, memo.rule->columns);
    for (size_t row = 0; row < rows; ++row) {
      draw_rows[row] = static_cast<int64_t>(global_row(t, row));
      std::string& key = keys[row];
      for (size_t i = 0; i < memo.inputs.size(); ++i) {
        const FunctionMemo::Input& input = memo.inputs[i];
        if (const int c = decodes(input); c >= 0) {
          Column& value = decoded[i];
          value.clear();
          decode_modelled(t, static_cast<size_t>(c), input.step, row, scratch[i], value);
          key += value.is_null(0) ? std::string("\x1e") : value.text_at(0);
        } else if (input.step >= 0) {
          key += std::to_string(out.tokens[input.step][row]);
        } else {
          const int64_t parent = out.fk_rows[input.foreign_key][row];
          const Column& column = tables_[input.parent_table].values.column(input.parent_column);
          const int flag = null_flags[i];  // a key column the row leaves NULL: no input
          if (parent < 0 || column.is_null(parent) || (flag >= 0 && out.tokens[flag][row] == 1)) {
            present[row] = false;
            break;
          }
          key += column.text_at(parent);
        }
        key += '\x1f';
      }
      if (!shared && present[row] && !memo.seen.count(key)) first.try_emplace(key, row);
    }
    if (shared) {
      // Inputs other units have too: the token the source gives them, its value decoded from
      // a draw keyed by the seed and the inputs, the same in every unit.
      const FunctionTokens* learned = find_function_tokens(model, *memo.rule);
      const uint64_t seed = stream_key(options_.seed, kFunction, static_cast<uint64_t>(t));
      for (size_t row = 0; row < rows; ++row) {
        if (!present[row]) continue;
        auto [decided, fresh] = memo.seen.try_emplace(keys[row]);
        if (fresh)
          decided->second = {
              function_token(learned, model.chain[memo.step].num_tokens, seed, keys[row]),
              static_cast<int64_t>(text::hash_string(keys[row], 0) >> 1)};
        tokens[row] = decided->second.first;
        draw_rows[row] = decided->second.second;
      }
      return;
    }
    const bool whole = !streamable(t);
    std::vector<bool> voter(rows, false);  // the row votes for its new inputs' token
    for (size_t row = 0; row < rows; ++row) {
      auto at = present[row] ? first.find(keys[row]) : first.end();
      if (at == first.end()) continue;
      voter[row] = whole || row == at->second ||
                   (model.driver >= 0 && out.driver_parent[row] == out.driver_parent[at->second]);
      if (voter[row]) ++votes[keys[row]][tokens[row]];
    }
    for (size_t row = 0; row < rows; ++row) {
      if (!present[row]) continue;
      auto seen = memo.seen.find(keys[row]);
      if (seen == memo.seen.end()) {
        if (!voter[row]) continue;
        const auto& count = votes[keys[row]];
        uint16_t best = tokens[row];
        for (const auto& [token, n] : count)
          if (n > count.at(best)) best = token;
        if (tokens[row] != best) continue;  // the first voter that drew the winner decides
        seen = memo.seen.emplace(keys[row], std::make_pair(best, draw_rows[row])).first;
      }
      tokens[row] = seen->second.first;
      draw_rows[row] = seen->second.second;
    }
    // Rows before their group's deciding row.
    for (size_t row = 0; row < rows; ++row) {
      if (!present[row]) continue;
      const auto& decided = memo.seen.at(keys[row]);
      tokens[row] = decided.first;
      draw_rows[row] = decided.second;
    }
  }

  // Children counts decide which parents have children at all. Drawn row by row, the number
  // of parents with children swings widely when they are few (3 airports of 1,396 have
  // weather: independent draws give 1 or 7). Here each row keeps its own chance of having
  // children, but the rows that get them are picked by systematic sampling over those
  // chances (their number is within one of its expectation), and each then draws its count
  // among the non-zero tokens. Only tables generated whole have counts (children refer to
  // them), so the result does not depend on the batch size.
  void draw_count_step(int t, size_t s, uint16_t zero, size_t rows, uint64_t segment) {
    const TableModel& model = model_.tables[t];
    GeneratedTable& out = tables_[t];
    const ChainStep& step = model.chain[s];
    const size_t width = model.context_size() + s;
    std::vector<uint16_t>& tokens = out.tokens[s];
    std::vector<double> chance(rows);
    parallel_for(
        rows, options_.threads,
        [&](size_t begin, size_t end, int) {
          std::vector<uint16_t> features(width);
          std::vector<float> probs(step.num_tokens);
          for (size_t row = begin; row < end; ++row) {
            fill_features(t, row, features);
            step.classifier->predict_proba(features, probs);
            probs[zero] = 0;
            double some = 0;
            for (float p : probs) some += p;
            chance[row] = std::min(1.0, some);
            Rng rng(seed(), t + 1, out.row_offset + row, kChain, segment);
            tokens[row] = some > 0 ? static_cast<uint16_t>(rng.sample(probs)) : zero;
          }
        },
        512);
    // The rows' chances are smoothed toward the middle: scale them (none beyond 1) so the
    // parents with children keep their share in the source.
    const double wanted = rows * (1.0 - step.classifier->class_frequencies()[zero]);
    for (int pass = 0; pass < 8; ++pass) {
      double sum = 0, capped = 0;
      for (double c : chance) (c >= 1.0 ? capped : sum) += c;
      if (sum <= 0 || wanted <= capped || std::abs(sum + capped - wanted) < 1e-9 * rows) break;
      const double factor = (wanted - capped) / sum;
      for (double& c : chance) c = std::min(1.0, c * factor);
    }
    Rng rng(seed(), t + 1, kNoRow, kSpread, segment);
    double running = rng.uniform();
    for (size_t row = 0; row < rows; ++row) {
      const double next = running + chance[row];
      if (std::floor(next) == std::floor(running)) tokens[row] = zero;
      running = next;
    }
  }

  // One context column over the rows of table t being generated (its driver parents, the links
  // it has chosen so far); `cardinality - 1` where a row has no such parent.
  std::vector<uint16_t> context_column(int t, int parent, const ContextFeature& feature,
                                       uint32_t cardinality,
                                       const std::vector<uint16_t>& count_tokens) const {
    const TableModel& model = model_.tables[t];
    const GeneratedTable& out = tables_[t];
    const std::vector<int64_t>& parent_of = out.driver_parent;
    const uint16_t none = static_cast<uint16_t>(cardinality - 1);
    std::vector<uint16_t> column(parent_of.size(), none);
    if (parent < 0 && feature.source != ContextSource::Linked) return column;
    switch (feature.source) {
      case ContextSource::Parent:
        for (size_t row = 0; row < column.size(); ++row)
          if (parent_of[row] >= 0)
            column[row] = model.driver_hidden
                              ? uint16_t{0}
                              : tables_[parent].tokens[feature.step][parent_of[row]];
        break;
      case ContextSource::ParentCount:
        for (size_t row = 0; row < column.size(); ++row)
          if (parent_of[row] >= 0) column[row] = count_tokens[parent_of[row]];
        break;
      case ContextSource::Grandparent: {
        const TableModel& parent_model = model_.tables[parent];
        const int g =
            model_.table_index(meta_.tables[parent].foreign_keys[parent_model.driver].parent_table);
        const std::vector<int64_t>& grandparent_of = tables_[parent].driver_parent;
        for (size_t row = 0; row < column.size(); ++row) {
          const int64_t gp = parent_of[row] >= 0 ? grandparent_of[parent_of[row]] : -1;
          if (gp >= 0)
            column[row] =
                parent_model.driver_hidden ? uint16_t{0} : tables_[g].tokens[feature.step][gp];
        }
        break;
      }
      case ContextSource::Linked: {
        const int p =
            model_.table_index(meta_.tables[t].foreign_keys[feature.foreign_key].parent_table);
        const std::vector<int64_t>& chosen = out.fk_rows[feature.foreign_key];
        for (size_t row = 0; row < column.size(); ++row)
          if (chosen[row] >= 0) column[row] = tables_[p].tokens[feature.step][chosen[row]];
        break;
      }
    }
    return column;
  }

  // The first `count` features of a row (all when count is -1): context, then chain tokens.
  void fill_features(int t, size_t row, std::vector<uint16_t>& features,
                     size_t count = static_cast<size_t>(-1)) const {
    const GeneratedTable& out = tables_[t];
    count = std::min(count, features.size());
    for (size_t f = 0; f < count; ++f)
      features[f] =
          f < out.context.size() ? out.context[f][row] : out.tokens[f - out.context.size()][row];
  }

  // Primary keys and UNIQUE columns: duplicates (from modelled key parts or links that found
  // no free parent) are nudged to a free value or their rows dropped.
  void enforce_unique_keys(int t) {
    const TableMeta& meta = meta_.tables[t];
    GeneratedTable& out = tables_[t];
    Table& values = out.values;
    std::vector<std::vector<int>> keys;
    if (!meta.primary_key.empty()) keys.push_back(column_indexes(values, meta.primary_key));
    for (const UniqueConstraint& unique : meta.unique_constraints)
      keys.push_back(column_indexes(values, unique.columns));
    for (size_t c = 0; c < meta.columns.size(); ++c)
      if (meta.columns[c].unique && model_.tables[t].roles[c] == ColumnRole::Modelled)
        keys.push_back({static_cast<int>(c)});
    std::vector<bool> drop(values.num_rows(), false);
    bool any = false;
    for (size_t k = 0; k < keys.size(); ++k) {
      const std::vector<int>& key = keys[k];
      // A key that differs between units by construction is checked within the unit; the
      // values of the others are shared out between the units, each taking only its own.
      const std::vector<int> owner =
          units_ > 1 && !unit_distinct(t, key) ? owner_columns(t, key) : std::vector<int>();
      std::unordered_set<std::string> seen;
      std::string text;
      const bool is_primary = &key == &keys.front() && !meta.primary_key.empty();
      for (size_t row = 0; row < values.num_rows(); ++row) {
        if (drop[row]) continue;
        if (!key_text(values, key, row, text)) {
          // A primary key column that the source leaves NULL in some rows (SQLite allows it
          // outside an INTEGER PRIMARY KEY) draws a value instead; the row goes only if none.
          if (!is_primary) continue;
          if (!fill_null_key(t, key, row)) {
            drop[row] = any = true;
            continue;
          }
          if (!key_text(values, key, row, text)) continue;
        }
        if (owned(t, owner, row) && seen.insert(text).second) continue;
        if (nudge(t, key, row, seen, owner)) continue;
        drop[row] = any = true;
      }
    }
    if (any) remove_rows(out, drop);
  }

  // Which unit a value of a key that may repeat across units belongs to: values are shared
  // out by a hash of the seed and the value, so units never draw the same one and need not
  // know what the others drew.
  bool owns(int t, const std::string& text) const {
    return stream_key(options_.seed, kOwner, static_cast<uint64_t>(t), text::hash_string(text, 0)) %
               static_cast<uint64_t>(units_) ==
           static_cast<uint64_t>(unit_);
  }
  // The columns whose values decide a shared key's owner: the driver's key columns when the
  // key holds them (their groups are shared out by cap_key_groups alike), else the key's own.
  std::vector<int> owner_columns(int t, const std::vector<int>& key) const {
    std::vector<int> own;
    const TableMeta& meta = meta_.tables[t];
    for (size_t k : primary_key_from_driver(meta, model_.tables[t]))
      own.push_back(meta.column_index(meta.foreign_keys[model_.tables[t].driver].columns[k]));
    for (int c : own)
      if (std::find(key.begin(), key.end(), c) == key.end()) return key;
    return own.empty() ? key : own;
  }
  // Whether the unit owns the row's value of a shared key (`owner`: its columns; none: a key
  // that is not shared).
  bool owned(int t, const std::vector<int>& owner, size_t row) const {
    if (owner.empty()) return true;
    std::string text;
    return key_text(tables_[t].values, owner, row, text) && owns(t, text);
  }

  // Whether a function rule's inputs (columns of table t) may recur in other units of the run.
  bool shared_inputs(int t, const std::vector<std::string>& names) const {
    if (units_ == 1) return false;
    std::vector<int> columns;
    for (const std::string& name : names) columns.push_back(meta_.tables[t].column_index(name));
    return !unit_distinct(t, columns);
  }

  // The value every unit gives the inputs `key` of function rule `rule` kept on decoded values
  // (a repair): a generated column's from a draw keyed by the seed and the inputs, a modelled
  // one's from the token the source gives them. False for a column encoded otherwise (as a
  // difference from another): the unit's first row's value stands.
  bool shared_function_value(int t, const Rule& rule, const std::string& key, Column& into) const {
    const TableModel& model = model_.tables[t];
    const int c = meta_.tables[t].column_index(rule.target);
    const uint64_t index = text::hash_string(key, 0) >> 1;
    Rng rng(options_.seed, t + 1, index, kFunction, static_cast<uint64_t>(c));
    if (model.roles[c] == ColumnRole::Generated && model.generators[c]) {
      model.generators[c]->generate(index, rng, into);
      return true;
    }
    const int step = value_step(model, c);
    if (step < 0 || !model.chain[step].encoder || model.chain[step].delta_from >= 0 ||
        model.chain[step].residual.from >= 0)
      return false;
    const uint64_t seed = stream_key(options_.seed, kFunction, static_cast<uint64_t>(t));
    const uint16_t token =
        function_token(find_function_tokens(model, rule), model.chain[step].num_tokens, seed, key);
    Column scratch(into.name(), into.type(), into.format());
    model.chain[step].encoder->decode(token, rng, scratch);
    const ValueGenerator* fallback = model.rare_fallbacks[c].get();
    if (fallback && !scratch.is_null(0) &&
        scratch.string_at(0) == EncoderOptions().rare_placeholder)
      fallback->generate(index, rng, into);
    else
      into.append_from(scratch, 0);
    return true;
  }

  // Whether a key's values cannot repeat in another unit: it holds a generated key column
  // (numbered across units) or a whole foreign key to a table generated per unit.
  bool unit_distinct(int t, const std::vector<int>& key) const {
    const TableMeta& meta = meta_.tables[t];
    std::set<std::string> columns;
    for (int c : key) {
      if (model_.tables[t].roles[c] == ColumnRole::Key) return true;
      columns.insert(meta.columns[c].name);
    }
    for (const ForeignKey& fk : meta.foreign_keys) {
      bool whole = !model_.tables[model_.table_index(fk.parent_table)].copied;
      for (const std::string& column : fk.columns) whole &= columns.count(column) > 0;
      if (whole) return true;
    }
    return false;
  }

  // Makes a duplicate key unique by changing one of its modelled columns (last first):
  // nearby values of an integer column, else fresh draws from the column's conditional.
  bool nudge(int t, const std::vector<int>& key, size_t row, std::unordered_set<std::string>& seen,
             const std::vector<int>& owner) {
    const TableModel& model = model_.tables[t];
    Table& values = tables_[t].values;
    std::string text;
    auto unique_now = [&] {
      return key_text(values, key, row, text) && owned(t, owner, row) && seen.insert(text).second;
    };
    for (auto it = key.rbegin(); it != key.rend(); ++it) {
      Column& column = values.column(*it);
      if (model.roles[*it] != ColumnRole::Modelled) continue;
      if (holds_integers(column.type())) {
        const int64_t original = column.int_at(row);
        for (int64_t delta = 1; delta <= 64; ++delta)
          for (int64_t sign : {1, -1}) {
            column.set_int(row, original + sign * delta);
            if (unique_now()) return true;
          }
        column.set_int(row, original);
        continue;
      }
      if (redraw(t, *it, row, unique_now)) return true;
    }
    return false;
  }

  // Gives the NULL modelled columns of a row's primary key the value of another row, drawn by the
  // seed (a value of the column's own distribution; making it unique is the nudge's job); false
  // when the column has no value anywhere.
  bool fill_null_key(int t, const std::vector<int>& key, size_t row) {
    for (const int c : key) {
      Column& column = tables_[t].values.column(c);
      if (!column.is_null(row)) continue;
      // A key column copied from a parent: NULL where no parent was found.
      if (model_.tables[t].roles[c] != ColumnRole::Modelled) return false;
      const size_t rows = column.size();
      Rng rng(seed(), t + 1, tables_[t].row_offset + row, kFix, static_cast<uint64_t>(c) + 64);
      size_t donor = rng.uniform_int(rows), tries = 0;
      while (column.is_null(donor) && ++tries < rows) donor = (donor + 1) % rows;
      if (column.is_null(donor)) return false;
      column.set_from(row, column, donor);
    }
    return true;
  }

  // Draws new values for column c of a row from its chain step until `accept` holds.
  template <typename Accept>
  bool redraw(int t, int c, size_t row, Accept accept) {
    const TableModel& model = model_.tables[t];
    const int step = value_step(model, c);
    // A difference or a residual decodes to another kind of number than the column's own.
    if (step < 0 || model.chain[step].delta_from >= 0 || model.chain[step].residual.from >= 0)
      return false;
    const ChainStep& chain_step = model.chain[step];
    Column& column = tables_[t].values.column(c);
    Column scratch(column.name(), column.type(), column.format());
    std::vector<uint16_t> features(model.context_size() + step);
    fill_features(t, row, features);
    std::vector<float> probs(chain_step.num_tokens);
    chain_step.classifier->predict_proba(features, probs);
    Column original(column.name(), column.type(), column.format());
    original.append_from(column, row);
    // A category decodes to one value: one that failed is not drawn again, and once the row's
    // likely ones are spent, the column's others are (a season's second series takes another
    // round rather than being lost as a duplicate).
    const bool categories = chain_step.encoder->kind() == EncoderKind::Categorical;
    std::vector<bool> tried(probs.size(), false);
    for (uint64_t attempt = 0; attempt < 32; ++attempt) {
      Rng rng(seed(), t + 1, tables_[t].row_offset + row, kFix, attempt);
      scratch.clear();
      const auto token = static_cast<uint16_t>(rng.sample(probs));
      chain_step.encoder->decode(token, rng, scratch);
      column.set_from(row, scratch, 0);
      if (accept()) return true;
      scratch.clear();
      if (!categories || chain_step.encoder->decode_at(token, 0.0, scratch)) continue;
      tried[token] = true;  // one value, and it failed
      probs[token] = 0;
      if (std::none_of(probs.begin(), probs.end(), [](float p) { return p > 0; }))
        for (size_t k = 0; k < probs.size(); ++k) probs[k] = tried[k] ? 0.0f : 1.0f;
      if (std::none_of(probs.begin(), probs.end(), [](float p) { return p > 0; })) break;
    }
    column.set_from(row, original, 0);
    return false;
  }

  // Rows whose foreign key may not be NULL but whose parent table has no rows at this scale
  // (one real row at scale 0.3) cannot exist, as in a sample of the source: left out.
  void drop_unlinked(int t) {
    const TableMeta& meta = meta_.tables[t];
    GeneratedTable& out = tables_[t];
    std::vector<bool> drop(out.values.num_rows(), false);
    bool any = false;
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {  // fk_rows: one per key
      const ForeignKey& fk = meta.foreign_keys[f];
      const int parent = model_.table_index(fk.parent_table);
      if (fk_nullable(meta, fk) || parent == t || tables_[parent].values.num_rows() > 0) continue;
      for (size_t row = 0; row < out.fk_rows[f].size(); ++row)  // empty: a deferred link
        if (out.fk_rows[f][row] < 0) drop[row] = any = true;
    }
    if (any) remove_rows(out, drop);
  }

  static void remove_rows(GeneratedTable& out, const std::vector<bool>& drop) {
    std::vector<bool> keep(drop.size());
    for (size_t row = 0; row < drop.size(); ++row) keep[row] = !drop[row];
    out.values = out.values.filter(keep);
    auto compact = [&](auto& per_row) {
      if (per_row.size() != keep.size()) return;
      size_t kept = 0;
      for (size_t row = 0; row < per_row.size(); ++row)
        if (keep[row]) per_row[kept++] = per_row[row];
      per_row.resize(kept);
    };
    for (auto& tokens : out.tokens) compact(tokens);
    for (auto& tokens : out.context) compact(tokens);
    for (auto& rows : out.fk_rows) compact(rows);
    compact(out.driver_parent);
  }

  const SynthesisModel& model_;
  const Metadata& meta_;
  const GenerateOptions& options_;
  Progress& progress_;
  std::vector<GeneratedTable> tables_;
  std::vector<RulePlan> plans_;            // per table: how its rules are kept
  std::vector<AggregateFill> aggregates_;  // parents filled from their children
  struct LinkPool {
    bool ready = false;
    bool settled = false;  // the pool's dues were settled with the driver's counts
    Candidates pool;
    ParentUrn urn;  // draws the parents of non-self links, each up to its children count
    // A key sharing columns with earlier keys: each parent's shared values as an anchor id.
    std::unordered_map<std::string, int64_t> shared_ids;
    std::vector<int64_t> shared_anchor;
  };
  std::map<std::pair<int, int>, LinkPool> link_pools_;  // per (table, foreign key)
  int64_t units_ = 1, unit_ = 0;
  double unit_scale_ = 1.0;  // each unit's share of the scale
  uint64_t seed_ = 0;        // the current unit's
  // Per table and column: rows of the unit that drew a token of several values (decode_at).
  std::vector<std::vector<uint64_t>> rare_drawn_;
};

}  // namespace

int64_t generation_units(const Model& model, const GenerateOptions& options) {
  return unit_count(model.impl(), options);
}

std::map<std::string, int64_t> generate(const Model& model, const GenerateOptions& options,
                                        Destination& destination, Progress& progress) {
  if (!(options.scale > 0) || options.scale > 1e6)
    throw UsageError("--scale must be a positive number, got " + std::to_string(options.scale));
  for (const auto& [name, rows] : options.root_rows) {
    const SynthesisModel& impl = model.impl();
    int t = impl.table_index(name);
    if (t < 0) throw UsageError("--rows: no table named " + quote_name(name));
    if (impl.tables[t].driver >= 0)
      throw UsageError("--rows " + name + ": only root tables (no parent) take a row count; " +
                       quote_name(name) + " follows its parent");
    if (rows < 0) throw UsageError("--rows " + name + ": the count must not be negative");
  }
  if (options.check_rules || rule_check_by_default()) {
    const std::unique_ptr<Destination> checked = checking_rules(model.metadata(), destination);
    return Generator(model.impl(), options, progress).run(*checked);
  }
  return Generator(model.impl(), options, progress).run(destination);
}

}  // namespace relsynth
