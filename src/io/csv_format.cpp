#include "io/csv_format.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

#include "relsynth/error.h"

namespace relsynth::csv {

namespace {

std::string system_error_text() { return std::strerror(errno); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reader

Reader::Reader(std::string path, char delimiter, size_t block_size)
    : path_(std::move(path)), delimiter_(delimiter), block_size_(std::max<size_t>(block_size, 16)) {
  stops_.fill(false);
  for (unsigned char c : {static_cast<unsigned char>(delimiter), static_cast<unsigned char>('\n'),
                          static_cast<unsigned char>('\r'), static_cast<unsigned char>('"')})
    stops_[c] = true;
  file_ = std::fopen(path_.c_str(), "rb");
  if (!file_) throw IoError("cannot open " + quote_name(path_) + ": " + system_error_text());
}

Reader::~Reader() {
  if (file_) std::fclose(file_);
}

std::string Reader::describe_error(uint64_t line, int64_t column, std::string_view what) const {
  std::string out = quote_name(path_) + ", line " + std::to_string(line);
  if (column >= 0) {
    out += ", column " + std::to_string(column + 1);
    if (static_cast<size_t>(column) < names_.size()) {
      out += ' ';
      out += quote_name(names_[column]);
    } else if (!names_.empty()) {
      out += " (after the last column ";
      out += quote_name(names_.back());
      out += ')';
    }
  }
  out += ": ";
  out += what;
  return out;
}

void Reader::fail(uint64_t line, int64_t column, std::string_view what) const {
  throw InputError(describe_error(line, column, what));
}

bool Reader::fill() {
  if (eof_) return false;
  // Keep the unparsed tail; read at least as much again so that a record larger than a block
  // is re-scanned only a logarithmic number of times.
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  const size_t want = std::max(block_size_, end_);
  if (buffer_.size() < end_ + want) buffer_.resize(end_ + want);
  const size_t got = std::fread(buffer_.data() + end_, 1, want, file_);
  if (got < want) {
    if (std::ferror(file_))
      throw IoError("cannot read " + quote_name(path_) + ": " + system_error_text());
    eof_ = true;
  }
  end_ += got;
  bytes_read_ += got;
  return true;
}

bool Reader::next(std::vector<Field>& fields) {
  if (!started_) {
    started_ = true;
    fill();
    if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  for (;;) {
    if (pos_ >= end_) {
      if (eof_) return false;
      fill();
      continue;
    }
    if (parse_record(fields)) return true;
    fill();
  }
}

bool Reader::parse_record(std::vector<Field>& fields) {
  const char* data = buffer_.data();
  const size_t end = end_;
  const char delimiter = delimiter_;
  size_t p = pos_;
  uint64_t line = line_;
  spans_.clear();
  scratch_.clear();

  // Ends the record at a line break at data[p] (CR, LF or CRLF). False: need more input.
  auto end_line = [&]() -> bool {
    if (data[p] == '\r') {
      if (p + 1 >= end && !eof_) return false;
      p += (p + 1 < end && data[p + 1] == '\n') ? 2 : 1;
    } else {
      ++p;
    }
    ++line;
    return true;
  };

  for (;;) {
    const int64_t column = static_cast<int64_t>(spans_.size());
    if (p < end && data[p] == '"') {
      const uint64_t open_line = line;
      const size_t start = p + 1;
      size_t q = start;
      bool doubled = false;
      size_t close;
      for (;;) {
        const void* hit = q < end ? std::memchr(data + q, '"', end - q) : nullptr;
        if (!hit) {
          if (!eof_) return false;
          fail(open_line, column, "unterminated quoted field (the quote opened on this line)");
        }
        const size_t k = static_cast<size_t>(static_cast<const char*>(hit) - data);
        if (k + 1 >= end && !eof_) return false;  // a doubled quote may straddle the block
        if (k + 1 < end && data[k + 1] == '"') {
          doubled = true;
          q = k + 2;
          continue;
        }
        close = k;
        break;
      }
      line += static_cast<uint64_t>(std::count(data + start, data + close, '\n'));
      if (doubled) {
        const size_t offset = scratch_.size();
        for (size_t i = start; i < close; ++i) {
          scratch_.push_back(data[i]);
          if (data[i] == '"') ++i;  // skip the second quote of a pair
        }
        spans_.push_back({offset, scratch_.size() - offset, true, true});
      } else {
        spans_.push_back({start, close - start, false, true});
      }
      p = close + 1;
      if (p >= end) {
        if (!eof_) return false;
        break;  // last record of the file
      }
      if (data[p] == delimiter) {
        ++p;
        continue;
      }
      if (data[p] == '\n' || data[p] == '\r') {
        if (!end_line()) return false;
        break;
      }
      fail(line, column,
           "unexpected text after a closing quote (a quote inside a quoted field must be doubled)");
    }

    const size_t start = p;
    while (p < end && !stops_[static_cast<unsigned char>(data[p])]) ++p;
    if (p >= end) {
      if (!eof_) return false;
      spans_.push_back({start, p - start, false, false});
      break;
    }
    if (data[p] == '"')
      fail(line, column, "a quote inside an unquoted field (quote the whole field)");
    spans_.push_back({start, p - start, false, false});
    if (data[p] == delimiter) {
      ++p;
      continue;
    }
    if (!end_line()) return false;
    break;
  }

  fields.resize(spans_.size());
  for (size_t i = 0; i < spans_.size(); ++i) {
    const Span& span = spans_[i];
    const char* base = span.in_scratch ? scratch_.data() : data;
    fields[i].text = std::string_view(base + span.offset, span.length);
    fields[i].quoted = span.quoted;
  }
  record_line_ = line_;
  line_ = line;
  pos_ = p;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Writer

Writer::Writer(std::string path, char delimiter, std::string null_token)
    : path_(std::move(path)), delimiter_(delimiter), null_token_(std::move(null_token)) {}

bool Writer::needs_quotes(std::string_view value) const {
  if (value.empty()) return true;
  if (value.front() == ' ' || value.front() == '\t' || value.back() == ' ' || value.back() == '\t')
    return true;
  if (!null_token_.empty() && value == null_token_) return true;
  for (char c : value)
    if (c == delimiter_ || c == '"' || c == '\n' || c == '\r') return true;
  return false;
}

void Writer::append_quoted(std::string_view value) {
  buffer_.push_back('"');
  for (;;) {
    const size_t quote = value.find('"');
    if (quote == std::string_view::npos) break;
    buffer_.append(value.substr(0, quote + 1));
    buffer_.push_back('"');
    value.remove_prefix(quote + 1);
  }
  buffer_.append(value);
  buffer_.push_back('"');
}

void Writer::integer(int64_t value) {
  separate();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, result.ptr);
}

void Writer::floating(double value) {
  separate();
  char digits[32];
  buffer_.append(digits, format_double(value, digits));
}

void Writer::binary(std::string_view bytes) {
  separate();
  static constexpr char kHex[] = "0123456789abcdef";
  buffer_.append("\\x");
  for (unsigned char byte : bytes) {
    buffer_.push_back(kHex[byte >> 4]);
    buffer_.push_back(kHex[byte & 15]);
  }
}

void Writer::flush() {
  if (created_ && buffer_.empty()) return;
  std::FILE* file = std::fopen(path_.c_str(), created_ ? "ab" : "wb");
  if (!file) throw IoError("cannot write " + quote_name(path_) + ": " + system_error_text());
  const size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), file);
  const bool closed = std::fclose(file) == 0;
  if (written != buffer_.size() || !closed)
    throw IoError("cannot write " + quote_name(path_) + ": " + system_error_text());
  created_ = true;
  bytes_written_ += buffer_.size();
  buffer_.clear();
}

size_t format_double(double value, char* out) {
  if (std::isnan(value)) {
    std::memcpy(out, "nan", 3);
    return 3;
  }
  if (std::isinf(value)) {
    if (value < 0) {
      std::memcpy(out, "-inf", 4);
      return 4;
    }
    std::memcpy(out, "inf", 3);
    return 3;
  }
  const auto result = std::to_chars(out, out + 30, value);
  size_t length = static_cast<size_t>(result.ptr - out);
  bool integral = true;
  for (size_t i = 0; i < length && integral; ++i)
    integral = (out[i] >= '0' && out[i] <= '9') || out[i] == '-';
  if (integral) {
    out[length++] = '.';
    out[length++] = '0';
  }
  return length;
}

// ---------------------------------------------------------------------------------------------
// Encodings

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string lower(name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (lower == "auto") return Encoding::Auto;
  if (lower == "utf-8" || lower == "utf8") return Encoding::Utf8;
  if (lower == "latin1" || lower == "latin-1" || lower == "iso-8859-1" || lower == "iso8859-1")
    return Encoding::Latin1;
  if (lower == "cp1252" || lower == "windows-1252") return Encoding::Cp1252;
  return std::nullopt;
}

size_t invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      // Most text is ASCII: skip it eight bytes at a time.
      for (uint64_t word; i + 8 <= n; i += 8) {
        std::memcpy(&word, s + i, 8);
        if (word & 0x8080808080808080ULL) break;
      }
      continue;
    }
    size_t length;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // overlong
      if (c == 0xED) high = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // overlong
      if (c == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
      return i;
    }
    if (i + length > n || s[i + 1] < low || s[i + 1] > high) return i;
    for (size_t k = 2; k < length; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += length;
  }
  return std::string_view::npos;
}

void append_utf8(std::string_view text, Encoding from, std::string& out) {
  // Windows-1252's 0x80-0x9F; 0 marks the unassigned bytes.
  static constexpr char16_t kCp1252[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  for (char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    char32_t code = c;
    if (from == Encoding::Cp1252 && c >= 0x80 && c < 0xA0 && kCp1252[c - 0x80])
      code = kCp1252[c - 0x80];
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }
}

}  // namespace relsynth::csv
