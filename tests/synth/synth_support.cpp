#include "synth/synth_support.h"

#include <gtest/gtest.h>

#include "relsynth/rules.h"
#include "test_support.h"

namespace relsynth::testing {

SourceData load(const std::string& uri) {
  auto source = open_source(uri);
  Metadata declared = source->describe();
  SourceData out;
  out.data = read_database(*source, declared);
  out.metadata = infer_metadata(declared, out.data).metadata;
  return out;
}

std::map<std::string, int64_t> synthesize(const SourceData& source, const std::string& destination,
                                          const TrainOptions& train_options,
                                          const GenerateOptions& generate_options) {
  Progress quiet(true);
  Model model = train(source.metadata, source.data, train_options, quiet);
  auto sink = open_destination(destination);
  return generate(model, generate_options, *sink, quiet);
}

void synthesize_through_file(const SourceData& source, const std::string& model_path,
                             const std::string& destination) {
  Progress quiet(true);
  train(source.metadata, source.data, {}, quiet).save(model_path);
  auto sink = open_destination(destination);
  generate(Model::load(model_path), {}, *sink, quiet);
}

std::string synthesize_script(const std::string& directory, const std::string& script,
                              const GenerateOptions& generate_options) {
  const std::string real = directory + "/source.sqlite", twin = directory + "/twin.sqlite";
  create_sqlite(real, script);
  const SourceData source = load(real);
  synthesize(source, twin, {}, generate_options);
  expect_integrity(source.metadata, twin);
  return twin;
}

void expect_integrity(const Metadata& metadata, const std::string& db_path) {
  EXPECT_EQ(foreign_key_violations(db_path), 0) << db_path;
  for (const TableMeta& table : metadata.tables) {
    const std::string name = sql_name(table.name);
    if (!table.primary_key.empty()) {
      std::string columns;
      for (const std::string& column : table.primary_key) {
        columns += (columns.empty() ? "" : ", ") + sql_name(column);
        EXPECT_EQ(query_int(db_path, "SELECT COUNT(*) FROM " + name + " WHERE " + sql_name(column) +
                                         " IS NULL"),
                  0)
            << table.name << "." << column << " has NULL primary keys";
      }
      EXPECT_EQ(query_int(db_path, "SELECT COUNT(*) FROM (SELECT 1 FROM " + name + " GROUP BY " +
                                       columns + " HAVING COUNT(*) > 1)"),
                0)
          << table.name << " has duplicate primary keys";
    }
    for (const ColumnMeta& column : table.columns) {
      if (!column.nullable)
        EXPECT_EQ(query_int(db_path, "SELECT COUNT(*) FROM " + name + " WHERE " +
                                         sql_name(column.name) + " IS NULL"),
                  0)
            << table.name << "." << column.name << " is NOT NULL";
      if (column.unique)
        EXPECT_EQ(query_int(db_path, "SELECT COUNT(*) - COUNT(DISTINCT " + sql_name(column.name) +
                                         ") FROM " + name + " WHERE " + sql_name(column.name) +
                                         " IS NOT NULL"),
                  0)
            << table.name << "." << column.name << " is UNIQUE";
    }
  }
}

std::pair<std::string, std::string> dumps_across_threads_and_batches(const SourceData& source,
                                                                     const std::string& dir,
                                                                     size_t small_batch) {
  TrainOptions one_thread, two_threads;
  one_thread.threads = 1;
  two_threads.threads = 2;
  GenerateOptions small_batches, big_batches;
  small_batches.threads = 1;
  small_batches.batch_rows = small_batch;
  big_batches.threads = 2;
  big_batches.batch_rows = 100000;
  const std::string a = dir + "/a.sqlite", b = dir + "/b.sqlite";
  synthesize(source, a, one_thread, small_batches);
  synthesize(source, b, two_threads, big_batches);
  return {dump_database(a), dump_database(b)};
}

bool has_rule(const Metadata& metadata, const std::string& table, const std::string& description) {
  for (const Rule& rule : metadata.table(table).rules)
    if (describe(rule) == description) return true;
  return false;
}

}  // namespace relsynth::testing
