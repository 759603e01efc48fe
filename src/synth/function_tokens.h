// Function rules across units. A function rule (distance = f(origin, dest)) gives equal inputs
// one value. Within a unit the rows with equal inputs agree on it (generate.cpp's
// keep_function); inputs that recur in other units (categories, values of copied parents) take
// the value the source gives them instead, learned at training, so units generated apart (on
// other machines) agree without knowing what the others drew.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"
#include "synth/synthesis_model.h"

namespace relsynth {

// Per enabled function rule of the table whose target is modelled and whose inputs are each a
// modelled categorical column or a key into a copied table (`copied_parent(fk)`): the commonest
// target token (of `tokens`, per chain step) for each inputs' texts among the source's rows.
// Rows with a NULL input, or a rare value (one the model keeps no token of), are left out, so
// nothing the model does not hold already is stored.
std::vector<FunctionTokens> learn_function_tokens(
    const TableMeta& meta, const TableModel& model, const Table& rows,
    const std::vector<std::vector<uint16_t>>& tokens,
    const std::function<bool(int foreign_key)>& copied_parent);

// The learned tokens of `rule`, or null.
const FunctionTokens* find_function_tokens(const TableModel& model, const Rule& rule);

// The token of inputs `key` (texts each followed by \x1f): the learned one, else (inputs the
// source never had) a learned one picked by a hash of the seed and the inputs, else one of the
// step's `num_tokens` so picked.
uint16_t function_token(const FunctionTokens* learned, uint32_t num_tokens, uint64_t seed,
                        const std::string& key);

}  // namespace relsynth
