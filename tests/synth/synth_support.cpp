#include "synth/synth_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "model/fake_values.h"
#include "model/word_lists.h"
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

std::string synthesize_at_seed(const SourceData& source, const std::string& directory,
                               uint64_t seed) {
  const std::string twin =
      (std::filesystem::path(directory) / ("twin" + std::to_string(seed) + ".sqlite")).string();
  TrainOptions train;
  train.seed = seed;
  GenerateOptions generate;
  generate.seed = seed;
  synthesize(source, twin, train, generate);
  expect_integrity(source.metadata, twin);
  return twin;
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

namespace relsynth::testing {
namespace {

bool personal_sdtype(std::string_view sdtype) {
  return sdtype == "name" || sdtype == "email" || sdtype == "phone" || sdtype == "address" ||
         sdtype == "postal_code" || sdtype == "other_pii" || sdtype == "url";
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A value anyone could spell without the source: see personal_values_in. `labels`: the
// lower-case values and words of the source's other columns held by at least 5 rows.
bool ordinary(const std::string& value, const std::set<std::string>& labels) {
  size_t characters = 0;
  for (unsigned char c : value) characters += (c & 0xC0) != 0x80;
  if (characters <= 3) return true;
  if (value.size() <= 5 &&
      std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
    return true;
  static const std::set<std::string> words = [] {
    std::set<std::string> out;
    for (const auto list : {words::first_names(), words::last_names(), words::cities(),
                            words::street_names(), words::street_types(), words::company_words(),
                            words::company_suffixes(), words::lorem_words()})
      for (std::string_view word : list) out.insert(lower(word));
    for (const words::Country& country : words::countries()) out.insert(lower(country.name));
    for_each_fake_word([&](std::string_view word) { out.insert(lower(word)); });
    return out;
  }();
  return words.count(lower(value)) > 0 || labels.count(lower(value)) > 0;
}

// The values, and the words of the values, that at least 5 rows of a column hold, over the
// string columns of `data` that are not in `personal` (lower case).
std::set<std::string> frequent_labels(
    const Database& data, const Metadata& metadata,
    const std::set<std::pair<std::string, std::string>>& personal) {
  std::set<std::string> out;
  for (const TableMeta& table : metadata.tables)
    for (const ColumnMeta& meta : table.columns) {
      if (personal.count({table.name, meta.name}) || meta.type != DataType::String) continue;
      const Column& column = data.table(table.name).column(meta.name);
      std::unordered_map<std::string, int> rows;
      for (size_t row = 0; row < column.size(); ++row) {
        if (column.is_null(row)) continue;
        const std::string value = lower(column.string_at(row));
        std::set<std::string> parts = {value};
        std::string word;
        for (char c : value + " ") {
          if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
            word += c;
          } else if (!word.empty()) {
            parts.insert(word);
            word.clear();
          }
        }
        for (const std::string& part : parts) ++rows[part];
      }
      for (const auto& [part, count] : rows)
        if (count >= 5) out.insert(part);
    }
  return out;
}

}  // namespace

std::vector<std::string> personal_values_in(const SourceData& source, const std::string& output,
                                            const std::string& ground_truth) {
  std::set<std::pair<std::string, std::string>> columns;
  for (const TableMeta& table : source.metadata.tables)
    for (const ColumnMeta& column : table.columns)
      if (personal_sdtype(to_string(column.sdtype))) columns.insert({table.name, column.name});
  if (!ground_truth.empty()) {
    std::ifstream in(ground_truth);
    const nlohmann::json truth = nlohmann::json::parse(in);
    for (const auto& [table, about] : truth.at("tables").items())
      for (const auto& column : about.at("columns"))
        if (personal_sdtype(column.at("semantic_type").get<std::string>()))
          columns.insert({table, column.at("name").get<std::string>()});
  }
  const std::set<std::string> labels = frequent_labels(source.data, source.metadata, columns);
  std::unordered_map<std::string, std::string> personal;  // value -> where it is personal
  for (const auto& [table, name] : columns) {
    const Column& column = source.data.table(table).column(name);
    for (size_t row = 0; row < column.size(); ++row)
      if (!column.is_null(row) && column.type() != DataType::Binary) {
        const std::string value = column.text_at(row);
        if (!ordinary(value, labels)) personal.emplace(value, table + "." + name);
      }
  }
  std::vector<std::string> found;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(output.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << output;
    sqlite3_close(db);
    return found;
  }
  auto each = [&](const std::string& sql, auto&& row) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
    while (statement && sqlite3_step(statement) == SQLITE_ROW) row(statement);
    sqlite3_finalize(statement);
  };
  std::vector<std::string> tables;
  each("SELECT name FROM sqlite_master WHERE type = 'table'", [&](sqlite3_stmt* s) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  });
  for (const std::string& table : tables) {
    std::vector<std::string> names;
    std::string literal = "'";
    for (char c : table) literal += c == '\'' ? std::string("''") : std::string(1, c);
    each("SELECT name FROM pragma_table_info(" + literal + "')", [&](sqlite3_stmt* s) {
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    });
    for (const std::string& name : names)
      each("SELECT DISTINCT " + sql_name(name) + " FROM " + sql_name(table) + " WHERE typeof(" +
               sql_name(name) + ") IN ('text', 'integer')",
           [&](sqlite3_stmt* s) {
             const std::string value(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
             const auto at = personal.find(value);
             if (at != personal.end())
               found.push_back(table + "." + name + ": " + value + " (personal in " + at->second +
                               ")");
           });
  }
  sqlite3_close(db);
  return found;
}

}  // namespace relsynth::testing
