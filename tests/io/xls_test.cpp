// Legacy Excel workbooks (.xls, BIFF8) as sources: files xlwt (an independent BIFF8 writer) made
// are read with their numbers, texts, dates and booleans; .xls is never a destination; bad files
// are refused naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/sheet_fixtures.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

#define REQUIRE_XLWT()                                                  \
  if (venv_python().empty() || run_python("import xlwt", nullptr) != 0) \
  GTEST_SKIP() << "no .venv with xlwt (scripts/install-deps.sh makes it)"

TEST(XlsSource, ReadsWhatXlwtWrote) {
  REQUIRE_XLWT();
  TempDir dir;
  const std::string path = dir.file("legacy.xls");
  std::string output;
  ASSERT_EQ(
      run_python("import xlwt, datetime\n"
                 "wb = xlwt.Workbook(encoding='utf-8')\n"
                 "ws = wb.add_sheet('people')\n"
                 "day = xlwt.easyxf(num_format_str='YYYY-MM-DD')\n"
                 "stamp = xlwt.easyxf(num_format_str='YYYY-MM-DD HH:MM:SS')\n"
                 "for c, name in enumerate(['id', 'name', 'born', 'seen', 'score']): ws.write(0, "
                 "c, name)\n"
                 "rows = [(1, 'Ann', datetime.date(1990, 5, 17), datetime.datetime(2024, 1, 2, 3, "
                 "4, 5), 1.25),\n"
                 "        (2, 'Zoë', datetime.date(1985, 12, 1), datetime.datetime(2023, 6, 7, 8, "
                 "9, 10), None),\n"
                 "        (3, None, None, None, -3.5)]\n"
                 "for r, values in enumerate(rows, 1):\n"
                 "    for c, value in enumerate(values):\n"
                 "        if value is None: continue\n"
                 "        style = day if c == 2 else stamp if c == 3 else None\n"
                 "        ws.write(r, c, value, style) if style else ws.write(r, c, value)\n"
                 "other = wb.add_sheet('codes')\n"
                 "other.write(0, 0, 'code'); other.write(1, 0, '007'); other.write(2, 0, 'x')\n"
                 "wb.add_sheet('blank')\n"
                 "wb.save(" +
                     py_string(path) + ")\n",
                 &output),
      0)
      << output;
  std::vector<std::string> warnings;
  SourceOptions options;
  options.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  auto source = open_source(path, options);
  EXPECT_EQ(source->kind(), "xls");
  const Metadata metadata = source->describe();
  ASSERT_EQ(metadata.tables.size(), 2u) << "the blank sheet is left out";
  const TableMeta& people = metadata.table("people");
  EXPECT_EQ(people.row_count, 3);
  const std::vector<DataType> types = {DataType::Int64, DataType::String, DataType::Date,
                                       DataType::DateTime, DataType::Float64};
  ASSERT_EQ(people.columns.size(), types.size());
  for (size_t c = 0; c < types.size(); ++c)
    EXPECT_EQ(people.columns[c].type, types[c]) << people.columns[c].name;
  const Table rows = source->read_table(people);
  EXPECT_EQ(rows.column("id").int_at(2), 3);
  EXPECT_EQ(rows.column("name").string_at(1), "Zoë");
  EXPECT_TRUE(rows.column("name").is_null(2));
  EXPECT_EQ(rows.column("born").text_at(0), "1990-05-17");
  EXPECT_EQ(rows.column("seen").text_at(1), "2023-06-07 08:09:10");
  EXPECT_EQ(rows.column("score").double_at(2), -3.5);
  const Table codes = source->read_table(metadata.table("codes"));
  EXPECT_EQ(codes.column("code").string_at(0), "007");
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings[0].find("blank"), std::string::npos) << warnings[0];

  // The whole pipeline reads it: inspect, and synth to a SQLite file.
  const std::string cli = RELSYNTH_CLI_PATH;
  ASSERT_EQ(run_command(cli + " inspect " + path, &output), 0) << output;
  EXPECT_NE(output.find("people"), std::string::npos) << output;
}

TEST(XlsDestination, IsRefusedSayingToWriteXlsx) {
  TempDir dir;
  try {
    open_destination(dir.file("out.xls"));
    ADD_FAILURE() << "an .xls destination was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("does not write"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(".xlsx"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.xls")));
}

TEST(XlsSource, BadFilesAreRefusedNamingTheFile) {
  TempDir dir;
  const std::string garbage = dir.file("garbage.xls");
  std::ofstream(garbage) << "not an OLE2 compound file at all, just text";
  std::string message = error_reading(garbage);
  EXPECT_NE(message.find("garbage.xls"), std::string::npos) << message;
  EXPECT_NE(message.find("not a legacy Excel file"), std::string::npos) << message;
  EXPECT_NE(error_reading(dir.file("missing.xls")).find("missing.xls"), std::string::npos);
  // An .xlsx saved under an .xls name.
  const TypedDatabase db = every_type_database();
  write_all(dir.file("real.xlsx"), db.metadata, db.data);
  std::filesystem::copy_file(dir.file("real.xlsx"), dir.file("renamed.xls"));
  message = error_reading(dir.file("renamed.xls"));
  EXPECT_NE(message.find("renamed.xls"), std::string::npos) << message;
  if (venv_python().empty() || run_python("import xlwt", nullptr) != 0) return;
  std::string output;
  ASSERT_EQ(
      run_python("import xlwt\nwb = xlwt.Workbook()\nws = wb.add_sheet('t')\n"
                 "for c in range(5): ws.write(0, c, 'c%d' % c)\n"
                 "for r in range(1, 3000):\n"
                 "    for c in range(5): ws.write(r, c, r * c + 0.5)\n"
                 "wb.save(" +
                     py_string(dir.file("whole.xls")) + ")\nraw = open(" +
                     py_string(dir.file("whole.xls")) + ", 'rb').read()\nopen(" +
                     py_string(dir.file("truncated.xls")) + ", 'wb').write(raw[:len(raw) // 2])\n",
                 &output),
      0)
      << output;
  EXPECT_EQ(error_reading(dir.file("whole.xls")), "");
  message = error_reading(dir.file("truncated.xls"));
  EXPECT_NE(message.find("truncated.xls"), std::string::npos) << message;
}

}  // namespace
}  // namespace relsynth::testing
