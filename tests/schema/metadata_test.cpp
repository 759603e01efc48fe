#include "relsynth/metadata.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "relsynth/error.h"

namespace relsynth {
namespace {

ColumnMeta col(const std::string& name, DataType type, SDType sdtype, bool nullable = true) {
  ColumnMeta column;
  column.name = name;
  column.type = type;
  column.sdtype = sdtype;
  column.nullable = nullable;
  return column;
}

// stores <-> employees form a cycle; customers reference themselves; orders has two parents.
Metadata retail() {
  Metadata m;
  TableMeta stores{.name = "stores"};
  stores.columns = {col("store_id", DataType::Int64, SDType::Id, false),
                    col("manager_id", DataType::Int64, SDType::Id)};
  stores.primary_key = {"store_id"};
  stores.foreign_keys.push_back({{"manager_id"}, "employees", {"employee_id"}});
  TableMeta employees{.name = "employees"};
  employees.columns = {col("employee_id", DataType::Int64, SDType::Id, false),
                       col("store_id", DataType::Int64, SDType::Id, false)};
  employees.primary_key = {"employee_id"};
  employees.foreign_keys.push_back({{"store_id"}, "stores", {"store_id"}});
  TableMeta customers{.name = "my \"customers\""};
  customers.columns = {col("id", DataType::Int64, SDType::Id, false),
                       col("referred_by", DataType::Int64, SDType::Id),
                       col("email", DataType::String, SDType::Email)};
  customers.primary_key = {"id"};
  customers.foreign_keys.push_back({{"referred_by"}, "my \"customers\"", {"id"}});
  TableMeta orders{.name = "orders"};
  orders.columns = {col("order_id", DataType::Int64, SDType::Id, false),
                    col("customer_id", DataType::Int64, SDType::Id, false),
                    col("store_id", DataType::Int64, SDType::Id, false),
                    col("placed", DataType::DateTime, SDType::Datetime)};
  orders.columns[3].format = "%Y-%m-%d %H:%M:%S";
  orders.primary_key = {"order_id"};
  orders.foreign_keys.push_back({{"customer_id"}, "my \"customers\"", {"id"}});
  orders.foreign_keys.push_back({{"store_id"}, "stores", {"store_id"}});
  TableMeta lonely{.name = "settings"};
  lonely.columns = {col("k", DataType::String, SDType::Categorical)};
  m.tables = {orders, stores, employees, customers, lonely};
  return m;
}

TEST(Metadata, JsonRoundTrip) {
  Metadata m = retail();
  m.tables[0].checks = {"order_id > 0"};
  m.tables[0].unique_constraints.push_back({{"customer_id", "placed"}});
  m.tables[0].indexes.push_back({"ix_orders_placed", {"placed"}, false});
  m.tables[0].columns[0].default_value = "0";
  Metadata back = metadata_from_json(to_json(m));
  EXPECT_EQ(to_json(back), to_json(m));
  EXPECT_EQ(back.tables[0].columns[3].format, "%Y-%m-%d %H:%M:%S");
  EXPECT_EQ(back.tables[3].name, "my \"customers\"");
}

TEST(Metadata, TreatmentsRoundTripAndPlainColumnsStayPlain) {
  Metadata m = retail();
  m.locale = "de_DE";
  m.tables[1].treatment = TableTreatment::Preserve;
  ColumnTreatment& email = m.tables[3].columns[2].treatment;
  email.kind = Treatment::Fake;
  email.generator = "email";
  email.locale = "fr_FR";
  ColumnTreatment& placed = m.tables[0].columns[3].treatment;
  placed.kind = Treatment::Mask;
  placed.keep_first = 4;
  placed.mask_char = "#";
  const std::string json = to_json(m);
  Metadata back = metadata_from_json(json);
  EXPECT_EQ(to_json(back), json);
  EXPECT_EQ(back.locale, "de_DE");
  EXPECT_EQ(back.tables[1].treatment, TableTreatment::Preserve);
  EXPECT_EQ(back.tables[3].columns[2].treatment, email);
  EXPECT_EQ(back.tables[0].columns[3].treatment, placed);
  EXPECT_TRUE(back.tables[3].columns[2].sensitive());   // an email
  EXPECT_FALSE(back.tables[0].columns[0].sensitive());  // an id
  // Untreated columns and tables write no treatment at all.
  EXPECT_EQ(to_json(retail()).find("treatment"), std::string::npos);
  try {
    metadata_from_json(R"({"tables":[{"name":"t","columns":[{"name":"a",
                          "treatment":{"kind":"scramble"}}]}]})");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  R"(table "t", column "a", field "treatment": unknown treatment "scramble")"),
              std::string::npos)
        << e.what();
  }
}

TEST(Metadata, JsonErrorsNameTheTableAndColumn) {
  try {
    metadata_from_json(R"({"tables":[{"name":"t","columns":[{"name":"a","sdtype":"colour"}]}]})");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  R"(table "t", column "a", field "sdtype": unknown sdtype "colour")"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(metadata_from_json("{not json"), InputError);
  EXPECT_THROW(metadata_from_json(R"({"relsynth_metadata_version": 99, "tables": []})"),
               InputError);
}

TEST(Metadata, SdvExportUsesSdvNames) {
  Metadata m = retail();
  auto sdv = nlohmann::json::parse(to_sdv_json(m));
  EXPECT_EQ(sdv["METADATA_SPEC_VERSION"], "V1");
  EXPECT_EQ(sdv["tables"]["orders"]["primary_key"], "order_id");
  EXPECT_EQ(sdv["tables"]["my \"customers\""]["columns"]["email"]["sdtype"], "email");
  EXPECT_EQ(sdv["tables"]["orders"]["columns"]["placed"]["datetime_format"], "%Y-%m-%d %H:%M:%S");
  ASSERT_EQ(sdv["relationships"].size(), 5u);
  EXPECT_EQ(sdv["relationships"][0]["child_table_name"], "orders");
  EXPECT_EQ(sdv["relationships"][0]["child_foreign_key"], "customer_id");
  Metadata back = metadata_from_sdv_json(to_sdv_json(m));
  EXPECT_EQ(back.tables.size(), m.tables.size());
  EXPECT_EQ(back.table("orders").foreign_keys.size(), 2u);
}

TEST(Metadata, SdvExportWritesCompositeKeysAsLists) {
  Metadata m = retail();
  m.tables[0].primary_key = {"order_id", "customer_id"};
  auto sdv = nlohmann::json::parse(to_sdv_json(m));
  EXPECT_TRUE(sdv["tables"]["orders"]["primary_key"].is_array());
}

TEST(Metadata, ValidMetadataHasOnlyWarnings) {
  auto issues = validate(retail());
  int cycles = 0, isolated = 0;
  for (const auto& issue : issues) {
    EXPECT_EQ(issue.severity, ValidationIssue::Severity::Warning) << issue.message;
    if (issue.message.find("cycle") != std::string::npos) ++cycles;
    if (issue.message.find("settings") != std::string::npos) ++isolated;
  }
  EXPECT_EQ(cycles, 1);
  EXPECT_EQ(isolated, 1);
}

TEST(Metadata, ValidationFindsBrokenReferences) {
  Metadata m = retail();
  m.tables[0].foreign_keys.push_back({{"customer_id"}, "nowhere", {"id"}});
  m.tables[0].foreign_keys.push_back({{"placed"}, "stores", {"manager_id"}});
  std::string all;
  for (const auto& issue : validate(m)) all += issue.message + "\n";
  EXPECT_NE(all.find("parent table does not exist"), std::string::npos) << all;
  EXPECT_NE(all.find("not a primary key or UNIQUE"), std::string::npos) << all;
  EXPECT_NE(all.find("type mismatch"), std::string::npos) << all;
  EXPECT_THROW(validate_or_throw(m), InputError);
}

TEST(KeyGraph, ParentsFirstAndCycleBrokenAtNullableEdge) {
  Metadata m = retail();
  KeyGraph graph = build_key_graph(m);
  auto position = [&](const std::string& name) {
    return std::find(graph.topological_order.begin(), graph.topological_order.end(), name) -
           graph.topological_order.begin();
  };
  ASSERT_EQ(graph.topological_order.size(), 5u);
  EXPECT_LT(position("my \"customers\""), position("orders"));
  EXPECT_LT(position("stores"), position("orders"));
  ASSERT_EQ(graph.cycle_breaks.size(), 1u);
  EXPECT_EQ(graph.cycle_breaks[0].first, "stores");  // manager_id is the nullable edge
  EXPECT_LT(position("stores"), position("employees"));
  EXPECT_EQ(graph.isolated_tables, std::vector<std::string>{"settings"});
}

}  // namespace
}  // namespace relsynth
