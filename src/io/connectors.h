// Factories of the built-in connectors; open_source/open_destination pick among them.
#pragma once

#include <memory>
#include <string>

#include "relsynth/io.h"

namespace relsynth {

// Passes a destination's warning to options.on_warning, or prints it.
void warn_about(const DestinationOptions& options, const std::string& message);

std::unique_ptr<Source> make_sqlite_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_sqlite_destination(const std::string& path,
                                                     const DestinationOptions& options);
std::unique_ptr<Source> make_csv_source(const std::string& directory, const SourceOptions& options);
std::unique_ptr<Destination> make_csv_destination(const std::string& directory,
                                                  const DestinationOptions& options);

// Archives (.zip, .tar.gz, .tgz) of per-table CSV/TSV files, read and written through the CSV
// connector (io/archive.cpp).
bool is_archive_path(const std::string& path);
std::unique_ptr<Source> make_archive_source(const std::string& path, const SourceOptions& options);
std::unique_ptr<Destination> make_archive_destination(const std::string& path,
                                                      const DestinationOptions& options);

// Servers: `url` is the whole postgresql:// or mysql:// URL (credentials resolved inside).
std::unique_ptr<Source> make_postgres_source(const std::string& url, const SourceOptions& options);
std::unique_ptr<Destination> make_postgres_destination(const std::string& url,
                                                       const DestinationOptions& options);
std::unique_ptr<Source> make_mysql_source(const std::string& url, const SourceOptions& options);
std::unique_ptr<Destination> make_mysql_destination(const std::string& url,
                                                    const DestinationOptions& options);

}  // namespace relsynth
