// Value generators a column treatment sets rather than training learns: `pattern` (values a
// user's pattern spells, regex_pattern.h), `constant` / `null` (one value, or NULL, in every
// row), and the released values of a unique column (keep, hash, mask), each once.
#include <charconv>

#include "model/regex_pattern.h"
#include "model/value_generator.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

class RegexGenerator final : public ValueGenerator {
 public:
  RegexGenerator(std::string pattern, bool unique) : text_(std::move(pattern)), unique_(unique) {}

  GeneratorKind kind() const override { return GeneratorKind::Regex; }

  void fit(const Column& real, SDType, const GeneratorOptions& options) override {
    table_ = options.table;
    column_ = real.name();
    unique_ = unique_ || options.unique;
    salt_ = mix64(options.salt ^ 0x7265676578ULL);
    type_ = real.type();
    parse();
    if (const std::string problem = pattern_type_problem(*pattern_, type_); !problem.empty())
      throw UsageError(where() + ": " + problem);
    if (unique_ && !pattern_->unique_problem().empty())
      throw UsageError(where() +
                       ": unique values need a pattern that spells each value one "
                       "way; pattern \"" +
                       text_ + "\" " + pattern_->unique_problem());
  }

  void generate(uint64_t index, Rng& rng, Column& out) const override {
    std::string value;
    if (!unique_) {
      value = pattern_->random_value(rng);
    } else if (!pattern_->unique_value(index, salt_, value)) {
      throw UsageError(where() + ": pattern \"" + text_ + "\" spells " + pattern_->count_text() +
                       " distinct values, and row " + std::to_string(index + 1) +
                       " needs another (unique); widen the pattern or ask for fewer rows");
    }
    if (type_ == DataType::String) {
      out.append_string(std::move(value));
      return;
    }
    int64_t number = 0;
    std::from_chars(value.data(), value.data() + value.size(), number);
    out.append_int(number);
  }

  std::string describe() const override {
    return std::string(unique_ ? "unique " : "") + "values of pattern \"" + text_ + "\"";
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("regex_generator", 1);
    out.u8(static_cast<uint8_t>(type_));
    out.str(text_);
    out.boolean(unique_);
    out.u64(salt_);
    out.str(table_);
    out.str(column_);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    in.begin_section("regex_generator", 1);
    const uint8_t type = in.u8();
    if (type != static_cast<uint8_t>(DataType::String) &&
        type != static_cast<uint8_t>(DataType::Int64))
      in.fail("bad pattern generator type");
    type_ = static_cast<DataType>(type);
    text_ = in.str();
    unique_ = in.boolean();
    salt_ = in.u64();
    table_ = in.str();
    column_ = in.str();
    in.end_section();
    try {
      parse();
    } catch (const UsageError& e) {
      in.fail(e.what());
    }
  }

 private:
  void parse() { pattern_ = std::make_shared<const RegexPattern>(text_); }
  std::string where() const { return locate(table_, column_); }

  std::string text_;
  bool unique_ = false;
  uint64_t salt_ = 0;
  std::string table_, column_;  // for messages
  std::shared_ptr<const RegexPattern> pattern_;
};

// One value in every row (constant, null), or, for a unique column whose values the user
// released (keep, hash, mask), each of its distinct values once, in an order keyed by the salt.
class ValuesGenerator final : public ValueGenerator {
 public:
  explicit ValuesGenerator(Column values) : values_(std::move(values)) {}

  GeneratorKind kind() const override { return GeneratorKind::Values; }

  void fit(const Column& real, SDType, const GeneratorOptions& options) override {
    if (values_.size() == 0 || values_.type() != real.type())
      throw UsageError(locate(options.table, real.name()) +
                       ": the values set are not of the column's type " +
                       std::string(to_string(real.type())));
    type_ = real.type();
    table_ = options.table;
    column_ = real.name();
    salt_ = mix64(options.salt ^ 0x76616c756573ULL);
  }

  void generate(uint64_t index, Rng&, Column& out) const override {
    const uint64_t n = values_.size();
    if (n == 1) {
      out.append_from(values_, 0);
      return;
    }
    if (index >= n)
      throw UsageError(
          locate(table_, column_) + ": the column is unique and its " + std::to_string(n) +
          " real values (kept, hashed or masked) are used up "
          "at row " +
          std::to_string(index + 1) + "; generate at most " + std::to_string(n) + " rows of it");
    out.append_from(values_, value_detail::permute_below(index, n, salt_));
  }

  std::string describe() const override {
    if (values_.size() > 1)
      return "each of " + std::to_string(values_.size()) + " released values once";
    return values_.is_null(0) ? "NULL in every row" : "\"" + values_.text_at(0) + "\" in every row";
  }

  void save(BinaryWriter& out) const override {
    out.begin_section("values_generator", 1);
    out.u64(values_.size());
    save_column(values_, out);
    out.u64(salt_);
    out.str(table_);
    out.str(column_);
    out.end_section();
  }

  void load(BinaryReader& in) override {
    in.begin_section("values_generator", 1);
    const uint64_t rows = in.u64();
    if (rows == 0) in.fail("a values generator without values");
    values_ = load_column(in, rows);
    type_ = values_.type();
    salt_ = in.u64();
    table_ = in.str();
    column_ = in.str();
    in.end_section();
  }

 private:
  Column values_;
  uint64_t salt_ = 0;
  std::string table_, column_;  // for messages
};

}  // namespace

std::unique_ptr<ValueGenerator> make_regex_generator(std::string pattern, bool unique) {
  return std::make_unique<RegexGenerator>(std::move(pattern), unique);
}

std::unique_ptr<ValueGenerator> make_values_generator(Column values) {
  return std::make_unique<ValuesGenerator>(std::move(values));
}

}  // namespace relsynth
