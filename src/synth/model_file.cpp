// The model file: one versioned binary file holding everything generation needs.
//
//   magic "RSYNMODL" | format version (u32) | body length (u64) | body | FNV-1a 64 of body
//
// The body is a tree of tagged sections (core/binary_io.h); docs/MODEL_FORMAT.md lists them.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/temp_files.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "synth/date_parts.h"
#include "synth/synthesis_model.h"

namespace relsynth {

namespace {

constexpr char kMagic[8] = {'R', 'S', 'Y', 'N', 'M', 'O', 'D', 'L'};
constexpr uint32_t kFormatVersion = 1;
// The table section's version: written by save_table, the newest load_table reads (one
// constant, so the two cannot drift apart).
constexpr uint32_t kTableVersion = 14;

// FNV-1a 64; `hash` carries on from the bytes before `data`.
uint64_t fnv1a(std::string_view data, uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void save_table_rows(const Table& table, BinaryWriter& out) {
  out.begin_section("rows", 1);
  out.u64(table.num_columns());
  out.u64(table.num_rows());
  for (const Column& column : table.columns()) save_column(column, out);
  out.end_section();
}

Table load_table_rows(const std::string& name, BinaryReader& in) {
  in.begin_section("rows", 1);
  Table table(name);
  uint64_t columns = in.u64(), rows = in.u64();
  for (uint64_t c = 0; c < columns; ++c) table.add_column(load_column(in, rows));
  in.end_section();
  return table;
}

void save_flags(const std::vector<bool>& flags, BinaryWriter& out) {
  out.u64(flags.size());
  for (bool flag : flags) out.boolean(flag);
}

std::vector<bool> load_flags(BinaryReader& in) {
  const uint64_t count = in.u64();
  if (count > (1u << 16)) in.fail("bad flag count");
  std::vector<bool> flags;
  for (uint64_t i = 0; i < count; ++i) flags.push_back(in.boolean());
  return flags;
}

template <typename T, typename Save>
void save_optional(const std::unique_ptr<T>& item, BinaryWriter& out, Save save) {
  out.boolean(item != nullptr);
  if (item) save(*item, out);
}

void save_table(const TableModel& table, BinaryWriter& out) {
  out.begin_section("table", kTableVersion);
  out.str(table.name);
  out.boolean(table.copied);
  out.i64(table.real_rows);
  if (table.copied) save_table_rows(table.rows, out);
  out.u64(table.roles.size());
  for (size_t c = 0; c < table.roles.size(); ++c) {
    out.u8(static_cast<uint8_t>(table.roles[c]));
    save_optional(table.generators[c], out, save_generator);
    save_optional(table.rare_fallbacks[c], out, save_generator);
  }
  out.u64(table.chain.size());
  for (const ChainStep& step : table.chain) {
    out.i64(step.column);
    out.i64(step.count_of);
    out.i64(step.count_fk);
    out.boolean(step.presence);
    out.u32(step.num_tokens);
    out.boolean(step.unordered);
    save_optional(step.encoder, out, save_encoder);
    save_optional(step.classifier, out, save_classifier);
  }
  out.i64(table.driver);
  out.u32s(table.context_cardinalities);
  out.u64(table.context_unordered.size());
  for (bool unordered : table.context_unordered) out.boolean(unordered);
  const CardinalityModel& cardinality = table.cardinality;
  out.i64(cardinality.count_step);
  save_optional(cardinality.encoder, out, save_encoder);
  save_optional(cardinality.classifier, out, save_classifier);
  out.i64(cardinality.real_parent_rows);
  out.i64(cardinality.real_linked_rows);
  out.i64(cardinality.real_unlinked_rows);
  out.i64s(cardinality.parent_counts);
  out.u64(table.links.size());
  for (const LinkModel& link : table.links) {
    out.i64(link.foreign_key);
    out.boolean(link.self);
    out.boolean(link.deferred);
    out.i64(link.group_step);
    out.i64(link.group_step2);
    out.u32(link.num_groups);
    out.u32(link.num_features);
    save_optional(link.classifier, out, save_classifier);
    out.u64(link.degrees.size());
    for (const auto& degrees : link.degrees) out.f32s(degrees);
    // The anchor as version 9 wrote it (paths of at most two keys and one), in full below.
    const auto& anchor = link.anchor_path;
    out.i64(anchor.empty() ? -1 : anchor[0]);
    out.i64(anchor.size() > 1 ? anchor[1] : -1);
    out.i64(link.candidate_path.empty() ? -1 : link.candidate_path[0]);
    out.f32s(link.parent_degrees);
    out.i64(link.order_column);
    out.i64(link.count_step);
  }
  // Version 2: value steps encoded as a difference from another column.
  for (const ChainStep& step : table.chain) out.i64(step.delta_from), out.i64(step.delta_unit);
  // Version 3: identity steps of copied tables.
  for (const ChainStep& step : table.chain) out.boolean(step.identity);
  // Version 4: differences from a column of the driver's parent.
  for (const ChainStep& step : table.chain) out.boolean(step.delta_parent);
  // Version 5: sequential tables (differences from the previous sibling, series context).
  for (const ChainStep& step : table.chain)
    out.boolean(step.delta_previous), out.i64(step.delta_origin);
  out.boolean(table.sequential);
  out.u64(table.sequence_steps.size());
  for (int s : table.sequence_steps) out.i64(s);
  out.i64(table.series_step);
  save_optional(table.series_clock, out, save_encoder);
  // Version 6: the differences seen at first and at later siblings.
  for (const ChainStep& step : table.chain)
    if (step.delta_previous) save_flags(step.first_tokens, out), save_flags(step.later_tokens, out);
  // Version 7: date parts recomputed from a date column.
  out.i64(table.parts_from);
  out.i64(table.parts_unit);
  out.u64(table.parts.size());
  for (int c : table.parts) out.i64(c);
  out.u64(table.parts_offsets.size());
  for (int64_t offset : table.parts_offsets) out.i64(offset);
  out.u64(table.parts_weekly.size());
  for (int64_t offset : table.parts_weekly) out.i64(offset);
  // Version 8: numbers encoded as a residual from a line through another column.
  for (const ChainStep& step : table.chain) {
    const ResidualChoice& line = step.residual;
    out.i64(line.from), out.f64(line.slope), out.f64(line.intercept), out.f64(line.step);
  }
  // Version 9: the driver's tokens left out of the context.
  out.boolean(table.driver_hidden);
  // Version 10: where each context token comes from (chosen by relevance).
  out.u64(table.context_features.size());
  for (const ContextFeature& feature : table.context_features)
    out.u8(static_cast<uint8_t>(feature.source)), out.i64(feature.step),
        out.i64(feature.foreign_key);
  // Version 11: each link's anchor as two paths of foreign keys, and whether a rule keeps it.
  for (const LinkModel& link : table.links) {
    out.u64(link.anchor_path.size());
    for (int f : link.anchor_path) out.i64(f);
    out.u64(link.candidate_path.size());
    for (int f : link.candidate_path) out.i64(f);
    out.boolean(link.anchor_strict);
  }
  // Version 12: the earlier keys to the same parent table each link keeps apart from, or
  // equal to.
  for (const LinkModel& link : table.links) {
    out.u64(link.distinct_from.size());
    for (int f : link.distinct_from) out.i64(f);
    out.i64(link.same_as);
  }
  out.i64(table.key_group_capacity);
  // Version 13: the function rules' tokens per inputs (synth/function_tokens.h).
  out.u64(table.function_tokens.size());
  for (const FunctionTokens& function : table.function_tokens) {
    out.str(function.target);
    out.strs(function.inputs);
    out.u64(function.tokens.size());
    for (const auto& [inputs, token] : function.tokens) out.str(inputs), out.u16(token);
  }
  // Version 14: whether each link's classifier sees its previous sibling's group.
  for (const LinkModel& link : table.links) out.boolean(link.sibling_groups);
  out.end_section();
}

// legacy_context: the file predates context_features (section 10), rebuilt once all tables are
// loaded.
TableModel load_table(BinaryReader& in, const TableMeta& meta, bool& legacy_context) {
  const uint32_t version = in.begin_section("table", kTableVersion);
  TableModel table;
  table.name = in.str();
  if (table.name != meta.name) in.fail("table " + table.name + " does not match the metadata");
  table.copied = in.boolean();
  table.real_rows = in.i64();
  if (table.copied) table.rows = load_table_rows(table.name, in);
  uint64_t columns = in.u64();
  if (columns != meta.columns.size()) in.fail("column count of " + table.name + " differs");
  for (uint64_t c = 0; c < columns; ++c) {
    uint8_t role = in.u8();
    if (role > static_cast<uint8_t>(ColumnRole::Blob)) in.fail("unknown column role");
    table.roles.push_back(static_cast<ColumnRole>(role));
    table.generators.push_back(in.boolean() ? load_generator(in) : nullptr);
    table.rare_fallbacks.push_back(in.boolean() ? load_generator(in) : nullptr);
  }
  uint64_t steps = in.u64();
  for (uint64_t s = 0; s < steps; ++s) {
    ChainStep step;
    step.column = static_cast<int>(in.i64());
    step.count_of = static_cast<int>(in.i64());
    step.count_fk = static_cast<int>(in.i64());
    // Both -1: a copied table's identity step (version 3, checked below).
    if (step.column >= static_cast<int>(columns) ||
        (step.column < 0 && step.count_of < 0 && !table.copied))
      in.fail("bad chain column");
    step.presence = in.boolean();
    step.num_tokens = in.u32();
    step.unordered = in.boolean();
    if (in.boolean()) step.encoder = load_encoder(in);
    if (in.boolean()) step.classifier = load_classifier(in);
    if (!table.copied && (!step.classifier || (!step.presence && !step.encoder)))
      in.fail("incomplete chain step");
    table.chain.push_back(std::move(step));
  }
  table.driver = static_cast<int>(in.i64());
  if (table.driver >= static_cast<int>(meta.foreign_keys.size())) in.fail("bad driver key");
  table.context_cardinalities = in.u32s();
  uint64_t unordered = in.u64();
  for (uint64_t i = 0; i < unordered; ++i) table.context_unordered.push_back(in.boolean());
  CardinalityModel& cardinality = table.cardinality;
  cardinality.count_step = static_cast<int>(in.i64());
  if (in.boolean()) cardinality.encoder = load_encoder(in);
  if (in.boolean()) cardinality.classifier = load_classifier(in);
  cardinality.real_parent_rows = in.i64();
  cardinality.real_linked_rows = in.i64();
  cardinality.real_unlinked_rows = in.i64();
  cardinality.parent_counts = in.i64s();
  uint64_t links = in.u64();
  for (uint64_t l = 0; l < links; ++l) {
    LinkModel link;
    link.foreign_key = static_cast<int>(in.i64());
    if (link.foreign_key < 0 || link.foreign_key >= static_cast<int>(meta.foreign_keys.size()))
      in.fail("bad link key");
    link.self = in.boolean();
    link.deferred = in.boolean();
    link.group_step = static_cast<int>(in.i64());
    link.group_step2 = static_cast<int>(in.i64());
    link.num_groups = in.u32();
    link.num_features = in.u32();
    if (in.boolean()) link.classifier = load_classifier(in);
    uint64_t groups = in.u64();
    for (uint64_t g = 0; g < groups; ++g) link.degrees.push_back(in.f32s());
    if (link.degrees.size() != link.num_groups) in.fail("bad link groups");
    const int64_t anchor_fk = in.i64(), anchor_parent_fk = in.i64(), candidate_fk = in.i64();
    if (anchor_fk >= 0) {
      link.anchor_path = {static_cast<int>(anchor_fk)};
      if (anchor_parent_fk >= 0) link.anchor_path.push_back(static_cast<int>(anchor_parent_fk));
      link.candidate_path = {static_cast<int>(candidate_fk)};
    }
    link.parent_degrees = in.f32s();
    link.order_column = static_cast<int>(in.i64());
    link.count_step = static_cast<int>(in.i64());
    if (link.order_column >= static_cast<int>(meta.columns.size())) in.fail("bad order column");
    table.links.push_back(std::move(link));
  }
  if (version >= 2)
    for (ChainStep& step : table.chain) {
      step.delta_from = static_cast<int>(in.i64());
      step.delta_unit = in.i64();
      if (step.delta_unit < 1 || (step.delta_from >= 0 && (step.column < 0 || step.presence)))
        in.fail("bad difference column");
    }
  for (ChainStep& step : table.chain) {
    step.identity = version >= 3 && in.boolean();
    const bool bare = step.column < 0 && step.count_of < 0;
    if (step.identity != bare || (step.identity && step.num_tokens != table.rows.num_rows()))
      in.fail("bad identity step");
  }
  for (ChainStep& step : table.chain) {
    step.delta_parent = version >= 4 && in.boolean();
    if (step.delta_parent ? step.delta_from < 0 || table.driver < 0
                          : step.delta_from >= static_cast<int>(meta.columns.size()))
      in.fail("bad difference column");
  }
  if (version >= 5) {
    for (ChainStep& step : table.chain) {
      step.delta_previous = in.boolean();
      step.delta_origin = in.i64();
      if (step.delta_previous && (step.delta_from < 0 || table.driver < 0))
        in.fail("bad difference from the previous row");
    }
    table.sequential = in.boolean();
    const uint64_t count = in.u64();
    for (uint64_t i = 0; i < count; ++i) {
      const int64_t s = in.i64();
      if (s < 0 || s >= static_cast<int64_t>(table.chain.size()) || !table.sequential)
        in.fail("bad sequence step");
      table.sequence_steps.push_back(static_cast<int>(s));
    }
    table.series_step = static_cast<int>(in.i64());
    if (in.boolean()) table.series_clock = load_encoder(in);
    if (table.sequential &&
        (table.context_cardinalities.size() <
             1 + (table.series_clock != nullptr) + table.sequence_steps.size() ||
         // From version 14 a tabular child's siblings may be drawn in order without a series.
         (table.series_step < 0 ? version < 14 || table.series_clock != nullptr || table.driver < 0
                                : table.series_step >= static_cast<int>(table.chain.size()) ||
                                      !table.chain[table.series_step].delta_previous)))
      in.fail("bad sequence context");
    for (ChainStep& step : table.chain) {
      if (!step.delta_previous) continue;
      if (version >= 6) {
        step.first_tokens = load_flags(in);
        step.later_tokens = load_flags(in);
      } else {
        step.first_tokens.assign(step.num_tokens, true);
        step.later_tokens.assign(step.num_tokens, true);
      }
      if (step.first_tokens.size() != step.num_tokens ||
          step.later_tokens.size() != step.num_tokens)
        in.fail("bad series differences");
    }
  }
  if (version >= 7) {
    table.parts_from = static_cast<int>(in.i64());
    table.parts_unit = in.i64();
    const uint64_t parts = in.u64();
    if (parts > kDatePartKinds) in.fail("bad date parts");
    for (uint64_t i = 0; i < parts; ++i) table.parts.push_back(static_cast<int>(in.i64()));
    const uint64_t offsets = in.u64();
    if (offsets > 64) in.fail("bad date parts");
    for (uint64_t i = 0; i < offsets; ++i) table.parts_offsets.push_back(in.i64());
    const uint64_t weeks = in.u64();
    if (weeks != 0 && weeks != 53) in.fail("bad date parts");
    for (uint64_t i = 0; i < weeks; ++i) table.parts_weekly.push_back(in.i64());
    auto modelled = [&](int c) {
      return c >= 0 && c < static_cast<int>(columns) && table.roles[c] == ColumnRole::Modelled;
    };
    bool valid = table.parts_from < 0 ? parts == 0 && offsets == 0
                                      : modelled(table.parts_from) && table.parts_unit >= 1 &&
                                            parts == kDatePartKinds && offsets > 0;
    for (int c : table.parts) valid &= c == -1 || modelled(c);
    if (!valid) in.fail("bad date parts");
  }
  if (version >= 8)
    for (ChainStep& step : table.chain) {
      ResidualChoice& line = step.residual;
      line.column = step.column;
      line.from = static_cast<int>(in.i64());
      line.slope = in.f64();
      line.intercept = in.f64();
      line.step = in.f64();
      if (line.from < 0) continue;
      const bool valid = line.from < static_cast<int>(columns) && step.column >= 0 &&
                         !step.presence && step.delta_from < 0 && line.from != step.column &&
                         table.roles[line.from] == ColumnRole::Modelled &&
                         std::isfinite(line.slope) && std::isfinite(line.intercept) &&
                         std::isfinite(line.step) && line.step >= 0;
      if (!valid) in.fail("bad residual column");
    }
  table.driver_hidden = version >= 9 && in.boolean();
  if (table.driver_hidden && table.driver < 0) in.fail("bad hidden driver");
  legacy_context = version < 10;
  if (!legacy_context) {
    const uint64_t features = in.u64();
    if (features > table.context_cardinalities.size()) in.fail("bad context");
    for (uint64_t i = 0; i < features; ++i) {
      ContextFeature feature;
      const uint8_t source = in.u8();
      if (source > static_cast<uint8_t>(ContextSource::Linked)) in.fail("bad context source");
      feature.source = static_cast<ContextSource>(source);
      feature.step = static_cast<int>(in.i64());
      feature.foreign_key = static_cast<int>(in.i64());
      table.context_features.push_back(feature);
    }
  }
  if (version >= 11)
    for (LinkModel& link : table.links) {
      for (auto* path : {&link.anchor_path, &link.candidate_path}) {
        const uint64_t hops = in.u64();
        if (hops > 64) in.fail("bad link anchor");
        path->clear();
        for (uint64_t h = 0; h < hops; ++h) path->push_back(static_cast<int>(in.i64()));
      }
      link.anchor_strict = in.boolean();
    }
  if (version >= 12)
    for (LinkModel& link : table.links) {
      const uint64_t keys = in.u64();
      if (keys > meta.foreign_keys.size()) in.fail("bad link relations");
      for (uint64_t k = 0; k < keys; ++k) link.distinct_from.push_back(static_cast<int>(in.i64()));
      link.same_as = static_cast<int>(in.i64());
      for (int f : link.distinct_from)
        if (f < 0 || static_cast<size_t>(f) >= meta.foreign_keys.size())
          in.fail("bad link relations");
      if (link.same_as < -1 || link.same_as >= static_cast<int>(meta.foreign_keys.size()))
        in.fail("bad link relations");
    }
  if (version >= 12) table.key_group_capacity = in.i64();
  if (version >= 13) {
    const uint64_t functions = in.u64();
    if (functions > meta.rules.size()) in.fail("bad function tokens");
    for (uint64_t f = 0; f < functions; ++f) {
      FunctionTokens& function = table.function_tokens.emplace_back();
      function.target = in.str();
      function.inputs = in.strs();
      const uint64_t entries = in.u64();
      for (uint64_t e = 0; e < entries; ++e) {
        std::string inputs = in.str();
        const uint16_t token = in.u16();
        function.tokens.emplace_back(std::move(inputs), token);
      }
      const int target = meta.column_index(function.target);
      const int step = target >= 0 ? value_step(table, target) : -1;
      if (step < 0 || !std::is_sorted(function.tokens.begin(), function.tokens.end()))
        in.fail("bad function tokens");
      for (const auto& entry : function.tokens)
        if (entry.second >= table.chain[step].num_tokens) in.fail("bad function tokens");
    }
  }
  if (version >= 14)
    for (LinkModel& link : table.links) {
      link.sibling_groups = in.boolean();
      if (link.sibling_groups && (link.self || table.driver < 0 || !link.classifier ||
                                  link.classifier->num_features() != link.num_features + 1))
        in.fail("bad link sibling groups");
    }
  in.end_section();
  return table;
}

// Every context token names a step of a table it can be read from, with that step's tokens
// plus "none", driver tokens before each link's in link order, and then only a series' own.
bool valid_context(const SynthesisModel& model, int t) {
  const TableModel& table = model.tables[t];
  const TableMeta& meta = model.metadata.tables[t];
  const std::vector<ContextFeature>& features = table.context_features;
  const size_t series =
      table.sequential ? 1 + (table.series_clock != nullptr) + table.sequence_steps.size() : 0;
  if (features.size() + series != table.context_cardinalities.size() ||
      table.context_unordered.size() != table.context_cardinalities.size())
    return false;
  auto parent_of = [&](int table_index, int fk) {
    return model.table_index(model.metadata.tables[table_index].foreign_keys[fk].parent_table);
  };
  auto step_fits = [&](int parent, int step, uint32_t cardinality) {
    if (parent < 0 || step < 0 || step >= static_cast<int>(model.tables[parent].chain.size()))
      return false;
    const ChainStep& chain_step = model.tables[parent].chain[step];
    return !chain_step.presence && chain_step.num_tokens + 1 == cardinality;
  };
  size_t link = 0;  // the links, in order, that may still add tokens
  bool linked = false;
  for (size_t i = 0; i < features.size(); ++i) {
    const ContextFeature& feature = features[i];
    const uint32_t cardinality = table.context_cardinalities[i];
    if (feature.source != ContextSource::Linked) {
      if (table.driver < 0 || linked || feature.foreign_key != -1) return false;
      const int p = parent_of(t, table.driver);
      if (feature.source == ContextSource::Parent && !step_fits(p, feature.step, cardinality))
        return false;
      if (feature.source == ContextSource::ParentCount && (feature.step != -1 || cardinality == 0))
        return false;
      if (feature.source == ContextSource::Grandparent &&
          (model.tables[p].driver < 0 ||
           !step_fits(parent_of(p, model.tables[p].driver), feature.step, cardinality)))
        return false;
      continue;
    }
    if (feature.foreign_key < 0 ||
        feature.foreign_key >= static_cast<int>(meta.foreign_keys.size()))
      return false;
    linked = true;
    while (link < table.links.size() && (table.links[link].foreign_key != feature.foreign_key ||
                                         table.links[link].self || table.links[link].deferred))
      ++link;
    if (link == table.links.size() ||
        !step_fits(parent_of(t, feature.foreign_key), feature.step, cardinality))
      return false;
  }
  return true;
}

}  // namespace

Model::Model() : impl_(std::make_unique<SynthesisModel>()) {}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

const Metadata& Model::metadata() const { return impl_->metadata; }
const std::vector<std::string>& Model::warnings() const { return impl_->warnings; }

void Model::save(const std::string& path) const {
  // The body is the "model" section: a head, the tables, a tail. Each table is serialised twice,
  // once for the body's length (which comes first) and once to write it, so at most one
  // table's bytes are in memory: built whole, the file held the model's bytes once more, and
  // twice while its buffer grew (the wide database: 47 MB).
  BinaryWriter head, tail;
  head.str(RELSYNTH_VERSION);
  head.u64(impl_->seed);
  head.str(to_json(impl_->metadata, -1));
  head.u64(impl_->tables.size());
  tail.strs(impl_->warnings);
  auto table_bytes = [](const TableModel& table) {
    BinaryWriter out;
    save_table(table, out);
    return out.take();
  };
  uint64_t content = head.size() + tail.size();
  for (const TableModel& table : impl_->tables) content += table_bytes(table).size();
  BinaryWriter section;  // as begin_section("model", 1) writes it, its length known
  section.str("model");
  section.u32(1);
  section.u64(content);
  BinaryWriter header;
  header.bytes(std::string_view(kMagic, sizeof kMagic));
  header.u32(kFormatVersion);
  header.u64(section.size() + content);
  write_file_atomically(
      path,
      [&](std::ostream& out) {
        uint64_t hash = 0xcbf29ce484222325ULL;
        auto body = [&](std::string_view bytes) {
          hash = fnv1a(bytes, hash);
          out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        };
        header.write_to(out);
        body(section.data());
        body(head.data());
        for (const TableModel& table : impl_->tables) body(table_bytes(table));
        body(tail.data());
        BinaryWriter checksum;
        checksum.u64(hash);
        checksum.write_to(out);
      },
      "model file");
}

Model Model::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw IoError("cannot read model file " + quote_name(path) + ": " + os_reason(errno));
  // Read straight into one string of the file's size (through a stringstream it was held
  // twice).
  std::string data(static_cast<size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
  in.seekg(0);
  if (!in.read(data.data(), static_cast<std::streamsize>(data.size())))
    throw IoError("cannot read model file " + quote_name(path) + ": " + os_reason(errno));
  const std::string what = "model file " + quote_name(path);
  if (data.size() < sizeof kMagic || data.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0)
    throw InputError(what + " is not a relsynth model (wrong magic bytes)");
  BinaryReader header(std::string_view(data).substr(sizeof kMagic), what);
  uint32_t version = header.u32();
  if (version > kFormatVersion)
    throw InputError(what + " has format version " + std::to_string(version) +
                     ", newer than this relsynth reads (" + std::to_string(kFormatVersion) +
                     "): upgrade relsynth");
  uint64_t length = header.u64();
  const size_t body_at = sizeof kMagic + 12;
  // Compared without adding to `length`, which a corrupt file can set near 2^64 (found by
  // fuzzing: the sum wrapped around and the checksum read past the end).
  if (data.size() < body_at + 8 || length > data.size() - body_at - 8)
    throw InputError(what + " is truncated or corrupt: its body claims " + std::to_string(length) +
                     " bytes, the file has " + std::to_string(data.size()));
  std::string_view body(data.data() + body_at, length);
  BinaryReader trailer(std::string_view(data).substr(body_at + length), what);
  if (trailer.u64() != fnv1a(body)) throw InputError(what + " is corrupt (checksum mismatch)");

  BinaryReader reader(body, what);
  Model model;
  SynthesisModel& impl = model.impl();
  reader.begin_section("model", 1);
  reader.str();  // the engine version that wrote it, for humans
  impl.seed = reader.u64();
  impl.metadata = metadata_from_json(reader.str());
  uint64_t tables = reader.u64();
  if (tables != impl.metadata.tables.size()) reader.fail("table count differs from the metadata");
  std::vector<bool> legacy_context;
  for (const TableMeta& meta : impl.metadata.tables) {
    bool legacy = false;
    impl.tables.push_back(load_table(reader, meta, legacy));
    legacy_context.push_back(legacy);
  }
  for (size_t t = 0; t < impl.tables.size(); ++t) {
    TableModel& table = impl.tables[t];
    if (legacy_context[t] && !table.copied)
      table.context_features = legacy_context_features(impl, static_cast<int>(t));
    if (!table.copied && !valid_context(impl, static_cast<int>(t)))
      reader.fail("table " + table.name + " has a bad context");
  }
  for (size_t t = 0; t < impl.tables.size(); ++t)
    for (const ChainStep& step : impl.tables[t].chain) {
      if (!step.delta_parent) continue;
      const TableMeta* parent = impl.metadata.find_table(
          impl.metadata.tables[t].foreign_keys[impl.tables[t].driver].parent_table);
      if (!parent || step.delta_from >= static_cast<int>(parent->columns.size()))
        reader.fail("bad difference column");
    }
  // A link's anchor paths name a foreign key of each table they reach.
  auto valid_path = [&](int t, const std::vector<int>& path) {
    for (const int f : path) {
      const TableMeta& meta = impl.metadata.tables[static_cast<size_t>(t)];
      if (f < 0 || f >= static_cast<int>(meta.foreign_keys.size())) return false;
      t = impl.table_index(meta.foreign_keys[f].parent_table);
      if (t < 0) return false;
    }
    return true;
  };
  for (size_t t = 0; t < impl.tables.size(); ++t)
    for (const LinkModel& link : impl.tables[t].links) {
      const int parent = impl.table_index(
          impl.metadata.tables[t].foreign_keys[static_cast<size_t>(link.foreign_key)].parent_table);
      if (!link.anchor_path.empty() &&
          (parent < 0 || !valid_path(static_cast<int>(t), link.anchor_path) ||
           !valid_path(parent, link.candidate_path)))
        reader.fail("bad link anchor");
    }
  impl.warnings = reader.strs();
  reader.end_section();
  return model;
}

}  // namespace relsynth
