// Archives (.zip, .tar.gz, .tgz) of per-table CSV/TSV or Parquet files, on top of the folder
// connectors: a source extracts the table members into a private temporary folder and reads it
// as a CSV or Parquet folder (by its members); a destination writes such a folder in a staging
// place and packs it on commit. libarchive reads and writes both archive formats.
#include "io/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/temp_files.h"
#include "io/connectors.h"
#include "io/output_folder.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

// The member the folder destinations write to list their files; an archive holding it is
// relsynth's own output, which --overwrite may replace.
constexpr const char* kMarkerMember = kOutputManifest;

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct ArchiveReader {
  archive* handle = archive_read_new();
  ~ArchiveReader() { archive_read_free(handle); }
};

struct ArchiveWriter {
  archive* handle = archive_write_new();
  ~ArchiveWriter() { archive_write_free(handle); }
};

std::string reason(archive* handle) {
  const char* text = archive_error_string(handle);
  return text ? text : "unknown error";
}

// The formats relsynth reads: zip, and tar (plain or gzip-compressed).
void support_formats(ArchiveReader& reader) {
  archive_read_support_format_zip(reader.handle);
  archive_read_support_format_tar(reader.handle);
  archive_read_support_format_gnutar(reader.handle);
  archive_read_support_filter_gzip(reader.handle);
}

// libarchive converts member names between the archive's charset and the locale's, which is
// "C" (ASCII) in a program that never calls setlocale: every non-ASCII name (Aufträge.csv,
// 注文.csv) failed, a zip's read as NULL and a tar.gz's refused (or crashing) when written. This
// thread works in a UTF-8 locale while it reads or writes an archive; other threads and the
// process's locale are left alone.
class Utf8Names {
 public:
  Utf8Names() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr)) {
    if (utf8_) previous_ = uselocale(utf8_);
  }
  ~Utf8Names() {
    if (!utf8_) return;
    uselocale(previous_);
    freelocale(utf8_);
  }
  Utf8Names(const Utf8Names&) = delete;
  Utf8Names& operator=(const Utf8Names&) = delete;

 private:
  locale_t utf8_;
  locale_t previous_ = nullptr;
};

std::optional<std::string> member_name(archive_entry* entry) {
  if (const char* name = archive_entry_pathname(entry)) return std::string(name);
  return std::nullopt;
}

// Opens `path` for reading as a zip or a (gzip-compressed) tar; throws IoError/InputError.
void open_for_reading(ArchiveReader& reader, const std::string& path) {
  support_formats(reader);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw IoError("archive " + quote_name(path) + ": " + os_reason(ENOENT));
  if (archive_read_open_filename(reader.handle, path.c_str(), 1 << 16) != ARCHIVE_OK)
    throw InputError("archive " + quote_name(path) + " cannot be read: " + reason(reader.handle));
}

// Why a member's name cannot be extracted (empty when it can): absolute paths, "..", and
// folders deeper than one level.
std::string why_refused(const std::string& name) {
  if (name.empty()) return "has an empty name";
  if (name[0] == '/' || name[0] == '\\' || (name.size() > 1 && name[1] == ':'))
    return "has an absolute path";
  if (name.find('\\') != std::string::npos) return "has a backslash in its name";
  for (const auto& part : fs::path(name))
    if (part == "..") return "reaches outside the archive (\"..\")";
  return {};
}

bool is_parquet_member(const fs::path& member) {
  return lowercase(member.extension().string()) == ".parquet";
}

bool is_table_file(const fs::path& member) {
  const std::string extension = lowercase(member.extension().string());
  return extension == ".csv" || extension == ".tsv" || is_parquet_member(member);
}

}  // namespace

// Extracts the CSV/TSV or Parquet members of `path` into `folder` (flat: the table files at the
// top or in one folder, as zipping a folder makes), at most `max_bytes` in all (a zip bomb stops
// there instead of filling the disk). Every refusal names the archive and the member.
ArchiveMembers extract_archive_tables(const std::string& path, const fs::path& folder,
                                      double max_bytes) {
  const Utf8Names utf8_names;
  ArchiveReader reader;
  open_for_reading(reader, path);
  std::map<std::string, std::string> member_of_table;
  std::string folder_of_tables;  // "" = the top; the one folder all table files are in
  bool first = true;
  std::string first_member;  // the first table member, whose format every other one shares
  double expanded = 0;       // bytes extracted so far
  archive_entry* entry = nullptr;
  for (;;) {
    const int status = archive_read_next_header(reader.handle, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN)
      throw InputError("archive " + quote_name(path) +
                       " is corrupt or truncated: " + reason(reader.handle));
    const std::optional<std::string> read_name = member_name(entry);
    if (!read_name)
      throw InputError("archive " + quote_name(path) + ": a member's name is not UTF-8 text (" +
                       reason(reader.handle) + "); pack the archive again with UTF-8 names");
    const std::string& name = *read_name;
    const std::string where = "archive " + quote_name(path) + ": member " + quote_name(name);
    if (const std::string why = why_refused(name); !why.empty())
      throw InputError(where + " " + why + "; relsynth extracts only plain relative names");
    fs::path member = fs::path(name).lexically_normal();
    const std::string base = member.filename().string();
    if (!is_table_file(member) || is_apple_double(base)) continue;  // README, ._x.csv
    // A link is never followed (it may point anywhere): refused rather than its table lost.
    if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry))
      throw InputError(where +
                       " is a link, not a file; relsynth reads only plain files: pack the file "
                       "itself");
    std::string parent = member.parent_path().generic_string();
    if (parent.find('/') != std::string::npos)
      throw InputError(where +
                       " is nested more than one folder deep; put the table files at "
                       "the top of the archive or in one folder");
    if (first) {
      folder_of_tables = parent;
      first_member = name;
    }
    first = false;
    if (is_parquet_member(member) != is_parquet_member(first_member))
      throw InputError(where + " is " + (is_parquet_member(member) ? "Parquet" : "CSV") +
                       " where " + quote_name(first_member) +
                       " is not: an archive holds the tables in one format");
    if (parent != folder_of_tables)
      throw InputError(where + " is in another folder than " +
                       quote_name(folder_of_tables.empty() ? "the top" : folder_of_tables) +
                       ", where the other table files are");
    const std::string table = member.stem().string();
    if (auto [it, fresh] = member_of_table.emplace(table, name); !fresh)
      throw InputError(where + " is a second file for table " + quote_name(table) + " (beside " +
                       quote_name(it->second) + ")");
    const fs::path out_path = folder / base;
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    if (!out)
      throw IoError("cannot write " + quote_name(out_path.string()) + ": " + os_reason(errno));
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
      const int read = archive_read_data_block(reader.handle, &block, &size, &offset);
      if (read == ARCHIVE_EOF) break;
      if (read < ARCHIVE_WARN)
        throw InputError(
            where + " cannot be read (corrupt or truncated archive): " + reason(reader.handle));
      expanded += static_cast<double>(size);
      if (expanded > max_bytes)
        throw InputError(where + " expands beyond " +
                         std::to_string(static_cast<int64_t>(max_bytes / (1 << 20))) +
                         " MiB, the free space of the temporary folder: a damaged archive or a "
                         "zip bomb; extract it yourself and read the folder");
      out.write(static_cast<const char*>(block), static_cast<std::streamsize>(size));
    }
    if (!out.flush())
      throw IoError("cannot write " + quote_name(out_path.string()) + ": " + os_reason(errno));
  }
  if (member_of_table.empty())
    throw InputError("archive " + quote_name(path) + " holds no .csv, .tsv or .parquet member");
  return is_parquet_member(first_member) ? ArchiveMembers::Parquet : ArchiveMembers::Csv;
}

namespace {

// Leaves this much of the temporary folder's file system free while extracting.
constexpr double kFreeSpaceMargin = 64.0 * (1 << 20);

// A CSV or Parquet folder extracted from an archive; the folder goes when the source does.
class ArchiveSource : public Source {
 public:
  ArchiveSource(const std::string& path, const SourceOptions& options)
      : folder_(fs::temp_directory_path() / ("relsynth-archive-" + random_hex(8))) {
    std::error_code ec;
    fs::create_directories(folder_.path(), ec);
    if (ec)
      throw IoError("cannot create a temporary folder to extract " + quote_name(path) + ": " +
                    ec.message());
    const double free = free_space(folder_.path().string());
    const ArchiveMembers members = extract_archive_tables(
        path, folder_.path(), free < 0 ? 1e300 : std::max(0.0, free - kFreeSpaceMargin));
    files_ = members == ArchiveMembers::Parquet
                 ? make_parquet_source(folder_.path().string(), options)
                 : make_csv_source(folder_.path().string(), options);
  }

  std::string kind() const override { return files_->kind(); }  // read as the files are
  Metadata describe() override { return files_->describe(); }
  Table read_table(const TableMeta& table) override { return files_->read_table(table); }
  Table read_page(const TableMeta& table, size_t offset, size_t limit) override {
    return files_->read_page(table, offset, limit);
  }
  Table read_rows(const TableMeta& table, const RowSelection& selection) override {
    return files_->read_rows(table, selection);
  }

 private:
  StagedPath folder_;  // removed on destruction or interrupt
  std::unique_ptr<Source> files_;
};

enum class Packing { Zip, TarGz };

Packing packing_of(const std::string& path) {
  return lowercase(path).ends_with(".zip") ? Packing::Zip : Packing::TarGz;
}

// Whether `path` is an archive relsynth wrote: it holds the marker member.
bool written_by_relsynth(const std::string& path) {
  const Utf8Names utf8_names;
  ArchiveReader reader;
  support_formats(reader);
  if (archive_read_open_filename(reader.handle, path.c_str(), 1 << 16) != ARCHIVE_OK) return false;
  archive_entry* entry = nullptr;
  while (archive_read_next_header(reader.handle, &entry) == ARCHIVE_OK)
    if (member_name(entry) == std::string(kMarkerMember)) return true;
  return false;
}

// Packs the files of `folder` (flat) into the archive at `path`.
void pack_folder(const fs::path& folder, const std::string& path, Packing packing,
                 const std::string& target) {
  const Utf8Names utf8_names;
  ArchiveWriter writer;
  if (packing == Packing::Zip) {
    archive_write_set_format_zip(writer.handle);
  } else {
    archive_write_set_format_pax_restricted(writer.handle);
    archive_write_add_filter_gzip(writer.handle);
  }
  auto fail = [&](const std::string& what) {
    throw IoError("cannot write archive " + quote_name(target) + ": " + what + ": " +
                  reason(writer.handle));
  };
  if (archive_write_open_filename(writer.handle, path.c_str()) != ARCHIVE_OK) fail("open");
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(folder)) files.push_back(item.path());
  std::sort(files.begin(), files.end());  // the same order every run
  std::vector<char> buffer(1 << 16);
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                   archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(fs::file_size(file)));
    archive_entry_set_mtime(entry.get(), std::time(nullptr), 0);
    if (archive_write_header(writer.handle, entry.get()) != ARCHIVE_OK) fail(name);
    std::ifstream in(file, std::ios::binary);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const std::streamsize got = in.gcount();
      if (got > 0 && archive_write_data(writer.handle, buffer.data(), static_cast<size_t>(got)) < 0)
        fail(name);
    }
  }
  if (archive_write_close(writer.handle) != ARCHIVE_OK) fail("close");
}

// A CSV or Parquet folder staged beside the target, packed into "<target>.tmp-..." on commit and
// renamed onto the target; an abort or an interrupt leaves nothing.
class ArchiveDestination : public Destination {
 public:
  ArchiveDestination(const std::string& path, const DestinationOptions& options,
                     ArchiveMembers members, const std::string& compression)
      : target_(path), options_(options), members_(members), compression_(compression) {
    prepare_output_file("destination", path);
    remove_stale_temporaries(path, [this](const std::string& text) { warn_about(options_, text); });
    check_target();
  }

  ~ArchiveDestination() override { abort(); }

  std::string kind() const override { return "archive"; }

  void begin(const Metadata& metadata) override {
    check_target();
    work_ = std::make_unique<StagedPath>(target_);
    std::error_code ec;
    fs::create_directories(work_->path(), ec);
    if (ec)
      throw IoError("cannot create a staging folder for " + quote_name(target_) + ": " +
                    ec.message());
    DestinationOptions folder_options = options_;
    folder_options.overwrite = false;
    const std::string tables = (work_->path() / "tables").string();
    files_ = members_ == ArchiveMembers::Parquet
                 ? make_parquet_destination(tables, folder_options, compression_)
                 : make_csv_destination(tables, folder_options);
    files_->begin(metadata);
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (!files_)
      throw UsageError("archive destination " + quote_name(target_) + ": append before begin");
    files_->append(table, rows);
  }

  void commit() override {
    if (!files_)
      throw UsageError("archive destination " + quote_name(target_) + ": commit before begin");
    try {
      files_->commit();
      StagedPath packed(target_);
      pack_folder(work_->path() / "tables", packed.path().string(), packing_of(target_), target_);
      check_target();  // someone may have put a file there meanwhile
      packed.commit();
    } catch (...) {
      abort();
      throw;
    }
    abort();  // the staged folder goes; the archive stays
  }

  void abort() override {
    files_.reset();
    work_.reset();
  }

 private:
  // An existing file is replaced only with --overwrite, and only when relsynth wrote it.
  void check_target() const {
    check_replaceable_file(target_, options_.overwrite, &written_by_relsynth,
                           std::string(kMarkerMember) + " member", "an archive");
  }

  std::string target_;
  DestinationOptions options_;
  ArchiveMembers members_;
  std::string compression_;
  std::unique_ptr<StagedPath> work_;
  std::unique_ptr<Destination> files_;
};

}  // namespace

bool is_archive_path(const std::string& path) {
  const std::string name = lowercase(path);
  return name.ends_with(".zip") || name.ends_with(".tar.gz") || name.ends_with(".tgz");
}

std::unique_ptr<Source> make_archive_source(const std::string& path, const SourceOptions& options) {
  return std::make_unique<ArchiveSource>(path, options);
}

std::unique_ptr<Destination> make_archive_destination(const std::string& path,
                                                      const DestinationOptions& options,
                                                      ArchiveMembers members,
                                                      const std::string& compression) {
  return std::make_unique<ArchiveDestination>(path, options, members, compression);
}

}  // namespace relsynth
