// Exact rules: discovery (screened on a sample, verified on every row), CHECK constraints of
// simple forms, checking rows against a rule, and a one-line description of each.
#include "relsynth/rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "core/sql_lexer.h"
#include "core/text.h"
#include "relsynth/error.h"
#include "schema/rules_internal.h"

namespace relsynth {

namespace rules_detail {

bool same_number(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

bool number_like(DataType type) {
  return type == DataType::Int64 || type == DataType::Float64 || type == DataType::Decimal ||
         is_temporal(type);
}

std::set<std::string> key_columns(const TableMeta& table, bool foreign) {
  std::set<std::string> out(table.primary_key.begin(), table.primary_key.end());
  if (foreign)
    for (const ForeignKey& fk : table.foreign_keys)
      out.insert(fk.columns.begin(), fk.columns.end());
  return out;
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<int64_t>(value));
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

void beyond_share(double share, RuleCheck& check) {
  // Rows may break it up to its share, with three binomial deviations of slack.
  const double n = static_cast<double>(check.checked);
  const auto allowed =
      static_cast<int64_t>(std::floor(share * n + 3 * std::sqrt(share * (1 - share) * n)));
  check.violations = std::max<int64_t>(0, check.violations - allowed);
  if (check.violations == 0) check.first_row = -1;
}

std::vector<double> gap_quantiles(std::vector<double> gaps) {
  std::vector<double> out;
  if (gaps.empty()) return out;
  std::sort(gaps.begin(), gaps.end());
  // Quantiles from the 2nd to the 98th percentile: no single real gap at the extremes.
  for (int q = 0; q <= 16; ++q) {
    const double p = 0.02 + 0.96 * q / 16.0;
    out.push_back(gaps[static_cast<size_t>(p * static_cast<double>(gaps.size() - 1))]);
  }
  return out;
}

}  // namespace rules_detail

using namespace rules_detail;

namespace {

constexpr std::array<std::string_view, 11> kRuleKindNames = {
    "constant", "equal",        "function",     "order",     "arithmetic",   "range",
    "in",       "parent_equal", "parent_order", "aggregate", "same_ancestor"};

// Dense codes of a column's values (equal values, equal codes); -1 for NULL.
std::vector<int32_t> value_codes(const Column& column) {
  std::vector<int32_t> codes(column.size(), -1);
  if (holds_integers(column.type()) || column.type() == DataType::Float64) {
    std::unordered_map<int64_t, int32_t> seen;
    for (size_t row = 0; row < column.size(); ++row) {
      if (column.is_null(row)) continue;
      int64_t key = 0;
      if (column.type() != DataType::Float64) {
        key = column.int_at(row);
      } else {
        double value = column.double_at(row);
        if (value == 0) value = 0;  // -0 and 0 are one value
        std::memcpy(&key, &value, sizeof key);
      }
      codes[row] = seen.emplace(key, static_cast<int32_t>(seen.size())).first->second;
    }
    return codes;
  }
  Column::Dictionary dictionary = column.dictionary_encode();
  return std::move(dictionary.codes);
}

int32_t distinct_count(const std::vector<int32_t>& codes) {
  int32_t most = -1;
  for (int32_t code : codes) most = std::max(most, code);
  return most + 1;
}

// c = a op b, or with one input c = a op k.
double apply_arithmetic(const std::string& op, double a, std::optional<double> b, double k) {
  if (op == "+") return a + b.value_or(k);
  if (op == "-") return a - b.value_or(k);
  if (op == "*") return a * b.value_or(k);
  if (op == "div") return std::floor(a / k);
  return a - k * std::floor(a / k);  // mod
}

// Rows where every listed column has a value.
bool all_present(const std::vector<const Column*>& columns, size_t row) {
  for (const Column* column : columns)
    if (column->is_null(row)) return false;
  return true;
}

// Groups rows by the values of `inputs` and counts, per group, how often each target code
// appears: the rows outside their group's most frequent target break a function.
struct FunctionCount {
  int64_t rows = 0;
  int64_t groups = 0;
  int64_t exceptions = 0;
  int64_t first_row = -1;
};

FunctionCount count_function(const std::vector<const std::vector<int32_t>*>& inputs,
                             const std::vector<int32_t>& target, const std::vector<size_t>& rows) {
  std::unordered_map<uint64_t, uint32_t> group_of;
  std::vector<std::unordered_map<int32_t, int64_t>> counts;
  std::vector<int32_t> first_target;
  FunctionCount out;
  for (size_t row : rows) {
    uint64_t key = 0;
    bool present = target[row] >= 0;
    for (const auto* input : inputs) {
      present &= (*input)[row] >= 0;
      key = key * 0x100000001b3ULL + static_cast<uint64_t>((*input)[row] + 1);
    }
    if (!present) continue;
    auto [it, fresh] = group_of.emplace(key, static_cast<uint32_t>(counts.size()));
    if (fresh) {
      counts.emplace_back();
      first_target.push_back(target[row]);
    }
    ++counts[it->second][target[row]];
    if (out.first_row < 0 && first_target[it->second] != target[row])
      out.first_row = static_cast<int64_t>(row);
    ++out.rows;
  }
  out.groups = static_cast<int64_t>(counts.size());
  for (const auto& group : counts) {
    int64_t total = 0, most = 0;
    for (const auto& [code, count] : group) {
      total += count;
      most = std::max(most, count);
    }
    out.exceptions += total - most;
  }
  return out;
}

std::vector<size_t> all_rows(size_t n) {
  std::vector<size_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = i;
  return rows;
}

std::vector<size_t> sample_rows(size_t n, size_t wanted) {
  if (n <= wanted) return all_rows(n);
  std::vector<size_t> rows;
  const double step = static_cast<double>(n) / static_cast<double>(wanted);
  for (size_t i = 0; i < wanted; ++i) rows.push_back(static_cast<size_t>(i * step));
  return rows;
}

// ---- CHECK constraints -------------------------------------------------------------------

using sql::Token;

// The CHECK parser's tokens: no spaces, its keywords as upper-case Words, other bare words as
// Identifiers, and a '-' glued to the number right after it where an operand is expected
// ("a > -1", not "a -1"). Ends with an End.
std::vector<Token> check_tokens(std::string_view check) {
  static const std::set<std::string> kKeywords = {"AND", "BETWEEN", "IN",   "NOT",
                                                  "OR",  "IS",      "NULL", "LIKE"};
  std::vector<Token> out;
  for (Token& token : sql::significant(sql::tokenize(check))) {
    if (token.kind == Token::Word) {
      std::string keyword = token.text;
      for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (kKeywords.contains(keyword))
        token.value = keyword;
      else
        token.kind = Token::Identifier;
    }
    const bool after_minus = !out.empty() && out.back().kind == Token::Operator &&
                             out.back().text == "-" && out.back().end == token.begin;
    const bool operand_expected = out.size() < 2 || out[out.size() - 2].kind == Token::Operator ||
                                  out[out.size() - 2].kind == Token::Word;
    if (token.kind == Token::Number && token.text[0] != '.' && after_minus && operand_expected) {
      out.back().kind = Token::Number;
      out.back().text = out.back().value = "-" + token.text;
      out.back().end = token.end;
      continue;
    }
    out.push_back(std::move(token));
  }
  out.push_back({Token::End, "", "", check.size(), check.size()});
  return out;
}

std::optional<double> parse_number(const std::string& text) {
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// Parses one conjunct: `col op number`, `number op col`, `col op col`, `col BETWEEN a AND b`,
// `col IN (...)`. Appends the rules it states; false when it is of another form.
class CheckParser {
 public:
  CheckParser(const TableMeta& table, std::vector<Token> tokens)
      : table_(table), tokens_(std::move(tokens)) {}

  // A CHECK with an OR or a form we do not read states nothing we can enforce: no rules.
  std::vector<Rule> parse() {
    strip_outer_parentheses();
    std::vector<Rule> rules;
    while (peek().kind != Token::End) {
      if (!conjunct(rules)) return {};
      if (peek().kind == Token::Word && peek().value == "AND") {
        ++at_;
        continue;
      }
      if (peek().kind != Token::End) return {};
    }
    return rules;
  }

 private:
  // "(a > 0 AND a < 9)": parentheses around the whole expression say nothing.
  void strip_outer_parentheses() {
    while (tokens_.size() >= 3 && tokens_.front().kind == Token::Operator &&
           tokens_.front().value == "(" && tokens_[tokens_.size() - 2].kind == Token::Operator &&
           tokens_[tokens_.size() - 2].value == ")") {
      int depth = 0;
      bool encloses = true;
      for (size_t i = 0; i + 1 < tokens_.size(); ++i) {
        if (tokens_[i].kind != Token::Operator) continue;
        depth += tokens_[i].value == "(" ? 1 : tokens_[i].value == ")" ? -1 : 0;
        if (depth == 0 && i + 2 < tokens_.size()) encloses = false;
      }
      if (!encloses) return;
      tokens_.erase(tokens_.end() - 2);
      tokens_.erase(tokens_.begin());
    }
  }

  const Token& peek(size_t ahead = 0) const {
    return tokens_[std::min(at_ + ahead, tokens_.size() - 1)];
  }
  bool is_column(const Token& token) const {
    return token.kind == Token::Identifier && table_.find_column(token.value) != nullptr;
  }
  static std::optional<double> number_of(const Token& token) {
    if (token.kind != Token::Number) return std::nullopt;
    return parse_number(token.value);
  }

  bool conjunct(std::vector<Rule>& out) {
    // Strip balanced parentheses around a whole conjunct.
    size_t opened = 0;
    while (peek().kind == Token::Operator && peek().value == "(") {
      ++at_;
      ++opened;
    }
    bool ok = comparison(out);
    for (; ok && opened > 0; --opened) {
      if (peek().kind != Token::Operator || peek().value != ")") return false;
      ++at_;
    }
    return ok && opened == 0;
  }

  bool comparison(std::vector<Rule>& out) {
    const Token first = peek();
    if (is_column(first) && peek(1).kind == Token::Word && peek(1).value == "BETWEEN") {
      auto low = number_of(peek(2)), high = number_of(peek(4));
      if (!low || !high || peek(3).kind != Token::Word || peek(3).value != "AND") return false;
      at_ += 5;
      out.push_back(range(first.value, low, high));
      return true;
    }
    if (is_column(first) && peek(1).kind == Token::Word && peek(1).value == "IN") {
      at_ += 2;
      if (peek().kind != Token::Operator || peek().value != "(") return false;
      ++at_;
      Rule rule;
      rule.kind = RuleKind::In;
      rule.target = first.value;
      rule.origin = "check";
      while (true) {
        const Token& value = peek();
        if (value.kind != Token::String && value.kind != Token::Number) return false;
        rule.values.push_back(value.value);
        ++at_;
        if (peek().kind == Token::Operator && peek().value == ",") {
          ++at_;
          continue;
        }
        if (peek().kind == Token::Operator && peek().value == ")") {
          ++at_;
          break;
        }
        return false;
      }
      out.push_back(std::move(rule));
      return true;
    }
    const Token op = peek(1), second = peek(2);
    if (op.kind != Token::Operator) return false;
    static const std::set<std::string> kComparisons = {"<", "<=", ">", ">="};
    if (!kComparisons.count(op.value)) return false;
    const bool less = op.value[0] == '<';
    const bool strict = op.value.size() == 1;
    if (is_column(first) && is_column(second)) {
      // a < b: b is the upper side, constrained by a.
      Rule rule;
      rule.kind = RuleKind::Order;
      rule.origin = "check";
      rule.op = strict ? "<" : "<=";
      rule.columns = {less ? first.value : second.value};
      rule.target = less ? second.value : first.value;
      at_ += 3;
      out.push_back(std::move(rule));
      return true;
    }
    // A strict bound is kept as the inclusive one (values are not moved by an epsilon).
    if (is_column(first) && number_of(second)) {
      at_ += 3;
      out.push_back(less ? range(first.value, std::nullopt, number_of(second))
                         : range(first.value, number_of(second), std::nullopt));
      return true;
    }
    if (number_of(first) && is_column(second)) {
      at_ += 3;
      out.push_back(less ? range(second.value, number_of(first), std::nullopt)
                         : range(second.value, std::nullopt, number_of(first)));
      return true;
    }
    return false;
  }

  static Rule range(const std::string& column, std::optional<double> low,
                    std::optional<double> high) {
    Rule rule;
    rule.kind = RuleKind::Range;
    rule.target = column;
    rule.min = low;
    rule.max = high;
    rule.origin = "check";
    return rule;
  }

  const TableMeta& table_;
  std::vector<Token> tokens_;
  size_t at_ = 0;
};

}  // namespace

std::string_view to_string(RuleKind kind) { return kRuleKindNames[static_cast<size_t>(kind)]; }

std::optional<RuleKind> parse_rule_kind(std::string_view name) {
  for (size_t i = 0; i < kRuleKindNames.size(); ++i)
    if (kRuleKindNames[i] == name) return static_cast<RuleKind>(i);
  return std::nullopt;
}

std::optional<double> numeric_value(const Column& column, size_t row) {
  const double value = column.number_at(row);
  return std::isnan(value) ? std::nullopt : std::optional(value);
}

std::optional<double> ordered_value(const Column& column, size_t row, DataType other) {
  const auto value = numeric_value(column, row);
  if (!value || column.type() != DataType::DateTime || other != DataType::Date) return value;
  return static_cast<double>(convert_temporal(column.int_at(row), column.type(), other));
}

RuleCheck check_rule(const Rule& rule, const TableMeta& table, const Metadata& metadata,
                     const Database& data) {
  if (rule.kind == RuleKind::ParentEqual || rule.kind == RuleKind::ParentOrder ||
      rule.kind == RuleKind::Aggregate)
    return check_cross_table_rule(rule, table, metadata, data);
  if (rule.kind == RuleKind::SameAncestor) return check_same_ancestor(rule, table, metadata, data);
  const Table* rows = data.find_table(table.name);
  return rows ? check_rule(rule, *rows) : RuleCheck{};
}

size_t remove_duplicate_rules(std::vector<Rule>& rules) {
  auto same = [](const Rule& a, const Rule& b) {
    if (a.kind != b.kind || a.target != b.target || a.columns != b.columns ||
        a.other_table != b.other_table || a.via != b.via || a.path != b.path ||
        a.other_path != b.other_path)
      return false;
    if (a.kind == RuleKind::Order || a.kind == RuleKind::ParentOrder) return true;
    return a.op == b.op && a.k == b.k && a.value == b.value && a.min == b.min && a.max == b.max &&
           a.values == b.values;
  };
  const size_t before = rules.size();
  std::vector<Rule> kept;
  for (Rule& rule : rules)
    if (std::none_of(kept.begin(), kept.end(), [&](const Rule& k) { return same(k, rule); }))
      kept.push_back(std::move(rule));
  rules = std::move(kept);
  return before - rules.size();
}

std::vector<RuleCheck> check_table_rules(const TableMeta& table, const Metadata& metadata,
                                         const Database& data) {
  std::vector<RuleCheck> out;
  for (const Rule& rule : table.rules) out.push_back(check_rule(rule, table, metadata, data));
  return out;
}

RuleCheck check_rule(const Rule& rule, const Table& rows) {
  RuleCheck out;
  const Column* target = rows.find_column(rule.target);
  if (!target) return out;
  std::vector<const Column*> inputs;
  for (const std::string& name : rule.columns) {
    const Column* column = rows.find_column(name);
    if (!column) return out;
    inputs.push_back(column);
  }
  auto breaks = [&](size_t row) {
    ++out.violations;
    if (out.first_row < 0) out.first_row = static_cast<int64_t>(row);
  };
  const size_t n = rows.num_rows();
  switch (rule.kind) {
    case RuleKind::Constant: {
      const auto number = parse_number(rule.value);
      for (size_t row = 0; row < n; ++row) {
        if (target->is_null(row)) continue;
        ++out.checked;
        const auto value = numeric_value(*target, row);
        const bool same = number && value && !is_temporal(target->type())
                              ? same_number(*number, *value)
                              : target->text_at(row) == rule.value;
        if (!same) breaks(row);
      }
      return out;
    }
    case RuleKind::Equal:
      for (size_t row = 0; row < n; ++row) {
        const bool a_null = inputs[0]->is_null(row), b_null = target->is_null(row);
        if (a_null && b_null) continue;
        ++out.checked;
        if (a_null != b_null) {
          breaks(row);
          continue;
        }
        const auto a = numeric_value(*inputs[0], row), b = numeric_value(*target, row);
        const bool same =
            a && b ? same_number(*a, *b) : inputs[0]->text_at(row) == target->text_at(row);
        if (!same) breaks(row);
      }
      if (rule.max) beyond_share(*rule.max, out);
      return out;
    case RuleKind::Function: {
      std::vector<std::vector<int32_t>> codes;
      for (const Column* column : inputs) codes.push_back(value_codes(*column));
      std::vector<const std::vector<int32_t>*> pointers;
      for (const auto& c : codes) pointers.push_back(&c);
      FunctionCount count = count_function(pointers, value_codes(*target), all_rows(n));
      out.checked = count.rows;
      out.violations = count.exceptions;
      out.first_row = count.first_row;
      return out;
    }
    case RuleKind::Order:
      for (size_t row = 0; row < n; ++row) {
        const auto a = numeric_value(*inputs[0], row), b = numeric_value(*target, row);
        if (!a || !b) continue;
        ++out.checked;
        if (rule.op == "<" ? !(*a < *b) : !(*a <= *b)) breaks(row);
      }
      return out;
    case RuleKind::Arithmetic:
      for (size_t row = 0; row < n; ++row) {
        if (target->is_null(row) || !all_present(inputs, row)) continue;
        const auto a = numeric_value(*inputs[0], row);
        const auto b = inputs.size() > 1 ? numeric_value(*inputs[1], row) : std::nullopt;
        const auto c = numeric_value(*target, row);
        if (!a || !c || (inputs.size() > 1 && !b)) continue;
        ++out.checked;
        if (!same_number(*c, apply_arithmetic(rule.op, *a, b, rule.k))) breaks(row);
      }
      return out;
    case RuleKind::Range:
      for (size_t row = 0; row < n; ++row) {
        const auto value = numeric_value(*target, row);
        if (!value) continue;
        ++out.checked;
        if ((rule.min && *value < *rule.min) || (rule.max && *value > *rule.max)) breaks(row);
      }
      return out;
    case RuleKind::ParentEqual:
    case RuleKind::ParentOrder:
    case RuleKind::Aggregate:
    case RuleKind::SameAncestor:
      return out;  // they read another table: the overload with the database
    case RuleKind::In: {
      const std::set<std::string> allowed(rule.values.begin(), rule.values.end());
      for (size_t row = 0; row < n; ++row) {
        if (target->is_null(row)) continue;
        ++out.checked;
        if (!allowed.count(target->text_at(row))) breaks(row);
      }
      return out;
    }
  }
  return out;
}

namespace {
// " on 95.8% of rows" for an equality with exceptions.
std::string share_of_rows(const Rule& rule) {
  return rule.max ? " on " + format_number(std::round((1 - *rule.max) * 1000) / 10) + "% of rows"
                  : "";
}
}  // namespace

std::string describe(const Rule& rule) {
  switch (rule.kind) {
    case RuleKind::Constant:
      return rule.target + " = '" + rule.value + "'";
    case RuleKind::Equal:
      return rule.target + " = " + rule.columns.at(0) + share_of_rows(rule);
    case RuleKind::Function:
      return rule.target + " = f(" + join(rule.columns) + ")";
    case RuleKind::Order:
      return rule.columns.at(0) + " " + rule.op + " " + rule.target;
    case RuleKind::Arithmetic:
      if (rule.columns.size() == 1)
        return rule.target + " = " + rule.columns.at(0) + " " + rule.op + " " +
               format_number(rule.k);
      return rule.target + " = " + rule.columns.at(0) + " " + rule.op + " " + rule.columns.at(1);
    case RuleKind::Range: {
      std::string out;
      if (rule.min) out += format_number(*rule.min) + " <= ";
      out += rule.target;
      if (rule.max) out += " <= " + format_number(*rule.max);
      return out;
    }
    case RuleKind::In:
      return rule.target + " in (" + join(rule.values) + ")";
    case RuleKind::ParentEqual:
      return rule.target + " = " + rule.other_table + "." + rule.columns.at(0) +
             share_of_rows(rule);
    case RuleKind::ParentOrder:
      return rule.other_table + "." + rule.columns.at(0) + " " + rule.op + " " + rule.target;
    case RuleKind::Aggregate: {
      std::string of = rule.other_table;
      if (!rule.columns.empty()) of += "." + join(rule.columns, " * ");
      return rule.target + " = " + rule.op + "(" + of + ")";
    }
    case RuleKind::SameAncestor:
      return describe_path(rule.path) + " = " + describe_path(rule.other_path) + " (same " +
             rule.other_table + ")";
  }
  return rule.target;
}

std::vector<std::string> rule_errors(const Metadata& metadata, const TableMeta& table,
                                     const Rule& rule) {
  std::vector<std::string> errors;
  const std::string where =
      "table " + quote_name(table.name) + ", rule " + quote_name(describe(rule)) + ": ";
  if (rule.kind == RuleKind::SameAncestor) {
    for (const auto* path : {&rule.path, &rule.other_path}) {
      std::string error;
      const std::vector<PathHop> hops = path_keys(metadata, table, *path, &error);
      const TableMeta* end = hops.empty() ? nullptr : hops.back().parent;
      if (!end)
        errors.push_back(where + error);
      else if (end->name != rule.other_table)
        errors.push_back(where + "the path " + describe_path(*path) + " ends at table " +
                         quote_name(end->name) + ", not " + quote_name(rule.other_table));
    }
    if (!rule.path.empty() && !rule.other_path.empty() && rule.path[0] == rule.other_path[0])
      errors.push_back(where + "the two paths start with the same foreign key");
    return errors;
  }
  if (rule.kind == RuleKind::ParentEqual || rule.kind == RuleKind::ParentOrder ||
      rule.kind == RuleKind::Aggregate) {
    // The columns the rule reads live in the other table; the key joins the two.
    const bool aggregate = rule.kind == RuleKind::Aggregate;
    const TableMeta* other = metadata.find_table(rule.other_table);
    if (!other) return {where + "no table " + quote_name(rule.other_table)};
    const TableMeta& child = aggregate ? *other : table;
    const TableMeta& parent = aggregate ? table : *other;
    bool keyed = false;
    for (const ForeignKey& fk : child.foreign_keys)
      keyed = keyed || (fk.columns == rule.via && fk.parent_table == parent.name);
    if (!keyed)
      errors.push_back(where + "table " + quote_name(child.name) + " has no foreign key (" +
                       join(rule.via) + ") to " + quote_name(parent.name));
    auto need = [&](const TableMeta& owner, const std::string& name) {
      const ColumnMeta* column = owner.find_column(name);
      if (!column)
        errors.push_back(where + "no column " + quote_name(name) + " in table " +
                         quote_name(owner.name));
      else if (rule.kind != RuleKind::ParentEqual && !number_like(column->type))
        errors.push_back(where + "column " + quote_name(name) + " is " +
                         std::string(to_string(column->type)) + ", not a number or a datetime");
    };
    need(table, rule.target);
    for (const std::string& name : rule.columns) need(*other, name);
    const size_t inputs = rule.columns.size();
    if (aggregate) {
      if (rule.op != "count" && rule.op != "sum" && rule.op != "min" && rule.op != "max")
        errors.push_back(where + "op must be one of count sum min max");
      else if (rule.op == "count" ? inputs != 0
               : rule.op == "sum" ? inputs < 1 || inputs > 2
                                  : inputs != 1)
        errors.push_back(where + "count reads no column, sum one or two, min and max one");
    } else {
      if (inputs != 1) errors.push_back(where + "reads one column of the parent");
      if (rule.kind == RuleKind::ParentEqual && rule.max && !(*rule.max > 0 && *rule.max < 1))
        errors.push_back(where + "max, the share of rows that may differ, must be in (0, 1)");
      if (rule.kind == RuleKind::ParentOrder && rule.op != "<" && rule.op != "<=")
        errors.push_back(where + "op must be < or <=");
    }
    return errors;
  }
  auto need_column = [&](const std::string& name, bool numeric) {
    const ColumnMeta* column = table.find_column(name);
    if (!column) {
      errors.push_back(where + "no column " + quote_name(name));
      return;
    }
    if (numeric && !number_like(column->type))
      errors.push_back(where + "column " + quote_name(name) + " is " +
                       std::string(to_string(column->type)) + ", not a number or a datetime");
  };
  const bool numeric = rule.kind == RuleKind::Order || rule.kind == RuleKind::Arithmetic ||
                       rule.kind == RuleKind::Range;
  need_column(rule.target, numeric);
  for (const std::string& name : rule.columns) need_column(name, numeric);
  size_t wanted_inputs = 0;
  switch (rule.kind) {
    case RuleKind::Equal:
    case RuleKind::Order:
      wanted_inputs = 1;
      break;
    case RuleKind::Function:
      if (rule.columns.empty() || rule.columns.size() > 2)
        errors.push_back(where + "a function reads one or two columns");
      wanted_inputs = rule.columns.size();
      break;
    case RuleKind::Arithmetic:
      if (rule.op == "div" || rule.op == "mod") {
        wanted_inputs = 1;
        if (!(rule.k > 0)) errors.push_back(where + rule.op + " needs a positive k");
      } else if (rule.op == "+" || rule.op == "-" || rule.op == "*") {
        wanted_inputs = rule.columns.size() == 1 ? 1 : 2;  // one input: a op k
      } else {
        errors.push_back(where + "op must be one of + - * div mod");
      }
      break;
    default:
      break;
  }
  if (rule.kind == RuleKind::Order && rule.op != "<" && rule.op != "<=")
    errors.push_back(where + "op must be < or <=");
  if (rule.kind == RuleKind::Equal && rule.max && !(*rule.max > 0 && *rule.max < 1))
    errors.push_back(where + "max, the share of rows that may differ, must be in (0, 1)");
  if (rule.columns.size() != wanted_inputs)
    errors.push_back(where + "reads " + std::to_string(rule.columns.size()) +
                     " columns, expected " + std::to_string(wanted_inputs));
  for (const std::string& name : rule.columns)
    if (name == rule.target) errors.push_back(where + "a column cannot constrain itself");
  return errors;
}

std::vector<Rule> rules_from_checks(const TableMeta& table) {
  std::vector<Rule> out;
  for (const std::string& check : table.checks) {
    std::vector<Rule> rules = CheckParser(table, check_tokens(check)).parse();
    out.insert(out.end(), rules.begin(), rules.end());
  }
  return out;
}

namespace {

struct Ordering {
  size_t lower, upper;
  bool strict;  // lower < upper on every row (else <=, some rows equal)
};

// The orderings other rules do not already say, each once: columns an exact equality joins
// (G_defense = G_batting) are one column, whose orderings are listed on the one the others copy;
// and a <= b is left out when a <= c <= b for a column c that has a value wherever a and b
// both do (a < b needs a strict step). The discovered orderings are every pair that holds, so
// a longer chain shows as a two-step one, and what is left keeps every ordering that follows.
std::vector<Ordering> irredundant_orderings(const std::vector<std::pair<size_t, size_t>>& pairs,
                                            const std::vector<Rule>& rules, const TableMeta& table,
                                            const std::vector<std::vector<double>>& numbers_of) {
  const size_t m = numbers_of.size();
  std::vector<size_t> copies(m);  // the column an exact equality copies (itself if none)
  for (size_t c = 0; c < m; ++c) copies[c] = c;
  for (const Rule& rule : rules)
    if (rule.kind == RuleKind::Equal && !rule.max && rule.columns.size() == 1) {
      const int target = table.column_index(rule.target);
      const int source = table.column_index(rule.columns[0]);
      if (target >= 0 && source >= 0) copies[target] = static_cast<size_t>(source);
    }
  auto root = [&](size_t c) {
    for (size_t steps = 0; copies[c] != c && steps < m; ++steps) c = copies[c];
    return c;
  };
  std::map<std::pair<size_t, size_t>, bool> strict_of;  // by roots
  for (auto [a, b] : pairs) {
    const size_t lower = root(a), upper = root(b);
    if (lower == upper) continue;
    bool strict = true;
    for (size_t row = 0; row < numbers_of[a].size() && strict; ++row)
      strict = !(numbers_of[a][row] == numbers_of[b][row]);
    strict_of.emplace(std::make_pair(lower, upper), strict);
  }
  auto present_where_both = [&](size_t c, size_t a, size_t b) {
    for (size_t row = 0; row < numbers_of[c].size(); ++row)
      if (std::isnan(numbers_of[c][row]) && !std::isnan(numbers_of[a][row]) &&
          !std::isnan(numbers_of[b][row]))
        return false;
    return true;
  };
  std::vector<Ordering> out;
  for (auto [pair, strict] : strict_of) {
    const auto [a, b] = pair;
    bool implied = false;
    for (size_t c = 0; c < m && !implied; ++c) {
      const auto low = strict_of.find({a, c}), high = strict_of.find({c, b});
      implied = low != strict_of.end() && high != strict_of.end() &&
                (!strict || low->second || high->second) && present_where_both(c, a, b);
    }
    if (!implied) out.push_back({a, b, strict});
  }
  return out;
}

}  // namespace

std::vector<Rule> discover_rules(const TableMeta& table, const Table& rows,
                                 const RuleDiscoveryOptions& options) {
  std::vector<Rule> rules;
  const size_t n = rows.num_rows();
  if (n < options.min_rows) return rules;
  const std::set<std::string> primary = key_columns(table, false);
  const std::set<std::string> keys = key_columns(table, true);
  const size_t m = table.columns.size();

  // Which columns can take part: values (targets of functions), numbers, determinants.
  std::vector<bool> value(m), numeric(m), determinant(m), constant(m);
  std::vector<std::vector<int32_t>> codes(m);
  std::vector<int32_t> distinct(m, 0);
  std::vector<int64_t> present(m, 0);
  for (size_t c = 0; c < m; ++c) {
    const ColumnMeta& meta = table.columns[c];
    const Column* column = rows.find_column(meta.name);
    // A generated column is not generated by relsynth: no rule may read or write it.
    if (!column || meta.type == DataType::Binary || !meta.generated.empty() ||
        primary.count(meta.name))
      continue;
    const SDType s = meta.sdtype;
    const bool plain = s == SDType::Categorical || s == SDType::Numerical ||
                       s == SDType::Datetime || s == SDType::Boolean;
    const bool foreign = keys.count(meta.name) > 0;
    if (!plain && !foreign) continue;
    codes[c] = value_codes(*column);
    distinct[c] = distinct_count(codes[c]);
    present[c] = static_cast<int64_t>(n - column->null_count());
    value[c] = plain && !foreign;
    numeric[c] = (s == SDType::Numerical || s == SDType::Datetime) && number_like(meta.type);
    determinant[c] = true;
    constant[c] = distinct[c] == 1;
  }
  std::vector<const Column*> column_of(m, nullptr);
  for (size_t c = 0; c < m; ++c) column_of[c] = rows.find_column(table.columns[c].name);

  auto make = [&](RuleKind kind, size_t target, std::vector<size_t> inputs) {
    Rule rule;
    rule.kind = kind;
    rule.target = table.columns[target].name;
    for (size_t c : inputs) rule.columns.push_back(table.columns[c].name);
    rule.origin = "discovered";
    return rule;
  };
  auto measured = [&](Rule rule) {
    RuleCheck check = check_rule(rule, rows);
    rule.checked = check.checked;
    rule.exceptions = check.violations;
    return rule;
  };
  std::vector<bool> computed(m, false);  // the target of a constant, equality or function

  // Constants.
  for (size_t c = 0; c < m; ++c) {
    if (!value[c] || !constant[c] || present[c] < static_cast<int64_t>(options.min_rows)) continue;
    Rule rule = make(RuleKind::Constant, c, {});
    for (size_t row = 0; row < n; ++row)
      if (!column_of[c]->is_null(row)) {
        rule.value = column_of[c]->text_at(row);
        break;
      }
    rules.push_back(measured(std::move(rule)));
    computed[c] = true;
  }

  // Equal columns: both NULL or equal on every row.
  for (size_t b = 0; b < m; ++b) {
    if (!value[b] || constant[b] || computed[b]) continue;
    for (size_t a = 0; a < b; ++a) {
      if (!value[a] || constant[a] || table.columns[a].type != table.columns[b].type) continue;
      if (distinct[a] != distinct[b] || present[a] != present[b]) continue;
      Rule rule = make(RuleKind::Equal, b, {a});
      RuleCheck check = check_rule(rule, rows);
      if (check.violations > 0 || check.checked < static_cast<int64_t>(options.min_rows)) continue;
      rules.push_back(measured(std::move(rule)));
      computed[b] = true;
      break;
    }
  }

  // A label equal to a key column on most rows but not all (a team's code in another
  // catalogue, which differs for a few historic teams): an equality with exceptions, `max` the
  // share of rows that differ, whose rows the model learns.
  for (size_t b = 0; b < m; ++b) {
    if (!value[b] || constant[b] || computed[b] || table.columns[b].type != DataType::String)
      continue;
    double best = 0;
    int64_t best_checked = 0;
    size_t best_source = m;
    for (size_t a = 0; a < m; ++a) {
      if (a == b || !keys.count(table.columns[a].name) || !column_of[a] ||
          table.columns[a].type != DataType::String)
        continue;
      int64_t checked = 0, equal = 0;
      for (size_t row = 0; row < n; ++row) {
        const bool a_null = column_of[a]->is_null(row), b_null = column_of[b]->is_null(row);
        if (a_null && b_null) continue;
        ++checked;
        equal += !a_null && !b_null && column_of[a]->string_at(row) == column_of[b]->string_at(row);
      }
      const double share = checked ? static_cast<double>(equal) / static_cast<double>(checked) : 0;
      if (share > best) best = share, best_checked = checked, best_source = a;
    }
    if (best < kMostlyEqualShare || best >= 1 ||
        best_checked < static_cast<int64_t>(options.min_rows))
      continue;
    Rule rule = make(RuleKind::Equal, b, {best_source});
    rule.max = 1 - best;
    rules.push_back(measured(std::move(rule)));
    computed[b] = true;
  }

  // Number-like columns as doubles (NaN for NULL), for orderings and arithmetic.
  std::vector<std::vector<double>> numbers_of(m);
  for (size_t c = 0; c < m; ++c) {
    if (!numeric[c] || constant[c]) continue;
    numbers_of[c].resize(n);
    for (size_t row = 0; row < n; ++row) numbers_of[c][row] = column_of[c]->number_at(row);
  }
  const std::vector<size_t> sample = sample_rows(n, options.sample_rows);
  const std::vector<size_t> every = all_rows(n);

  // Arithmetic: c = a + b, a - b, a * b; c = a + k, a * k; c = a div k, a mod k. Found before
  // functions: a formula also holds for values the source never had.
  std::vector<size_t> numbers;
  for (size_t c = 0; c < m; ++c)
    if (numeric[c] && !constant[c] && !is_temporal(table.columns[c].type)) numbers.push_back(c);
  const std::vector<size_t> probe = sample_rows(n, 256);
  auto arithmetic_holds = [&](const Rule& rule, size_t a, size_t b, size_t c,
                              const std::vector<size_t>& at) {
    int64_t checked = 0, broken = 0;
    const double allowed = options.max_exception_share * static_cast<double>(at.size()) + 1;
    for (size_t row : at) {
      const double x = numbers_of[a][row], z = numbers_of[c][row];
      const std::optional<double> y = b < m ? std::optional(numbers_of[b][row]) : std::nullopt;
      if (std::isnan(x) || (y && std::isnan(*y)) || std::isnan(z)) continue;
      ++checked;
      if (!same_number(z, apply_arithmetic(rule.op, x, y, rule.k)) && ++broken > allowed)
        return false;
    }
    return checked >= static_cast<int64_t>(std::min<size_t>(options.min_rows, at.size() / 2)) &&
           broken <= options.max_exception_share * static_cast<double>(checked);
  };
  std::set<std::set<size_t>> related;
  auto try_arithmetic = [&](Rule rule, size_t a, size_t b, size_t c) {
    std::set<size_t> involved = {a, c};
    if (b < m) involved.insert(b);
    if (related.count(involved) || computed[c]) return;
    if (!arithmetic_holds(rule, a, b, c, probe) || !arithmetic_holds(rule, a, b, c, every)) return;
    related.insert(involved);
    rules.push_back(measured(std::move(rule)));
    computed[c] = true;
  };
  // The first row where both have values gives the candidate constant of c = a + k or a * k.
  auto first_pair = [&](size_t a, size_t c) -> std::optional<std::pair<double, double>> {
    for (size_t row = 0; row < n; ++row)
      if (!std::isnan(numbers_of[a][row]) && !std::isnan(numbers_of[c][row]))
        return std::make_pair(numbers_of[a][row], numbers_of[c][row]);
    return std::nullopt;
  };
  // c = a op b on the probe rows, with nothing allocated: every triple of number columns is
  // tried, so a wide table (500 columns: 48 s) spent its time making rules to throw away.
  auto probe_holds = [&](char op, size_t a, size_t b, size_t c) {
    const double allowed = options.max_exception_share * static_cast<double>(probe.size()) + 1;
    int64_t broken = 0;
    for (size_t row : probe) {
      const double x = numbers_of[a][row], y = numbers_of[b][row], z = numbers_of[c][row];
      if (std::isnan(x) || std::isnan(y) || std::isnan(z)) continue;
      const double value = op == '+' ? x + y : op == '-' ? x - y : x * y;
      if (!same_number(z, value) && ++broken > allowed) return false;
    }
    return true;
  };
  // The triples tried (about 1.5 n^3 for n columns) are at most kMaxArithmeticTriples: beyond
  // that (a table of over 300 number columns) only its first 300 are combined; rules of one
  // or two columns are looked for among all of them.
  constexpr double kMaxArithmeticTriples = 40e6;
  const size_t combined =
      std::min(numbers.size(),
               static_cast<size_t>(std::cbrt(static_cast<double>(kMaxArithmeticTriples) / 1.5)));
  const std::vector<size_t> triple_columns(numbers.begin(), numbers.begin() + combined);
  // The target is the later column (a total after its parts).
  for (auto c = triple_columns.rbegin(); c != triple_columns.rend(); ++c) {
    for (size_t a : triple_columns) {
      if (a == *c || computed[*c]) continue;
      for (size_t b : triple_columns) {
        if (b == *c || b == a || computed[*c]) continue;
        for (const char* op : {"+", "-", "*"}) {
          if (op[0] != '-' && b < a) continue;  // + and * commute
          if (!probe_holds(op[0], a, b, *c)) continue;
          Rule rule = make(RuleKind::Arithmetic, *c, {a, b});
          rule.op = op;
          try_arithmetic(std::move(rule), a, b, *c);
        }
      }
    }
  }
  for (auto later = numbers.rbegin(); later != numbers.rend(); ++later) {
    const size_t c = *later;
    if (distinct[c] < 2) continue;
    for (size_t a : numbers) {
      if (a == c) continue;
      if (auto pair = first_pair(a, c)) {
        // Unit conversions and fixed offsets (knots to mph, a year after another).
        const auto [x, z] = *pair;
        if (x != 0 && z != x && distinct[a] == distinct[c]) {
          Rule rule = make(RuleKind::Arithmetic, c, {a});
          rule.op = "*";
          rule.k = z / x;
          try_arithmetic(std::move(rule), a, m, c);
        }
        if (z != x && distinct[a] == distinct[c]) {
          Rule rule = make(RuleKind::Arithmetic, c, {a});
          rule.op = "+";
          rule.k = z - x;
          try_arithmetic(std::move(rule), a, m, c);
        }
      }
      if (table.columns[c].type != DataType::Int64 || table.columns[a].type != DataType::Int64 ||
          distinct[a] <= distinct[c])
        continue;
      for (double k : {10.0, 100.0, 1000.0, 10000.0, 60.0, 3600.0, 24.0, 7.0, 12.0}) {
        for (const char* op : {"div", "mod"}) {
          Rule rule = make(RuleKind::Arithmetic, c, {a});
          rule.op = op;
          rule.k = k;
          try_arithmetic(std::move(rule), a, m, c);
        }
      }
    }
  }

  // Functions of one or two columns that are labels or keys (a token is a value), coarsest
  // determinant first, no cycles. Screened on a sample (groups of two rows on average at
  // least), verified on every row.
  std::vector<std::set<size_t>> reads(m);  // accepted edges target -> inputs
  for (const Rule& rule : rules)
    for (const std::string& name : rule.columns)
      reads[table.column_index(rule.target)].insert(table.column_index(name));
  auto reaches = [&](size_t from, size_t to) {
    std::vector<size_t> stack = {from};
    std::set<size_t> seen;
    while (!stack.empty()) {
      size_t at = stack.back();
      stack.pop_back();
      if (at == to) return true;
      if (!seen.insert(at).second) continue;
      for (size_t next : reads[at]) stack.push_back(next);
    }
    return false;
  };
  std::vector<bool> label(m, false);
  for (size_t c = 0; c < m; ++c) {
    const SDType s = table.columns[c].sdtype;
    label[c] =
        determinant[c] && !constant[c] &&
        (keys.count(table.columns[c].name) || s == SDType::Categorical || s == SDType::Boolean);
  }
  struct Candidate {
    std::vector<size_t> inputs;
    size_t target;
    int64_t groups;
  };
  // Group ids of rows by the inputs' codes (-1 where an input is NULL).
  auto group_ids = [&](const std::vector<size_t>& inputs, const std::vector<size_t>& at,
                       int64_t& groups) {
    std::unordered_map<uint64_t, int32_t> id_of;
    std::vector<int32_t> ids(at.size(), -1);
    for (size_t i = 0; i < at.size(); ++i) {
      uint64_t key = 0;
      bool present = true;
      for (size_t c : inputs) {
        present &= codes[c][at[i]] >= 0;
        key = key * 0x100000001b3ULL + static_cast<uint64_t>(codes[c][at[i]] + 1);
      }
      if (present) ids[i] = id_of.emplace(key, static_cast<int32_t>(id_of.size())).first->second;
    }
    groups = static_cast<int64_t>(id_of.size());
    return ids;
  };
  for (size_t width = 1; width <= 2; ++width) {
    std::vector<Candidate> candidates;
    for (size_t a = 0; a < m; ++a) {
      if (!label[a]) continue;
      for (size_t b = width == 1 ? a : a + 1; b < (width == 1 ? a + 1 : m); ++b) {
        if (width == 2 && !label[b]) continue;
        const std::vector<size_t> inputs = width == 1 ? std::vector<size_t>{a} : std::vector{a, b};
        int64_t groups = 0;
        const std::vector<int32_t> ids = group_ids(inputs, sample, groups);
        if (groups * 2 > static_cast<int64_t>(sample.size()) || groups < 2) continue;
        std::vector<int32_t> first(groups);
        for (size_t y = 0; y < m; ++y) {
          if (y == a || y == b || !value[y] || constant[y] || computed[y] || distinct[y] < 2)
            continue;
          std::fill(first.begin(), first.end(), -2);
          int64_t rows_seen = 0, broken = 0;
          for (size_t i = 0; i < sample.size(); ++i) {
            const int32_t code = codes[y][sample[i]];
            if (ids[i] < 0 || code < 0) continue;
            ++rows_seen;
            if (first[ids[i]] == -2)
              first[ids[i]] = code;
            else
              broken += first[ids[i]] != code;
          }
          if (broken > options.max_exception_share * static_cast<double>(rows_seen) + 1) continue;
          std::vector<const std::vector<int32_t>*> pointers;
          for (size_t c : inputs) pointers.push_back(&codes[c]);
          FunctionCount full = count_function(pointers, codes[y], every);
          if (full.exceptions > options.max_exception_share * static_cast<double>(full.rows) ||
              full.rows < static_cast<int64_t>(options.min_rows) || full.groups < 2 ||
              full.groups * 4 > full.rows)
            continue;
          candidates.push_back({inputs, y, full.groups});
        }
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& x, const Candidate& y) { return x.groups < y.groups; });
    for (const Candidate& candidate : candidates) {
      const size_t y = candidate.target;
      if (computed[y]) continue;
      bool cycle = false;
      for (size_t x : candidate.inputs) cycle |= reaches(x, y);
      if (cycle) continue;
      rules.push_back(measured(make(RuleKind::Function, y, candidate.inputs)));
      computed[y] = true;
      reads[y].insert(candidate.inputs.begin(), candidate.inputs.end());
    }
  }

  // Orderings: a <= b on every row, where the columns alone would not order themselves (rows
  // paired at random break it at least a tenth of the time).
  std::vector<std::pair<size_t, size_t>> orders;
  std::vector<std::vector<double>> sorted(m);
  for (size_t c = 0; c < m; ++c) {
    if (numbers_of[c].empty()) continue;
    for (size_t row : sample)
      if (!std::isnan(numbers_of[c][row])) sorted[c].push_back(numbers_of[c][row]);
    std::sort(sorted[c].begin(), sorted[c].end());
  }
  // P(x > y) for x, y drawn independently from the two columns' samples.
  auto shuffled_break_rate = [&](size_t a, size_t b) {
    const auto& xs = sorted[a];
    const auto& ys = sorted[b];
    if (xs.empty() || ys.empty()) return 0.0;
    double above = 0;
    size_t j = 0;
    for (double x : xs) {
      while (j < ys.size() && ys[j] < x) ++j;
      above += static_cast<double>(j);
    }
    return above / (static_cast<double>(xs.size()) * static_cast<double>(ys.size()));
  };
  auto comparable = [&](size_t a, size_t b) {
    const DataType ta = table.columns[a].type, tb = table.columns[b].type;
    return is_temporal(ta) || is_temporal(tb) ? ta == tb : true;
  };
  // Rows an ordering needs: in a training subset, its share of min_rows (at least 3).
  size_t order_rows = options.min_rows;
  if (auto share = options.subset_share.find(table.name);
      share != options.subset_share.end() && share->second < 1)
    order_rows = std::max<size_t>(
        3, static_cast<size_t>(std::ceil(static_cast<double>(order_rows) * share->second)));
  for (size_t a = 0; a < m; ++a) {
    if (numbers_of[a].empty()) continue;
    for (size_t b = 0; b < m; ++b) {
      if (a == b || numbers_of[b].empty() || !comparable(a, b)) continue;
      int64_t both = 0, equal = 0;
      bool ok = true;
      for (size_t row = 0; row < n && ok; ++row) {
        const double x = numbers_of[a][row], y = numbers_of[b][row];
        if (std::isnan(x) || std::isnan(y)) continue;
        ++both;
        equal += x == y;
        ok = x <= y;
      }
      if (!ok || both < static_cast<int64_t>(order_rows) || equal == both) continue;
      if (shuffled_break_rate(a, b) < 0.1) continue;
      orders.emplace_back(a, b);
    }
  }
  for (const Ordering& order : irredundant_orderings(orders, rules, table, numbers_of)) {
    Rule rule = make(RuleKind::Order, order.upper, {order.lower});
    std::vector<double> gaps;
    for (size_t row = 0; row < n; ++row) {
      const double x = numbers_of[order.lower][row], y = numbers_of[order.upper][row];
      if (std::isnan(x) || std::isnan(y)) continue;
      gaps.push_back(y - x);
    }
    rule.op = order.strict ? "<" : "<=";
    rule.gaps = gap_quantiles(std::move(gaps));
    rules.push_back(measured(std::move(rule)));
  }
  return rules;
}

void find_rules(Metadata& metadata, const Database& data, const RuleDiscoveryOptions& options) {
  for (TableMeta& table : metadata.tables) {
    const Table* rows = data.find_table(table.name);
    std::vector<Rule> kept;
    for (Rule& rule : table.rules)
      if (rule.origin == "declared") kept.push_back(std::move(rule));
    for (Rule& rule : rules_from_checks(table)) kept.push_back(std::move(rule));
    if (rows) {
      for (Rule& rule : kept) {
        RuleCheck check = check_rule(rule, table, metadata, data);
        rule.checked = check.checked;
        rule.exceptions = check.violations;
      }
      for (Rule& rule : discover_rules(table, *rows, options)) kept.push_back(std::move(rule));
    }
    table.rules = std::move(kept);
  }
  for (auto& [name, rule] : discover_cross_table_rules(metadata, data, options)) {
    std::vector<Rule>& rules = metadata.find_table(name)->rules;
    // A discovered function of the key alone is this rule, said less: the rule replaces it.
    if (rule.kind == RuleKind::ParentEqual)
      std::erase_if(rules, [&found = rule](const Rule& other) {  // clang 14: no bindings
        return other.origin == "discovered" && other.kind == RuleKind::Function &&
               other.target == found.target && other.columns == found.via;
      });
    rules.push_back(std::move(rule));
  }
  for (TableMeta& table : metadata.tables) remove_duplicate_rules(table.rules);
  metadata.rules_known = true;
}

}  // namespace relsynth
