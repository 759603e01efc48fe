// The HTML report: self-contained (no network reference), names escaped, SVG balanced; the CLI
// writes it with -o; and, where Chromium is installed, it renders to a non-trivial screenshot.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/random.h"
#include "relsynth/io.h"
#include "relsynth/report.h"
#include "report/format.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;

ColumnMeta col(const std::string& name, DataType type, SDType sdtype) {
  ColumnMeta c;
  c.name = name;
  c.type = type;
  c.sdtype = sdtype;
  c.nullable = sdtype != SDType::Id;
  return c;
}

struct Fixture {
  Metadata metadata;
  Database db;
};

// A parent and a child table; names are caller-chosen so tests can use hostile ones.
Fixture make_fixture(const std::string& parent, const std::string& child,
                     const std::string& value_column, size_t rows, uint64_t seed) {
  Fixture f;
  TableMeta pm;
  pm.name = parent;
  pm.columns = {col("id", DataType::Int64, SDType::Id),
                col(value_column, DataType::Float64, SDType::Numerical),
                col("kind", DataType::String, SDType::Categorical),
                col("age", DataType::Int64, SDType::Numerical)};
  pm.primary_key = {"id"};
  TableMeta cm;
  cm.name = child;
  cm.columns = {col("cid", DataType::Int64, SDType::Id), col("pid", DataType::Int64, SDType::Id),
                col("amount", DataType::Float64, SDType::Numerical),
                col("status", DataType::String, SDType::Categorical)};
  cm.primary_key = {"cid"};
  ForeignKey fk;
  fk.columns = {"pid"};
  fk.parent_table = parent;
  fk.parent_columns = {"id"};
  cm.foreign_keys.push_back(fk);
  f.metadata.tables = {pm, cm};

  Rng rng(seed);
  Column id("id", DataType::Int64), value(value_column, DataType::Float64),
      kind("kind", DataType::String), age("age", DataType::Int64);
  Column cid("cid", DataType::Int64), pid("pid", DataType::Int64),
      amount("amount", DataType::Float64), status("status", DataType::String);
  int64_t next = 1;
  for (size_t i = 0; i < rows; ++i) {
    const double v = 100 * rng.normal();
    id.append_int(static_cast<int64_t>(i) + 1);
    value.append_double(v);
    kind.append_string(v > 0 ? "up" : "down");
    age.append_int(18 + static_cast<int64_t>(rng.uniform_int(60)));
    for (uint64_t k = rng.uniform_int(4); k > 0; --k) {
      cid.append_int(next++);
      pid.append_int(static_cast<int64_t>(i) + 1);
      amount.append_double(v / 2 + rng.normal());
      status.append_string(rng.uniform() < 0.7 ? "paid" : "open");
    }
  }
  Table p(parent), c(child);
  for (Column* column : {&id, &value, &kind, &age}) p.add_column(std::move(*column));
  for (Column* column : {&cid, &pid, &amount, &status}) c.add_column(std::move(*column));
  f.db.add_table(std::move(p));
  f.db.add_table(std::move(c));
  return f;
}

ReportOptions fast_options() {
  ReportOptions options;
  options.detection_rows = 300;
  options.dcr_synthetic_rows = 200;
  options.dcr_real_rows = 400;
  return options;
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

void expect_self_contained(const std::string& html) {
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(count(html, "<svg"), count(html, "</svg>"));
  EXPECT_EQ(count(html, "<table"), count(html, "</table>"));
  EXPECT_EQ(count(html, "<section"), count(html, "</section>"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

std::string render(const Fixture& real, const Fixture& synthetic) {
  const Report report = evaluate(real.metadata, real.db, synthetic.db, fast_options());
  return to_html(report, real.metadata, "synthetic <s> vs real");
}

// The customers/orders fixture against a twin from another seed: its report and HTML.
struct RenderedPair {
  Report report;
  std::string html;
};
RenderedPair render_pair() {
  const Fixture real = make_fixture("customers", "orders", "value", 150, 3);
  const Fixture synthetic = make_fixture("customers", "orders", "value", 150, 4);
  RenderedPair out;
  out.report = evaluate(real.metadata, real.db, synthetic.db, fast_options());
  out.html = to_html(out.report, real.metadata);
  expect_self_contained(out.html);
  return out;
}

TEST(ReportHtml, EscapesHostileNamesAndIsSelfContained) {
  const std::string parent = "a<b&\"c\"", child = "\xC3\xB6rders \xE2\x9C\x93 'x'";
  const Fixture real = make_fixture(parent, child, "v<al>", 150, 3);
  const Fixture synthetic = make_fixture(parent, child, "v<al>", 150, 4);
  const std::string html = render(real, synthetic);
  expect_self_contained(html);
  EXPECT_NE(html.find("a&lt;b&amp;&quot;c&quot;"), std::string::npos);
  EXPECT_EQ(html.find(parent), std::string::npos);  // never raw
  EXPECT_NE(html.find("\xC3\xB6rders \xE2\x9C\x93 &#39;x&#39;"), std::string::npos);
  EXPECT_NE(html.find("v&lt;al&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<al>"), std::string::npos);
  EXPECT_NE(html.find("synthetic &lt;s&gt; vs real"), std::string::npos);
  // The sections the page promises.
  for (const char* part : {"Overview", "Table graph", "Relationships", "Column shapes",
                           "Column pair trends", "Detection", "Privacy", "marker-end"})
    EXPECT_NE(html.find(part), std::string::npos) << part;
}

TEST(ReportHtml, InvalidUtf8AndEmptySyntheticStillRender) {
  const std::string odd = std::string("bad\xFF\x01name");
  Fixture real = make_fixture(odd, "kids", "value", 60, 5);
  Fixture synthetic;
  synthetic.db.add_table(Table("nothing"));
  const Report report = evaluate(real.metadata, real.db, synthetic.db, fast_options());
  const std::string html = to_html(report, real.metadata);
  expect_self_contained(html);
  EXPECT_EQ(html.find('\xFF'), std::string::npos);
  EXPECT_NE(html.find("bad\xEF\xBF\xBD\xEF\xBF\xBDname"), std::string::npos);
}

TEST(ReportHtml, OneDistributionPlotPerComparedColumn) {
  const auto [report, html] = render_pair();
  // Non-key columns: value, kind, age of customers; amount, status of orders.
  size_t columns = 0;
  for (const TableReport& t : report.tables) columns += t.column_shapes.size();
  EXPECT_EQ(columns, 5u);
  // One more: the children per customer of the one relationship, after the relationships table.
  EXPECT_EQ(count(html, "<svg class=\"dist\""), columns + 1);
  EXPECT_EQ(count(html, "<h3>Column distributions</h3>"), 2u);
  EXPECT_EQ(count(html, "<h3>Children per parent</h3>"), 1u);
  EXPECT_EQ(count(html, "aria-label=\"orders \xE2\x86\x92 customers histogram\""), 1u);
  EXPECT_GT(html.find("<h3>Children per parent</h3>"), html.find("<h2>Relationships</h2>"));
  // Each titled with the column and its score, in its table's section.
  const size_t orders_section = html.find("<section class=\"table\" id=\"t1\"");
  ASSERT_NE(orders_section, std::string::npos);
  for (const TableReport& t : report.tables)
    for (const ColumnShape& c : t.column_shapes) {
      const size_t title =
          html.find("<div class=\"dh\" title=\"" + c.column + "\"><b>" + c.column + "</b>");
      ASSERT_NE(title, std::string::npos) << c.column;
      EXPECT_EQ(title > orders_section, t.name == "orders") << c.column;
      // Histograms for numbers, bars for categories.
      const bool numeric = c.metric == "KSComplement";
      char score[64];
      std::snprintf(score, sizeof score, "%.3f</b></div><svg class=\"dist\"", c.score);
      EXPECT_EQ(html.find(std::string(numeric ? "KS" : "TV") + "</span>", title) + 2,
                html.find("</span>", title))
          << c.column;
      EXPECT_EQ(html.find(score, title), html.find("</b></div><svg", title) - 5) << c.column;
      EXPECT_EQ(
          count(html, "aria-label=\"" + c.column + (numeric ? " histogram\"" : " category bars\"")),
          1u)
          << c.column;
    }
  // Every plot states the NULL shares its bars leave out.
  EXPECT_EQ(count(html, "\">NULL real "), columns);
}

TEST(ReportHtml, RealAndSyntheticCorrelationHeatmapsSideBySide) {
  const auto [report, html] = render_pair();
  // One pair of matrices per table with pairs: real first, synthetic beside it.
  size_t tables = 0;
  for (const TableReport& t : report.tables) tables += t.pair_trends.empty() ? 0 : 1;
  ASSERT_GT(tables, 0u);
  EXPECT_EQ(count(html, "aria-label=\"real correlation heatmap\""), tables);
  EXPECT_EQ(count(html, "aria-label=\"synthetic correlation heatmap\""), tables);
  EXPECT_LT(html.find("real correlation heatmap"), html.find("synthetic correlation heatmap"));
  // Every pair shows its value on each side: r for numbers, Cramér's V with a category.
  size_t pearson = 0, contingency = 0;
  for (const TableReport& t : report.tables)
    for (const PairTrend& p : t.pair_trends) {
      if (p.metric == "CorrelationSimilarity") {
        ++pearson;
        ASSERT_TRUE(p.real_correlation.has_value());
        EXPECT_FALSE(p.real_cramers_v.has_value());
        EXPECT_NE(html.find(p.column1 + " \xC3\x97 " + p.column2 +
                            ": r = " + format_fixed(*p.real_correlation, 2, "")),
                  std::string::npos);
      } else {
        ++contingency;
        ASSERT_TRUE(p.real_cramers_v.has_value());
        ASSERT_TRUE(p.synthetic_cramers_v.has_value());
        EXPECT_GE(*p.real_cramers_v, 0.0);
        EXPECT_LE(*p.real_cramers_v, 1.0);
        EXPECT_NE(html.find(p.column1 + " \xC3\x97 " + p.column2 +
                            ": V = " + format_fixed(*p.synthetic_cramers_v, 2, "")),
                  std::string::npos);
      }
    }
  EXPECT_GT(pearson, 0u);
  EXPECT_GT(contingency, 0u);
  // Each pair is drawn twice per matrix (both triangles), in the real and the synthetic one.
  EXPECT_EQ(count(html, ": r = "), 4 * pearson);
  EXPECT_EQ(count(html, ": V = "), 4 * contingency);
  const nlohmann::json json = nlohmann::json::parse(to_json(report));
  bool has_v = false;
  for (const auto& table : json["tables"])
    for (const auto& p : table["column_pair_trends"])
      has_v |= p["metric"] == "ContingencySimilarity" && p["real_cramers_v"].is_number();
  EXPECT_TRUE(has_v);
}

TEST(ReportHtml, RareCategoriesAndOutliersAreNotShown) {
  Fixture real = make_fixture("customers", "orders", "value", 150, 3);
  Fixture synthetic = make_fixture("customers", "orders", "value", 150, 4);
  Column& kind = real.db.table("customers").column("kind");
  for (size_t row = 0; row < 8; ++row)
    kind.set_string(row, row < 4 ? "zz_rare_secret" : "common_enough");  // 4 and 4 + 1 times
  kind.set_string(100, "common_enough");
  // The synthetic side repeating a rare real value does not reveal it either.
  Column& synthetic_kind = synthetic.db.table("customers").column("kind");
  for (size_t row = 0; row < 20; ++row) synthetic_kind.set_string(row, "zz_rare_secret");
  real.db.table("customers").column("value").set_double(10, 987654.321);
  const Report report = evaluate(real.metadata, real.db, synthetic.db, fast_options());
  const std::string html = to_html(report, real.metadata);
  const std::string json = to_json(report);
  EXPECT_NE(html.find(">common_enough<"), std::string::npos);
  EXPECT_NE(json.find("\"common_enough\""), std::string::npos);
  EXPECT_EQ(html.find("zz_rare"), std::string::npos);
  EXPECT_EQ(json.find("zz_rare"), std::string::npos);
  EXPECT_EQ(html.find("98765"), std::string::npos);
  EXPECT_EQ(json.find("98765"), std::string::npos);
  // They are counted in "other" and above the last edge instead.
  for (const ColumnShape& c : report.tables[0].column_shapes) {
    if (c.column == "kind") {
      EXPECT_GT(c.distribution.synthetic_other, 0.1);
    }
    if (c.column == "value") {
      EXPECT_GT(c.distribution.real_above, 0.0);
    }
  }
}

std::string run(const std::string& command, int& status) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  status = pclose(pipe);
  return output;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(ReportCli, WritesHtmlWithOutputOption) {
  const fs::path dir = fresh_dir("relsynth_report_html_cli");
  const Fixture real = make_fixture("customers", "orders", "value", 120, 8);
  const Fixture synthetic = make_fixture("customers", "orders", "value", 120, 9);
  for (const auto& [name, f] :
       {std::pair{"real.db", &real}, std::pair{"synthetic.db", &synthetic}}) {
    auto destination = open_destination((dir / name).string());
    write_database(*destination, f->metadata, f->db);
  }
  save_metadata(real.metadata, (dir / "metadata.json").string());
  int status = 0;
  const std::string out =
      run(std::string(RELSYNTH_CLI_PATH) + " -q report --real " + (dir / "real.db").string() +
              " --synthetic " + (dir / "synthetic.db").string() + " -m " +
              (dir / "metadata.json").string() + " --no-detection -o " +
              (dir / "report.html").string() + " --json " + (dir / "report.json").string(),
          status);
  EXPECT_EQ(status, 0) << out;
  ASSERT_TRUE(fs::exists(dir / "report.html")) << out;
  EXPECT_TRUE(fs::exists(dir / "report.json"));
  std::ifstream file(dir / "report.html");
  std::stringstream html;
  html << file.rdbuf();
  expect_self_contained(html.str());
  EXPECT_NE(html.str().find("customers"), std::string::npos);
  // No temporary file left beside the report.
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 5u);
  fs::remove_all(dir);
}

TEST(ReportHtml, ChromiumRendersAScreenshot) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "no /usr/bin/chromium; headless render not checked";
  const fs::path dir = fresh_dir("relsynth_report_html_chromium");
  const Fixture real = make_fixture("customers", "orders", "value", 150, 3);
  const Fixture synthetic = make_fixture("customers", "orders", "value", 150, 4);
  {
    std::ofstream file(dir / "report.html", std::ios::binary);
    file << render(real, synthetic);
  }
  const fs::path png = dir / "shot.png";
  int status = 0;
  const std::string out =
      run(std::string(fs::exists("/usr/bin/timeout") ? "/usr/bin/timeout 90 " : "") + chromium +
              " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
              " --disable-background-networking --disable-component-update --disable-sync"
              " --user-data-dir=" +
              (dir / "profile").string() + " --screenshot=" + png.string() +
              " --window-size=1200,2000 file://" + (dir / "report.html").string(),
          status);
  ASSERT_TRUE(fs::exists(png)) << out;
  EXPECT_GT(fs::file_size(png), 10u * 1024) << out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace relsynth

namespace relsynth {
namespace {

// A detection AUC far below 0.5 is noise, never a GOOD badge; a table copied as it is says its
// exact copies are by design, and they are left out of the copies' verdict.
TEST(ReportHtml, AnAucFarBelowHalfIsNoiseAndCopiedTablesAreByDesign) {
  const Fixture real = make_fixture("customers", "orders", "value", 150, 3);
  Database synthetic = make_fixture("customers", "orders", "value", 150, 4).db;
  synthetic.table("customers") = real.db.table("customers");  // kept as it is
  Report report = evaluate(real.metadata, real.db, synthetic, fast_options());
  TableReport* orders = nullptr;
  for (TableReport& t : report.tables) {
    if (t.name == "orders") orders = &t;
    if (t.name == "customers") EXPECT_TRUE(t.privacy.copied);
    if (t.name == "orders") EXPECT_FALSE(t.privacy.copied);
  }
  bool noted = false;
  for (const std::string& note : report.notes)
    noted |= note.find("\"customers\" is copied as it is") != std::string::npos;
  EXPECT_TRUE(noted);
  ASSERT_NE(orders, nullptr);
  orders->detection.computed = true;
  orders->detection.auc = 0.256;
  orders->detection.caveat = "the AUC is well below 0.5";
  const std::string html = to_html(report, real.metadata);
  const size_t at = html.find("0.26 <span class=\"badge");
  ASSERT_NE(at, std::string::npos);
  const std::string noise = "0.26 <span class=\"badge noise\">noise";
  EXPECT_EQ(html.substr(at, noise.size()), noise);
  EXPECT_NE(html.find("copied as it is, by design"), std::string::npos);
  EXPECT_NE(html.find("1 copied tables left out"), std::string::npos);
}

// Rows whose compared (non-key) columns all match real rows are not a table kept as it is
// unless their keys match too: a child whose values repeat the real ones under other parents
// keeps its exact copies counted, never excused as "by design".
TEST(ReportHtml, CopiesUnderOtherKeysAreNotATableKeptAsItIs) {
  const Fixture real = make_fixture("customers", "orders", "value", 150, 3);
  Database synthetic = make_fixture("customers", "orders", "value", 150, 4).db;
  synthetic.table("customers") = real.db.table("customers");
  const Table& orders = real.db.table("orders");
  Table moved("orders");
  for (const Column& column : orders.columns()) {
    Column copy(column.name(), column.type());
    for (size_t row = 0; row < orders.num_rows(); ++row)
      copy.append_from(column, column.name() == "pid" ? (row + 1) % orders.num_rows() : row);
    moved.add_column(std::move(copy));
  }
  synthetic.table("orders") = std::move(moved);
  const Report report = evaluate(real.metadata, real.db, synthetic, fast_options());
  for (const TableReport& t : report.tables) {
    if (t.name != "orders") continue;
    EXPECT_EQ(t.privacy.exact_copies, t.privacy.synthetic_rows);  // on amount and status
    EXPECT_FALSE(t.privacy.copied) << "its keys are not the real ones";
  }
}

}  // namespace
}  // namespace relsynth
