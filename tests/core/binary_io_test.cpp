#include "core/binary_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "relsynth/error.h"

namespace relsynth {
namespace {

std::string sample_file() {
  BinaryWriter w;
  w.begin_section("header", 2);
  w.u8(7);
  w.boolean(true);
  w.u16(65535);
  w.u32(0xdeadbeef);
  w.u64(0x0123456789abcdefULL);
  w.i64(-5);
  w.f32(1.5f);
  w.f64(-0.1);
  w.f64(std::numeric_limits<double>::infinity());
  w.str("héllo\0x");
  w.u16s({1, 2, 3});
  w.u32s({});
  w.i64s({-1, std::numeric_limits<int64_t>::min()});
  w.f64s({3.25, 1e300});
  w.strs({"a", "", "ccc"});
  w.begin_section("inner", 1);
  w.u32(99);
  w.end_section();
  w.end_section();
  return w.take();
}

TEST(BinaryIo, RoundTripsEveryType) {
  const std::string data = sample_file();
  BinaryReader r(data);
  EXPECT_EQ(r.begin_section("header", 3), 2u);
  EXPECT_EQ(r.u8(), 7);
  EXPECT_TRUE(r.boolean());
  EXPECT_EQ(r.u16(), 65535);
  EXPECT_EQ(r.u32(), 0xdeadbeefu);
  EXPECT_EQ(r.u64(), 0x0123456789abcdefULL);
  EXPECT_EQ(r.i64(), -5);
  EXPECT_EQ(r.f32(), 1.5f);
  EXPECT_EQ(r.f64(), -0.1);
  EXPECT_TRUE(std::isinf(r.f64()));
  EXPECT_EQ(r.str(), std::string("héllo"));  // the literal stops at \0
  EXPECT_EQ(r.u16s(), (std::vector<uint16_t>{1, 2, 3}));
  EXPECT_TRUE(r.u32s().empty());
  EXPECT_EQ(r.i64s(), (std::vector<int64_t>{-1, std::numeric_limits<int64_t>::min()}));
  EXPECT_EQ(r.f64s(), (std::vector<double>{3.25, 1e300}));
  EXPECT_EQ(r.strs(), (std::vector<std::string>{"a", "", "ccc"}));
  EXPECT_EQ(r.peek_tag(), "inner");
  EXPECT_EQ(r.begin_section("inner", 1), 1u);
  EXPECT_EQ(r.u32(), 99u);
  r.end_section();
  r.end_section();
  EXPECT_TRUE(r.at_end());
}

TEST(BinaryIo, IsLittleEndian) {
  BinaryWriter w;
  w.u32(0x04030201);
  EXPECT_EQ(w.data(), std::string("\x01\x02\x03\x04", 4));
  std::ostringstream stream;
  w.write_to(stream);
  EXPECT_EQ(stream.str(), w.data());
}

TEST(BinaryIo, EveryTruncationThrowsInputError) {
  const std::string data = sample_file();
  for (size_t cut = 0; cut < data.size(); ++cut) {
    const std::string part = data.substr(0, cut);
    BinaryReader r(part, "model file 'x.rsm'");
    try {
      r.begin_section("header", 3);
      r.u8();
      r.boolean();
      r.u16();
      r.u32();
      r.u64();
      r.i64();
      r.f32();
      r.f64();
      r.f64();
      r.str();
      r.u16s();
      r.u32s();
      r.i64s();
      r.f64s();
      r.strs();
      r.begin_section("inner", 1);
      r.u32();
      r.end_section();
      r.end_section();
      FAIL() << "no error at cut " << cut;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("model file 'x.rsm' truncated"), std::string::npos)
          << e.what();
    }
  }
}

TEST(BinaryIo, ReadsCannotLeaveTheSection) {
  BinaryWriter w;
  w.begin_section("a", 1);
  w.u8(1);
  w.end_section();
  w.u64(12345);  // after the section
  const std::string data = w.take();
  BinaryReader r(data);
  r.begin_section("a", 1);
  r.u8();
  EXPECT_THROW(r.u32(), InputError);  // would read the next field's bytes
}

TEST(BinaryIo, OlderReaderSkipsAppendedFields) {
  BinaryWriter w;
  w.begin_section("table_model", 1);
  w.u32(5);
  w.str("field added by a newer writer");
  w.end_section();
  w.u32(77);
  const std::string data = w.take();
  BinaryReader r(data);
  r.begin_section("table_model", 1);
  EXPECT_EQ(r.u32(), 5u);
  r.end_section();
  EXPECT_EQ(r.u32(), 77u);
}

TEST(BinaryIo, WrongTagAndNewerVersionAreClearErrors) {
  BinaryWriter w;
  w.begin_section("encoder", 4);
  w.end_section();
  const std::string data = w.take();
  {
    BinaryReader r(data);
    try {
      r.begin_section("classifier", 9);
      FAIL();
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("expected section \"classifier\""), std::string::npos);
      EXPECT_NE(std::string(e.what()).find("\"encoder\""), std::string::npos);
    }
  }
  BinaryReader r(data);
  try {
    r.begin_section("encoder", 3);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("version 4"), std::string::npos) << e.what();
  }
}

TEST(BinaryIo, HugeCountInCorruptFileDoesNotAllocate) {
  BinaryWriter w;
  w.u64(std::numeric_limits<uint64_t>::max() / 2);  // a vector "count"
  w.u64(1);
  const std::string data = w.take();
  BinaryReader r(data);
  EXPECT_THROW(r.f64s(), InputError);
  BinaryReader r2(data);
  EXPECT_THROW(r2.str(), InputError);
}

TEST(BinaryIo, BadBooleanByteIsRejected) {
  BinaryWriter w;
  w.u8(2);
  const std::string data = w.take();
  BinaryReader r(data);
  EXPECT_THROW(r.boolean(), InputError);
}

}  // namespace
}  // namespace relsynth
