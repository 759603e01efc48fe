// RFC 4180 primitives: a block-buffered record reader and a buffered record writer.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relsynth::csv {

// One field of a record as read: its unescaped text and whether it was quoted (a quoted
// empty field is an empty string, an unquoted one may mean NULL).
struct Field {
  std::string_view text;
  bool quoted = false;
};

// Reads records from a file in large blocks. Fields are views into the reader's buffers and
// stay valid until the next call to next(). Malformed input throws InputError naming the file,
// the physical line (1-based) and the column (by number, and by name once set_column_names()
// has been called).
class Reader {
 public:
  Reader(std::string path, char delimiter, size_t block_size = size_t{1} << 22);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Reads the next record into `fields`; false at the end of the file. Blank lines are
  // returned as a record with one empty unquoted field.
  bool next(std::vector<Field>& fields);
  // Physical line (1-based) on which the record last returned by next() starts.
  uint64_t record_line() const { return record_line_; }
  void set_column_names(std::vector<std::string> names) { names_ = std::move(names); }
  const std::string& path() const { return path_; }
  // Bytes read from the file so far, and bytes of it parsed into records.
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t offset() const { return bytes_read_ - (end_ - pos_); }

  // "<path>", line 12, column 3 "total": <what>. `column` is 0-based; < 0 leaves it out.
  std::string describe_error(uint64_t line, int64_t column, std::string_view what) const;

 private:
  // Parses one record starting at pos_. Returns false when the buffer ends before the record
  // does (and more input may follow); nothing is consumed then.
  bool parse_record(std::vector<Field>& fields);
  // Moves the unparsed tail to the front of the buffer and reads another block after it.
  bool fill();
  [[noreturn]] void fail(uint64_t line, int64_t column, std::string_view what) const;

  std::string path_;
  char delimiter_;
  std::array<bool, 256> stops_;  // bytes that end an unquoted field
  size_t block_size_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  size_t pos_ = 0;    // start of the unparsed data in buffer_
  size_t end_ = 0;    // end of the valid data in buffer_
  bool eof_ = false;  // no more data in the file
  bool started_ = false;
  uint64_t line_ = 1;  // physical line at pos_
  uint64_t record_line_ = 0;
  uint64_t bytes_read_ = 0;
  std::string scratch_;  // unescaped text of quoted fields with doubled quotes
  struct Span {
    size_t offset;
    size_t length;
    bool in_scratch;
    bool quoted;
  };
  std::vector<Span> spans_;
  std::vector<std::string> names_;
};

// Writes records to a file through a large buffer. The file is opened only while a full
// buffer is flushed, so a destination with thousands of tables never runs out of handles.
class Writer {
 public:
  // `null_token`: how NULL is written ("" = an empty unquoted field).
  Writer(std::string path, char delimiter, std::string null_token);
  ~Writer() = default;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Text, quoted when it must be (see needs_quotes).
  void text(std::string_view value) {
    separate();
    if (needs_quotes(value)) {
      append_quoted(value);
    } else {
      buffer_.append(value);
    }
  }
  // Text known to need no quotes (numbers, dates, true/false).
  void raw(std::string_view value) {
    separate();
    buffer_.append(value);
  }
  void integer(int64_t value);
  // Shortest round-trip form; integral values get ".0" so they read back as floats.
  void floating(double value);
  void null() {
    separate();
    buffer_.append(null_token_);
  }
  // Binary data as \x followed by lowercase hex digits.
  void binary(std::string_view bytes);
  void end_record() {
    buffer_.push_back('\n');
    first_in_record_ = true;
    if (buffer_.size() >= kFlushSize) flush();
  }
  // Writes the buffer out (creating the file on the first call). Throws IoError.
  void flush();
  uint64_t bytes_written() const { return bytes_written_; }

  // Empty text, text containing the delimiter, a quote, CR or LF, text equal to the null
  // token, and text with leading or trailing blanks are quoted.
  bool needs_quotes(std::string_view value) const;

 private:
  static constexpr size_t kFlushSize = size_t{1} << 20;
  void separate() {
    if (!first_in_record_) buffer_.push_back(delimiter_);
    first_in_record_ = false;
  }
  void append_quoted(std::string_view value);

  std::string path_;
  char delimiter_;
  std::string null_token_;
  std::string buffer_;
  bool first_in_record_ = true;
  bool created_ = false;
  uint64_t bytes_written_ = 0;
};

// The text encoding of a CSV file. Auto: UTF-8 when the whole file is valid UTF-8, otherwise
// Windows-1252 (the usual encoding of files exported on Windows, a superset of Latin-1's
// printable characters).
enum class Encoding { Auto, Utf8, Latin1, Cp1252 };
// "auto", "utf-8"/"utf8", "latin1"/"iso-8859-1", "cp1252"/"windows-1252" in any case;
// nullopt for other names.
std::optional<Encoding> parse_encoding(std::string_view name);
// Offset of the first byte of `text` that does not belong to a valid UTF-8 sequence (overlong
// forms, surrogates and code points past U+10FFFF are invalid), or npos when it is all valid.
size_t invalid_utf8(std::string_view text);
// Appends `text`, read as Latin-1 or Windows-1252, to `out` as UTF-8. Windows-1252's five
// unassigned bytes (0x81 0x8D 0x8F 0x90 0x9D) become the C1 controls of the same value.
void append_utf8(std::string_view text, Encoding from, std::string& out);

// Shortest round-trip text of a double, with ".0" added to integral values (so a float column
// reads back as floats) and nan / inf / -inf for the special values.
size_t format_double(double value, char* out);  // out must hold 32 chars

}  // namespace relsynth::csv
