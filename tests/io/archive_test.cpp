// Archives (.zip, .tar.gz, .tgz) of per-table CSV files as sources and destinations.
#include "io/archive.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "io/io_fixtures.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCli = RELSYNTH_CLI_PATH;

std::map<std::string, int64_t> row_counts(const std::string& uri) {
  std::map<std::string, int64_t> counts;
  auto source = open_source(uri);
  for (const TableMeta& table : source->describe().tables) counts[table.name] = table.row_count;
  return counts;
}

// Runs a Python snippet that builds an archive (the test's independent writer).
void python(const std::string& script) {
  std::string output;
  ASSERT_EQ(run_command("python3 -c " + shell_quote(script), &output), 0) << output;
}

std::vector<std::string> leftovers(const fs::path& folder, const std::string& stem) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().starts_with(stem))
      names.push_back(entry.path().filename().string());
  return names;
}

TEST(Archive, SynthWritesZipAndTarGzThatReadBackWithTheSameTablesAndRows) {
  TempDir dir;
  const DemoModel demo = make_demo_model(dir, 40);
  std::string output;
  const std::string reference = dir.file("out.sqlite");
  ASSERT_EQ(
      run_command(kCli + " -q generate " + demo.model + " --seed 7 --to " + reference, &output), 0)
      << output;
  const auto expected = row_counts(reference);
  ASSERT_GE(expected.size(), 3u);
  for (const std::string name : {"out.zip", "out.tar.gz", "out.tgz"}) {
    const std::string archive = dir.file(name);
    ASSERT_EQ(
        run_command(kCli + " -q generate " + demo.model + " --seed 7 --to " + archive, &output), 0)
        << name << ": " << output;
    EXPECT_EQ(row_counts(archive), expected) << name;
    ASSERT_EQ(run_command(kCli + " inspect " + archive, &output), 0) << output;
    for (const auto& [table, rows] : expected) EXPECT_NE(output.find(table), std::string::npos);
    // Written again only with --overwrite, which replaces relsynth's own archive.
    EXPECT_NE(run_command(kCli + " -q generate " + demo.model + " --to " + archive, &output), 0);
    EXPECT_EQ(run_command(kCli + " -q generate " + demo.model + " --seed 7 --to " + archive +
                              " --overwrite",
                          &output),
              0)
        << output;
    EXPECT_EQ(row_counts(archive), expected) << name;
  }
  // The whole pipeline reads an archive too: synth from the zip to a SQLite file.
  ASSERT_EQ(
      run_command(kCli + " -q synth " + dir.file("out.zip") + " --to " + dir.file("again.sqlite"),
                  &output),
      0)
      << output;
  EXPECT_EQ(row_counts(dir.file("again.sqlite")).size(), expected.size());
  EXPECT_TRUE(leftovers(dir.path(), "out.zip.tmp").empty());
}

TEST(Archive, ReadsArchivesOtherToolsWroteWithTablesInOneFolder) {
  TempDir dir;
  const std::string zip = dir.file("people.zip"), tgz = dir.file("people.tar.gz");
  python(
      "import zipfile, tarfile, io\n"
      "files = {'data/people.csv': 'id,name\\n1,Ann\\n2,Bo\\n3,Cy\\n',\n"
      "         'data/pets.tsv': 'id\\towner\\n1\\t1\\n2\\t3\\n',\n"
      "         'README.txt': 'not a table'}\n"
      "with zipfile.ZipFile('" +
      zip +
      "', 'w', zipfile.ZIP_DEFLATED) as z:\n"
      "    for name, text in files.items(): z.writestr(name, text)\n"
      "with tarfile.open('" +
      tgz +
      "', 'w:gz') as t:\n"
      "    for name, text in files.items():\n"
      "        data = text.encode(); info = tarfile.TarInfo(name); info.size = len(data)\n"
      "        t.addfile(info, io.BytesIO(data))\n");
  const std::map<std::string, int64_t> expected{{"people", 3}, {"pets", 2}};
  EXPECT_EQ(row_counts(zip), expected);
  EXPECT_EQ(row_counts(tgz), expected);
  auto source = open_source(tgz);
  const Metadata metadata = source->describe();
  const Table pets = source->read_table(metadata.table("pets"));
  EXPECT_EQ(pets.num_columns(), 2u);  // the .tsv member was split on tabs
}

TEST(Archive, BadArchivesAreRefusedNamingTheArchiveAndMember) {
  TempDir dir;
  const std::string garbage = dir.file("garbage.zip");
  std::ofstream(garbage) << "this is not a zip file at all";
  EXPECT_NE(read_error(garbage).find("garbage.zip"), std::string::npos) << read_error(garbage);

  const std::string big = dir.file("big.tar.gz"), truncated = dir.file("truncated.tar.gz");
  python(
      "import tarfile, io, random\n"
      "random.seed(1)\n"
      "data = ''.join('%d,%f\\n' % (i, random.random()) for i in range(50000)).encode()\n"
      "with tarfile.open('" +
      big +
      "', 'w:gz') as t:\n"
      "    info = tarfile.TarInfo('t.csv'); info.size = len(data)\n"
      "    t.addfile(info, io.BytesIO(data))\n"
      "raw = open('" +
      big +
      "', 'rb').read()\n"
      "open('" +
      truncated + "', 'wb').write(raw[:len(raw) // 2])\n");
  EXPECT_EQ(read_error(big), "");
  EXPECT_NE(read_error(truncated).find("truncated.tar.gz"), std::string::npos);

  const std::string empty = dir.file("empty.zip");
  python("import zipfile\nzipfile.ZipFile('" + empty + "', 'w').writestr('notes.txt', 'x')\n");
  EXPECT_NE(read_error(empty).find("no .csv, .tsv or .parquet member"), std::string::npos);

  struct Case {
    std::string member, says;
  };
  for (const Case& bad :
       {Case{"../x.csv", "outside"}, Case{"/etc/x.csv", "absolute"}, Case{"a/b/x.csv", "nested"}}) {
    for (const std::string kind : {"zip", "tar.gz"}) {
      const std::string archive = dir.file("bad." + kind);
      fs::remove(archive);
      if (kind == "zip")
        python("import zipfile\nz = zipfile.ZipFile('" + archive +
               "', 'w')\n"
               "z.writestr('ok.csv', 'a\\n1\\n')\nz.writestr('" +
               bad.member +
               "', 'a\\n1\\n')\n"
               "z.close()\n");
      else
        python("import tarfile, io\nt = tarfile.open('" + archive +
               "', 'w:gz')\n"
               "for name in ['ok.csv', '" +
               bad.member +
               "']:\n"
               "    info = tarfile.TarInfo(name); info.size = 4\n"
               "    t.addfile(info, io.BytesIO(b'a\\n1\\n'))\nt.close()\n");
      const std::string message = read_error(archive);
      EXPECT_NE(message.find(bad.says), std::string::npos) << kind << ": " << message;
      EXPECT_NE(message.find(bad.member), std::string::npos) << kind << ": " << message;
      EXPECT_NE(message.find("bad." + kind), std::string::npos) << kind << ": " << message;
    }
  }
  const std::string twice = dir.file("twice.zip");
  python("import zipfile\nz = zipfile.ZipFile('" + twice +
         "', 'w')\n"
         "z.writestr('t.csv', 'a\\n1\\n')\nz.writestr('t.tsv', 'a\\n1\\n')\nz.close()\n");
  EXPECT_NE(read_error(twice).find("second file for table"), std::string::npos);
}

TEST(Archive, ExtractionStopsAtTheSizeCap) {
  TempDir dir;
  const std::string bomb = dir.file("bomb.zip");
  // 20 MB of one repeated line compresses to a few kB, as a zip bomb does.
  python("import zipfile\nz = zipfile.ZipFile('" + bomb +
         "', 'w', zipfile.ZIP_DEFLATED)\n"
         "z.writestr('t.csv', 'a\\n' + '1\\n' * 10000000)\nz.close()\n");
  fs::create_directories(dir.path() / "out");
  try {
    extract_archive_tables(bomb, dir.path() / "out", 1 << 20);
    ADD_FAILURE() << "extracted past the cap";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.csv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expands beyond 1 MiB"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(extract_archive_tables(bomb, dir.path() / "out", 1e9));
}

TEST(Archive, DestinationLeavesNothingBeforeCommitAndNeverReplacesAForeignArchive) {
  TempDir dir;
  const std::string target = dir.file("out.zip");
  Metadata metadata;
  TableMeta table;
  table.name = "t";
  ColumnMeta column;
  column.name = "a";
  column.type = DataType::Int64;
  table.columns.push_back(column);
  metadata.tables.push_back(table);
  {
    auto destination = open_destination(target);
    destination->begin(metadata);
    // dropped before commit, as a failed run does
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(leftovers(dir.path(), "out.zip").empty());

  const std::string foreign = dir.file("mine.zip");
  python("import zipfile\nzipfile.ZipFile('" + foreign + "', 'w').writestr('t.csv', 'a\\n1\\n')\n");
  DestinationOptions overwrite;
  overwrite.overwrite = true;
  try {
    open_destination(foreign, overwrite);
    ADD_FAILURE() << "a foreign archive was accepted for --overwrite";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not an archive relsynth wrote"), std::string::npos);
  }
  EXPECT_EQ(row_counts(foreign), (std::map<std::string, int64_t>{{"t", 1}}));
}

// A table named like a hidden file (Prisma's _prisma_migrations, a ".hidden" one) is a table in
// every folder format relsynth writes, and comes back on reading; only macOS's "._" resource
// forks and Spark's markers are skipped, in the folders and archives of other tools too.
TEST(Archive, TablesNamedLikeHiddenFilesComeBackFromEveryFolderFormat) {
  TempDir dir;
  const std::string database = dir.file("hidden.sqlite");
  python(
      "import sqlite3\n"
      "c = sqlite3.connect(" +
      shell_quote(database) +
      ")\n"
      "for name, rows in (('_prisma_migrations', 3), ('.hidden', 4), ('plain', 5)):\n"
      "    c.execute('create table \"%s\" (id integer primary key, v text)' % name)\n"
      "    c.executemany('insert into \"%s\" values (?, ?)' % name,\n"
      "                  [(i, 'v%d' % i) for i in range(rows)])\n"
      "c.commit()\n");
  const std::map<std::string, int64_t> expected = {
      {"_prisma_migrations", 3}, {".hidden", 4}, {"plain", 5}};
  std::string output;
  for (const std::string& destination : {"csv:" + dir.file("csv"), "parquet:" + dir.file("parquet"),
                                         dir.file("t.zip"), "parquet:" + dir.file("p.tgz")}) {
    SCOPED_TRACE(destination);
    ASSERT_EQ(run_command(kCli + " -q convert " + database + " --to " + destination, &output), 0)
        << output;
    EXPECT_EQ(row_counts(destination), expected);
  }
  // Other tools' markers and macOS's resource forks are still not tables.
  python(
      "import os, shutil\n"
      "root = " +
      shell_quote(dir.file("parquet")) +
      "\n"
      "open(root + '/_SUCCESS', 'w').close()\n"
      "open(root + '/._plain.parquet', 'wb').write(b'\\x00\\x05\\x16\\x07 resource fork')\n"
      "os.makedirs(root + '/_delta_log'); shutil.copy(root + '/plain.parquet', root + "
      "'/_delta_log/x.parquet')\n"
      "open(" +
      shell_quote(dir.file("csv") + "/._plain.csv") + ", 'wb').write(b'\\x00\\x05\\x16\\x07')\n");
  EXPECT_EQ(row_counts("parquet:" + dir.file("parquet")), expected);
  EXPECT_EQ(row_counts("csv:" + dir.file("csv")), expected);
  // No table is written under a name readers skip.
  python("import sqlite3\nc = sqlite3.connect(" + shell_quote(dir.file("fork.sqlite")) +
         ")\nc.execute('create table \"._t\" (id integer)')\nc.commit()\n");
  EXPECT_EQ(
      run_command(kCli + " -q convert " + dir.file("fork.sqlite") + " --to csv:" + dir.file("fork"),
                  &output),
      3);
  EXPECT_NE(output.find("table \"._t\""), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir.file("fork")));
}

// Tables named in any script go into archives and come back (the "C" locale made libarchive
// refuse a tar.gz of Aufträge.csv after all the work, and read other tools' zips of 注文.csv as
// members without a name); a link member is refused, never silently left out.
TEST(Archive, UnicodeMemberNamesRoundTripAndLinksAreRefused) {
  TempDir dir;
  const std::string database = dir.file("unicode.sqlite");
  python(
      "import sqlite3\n"
      "c = sqlite3.connect(" +
      shell_quote(database) +
      ")\n"
      "for name in ('Aufträge', '注文'):\n"
      "    c.execute('create table \"%s\" (id integer primary key, v text)' % name)\n"
      "    c.executemany('insert into \"%s\" values (?, ?)' % name, [(i, 'v') for i in "
      "range(3)])\n"
      "c.commit()\n");
  const std::map<std::string, int64_t> expected = {{"Aufträge", 3}, {"注文", 3}};
  std::string output;
  for (const std::string& archive : {dir.file("u.zip"), dir.file("u.tar.gz")}) {
    ASSERT_EQ(run_command(kCli + " -q convert " + database + " --to " + archive, &output), 0)
        << archive << ": " << output;
    EXPECT_EQ(row_counts(archive), expected) << archive;
  }
  python(
      "import zipfile, tarfile, io\n"
      "rows = b'id,v\\n1,a\\n2,b\\n'\n"
      "with zipfile.ZipFile(" +
      shell_quote(dir.file("theirs.zip")) +
      ", 'w') as z: z.writestr('caf\\u00e9.csv', rows)\n"
      "with tarfile.open(" +
      shell_quote(dir.file("link.tar.gz")) +
      ", 'w:gz') as t:\n"
      "    info = tarfile.TarInfo('t.csv'); info.size = len(rows); t.addfile(info, "
      "io.BytesIO(rows))\n"
      "    info = tarfile.TarInfo('u.csv'); info.type = tarfile.SYMTYPE; info.linkname = "
      "'/etc/passwd'; t.addfile(info)\n");
  EXPECT_EQ(row_counts(dir.file("theirs.zip")), (std::map<std::string, int64_t>{{"café", 2}}));
  const std::string message = read_error(dir.file("link.tar.gz"));
  EXPECT_NE(message.find("member \"u.csv\" is a link"), std::string::npos) << message;
}

}  // namespace
}  // namespace relsynth::testing
