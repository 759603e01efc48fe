// SQLite virtual tables and generated columns: a full-text index is rebuilt over synthetic words
// and its shadow tables (which hold every real indexed word) are never read; other virtual
// tables are skipped with a warning; generated columns come back generated.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/connectors.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

// Words in many rows (the text model keeps them) and one word in a single row (it never may).
const std::vector<std::string> kWords = {"river",  "stone",  "forest", "market", "bridge", "harbor",
                                         "valley", "garden", "tower",  "lamp",   "winter", "summer",
                                         "copper", "silver", "meadow", "canyon", "island", "cedar",
                                         "maple",  "orchid", "falcon", "badger", "comet",  "ember"};
const std::string kRealOnly = "zanzibarite";

// A source with an FTS5 table (300 documents), an R*Tree and a table with generated columns.
std::string source_script() {
  std::string sql =
      "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL,"
      " qty INTEGER NOT NULL,"
      " total REAL GENERATED ALWAYS AS (price * qty) STORED NOT NULL,"
      " label TEXT AS (upper(name) || \"!\") VIRTUAL,"  // a legacy double-quoted string
      " status TEXT NOT NULL CHECK (status IN (\"new\", \"done\")));\n"
      "CREATE VIRTUAL TABLE docs USING fts5(title, body);\n"
      "CREATE VIRTUAL TABLE places USING rtree(id, min_x, max_x);\n"
      "INSERT INTO places VALUES (1, 0.5, 1.5), (2, 3.0, 4.0);\n"
      "BEGIN;\n";
  uint64_t state = 12345;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  for (int i = 0; i < 300; ++i) {
    std::string title = kWords[next(6)] + " " + kWords[next(6)];
    std::string body;
    const int length = 6 + static_cast<int>(next(5));
    for (int w = 0; w < length; ++w) body += (w ? " " : "") + kWords[next(kWords.size())];
    if (i == 17) body += " " + kRealOnly;
    sql += "INSERT INTO docs (title, body) VALUES ('" + title + "', '" + body + "');\n";
  }
  for (int i = 1; i <= 200; ++i)
    sql += "INSERT INTO items (id, name, price, qty, status) VALUES (" + std::to_string(i) + ", '" +
           kWords[next(8)] + "', " + std::to_string(1 + next(50)) + ".25, " +
           std::to_string(1 + next(9)) + ", '" + (next(3) ? "new" : "done") + "');\n";
  return sql + "COMMIT;\n";
}

TEST(SqliteVirtual, DescribeKeepsFtsAndGeneratedColumnsAndNeverReadsShadowTables) {
  TempDir dir;
  const std::string path = dir.file("source.sqlite");
  create_sqlite(path, source_script() +
                          "CREATE VIRTUAL TABLE bare USING fts5(note, content='');\n"
                          "CREATE VIRTUAL TABLE over_items USING fts4(name, content=\"items\");\n"
                          // A module this SQLite lacks, and a table that may be its data.
                          "CREATE TABLE custom_store (x);\n"
                          "PRAGMA writable_schema = ON;\n"
                          "INSERT INTO sqlite_master VALUES ('table', 'custom', 'custom', 0, "
                          "'CREATE VIRTUAL TABLE custom USING mymodule(a, b)');\n");
  std::vector<std::string> warnings;
  SourceOptions options;
  options.on_warning = [&warnings](const std::string& text) { warnings.push_back(text); };
  auto source = open_source(path, options);
  const Metadata metadata = source->describe();

  std::vector<std::string> names;
  for (const TableMeta& table : metadata.tables) names.push_back(table.name);
  EXPECT_EQ(names, (std::vector<std::string>{"items", "docs"}));  // no docs_data, places_node...

  const TableMeta& docs = metadata.table("docs");
  EXPECT_EQ(docs.virtual_module, "fts5(title, body)");
  ASSERT_EQ(docs.columns.size(), 2u);  // the hidden `docs` and `rank` columns are not data
  EXPECT_EQ(source->read_table(docs).num_rows(), 300u);

  const TableMeta& items = metadata.table("items");
  ASSERT_NE(items.find_column("total"), nullptr);
  EXPECT_EQ(items.find_column("total")->generated, "price * qty");
  EXPECT_TRUE(items.find_column("total")->generated_stored);
  EXPECT_FALSE(items.find_column("total")->nullable);
  ASSERT_NE(items.find_column("label"), nullptr);
  EXPECT_EQ(items.find_column("label")->generated, "upper(name) || \"!\"");
  EXPECT_FALSE(items.find_column("label")->generated_stored);
  EXPECT_TRUE(items.find_column("price")->generated.empty());

  // Each skipped virtual table is named with why.
  auto warned = [&warnings](const std::string& part) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&part](const std::string& w) { return w.find(part) != std::string::npos; });
  };
  EXPECT_TRUE(warned("\"places\" (rtree)")) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(warned("\"bare\" (fts5): it is contentless")) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(warned("\"over_items\" (fts4): it indexes the table \"items\""))
      << ::testing::PrintToString(warnings);
  EXPECT_TRUE(warned("\"custom\" (mymodule)")) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(warned("shadow tables: \"custom_store\"")) << ::testing::PrintToString(warnings);

  // A metadata file that still lists a shadow table (the FTS index) is refused, not read.
  TableMeta shadow;
  shadow.name = "docs_data";
  shadow.columns.resize(2);
  shadow.columns[0].name = "id";
  shadow.columns[0].type = DataType::Int64;
  shadow.columns[1].name = "block";
  shadow.columns[1].type = DataType::Binary;
  try {
    source->read_table(shadow);
    FAIL() << "read a shadow table";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("\"docs_data\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("shadow"), std::string::npos) << e.what();
  }
}

// SQLite reads `SELECT "nocol" FROM t` as the string 'nocol' when t has no such column.
TEST(SqliteVirtual, AMissingColumnIsAnErrorNotItsOwnName) {
  TempDir dir;
  const std::string path = dir.file("t.sqlite");
  create_sqlite(path, "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2);");
  auto source = open_source(path);
  TableMeta meta = source->describe().table("t");
  ColumnMeta missing;
  missing.name = "nocol";
  meta.columns.push_back(missing);
  try {
    const Table table = source->read_table(meta);
    FAIL() << "read " << table.num_rows() << " rows of a column the table lacks";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nocol"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"t\""), std::string::npos) << e.what();
  }
}

TEST(SqliteVirtual, MetadataJsonKeepsGeneratedColumnsAndTheModule) {
  Metadata metadata;
  TableMeta table;
  table.name = "items";
  table.virtual_module = "fts5(a, tokenize='porter')";
  ColumnMeta a, b;
  a.name = "a";
  b.name = "b";
  b.generated = "a || 'x'";
  b.generated_stored = true;
  table.columns = {a, b};
  metadata.tables.push_back(table);
  const Metadata back = metadata_from_json(to_json(metadata));
  EXPECT_EQ(back.tables[0].virtual_module, "fts5(a, tokenize='porter')");
  EXPECT_TRUE(back.tables[0].columns[0].generated.empty());
  EXPECT_EQ(back.tables[0].columns[1].generated, "a || 'x'");
  EXPECT_TRUE(back.tables[0].columns[1].generated_stored);
}

// Checks what `relsynth` wrote from source_script(): the FTS table rebuilt over synthetic text,
// no shadow table copied as data, no R*Tree, generated columns generated and computed.
void expect_safe_twin(const std::string& out) {
  // Shadow tables exist only as the new FTS table's own (type 'shadow'), none as a data table.
  EXPECT_EQ(query_int(out,
                      "SELECT count(*) FROM pragma_table_list WHERE name LIKE 'docs\\_%' "
                      "ESCAPE '\\' AND type <> 'shadow'"),
            0);
  EXPECT_EQ(query_int(out,
                      "SELECT count(*) FROM pragma_table_list WHERE name = 'docs' "
                      "AND type = 'virtual'"),
            1);
  EXPECT_EQ(query_int(out, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'places%'"), 0);
  EXPECT_GT(query_int(out, "SELECT count(*) FROM docs"), 100);
  // The index answers for words of the synthetic text, never for a word only the source had.
  int64_t common = 0;
  for (const std::string& word : kWords)
    common += query_int(out, "SELECT count(*) FROM docs WHERE docs MATCH '" + word + "'");
  EXPECT_GT(common, 100);
  EXPECT_EQ(query_int(out, "SELECT count(*) FROM docs WHERE docs MATCH '" + kRealOnly + "'"), 0);

  // Generated columns: declared generated (hidden 3 = STORED, 2 = VIRTUAL) and computed.
  EXPECT_EQ(query_int(out, "SELECT hidden FROM pragma_table_xinfo('items') WHERE name = 'total'"),
            3);
  EXPECT_EQ(query_int(out, "SELECT hidden FROM pragma_table_xinfo('items') WHERE name = 'label'"),
            2);
  EXPECT_GT(query_int(out, "SELECT count(*) FROM items WHERE total > 0"), 100);
  EXPECT_EQ(query_int(out, "SELECT count(*) FROM items WHERE total IS NOT price * qty"), 0);
  EXPECT_EQ(query_int(out, "SELECT count(*) FROM items WHERE label IS NOT upper(name) || '!'"), 0);
  EXPECT_EQ(query_int(out, "SELECT count(*) FROM items WHERE status NOT IN ('new', 'done')"), 0);
}

TEST(SqliteVirtual, SynthRebuildsTheFtsIndexOverSyntheticWords) {
  TempDir dir;
  const std::string source = dir.file("source.sqlite");
  create_sqlite(source, source_script());
  ASSERT_EQ(query_int(source, "SELECT count(*) FROM docs WHERE docs MATCH '" + kRealOnly + "'"), 1);
  const std::string out = dir.file("twin.sqlite");
  std::string output;
  ASSERT_EQ(run_command(kCli + " synth " + source + " --to " + out + " --seed 3", &output), 0)
      << output;
  EXPECT_NE(output.find("skipped the virtual table \"places\" (rtree)"), std::string::npos)
      << output;
  expect_safe_twin(out);
}

// The same through a model file: the generated columns and the module live in its metadata.
TEST(SqliteVirtual, TrainThenGenerateKeepsThemThroughTheModelFile) {
  TempDir dir;
  const std::string source = dir.file("source.sqlite");
  create_sqlite(source, source_script());
  const std::string model = dir.file("m.rsm"), out = dir.file("twin.sqlite");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q train " + source + " -o " + model, &output), 0) << output;
  ASSERT_EQ(run_command(kCli + " -q generate " + model + " --to " + out, &output), 0) << output;
  expect_safe_twin(out);
}

}  // namespace
}  // namespace relsynth::testing
