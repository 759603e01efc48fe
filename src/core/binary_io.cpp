#include "core/binary_io.h"

#include <bit>
#include <cstring>
#include <ostream>

#include "relsynth/error.h"

namespace relsynth {

void BinaryWriter::put_le(uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void BinaryWriter::f32(float value) { u32(std::bit_cast<uint32_t>(value)); }
void BinaryWriter::f64(double value) { u64(std::bit_cast<uint64_t>(value)); }

void BinaryWriter::str(std::string_view value) {
  u64(value.size());
  out_.append(value.data(), value.size());
}

void BinaryWriter::u16s(const std::vector<uint16_t>& values) {
  u64(values.size());
  for (uint16_t v : values) u16(v);
}
void BinaryWriter::u32s(const std::vector<uint32_t>& values) {
  u64(values.size());
  for (uint32_t v : values) u32(v);
}
void BinaryWriter::u64s(const std::vector<uint64_t>& values) {
  u64(values.size());
  for (uint64_t v : values) u64(v);
}
void BinaryWriter::i64s(const std::vector<int64_t>& values) {
  u64(values.size());
  for (int64_t v : values) i64(v);
}
void BinaryWriter::f32s(const std::vector<float>& values) {
  u64(values.size());
  for (float v : values) f32(v);
}
void BinaryWriter::f64s(const std::vector<double>& values) {
  u64(values.size());
  for (double v : values) f64(v);
}
void BinaryWriter::strs(const std::vector<std::string>& values) {
  u64(values.size());
  for (const auto& v : values) str(v);
}

void BinaryWriter::begin_section(std::string_view tag, uint32_t version) {
  str(tag);
  u32(version);
  open_sections_.push_back(out_.size());
  u64(0);  // patched by end_section
}

void BinaryWriter::patch_u64(size_t at, uint64_t value) {
  if (at + 8 > out_.size()) throw std::logic_error("BinaryWriter::patch_u64 past the end");
  for (int i = 0; i < 8; ++i) out_[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

void BinaryWriter::end_section() {
  if (open_sections_.empty()) throw std::logic_error("BinaryWriter::end_section without begin");
  const size_t at = open_sections_.back();
  open_sections_.pop_back();
  patch_u64(at, out_.size() - at - 8);
}

std::string BinaryWriter::take() {
  if (!open_sections_.empty()) throw std::logic_error("BinaryWriter::take with an open section");
  std::string result = std::move(out_);
  out_.clear();
  return result;
}

void BinaryWriter::write_to(std::ostream& stream) const {
  if (!open_sections_.empty()) {
    throw std::logic_error("BinaryWriter::write_to with an open section");
  }
  stream.write(out_.data(), static_cast<std::streamsize>(out_.size()));
}

BinaryReader::BinaryReader(std::string_view data, std::string what)
    : data_(data), what_(std::move(what)) {}

void BinaryReader::fail(const std::string& message) const {
  throw InputError(what_ + ": " + message);
}

void BinaryReader::need(uint64_t bytes, const char* reading) {
  if (bytes > remaining()) {
    std::string where =
        section_tags_.empty() ? std::string() : " in section \"" + section_tags_.back() + "\"";
    throw InputError(what_ + " truncated: reading " + reading + " at byte " + std::to_string(pos_) +
                     where + " needs " + std::to_string(bytes) + " bytes, " +
                     std::to_string(remaining()) + " left");
  }
}

uint64_t BinaryReader::get_le(int bytes) {
  need(bytes, "an integer");
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
  }
  pos_ += bytes;
  return value;
}

uint8_t BinaryReader::u8() { return static_cast<uint8_t>(get_le(1)); }

bool BinaryReader::boolean() {
  const uint8_t v = u8();
  if (v > 1) fail("bad boolean byte " + std::to_string(v) + " at byte " + std::to_string(pos_ - 1));
  return v == 1;
}

float BinaryReader::f32() { return std::bit_cast<float>(u32()); }
double BinaryReader::f64() { return std::bit_cast<double>(u64()); }

uint64_t BinaryReader::count(size_t element_size, const char* reading) {
  const uint64_t n = u64();
  // Check before allocating so a corrupt count cannot ask for terabytes.
  if (n > remaining() / element_size) {
    throw InputError(what_ + " truncated: " + reading + " of " + std::to_string(n) +
                     " elements at byte " + std::to_string(pos_) + " does not fit in the " +
                     std::to_string(remaining()) + " bytes left");
  }
  return n;
}

std::string BinaryReader::str() {
  const uint64_t n = count(1, "a string");
  std::string value(data_.substr(pos_, n));
  pos_ += n;
  return value;
}

std::vector<uint16_t> BinaryReader::u16s() {
  std::vector<uint16_t> v(count(2, "a vector"));
  for (auto& x : v) x = u16();
  return v;
}
std::vector<uint32_t> BinaryReader::u32s() {
  std::vector<uint32_t> v(count(4, "a vector"));
  for (auto& x : v) x = u32();
  return v;
}
std::vector<uint64_t> BinaryReader::u64s() {
  std::vector<uint64_t> v(count(8, "a vector"));
  for (auto& x : v) x = u64();
  return v;
}
std::vector<int64_t> BinaryReader::i64s() {
  std::vector<int64_t> v(count(8, "a vector"));
  for (auto& x : v) x = i64();
  return v;
}
std::vector<float> BinaryReader::f32s() {
  std::vector<float> v(count(4, "a vector"));
  for (auto& x : v) x = f32();
  return v;
}
std::vector<double> BinaryReader::f64s() {
  std::vector<double> v(count(8, "a vector"));
  for (auto& x : v) x = f64();
  return v;
}
std::vector<std::string> BinaryReader::strs() {
  std::vector<std::string> v(count(8, "a string vector"));
  for (auto& x : v) x = str();
  return v;
}

std::string BinaryReader::peek_tag() {
  const size_t saved = pos_;
  std::string tag = str();
  pos_ = saved;
  return tag;
}

uint32_t BinaryReader::begin_section(std::string_view tag, uint32_t max_version) {
  const std::string found = str();
  if (found != tag) {
    fail("expected section \"" + std::string(tag) + "\" at byte " +
         std::to_string(pos_ - found.size() - 8) + ", found \"" + found + "\"");
  }
  const uint32_t version = u32();
  if (version == 0 || version > max_version) {
    fail("section \"" + found + "\" has version " + std::to_string(version) +
         "; this build reads versions 1 to " + std::to_string(max_version) +
         " (written by a newer relsynth?)");
  }
  const uint64_t length = u64();
  need(length, "a section body");
  section_ends_.push_back(pos_ + length);
  section_tags_.push_back(found);
  return version;
}

void BinaryReader::end_section() {
  if (section_ends_.empty()) throw std::logic_error("BinaryReader::end_section without begin");
  pos_ = section_ends_.back();
  section_ends_.pop_back();
  section_tags_.pop_back();
}

void save_column(const Column& column, BinaryWriter& out) {
  out.str(column.name());
  out.u8(static_cast<uint8_t>(column.type()));
  out.str(column.format());
  for (size_t row = 0; row < column.size(); ++row) {
    out.boolean(column.is_null(row));
    if (column.is_null(row)) continue;
    if (holds_integers(column.type()))
      out.i64(column.int_at(row));
    else if (column.type() == DataType::Float64)
      out.f64(column.double_at(row));
    else
      out.str(column.string_at(row));
  }
}

Column load_column(BinaryReader& in, uint64_t rows) {
  std::string name = in.str();
  const uint8_t type = in.u8();
  if (type > static_cast<uint8_t>(DataType::Binary)) in.fail("unknown column type");
  Column column(std::move(name), static_cast<DataType>(type), in.str());
  for (uint64_t row = 0; row < rows; ++row) {
    if (in.boolean())
      column.append_null();
    else if (holds_integers(column.type()))
      column.append_int(in.i64());
    else if (column.type() == DataType::Float64)
      column.append_double(in.f64());
    else
      column.append_string(in.str());
  }
  return column;
}

}  // namespace relsynth
