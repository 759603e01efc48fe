// Metadata inference scored against the ground truth of the shared real datasets, read from
// SQLite (declared keys) and from the same data exported to CSV (keys must be inferred).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "relsynth/inference.h"
#include "relsynth/io.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::vector<std::string> kDatasets = {"chinook", "northwind", "nycflights13",
                                            "biodegradability", "cora"};
constexpr double kSqliteTarget = 0.95;
constexpr double kCsvTarget = 0.85;

struct Score {
  double sdtype = 0, primary_key = 0, foreign_key = 0;
  std::vector<std::string> wrong;  // what to improve
  double total() const { return (sdtype + primary_key + foreign_key) / 3.0; }
};

// A relationship: child table, parent table and its column pairs, order-free.
using Relationship =
    std::tuple<std::string, std::string, std::set<std::pair<std::string, std::string>>>;

bool sdtype_right(const std::string& truth, const std::string& found) {
  if (truth == found) return true;
  if (truth == "boolean" && found == "categorical") return true;
  return (truth == "text" && found == "other_pii") || (truth == "other_pii" && found == "text");
}

Score score(const Metadata& found, const Json& truth) {
  Score s;
  size_t columns = 0, right_columns = 0, tables = 0, right_tables = 0;
  for (const auto& [name, table] : truth["tables"].items()) {
    const TableMeta* meta = found.find_table(name);
    ++tables;
    std::vector<std::string> truth_pk = table["primary_key"].get<std::vector<std::string>>();
    if (meta) {
      std::set<std::string> a(truth_pk.begin(), truth_pk.end());
      std::set<std::string> b(meta->primary_key.begin(), meta->primary_key.end());
      if (a == b)
        ++right_tables;
      else {
        std::string text = "PK " + name + ": [";
        for (const auto& k : meta->primary_key) text += k + " ";
        s.wrong.push_back(text + "] (" + meta->primary_key_reason + ")");
      }
    } else {
      s.wrong.push_back("missing table " + name);
    }
    for (const Json& column : table["columns"]) {
      ++columns;
      const std::string col = column["name"].get<std::string>();
      const std::string expected = column["semantic_type"].get<std::string>();
      const ColumnMeta* c = meta ? meta->find_column(col) : nullptr;
      const std::string got = c ? std::string(to_string(c->sdtype)) : "(missing)";
      if (sdtype_right(expected, got))
        ++right_columns;
      else
        s.wrong.push_back(name + "." + col + ": " + got + " (" + (c ? c->sdtype_reason : "") +
                          "), expected " + expected);
    }
  }
  std::set<Relationship> expected, got;
  for (const Json& fk : truth["foreign_keys"]) {
    std::set<std::pair<std::string, std::string>> pairs;
    for (size_t i = 0; i < fk["child_columns"].size(); ++i)
      pairs.emplace(fk["child_columns"][i].get<std::string>(),
                    fk["parent_columns"][i].get<std::string>());
    expected.emplace(fk["child_table"].get<std::string>(), fk["parent_table"].get<std::string>(),
                     pairs);
  }
  for (const TableMeta& table : found.tables)
    for (const ForeignKey& fk : table.foreign_keys) {
      std::set<std::pair<std::string, std::string>> pairs;
      for (size_t i = 0; i < fk.columns.size() && i < fk.parent_columns.size(); ++i)
        pairs.emplace(fk.columns[i], fk.parent_columns[i]);
      got.emplace(table.name, fk.parent_table, pairs);
    }
  auto describe = [](const Relationship& r) {
    std::string text = std::get<0>(r) + "(";
    for (const auto& [c, p] : std::get<2>(r)) text += c + " ";
    return text + ") -> " + std::get<1>(r);
  };
  size_t hits = 0;
  for (const Relationship& r : got) {
    if (expected.count(r))
      ++hits;
    else
      s.wrong.push_back("extra FK " + describe(r));
  }
  for (const Relationship& r : expected)
    if (!got.count(r)) s.wrong.push_back("missed FK " + describe(r));
  const double precision = got.empty() ? 1.0 : double(hits) / double(got.size());
  const double recall = expected.empty() ? 1.0 : double(hits) / double(expected.size());
  s.foreign_key = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  s.sdtype = columns ? double(right_columns) / double(columns) : 1.0;
  s.primary_key = tables ? double(right_tables) / double(tables) : 1.0;
  return s;
}

Json load_truth(const std::string& name) {
  std::ifstream in(std::string(RELSYNTH_SHARED_DATASETS) + "/" + name + ".metadata.json");
  EXPECT_TRUE(in.good()) << name;
  return Json::parse(in);
}

struct DatasetResult {
  std::string name;
  Score sqlite, csv, parquet, xlsx;
  Inspection sqlite_inspection;
  std::string sqlite_error, csv_error, parquet_error, xlsx_error;  // before scoring
};

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("relsynth_inference_" + std::to_string(random()) + "_" + std::to_string(random()));
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

DatasetResult evaluate(const std::string& name) {
  DatasetResult result;
  result.name = name;
  const Json truth = load_truth(name);
  const std::string path = std::string(RELSYNTH_SHARED_DATASETS) + "/" + name + ".sqlite";

  Metadata declared;
  Database data;
  try {
    auto sqlite = open_source(path);
    declared = sqlite->describe();
    data = read_database(*sqlite, declared);
    result.sqlite_inspection = infer_metadata(declared, data);
    result.sqlite = score(result.sqlite_inspection.metadata, truth);
  } catch (const std::exception& e) {
    result.sqlite_error = e.what();
    return result;
  }
  // The same data written as files that declare no keys, and inferred from them.
  auto score_files = [&](const std::string& scheme, const std::string& extension, Score& scored,
                         std::string& error) {
    try {
      TempDir dir;
      const std::string uri = scheme + dir.path().string() + "/" + name + extension;
      {
        auto destination = open_destination(uri);
        write_database(*destination, declared, data);
      }
      auto files = open_source(uri);
      const Metadata described = files->describe();
      EXPECT_FALSE(described.keys_declared);
      const Database files_data = read_database(*files, described);
      scored = score(infer_metadata(described, files_data).metadata, truth);
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  score_files("csv:", "", result.csv, result.csv_error);
  score_files("parquet:", "", result.parquet, result.parquet_error);
  score_files("", ".xlsx", result.xlsx, result.xlsx_error);
  return result;
}

const std::vector<DatasetResult>& results() {
  static const std::vector<DatasetResult> all = [] {
    std::vector<DatasetResult> out;
    for (const std::string& name : kDatasets) out.push_back(evaluate(name));
    return out;
  }();
  return all;
}

TEST(InferenceScore, SharedDatasetsSqliteAndCsv) {
  std::ostringstream report;
  char line[256];
  std::snprintf(line, sizeof line, "%-18s %-6s %8s %8s %8s %8s\n", "dataset", "source", "sdtype",
                "pk", "fk_f1", "score");
  report << line;
  for (const DatasetResult& r : results()) {
    for (const auto& [source, s] : {std::pair<const char*, const Score&>{"sqlite", r.sqlite},
                                    std::pair<const char*, const Score&>{"csv", r.csv},
                                    std::pair<const char*, const Score&>{"parquet", r.parquet},
                                    std::pair<const char*, const Score&>{"xlsx", r.xlsx}}) {
      std::snprintf(line, sizeof line, "%-18s %-6s %8.3f %8.3f %8.3f %8.3f\n", r.name.c_str(),
                    source, s.sdtype, s.primary_key, s.foreign_key, s.total());
      report << line;
    }
  }
  for (const DatasetResult& r : results()) {
    for (const std::string& wrong : r.sqlite.wrong)
      report << "  sqlite " << r.name << ": " << wrong << "\n";
    for (const std::string& wrong : r.csv.wrong)
      report << "  csv    " << r.name << ": " << wrong << "\n";
    for (const std::string& wrong : r.parquet.wrong)
      report << "  parquet " << r.name << ": " << wrong << "\n";
    for (const std::string& wrong : r.xlsx.wrong)
      report << "  xlsx   " << r.name << ": " << wrong << "\n";
  }
  std::printf("%s", report.str().c_str());
  for (const DatasetResult& r : results()) {
    EXPECT_EQ(r.sqlite_error, "") << r.name << " (sqlite)";
    EXPECT_EQ(r.csv_error, "") << r.name << " (csv)";
    EXPECT_GE(r.sqlite.total(), kSqliteTarget) << r.name << " (sqlite)";
    EXPECT_GE(r.csv.total(), kCsvTarget) << r.name << " (csv)";
    // Parquet declares no keys either, but keeps the column types: at least CSV's score.
    EXPECT_EQ(r.parquet_error, "") << r.name << " (parquet)";
    EXPECT_GE(r.parquet.total(), r.csv.total()) << r.name << " (parquet)";
    // So does a workbook, whose cells are typed.
    EXPECT_EQ(r.xlsx_error, "") << r.name << " (xlsx)";
    EXPECT_GE(r.xlsx.total(), r.csv.total()) << r.name << " (xlsx)";
  }
}

TEST(InferenceScore, OrphanWarningsMatchTheVerifiedCounts) {
  // nycflights13 keeps its real orphans; the README gives the verified counts.
  for (const DatasetResult& r : results()) {
    if (r.name != "nycflights13") continue;
    const auto& warnings = r.sqlite_inspection.warnings;
    auto has = [&](const std::string& text) {
      for (const std::string& w : warnings)
        if (w.rfind(text, 0) == 0) return true;
      return false;
    };
    // With the commonest missing keys, what the output makes of them and the way out.
    EXPECT_TRUE(
        has("orphans: flights(tailnum) -> planes: 50,094 rows reference 721 keys that "
            "planes lacks (N725MQ 575 rows, N722MQ 513, N723MQ 507, N713MQ 483, ...); "
            "the output writes NULL there"));
    EXPECT_TRUE(
        has("orphans: flights(dest) -> airports: 7,602 rows reference 4 keys that airports "
            "lacks (SJU 5,819 rows, BQN 896, STT 522, PSE 365); the output writes NULL "
            "there, or links them to other rows when the key may not be NULL "
            "(--complete-parents adds the missing airports rows instead)"));
    EXPECT_TRUE(
        has("orphans: flights(origin, year, month, day, hour) -> weather: 1,256 rows reference 115 "
            "keys that weather lacks ((EWR, 2013, 7, 31, 6) 32 rows,"));
    return;
  }
  FAIL() << "nycflights13 not evaluated";
}

}  // namespace
}  // namespace relsynth
