// The containers of .xlsx and .ods workbooks: zip members read through libarchive, and their
// XML streamed through expat, so a sheet of any size is parsed in bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace relsynth::sheet {

// A zip file's members. Each read opens the file anew and streams the member (zip's central
// directory gives the member sizes, so members that use data descriptors read too).
class ZipFile {
 public:
  // Lists the members; `what` names the file in errors ("xlsx file"). Throws IoError when the
  // file is missing, InputError when it is not a readable zip. A member that expands beyond
  // `max_member_bytes` is refused as a zip bomb; 0 = 1,000 times the file's size, at least 4 GiB
  // (XML deflates about 10-50 to 1; a bomb reaches 1,000 to 1).
  ZipFile(std::string path, std::string what, uint64_t max_member_bytes = 0);

  const std::string& path() const { return path_; }
  const std::vector<std::string>& members() const { return members_; }
  bool has(std::string_view member) const;
  // The whole member; InputError when it is larger than `max_bytes` (a zip bomb) or corrupt.
  std::string read(std::string_view member, size_t max_bytes) const;
  // Passes the member's bytes to `sink` block by block.
  void stream(std::string_view member,
              const std::function<void(const char* data, size_t size)>& sink) const;
  // "xlsx file "a.xlsx": member "xl/styles.xml"": the start of an error message.
  std::string where(std::string_view member) const;

 private:
  std::string path_;
  std::string what_;
  uint64_t max_member_bytes_;
  std::vector<std::string> members_;
};

// An XML element's attributes as expat gives them: name, value, name, value, ..., null.
// Names keep their prefix ("office:value-type").
struct XmlAttributes {
  const char** pairs;
  // The value of the attribute whose local name is `local` (any namespace); null when absent.
  const char* find(std::string_view local) const;
};

// Receives the events of a streamed document. Element names are local names: the prefix,
// whichever the writer chose, is dropped (namespaces are not resolved, which costs most of a
// parse; the formats' element names do not clash across their namespaces).
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view text) = 0;
};

// Parses member `member` of `zip` through `handler`; malformed XML is an InputError naming the
// file, member and line. An exception a handler throws stops the parse and passes through.
void parse_xml(const ZipFile& zip, std::string_view member, XmlHandler& handler);
// The same for XML in memory; `where` names it in errors.
void parse_xml(std::string_view xml, const std::string& where, XmlHandler& handler);

// "a/b/../c.xml" -> "a/c.xml"; a leading '/' (absolute within the package) is dropped.
std::string normalize_member(std::string_view path);

}  // namespace relsynth::sheet
