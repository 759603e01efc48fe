// Zip members through libarchive and XML through expat, for the spreadsheet connectors.
#include "io/sheet_zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <expat.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <memory>

#include "core/temp_files.h"
#include "relsynth/error.h"

namespace relsynth::sheet {

namespace {

namespace fs = std::filesystem;

struct Reader {
  archive* handle = archive_read_new();
  ~Reader() { archive_read_free(handle); }
};

std::string reason(archive* handle) {
  const char* text = archive_error_string(handle);
  return text ? text : "unknown error";
}

// Opens the zip; the seekable reader follows the central directory, as spreadsheet programs do.
void open_zip(Reader& reader, const std::string& path, const std::string& what) {
  archive_read_support_format_zip_seekable(reader.handle);
  if (archive_read_open_filename(reader.handle, path.c_str(), 1 << 16) != ARCHIVE_OK)
    throw InputError(what + " " + quote_name(path) +
                     " is not a readable zip file (corrupt, truncated or another format): " +
                     reason(reader.handle));
}

}  // namespace

// Calls `visit` with each member's name until it returns true (the reader then stands at that
// member's data); false when no member was taken.
template <typename Visit>
bool each_member(Reader& reader, const std::string& path, const std::string& what,
                 const Visit& visit) {
  open_zip(reader, path, what);
  archive_entry* entry = nullptr;
  for (;;) {
    const int status = archive_read_next_header(reader.handle, &entry);
    if (status == ARCHIVE_EOF) return false;
    if (status < ARCHIVE_WARN)
      throw InputError(what + " " + quote_name(path) +
                       " is corrupt or truncated: " + reason(reader.handle));
    const char* name = archive_entry_pathname(entry);
    if (name && visit(std::string_view(name))) return true;
  }
}

ZipFile::ZipFile(std::string path, std::string what, uint64_t max_member_bytes)
    : path_(std::move(path)), what_(std::move(what)), max_member_bytes_(max_member_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(path_, ec))
    throw IoError(what_ + " " + quote_name(path_) + ": " + os_reason(ENOENT));
  if (max_member_bytes_ == 0)
    max_member_bytes_ = std::max<uint64_t>(uint64_t{4} << 30, 1000 * fs::file_size(path_, ec));
  Reader reader;
  each_member(reader, path_, what_, [&](std::string_view name) {
    members_.emplace_back(name);
    return false;
  });
}

bool ZipFile::has(std::string_view member) const {
  for (const std::string& name : members_)
    if (name == member) return true;
  return false;
}

std::string ZipFile::where(std::string_view member) const {
  return what_ + " " + quote_name(path_) + ": member " + quote_name(member);
}

void ZipFile::stream(std::string_view member,
                     const std::function<void(const char* data, size_t size)>& sink) const {
  Reader reader;
  if (!each_member(reader, path_, what_, [&](std::string_view name) { return name == member; }))
    throw InputError(where(member) + " is missing");
  const void* block = nullptr;
  size_t size = 0;
  la_int64_t offset = 0;
  uint64_t expanded = 0;
  for (;;) {
    const int read = archive_read_data_block(reader.handle, &block, &size, &offset);
    if (read == ARCHIVE_EOF) return;
    if (read < ARCHIVE_WARN)
      throw InputError(where(member) +
                       " cannot be read (corrupt or truncated file): " + reason(reader.handle));
    expanded += size;
    if (expanded > max_member_bytes_)
      throw InputError(where(member) + " expands beyond " +
                       std::to_string(max_member_bytes_ >> 20) +
                       " MiB (1,000 times the file's size): a damaged file or a zip bomb");
    sink(static_cast<const char*>(block), size);
  }
}

std::string ZipFile::read(std::string_view member, size_t max_bytes) const {
  std::string content;
  stream(member, [&](const char* data, size_t size) {
    if (content.size() + size > max_bytes)
      throw InputError(where(member) + " expands beyond " + std::to_string(max_bytes >> 20) +
                       " MiB: a damaged file or a zip bomb");
    content.append(data, size);
  });
  return content;
}

const char* XmlAttributes::find(std::string_view local) const {
  for (const char** pair = pairs; pair && *pair; pair += 2) {
    std::string_view name(*pair);
    if (const size_t colon = name.rfind(':'); colon != std::string_view::npos)
      name = name.substr(colon + 1);
    if (name == local) return pair[1];
  }
  return nullptr;
}

namespace {

std::string_view local_name(const char* name) {
  std::string_view view(name);
  const size_t colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

// Expat's C callbacks onto an XmlHandler; the first exception a handler throws stops the parse.
class Parser {
 public:
  explicit Parser(XmlHandler& handler) : handler_(handler), parser_(XML_ParserCreate(nullptr)) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &Parser::on_start, &Parser::on_end);
    XML_SetCharacterDataHandler(parser_, &Parser::on_text);
  }
  ~Parser() { XML_ParserFree(parser_); }

  // Feeds a block; false when the parse stopped (an error or a handler's exception).
  void feed(const char* data, size_t size, bool last, const std::string& where) {
    if (XML_Parse(parser_, data, static_cast<int>(size), last) == XML_STATUS_OK) return;
    if (error_) std::rethrow_exception(error_);
    throw InputError(where + " is not well-formed XML (line " +
                     std::to_string(XML_GetCurrentLineNumber(parser_)) +
                     "): " + XML_ErrorString(XML_GetErrorCode(parser_)));
  }

 private:
  template <typename Call>
  static void guarded(void* self, const Call& call) {
    auto* parser = static_cast<Parser*>(self);
    if (parser->error_) return;
    try {
      call(parser->handler_);
    } catch (...) {
      parser->error_ = std::current_exception();
      XML_StopParser(parser->parser_, XML_FALSE);
    }
  }
  static void on_start(void* self, const char* name, const char** attributes) {
    guarded(self, [&](XmlHandler& handler) {
      handler.start(local_name(name), XmlAttributes{attributes});
    });
  }
  static void on_end(void* self, const char* name) {
    guarded(self, [&](XmlHandler& handler) { handler.end(local_name(name)); });
  }
  static void on_text(void* self, const char* text, int length) {
    guarded(self, [&](XmlHandler& handler) {
      handler.text(std::string_view(text, static_cast<size_t>(length)));
    });
  }

  XmlHandler& handler_;
  XML_Parser parser_;
  std::exception_ptr error_;
};

}  // namespace

void parse_xml(const ZipFile& zip, std::string_view member, XmlHandler& handler) {
  Parser parser(handler);
  const std::string where = zip.where(member);
  zip.stream(member, [&](const char* data, size_t size) {
    // Expat takes int lengths: feed big blocks in pieces.
    constexpr size_t kPiece = size_t{1} << 30;
    for (size_t done = 0; done < size; done += kPiece)
      parser.feed(data + done, std::min(kPiece, size - done), false, where);
  });
  parser.feed("", 0, true, where);
}

void parse_xml(std::string_view xml, const std::string& where, XmlHandler& handler) {
  Parser parser(handler);
  parser.feed(xml.data(), xml.size(), true, where);
}

std::string normalize_member(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return fs::path(std::string(path)).lexically_normal().generic_string();
}

}  // namespace relsynth::sheet
