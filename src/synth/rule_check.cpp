#include "synth/rule_check.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "relsynth/rules.h"

namespace relsynth {

namespace {

class RuleCheckingDestination : public Destination {
 public:
  RuleCheckingDestination(const Metadata& metadata, Destination& inner)
      : metadata_(metadata), inner_(inner) {}

  std::string kind() const override { return inner_.kind(); }

  void begin(const Metadata& metadata) override { inner_.begin(metadata); }

  void append(const TableMeta& table, const Table& rows) override {
    Table* kept = written_.find_table(table.name);
    if (!kept) {
      Table empty(table.name);
      for (const Column& column : rows.columns())
        empty.add_column(Column(column.name(), column.type(), column.format()));
      kept = &written_.add_table(std::move(empty));
    }
    for (size_t c = 0; c < rows.num_columns(); ++c)
      for (size_t row = 0; row < rows.num_rows(); ++row)
        kept->column(c).append_from(rows.column(c), row);
    inner_.append(table, rows);
  }

  void commit() override {
    check();
    inner_.commit();
  }

  void abort() override { inner_.abort(); }

 private:
  // Every enabled rule on the whole output; the first broken ones are named.
  void check() const {
    std::string broken;
    int found = 0;
    for (const TableMeta& table : metadata_.tables) {
      if (!written_.find_table(table.name)) continue;
      const std::vector<RuleCheck> checks = check_table_rules(table, metadata_, written_);
      for (size_t r = 0; r < table.rules.size(); ++r) {
        if (!table.rules[r].enabled || checks[r].violations == 0) continue;
        if (++found <= 10)
          broken += "\n  " + table.name + ": " + describe(table.rules[r]) + " broken on " +
                    std::to_string(checks[r].violations) + " of " +
                    std::to_string(checks[r].checked) + " rows (first row " +
                    std::to_string(checks[r].first_row) + ")";
      }
    }
    if (found)
      throw std::logic_error("generated rows break " + std::to_string(found) +
                             " enabled rule(s) (RELSYNTH_CHECK_RULES):" + broken);
  }

  const Metadata& metadata_;
  Destination& inner_;
  Database written_;
};

}  // namespace

bool rule_check_by_default() {
  const char* setting = std::getenv("RELSYNTH_CHECK_RULES");
  if (setting) return *setting && std::string(setting) != "0";
#ifdef NDEBUG
  return false;
#else
  return true;
#endif
}

std::unique_ptr<Destination> checking_rules(const Metadata& metadata, Destination& inner) {
  return std::make_unique<RuleCheckingDestination>(metadata, inner);
}

}  // namespace relsynth
