// Metadata inference on small hand-built databases: one rule per test.
#include "relsynth/inference.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "relsynth/error.h"

namespace relsynth {
namespace {

using OptInt = std::optional<int64_t>;
using OptStr = std::optional<std::string>;

Column int_column(const std::string& name, const std::vector<OptInt>& values) {
  Column column(name, DataType::Int64);
  for (const OptInt& v : values) v ? column.append_int(*v) : column.append_null();
  return column;
}

Column int_range(const std::string& name, int64_t from, int64_t count) {
  Column column(name, DataType::Int64);
  for (int64_t i = 0; i < count; ++i) column.append_int(from + i);
  return column;
}

Column string_column(const std::string& name, const std::vector<OptStr>& values) {
  Column column(name, DataType::String);
  for (const OptStr& v : values) v ? column.append_string(*v) : column.append_null();
  return column;
}

Column double_column(const std::string& name, const std::vector<double>& values) {
  Column column(name, DataType::Float64);
  for (double v : values) column.append_double(v);
  return column;
}

// `n` values cycling through `pool`.
std::vector<OptStr> cycle(const std::vector<std::string>& pool, size_t n) {
  std::vector<OptStr> out;
  for (size_t i = 0; i < n; ++i) out.emplace_back(pool[i % pool.size()]);
  return out;
}

std::vector<OptInt> cycle_ints(const std::vector<int64_t>& pool, size_t n) {
  std::vector<OptInt> out;
  for (size_t i = 0; i < n; ++i) out.emplace_back(pool[i % pool.size()]);
  return out;
}

// What a plain-file source describes: names and storage types, no keys.
Metadata describe_files(const Database& db) {
  Metadata metadata;
  metadata.keys_declared = false;
  for (const Table& table : db.tables()) {
    TableMeta meta;
    meta.name = table.name();
    for (const Column& column : table.columns()) {
      ColumnMeta c;
      c.name = column.name();
      c.type = column.type();
      c.format = column.format();
      meta.columns.push_back(c);
    }
    metadata.tables.push_back(meta);
  }
  return metadata;
}

const ColumnMeta& col(const Inspection& inspection, const std::string& table,
                      const std::string& column) {
  const ColumnMeta* meta = inspection.metadata.table(table).find_column(column);
  EXPECT_NE(meta, nullptr) << table << "." << column;
  return *meta;
}

bool has_warning(const Inspection& inspection, const std::string& text) {
  for (const std::string& warning : inspection.warnings)
    if (warning.find(text) != std::string::npos) return true;
  return false;
}

std::string all_warnings(const Inspection& inspection) {
  std::string out;
  for (const std::string& warning : inspection.warnings) out += warning + "\n";
  return out;
}

// ---- sdtypes ----

TEST(InferenceSdtype, PiiFromColumnNamesInSeveralStyles) {
  const size_t n = 40;
  std::vector<OptStr> people, streets, emails, phones, zips, sites, companies;
  for (size_t i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    people.emplace_back("Person " + k);
    streets.emplace_back(k + " Main Street");
    emails.emplace_back("user" + k + "@example.com");
    phones.emplace_back("(555) 010-" + std::to_string(1000 + i));
    zips.emplace_back(std::to_string(10000 + i * 7));
    sites.emplace_back("https://example.com/" + k);
    companies.emplace_back("Company " + k + " Ltd");
  }
  Table table("contacts");
  table.add_column(int_range("ContactId", 1, n));
  table.add_column(string_column("first_name", people));
  table.add_column(string_column("LastName", people));
  table.add_column(string_column("Street Address", streets));
  table.add_column(string_column("City", cycle({"Paris", "Lyon", "Rome"}, n)));
  table.add_column(string_column("country", cycle({"France", "Italy"}, n)));
  table.add_column(string_column("ZIP", zips));
  table.add_column(string_column("HomePhone", phones));
  table.add_column(string_column("fax", phones));
  table.add_column(string_column("EmailAddress", emails));
  table.add_column(string_column("website", sites));
  table.add_column(string_column("company_name", companies));
  table.add_column(string_column("State", cycle({"CA", "NY", "WA"}, n)));
  Database db;
  db.add_table(std::move(table));
  const Inspection inspection = infer_metadata(describe_files(db), db);

  const std::vector<std::pair<std::string, SDType>> expected = {
      {"ContactId", SDType::Id},     {"first_name", SDType::Name},
      {"LastName", SDType::Name},    {"Street Address", SDType::Address},
      {"City", SDType::City},        {"country", SDType::Country},
      {"ZIP", SDType::PostalCode},   {"HomePhone", SDType::Phone},
      {"fax", SDType::Phone},        {"EmailAddress", SDType::Email},
      {"website", SDType::Url},      {"company_name", SDType::OtherPii},
      {"State", SDType::Categorical}};
  for (const auto& [name, sdtype] : expected) {
    const ColumnMeta& c = col(inspection, "contacts", name);
    EXPECT_EQ(c.sdtype, sdtype) << name << ": " << to_string(c.sdtype) << " (" << c.sdtype_reason
                                << ")";
    EXPECT_FALSE(c.sdtype_reason.empty()) << name;
  }
  EXPECT_NE(col(inspection, "contacts", "City").sdtype_reason.find("name"), std::string::npos);
}

TEST(InferenceSdtype, ValuePatternsWithoutTellingNames) {
  const size_t n = 50;
  std::vector<OptStr> mails, links, phones;
  for (size_t i = 0; i < n; ++i) {
    mails.emplace_back("someone" + std::to_string(i) + "@mail.example.org");
    links.emplace_back("http://www.example.net/page/" + std::to_string(i));
    phones.emplace_back("+44 20 7946 " + std::to_string(1000 + i));
  }
  mails[3] = "not an address";  // 98% still says email
  Table table("things");
  table.add_column(string_column("contact", mails));
  table.add_column(string_column("ref", links));
  table.add_column(string_column("reach", phones));
  Database db;
  db.add_table(std::move(table));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  const ColumnMeta& contact = col(inspection, "things", "contact");
  EXPECT_EQ(contact.sdtype, SDType::Email);
  EXPECT_EQ(contact.sdtype_reason, "regex: email 98%");
  EXPECT_EQ(col(inspection, "things", "ref").sdtype, SDType::Url);
  EXPECT_EQ(col(inspection, "things", "reach").sdtype, SDType::Phone);
  EXPECT_NE(col(inspection, "things", "reach").sdtype_reason.find("regex: phone"),
            std::string::npos);
}

TEST(InferenceSdtype, StatisticalTypes) {
  const size_t n = 200;
  std::vector<OptStr> titles, notes, flags, colours;
  std::vector<OptInt> counts, bits, years, statuses;
  std::vector<double> prices;
  Column stamps("created", DataType::DateTime, "%Y-%m-%d %H:%M:%S");
  Column blobs("payload", DataType::Binary);
  for (size_t i = 0; i < n; ++i) {
    titles.emplace_back("The Title Number " + std::to_string(i));
    notes.emplace_back("a long free text note with many words about item " + std::to_string(i));
    flags.emplace_back(i % 3 ? "Y" : "N");
    colours.emplace_back(i % 4 == 0 ? "red" : i % 4 == 1 ? "green" : i % 4 == 2 ? "blue" : "black");
    counts.emplace_back(static_cast<int64_t>(i * 37 % 1009));
    bits.emplace_back(static_cast<int64_t>(i % 2));
    years.emplace_back(static_cast<int64_t>(1990 + i % 30));
    statuses.emplace_back(static_cast<int64_t>(i % 4 + 1));
    prices.push_back(9.99 + double(i) * 0.5);
    stamps.append_int(1'600'000'000'000'000 + int64_t(i) * 3'600'000'000);
    blobs.append_string(std::string("\x89PNG\x00\x01", 6) + std::to_string(i));
  }
  Table table("items");
  table.add_column(string_column("title", titles));
  table.add_column(string_column("remarks", notes));
  table.add_column(string_column("in_stock", flags));
  table.add_column(string_column("colour", colours));
  table.add_column(int_column("quantity", counts));
  table.add_column(int_column("is_new", bits));
  table.add_column(int_column("release_year", years));
  table.add_column(int_column("status", statuses));
  table.add_column(double_column("price", prices));
  table.add_column(std::move(stamps));
  table.add_column(std::move(blobs));
  Database db;
  db.add_table(std::move(table));
  const Inspection inspection = infer_metadata(describe_files(db), db);

  const std::vector<std::pair<std::string, SDType>> expected = {{"title", SDType::Text},
                                                                {"remarks", SDType::Text},
                                                                {"in_stock", SDType::Boolean},
                                                                {"colour", SDType::Categorical},
                                                                {"quantity", SDType::Numerical},
                                                                {"is_new", SDType::Boolean},
                                                                {"release_year", SDType::Numerical},
                                                                {"status", SDType::Categorical},
                                                                {"price", SDType::Numerical},
                                                                {"created", SDType::Datetime},
                                                                {"payload", SDType::Binary}};
  for (const auto& [name, sdtype] : expected) {
    const ColumnMeta& c = col(inspection, "items", name);
    EXPECT_EQ(c.sdtype, sdtype) << name << ": " << to_string(c.sdtype) << " (" << c.sdtype_reason
                                << ")";
  }
  EXPECT_EQ(col(inspection, "items", "colour").sdtype_reason, "distinct 4/200 -> categorical");
  EXPECT_EQ(col(inspection, "items", "quantity").sdtype_reason,
            "integer, 200 distinct -> numerical");
  EXPECT_EQ(col(inspection, "items", "in_stock").sdtype_reason, "values n/y -> boolean");
}

TEST(InferenceSdtype, NamesNeedTheRightWordsAndValues) {
  const size_t n = 60;
  std::vector<OptStr> streets, accounts, schools, people;
  std::vector<OptInt> epochs, hhmm, active;
  for (size_t i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    streets.emplace_back(k + " Harbour Road");
    accounts.emplace_back("10-4020-" + std::to_string(100000 + i));  // looks like a phone
    schools.emplace_back("Northern College of Arts " + k);
    people.emplace_back("Alex Example" + k);
    epochs.emplace_back(1'300'000'000 + int64_t(i) * 86'400);
    hhmm.emplace_back(int64_t(500 + i * 13 % 1800));
    active.emplace_back(1);
  }
  Table schools_table("schools");
  schools_table.add_column(string_column("ShipAddress", streets));  // "ship address", no IP
  schools_table.add_column(string_column("AccountNumber", accounts));
  schools_table.add_column(string_column("name_full", schools));  // no person
  schools_table.add_column(int_column("rated_at", epochs));
  schools_table.add_column(int_column("dep_time", hhmm));  // HHMM clock: numerical
  schools_table.add_column(int_column("active", active));  // a flag with one value
  Table players("players");
  players.add_column(string_column("name", people));
  players.add_column(string_column("nameFirst", people));
  Database db;
  db.add_table(std::move(schools_table));
  db.add_table(std::move(players));
  Metadata declared = describe_files(db);
  declared.tables[1].columns.push_back({});  // declared facts come first
  declared.tables[1].columns.back().name = "retired";
  declared.tables[1].columns.back().type = DataType::Int64;
  declared.tables[1].columns.back().sql_type = "BOOLEAN";
  const Inspection inspection = infer_metadata(declared, db);
  EXPECT_EQ(col(inspection, "players", "retired").sdtype, SDType::Boolean);
  EXPECT_EQ(col(inspection, "players", "retired").sdtype_reason, "declared BOOLEAN");
  const std::vector<std::tuple<std::string, std::string, SDType>> expected = {
      {"schools", "ShipAddress", SDType::Address}, {"schools", "AccountNumber", SDType::Id},
      {"schools", "name_full", SDType::Text},      {"schools", "rated_at", SDType::Datetime},
      {"schools", "dep_time", SDType::Numerical},  {"schools", "active", SDType::Boolean},
      {"players", "name", SDType::Name},           {"players", "nameFirst", SDType::Name}};
  for (const auto& [table, name, sdtype] : expected) {
    const ColumnMeta& c = col(inspection, table, name);
    EXPECT_EQ(c.sdtype, sdtype) << name << ": " << to_string(c.sdtype) << " (" << c.sdtype_reason
                                << ")";
  }
}

TEST(InferenceSdtype, CopiedPiiValuesFollowTheirSource) {
  // orders.ship_to repeats customers.company_name: the values say what the name does not.
  std::vector<std::string> companies;
  for (int i = 0; i < 12; ++i) companies.push_back("Trading House " + std::to_string(i));
  Table customers("customers");
  customers.add_column(int_range("customer_id", 1, 12));
  customers.add_column(string_column("company_name", cycle(companies, 12)));
  Table orders("orders");
  orders.add_column(int_range("order_id", 1, 120));
  orders.add_column(
      int_column("customer_id", cycle_ints({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 120)));
  orders.add_column(string_column("ship_to", cycle(companies, 120)));
  Database db;
  db.add_table(std::move(customers));
  db.add_table(std::move(orders));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  const ColumnMeta& ship_to = col(inspection, "orders", "ship_to");
  EXPECT_EQ(ship_to.sdtype, SDType::OtherPii) << ship_to.sdtype_reason;
  EXPECT_NE(ship_to.sdtype_reason.find("customers.company_name"), std::string::npos);
}

// ---- keys of plain files ----

TEST(InferenceKeys, PrimaryAndForeignKeysFromNamesAndContainment) {
  Table customers("Customers");
  customers.add_column(string_column("Name", cycle({"Ann", "Bob", "Cid", "Dan", "Eve"}, 5)));
  customers.add_column(int_range("CustomerID", 1, 5));
  Table orders("orders");
  orders.add_column(int_range("id", 100, 8));
  orders.add_column(int_column("CustomerID", {1, 1, 2, 3, 5, 5, std::nullopt, 4}));
  orders.add_column(double_column("amount", {1, 2, 3, 4, 5, 6, 7, 8}));
  Database db;
  db.add_table(std::move(customers));
  db.add_table(std::move(orders));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  const TableMeta& c = inspection.metadata.table("Customers");
  const TableMeta& o = inspection.metadata.table("orders");
  EXPECT_EQ(c.primary_key, std::vector<std::string>{"CustomerID"});
  EXPECT_FALSE(c.primary_key_reason.empty());
  EXPECT_EQ(o.primary_key, std::vector<std::string>{"id"});
  ASSERT_EQ(o.foreign_keys.size(), 1u);
  EXPECT_EQ(o.foreign_keys[0].columns, std::vector<std::string>{"CustomerID"});
  EXPECT_EQ(o.foreign_keys[0].parent_table, "Customers");
  EXPECT_EQ(o.foreign_keys[0].parent_columns, std::vector<std::string>{"CustomerID"});
  EXPECT_EQ(o.foreign_keys[0].reason, "name+containment 100%");
  EXPECT_EQ(col(inspection, "orders", "CustomerID").sdtype, SDType::Id);
  EXPECT_EQ(col(inspection, "orders", "id").sdtype, SDType::Id);
  EXPECT_EQ(inspection.metadata.table("orders").row_count, 8);
}

TEST(InferenceKeys, ParentTableNameAndContainedNames) {
  // product_id -> products.id (generic key name); part_id2 contains part's key name.
  Table products("products");
  products.add_column(int_range("id", 1, 10));
  Table parts("part");
  parts.add_column(string_column("part_id", cycle({"p1", "p2", "p3", "p4"}, 4)));
  Table usage("usage");
  usage.add_column(int_column("product_id", cycle_ints({1, 2, 3, 9}, 12)));
  usage.add_column(string_column("part_id2", cycle({"p1", "p4"}, 12)));
  usage.add_column(double_column("weight", std::vector<double>(12, 1.5)));
  Database db;
  db.add_table(std::move(products));
  db.add_table(std::move(parts));
  db.add_table(std::move(usage));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  const TableMeta& u = inspection.metadata.table("usage");
  ASSERT_EQ(u.foreign_keys.size(), 2u);
  EXPECT_EQ(u.foreign_keys[0].parent_table, "products");
  EXPECT_EQ(u.foreign_keys[0].parent_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(u.foreign_keys[1].columns, std::vector<std::string>{"part_id2"});
  EXPECT_EQ(u.foreign_keys[1].parent_table, "part");
  EXPECT_TRUE(u.primary_key.empty()) << "a fact table may have no key";
}

TEST(InferenceKeys, ContainmentBelowThresholdIsNoForeignKey) {
  Table parent("site");
  parent.add_column(int_range("site_id", 1, 10));
  Table child("visit");
  child.add_column(int_range("visit_id", 1, 10));
  // 8 of 10 values in the parent: 80% < 95%, and the name only contains the key's.
  child.add_column(int_column("from_site_id", {1, 2, 3, 4, 5, 6, 7, 8, 50, 51}));
  Database db;
  db.add_table(std::move(parent));
  db.add_table(std::move(child));
  Inspection strict = infer_metadata(describe_files(db), db);
  EXPECT_TRUE(strict.metadata.table("visit").foreign_keys.empty());
  InferOptions loose;
  loose.min_containment = 0.75;
  Inspection relaxed = infer_metadata(describe_files(db), db, loose);
  ASSERT_EQ(relaxed.metadata.table("visit").foreign_keys.size(), 1u);
  EXPECT_EQ(relaxed.metadata.table("visit").foreign_keys[0].reason, "name+containment 80%");
}

TEST(InferenceKeys, CompositeKeysLinkTablesAndCompositeForeignKeys) {
  Table playlist("playlist");
  playlist.add_column(int_range("playlist_id", 1, 3));
  Table track("tracks");
  track.add_column(int_range("track_id", 1, 6));
  Table link("playlist_track");
  link.add_column(int_column("playlist_id", {1, 1, 2, 2, 3, 3}));
  link.add_column(int_column("track_id", {1, 2, 2, 3, 5, 6}));
  // Hourly readings keyed by (station, month, day, hour) within one year.
  Table readings("reading");
  Table events("event");
  Column station("station", DataType::String), year("year", DataType::Int64),
      month("month", DataType::Int64), day("day", DataType::Int64), hour("hour", DataType::Int64);
  std::vector<double> temps;
  for (const char* s : {"AAA", "BBB"})
    for (int m = 1; m <= 2; ++m)
      for (int d = 1; d <= 3; ++d)
        for (int h = 0; h < 4; ++h) {
          station.append_string(std::string_view(s)), year.append_int(2013), month.append_int(m),
              day.append_int(d), hour.append_int(h);
          temps.push_back(10.5 + m + d * 0.25 + h * 0.125);
        }
  // 24 events repeat with a period of 12: no key of their own.
  events.add_column(string_column("station", cycle({"AAA", "BBB", "AAA"}, 24)));
  events.add_column(int_column("year", cycle_ints({2013}, 24)));
  events.add_column(int_column("month", cycle_ints({1, 2}, 24)));
  events.add_column(int_column("day", cycle_ints({1, 2, 3}, 24)));
  events.add_column(int_column("hour", cycle_ints({0, 1, 2, 3}, 24)));
  readings.add_column(std::move(station));
  readings.add_column(std::move(year));
  readings.add_column(std::move(month));
  readings.add_column(std::move(day));
  readings.add_column(std::move(hour));
  readings.add_column(double_column("temp", temps));
  Database db;
  db.add_table(std::move(playlist));
  db.add_table(std::move(track));
  db.add_table(std::move(link));
  db.add_table(std::move(readings));
  db.add_table(std::move(events));
  const Inspection inspection = infer_metadata(describe_files(db), db);

  const TableMeta& l = inspection.metadata.table("playlist_track");
  EXPECT_EQ(l.primary_key, (std::vector<std::string>{"playlist_id", "track_id"}));
  EXPECT_EQ(l.foreign_keys.size(), 2u);
  EXPECT_EQ(col(inspection, "playlist_track", "track_id").sdtype, SDType::Id);

  const TableMeta& r = inspection.metadata.table("reading");
  EXPECT_EQ(r.primary_key, (std::vector<std::string>{"station", "year", "month", "day", "hour"}))
      << r.primary_key_reason;
  EXPECT_EQ(col(inspection, "reading", "hour").sdtype, SDType::Numerical);

  const TableMeta& e = inspection.metadata.table("event");
  EXPECT_TRUE(e.primary_key.empty());
  ASSERT_EQ(e.foreign_keys.size(), 1u);
  EXPECT_EQ(e.foreign_keys[0].parent_table, "reading");
  EXPECT_EQ(e.foreign_keys[0].columns,
            (std::vector<std::string>{"station", "year", "month", "day", "hour"}));
  EXPECT_EQ(col(inspection, "event", "month").sdtype, SDType::Numerical)
      << "a date part stays numerical inside a foreign key";
}

TEST(InferenceKeys, KeyColumnAndDateAsLastResort) {
  Table employees("employees");
  employees.add_column(int_range("emp_no", 10001, 4));
  Table salaries("salaries");
  salaries.add_column(int_column("emp_no", {10001, 10001, 10002, 10003, 10003, 10004}));
  salaries.add_column(double_column("salary", {50e3, 52e3, 61e3, 40e3, 41e3, 70e3}));
  Column from("from_date", DataType::Date, "%Y-%m-%d");
  for (int64_t day : {100, 465, 100, 200, 565, 300}) from.append_int(day);
  salaries.add_column(std::move(from));
  Database db;
  db.add_table(std::move(employees));
  db.add_table(std::move(salaries));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  EXPECT_EQ(inspection.metadata.table("employees").primary_key, std::vector<std::string>{"emp_no"});
  const TableMeta& s = inspection.metadata.table("salaries");
  EXPECT_EQ(s.primary_key, (std::vector<std::string>{"emp_no", "from_date"}))
      << s.primary_key_reason;
  ASSERT_EQ(s.foreign_keys.size(), 1u);
  EXPECT_EQ(s.foreign_keys[0].parent_table, "employees");
}

TEST(InferenceKeys, SelfReference) {
  Table employees("employees");
  employees.add_column(int_range("employee_id", 1, 6));
  employees.add_column(int_column("reports_to", {std::nullopt, 1, 1, 2, 2, 3}));
  employees.add_column(
      string_column("LastName", cycle({"Ng", "Li", "Roe", "Doe", "Poe", "Moe"}, 6)));
  Database db;
  db.add_table(std::move(employees));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  const TableMeta& e = inspection.metadata.table("employees");
  ASSERT_EQ(e.foreign_keys.size(), 1u);
  EXPECT_EQ(e.foreign_keys[0].parent_table, "employees");
  EXPECT_EQ(e.foreign_keys[0].columns, std::vector<std::string>{"reports_to"});
  EXPECT_EQ(col(inspection, "employees", "reports_to").sdtype, SDType::Id);
}

TEST(InferenceKeys, NoKeyInventedFromFloatsDatetimesOrText) {
  Column when("at", DataType::DateTime, "%Y-%m-%d %H:%M:%S");
  for (int i = 0; i < 20; ++i) when.append_int(int64_t(i) * 1'000'000);
  std::vector<double> values;
  std::vector<OptStr> words;
  for (int i = 0; i < 20; ++i) {
    values.push_back(0.5 + i);
    words.emplace_back("a sentence number " + std::to_string(i));
  }
  Table table("measurements");
  table.add_column(double_column("value", values));
  table.add_column(std::move(when));
  table.add_column(string_column("comment", words));
  Database db;
  db.add_table(std::move(table));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  EXPECT_TRUE(inspection.metadata.table("measurements").primary_key.empty());
}

TEST(InferenceKeys, EmptyTablesGetKeysFromNames) {
  Table types("CustomerTypes");
  types.add_column(Column("CustomerTypeID", DataType::String));
  types.add_column(Column("Description", DataType::String));
  Table customers("Customers");
  customers.add_column(string_column("CustomerID", {"ALFKI", "BONAP"}));
  Table link("CustomerTypeLinks");
  link.add_column(Column("CustomerID", DataType::String));
  link.add_column(Column("CustomerTypeID", DataType::String));
  Database db;
  db.add_table(std::move(types));
  db.add_table(std::move(customers));
  db.add_table(std::move(link));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  EXPECT_EQ(inspection.metadata.table("CustomerTypes").primary_key,
            std::vector<std::string>{"CustomerTypeID"});
  const TableMeta& l = inspection.metadata.table("CustomerTypeLinks");
  EXPECT_EQ(l.primary_key, (std::vector<std::string>{"CustomerID", "CustomerTypeID"}));
  EXPECT_EQ(l.foreign_keys.size(), 2u);
  EXPECT_EQ(col(inspection, "CustomerTypes", "Description").sdtype, SDType::Text);
  EXPECT_TRUE(has_warning(inspection, "empty table: CustomerTypeLinks"))
      << all_warnings(inspection);
}

// ---- declared keys ----

TEST(InferenceDeclared, DeclaredKeysAreKeptAndTyped) {
  Table parent("hours");
  parent.add_column(string_column("site", cycle({"X", "Y"}, 4)));
  parent.add_column(int_column("hour", {0, 0, 1, 1}));
  Table child("obs");
  child.add_column(int_range("obs_no", 1, 3));
  child.add_column(string_column("site", {"X", "Y", "X"}));
  child.add_column(int_column("hour", {0, 1, 5}));
  Database db;
  db.add_table(std::move(parent));
  db.add_table(std::move(child));
  Metadata declared = describe_files(db);
  declared.keys_declared = true;
  declared.tables[0].primary_key = {"site", "hour"};
  declared.tables[1].primary_key = {"obs_no"};
  ForeignKey fk;
  fk.columns = {"site", "hour"};
  fk.parent_table = "hours";
  fk.parent_columns = {"site", "hour"};
  declared.tables[1].foreign_keys.push_back(fk);
  const Inspection inspection = infer_metadata(declared, db);
  const TableMeta& obs = inspection.metadata.table("obs");
  EXPECT_EQ(obs.primary_key, std::vector<std::string>{"obs_no"});
  ASSERT_EQ(obs.foreign_keys.size(), 1u);
  EXPECT_EQ(obs.foreign_keys[0].reason, "declared");
  EXPECT_EQ(col(inspection, "obs", "obs_no").sdtype, SDType::Id);
  EXPECT_EQ(col(inspection, "obs", "obs_no").sdtype_reason, "declared primary key");
  EXPECT_EQ(col(inspection, "obs", "hour").sdtype, SDType::Numerical);
  EXPECT_TRUE(has_warning(inspection,
                          "orphans: obs(site, hour) -> hours: 1 row references 1 key that hours "
                          "lacks (("))
      << all_warnings(inspection);
}

// ---- orphans and warnings ----

TEST(InferenceOrphans, CountedExactlyAcrossStorageTypes) {
  Table parent("parent");
  parent.add_column(int_range("pid", 1, 5));
  Table child("child");
  Column ref("pid", DataType::Float64);
  for (double v : {1.0, 2.0, 6.0, 6.0, 7.0, 5.0, 2.5}) ref.append_double(v);
  ref.append_null();
  child.add_column(std::move(ref));
  Database db;
  db.add_table(std::move(parent));
  db.add_table(std::move(child));
  ForeignKey fk;
  fk.columns = {"pid"};
  fk.parent_table = "parent";
  fk.parent_columns = {"pid"};
  const OrphanCount orphans = count_orphans(db, "child", fk);
  EXPECT_EQ(orphans.rows, 4);  // 6, 6, 7, 2.5; NULL is no orphan
  EXPECT_EQ(orphans.distinct_keys, 3);

  ForeignKey bad = fk;
  bad.parent_table = "nowhere";
  EXPECT_THROW(count_orphans(db, "child", bad), InputError);
  bad = fk;
  bad.parent_columns.clear();
  EXPECT_THROW(count_orphans(db, "child", bad), InputError);
}

TEST(InferenceOrphans, CompositeKeysAndText) {
  Table parent("p");
  parent.add_column(string_column("a", {"x", "x", "y"}));
  parent.add_column(int_column("b", {1, 2, 1}));
  Table child("c");
  child.add_column(string_column("a", {"x", "y", "y", "z", std::nullopt, "X"}));
  child.add_column(int_column("b", {2, 1, 2, 1, 9, 1}));
  Database db;
  db.add_table(std::move(parent));
  db.add_table(std::move(child));
  ForeignKey fk;
  fk.columns = {"a", "b"};
  fk.parent_table = "p";
  fk.parent_columns = {"a", "b"};
  const OrphanCount orphans = count_orphans(db, "c", fk);
  EXPECT_EQ(orphans.rows, 3);  // (y,2) (z,1) (X,1): text compares exactly
  EXPECT_EQ(orphans.distinct_keys, 3);
}

TEST(InferenceWarnings, OrphansEmptyTablesNullColumnsAndIsolatedTables) {
  Table planes("planes");
  planes.add_column(string_column("tailnum", {"N1", "N2", "N3"}));
  Table flights("flights");
  flights.add_column(
      string_column("tailnum", cycle({"N1", "N2", "N3", "N1", "N2", "N3", "N1", "N2", "N3", "N1",
                                      "N2", "N3", "N1", "N2", "N3", "N1", "N2", "N9", "N9", "N8"},
                                     20)));
  flights.add_column(Column("note", DataType::String));
  for (int i = 0; i < 20; ++i) flights.columns().back().append_null();
  Table lonely("lonely");
  lonely.add_column(int_range("lonely_id", 1, 2));
  Table empty("nothing");
  empty.add_column(Column("nothing_id", DataType::Int64));
  Database db;
  db.add_table(std::move(planes));
  db.add_table(std::move(flights));
  db.add_table(std::move(lonely));
  db.add_table(std::move(empty));
  const Inspection inspection = infer_metadata(describe_files(db), db);
  ASSERT_EQ(inspection.metadata.table("flights").foreign_keys.size(), 1u)
      << "an exact name match survives a few orphans";
  EXPECT_TRUE(has_warning(
      inspection, "orphans: flights(tailnum) -> planes: 3 rows reference 2 keys that planes lacks"))
      << all_warnings(inspection);
  EXPECT_TRUE(has_warning(inspection, "all values NULL: flights.note")) << all_warnings(inspection);
  EXPECT_TRUE(has_warning(inspection, "empty table: nothing"));
  EXPECT_TRUE(has_warning(inspection, "unreachable: lonely"));
  EXPECT_FALSE(has_warning(inspection, "unreachable: planes"));
}

// A binary column comes out NULL: said, and where the declared type is not binary (one stray
// BLOB in a SQLite INTEGER column) how to keep it.
TEST(InferenceWarnings, BinaryColumnsAreSaidToComeOutNull) {
  Table table("things");
  table.add_column(int_range("id", 1, 30));
  Column photo("photo", DataType::Binary);
  Column count("count", DataType::Binary);
  for (int i = 0; i < 30; ++i) {
    i % 3 ? photo.append_string(std::string("\x89PNG", 4)) : photo.append_null();
    count.append_string(std::to_string(i));
  }
  table.add_column(std::move(photo));
  table.add_column(std::move(count));
  Database db;
  db.add_table(std::move(table));
  Metadata declared = describe_files(db);
  declared.tables[0].columns[1].sql_type = "BLOB";
  declared.tables[0].columns[2].sql_type = "INTEGER";
  const Inspection inspection = infer_metadata(declared, db);
  EXPECT_TRUE(has_warning(inspection,
                          "binary values are not synthesized: things.photo is NULL in the "
                          "output (20 rows hold a value here)"))
      << all_warnings(inspection);
  EXPECT_FALSE(has_warning(inspection,
                           "things.photo is NULL in the output (20 rows hold a "
                           "value here); its declared type"))
      << all_warnings(inspection);
  EXPECT_TRUE(has_warning(inspection,
                          "things.count is NULL in the output (30 rows hold a value "
                          "here); its declared type is INTEGER"))
      << all_warnings(inspection);
}

}  // namespace
}  // namespace relsynth
