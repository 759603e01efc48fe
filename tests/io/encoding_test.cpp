// Text that is not UTF-8: CSV files in Latin-1 / Windows-1252 are detected and transcoded,
// `--encoding utf-8` refuses them with the file, line and column, and no JSON or model writer
// fails on a SQLite TEXT value that is not UTF-8.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/csv_format.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCli = RELSYNTH_CLI_PATH;

void write_file(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool is_utf8(const std::string& text) { return csv::invalid_utf8(text) == std::string::npos; }

// people.csv as Windows-1252 bytes: a Latin-1 header ("Geprüft"), Latin-1 values ("café"), and
// a euro sign, which only Windows-1252 has (0x80). Values repeat, so they come out verbatim.
std::string latin1_people() {
  std::string text =
      "id,drink,Gepr\xFC"
      "ft,price\n";
  const char* names[] = {"caf\xE9", "th\xE9", "Br\xF6tchen"};
  for (int i = 1; i <= 60; ++i)
    text += std::to_string(i) + "," + names[i % 3] + "," + (i % 2 ? "ja" : "nein") + ",5 \x80\n";
  return text;
}

TEST(Encoding, Utf8ValidationFindsTheFirstBadByte) {
  EXPECT_EQ(csv::invalid_utf8("plain ascii text, long enough for the word loop"),
            std::string::npos);
  EXPECT_EQ(csv::invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), std::string::npos);
  EXPECT_EQ(csv::invalid_utf8("caf\xE9"), 3u);            // Latin-1 é
  EXPECT_EQ(csv::invalid_utf8("abcdefghijk\x80"), 11u);   // a lone continuation
  EXPECT_EQ(csv::invalid_utf8("x\xC0\xAF"), 1u);          // overlong '/'
  EXPECT_EQ(csv::invalid_utf8("x\xED\xA0\x80"), 1u);      // a surrogate
  EXPECT_EQ(csv::invalid_utf8("x\xF4\x90\x80\x80"), 1u);  // past U+10FFFF
  EXPECT_EQ(csv::invalid_utf8("ab\xE2\x82"), 2u);         // cut short
}

TEST(Encoding, Latin1AndWindows1252DifferOnlyIn0x80To0x9F) {
  std::string latin1, cp1252;
  csv::append_utf8("caf\xE9 \x80 \x81", csv::Encoding::Latin1, latin1);
  csv::append_utf8("caf\xE9 \x80 \x81", csv::Encoding::Cp1252, cp1252);
  EXPECT_EQ(latin1, "caf\xC3\xA9 \xC2\x80 \xC2\x81");
  EXPECT_EQ(cp1252, "caf\xC3\xA9 \xE2\x82\xAC \xC2\x81");  // € ; 0x81 is unassigned
  EXPECT_EQ(csv::parse_encoding("ISO-8859-1"), csv::Encoding::Latin1);
  EXPECT_EQ(csv::parse_encoding("Windows-1252"), csv::Encoding::Cp1252);
  EXPECT_EQ(csv::parse_encoding("UTF8"), csv::Encoding::Utf8);
  EXPECT_EQ(csv::parse_encoding("ebcdic"), std::nullopt);
}

TEST(EncodingCli, ALatin1CsvIsReadAsWindows1252WithAWarning) {
  TempDir dir;
  const std::string source = dir.file("src");
  write_file(source + "/people.csv", latin1_people());
  std::string output;
  // stdout to the file, stderr to `output`.
  ASSERT_EQ(
      run_command("(" + kCli + " inspect " + source + " --json > " + dir.file("meta.json") + ")",
                  &output),
      0)
      << output;
  EXPECT_NE(output.find("warning: "), std::string::npos) << output;
  EXPECT_NE(output.find("people.csv\", line 1, column 3"), std::string::npos) << output;
  EXPECT_NE(output.find("Windows-1252"), std::string::npos) << output;
  const std::string metadata = read_file(dir.file("meta.json"));
  EXPECT_NE(metadata.find("\"Gepr\xC3\xBC"
                          "ft\""),
            std::string::npos)
      << metadata;
  EXPECT_TRUE(is_utf8(metadata));

  ASSERT_EQ(run_command(kCli + " synth " + source + " --to csv:" + dir.file("out") +
                            " --save-model " + dir.file("m.rsm"),
                        &output),
            0)
      << output;
  const std::string people = read_file(dir.file("out") + "/people.csv");
  EXPECT_TRUE(is_utf8(people));
  EXPECT_EQ(people.rfind("id,drink,Gepr\xC3\xBC"
                         "ft,price\n",
                         0),
            0u)
      << people;
  EXPECT_NE(people.find("caf\xC3\xA9"), std::string::npos) << people;
  EXPECT_NE(people.find("5 \xE2\x82\xAC"), std::string::npos) << people;  // 5 €
}

TEST(EncodingCli, ExplicitEncodings) {
  TempDir dir;
  const std::string source = dir.file("src");
  // Valid UTF-8 up to line 4, where a Latin-1 byte sits in column 2.
  write_file(source + "/items.csv", "id,name\n1,caf\xC3\xA9\n2,\"two\nlines\"\n3,caf\xE9\n4,tea\n");
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + source + " --encoding utf-8", &output), 3) << output;
  EXPECT_NE(output.find("items.csv\", line 5, column 2 \"name\": byte 0xE9 at character 4 is not "
                        "UTF-8"),
            std::string::npos)
      << output;
  EXPECT_EQ(
      run_command(kCli + " train " + source + " --encoding utf-8 -o " + dir.file("m.rsm"), &output),
      3)
      << output;
  EXPECT_NE(output.find("line 5"), std::string::npos) << output;

  // auto names the same place and goes on.
  ASSERT_EQ(run_command(kCli + " inspect " + source + " --json", &output), 0) << output;
  EXPECT_NE(output.find("warning: \"" + source + "/items.csv\", line 5, column 2"),
            std::string::npos)
      << output;

  // latin1 on a Latin-1 file: no warning, every byte a character.
  write_file(source + "/items.csv", "id,name\n1,caf\xE9\n2,\x80\n");
  ASSERT_EQ(run_command("(" + kCli + " inspect " + source + " --json --encoding latin1 > " +
                            dir.file("meta.json") + ")",
                        &output),
            0)
      << output;
  EXPECT_EQ(output.find("warning: \"" + source), std::string::npos) << output;

  EXPECT_EQ(run_command(kCli + " inspect " + source + " --encoding ebcdic", &output), 2) << output;
  EXPECT_NE(output.find("unknown encoding \"ebcdic\""), std::string::npos) << output;
  create_sqlite(dir.file("db.sqlite"), "CREATE TABLE t (id INTEGER PRIMARY KEY);");
  EXPECT_EQ(run_command(kCli + " inspect " + dir.file("db.sqlite") + " --encoding latin1", &output),
            2)
      << output;
  EXPECT_NE(output.find("--encoding applies to CSV sources"), std::string::npos) << output;
}

TEST(EncodingCli, SqliteTextThatIsNotUtf8NeverFailsAJsonOrModelWriter) {
  TempDir dir;
  const std::string db = dir.file("bytes.sqlite");
  // `note` holds one value on every row (a constant rule with those bytes), `city` a few.
  std::string script =
      "CREATE TABLE people (id INTEGER PRIMARY KEY, city TEXT, note TEXT, age INTEGER);";
  for (int i = 1; i <= 60; ++i)
    script += "INSERT INTO people VALUES (" + std::to_string(i) + ", CAST(X'" +
              (i % 2 ? "4DFC6E6368656E" : "5AFC72696368") +
              "' AS TEXT), CAST(X'636166E9' AS TEXT), " + std::to_string(20 + i % 40) + ");";
  create_sqlite(db, script);

  std::string output;
  for (const std::string flag : {"--json", "--sdv"}) {
    const std::string json = dir.file("out" + flag + ".json");
    ASSERT_EQ(run_command("(" + kCli + " inspect " + db + " " + flag + " > " + json + ")", &output),
              0)
        << flag << ": " << output;
    const std::string text = read_file(json);
    EXPECT_TRUE(is_utf8(text));
    EXPECT_TRUE(nlohmann::json::accept(text)) << text;
  }
  EXPECT_NE(read_file(dir.file("out--json.json")).find("caf\xEF\xBF\xBD"), std::string::npos)
      << "the constant rule's value, its bad byte as U+FFFD";
  ASSERT_EQ(run_command(kCli + " -q inspect " + db + " -o " + dir.file("meta.json"), &output), 0)
      << output;
  ASSERT_EQ(run_command(kCli + " -q train " + db + " -o " + dir.file("m.rsm"), &output), 0)
      << output;
  ASSERT_EQ(
      run_command(kCli + " -q generate " + dir.file("m.rsm") + " --to " + dir.file("a.sqlite"),
                  &output),
      0)
      << output;
  EXPECT_EQ(query_int(dir.file("a.sqlite"), "SELECT COUNT(*) FROM people"), 60);
  ASSERT_EQ(
      run_command(kCli + " -q synth " + db + " --to " + dir.file("b.sqlite") + " --report-json " +
                      dir.file("report.json") + " --report " + dir.file("report.html"),
                  &output),
      0)
      << output;
  const std::string report = read_file(dir.file("report.json"));
  EXPECT_TRUE(is_utf8(report));
  EXPECT_TRUE(nlohmann::json::accept(report));
}

}  // namespace
}  // namespace relsynth::testing
