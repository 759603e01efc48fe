// Sequential tables: the rows of one parent that form an ordered series (a station's hourly
// readings, a customer's invoices), found from the data.
#pragma once

#include <vector>

#include "schema/key_inference.h"

namespace relsynth::inference {

// Marks as sequential each tabular table with a datetime column that tells apart the rows of
// one parent (through a foreign key) but repeats across parents, with at least a few rows per
// parent: (parent, time) identifies a row, time alone does not. Needs sdtypes.
void infer_sequences(std::vector<TableView>& tables);

}  // namespace relsynth::inference
