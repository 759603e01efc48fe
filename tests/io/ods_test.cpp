// OpenDocument spreadsheets (.ods) as destinations and sources: relsynth's files read by pandas
// (odfpy), pandas' and odfpy's files read by relsynth, repeated rows and columns, bad files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/io_fixtures.h"
#include "io/ods_common.h"
#include "io/sheet_fixtures.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;

TEST(OdsRoundTrip, TrailingRowsOfNullsAreKept) {
  TempDir dir;
  expect_trailing_null_rows_kept(dir.file("sparse.ods"));
}

TEST(OdsRoundTrip, EveryTypeReadsBackAsWritten) {
  TempDir dir;
  expect_every_type_round_trip(dir.file("types.ods"));
}

TEST(OdsDestination, PandasReadsItAndThePackageFollowsOdf) {
  REQUIRE_VENV();
  TempDir dir;
  const TypedDatabase db = every_type_database();
  const std::string path = dir.file("out.ods");
  write_all(path, db.metadata, db.data);
  std::string output;
  ASSERT_EQ(
      run_python(
          "import zipfile, json, datetime, pandas as pd\n"
          "path = " +
              py_string(path) +
              "\n"
              "z = zipfile.ZipFile(path)\n"
              "first = z.infolist()[0]\n"
              "raw = open(path, 'rb').read()\n"
              "frame = pd.read_excel(path, engine='odf', sheet_name='every type')\n"
              "iso = lambda v: v.isoformat() if hasattr(v, 'isoformat') else v\n"
              "print(json.dumps({'first': first.filename, 'stored': first.compress_type == 0,\n"
              "  'extra': len(first.extra), 'magic': raw[30:38].decode() + raw[38:84].decode(),\n"
              "  'columns': list(frame.columns),\n"
              "  'rows': [[None if pd.isna(v) else iso(v) for v in row] for row in "
              "frame.itertuples(index=False)]}, default=str))\n",
          &output),
      0)
      << output;
  const nlohmann::json view = nlohmann::json::parse(output);
  EXPECT_EQ(view["first"], "mimetype");
  EXPECT_EQ(view["stored"], true);
  EXPECT_EQ(view["extra"], 0);
  EXPECT_EQ(view["magic"], std::string("mimetype") + ods::kMimeType);
  EXPECT_EQ(
      view["columns"],
      nlohmann::json::parse(R"(["id","count","price","flag","day","stamp","clock","zip","name"])"));
  ASSERT_EQ(view["rows"].size(), 5u) << view;
  EXPECT_EQ(view["rows"][0][0], 1);
  EXPECT_EQ(view["rows"][0][1], -5);
  EXPECT_EQ(view["rows"][0][2], 1.5);
  EXPECT_EQ(view["rows"][0][3], 1.0);  // booleans with a NULL among them: pandas makes floats
  EXPECT_EQ(view["rows"][0][4], "2024-01-31T00:00:00");
  EXPECT_EQ(view["rows"][0][5], "2024-01-31T10:20:30");
  EXPECT_EQ(view["rows"][0][7], "00501");
  EXPECT_EQ(view["rows"][1][8], "Zoë \"quoted\", comma");
  // (pandas joins a cell's paragraphs without a line break: "two\nlines" reads as "twolines".)
  EXPECT_EQ(view["rows"][4][8], "日本語");
  EXPECT_EQ(view["rows"][2][1], nullptr);
}

TEST(OdsSource, ReadsWhatPandasAndOdfpyWrote) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string frames = dir.file("frames.ods"), crafted = dir.file("crafted.ods");
  std::string output;
  ASSERT_EQ(
      run_python(
          "import pandas as pd, datetime\n"
          "from odf.opendocument import OpenDocumentSpreadsheet\n"
          "from odf.table import Table, TableRow, TableCell, CoveredTableCell\n"
          "from odf.text import P, S\n"
          "from odf.office import Annotation\n"
          "df = pd.DataFrame({'k': [1, 2, 3], 'x': [0.5, float('nan'), 2.25],\n"
          "  'day': [datetime.date(2020, 1, 2), datetime.date(2021, 3, 4), None],\n"
          "  'ok': [True, False, True], 'code': ['007', 'a  b', 'B']})\n"
          "df.to_excel(" +
              py_string(frames) +
              ", engine='odf', sheet_name='frame', index=False)\n"
              "doc = OpenDocumentSpreadsheet()\n"
              "t = Table(name='made')\n"
              "def row(cells, repeat=1):\n"
              "    r = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()\n"
              "    for c in cells: r.addElement(c)\n"
              "    t.addElement(r)\n"
              "def text(value, repeat=1):\n"
              "    c = TableCell(valuetype='string', numbercolumnsrepeated=repeat) if repeat > 1 "
              "else TableCell(valuetype='string')\n"
              "    c.addElement(P(text=value)); return c\n"
              "def number(value, repeat=1):\n"
              "    c = TableCell(valuetype='float', value=value, numbercolumnsrepeated=repeat) if "
              "repeat > 1 else TableCell(valuetype='float', value=value)\n"
              "    c.addElement(P(text=str(value))); return c\n"
              "row([text('a'), text('b'), text('c'), TableCell(numbercolumnsrepeated=1000)])\n"
              "row([number(7, 3)], repeat=2)\n"
              "row([TableCell(numbercolumnsrepeated=3)], repeat=2)\n"
              "note = TableCell(valuetype='string'); note.addElement(Annotation()); "
              "note.getElementsByType(Annotation)[0].addElement(P(text='a comment'))\n"
              "p = P(text='x'); p.addElement(S(c=3)); p.addText('y'); note.addElement(p)\n"
              "merged = TableCell(valuetype='float', value=1, numbercolumnsspanned=2); "
              "merged.addElement(P(text='1'))\n"
              "row([note, merged, CoveredTableCell()])\n"
              "row([TableCell(numbercolumnsrepeated=1024)], repeat=1048570)\n"
              "doc.spreadsheet.addElement(t)\n"
              "doc.save(" +
              py_string(crafted) + ")\n",
          &output),
      0)
      << output;
  const ReadBack frame = read_all(frames);
  const TableMeta& table = frame.metadata.table("frame");
  EXPECT_EQ(table.row_count, 3);
  const std::vector<DataType> types = {DataType::Int64, DataType::Float64, DataType::Date,
                                       DataType::Bool, DataType::String};
  ASSERT_EQ(table.columns.size(), types.size());
  for (size_t c = 0; c < types.size(); ++c)
    EXPECT_EQ(table.columns[c].type, types[c]) << table.columns[c].name;
  const Table& rows = frame.data.table("frame");
  EXPECT_TRUE(rows.column("x").is_null(1));
  EXPECT_EQ(rows.column("x").double_at(2), 2.25);
  EXPECT_EQ(rows.column("day").text_at(1), "2021-03-04");
  EXPECT_EQ(rows.column("code").string_at(0), "007");
  EXPECT_EQ(rows.column("code").string_at(1), "a  b");

  std::vector<std::string> warnings;
  SourceOptions options;
  options.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  const ReadBack made = read_all(crafted, options);
  const TableMeta& made_table = made.metadata.table("made");
  EXPECT_EQ(made_table.row_count, 5) << "2 repeated rows, 2 empty ones, 1 more; the trailing "
                                        "million empty rows are not rows";
  const Table& made_rows = made.data.table("made");
  ASSERT_EQ(made_table.columns[0].type, DataType::String) << "numbers and text mixed";
  ASSERT_EQ(made_table.columns[1].type, DataType::Int64);
  for (size_t r = 0; r < 2; ++r)
    for (size_t c = 0; c < 3; ++c) EXPECT_EQ(made_rows.column(c).text_at(r), "7") << r << "," << c;
  EXPECT_TRUE(made_rows.column(0).is_null(2));
  EXPECT_EQ(made_rows.column("a").string_at(4), "x   y") << "the annotation is no part of it";
  EXPECT_EQ(made_rows.column("b").int_at(4), 1);
  EXPECT_TRUE(made_rows.column("c").is_null(4));
  bool merged = false;
  for (const std::string& text : warnings) merged |= text.find("B6:C6") != std::string::npos;
  EXPECT_TRUE(merged) << "merged cells are reported";
}

TEST(OdsSource, BadFilesAreRefusedNamingTheFile) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string garbage = dir.file("garbage.ods");
  std::ofstream(garbage) << "not a zip";
  EXPECT_NE(error_reading(garbage).find("garbage.ods"), std::string::npos);
  const TypedDatabase db = every_type_database();
  write_all(dir.file("whole.ods"), db.metadata, db.data);
  std::string output;
  ASSERT_EQ(run_python(
                "import zipfile, pandas as pd\n"
                "raw = open(" +
                    py_string(dir.file("whole.ods")) +
                    ", 'rb').read()\n"
                    "open(" +
                    py_string(dir.file("truncated.ods")) +
                    ", 'wb').write(raw[:len(raw) // 2])\n"
                    "with zipfile.ZipFile(" +
                    py_string(dir.file("text.ods")) +
                    ", 'w') as z:\n"
                    "    z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')\n"
                    "    z.writestr('content.xml', '<x/>')\n"
                    "with zipfile.ZipFile(" +
                    py_string(dir.file("empty.ods")) +
                    ", 'w') as z:\n"
                    "    z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')\n"
                    "pd.DataFrame([[1, 2]], columns=['id', 'id ']).rename(columns={'id ': "
                    "'id'}).to_excel(" +
                    py_string(dir.file("duplicate.ods")) + ", engine='odf', index=False)\n",
                &output),
            0)
      << output;
  struct Case {
    std::string file;
    std::vector<std::string> says;
  };
  for (const Case& bad : {Case{"truncated.ods", {"truncated.ods"}},
                          Case{"text.ods", {"text.ods", "not an OpenDocument spreadsheet"}},
                          Case{"empty.ods", {"empty.ods", "content.xml"}},
                          Case{"duplicate.ods", {"duplicate.ods", "B1", "duplicate", "A1"}}}) {
    const std::string message = error_reading(dir.file(bad.file));
    ASSERT_FALSE(message.empty()) << bad.file << " was read";
    for (const std::string& part : bad.says)
      EXPECT_NE(message.find(part), std::string::npos) << bad.file << ": " << message;
  }
}

TEST(OdsDestination, OverwriteReplacesOnlyASpreadsheetRelsynthWrote) {
  REQUIRE_VENV();
  TempDir dir;
  const TypedDatabase db = every_type_database();
  const std::string ours = dir.file("ours.ods"), theirs = dir.file("theirs.ods");
  write_all(ours, db.metadata, db.data);
  EXPECT_THROW(write_all(ours, db.metadata, db.data), UsageError);
  DestinationOptions overwrite;
  overwrite.overwrite = true;
  EXPECT_NO_THROW(write_all(ours, db.metadata, db.data, overwrite));
  std::string output;
  ASSERT_EQ(run_python("import pandas as pd\npd.DataFrame({'a': [1]}).to_excel(" +
                           py_string(theirs) + ", engine='odf', index=False)\n",
                       &output),
            0)
      << output;
  EXPECT_THROW(write_all(theirs, db.metadata, db.data, overwrite), UsageError);
  EXPECT_EQ(read_all(theirs).metadata.tables[0].columns[0].name, "a");
  {
    auto destination = open_destination(dir.file("aborted.ods"));
    destination->begin(db.metadata);
    destination->append(db.metadata.tables[0], db.data.tables()[0]);
  }
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_TRUE(entry.path().filename() == "ours.ods" || entry.path().filename() == "theirs.ods")
        << entry.path();
}

// Real databases through .ods and back with their declared types: the same SQLite dump (ODF
// keeps numbers as exact text).
TEST(OdsRoundTrip, SharedDatasetsThroughOdsAndBackToSqlite) {
  for (const std::string& name : shared_dataset_names()) {
    SCOPED_TRACE(name);
    TempDir dir;
    auto source = open_source(shared_dataset(name));
    const Metadata metadata = source->describe();
    const Database data = read_database(*source, metadata);
    const std::string spreadsheet = dir.file(name + ".ods");
    write_all(spreadsheet, metadata, data);
    const Database typed = read_database(*open_source(spreadsheet), metadata);
    for (const TableMeta& table : metadata.tables)
      EXPECT_TRUE(row_set(typed.table(table.name)) == row_set(data.table(table.name)))
          << table.name;
    write_all(dir.file("original.sqlite"), metadata, data);
    write_all(dir.file("through.sqlite"), metadata, typed);
    EXPECT_TRUE(dump_database(dir.file("through.sqlite")) ==
                dump_database(dir.file("original.sqlite")));
  }
}

}  // namespace
}  // namespace relsynth::testing
