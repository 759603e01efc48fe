// Column and table treatments end to end (train, model file, generate): what each one writes,
// that no real value it hides reaches the output or the model file, and treatment_problems.
#include "synth/treatments.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/random.h"
#include "relsynth/error.h"
#include "synth/synth_support.h"
#include "synth/synthesis_model.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// The text of every row of `sql`'s first column (NULL as "<NULL>").
std::vector<std::string> texts(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  std::vector<std::string> out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << " in " << sql;
  } else {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      out.push_back(text ? reinterpret_cast<const char*>(text) : "<NULL>");
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A shop: 400 customers (personal: names and e-mails), 40 products keyed by SKU, 1,200 orders
// that repeat their customer's e-mail, 150 audit rows. Customers' regions are 8 common ones and
// 40 rare ones (1 or 2 customers each).
std::string shop_script() {
  const std::vector<std::string> first = {"Anna",  "Boris", "Chloe", "Dmitri", "Elena",
                                          "Farid", "Greta", "Hugo",  "Ines",   "Jonas"};
  const std::vector<std::string> last = {"Keller", "Lopez", "Moreau", "Nowak", "Olsen",
                                         "Petrov", "Quinn", "Rossi",  "Sato",  "Tanaka"};
  Rng rng(3);
  std::string script =
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, "
      "code TEXT, segment TEXT NOT NULL, region TEXT NOT NULL, card TEXT NOT NULL, note TEXT, "
      "score INTEGER NOT NULL);"
      "CREATE TABLE products (sku TEXT PRIMARY KEY, title TEXT NOT NULL, price REAL NOT NULL);"
      "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
      "customers(id), sku TEXT NOT NULL REFERENCES products(sku), email TEXT NOT NULL, "
      "amount REAL NOT NULL);"
      "CREATE TABLE audit (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), "
      "what TEXT NOT NULL);"
      "BEGIN;";
  std::vector<std::string> emails;
  for (int id = 1; id <= 400; ++id) {
    const std::string f = first[rng.uniform_int(first.size())];
    const std::string l = last[rng.uniform_int(last.size())];
    const std::string email = f + "." + l + std::to_string(id) + "@mail.example";
    emails.push_back(email);
    const std::string region = id <= 60 ? "Rare region " + std::to_string((id + 1) / 2 % 40)
                                        : "Region " + std::to_string(rng.uniform_int(8));
    std::string card = "4";
    for (int i = 0; i < 15; ++i) card += static_cast<char>('0' + rng.uniform_int(10));
    std::string code;
    for (int i = 0; i < 6; ++i) code += static_cast<char>('a' + rng.uniform_int(26));
    script += "INSERT INTO customers VALUES (" + std::to_string(id) + ", '" + f + " " + l + "', '" +
              email + "', '" + code + "', '" +
              std::string(rng.uniform_int(2) ? "retail" : "business") + "', '" + region + "', '" +
              card + "', " + (rng.uniform_int(3) ? "'call back'" : "NULL") + ", " +
              std::to_string(rng.uniform_int(100)) + ");";
  }
  for (int p = 1; p <= 40; ++p)
    script += "INSERT INTO products VALUES ('P" + std::to_string(1000 + p) + "', 'Product " +
              std::to_string(p) + "', " + std::to_string(5 + p) + ".5);";
  for (int id = 1; id <= 1200; ++id) {
    const size_t customer = 1 + rng.uniform_int(400);
    script += "INSERT INTO orders VALUES (" + std::to_string(id) + ", " + std::to_string(customer) +
              ", 'P" + std::to_string(1001 + rng.uniform_int(40)) + "', '" + emails[customer - 1] +
              "', " + std::to_string(10 + rng.uniform_int(90)) + ".25);";
  }
  for (int id = 1; id <= 150; ++id)
    script += "INSERT INTO audit VALUES (" + std::to_string(id) + ", " +
              std::to_string(1 + rng.uniform_int(400)) + ", 'viewed');";
  return script + "COMMIT;";
}

class Treatments : public ::testing::Test {
 protected:
  void SetUp() override {
    real_ = dir_.file("real.sqlite");
    create_sqlite(real_, shop_script());
    source_ = load(real_);
    setenv("RELSYNTH_HASH_SECRET", "correct horse", 1);
  }
  void TearDown() override { unsetenv("RELSYNTH_HASH_SECRET"); }

  ColumnTreatment& treat(const std::string& table, const std::string& column, Treatment kind) {
    ColumnTreatment& t = source_.metadata.find_table(table)->find_column(column)->treatment;
    t.kind = kind;
    return t;
  }
  // Trains through a model file and generates; returns the output's path.
  std::string run(const std::string& name, uint64_t seed = 42) {
    const std::string out = dir_.file(name + ".sqlite");
    model_ = dir_.file(name + ".rsm");
    Progress quiet(true);
    TrainOptions train_options;
    train_options.seed = seed;
    train(source_.metadata, source_.data, train_options, quiet).save(model_);
    auto sink = open_destination(out);
    GenerateOptions generate_options;
    generate_options.seed = seed;
    generate(Model::load(model_), generate_options, *sink, quiet);
    return out;
  }
  std::vector<std::string> real_values(const std::string& sql) const { return texts(real_, sql); }

  TempDir dir_;
  std::string real_, model_;
  SourceData source_;
};

TEST_F(Treatments, PatternSpellsDistinctValuesAndKeysThatChildrenReference) {
  treat("customers", "code", Treatment::Pattern).pattern = "[A-Z]{3}-\\d{5}";
  source_.metadata.find_table("customers")->find_column("code")->treatment.unique = true;
  treat("products", "sku", Treatment::Pattern).pattern = "SKU-(EU|US)[0-9A-F]{4}";
  treat("customers", "id", Treatment::Pattern).pattern = "7\\d{4}";
  const std::string out = run("pattern");
  expect_integrity(source_.metadata, out);

  const std::regex code("[A-Z]{3}-[0-9]{5}"), sku("SKU-(EU|US)[0-9A-F]{4}"), id("7[0-9]{4}");
  const std::vector<std::string> codes = texts(out, "SELECT code FROM customers");
  std::set<std::string> distinct;
  for (const std::string& value : codes) {
    if (value == "<NULL>") continue;
    EXPECT_TRUE(std::regex_match(value, code)) << value;
    EXPECT_TRUE(distinct.insert(value).second) << "repeated " << value;
  }
  EXPECT_GT(distinct.size(), 100u);
  for (const std::string& value : texts(out, "SELECT sku FROM products"))
    EXPECT_TRUE(std::regex_match(value, sku)) << value;
  for (const std::string& value : texts(out, "SELECT id FROM customers"))
    EXPECT_TRUE(std::regex_match(value, id)) << value;
  // Children reference the generated keys, in their format.
  EXPECT_GT(query_int(out, "SELECT COUNT(*) FROM orders"), 0);
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(*) FROM orders WHERE sku NOT IN (SELECT sku FROM "
                      "products) OR customer_id NOT IN (SELECT id FROM customers)"),
            0);
}

TEST_F(Treatments, APatternWithTooFewValuesIsAnErrorNamingItsCount) {
  treat("products", "sku", Treatment::Pattern).pattern = "SKU-\\d";
  try {
    run("few");
    FAIL() << "10 SKUs for 40 products";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"products\", column \"sku\": treatment pattern: "
                                         "pattern \"SKU-\\d\" spells 10 distinct values, fewer "
                                         "than the table's 40 rows"),
              std::string::npos)
        << e.what();
  }
  // Enough for the source, not for three times its size: generation says so.
  treat("products", "sku", Treatment::Pattern).pattern = "SKU-\\d{2}";
  Progress quiet(true);
  Model model = train(source_.metadata, source_.data, {}, quiet);
  GenerateOptions options;
  options.scale = 3;
  auto sink = open_destination(dir_.file("scaled.sqlite"));
  try {
    generate(model, options, *sink, quiet);
    FAIL() << "100 SKUs for 120 products";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"products\", column \"sku\": pattern "
                                         "\"SKU-\\d{2}\" spells 100 distinct values, and row 10"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(Treatments, HashGivesEqualPseudonymsAcrossTablesAndRunsAndHidesRealValues) {
  treat("customers", "email", Treatment::Hash);
  treat("orders", "email", Treatment::Hash);
  std::map<std::string, std::string> real_of;  // pseudonym -> real e-mail
  const std::vector<std::string> real_emails = real_values("SELECT email FROM customers");
  for (const std::string& email : real_emails)
    real_of[pseudonym(email, "correct horse", kHashHexDigits)] = email;

  const std::string first = run("hash1", 1);
  const std::string model_bytes = file_bytes(model_);
  const std::string second = run("hash2", 2);
  std::set<std::string> customers, orders;
  for (const std::string& out : {first, second}) {
    for (const std::string& value : texts(out, "SELECT email FROM customers")) {
      EXPECT_EQ(value.size(), kHashHexDigits);
      EXPECT_TRUE(real_of.count(value)) << value << " is no real e-mail's pseudonym";
      customers.insert(value);
    }
    for (const std::string& value : texts(out, "SELECT email FROM orders")) {
      EXPECT_TRUE(real_of.count(value)) << value << " is no real e-mail's pseudonym";
      orders.insert(value);
    }
  }
  // One e-mail, one pseudonym: the orders' pseudonyms are the customers' (a join survives).
  size_t shared = 0;
  for (const std::string& value : orders) shared += customers.count(value);
  EXPECT_GT(shared, orders.size() / 2);
  // The real e-mails are nowhere: not in the output, not in the model file.
  for (const std::string& email : real_emails) {
    ASSERT_EQ(model_bytes.find(email), std::string::npos) << email;
    EXPECT_EQ(query_int(first, "SELECT COUNT(*) FROM orders WHERE email = '" + email + "'"), 0);
  }
  // Another secret, other pseudonyms.
  setenv("RELSYNTH_HASH_SECRET", "another secret", 1);
  for (const std::string& value : texts(run("hash3"), "SELECT email FROM customers"))
    EXPECT_FALSE(real_of.count(value)) << value;
}

TEST(TreatmentsHash, PseudonymsAreHmacSha256) {
  // RFC 4231, test case 2.
  EXPECT_EQ(pseudonym("what do ya want for nothing?", "Jefe", 64),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(pseudonym("what do ya want for nothing?", "Jefe", kHashHexDigits),
            "5bdcc146bf60754e6a04");
}

TEST_F(Treatments, HashedIntegersAreTheDigestsFirst53Bits) {
  treat("customers", "score", Treatment::Hash);
  std::set<std::string> expected;
  for (const std::string& score : real_values("SELECT DISTINCT score FROM customers")) {
    const std::string hex = pseudonym(score, "correct horse", 16);
    expected.insert(std::to_string(std::stoull(hex, nullptr, 16) >> 11));
  }
  const std::vector<std::string> scores = texts(run("hash_int"), "SELECT score FROM customers");
  ASSERT_FALSE(scores.empty());
  for (const std::string& score : scores) EXPECT_TRUE(expected.count(score)) << score;
}

TEST_F(Treatments, HashWithoutItsSecretIsAnErrorNamingTheVariable) {
  treat("customers", "email", Treatment::Hash).secret_env = "SHOP_SECRET";
  try {
    run("nosecret");
    FAIL() << "hashed without a secret";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"customers\", column \"email\": treatment hash "
                                         "reads its secret from the environment variable "
                                         "SHOP_SECRET, which is not set or empty"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(Treatments, MaskKeepsTheLastCharactersOnly) {
  ColumnTreatment& t = treat("customers", "card", Treatment::Mask);
  t.keep_last = 4;
  const std::string out = run("mask");
  std::set<std::string> real_ends;
  const std::vector<std::string> cards = real_values("SELECT card FROM customers");
  for (const std::string& card : cards) real_ends.insert(card.substr(12));
  for (const std::string& value : texts(out, "SELECT card FROM customers")) {
    ASSERT_EQ(value.size(), 16u) << value;
    EXPECT_EQ(value.substr(0, 12), std::string(12, '*'));
    EXPECT_TRUE(real_ends.count(value.substr(12))) << value;
  }
  const std::string model_bytes = file_bytes(model_);
  for (const std::string& card : cards) ASSERT_EQ(model_bytes.find(card), std::string::npos);
  EXPECT_EQ(masked("Zoë Sato", 1, 2, "#"), "Z#####to");
  EXPECT_EQ(masked("abc", 2, 2, "*"), "***");  // too short to keep anything
}

TEST_F(Treatments, KeepReproducesRareValuesThatAutoHides) {
  std::set<std::string> rare;
  for (const std::string& region :
       real_values("SELECT region FROM customers GROUP BY region HAVING COUNT(*) < 5"))
    rare.insert(region);
  ASSERT_EQ(rare.size(), 30u);
  // Not a category label: in a table about people its rare values would single someone out.
  source_.metadata.find_table("customers")->find_column("region")->sdtype = SDType::Text;
  auto rare_in = [&](const std::string& out) {
    size_t count = 0;
    for (const std::string& value : texts(out, "SELECT region FROM customers"))
      count += rare.count(value);
    return count;
  };
  EXPECT_EQ(rare_in(run("auto")), 0u);  // a table about people: rare values stay behind
  treat("customers", "region", Treatment::Keep);
  const std::string out = run("keep");
  EXPECT_GT(rare_in(out), 20u);
  const std::vector<std::string> regions = real_values("SELECT region FROM customers");
  const std::set<std::string> real(regions.begin(), regions.end());
  for (const std::string& value : texts(out, "SELECT region FROM customers"))
    EXPECT_TRUE(real.count(value)) << value;
}

TEST_F(Treatments, ConstantNullAndExcludedColumns) {
  treat("customers", "segment", Treatment::Constant).value = "retail";
  treat("customers", "score", Treatment::Constant).value = "7";
  treat("customers", "note", Treatment::Null);
  treat("audit", "what", Treatment::Exclude);
  const std::string out = run("fixed");
  EXPECT_GT(query_int(out, "SELECT COUNT(*) FROM customers"), 0);
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(*) FROM customers WHERE segment IS NOT 'retail' OR "
                      "score IS NOT 7 OR note IS NOT NULL"),
            0);
  EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM pragma_table_info('audit') WHERE name = 'what'"),
            0);
  EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM pragma_table_info('audit')"), 2);
}

TEST_F(Treatments, PreservedAndExcludedTables) {
  source_.metadata.find_table("products")->treatment = TableTreatment::Preserve;
  source_.metadata.find_table("audit")->treatment = TableTreatment::Exclude;
  const std::string out = run("tables");
  EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit'"), 0);
  EXPECT_EQ(texts(out, "SELECT sku || title || price FROM products ORDER BY sku"),
            real_values("SELECT sku || title || price FROM products ORDER BY sku"));
}

TEST_F(Treatments, APreservedTableTakesConstantsButNotGeneratedValues) {
  source_.metadata.find_table("products")->treatment = TableTreatment::Preserve;
  treat("products", "title", Treatment::Constant).value = "catalogue item";
  const std::string out = run("preserved_constant");
  EXPECT_EQ(texts(out, "SELECT DISTINCT title FROM products"),
            std::vector<std::string>{"catalogue item"});
  EXPECT_EQ(texts(out, "SELECT sku || price FROM products ORDER BY sku"),
            real_values("SELECT sku || price FROM products ORDER BY sku"));
  treat("products", "title", Treatment::Pattern).pattern = "T\\d{3}";
  EXPECT_EQ(treatment_problems(source_.metadata),
            std::vector<std::string>{
                "table \"products\", column \"title\": treatment pattern cannot apply: the table "
                "is preserved (copied as it is); use hash, mask, constant, null or exclude, or "
                "synthesize the table"});
}

TEST(TreatmentsComputed, ExcludingAColumnAComputedOneReadsIsAProblem) {
  Metadata metadata;
  TableMeta table;
  table.name = "lines";
  ColumnMeta price, quantity, total;
  price.name = "price";
  quantity.name = "quantity";
  total.name = "total";
  total.generated = "price * quantity";
  price.treatment.kind = Treatment::Exclude;
  table.columns = {price, quantity, total};
  metadata.tables.push_back(table);
  EXPECT_EQ(treatment_problems(metadata),
            std::vector<std::string>{"table \"lines\", column \"price\": treatment exclude: the "
                                     "computed column \"total\" reads it (price * quantity); "
                                     "exclude that column too"});
  metadata.tables[0].columns[2].treatment.kind = Treatment::Exclude;
  EXPECT_TRUE(treatment_problems(metadata).empty());
}

TEST(TreatmentsSmallTables, ASmallLookupTableWithAPatternIsGeneratedNotCopied) {
  TempDir dir;
  std::string script = "CREATE TABLE regions (id INTEGER PRIMARY KEY, code TEXT NOT NULL);";
  for (int id = 1; id <= 12; ++id)
    script += "INSERT INTO regions VALUES (" + std::to_string(id) + ", 'north" +
              std::to_string(id) + "');";
  const std::string real = dir.file("real.sqlite"), out = dir.file("out.sqlite");
  create_sqlite(real, script);
  SourceData source = load(real);
  ColumnTreatment& t = source.metadata.find_table("regions")->find_column("code")->treatment;
  t.kind = Treatment::Pattern;
  t.pattern = "R-\\d{3}";
  t.unique = true;
  synthesize(source, out);
  EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM regions"), 12);
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(DISTINCT code) FROM regions WHERE code GLOB "
                      "'R-[0-9][0-9][0-9]'"),
            12);
}

TEST_F(Treatments, SynthesizeModelsAPersonalColumnWithoutCopyingRareValues) {
  treat("customers", "name", Treatment::Synthesize);
  const std::string out = run("synthesize");
  const Model model = Model::load(model_);
  const SynthesisModel& impl = model.impl();
  const int t = impl.table_index("customers");
  const int c = impl.metadata.tables[t].column_index("name");
  EXPECT_EQ(impl.tables[t].roles[c], ColumnRole::Modelled);
  std::map<std::string, int> counts;
  for (const std::string& name : real_values("SELECT name FROM customers")) ++counts[name];
  for (const std::string& name : texts(out, "SELECT name FROM customers")) {
    auto real = counts.find(name);
    EXPECT_TRUE(real == counts.end() || real->second >= 5) << name << " is a rare real name";
  }
}

TEST_F(Treatments, SameSeedSameOutputWhateverThreadsAndBatches) {
  treat("customers", "code", Treatment::Pattern).pattern = "[A-Z]{2}\\d{4}";
  treat("customers", "email", Treatment::Hash);
  treat("customers", "card", Treatment::Mask).keep_first = 2;
  treat("customers", "region", Treatment::Keep);
  const auto [a, b] = dumps_across_threads_and_batches(source_, dir_.path().string(), 97);
  EXPECT_EQ(a, b);
}

TEST_F(Treatments, ProblemsListEveryMistakeWithItsFix) {
  treat("customers", "email", Treatment::Keep);
  treat("customers", "code", Treatment::Pattern).pattern = "[A-Z";
  treat("customers", "score", Treatment::Mask);
  treat("customers", "segment", Treatment::Null);
  treat("customers", "note", Treatment::Constant);  // "" is a string: fine
  treat("orders", "amount", Treatment::Constant).value = "lots";
  treat("orders", "customer_id", Treatment::Hash);
  treat("orders", "email", Treatment::Hash).secret_env = "NO_SUCH_SECRET_VARIABLE";
  treat("customers", "id", Treatment::Exclude);
  treat("products", "sku", Treatment::Keep);
  const std::vector<std::string> expected = {
      "table \"customers\", column \"id\": treatment exclude on a column of the primary key "
      "(id): unset the primary key first, or exclude the whole table",
      "table \"customers\", column \"id\": treatment exclude: the column is referenced by the "
      "foreign key orders(customer_id) -> customers(id); remove that foreign key first",
      "table \"customers\", column \"id\": treatment exclude: the column is referenced by the "
      "foreign key audit(customer_id) -> customers(id); remove that foreign key first",
      "table \"customers\", column \"email\": treatment keep is not allowed on a sensitive "
      "column; use fake, hash or mask, or set allow_sensitive: true",
      "table \"customers\", column \"code\": treatment pattern: pattern \"[A-Z\" is not valid: "
      "at character 1: '[' is never closed",
      "table \"customers\", column \"segment\": treatment null on a NOT NULL column; use "
      "constant or exclude",
      "table \"customers\", column \"score\": treatment mask applies to string columns, not "
      "int64 ones; use constant, null or hash",
      "table \"products\", column \"sku\": treatment keep on the primary key: keys are "
      "generated, never copied; use pattern to set their format",
      "table \"orders\", column \"customer_id\": treatment hash on a column of the foreign key "
      "(customer_id) -> customers: its values are the parent's keys; treat customers's key "
      "instead (pattern sets its format)",
      "table \"orders\", column \"email\": treatment hash reads its secret from the environment "
      "variable NO_SUCH_SECRET_VARIABLE, which is not set or empty; set it (the same secret "
      "gives the same pseudonyms in every table and run)",
      "table \"orders\", column \"amount\": treatment constant: value \"lots\" is not a float64 "
      "value; give one the column can hold",
  };
  EXPECT_EQ(treatment_problems(source_.metadata), expected);
  // train() refuses them all at once.
  try {
    run("bad");
    FAIL() << "trained with bad treatments";
  } catch (const UsageError& e) {
    for (const std::string& problem : expected)
      EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << problem;
  }
  // Allowed explicitly, keep on a sensitive column is no problem.
  source_.metadata.find_table("customers")->find_column("email")->treatment.allow_sensitive = true;
  EXPECT_EQ(treatment_problems(source_.metadata).size(), expected.size() - 1);
}

TEST_F(Treatments, APreservedTableNeedsItsParentsPreservedAndSomeTableKept) {
  source_.metadata.find_table("audit")->treatment = TableTreatment::Preserve;
  EXPECT_EQ(treatment_problems(source_.metadata),
            std::vector<std::string>{
                "table \"audit\": preserved (treatment preserve or --preserve), its rows keep "
                "keys (customer_id) that name real rows of customers; preserve customers too"});
  source_.metadata.find_table("customers")->treatment = TableTreatment::Preserve;
  EXPECT_TRUE(treatment_problems(source_.metadata).empty());
  // An excluded parent needs its children excluded too (or their key removed).
  source_.metadata.find_table("products")->treatment = TableTreatment::Exclude;
  EXPECT_EQ(treatment_problems(source_.metadata),
            std::vector<std::string>{
                "table \"orders\": its foreign key (sku) references table \"products\", which "
                "is excluded; exclude this table too, keep the parent, or remove the key"});
  for (TableMeta& table : source_.metadata.tables) table.treatment = TableTreatment::Exclude;
  EXPECT_EQ(
      treatment_problems(source_.metadata),
      std::vector<std::string>{"every table has treatment exclude: nothing is left to synthesize"});
}

TEST_F(Treatments, ExcludingAColumnDropsTheRulesThatReadIt) {
  Rule rule;
  rule.kind = RuleKind::Order;
  rule.target = "amount";
  rule.columns = {"id"};
  rule.op = "<=";
  rule.origin = "declared";
  TableMeta& orders = *source_.metadata.find_table("orders");
  orders.rules.push_back(rule);
  source_.metadata.rules_known = true;
  treat("orders", "amount", Treatment::Exclude);
  const TreatedSource treated = apply_treatments(source_.metadata, source_.data, {});
  const TableMeta& kept = *treated.metadata.find_table("orders");
  EXPECT_EQ(kept.find_column("amount"), nullptr);
  for (const Rule& r : kept.rules) EXPECT_NE(r.target, "amount");
  ASSERT_TRUE(treated.data);
  EXPECT_EQ(treated.data->table("orders").find_column("amount"), nullptr);
  bool said = false;
  for (const std::string& warning : treated.warnings)
    said |=
        warning.find("is dropped: column orders.amount has treatment exclude") != std::string::npos;
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace relsynth::testing
