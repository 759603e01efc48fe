#include "model/value_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "model/word_lists.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth {
namespace {

Column dataset_column(const std::string& db, const std::string& table, const std::string& name) {
  auto source = open_source(testing::shared_dataset(db));
  const Metadata metadata = source->describe();
  const Table data = source->read_table(metadata.table(table));
  return data.column(name);
}

Column string_column(const std::vector<std::string>& values, const std::string& name = "c") {
  Column column(name, DataType::String);
  for (const std::string& v : values) column.append_string(v);
  return column;
}

std::unique_ptr<ValueGenerator> fitted(std::unique_ptr<ValueGenerator> generator,
                                       const Column& column, SDType sdtype,
                                       GeneratorOptions options = {}) {
  options.table = "t";
  generator->fit(column, sdtype, options);
  return generator;
}

// Row i draws from its own counter-based stream, as the engine does.
Column generate(const ValueGenerator& generator, size_t rows, uint64_t seed = 42) {
  Column out("out", generator.type());
  out.reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    Rng rng(seed, 7, i);
    generator.generate(i, rng, out);
  }
  return out;
}

size_t distinct(const Column& column) {
  if (column.type() == DataType::Int64) {
    return std::unordered_set<int64_t>(column.ints().begin(), column.ints().end()).size();
  }
  return std::unordered_set<std::string>(column.strings().begin(), column.strings().end()).size();
}

// Digits -> '#', upper-case letters -> 'A', lower-case letters -> 'a'.
std::string mask_of(const std::string& value) {
  std::string mask;
  for (char c : value) {
    mask.push_back(c >= '0' && c <= '9'   ? '#'
                   : c >= 'A' && c <= 'Z' ? 'A'
                   : c >= 'a' && c <= 'z' ? 'a'
                                          : c);
  }
  return mask;
}

std::vector<std::string> split_words(const std::string& value) {
  std::vector<std::string> words;
  std::string current;
  for (char c : value) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Invented names that no built-in list holds.
std::string invented_word(uint64_t seed) {
  static const char* kSyllables[] = {"zor", "vak", "quil", "li",   "mon", "threx", "ulb",  "ka",
                                     "yv",  "ost", "dra",  "pemb", "xa",  "nu",    "grel", "fiz"};
  std::string word;
  for (int i = 0; i < 3; ++i) word += kSyllables[mix64(seed * 3 + i) % 16];
  word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

// ---- Keys ---------------------------------------------------------------------------------

TEST(ValueGeneratorKey, IntegerKeysStartAtMinWithCommonStep) {
  Column ids("id", DataType::Int64);
  for (int64_t v = 1001; v < 1200; v += 2) ids.append_int(v);
  ids.append_null();
  auto gen = fitted(make_key_generator(), ids, SDType::Id);
  const Column out = generate(*gen, 100000);
  EXPECT_EQ(out.int_at(0), 1001);
  EXPECT_EQ(out.int_at(1), 1003);
  EXPECT_EQ(distinct(out), 100000u);

  Column irregular("id", DataType::Int64);
  for (int64_t v : {20, 7, 8, 31}) irregular.append_int(v);
  auto gen2 = fitted(make_key_generator(), irregular, SDType::Id);
  const Column out2 = generate(*gen2, 5);
  EXPECT_EQ(out2.ints(), (std::vector<int64_t>{7, 8, 9, 10, 11}));
}

TEST(ValueGeneratorKey, WholeNumberFloatKeys) {
  Column ids("id", DataType::Float64);
  for (double v : {30.0, 10.0, 20.0}) ids.append_double(v);
  auto gen = fitted(make_key_generator(), ids, SDType::Id);
  const Column out = generate(*gen, 4);
  EXPECT_EQ(out.doubles(), (std::vector<double>{10, 20, 30, 40}));
}

TEST(ValueGeneratorKey, DigitPatternKeepsPrefixAndWidth) {
  std::vector<std::string> values;
  for (int i = 1; i <= 500; ++i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "SKU-%05d", i * 3);
    values.push_back(buffer);
  }
  auto gen = fitted(make_key_generator(), string_column(values), SDType::Id);
  const Column out = generate(*gen, 100000);
  EXPECT_EQ(out.string_at(0), "SKU-00003");
  EXPECT_EQ(out.string_at(1), "SKU-00006");
  const std::regex shape("SKU-[0-9]{5,}");
  for (size_t i = 0; i < out.size(); i += 97) {
    ASSERT_TRUE(std::regex_match(out.string_at(i), shape)) << out.string_at(i);
  }
  EXPECT_EQ(distinct(out), 100000u);
  EXPECT_NE(gen->describe().find("SKU-"), std::string::npos);
}

TEST(ValueGeneratorKey, UpperCaseCodesLikeNorthwindCustomerIds) {
  // 'ALFKI', 'ANATR', ... plus the placeholder 'Val2 ' of this port.
  const Column real = dataset_column("northwind", "Customers", "CustomerID");
  ASSERT_GT(real.size(), 80u);
  auto gen = fitted(make_key_generator(), real, SDType::Id);
  const Column out = generate(*gen, 100000);
  const std::regex shape("[A-Z]{5}");
  for (const std::string& v : out.strings()) ASSERT_TRUE(std::regex_match(v, shape)) << v;
  EXPECT_EQ(distinct(out), 100000u);
  // Scrambled, not AAAAA, AAAAB, ...: consecutive codes differ in more than the last letter.
  EXPECT_NE(out.string_at(0).substr(0, 4), out.string_at(1).substr(0, 4));
}

TEST(ValueGeneratorKey, CodesWidenOnlyWhenTheSpaceRunsOut) {
  auto gen = fitted(make_key_generator(), string_column({"A", "B", "C", "D", "E"}), SDType::Id);
  const Column out = generate(*gen, 1000);
  for (size_t i = 0; i < 26; ++i) EXPECT_EQ(out.string_at(i).size(), 1u);
  for (size_t i = 26; i < 26 + 676; ++i) EXPECT_EQ(out.string_at(i).size(), 2u);
  EXPECT_EQ(out.string_at(26 + 676).size(), 3u);
  EXPECT_EQ(distinct(out), 1000u);
}

TEST(ValueGeneratorKey, UuidKeysAreValidAndUnique) {
  std::vector<std::string> values;
  for (uint64_t i = 0; i < 50; ++i) {
    char buffer[40];
    const uint64_t a = mix64(i), b = mix64(i + 1000);
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(a),
                  static_cast<unsigned>(a >> 32) & 0xffff, static_cast<unsigned>(a >> 48) & 0xfff,
                  static_cast<unsigned>(b) & 0xfff, static_cast<unsigned long long>(b >> 16));
    values.push_back(buffer);
  }
  GeneratorOptions options;
  options.salt = 1;
  auto gen = fitted(make_key_generator(), string_column(values), SDType::Id, options);
  const Column out = generate(*gen, 100000);
  const std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (const std::string& v : out.strings()) ASSERT_TRUE(std::regex_match(v, shape)) << v;
  EXPECT_EQ(distinct(out), 100000u);
  // Another salt, other UUIDs.
  options.salt = 2;
  auto other = fitted(make_key_generator(), string_column(values), SDType::Id, options);
  EXPECT_NE(generate(*other, 1).string_at(0), out.string_at(0));
}

TEST(ValueGeneratorKey, MixedShapesGetPrefixAndCounter) {
  auto gen = fitted(make_key_generator(),
                    string_column({"ORD-17A", "ORD-2", "ORD-X9", "ORD-b-4", "ORD-55"}), SDType::Id);
  const Column out = generate(*gen, 10000);
  EXPECT_EQ(out.string_at(0), "ORD-1");
  for (const std::string& v : out.strings()) ASSERT_TRUE(v.starts_with("ORD-"));
  EXPECT_EQ(distinct(out), 10000u);
}

TEST(ValueGeneratorKey, KeysStayUniqueUpToABillionRows) {
  std::vector<std::string> codes;
  for (uint64_t i = 0; i < 100; ++i) {
    std::string code;
    for (int k = 0; k < 5; ++k) code.push_back(static_cast<char>('A' + mix64(i * 5 + k) % 26));
    codes.push_back(code);
  }
  std::vector<std::string> skus = {"SKU-00001", "SKU-00002", "SKU-00003"};
  std::vector<std::string> uuids = {"0a1b2c3d-0000-4000-8000-000000000001",
                                    "0a1b2c3d-0000-4000-8000-000000000002"};
  for (const auto* values : {&codes, &skus, &uuids}) {
    auto gen = fitted(make_key_generator(), string_column(*values), SDType::Id);
    Column out("out", DataType::String);
    Rng rng(1);
    for (uint64_t i = 0; i < 3000; ++i) gen->generate(i, rng, out);
    for (uint64_t i = 1000000000 - 3000; i < 1000000000 + 3000; ++i) gen->generate(i, rng, out);
    EXPECT_EQ(distinct(out), out.size()) << gen->describe();
    if (values == &codes) {
      // 26^5 + 26^6 codes come first; index 10^9 is a 7-letter code.
      EXPECT_EQ(out.strings().back().size(), 7u);
      EXPECT_TRUE(std::regex_match(out.strings().back(), std::regex("[A-Z]{7}")));
    }
  }
}

// ---- PII ----------------------------------------------------------------------------------

TEST(ValueGeneratorPii, PhonesKeepMasksAndFrequentCountryCodes) {
  const Column real = dataset_column("chinook", "Customer", "Phone");
  std::set<std::string> real_masks, real_values;
  for (const std::string& v : real.strings()) {
    real_masks.insert(mask_of(v));
    real_values.insert(v);
  }
  auto gen = fitted(make_pii_generator(), real, SDType::Phone);
  const Column out = generate(*gen, 3000);
  size_t us = 0, brazil = 0;
  for (const std::string& v : out.strings()) {
    ASSERT_TRUE(real_masks.count(mask_of(v))) << v;
    EXPECT_FALSE(real_values.count(v)) << v;
    us += v.starts_with("+1 (");
    brazil += v.starts_with("+55 (");
  }
  // 13 US/Canadian numbers of 59 keep "+1"; 5 Brazilian ones keep "+55".
  EXPECT_GT(us, 3000u * 15 / 100);
  EXPECT_GT(brazil, 3000u * 4 / 100);
}

TEST(ValueGeneratorPii, PostalCodesKeepMasks) {
  const Column real = dataset_column("chinook", "Customer", "PostalCode");
  std::map<std::string, size_t> real_masks;
  for (size_t i = 0; i < real.size(); ++i) {
    if (!real.is_null(i)) ++real_masks[mask_of(real.string_at(i))];
  }
  auto gen = fitted(make_pii_generator(), real, SDType::PostalCode);
  const Column out = generate(*gen, 3000);
  std::map<std::string, size_t> masks;
  for (const std::string& v : out.strings()) {
    ASSERT_TRUE(real_masks.count(mask_of(v))) << v;
    ++masks[mask_of(v)];
  }
  EXPECT_GT(masks["A#A #A#"], 0u);  // Canadian codes
  EXPECT_GT(masks["#####"], 0u);
}

TEST(ValueGeneratorPii, UniquePhonesNeverRepeat) {
  const Column real = dataset_column("chinook", "Customer", "Phone");
  GeneratorOptions options;
  options.unique = true;
  auto gen = fitted(make_pii_generator(), real, SDType::Phone, options);
  const Column out = generate(*gen, 100000);
  EXPECT_EQ(distinct(out), 100000u);
}

TEST(ValueGeneratorPii, EmailsAreValidAndKeepOnlyFrequentDomains) {
  const Column real = dataset_column("chinook", "Customer", "Email");
  std::map<std::string, size_t> domains;
  size_t dotted = 0;
  for (const std::string& v : real.strings()) {
    ++domains[v.substr(v.find('@') + 1)];
    dotted += v.substr(0, v.find('@')).find('.') != std::string::npos;
  }
  ASSERT_GE(domains["gmail.com"], 5u);
  auto gen = fitted(make_pii_generator(), real, SDType::Email);
  const Column out = generate(*gen, 5000);
  const std::regex email("[a-z0-9._-]+@[a-z0-9-]+(\\.[a-z0-9-]+)+");
  const auto built_in = words::email_domains();
  size_t gmail = 0, generated_dotted = 0;
  for (const std::string& v : out.strings()) {
    ASSERT_TRUE(std::regex_match(v, email)) << v;
    const std::string domain = v.substr(v.find('@') + 1);
    gmail += domain == "gmail.com";
    generated_dotted += v.substr(0, v.find('@')).find('.') != std::string::npos;
    // A domain seen in fewer than 5 rows (surfeu.de, shaw.ca, ...) never comes back, unless
    // it is one of the built-in free-mail domains.
    const auto it = domains.find(domain);
    if (it != domains.end() && it->second < 5) {
      EXPECT_NE(std::find(built_in.begin(), built_in.end(), domain), built_in.end()) << domain;
    }
  }
  EXPECT_GT(gmail, 5000u * 8 / 100);  // 8 of 59 in the source
  // The local-part style (first.last share) follows the source's.
  EXPECT_NEAR(generated_dotted / 5000.0, static_cast<double>(dotted) / real.size(), 0.08);
}

TEST(ValueGeneratorPii, UniqueEmailsNeverRepeat) {
  const Column real = dataset_column("chinook", "Customer", "Email");
  GeneratorOptions options;
  options.unique = true;
  auto gen = fitted(make_pii_generator(), real, SDType::Email, options);
  const Column out = generate(*gen, 100000);
  EXPECT_EQ(distinct(out), 100000u);
  for (size_t i = 0; i < out.size(); i += 1000) {
    EXPECT_EQ(std::count(out.string_at(i).begin(), out.string_at(i).end(), '@'), 1);
  }
}

TEST(ValueGeneratorPii, NamesAreNeverCopiedAndKeepTheirStyle) {
  std::vector<std::string> full, reversed;
  for (uint64_t i = 0; i < 1000; ++i) {
    full.push_back(invented_word(i) + " " + invented_word(i + 5000));
    reversed.push_back(invented_word(i + 5000) + ", " + invented_word(i));
  }
  const std::set<std::string> real(full.begin(), full.end());
  auto gen = fitted(make_pii_generator(), string_column(full, "contact_name"), SDType::Name);
  const Column out = generate(*gen, 5000);
  for (const std::string& v : out.strings()) {
    EXPECT_FALSE(real.count(v)) << v;
    ASSERT_EQ(split_words(v).size(), 2u) << v;
  }
  auto gen2 = fitted(make_pii_generator(), string_column(reversed, "contact_name"), SDType::Name);
  const auto last_names = words::last_names();
  const Column generated1 = generate(*gen2, 500);
  for (const std::string& v : generated1.strings()) {
    const size_t comma = v.find(", ");
    ASSERT_NE(comma, std::string::npos) << v;
    EXPECT_NE(std::find(last_names.begin(), last_names.end(), v.substr(0, comma)), last_names.end())
        << v;
  }
  // A FirstName column: one first name per value.
  const Column first = dataset_column("chinook", "Customer", "FirstName");
  auto gen3 = fitted(make_pii_generator(), first, SDType::Name);
  const auto first_names = words::first_names();
  const Column generated2 = generate(*gen3, 500);
  for (const std::string& v : generated2.strings()) {
    EXPECT_NE(std::find(first_names.begin(), first_names.end(), v), first_names.end()) << v;
  }
}

TEST(ValueGeneratorPii, ComposerListsKeepTheirStructure) {
  // "Angus Young, Malcolm Young, Brian Johnson", "F. Baltes, S. Kaufman & W. Hoffman"
  const Column real = dataset_column("chinook", "Track", "Composer");
  auto gen = fitted(make_pii_generator(), real, SDType::Name);
  const Column out = generate(*gen, 3000);
  size_t lists = 0, initials = 0;
  for (const std::string& v : out.strings()) {
    lists += v.find(", ") != std::string::npos;
    initials += std::regex_search(v, std::regex("(^| )[A-Z]\\. "));
  }
  size_t real_lists = 0, real_count = 0;
  for (size_t i = 0; i < real.size(); ++i) {
    if (real.is_null(i)) continue;
    ++real_count;
    real_lists += real.string_at(i).find(", ") != std::string::npos;
  }
  EXPECT_NEAR(lists / 3000.0, static_cast<double>(real_lists) / real_count, 0.05);
  EXPECT_GT(initials, 0u);
}

TEST(ValueGeneratorPii, PlacesKeepOnlyFrequentValues) {
  std::vector<std::string> values;
  for (int i = 0; i < 30; ++i) values.push_back("Atlantis");
  for (int i = 0; i < 20; ++i) values.push_back("Lemuria");
  for (int i = 0; i < 50; ++i) values.push_back("Smallville" + std::to_string(i));
  auto gen = fitted(make_pii_generator(), string_column(values, "city"), SDType::City);
  const Column out = generate(*gen, 5000);
  std::map<std::string, size_t> counts;
  for (const std::string& v : out.strings()) ++counts[v];
  EXPECT_NEAR(counts["Atlantis"] / 5000.0, 0.30, 0.03);
  EXPECT_NEAR(counts["Lemuria"] / 5000.0, 0.20, 0.03);
  const auto cities = words::cities();
  for (const auto& [v, n] : counts) {
    if (v == "Atlantis" || v == "Lemuria") continue;
    EXPECT_NE(std::find(cities.begin(), cities.end(), v), cities.end()) << v;
  }
  // ISO codes stay ISO codes.
  auto countries =
      fitted(make_pii_generator(), string_column({"US", "DE", "FR", "BR", "NO"}), SDType::Country);
  const Column generated3 = generate(*countries, 200);
  for (const std::string& v : generated3.strings()) {
    EXPECT_TRUE(std::regex_match(v, std::regex("[A-Z]{2}"))) << v;
  }
}

TEST(ValueGeneratorPii, AddressesFollowTheSourceStyle) {
  std::vector<std::string> american, european;
  for (uint64_t i = 0; i < 300; ++i) {
    american.push_back(std::to_string(10 + mix64(i) % 9000) + " " + invented_word(i) + " Street");
    european.push_back(invented_word(i) + "weg " + std::to_string(1 + mix64(i) % 90));
  }
  auto gen = fitted(make_pii_generator(), string_column(american), SDType::Address);
  const Column generated4 = generate(*gen, 1000);
  for (const std::string& v : generated4.strings()) {
    ASSERT_TRUE(std::regex_match(v, std::regex("[1-9][0-9]* [A-Za-z ]+ Street"))) << v;
  }
  auto gen2 = fitted(make_pii_generator(), string_column(european), SDType::Address);
  const Column generated5 = generate(*gen2, 1000);
  for (const std::string& v : generated5.strings()) {
    ASSERT_TRUE(std::regex_match(v, std::regex("[A-Za-z ]+ [1-9][0-9]?"))) << v;
  }
}

TEST(ValueGeneratorPii, HashesKeepLengthAndAlphabet) {
  std::vector<std::string> hex, base64;
  const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (uint64_t i = 0; i < 200; ++i) {
    std::string h, b;
    for (int k = 0; k < 40; ++k) h.push_back("0123456789abcdef"[mix64(i * 40 + k) % 16]);
    for (int k = 0; k < 22; ++k) b.push_back(b64[mix64(i * 22 + k + 99) % 64]);
    hex.push_back(h);
    base64.push_back(b + "==");
  }
  auto gen = fitted(make_pii_generator(), string_column(hex), SDType::OtherPii);
  const std::set<std::string> real(hex.begin(), hex.end());
  const Column generated6 = generate(*gen, 1000);
  for (const std::string& v : generated6.strings()) {
    ASSERT_TRUE(std::regex_match(v, std::regex("[0-9a-f]{40}"))) << v;
    EXPECT_FALSE(real.count(v));
  }
  GeneratorOptions options;
  options.unique = true;
  auto gen2 = fitted(make_pii_generator(), string_column(base64), SDType::OtherPii, options);
  const Column out = generate(*gen2, 20000);
  for (const std::string& v : out.strings()) {
    ASSERT_TRUE(std::regex_match(v, std::regex("[A-Za-z0-9+/]{22}=="))) << v;
  }
  EXPECT_EQ(distinct(out), 20000u);
}

TEST(ValueGeneratorPii, CompanyNamesFollowWordCounts) {
  const Column real = dataset_column("northwind", "Customers", "CompanyName");
  std::set<std::string> real_values(real.strings().begin(), real.strings().end());
  double real_words = 0;
  for (const std::string& v : real.strings()) real_words += split_words(v).size();
  real_words /= real.size();
  auto gen = fitted(make_pii_generator(), real, SDType::OtherPii);
  const Column out = generate(*gen, 3000);
  double words = 0;
  for (const std::string& v : out.strings()) {
    words += split_words(v).size();
    EXPECT_FALSE(real_values.count(v)) << v;
  }
  EXPECT_NEAR(words / 3000, real_words, real_words * 0.15);
}

// A customer's company name on each of its ten orders is one company: its words counted ten
// times each and were kept as frequent, so the two-word names came out whole ("Ernst Handel").
// Words are kept when enough distinct values share them.
TEST(ValueGeneratorPii, AValueOverManyRowsCountsOnce) {
  std::vector<std::string> values;
  for (int company = 0; company < 40; ++company)
    for (int order = 0; order < 10; ++order)
      values.push_back(invented_word(company) + " " + invented_word(company + 1000));
  const std::set<std::string> real(values.begin(), values.end());
  auto gen = fitted(make_pii_generator(), string_column(values, "ship_name"), SDType::OtherPii);
  const Column out = generate(*gen, 2000);
  for (const std::string& v : out.strings()) EXPECT_FALSE(real.count(v)) << v;
}

// Chinook's employees write from firstname@chinookcorp.com: the domain is frequent, first
// names come from the built-in list, so a generated email could be a real one (seed 3 gave
// andrew@chinookcorp.com). A value that spells a real one of the column is drawn again.
TEST(ValueGeneratorPii, AValueThatSpellsARealOneIsDrawnAgain) {
  std::vector<std::string> values;
  const auto names = words::first_names();
  for (size_t i = 0; i < 40; ++i) values.push_back(lower(std::string(names[i])) + "@acmecorp.com");
  const std::set<std::string> real(values.begin(), values.end());
  auto gen = fitted(make_pii_generator(), string_column(values, "email"), SDType::Email);
  const Column out = generate(*gen, 3000);
  size_t at_acme = 0;
  for (const std::string& v : out.strings()) {
    EXPECT_FALSE(real.count(v)) << v;
    at_acme += v.ends_with("@acmecorp.com");
  }
  EXPECT_GT(at_acme, 2000u);  // the frequent domain is kept
}

TEST(ValueGeneratorPii, UserNamesAndUrls) {
  std::vector<std::string> users, urls;
  for (uint64_t i = 0; i < 200; ++i) {
    users.push_back(lower(invented_word(i)) + "_" + std::to_string(mix64(i) % 100));
    urls.push_back("https://www." + lower(invented_word(i)) + ".com/shop/item/" +
                   std::to_string(mix64(i) % 10000));
  }
  auto gen = fitted(make_pii_generator(), string_column(users), SDType::OtherPii);
  const Column generated7 = generate(*gen, 500);
  for (const std::string& v : generated7.strings()) {
    ASSERT_TRUE(std::regex_match(v, std::regex("[a-z]+_[0-9]{1,2}"))) << v;
  }
  auto gen2 = fitted(make_pii_generator(), string_column(urls), SDType::Url);
  const std::set<std::string> hosts_seen = [&] {
    std::set<std::string> hosts;
    for (const std::string& u : urls) hosts.insert(u.substr(12, u.find('/', 12) - 12));
    return hosts;
  }();
  const Column generated8 = generate(*gen2, 500);
  for (const std::string& v : generated8.strings()) {
    ASSERT_TRUE(std::regex_match(v, std::regex("https://www\\.[a-z]+\\.com(/[a-z0-9-]+){3}"))) << v;
    EXPECT_FALSE(hosts_seen.count(v.substr(12, v.find('/', 12) - 12))) << v;  // rare hosts
  }
}

TEST(ValueGeneratorPii, IntegerStoredPostalCodes) {
  Column real("zip", DataType::Int64);
  for (int64_t i = 0; i < 300; ++i) real.append_int(10000 + static_cast<int64_t>(mix64(i) % 89999));
  GeneratorOptions options;
  options.unique = true;
  auto gen = fitted(make_pii_generator(), real, SDType::PostalCode, options);
  const Column out = generate(*gen, 50000);
  for (int64_t v : out.ints()) ASSERT_TRUE(v >= 10000 && v <= 99999) << v;
  EXPECT_EQ(distinct(out), 50000u);
}

// ---- Text ---------------------------------------------------------------------------------

TEST(ValueGeneratorText, TitlesKeepWordCountsAndPrivacy) {
  const Column real = dataset_column("chinook", "Track", "Name");
  std::unordered_map<std::string, size_t> value_counts;
  std::unordered_map<std::string, std::set<size_t>> word_rows;
  double real_words = 0;
  for (size_t i = 0; i < real.size(); ++i) {
    const std::string& v = real.string_at(i);
    ++value_counts[lower(v)];
    const auto ws = split_words(v);
    real_words += ws.size();
    for (const std::string& w : ws) word_rows[lower(w)].insert(i);
  }
  real_words /= real.size();
  auto gen = fitted(make_text_generator(), real, SDType::Text);
  const Column out = generate(*gen, 5000);
  double words = 0;
  size_t copies = 0;
  for (const std::string& v : out.strings()) {
    words += split_words(v).size();
    const auto it = value_counts.find(lower(v));
    copies += it != value_counts.end() && it->second == 1;
  }
  words /= out.size();
  EXPECT_NEAR(words, real_words, real_words * 0.15);
  EXPECT_LE(copies, 5u) << "generated values equal to a unique real title";
  // Every generated word occurs in at least 5 real rows (modulo punctuation around it).
  auto core = [](std::string w) {
    w = lower(w);
    while (!w.empty() && std::string(".,;:!?\"')]}").find(w.back()) != std::string::npos)
      w.pop_back();
    size_t i = 0;
    while (i < w.size() && std::string("\"'([{<*").find(w[i]) != std::string::npos) ++i;
    return w.substr(i);
  };
  std::unordered_map<std::string, std::set<size_t>> core_rows;
  for (const auto& [w, rows] : word_rows) core_rows[core(w)].insert(rows.begin(), rows.end());
  for (const std::string& v : out.strings()) {
    for (const std::string& w : split_words(v)) {
      const auto it = core_rows.find(core(w));
      ASSERT_TRUE(it != core_rows.end() && it->second.size() >= 5) << w << " in " << v;
    }
  }
}

TEST(ValueGeneratorText, UniqueTitlesAreNeverReproduced) {
  // Every value unique, built from a small common vocabulary: any one- or two-word value
  // could be drawn again if the rare-value filter did not stop it.
  const std::vector<std::string> vocabulary = {"Love", "Night", "Blue", "Song", "Dream",
                                               "Fire", "Heart", "Road", "Rain", "Moon"};
  std::vector<std::string> values;
  for (const std::string& a : vocabulary) {
    values.push_back(a);
    for (const std::string& b : vocabulary) {
      if (a != b) values.push_back(a + " " + b);
    }
  }
  const std::set<std::string> real(values.begin(), values.end());
  ASSERT_EQ(real.size(), values.size());
  auto gen = fitted(make_text_generator(), string_column(values, "title"), SDType::Text);
  size_t copies = 0;
  const Column out = generate(*gen, 3000);
  for (const std::string& v : out.strings()) copies += real.count(v);
  EXPECT_EQ(copies, 0u);
}

TEST(ValueGeneratorText, TinyVocabularyFallsBackToLorem) {
  std::vector<std::string> values;
  for (uint64_t i = 0; i < 40; ++i)
    values.push_back(invented_word(i) + " " + invented_word(i + 99));
  auto gen = fitted(make_text_generator(), string_column(values, "note"), SDType::Text);
  const auto lorem = words::lorem_words();
  const Column generated9 = generate(*gen, 300);
  for (const std::string& v : generated9.strings()) {
    for (const std::string& w : split_words(v)) {
      EXPECT_NE(std::find(lorem.begin(), lorem.end(), lower(w)), lorem.end()) << w;
    }
  }
}

TEST(ValueGeneratorText, SentencesKeepCaseAndPunctuation) {
  const std::vector<std::string> starts = {"the order", "a customer", "the parcel", "our team"};
  const std::vector<std::string> ends = {"arrived late", "was damaged", "needs a refund",
                                         "called twice", "was fine"};
  std::vector<std::string> values;
  for (uint64_t i = 0; i < 400; ++i) {
    std::string v = starts[i % 4] + " " + ends[(i / 4) % 5] + ", then " + ends[(i / 20) % 5] + ".";
    v[0] = static_cast<char>(v[0] - 'a' + 'A');
    values.push_back(v);
  }
  auto gen = fitted(make_text_generator(), string_column(values, "note"), SDType::Text);
  size_t capital = 0, period = 0, comma = 0;
  const Column out = generate(*gen, 1000);
  for (const std::string& v : out.strings()) {
    capital += !v.empty() && v[0] >= 'A' && v[0] <= 'Z';
    period += !v.empty() && v.back() == '.';
    comma += v.find(',') != std::string::npos;
  }
  EXPECT_GT(capital, 950u);
  EXPECT_GT(period, 950u);
  EXPECT_GT(comma, 300u);
}

// ---- Common contract ----------------------------------------------------------------------

struct Case {
  std::string name;
  GeneratorKind kind;
  Column column;
  SDType sdtype;
  bool unique;
};

std::vector<Case> round_trip_cases() {
  return {
      {"int key", GeneratorKind::Key, dataset_column("chinook", "Track", "TrackId"), SDType::Id,
       true},
      {"code key", GeneratorKind::Key, dataset_column("northwind", "Customers", "CustomerID"),
       SDType::Id, true},
      {"phone", GeneratorKind::Pii, dataset_column("chinook", "Customer", "Phone"), SDType::Phone,
       false},
      {"email", GeneratorKind::Pii, dataset_column("chinook", "Customer", "Email"), SDType::Email,
       true},
      {"name", GeneratorKind::Pii, dataset_column("chinook", "Track", "Composer"), SDType::Name,
       false},
      {"address", GeneratorKind::Pii, dataset_column("chinook", "Customer", "Address"),
       SDType::Address, false},
      {"city", GeneratorKind::Pii, dataset_column("chinook", "Customer", "City"), SDType::City,
       false},
      {"country", GeneratorKind::Pii, dataset_column("chinook", "Customer", "Country"),
       SDType::Country, false},
      {"company", GeneratorKind::Pii, dataset_column("northwind", "Customers", "CompanyName"),
       SDType::OtherPii, true},
      {"url", GeneratorKind::Pii,
       string_column({"https://a.example.com/x/1.html", "http://b.org/"}), SDType::Url, false},
      {"text", GeneratorKind::Text, dataset_column("chinook", "Album", "Title"), SDType::Text,
       false},
      {"codes", GeneratorKind::Pattern, dataset_column("biodegradability", "bond", "atom_id"),
       SDType::Text, false},
      {"unique codes", GeneratorKind::Pattern, dataset_column("nycflights13", "planes", "tailnum"),
       SDType::Text, true},
  };
}

// ---- Codes ---------------------------------------------------------------------------------

// `count` distinct codes drawn with `draw`.
template <typename Draw>
std::vector<std::string> distinct_codes(size_t count, Draw draw) {
  std::vector<std::string> codes;
  std::unordered_set<std::string> seen;
  Rng rng(2024);
  while (codes.size() < count) {
    std::string code = draw(rng);
    if (seen.insert(code).second) codes.push_back(std::move(code));
  }
  return codes;
}

std::string letters(Rng& rng, size_t n, char first = 'a') {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back(static_cast<char>(first + rng.uniform_int(26)));
  return out;
}

std::string digits(Rng& rng, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.uniform_int(10)));
  return out;
}

// 50,000 distinct 10-letter lower-case codes came out of the text generator as 83 dictionary
// words. The pattern keeps 10 lower-case letters, every code unique, none a real one.
TEST(ValueGeneratorPattern, UniqueLowerCaseCodesKeepTheirPatternAndAreNeverCopied) {
  const std::vector<std::string> real =
      distinct_codes(50000, [](Rng& rng) { return letters(rng, 10); });
  const Column column = string_column(real, "code");
  EXPECT_TRUE(looks_like_codes(column));
  auto gen = fitted(make_pattern_generator(), column, SDType::Text);
  EXPECT_EQ(gen->describe(), "codes: 1 shapes ('aaaaaaaaaa'), unique");
  const Column out = generate(*gen, 50000);
  const std::unordered_set<std::string> real_set(real.begin(), real.end());
  size_t copies = 0;
  for (const std::string& v : out.strings()) {
    EXPECT_TRUE(std::regex_match(v, std::regex("[a-z]{10}"))) << v;
    copies += real_set.count(v);
  }
  EXPECT_EQ(distinct(out), 50000u);
  // Chance gives 50,000 x 50,000 / 26^10 = 2e-5 copies.
  EXPECT_EQ(copies, 0u);
}

// References of several shapes: each keeps its literals, its constant letter and its classes
// per position, the shapes their shares. A code equals a real one as often as chance gives for
// the pattern (2 upper-case letters and 3 digits: 676,000 codes, 20,000 of them real), never
// more; copying real codes would make every one equal.
TEST(ValueGeneratorPattern, MixedReferencesKeepShapesAndCopyOnlyByChance) {
  std::vector<std::string> real;
  Rng rng(7);
  for (int i = 0; i < 40000; ++i) {
    if (i % 2 == 0)
      real.push_back(letters(rng, 2, 'A') + "-" + digits(rng, 3));  // "QX-042"
    else if (i % 4 == 1)
      real.push_back("N" + digits(rng, 4) + letters(rng, 2, 'A'));  // "N1234AB"
    else
      real.push_back(letters(rng, 3) + "_" + digits(rng, 2) + "." + digits(rng, 1));
  }
  const Column column = string_column(real, "ref");
  EXPECT_TRUE(looks_like_codes(column));
  auto gen = fitted(make_pattern_generator(), column, SDType::Id);
  const Column out = generate(*gen, 40000);
  EXPECT_LT(distinct(out), 40000u);  // the source repeats a few: no uniqueness to keep
  std::map<std::string, size_t> shapes;
  const std::unordered_set<std::string> real_set(real.begin(), real.end());
  size_t short_codes = 0, short_copies = 0;
  for (const std::string& v : out.strings()) {
    ++shapes[mask_of(v)];
    if (mask_of(v) == "AA-###") {
      ++short_codes;
      short_copies += real_set.count(v);
    }
  }
  EXPECT_EQ(shapes.size(), 3u);
  EXPECT_NEAR(shapes["AA-###"] / 40000.0, 0.5, 0.02);
  EXPECT_NEAR(shapes["A####AA"] / 40000.0, 0.25, 0.02);
  EXPECT_NEAR(shapes["aaa_##.#"] / 40000.0, 0.25, 0.02);
  for (const std::string& v : out.strings())
    if (mask_of(v) == "A####AA") EXPECT_EQ(v[0], 'N') << v;
  size_t real_short = 0;
  for (const std::string& v : real_set) real_short += mask_of(v) == "AA-###";
  const double chance = real_short / 676000.0;
  ASSERT_GT(short_codes, 10000u);
  EXPECT_LE(short_copies / double(short_codes), 1.3 * chance);
  EXPECT_GE(short_copies / double(short_codes), 0.7 * chance);
}

// 200 SKUs counted from SKU-00001: the characters seen per position allow 200 codes
// (SKU-00[01]##), which unique generation gave back, all but one real. A shape keeps room for
// 10 codes per real one: the rightmost positions take their whole class (SKU-0####).
TEST(ValueGeneratorPattern, CountedCodesLeaveRoomForNewOnes) {
  std::vector<std::string> real;
  for (int i = 1; i <= 200; ++i) {
    std::string digits = std::to_string(i);
    real.push_back("SKU-" + std::string(5 - digits.size(), '0') + digits);
  }
  auto gen = fitted(make_pattern_generator(), string_column(real, "sku"), SDType::Id);
  const Column out = generate(*gen, 200);
  const std::set<std::string> real_set(real.begin(), real.end());
  size_t copies = 0;
  for (const std::string& v : out.strings()) {
    EXPECT_TRUE(std::regex_match(v, std::regex("SKU-0[0-9]{4}"))) << v;
    copies += real_set.count(v);
  }
  EXPECT_EQ(distinct(out), 200u);
  EXPECT_LE(copies, 20u);  // chance: 200 of 10,000 codes are real
}

TEST(ValueGeneratorPattern, CodesAreToldFromWords) {
  EXPECT_TRUE(looks_like_codes(string_column({"xkqjzbwmfa", "pqrtsvbnml", "zzkwvtrplq"})));
  EXPECT_TRUE(looks_like_codes(string_column({"ALFKI", "ANATR", "BONAP", "QUICK"})));
  EXPECT_TRUE(looks_like_codes(string_column({"N14228", "N24211", "N619AA"})));
  EXPECT_TRUE(looks_like_codes(string_column({"i100_02_7i", "d39_1", "i100_02_9"})));
  EXPECT_FALSE(looks_like_codes(string_column({"London", "Chai", "McDonald", "berlin"})));
  EXPECT_FALSE(looks_like_codes(string_column({"For Those About To Rock", "Balls to the Wall"})));
  Column numbers("n", DataType::Int64);
  numbers.append_int(12345);
  EXPECT_FALSE(looks_like_codes(numbers));
}

TEST(ValueGenerator, SaveLoadRoundTripGivesIdenticalOutput) {
  for (const Case& c : round_trip_cases()) {
    SCOPED_TRACE(c.name);
    GeneratorOptions options;
    options.unique = c.unique;
    options.salt = 9;
    auto gen = fitted(make_generator(c.kind), c.column, c.sdtype, options);
    BinaryWriter writer;
    save_generator(*gen, writer);
    BinaryReader reader(writer.data());
    auto loaded = load_generator(reader);
    EXPECT_TRUE(reader.at_end());
    EXPECT_EQ(loaded->kind(), c.kind);
    EXPECT_EQ(loaded->type(), gen->type());
    EXPECT_EQ(loaded->describe(), gen->describe());
    const Column a = generate(*gen, 2000, 5), b = generate(*loaded, 2000, 5);
    EXPECT_EQ(a, b);
    // Saving the loaded generator gives the same bytes.
    BinaryWriter again;
    save_generator(*loaded, again);
    EXPECT_EQ(again.data(), writer.data());
    // Deterministic: the same streams give the same values; other streams other values.
    EXPECT_EQ(generate(*gen, 2000, 5), a);
    if (c.kind != GeneratorKind::Key) {
      EXPECT_NE(generate(*gen, 2000, 6), a);
    }
    // Every truncation is refused with InputError, never a crash.
    for (size_t cut = 0; cut < writer.data().size(); cut += 1 + writer.data().size() / 50) {
      BinaryReader truncated(std::string_view(writer.data()).substr(0, cut));
      EXPECT_THROW(load_generator(truncated), InputError) << cut;
    }
  }
}

TEST(ValueGenerator, UnsupportedTypesAreUsageErrors) {
  Column numbers("amount", DataType::Int64);
  numbers.append_int(5);
  GeneratorOptions options;
  options.table = "orders";
  try {
    make_text_generator()->fit(numbers, SDType::Text, options);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("\"orders\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"amount\""), std::string::npos) << e.what();
  }
  Column dates("d", DataType::Date);
  dates.append_int(3);
  EXPECT_THROW(make_pii_generator()->fit(dates, SDType::Email, options), UsageError);
}

TEST(ValueGenerator, AllNullColumnsStillGenerateValues) {
  Column nulls("c", DataType::String);
  for (int i = 0; i < 10; ++i) nulls.append_null();
  const SDType sdtypes[] = {SDType::Phone, SDType::Email,   SDType::Name, SDType::Address,
                            SDType::City,  SDType::Country, SDType::Url,  SDType::OtherPii};
  for (SDType sdtype : sdtypes) {
    auto gen = fitted(make_pii_generator(), nulls, sdtype);
    const Column out = generate(*gen, 50);
    for (const std::string& v : out.strings()) EXPECT_FALSE(v.empty()) << to_string(sdtype);
  }
  auto text = fitted(make_text_generator(), nulls, SDType::Text);
  EXPECT_FALSE(generate(*text, 1).string_at(0).empty());
  auto key = fitted(make_key_generator(), nulls, SDType::Id);
  const Column keys = generate(*key, 3);
  EXPECT_EQ(keys.strings(), (std::vector<std::string>{"1", "2", "3"}));
}

TEST(ValueGenerator, EmptyStringsAndLengthsFollowTheSource) {
  std::vector<std::string> values;
  for (int i = 0; i < 100; ++i)
    values.push_back(i % 4 == 0 ? "" : "Abcdefgh Ijklmnop " + std::to_string(i));
  auto gen = fitted(make_pii_generator(), string_column(values), SDType::Name);
  size_t empty = 0, max_length = 0;
  const Column generated10 = generate(*gen, 2000);
  for (const std::string& v : generated10.strings()) {
    empty += v.empty();
    max_length = std::max(max_length, v.size());
  }
  EXPECT_NEAR(empty / 2000.0, 0.25, 0.04);
  EXPECT_LE(max_length, std::string("Abcdefgh Ijklmnop 99").size());
}

}  // namespace
}  // namespace relsynth
