// relsynth convert SOURCE --to DEST: copies a database between any two kinds relsynth reads and
// writes (SQLite, CSV/TSV, Parquet, archives, spreadsheets, PostgreSQL, MySQL) with the schema the
// source declares, as far as the destination can express it. Table by table, parents first, so only
// one table is in memory; the destination is staged and appears whole, or not at all.
#include <cstdio>

#include "cli/commands.h"
#include "core/text.h"
#include "pipeline/conversion.h"
#include "relsynth/error.h"

namespace relsynth::cli {

namespace {

struct ConvertOptions {
  std::string source;
  std::string destination;
  bool overwrite = false;
  std::string null_token;
  std::string encoding = "auto";
};

int run_convert(const ConvertOptions& o, const GlobalOptions& global) {
  check_outputs({{"source", o.source, false}, {"--to", o.destination, true}});
  Progress progress(global.quiet);
  auto warn = [&progress](const std::string& text) { progress.message("warning: " + text); };
  SourceOptions source_options;
  source_options.null_token = o.null_token;
  source_options.encoding = o.encoding;
  source_options.on_warning = warn;
  DestinationOptions destination_options;
  destination_options.overwrite = o.overwrite;
  destination_options.on_warning = warn;
  // Opened first: an existing destination is refused (without --overwrite) before any reading.
  auto destination = open_destination(o.destination, destination_options);
  progress.step("reading the schema of " + display_uri(o.source));
  auto source = open_source(o.source, source_options);
  const Metadata metadata = source->describe();
  progress.done(std::to_string(metadata.tables.size()) + " tables");
  const int64_t rows =
      copy_database(*source, *destination, metadata, display_uri(o.destination), progress);
  if (!global.quiet)
    std::fprintf(stderr, "copied %zu tables, %s rows, from %s to %s (%s)\n", metadata.tables.size(),
                 with_commas(rows).c_str(), display_uri(o.source).c_str(),
                 display_uri(o.destination).c_str(), destination->kind().c_str());
  return 0;
}

}  // namespace

Runner add_convert_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ConvertOptions>();
  CLI::App* command = app.add_subcommand(
      "convert",
      "Copy a database to another kind of database or files (SQLite, CSV/TSV, Parquet, "
      "archives, .xlsx/.ods, PostgreSQL, MySQL), with the schema the destination can express");
  command
      ->add_option("source", o->source,
                   "A SQLite file, csv:DIR, tsv:DIR, parquet:DIR (or a .parquet file), a "
                   ".zip/.tar.gz archive, an .xlsx/.ods/.xls spreadsheet, postgresql://... or "
                   "mysql://...")
      ->required();
  command
      ->add_option("--to", o->destination,
                   "Destination: a SQLite file, csv:DIR, tsv:DIR, parquet:DIR[?compression=zstd], "
                   "a .zip/.tar.gz archive, an .xlsx/.ods spreadsheet, postgresql://... or "
                   "mysql://...")
      ->required();
  command->add_flag("--overwrite", o->overwrite,
                    "Replace an existing destination (only relsynth's own output: folders, "
                    "archives, workbooks)");
  command->add_option("--null", o->null_token,
                      "CSV: the text that stands for NULL (default: an empty unquoted field)");
  command->add_option("--encoding", o->encoding, kEncodingHelp)->capture_default_str();
  return [o, &global] { return run_convert(*o, global); };
}

}  // namespace relsynth::cli
