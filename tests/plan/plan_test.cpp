// Plans: the settings declared once, the plan file's round trip, reading with every problem
// reported, validation, and the plan/validate commands on a real database.
#include "relsynth/plan.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

ColumnMeta column(const std::string& name, DataType type, SDType sdtype, bool nullable = true) {
  ColumnMeta out;
  out.name = name;
  out.type = type;
  out.sdtype = sdtype;
  out.nullable = nullable;
  return out;
}

// customers (a root, with an email) and their orders.
Metadata shop() {
  Metadata m;
  TableMeta customers{.name = "customers"};
  customers.columns = {column("id", DataType::Int64, SDType::Id, false),
                       column("email", DataType::String, SDType::Email),
                       column("segment", DataType::String, SDType::Categorical)};
  customers.primary_key = {"id"};
  TableMeta orders{.name = "orders"};
  orders.columns = {column("id", DataType::Int64, SDType::Id, false),
                    column("customer_id", DataType::Int64, SDType::Id, false),
                    column("total", DataType::Float64, SDType::Numerical)};
  orders.primary_key = {"id"};
  orders.foreign_keys.push_back({{"customer_id"}, "customers", {"id"}});
  m.tables = {customers, orders};
  return m;
}

bool mentions(const std::vector<PlanIssue>& issues, const std::string& where,
              const std::string& text) {
  for (const PlanIssue& issue : issues)
    if (issue.text().find(where) != std::string::npos &&
        issue.text().find(text) != std::string::npos)
      return true;
  return false;
}

std::string all_text(const std::vector<PlanIssue>& issues) {
  std::string out;
  for (const PlanIssue& issue : issues) out += issue.text() + "\n";
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Settings, EachDeclarationReadsAndWritesItsValue) {
  RunSettings settings;
  for (const Setting& setting : all_settings()) {
    const std::string value = setting.get(settings);
    EXPECT_EQ(setting.check(value), "") << setting.name() << " default " << value;
    setting.set(settings, value);
    EXPECT_EQ(setting.get(settings), value) << setting.name();
  }
  find_setting("training.trees")->set(settings, "25");
  EXPECT_EQ(settings.train.num_trees, 25);
  find_setting("generation.scale")->set(settings, "2.5");
  EXPECT_DOUBLE_EQ(settings.generate.scale, 2.5);
  find_setting("training.complete_parents")->set(settings, "true");
  EXPECT_TRUE(settings.complete_parents);
  EXPECT_EQ(find_setting("training.trees")->check("0"),
            "must be a whole number from 1 to 1000, got 0");
  EXPECT_NE(find_setting("training.holdout")->check("1"), "");
  EXPECT_NE(find_setting("source.encoding")->check("ebcdic"), "");
  try {
    find_setting("training.depth")->set(settings, "deep");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("training.depth (--depth)"), std::string::npos);
  }
  EXPECT_EQ(find_setting("training.treez"), nullptr);
}

// The docs' table is the one the declarations give: a new or changed setting updates it.
TEST(Settings, TheDocsTableIsGeneratedFromTheDeclarations) {
  const std::string docs = read_file(std::string(RELSYNTH_SOURCE_DIR) + "/docs/PLANS.md");
  EXPECT_NE(docs.find(settings_markdown()), std::string::npos)
      << "docs/PLANS.md's settings table is out of date; paste `relsynth settings --markdown`:\n"
      << settings_markdown();
}

TEST(Plan, YamlAndJsonRoundTrip) {
  Plan plan = default_plan("postgresql://ana:s3cret@db.example/shop", shop());
  plan.metadata.tables[0].columns[1].treatment.kind = Treatment::Fake;
  plan.metadata.tables[0].columns[1].treatment.locale = "de_DE";
  plan.metadata.tables[0].columns[2].treatment.kind = Treatment::Keep;
  plan.metadata.tables[0].treatment = TableTreatment::Synthesize;
  plan.rows["customers"] = 500;
  plan.metadata.tables[0].row_count = 1000;
  plan.settings.train.num_trees = 7;
  plan.settings.generate.seed = 99;
  plan.settings.generate.scale = 0.5;
  plan.destination = "out dir/shop.sqlite";
  plan.report_html = "report.html";
  for (const std::string& text : {plan_to_yaml(plan), plan_to_json(plan)}) {
    EXPECT_EQ(text.find("s3cret"), std::string::npos) << "the password is never written";
    std::vector<PlanIssue> issues;
    const Plan back = read_plan(text, "plan", issues);
    EXPECT_TRUE(issues.empty()) << all_text(issues) << text;
    EXPECT_EQ(back.source, "postgresql://ana@db.example/shop");
    EXPECT_EQ(to_json(back.metadata), to_json(plan.metadata)) << text;
    EXPECT_EQ(back.rows, plan.rows);
    EXPECT_EQ(back.ratios, plan.ratios);
    EXPECT_EQ(back.settings.train.num_trees, 7);
    EXPECT_EQ(back.settings.generate.seed, 99u);
    EXPECT_DOUBLE_EQ(back.settings.generate.scale, 0.5);
    EXPECT_EQ(back.destination, "out dir/shop.sqlite");
    EXPECT_EQ(back.report_html, "report.html");
    EXPECT_EQ(back.name, "shop");
  }
  // The YAML is for people: comments, and one line per column with its treatment.
  const std::string yaml = plan_to_yaml(plan);
  EXPECT_NE(yaml.find("# relsynth synthesis plan"), std::string::npos);
  EXPECT_NE(yaml.find("treatment: {kind: fake, locale: de_DE}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("treatment: keep}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("trees: 7  # Trees per column classifier"), std::string::npos) << yaml;
}

TEST(Plan, ReadingReportsEveryProblemAtOnce) {
  const std::string text = R"(relsynth_plan_version: 1
source: {uri: shop.sqlite, encodng: utf-8}
training: {trees: 0, treez: 3, seed: 5}
generation: {scale: -1}
destination: {uri: out.sqlite, overwrite: maybe}
metadata:
  tables:
    - name: customers
      rows: many
      primary_key: [id]
      columns:
        - {name: id, type: int64, sdtype: id, nullable: false}
        - {name: email, type: string, sdtype: email, treatmnet: fake}
)";
  std::vector<PlanIssue> issues;
  const Plan plan = read_plan(text, "shop.yaml", issues);
  EXPECT_TRUE(mentions(issues, "source", "unknown setting \"encodng\"")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "training.trees", "from 1 to 1000, got 0")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "training", "unknown setting \"treez\"")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "generation.scale", "above 0")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "destination.overwrite", "true or false")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "table \"customers\", rows", "whole number")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "column \"email\"", "unknown key \"treatmnet\""))
      << all_text(issues);
  EXPECT_EQ(issues.size(), 7u) << all_text(issues);
  EXPECT_EQ(plan.settings.train.seed, 5u);  // what is right is read
}

TEST(Plan, QuotedNullIsTheNullTreatmentABareNullIsNone) {
  const std::string text = R"(source: shop.sqlite
metadata:
  tables:
    - name: t
      columns:
        - {name: a, type: string, treatment: "null"}
        - {name: b, type: string, treatment: null}
        - {name: c, type: string, treatment: {kind: mask, keep_last: 4}}
)";
  std::vector<PlanIssue> issues;
  const Plan plan = read_plan(text, "t.yaml", issues);
  EXPECT_TRUE(issues.empty()) << all_text(issues);
  EXPECT_EQ(plan.metadata.tables[0].columns[0].treatment.kind, Treatment::Null);
  EXPECT_EQ(plan.metadata.tables[0].columns[1].treatment.kind, Treatment::Auto);
  EXPECT_EQ(plan.metadata.tables[0].columns[2].treatment.kind, Treatment::Mask);
  EXPECT_EQ(plan.metadata.tables[0].columns[2].treatment.keep_last, 4);
  // Written back, the null treatment is quoted.
  EXPECT_NE(plan_to_yaml(plan).find("treatment: \"null\""), std::string::npos);
}

TEST(Plan, SyntaxErrorsNameTheLine) {
  std::vector<PlanIssue> issues;
  try {
    read_plan("source: shop.sqlite\ntraining: {trees: 3\nmetadata: {}\n", "bad.yaml", issues);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("plan bad.yaml, line "), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_plan("source: shop.sqlite\n", "empty.yaml", issues), InputError);
  EXPECT_THROW(read_plan("relsynth_plan_version: 9\nmetadata: {tables: []}", "new.yaml", issues),
               InputError);
}

// A key typed twice (a second `trees:` added below the first) is an error naming its line:
// YAML forbids it, and yaml-cpp would keep one of them without a word.
TEST(Plan, AKeyTwiceInAMappingIsAnErrorNamingItsLine) {
  std::vector<PlanIssue> issues;
  try {
    read_plan("source: shop.sqlite\ntraining:\n  trees: 10\n  depth: 4\n  trees: 50\n",
              "twice.yaml", issues);
    FAIL() << "the second trees: was accepted";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("plan twice.yaml, line 5"), std::string::npos) << message;
    EXPECT_NE(message.find("\"trees\" appears twice"), std::string::npos) << message;
  }
}

// A list or mapping where a text setting goes is an error, not the text "[1]".
TEST(Plan, AStructuredValueForATextSettingIsAnError) {
  std::vector<PlanIssue> issues;
  const Plan plan = read_plan(
      "source: {uri: data, \"null\": [NA, \"-\"]}\nmetadata:\n  tables: []\n", "list.yaml", issues);
  EXPECT_TRUE(mentions(issues, "source.null", "must be text, got [\"NA\",\"-\"]"))
      << all_text(issues);
  EXPECT_EQ(plan.settings.null_token, "");
}

TEST(Plan, ValidationNamesTableColumnAndFix) {
  Plan plan = default_plan("shop.sqlite", shop());
  plan.destination = "shop.sqlite";
  plan.metadata.tables[0].columns[1].treatment.kind = Treatment::Keep;     // a sensitive email
  plan.metadata.tables[1].columns[1].treatment.kind = Treatment::Exclude;  // a foreign key
  plan.metadata.tables[0].columns[2].treatment.kind = Treatment::Pattern;  // without a pattern
  plan.rows["orders"] = 10;                                                // not a root
  plan.metadata.tables[1].columns[2].treatment = {.kind = Treatment::Fake, .generator = "nickname"};
  plan.metadata.tables[1].columns[0].treatment.locale = "tlh_KL";
  std::vector<PlanIssue> issues = validate_plan(plan);
  EXPECT_TRUE(mentions(issues, "table \"customers\", column \"email\"",
                       "treatment keep is not allowed on a sensitive column; use fake"))
      << all_text(issues);
  EXPECT_TRUE(mentions(issues, "table \"orders\", column \"customer_id\"", "foreign key"))
      << all_text(issues);
  EXPECT_TRUE(mentions(issues, "column \"segment\"", "needs a pattern")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "table \"orders\", rows", "only a root table")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "destination", "never writes over its input")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "column \"total\"",
                       "unknown fake generator \"nickname\"; the generators are name, first_name"))
      << all_text(issues);
  EXPECT_TRUE(mentions(issues, "column \"id\"",
                       "no fake data for locale \"tlh_KL\"; the locales are en_US"))
      << all_text(issues);

  // A root table sized by a ratio of its source rows.
  Plan sized = default_plan("shop.sqlite", shop());
  sized.ratios["customers"] = 0.5;  // its source row count is unknown here
  sized.ratios["orders"] = 2;
  issues = validate_plan(sized);
  EXPECT_TRUE(mentions(issues, "table \"customers\", ratio", "row_count) is unknown"))
      << all_text(issues);
  EXPECT_TRUE(mentions(issues, "table \"orders\", ratio", "only a root table")) << all_text(issues);
  sized.ratios.erase("orders");
  sized.metadata.tables[0].row_count = 1000;
  EXPECT_TRUE(validate_plan(sized).empty() || !mentions(validate_plan(sized), "ratio", ""));
  std::vector<PlanIssue> read_issues;
  EXPECT_EQ(read_plan(plan_to_yaml(sized), "sized", read_issues).ratios, sized.ratios);
  EXPECT_TRUE(read_issues.empty()) << all_text(read_issues);

  // Excluding a parent that a kept table needs names both.
  Plan orphaned = default_plan("shop.sqlite", shop());
  orphaned.metadata.tables[0].treatment = TableTreatment::Exclude;
  issues = validate_plan(orphaned);
  EXPECT_TRUE(
      mentions(issues, "table \"orders\"", "references table \"customers\", which is excluded"))
      << all_text(issues);
  // A copied table's parents are copied too.
  Plan copied = default_plan("shop.sqlite", shop());
  copied.metadata.tables[1].treatment = TableTreatment::Preserve;
  issues = validate_plan(copied);
  EXPECT_TRUE(mentions(issues, "table \"orders\"", "preserve customers too")) << all_text(issues);
  copied.metadata.tables[0].treatment = TableTreatment::Preserve;
  EXPECT_FALSE(mentions(validate_plan(copied), "table \"orders\"", "preserved"));
  // With allow_sensitive, keep is accepted; against the source, unknown names are errors.
  Plan allowed = default_plan("shop.sqlite", shop());
  allowed.metadata.tables[0].columns[1].treatment.kind = Treatment::Keep;
  allowed.metadata.tables[0].columns[1].treatment.allow_sensitive = true;
  Metadata described = shop();
  described.tables[1].columns.pop_back();
  issues = validate_plan(allowed, &described);
  EXPECT_FALSE(mentions(issues, "email", "keep")) << all_text(issues);
  EXPECT_TRUE(mentions(issues, "table \"orders\", column \"total\"", "no such column"))
      << all_text(issues);
}

TEST(Plan, ItsNameIsTheSourcesName) {
  for (const char* source :
       {"shop.sqlite", "data/shop.db", "csv:data/shop/", "sqlite:/x/shop.sqlite3",
        "postgresql://u:pw@h:5432/shop?schema=sales", "mysql://u@h/shop"})
    EXPECT_EQ(default_plan(source, shop()).name, "shop") << source;
}

TEST(Plan, PasswordsAreLeftOut) {
  EXPECT_EQ(uri_without_password("mysql://root:pw@127.0.0.1:3306/db"),
            "mysql://root@127.0.0.1:3306/db");
  EXPECT_EQ(uri_without_password("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(uri_without_password("shop.sqlite"), "shop.sqlite");
}

// The commands on the demo database: a written plan validates, a broken one lists every problem.
TEST(PlanCommands, PlanThenValidate) {
  TempDir dir;
  const DemoModel demo = make_demo_model(dir, 60);
  const std::string plan = dir.file("plan.yaml");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q plan " + demo.database + " -o " + plan + " --to " +
                            dir.file("out.sqlite") + " --trees 4",
                        &output),
            0)
      << output;
  const std::string text = read_file(plan);
  EXPECT_NE(text.find("trees: 4"), std::string::npos);
  EXPECT_NE(text.find("- name: customers"), std::string::npos) << text;
  ASSERT_EQ(run_command(kCli + " validate " + plan, &output), 0) << output;
  EXPECT_NE(output.find("valid"), std::string::npos) << output;
  // The plan is never written over an input, nor over itself without a word.
  EXPECT_EQ(run_command(kCli + " -q plan " + demo.database + " -o " + demo.database, &output), 2);

  std::string broken = text;
  broken.replace(broken.find("trees: 4"), 8, "trees: 0");
  broken.replace(broken.find("- name: customers"), 17, "- name: clients");
  std::ofstream(dir.file("broken.yaml")) << broken;
  EXPECT_EQ(run_command(kCli + " validate " + dir.file("broken.yaml"), &output), 2) << output;
  EXPECT_NE(output.find("setting training.trees: must be a whole number from 1 to 1000, got 0"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("table \"clients\": the source has no such table"), std::string::npos)
      << output;
  // The same problems as JSON, for programs (the web app's inline alerts).
  EXPECT_EQ(run_command(kCli + " -q validate --json " + dir.file("broken.yaml") + " 2>/dev/null",
                        &output),
            2);
  const nlohmann::json json = nlohmann::json::parse(output, nullptr, false);
  ASSERT_TRUE(json.is_object()) << output;
  EXPECT_EQ(json["valid"], false);
  bool trees = false;
  for (const auto& issue : json["issues"])
    trees |= issue["where"] == "setting training.trees" && issue["severity"] == "error" &&
             issue["message"] == "must be a whole number from 1 to 1000, got 0";
  EXPECT_TRUE(trees) << output;
}

}  // namespace
}  // namespace relsynth::testing
