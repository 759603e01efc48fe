// Excel workbooks (.xlsx) as destinations and sources: what relsynth writes is read by openpyxl
// and by relsynth, what openpyxl and pandas write is read by relsynth, Excel's limits and bad
// files are refused naming what is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/io_fixtures.h"
#include "io/sheet_fixtures.h"
#include "io/sheet_zip.h"
#include "io/xlsx_common.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;

// The workbook as openpyxl sees it: {"sheets": {title: [[value, ...], ...]}, "properties": {}}
// with dates, datetimes and times in ISO text.
nlohmann::json openpyxl_view(const std::string& path) {
  std::string output;
  const int status = run_python(
      "import openpyxl, json, datetime, sys\n"
      "wb = openpyxl.load_workbook(sys.argv[1] if len(sys.argv) > 1 else " +
          nlohmann::json(path).dump() +
          ")\n"
          "iso = lambda v: v.isoformat() if isinstance(v, (datetime.date, datetime.time)) else v\n"
          "out = {'sheets': {}, 'properties': {p.name: p.value for p in "
          "wb.custom_doc_props.props}}\n"
          "for ws in wb.worksheets:\n"
          "    out['sheets'][ws.title] = [[iso(v) for v in row] for row in "
          "ws.iter_rows(values_only=True)]\n"
          "print(json.dumps(out))\n",
      &output);
  EXPECT_EQ(status, 0) << output;
  return status == 0 ? nlohmann::json::parse(output) : nlohmann::json();
}

TEST(XlsxDestination, OpenpyxlReadsEveryValueAsWritten) {
  REQUIRE_VENV();
  TempDir dir;
  const TypedDatabase db = every_type_database();
  const std::string path = dir.file("out.xlsx");
  write_all(path, db.metadata, db.data);
  const nlohmann::json view = openpyxl_view(path);
  ASSERT_TRUE(view.contains("sheets")) << view;
  EXPECT_TRUE(view["properties"].contains(xlsx::kMarkerProperty)) << view["properties"];
  const nlohmann::json& rows = view["sheets"]["every type"];
  ASSERT_EQ(rows.size(), 6u) << view;
  EXPECT_EQ(rows[0], nlohmann::json::parse(
                         R"(["id","count","price","flag","day","stamp","clock","zip","name"])"));
  EXPECT_EQ(rows[1], nlohmann::json::parse(R"([1,-5,1.5,true,"2024-01-31T00:00:00",
      "2024-01-31T10:20:30","10:20:30","00501","Ann"])"));
  EXPECT_EQ(rows[2], nlohmann::json::parse(R"([2,0,-0.25,false,"1999-12-31T00:00:00",
      "2000-02-29T00:00:00","23:59:59","12345","Zoë \"quoted\", comma"])"));
  EXPECT_EQ(rows[3], nlohmann::json::parse(R"([3,null,null,null,null,null,null,null,null])"));
  EXPECT_EQ(rows[4], nlohmann::json::parse(R"([4,9007199254740992,123456.789,true,
      "1900-03-01T00:00:00","1970-01-01T00:00:00.500000","00:00:00","A-7","two\nlines"])"));
  EXPECT_EQ(rows[5], nlohmann::json::parse(R"([5,42,1e-7,false,"2100-12-31T00:00:00",
      "2038-01-19T03:14:07","01:00:00","x","日本語"])"));
}

TEST(XlsxDestination, SheetNamesFollowExcelsRulesAndBigIntegersStayExactAsText) {
  REQUIRE_VENV();
  TempDir dir;
  Metadata metadata;
  Database data;
  for (const std::string name :
       {"a table whose name is longer than thirty-one characters",
        "a table whose name is longer than thirty-one letters", "x/y:z", "X_y_z", "history"}) {
    TableMeta table;
    table.name = name;
    ColumnMeta column;
    column.name = "n";
    column.type = DataType::Int64;
    table.columns.push_back(column);
    metadata.tables.push_back(table);
    Table rows(name);
    Column& values = rows.add_column(Column("n", DataType::Int64));
    values.append_int(int64_t{1} << 60);
    values.append_int(7);
    data.add_table(std::move(rows));
  }
  std::vector<std::string> warnings;
  DestinationOptions options;
  options.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  const std::string path = dir.file("names.xlsx");
  write_all(path, metadata, data, options);
  const nlohmann::json view = openpyxl_view(path);
  std::vector<std::string> titles;
  for (const auto& [title, rows] : view["sheets"].items()) {
    titles.push_back(title);
    EXPECT_LE(utf8_length(title), 31u) << title;
    EXPECT_EQ(title.find_first_of("[]:*?/\\"), std::string::npos) << title;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][0], "1152921504606846976") << "2^60 as exact text";
    EXPECT_EQ(rows[2][0], 7);
  }
  std::sort(titles.begin(), titles.end());
  EXPECT_EQ(titles.size(), 5u);
  EXPECT_EQ(std::unique(titles.begin(), titles.end(),
                        [](std::string a, std::string b) {
                          for (char& c : a) c = static_cast<char>(std::tolower(c));
                          for (char& c : b) c = static_cast<char>(std::tolower(c));
                          return a == b;
                        }) -
                titles.begin(),
            5);
  bool warned_rename = false, warned_big = false;
  for (const std::string& text : warnings) {
    warned_rename |= text.find("is written as sheet") != std::string::npos;
    warned_big |= text.find("2^53") != std::string::npos;
  }
  EXPECT_TRUE(warned_rename);
  EXPECT_TRUE(warned_big);
}

TEST(XlsxDestination, ExcelsLimitsAreRefusedNamingTheTable) {
  TempDir dir;
  const std::string path = dir.file("big.xlsx");
  TableMeta wide;
  wide.name = "wide";
  for (int i = 0; i < 16385; ++i) {
    ColumnMeta column;
    column.name = "c" + std::to_string(i);
    column.type = DataType::Int64;
    wide.columns.push_back(column);
  }
  Metadata metadata;
  metadata.tables.push_back(wide);
  try {
    auto destination = open_destination(path);
    destination->begin(metadata);
    ADD_FAILURE() << "16,385 columns accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("wide"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("16,384"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path));

  TableMeta tall;
  tall.name = "tall";
  ColumnMeta column;
  column.name = "n";
  column.type = DataType::Int64;
  tall.columns.push_back(column);
  metadata.tables = {tall};
  Table rows("tall");
  Column& values = rows.add_column(Column("n", DataType::Int64));
  for (int64_t i = 0; i < xlsx::kMaxRows; ++i) values.append_int(i);
  try {
    auto destination = open_destination(path);
    destination->begin(metadata);
    destination->append(tall, rows.slice(0, 1000));
    destination->append(tall, rows.slice(1000, rows.num_rows()));  // one row too many
    destination->commit();
    ADD_FAILURE() << "1,048,576 data rows accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("tall"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Parquet or CSV"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path));
  for (const auto& entry : fs::directory_iterator(dir.path()))
    ADD_FAILURE() << "left behind: " << entry.path();

  Table text("tall");
  Column& long_text = text.add_column(Column("n", DataType::String));
  long_text.append_string(std::string(32768, 'x'));
  tall.columns[0].type = DataType::String;
  metadata.tables = {tall};
  try {
    auto destination = open_destination(path);
    destination->begin(metadata);
    destination->append(tall, text);
    ADD_FAILURE() << "a 32,768-character cell accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("32,767"), std::string::npos) << e.what();
  }
}

TEST(XlsxDestination, OverwriteReplacesOnlyAWorkbookRelsynthWrote) {
  REQUIRE_VENV();
  TempDir dir;
  const TypedDatabase db = every_type_database();
  const std::string ours = dir.file("ours.xlsx"), theirs = dir.file("theirs.xlsx");
  write_all(ours, db.metadata, db.data);
  EXPECT_THROW(write_all(ours, db.metadata, db.data), UsageError);
  DestinationOptions overwrite;
  overwrite.overwrite = true;
  EXPECT_NO_THROW(write_all(ours, db.metadata, db.data, overwrite));
  std::string output;
  ASSERT_EQ(run_python("import openpyxl\nwb = openpyxl.Workbook()\nwb.active['A1'] = 'mine'\n"
                       "wb.save(" +
                           nlohmann::json(theirs).dump() + ")\n",
                       &output),
            0)
      << output;
  const auto before = fs::file_size(theirs);
  try {
    write_all(theirs, db.metadata, db.data, overwrite);
    ADD_FAILURE() << "replaced a workbook relsynth did not write";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("not a file relsynth wrote"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(fs::file_size(theirs), before);
  // An aborted destination leaves nothing beside the target.
  {
    auto destination = open_destination(dir.file("aborted.xlsx"));
    destination->begin(db.metadata);
    destination->append(db.metadata.tables[0], db.data.tables()[0]);
  }
  EXPECT_FALSE(fs::exists(dir.file("aborted.xlsx")));
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_TRUE(entry.path().filename() == "ours.xlsx" || entry.path().filename() == "theirs.xlsx")
        << entry.path();
}

const std::string kCli = RELSYNTH_CLI_PATH;

TEST(XlsxRoundTrip, TrailingRowsOfNullsAreKept) {
  TempDir dir;
  expect_trailing_null_rows_kept(dir.file("sparse.xlsx"));
}

TEST(XlsxRoundTrip, EveryTypeReadsBackAsWritten) {
  TempDir dir;
  expect_every_type_round_trip(dir.file("types.xlsx"));
}

// Rows as sorted text, doubles to 15 significant digits: libxlsxwriter writes numbers with 16,
// so a double whose shortest form has 17 comes back one unit in the last place away.
std::vector<std::string> rows_to_15_digits(const Table& table) {
  std::vector<std::string> rows(table.num_rows());
  for (size_t r = 0; r < table.num_rows(); ++r)
    for (const Column& column : table.columns()) {
      if (column.type() == DataType::Float64 && !column.is_null(r)) {
        char text[32];
        std::snprintf(text, sizeof text, "%.15g", column.double_at(r));
        rows[r] += std::string(text) + "\x1f";
      } else {
        rows[r] += normalized(column, r) + "\x1f";
      }
    }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The first row of `actual` (as a set) that `expected` lacks, or "" when the sets are equal.
std::string first_difference(const Table& actual, const Table& expected) {
  const std::vector<std::string> a = rows_to_15_digits(actual), b = rows_to_15_digits(expected);
  if (a == b) return "";
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    if (a[i] != b[i]) return "read " + a[i] + "\nwhere the source has " + b[i];
  return std::to_string(a.size()) + " rows read, " + std::to_string(b.size()) + " in the source";
}

// A real database through a workbook and back: with the source's declared types the same rows
// and the same SQLite dump; inferred from the cells, the same types but where the format has
// none (binary data is text, decimals are numbers, whole floats are integers, text of digits is
// a number as in a CSV file).
TEST(XlsxRoundTrip, SharedDatasetsThroughXlsxAndBackToSqlite) {
  for (const std::string& name : shared_dataset_names()) {
    SCOPED_TRACE(name);
    TempDir dir;
    auto source = open_source(shared_dataset(name));
    const Metadata metadata = source->describe();
    const Database data = read_database(*source, metadata);
    const std::string workbook = dir.file(name + ".xlsx");
    write_all(workbook, metadata, data);
    auto xlsx = open_source(workbook);
    const Metadata inferred = xlsx->describe();
    ASSERT_EQ(inferred.tables.size(), metadata.tables.size());
    for (const TableMeta& table : metadata.tables) {
      const TableMeta& read = inferred.table(table.name);
      EXPECT_EQ(read.row_count, static_cast<int64_t>(data.table(table.name).num_rows()))
          << table.name;
      ASSERT_EQ(read.columns.size(), table.columns.size()) << table.name;
      for (size_t c = 0; c < table.columns.size(); ++c) {
        const DataType declared = table.columns[c].type, found = read.columns[c].type;
        const bool lossy = (declared == DataType::Binary && found == DataType::String) ||
                           (declared == DataType::Decimal && found != DataType::String) ||
                           (declared == DataType::Float64 && found == DataType::Int64) ||
                           (declared == DataType::Date && found == DataType::DateTime) ||
                           (declared == DataType::String && found != DataType::Binary);
        EXPECT_TRUE(found == declared || lossy)
            << table.name << "." << table.columns[c].name << ": " << to_string(declared)
            << " read as " << to_string(found);
      }
    }
    const Database typed = read_database(*xlsx, metadata);  // the cells describe() parsed
    for (const TableMeta& table : metadata.tables)
      EXPECT_EQ(first_difference(typed.table(table.name), data.table(table.name)), "")
          << table.name;
    write_all(dir.file("original.sqlite"), metadata, data);
    write_all(dir.file("through.sqlite"), metadata, typed);
    EXPECT_TRUE(dump_database(dir.file("through.sqlite")) ==
                dump_database(dir.file("original.sqlite")));
  }
}

TEST(XlsxSource, ReadsWhatOpenpyxlAndPandasWrote) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string path = dir.file("theirs.xlsx"), frames = dir.file("frames.xlsx");
  std::string output;
  ASSERT_EQ(
      run_python(
          "import openpyxl, datetime, pandas as pd\n"
          "wb = openpyxl.Workbook()\n"
          "ws = wb.active\n"
          "ws.title = 'people'\n"
          "ws.append(['id', 'name', 'born', 'seen', 'wake', 'score', 'member', 'double'])\n"
          "ws.append([1, 'Ann', datetime.date(1990, 5, 17), datetime.datetime(2024, 1, 2, 3, 4, 5),"
          " datetime.time(7, 30), 1.25, True, '=A2*2'])\n"
          "ws.append([2, None, datetime.date(1985, 12, 1), datetime.datetime(2023, 6, 7, 8, 9, 10),"
          " datetime.time(23, 0, 1), None, False, '=A3*2'])\n"
          "ws.append([])\n"
          "ws.append([4, 'Dee', None, None, None, -3.5, None, None])\n"
          "wb.create_sheet('empty')\n"
          "wb.save(" +
              py_string(path) +
              ")\n"
              "df = pd.DataFrame({'k': [1, 2, 3], 'when': pd.to_datetime(['2020-01-01 10:00', "
              "'2020-02-03', None], format='ISO8601'), 'x': [0.5, float('nan'), 2.0], 'code': "
              "['007', 'A', 'B']})\n"
              "with pd.ExcelWriter(" +
              py_string(frames) +
              ", engine='openpyxl') as w:\n"
              "    df.to_excel(w, sheet_name='frame', index=False)\n"
              "    df.head(1).to_excel(w, sheet_name='one', index=False)\n",
          &output),
      0)
      << output;
  std::vector<std::string> warnings;
  SourceOptions options;
  options.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  const ReadBack people = read_all(path, options);
  ASSERT_EQ(people.metadata.tables.size(), 1u) << "the empty sheet is left out";
  const TableMeta& table = people.metadata.table("people");
  EXPECT_EQ(table.row_count, 4) << "the empty row between data rows is a row of NULLs";
  const std::vector<std::pair<std::string, DataType>> expected_types = {
      {"id", DataType::Int64},      {"name", DataType::String},  {"born", DataType::Date},
      {"seen", DataType::DateTime}, {"wake", DataType::Time},    {"score", DataType::Float64},
      {"member", DataType::Bool},   {"double", DataType::String}};
  ASSERT_EQ(table.columns.size(), expected_types.size());
  for (size_t c = 0; c < expected_types.size(); ++c) {
    EXPECT_EQ(table.columns[c].name, expected_types[c].first);
    EXPECT_EQ(table.columns[c].type, expected_types[c].second) << expected_types[c].first;
  }
  const Table& rows = people.data.table("people");
  EXPECT_EQ(rows.column("born").text_at(0), "1990-05-17");
  EXPECT_EQ(rows.column("seen").text_at(1), "2023-06-07 08:09:10");
  EXPECT_EQ(rows.column("wake").text_at(0), "07:30:00");
  EXPECT_TRUE(rows.column("name").is_null(1));
  EXPECT_TRUE(rows.column("id").is_null(2));
  EXPECT_EQ(rows.column("id").int_at(3), 4);
  EXPECT_EQ(rows.column("member").int_at(0), 1);
  bool formulas = false, empty = false;
  for (const std::string& text : warnings) {
    // openpyxl computes no formula: their cells hold no value, which is said.
    formulas |= text.find("2 formula cells (the first in H2)") != std::string::npos &&
                text.find("2 of them (the first in H2) hold none") != std::string::npos;
    empty |= text.find("empty") != std::string::npos;
  }
  EXPECT_TRUE(formulas) << "formula cells, and those without a computed value, are reported";
  EXPECT_TRUE(rows.column("double").is_null(0));
  EXPECT_TRUE(empty) << "the empty sheet is reported";

  const ReadBack frame = read_all(frames);
  const TableMeta& frame_table = frame.metadata.table("frame");
  EXPECT_EQ(frame_table.row_count, 3);
  EXPECT_EQ(frame_table.columns[0].type, DataType::Int64);
  EXPECT_EQ(frame_table.columns[1].type, DataType::DateTime);
  EXPECT_EQ(frame_table.columns[2].type, DataType::Float64);
  EXPECT_EQ(frame_table.columns[3].type, DataType::String);
  const Table& frame_rows = frame.data.table("frame");
  EXPECT_EQ(frame_rows.column("when").text_at(1), "2020-02-03 00:00:00");
  EXPECT_TRUE(frame_rows.column("when").is_null(2));
  EXPECT_TRUE(frame_rows.column("x").is_null(1));
  EXPECT_EQ(frame_rows.column("code").string_at(0), "007");
  EXPECT_EQ(frame.metadata.table("one").row_count, 1);
}

TEST(XlsxSource, BadWorkbooksAreRefusedNamingTheFileAndTheCell) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string garbage = dir.file("garbage.xlsx");
  std::ofstream(garbage) << "this is not a zip file at all";
  EXPECT_NE(error_reading(garbage).find("garbage.xlsx"), std::string::npos)
      << error_reading(garbage);
  EXPECT_NE(error_reading(garbage).find("zip"), std::string::npos);
  EXPECT_NE(error_reading(dir.file("missing.xlsx")).find("missing.xlsx"), std::string::npos);

  // A real workbook cut in half, a zip of something else, a sheet of broken XML, and headers
  // that cannot name columns.
  const TypedDatabase db = every_type_database();
  const std::string whole = dir.file("whole.xlsx");
  write_all(whole, db.metadata, db.data);
  std::string output;
  ASSERT_EQ(
      run_python(
          "import zipfile, openpyxl\n"
          "raw = open(" +
              py_string(whole) +
              ", 'rb').read()\n"
              "open(" +
              py_string(dir.file("truncated.xlsx")) +
              ", 'wb').write(raw[:len(raw) // 2])\n"
              "with zipfile.ZipFile(" +
              py_string(dir.file("other.xlsx")) +
              ", 'w') as z:\n"
              "    z.writestr('notes.txt', 'hello')\n"
              "src = zipfile.ZipFile(" +
              py_string(whole) +
              ")\n"
              "with zipfile.ZipFile(" +
              py_string(dir.file("broken.xlsx")) +
              ", 'w') as z:\n"
              "    for item in src.infolist():\n"
              "        data = src.read(item.filename)\n"
              "        if item.filename.endswith('sheet1.xml'): data = data[:len(data) // 2]\n"
              "        z.writestr(item, data)\n"
              "for name, header in [('duplicate', ['id', 'name', 'id']), ('blank', ['id', None, "
              "'x'])]:\n"
              "    wb = openpyxl.Workbook(); ws = wb.active; ws.title = 't'\n"
              "    ws.append(header); ws.append([1, 2, 3])\n"
              "    wb.save(" +
              py_string(dir.path().string() + "/") +
              " + name + '.xlsx')\n"
              "wb = openpyxl.Workbook(); ws = wb.active; ws.title = 't'\n"
              "ws.append(['id']); ws.append([1]); ws['C5'] = 'stray'\n"
              "wb.save(" +
              py_string(dir.file("stray.xlsx")) + ")\n",
          &output),
      0)
      << output;
  struct Case {
    std::string file;
    std::vector<std::string> says;
  };
  for (const Case& bad :
       {Case{"truncated.xlsx", {"truncated.xlsx"}},
        Case{"other.xlsx", {"other.xlsx", "not an Excel workbook"}},
        Case{"broken.xlsx", {"broken.xlsx", "sheet1.xml", "XML"}},
        Case{"duplicate.xlsx", {"duplicate.xlsx", "C1", "duplicate", "A1"}},
        Case{"blank.xlsx", {"blank.xlsx", "B2", "column B", "no name in the header"}},
        Case{"stray.xlsx", {"stray.xlsx", "C5", "header"}}}) {
    const std::string message = error_reading(dir.file(bad.file));
    ASSERT_FALSE(message.empty()) << bad.file << " was read";
    for (const std::string& part : bad.says)
      EXPECT_NE(message.find(part), std::string::npos) << bad.file << ": " << message;
  }
  // Through the CLI a bad input is exit status 3.
  EXPECT_EQ(run_command(kCli + " inspect " + dir.file("duplicate.xlsx"), &output), 3) << output;
}

// A minimal package as other writers make them: no cell or row references, rich and phonetic
// shared strings, inline strings, a namespace prefix on every element, sparse rows, an error.
TEST(XlsxSource, ReadsAHandMadePackageWithoutReferences) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string path = dir.file("hand.xlsx");
  std::string output;
  ASSERT_EQ(
      run_python(
          "import zipfile\n"
          "main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'\n"
          "rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'\n"
          "parts = {\n"
          " '[Content_Types].xml': '<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "content-types\"/>',\n"
          " '_rels/.rels': '<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "relationships\"><Relationship Id=\"r1\" Type=\"' + rel + '/officeDocument\" "
          "Target=\"book/main.xml\"/></Relationships>',\n"
          " 'book/main.xml': '<x:workbook xmlns:x=\"' + main + '\" xmlns:r=\"' + rel + '\">"
          "<x:sheets><x:sheet name=\"people &amp; pets\" sheetId=\"1\" r:id=\"s1\"/></x:sheets>"
          "</x:workbook>',\n"
          " 'book/_rels/main.xml.rels': '<Relationships xmlns=\"http://schemas.openxmlformats.org/"
          "package/2006/relationships\"><Relationship Id=\"s1\" Type=\"' + rel + '/worksheet\" "
          "Target=\"/book/s/one.xml\"/><Relationship Id=\"t\" Type=\"' + rel + "
          "'/sharedStrings\" Target=\"strings.xml\"/></Relationships>',\n"
          " 'book/strings.xml': '<x:sst xmlns:x=\"' + main + '\"><x:si><x:t>name</x:t></x:si>"
          "<x:si><x:r><x:t>An</x:t></x:r><x:r><x:t xml:space=\"preserve\">n _x000D_</x:t></x:r>"
          "<x:rPh><x:t>ignored</x:t></x:rPh></x:si></x:sst>',\n"
          " 'book/s/one.xml': '<x:worksheet xmlns:x=\"' + main + '\"><x:sheetData>"
          "<x:row><x:c t=\"inlineStr\"><x:is><x:t>id</x:t></x:is></x:c><x:c t=\"s\"><x:v>0</x:v>"
          "</x:c></x:row>"
          "<x:row><x:c><x:v>1</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c></x:row>"
          "<x:row r=\"5\"><x:c r=\"B5\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"A5\"><x:v>2.5E1"
          "</x:v></x:c></x:row>"
          "</x:sheetData></x:worksheet>'}\n"
          "with zipfile.ZipFile(" +
              py_string(path) +
              ", 'w') as z:\n"
              "    for name, text in parts.items(): z.writestr(name, text)\n",
          &output),
      0)
      << output;
  std::vector<std::string> warnings;
  SourceOptions options;
  options.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  const ReadBack back = read_all(path, options);
  const TableMeta& table = back.metadata.table("people & pets");
  EXPECT_EQ(table.row_count, 4) << "rows 3 and 4 are empty rows between data rows";
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].name, "id");
  EXPECT_EQ(table.columns[1].name, "name");
  const Table& rows = back.data.table("people & pets");
  EXPECT_EQ(rows.column("id").int_at(0), 1);
  EXPECT_EQ(rows.column("id").int_at(3), 25);
  EXPECT_EQ(rows.column("name").string_at(0), "Ann \r") << "runs joined, phonetic left out";
  EXPECT_TRUE(rows.column("name").is_null(1));
  EXPECT_TRUE(rows.column("name").is_null(3)) << "#N/A";
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings[0].find("B5 (#N/A)"), std::string::npos) << warnings[0];
}

// A sheet that expands far beyond its compressed size stops at the cap instead of being parsed.
TEST(XlsxSource, AZipBombStopsAtTheExpansionCap) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string bomb = dir.file("bomb.xlsx");
  std::string output;
  ASSERT_EQ(run_python("import zipfile\nz = zipfile.ZipFile(" + py_string(bomb) +
                           ", 'w', zipfile.ZIP_DEFLATED)\n"
                           "z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + "
                           "'<row/>' * 5000000 + '</sheetData></worksheet>')\nz.close()\n",
                       &output),
            0)
      << output;
  const sheet::ZipFile zip(bomb, "xlsx file", 1 << 20);
  try {
    zip.stream("xl/worksheets/sheet1.xml", [](const char*, size_t) {});
    ADD_FAILURE() << "expanded past the cap";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("zip bomb"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sheet1.xml"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(
      sheet::ZipFile(bomb, "xlsx file").stream("xl/worksheets/sheet1.xml", [](const char*, size_t) {
      }));
}

TEST(XlsxCommon, DateLayoutsAndExcelNumberFormatsTranslate) {
  EXPECT_EQ(xlsx::excel_number_format("%d/%m/%Y"), "dd/mm/yyyy");
  EXPECT_EQ(xlsx::excel_number_format("%Y-%m-%d %H:%M:%S.%3f"), "yyyy-mm-dd hh:mm:ss.000");
  EXPECT_EQ(xlsx::excel_number_format("%Yh%m"), "yyyy\"h\"mm");
  EXPECT_EQ(xlsx::excel_number_format("%d %B"), "");
  EXPECT_EQ(xlsx::layout_of_number_format("dd/mm/yyyy", DataType::Date), "%d/%m/%Y");
  EXPECT_EQ(xlsx::layout_of_number_format("DD.MM.YYYY HH:MM", DataType::DateTime),
            "%d.%m.%Y %H:%M");
  EXPECT_EQ(xlsx::layout_of_number_format("[$-409]mm/dd/yyyy", DataType::Date), "%m/%d/%Y");
  EXPECT_EQ(xlsx::layout_of_number_format("hh:mm:ss.00", DataType::Time), "%H:%M:%S.%2f");
  EXPECT_EQ(xlsx::layout_of_number_format("hh:mm:ss.000", DataType::Time), "")
      << "the ISO layouts relsynth writes by default read as the empty format";
  EXPECT_EQ(xlsx::layout_of_number_format("yyyy\"h\"mm\"x\"dd", DataType::Date), "%Yh%mx%d");
  for (const char* unsupported : {"d/m/yy", "mmm yyyy", "dd/mm/yy", "[h]:mm"})
    EXPECT_EQ(xlsx::layout_of_number_format(unsupported, DataType::Date), "") << unsupported;
  EXPECT_EQ(xlsx::layout_of_number_format("h:mm AM/PM", DataType::Time), "");
  EXPECT_EQ(xlsx::layout_of_number_format("dd/mm/yyyy", DataType::DateTime), "")
      << "a datetime's layout needs the time";
}

// A CSV file's date layouts survive a workbook: the sheet shows them, and the CSV written from
// the workbook has the source's text.
TEST(XlsxRoundTrip, DateLayoutsOfACsvSourceSurviveAWorkbook) {
  REQUIRE_VENV();
  TempDir dir;
  const std::string text =
      "id,day,stamp\n1,31/01/2024,31/01/2024 10:20\n2,29/02/2000,01/12/1999 23:59\n";
  fs::create_directories(dir.path() / "in");
  std::ofstream(dir.path() / "in" / "events.csv") << text;
  const ReadBack csv = read_all("csv:" + dir.file("in"));
  ASSERT_EQ(csv.metadata.table("events").columns[1].format, "%d/%m/%Y");
  write_all(dir.file("events.xlsx"), csv.metadata, csv.data);
  std::string output;
  ASSERT_EQ(
      run_python("import openpyxl\nws = openpyxl.load_workbook(" +
                     py_string(dir.file("events.xlsx")) +
                     ")['events']\nprint(ws['B2'].number_format, '|', ws['C2'].number_format)\n",
                 &output),
      0)
      << output;
  EXPECT_EQ(output, "dd/mm/yyyy | dd/mm/yyyy hh:mm\n");
  const ReadBack sheet = read_all(dir.file("events.xlsx"));
  EXPECT_EQ(sheet.metadata.table("events").columns[1].format, "%d/%m/%Y");
  EXPECT_EQ(sheet.metadata.table("events").columns[2].format, "%d/%m/%Y %H:%M");
  write_all("csv:" + dir.file("out"), sheet.metadata, sheet.data);
  std::ifstream in(dir.path() / "out" / "events.csv");
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(written, text);
}

TEST(XlsxCli, GenerateWritesAWorkbookThatSynthReadsBack) {
  TempDir dir;
  const DemoModel demo = make_demo_model(dir, 40);
  std::string output;
  const std::string reference = dir.file("out.sqlite"), workbook = dir.file("out.xlsx");
  ASSERT_EQ(
      run_command(kCli + " -q generate " + demo.model + " --seed 7 --to " + reference, &output), 0)
      << output;
  ASSERT_EQ(
      run_command(kCli + " -q generate " + demo.model + " --seed 7 --to " + workbook, &output), 0)
      << output;
  auto sqlite = open_source(reference);
  const Metadata metadata = sqlite->describe();
  const Database expected = read_database(*sqlite, metadata);
  auto xlsx = open_source(workbook);
  const Database written = read_database(*xlsx, metadata);
  for (const TableMeta& table : metadata.tables)
    EXPECT_EQ(first_difference(written.table(table.name), expected.table(table.name)), "")
        << table.name;
  ASSERT_EQ(run_command(kCli + " inspect " + workbook, &output), 0) << output;
  ASSERT_EQ(run_command(kCli + " -q synth " + workbook + " --to " + dir.file("again.ods"), &output),
            0)
      << output;
  EXPECT_EQ(read_all(dir.file("again.ods")).metadata.tables.size(), metadata.tables.size());
}

}  // namespace
}  // namespace relsynth::testing
