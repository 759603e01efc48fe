// Encoder factory, serialisation wrapper and shared code.
#include "model/encoder.h"

#include "relsynth/error.h"

namespace relsynth {

void ColumnEncoder::check_token(uint16_t token) const {
  if (token >= num_tokens()) {
    throw UsageError("token " + std::to_string(token) + " out of range: the encoder has " +
                     std::to_string(num_tokens()) + " tokens");
  }
}

std::vector<uint16_t> ColumnEncoder::encode(const Column& column) const {
  if (column.type() != type_) {
    throw UsageError("encoder fitted on " + std::string(to_string(type_)) + " cannot encode " +
                     locate("", column.name()) + " of type " +
                     std::string(to_string(column.type())));
  }
  std::vector<uint16_t> tokens(column.size());
  for (size_t row = 0; row < tokens.size(); ++row) tokens[row] = encode_value(column, row);
  return tokens;
}

std::unique_ptr<ColumnEncoder> make_encoder(EncoderKind kind) {
  switch (kind) {
    case EncoderKind::Numeric:
      return make_numeric_encoder();
    case EncoderKind::Categorical:
      return make_categorical_encoder();
  }
  throw UsageError("unknown encoder kind " + std::to_string(static_cast<int>(kind)));
}

std::unique_ptr<ColumnEncoder> make_encoder(DataType type, SDType sdtype) {
  const bool numeric_storage = type == DataType::Int64 || type == DataType::Float64 ||
                               type == DataType::Decimal || is_temporal(type);
  if (numeric_storage && (sdtype == SDType::Numerical || sdtype == SDType::Datetime)) {
    return make_numeric_encoder();
  }
  return make_categorical_encoder();
}

void save_encoder(const ColumnEncoder& encoder, BinaryWriter& out) {
  out.begin_section("encoder", 1);
  out.u8(static_cast<uint8_t>(encoder.kind()));
  encoder.save(out);
  out.end_section();
}

std::unique_ptr<ColumnEncoder> load_encoder(BinaryReader& in) {
  in.begin_section("encoder", 1);
  const uint8_t kind = in.u8();
  if (kind != static_cast<uint8_t>(EncoderKind::Numeric) &&
      kind != static_cast<uint8_t>(EncoderKind::Categorical)) {
    in.fail("unknown encoder kind " + std::to_string(kind));
  }
  auto encoder = make_encoder(static_cast<EncoderKind>(kind));
  encoder->load(in);
  in.end_section();
  return encoder;
}

}  // namespace relsynth
