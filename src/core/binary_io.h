// Little-endian binary serialisation for model files.
//
// A model file is a tree of tagged sections, never a memory dump:
//   section := tag (string) | version (u32) | body length (u64) | body
//   string  := length (u64) | bytes
//   vector  := count (u64) | elements
// Integers are little-endian two's complement, doubles IEEE-754 binary64 bit patterns.
// A reader that knows a section's version skips fields appended by newer writers, so
// formats can grow without breaking older readers; an unknown newer major version is
// rejected with a clear error.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/table.h"

namespace relsynth {

class BinaryWriter {
 public:
  void u8(uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void boolean(bool value) { u8(value ? 1 : 0); }
  void u16(uint16_t value) { put_le(value, 2); }
  void u32(uint32_t value) { put_le(value, 4); }
  void u64(uint64_t value) { put_le(value, 8); }
  void i64(int64_t value) { put_le(static_cast<uint64_t>(value), 8); }
  void f32(float value);
  void f64(double value);
  void str(std::string_view value);

  void u16s(const std::vector<uint16_t>& values);
  void u32s(const std::vector<uint32_t>& values);
  void u64s(const std::vector<uint64_t>& values);
  void i64s(const std::vector<int64_t>& values);
  void f32s(const std::vector<float>& values);
  void f64s(const std::vector<double>& values);
  void strs(const std::vector<std::string>& values);

  // Opens a section; every begin needs a matching end (sections nest).
  void begin_section(std::string_view tag, uint32_t version);
  void end_section();

  // Bytes as they are (a file's magic), and a u64 written over 8 bytes already put at `at`.
  void bytes(std::string_view raw) { out_.append(raw.data(), raw.size()); }
  void patch_u64(size_t at, uint64_t value);
  size_t size() const { return out_.size(); }

  const std::string& data() const { return out_; }
  std::string take();  // the bytes; the writer is left empty
  void write_to(std::ostream& stream) const;

 private:
  void put_le(uint64_t value, int bytes);
  std::string out_;
  std::vector<size_t> open_sections_;  // offsets of the length fields to patch
};

// Reads what BinaryWriter wrote. Any read past the end of the data (or of the current
// section) throws InputError("model file truncated ..."); a tag or version mismatch throws
// InputError naming both.
class BinaryReader {
 public:
  // `what` names the data in messages ("model file", "model file 'x.rsm'").
  explicit BinaryReader(std::string_view data, std::string what = "model file");

  uint8_t u8();
  bool boolean();
  uint16_t u16() { return static_cast<uint16_t>(get_le(2)); }
  uint32_t u32() { return static_cast<uint32_t>(get_le(4)); }
  uint64_t u64() { return get_le(8); }
  int64_t i64() { return static_cast<int64_t>(get_le(8)); }
  float f32();
  double f64();
  std::string str();

  std::vector<uint16_t> u16s();
  std::vector<uint32_t> u32s();
  std::vector<uint64_t> u64s();
  std::vector<int64_t> i64s();
  std::vector<float> f32s();
  std::vector<double> f64s();
  std::vector<std::string> strs();

  // Enters a section with this tag; returns its version, which must be in
  // [1, max_version] (else InputError).
  uint32_t begin_section(std::string_view tag, uint32_t max_version);
  // Leaves the current section, skipping any fields a newer writer appended.
  void end_section();
  // Tag of the next section without consuming it.
  std::string peek_tag();

  size_t position() const { return pos_; }
  size_t remaining() const { return limit() - pos_; }
  bool at_end() const { return pos_ == limit(); }
  // Throws InputError("<what>: <message>") — for checks of decoded values.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  uint64_t get_le(int bytes);
  void need(uint64_t bytes, const char* reading);
  uint64_t count(size_t element_size, const char* reading);
  size_t limit() const { return section_ends_.empty() ? data_.size() : section_ends_.back(); }

  std::string_view data_;
  std::string what_;
  size_t pos_ = 0;
  std::vector<size_t> section_ends_;
  std::vector<std::string> section_tags_;
};

// A column's name, type, format and its values (a NULL flag per row, then the value): the
// rows of copied tables and the values a value generator keeps. load_column reads `rows` rows.
void save_column(const Column& column, BinaryWriter& out);
Column load_column(BinaryReader& in, uint64_t rows);

}  // namespace relsynth
