#include "pipeline/conversion.h"

#include "core/text.h"

namespace relsynth {

int64_t copy_database(Source& source, Destination& destination, const Metadata& metadata,
                      const std::string& destination_name, Progress& progress) {
  int64_t rows = 0;
  try {
    destination.begin(metadata);
    for (const std::string& name : build_key_graph(metadata).topological_order) {
      progress.step("copying " + name);
      const TableMeta& table = metadata.table(name);
      const Table data = source.read_table(table);
      destination.append(table, data);
      rows += static_cast<int64_t>(data.num_rows());
      progress.done(with_commas(static_cast<int64_t>(data.num_rows())) + " rows");
    }
    progress.step("committing " + destination_name);
    destination.commit();
    progress.done();
  } catch (...) {
    destination.abort();
    throw;
  }
  return rows;
}

}  // namespace relsynth
