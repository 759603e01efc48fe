// Factories of the built-in connectors; open_source/open_destination pick among them.
#pragma once

#include <memory>
#include <string>

#include "relsynth/io.h"

namespace relsynth {

// Passes a destination's warning to options.on_warning, or prints it.
void warn_about(const DestinationOptions& options, const std::string& message);

// Refuses (UsageError) to write over an existing file `target` but with --overwrite, and then
// only when `written_by_relsynth` finds relsynth's mark in it (an empty file is replaced too);
// `mark` says what the mark is in the message ("an xlsx document property relsynth-output").
// `kind` names such a file in the message ("an archive").
void check_replaceable_file(const std::string& target, bool overwrite,
                            bool (*written_by_relsynth)(const std::string&),
                            const std::string& mark, const std::string& kind = "a file");

std::unique_ptr<Source> make_sqlite_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_sqlite_destination(const std::string& path,
                                                     const DestinationOptions& options);
std::unique_ptr<Source> make_csv_source(const std::string& directory, const SourceOptions& options);
std::unique_ptr<Destination> make_csv_destination(const std::string& directory,
                                                  const DestinationOptions& options);

// Parquet (io/parquet_*.cpp): a folder of per-table .parquet files or part-file folders, or one
// .parquet file; written as a folder of per-table files compressed with `compression` (snappy,
// zstd, gzip, lz4, none).
std::unique_ptr<Source> make_parquet_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_parquet_destination(const std::string& directory,
                                                      const DestinationOptions& options,
                                                      const std::string& compression = "snappy");
// A folder holding .parquet files (or folders of them) and no .csv/.tsv file.
bool is_parquet_folder(const std::string& path);

// Archives (.zip, .tar.gz, .tgz) of per-table CSV/TSV or Parquet files, read and written through
// the folder connectors (io/archive.cpp). A source reads the format its members are in; a
// destination writes `members` (Parquet compressed with `compression`).
enum class ArchiveMembers { Csv, Parquet };
bool is_archive_path(const std::string& path);
std::unique_ptr<Source> make_archive_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_archive_destination(const std::string& path,
                                                      const DestinationOptions& options,
                                                      ArchiveMembers members = ArchiveMembers::Csv,
                                                      const std::string& compression = {});

// Spreadsheets: a workbook is a database, a sheet a table, its first row the column names.
// .xlsx (xlsx_source.cpp, xlsx_destination.cpp).
std::unique_ptr<Source> make_xlsx_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_xlsx_destination(const std::string& path,
                                                   const DestinationOptions& options);
// .xls, read only (xls_source.cpp).
std::unique_ptr<Source> make_xls_source(const std::string& path, const SourceOptions& options);
// .ods (ods_source.cpp, ods_destination.cpp).
std::unique_ptr<Source> make_ods_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_ods_destination(const std::string& path,
                                                  const DestinationOptions& options);

// Servers: `url` is the whole postgresql:// or mysql:// URL (credentials resolved inside).
std::unique_ptr<Source> make_postgres_source(const std::string& url, const SourceOptions& options);
std::unique_ptr<Destination> make_postgres_destination(const std::string& url,
                                                       const DestinationOptions& options);
std::unique_ptr<Source> make_mysql_source(const std::string& url, const SourceOptions& options);
std::unique_ptr<Destination> make_mysql_destination(const std::string& url,
                                                    const DestinationOptions& options);

}  // namespace relsynth
