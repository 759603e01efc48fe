#include "synth/function_tokens.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/random.h"
#include "model/encoder.h"
#include "model/word_lists.h"

namespace relsynth {

namespace {

bool is_function(const Rule& rule) { return rule.enabled && rule.kind == RuleKind::Function; }

}  // namespace

std::vector<FunctionTokens> learn_function_tokens(
    const TableMeta& meta, const TableModel& model, const Table& rows,
    const std::vector<std::vector<uint16_t>>& tokens,
    const std::function<bool(int foreign_key)>& copied_parent) {
  std::vector<FunctionTokens> learned;
  for (const Rule& rule : meta.rules) {
    if (!is_function(rule)) continue;
    const int target = meta.column_index(rule.target);
    const int target_step = target >= 0 ? value_step(model, target) : -1;
    if (target_step < 0 || model.roles[target] != ColumnRole::Modelled) continue;
    // Per input: its column and, when modelled, its chain step (else a key to a copied parent).
    std::vector<std::pair<int, int>> inputs;
    for (const std::string& name : rule.columns) {
      const int c = meta.column_index(name);
      if (c < 0) break;
      const int step = value_step(model, c);
      if (model.roles[c] == ColumnRole::Modelled && step >= 0 && model.chain[step].encoder &&
          model.chain[step].encoder->kind() == EncoderKind::Categorical &&
          model.chain[step].delta_from < 0) {
        inputs.emplace_back(c, step);
        continue;
      }
      bool into_copied = false;
      for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
        const auto& columns = meta.foreign_keys[f].columns;
        into_copied |= std::find(columns.begin(), columns.end(), name) != columns.end() &&
                       copied_parent(static_cast<int>(f));
      }
      if (!into_copied) break;
      inputs.emplace_back(c, -1);
    }
    if (inputs.size() != rule.columns.size()) continue;
    std::unordered_map<std::string, std::map<uint16_t, int64_t>> counts;
    std::vector<Column> scratch;  // per input, of its type: decode_at's output
    for (const auto& [c, step] : inputs)
      scratch.emplace_back(rows.column(c).name(), rows.column(c).type(), rows.column(c).format());
    std::string key;
    for (size_t row = 0; row < rows.num_rows(); ++row) {
      key.clear();
      bool kept = true;
      for (size_t i = 0; i < inputs.size() && kept; ++i) {
        const auto [c, step] = inputs[i];
        const Column& column = rows.column(c);
        scratch[i].clear();
        // A rare value's token stands for several values: the model holds no such value.
        kept = !column.is_null(row) && (step < 0 || !model.chain[step].encoder->decode_at(
                                                        tokens[step][row], 0.0, scratch[i]));
        if (!kept) break;
        key += column.text_at(row);
        key += '\x1f';
      }
      if (kept) ++counts[key][tokens[target_step][row]];
    }
    FunctionTokens function;
    function.target = rule.target;
    function.inputs = rule.columns;
    for (const auto& [inputs_text, per_token] : counts) {
      auto best = per_token.begin();
      for (auto it = per_token.begin(); it != per_token.end(); ++it)
        if (it->second > best->second) best = it;
      function.tokens.emplace_back(inputs_text, best->first);
    }
    std::sort(function.tokens.begin(), function.tokens.end());
    learned.push_back(std::move(function));
  }
  return learned;
}

const FunctionTokens* find_function_tokens(const TableModel& model, const Rule& rule) {
  for (const FunctionTokens& function : model.function_tokens)
    if (function.target == rule.target && function.inputs == rule.columns) return &function;
  return nullptr;
}

uint16_t function_token(const FunctionTokens* learned, uint32_t num_tokens, uint64_t seed,
                        const std::string& key) {
  if (learned) {
    auto at =
        std::lower_bound(learned->tokens.begin(), learned->tokens.end(), key,
                         [](const auto& entry, const std::string& k) { return entry.first < k; });
    if (at != learned->tokens.end() && at->first == key) return at->second;
  }
  const uint64_t pick = stream_key(seed, text::hash_string(key, 0));
  if (learned && !learned->tokens.empty())
    return learned->tokens[pick % learned->tokens.size()].second;
  return static_cast<uint16_t>(pick % std::max<uint32_t>(num_tokens, 1));
}

}  // namespace relsynth
