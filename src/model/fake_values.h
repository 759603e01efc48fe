// Fake values: realistic, locale-aware personal values (names, e-mails, phones, addresses,
// companies, IBANs...) that are consistent within a row, for the `fake` column treatment
// (docs/METADATA.md, "Fake values"). Data per locale is in src/model/fake_locales/.
//
// A fake column's generator learns only the source column's shape (which name form, which
// e-mail pattern and kind of domain, phone layout, abbreviations, case, longest value) and a
// Bloom filter of its values; its values come from a *persona*: one person and place per
// output row, drawn from (seed, table, row), so every fake column of a row reads the same
// person, the e-mail fits the name, and the city, region, postal code, phone area code and
// country agree. The persona's locale follows the row's country where the table has a
// country column the engine models (so the countries' shares stay the source's), else the
// locale the table's fake columns name, else Metadata::locale.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/value_generator.h"
#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

enum class FakeKind : uint8_t {
  Name = 0,
  FirstName,
  LastName,
  Email,
  Phone,
  Address,
  City,
  State,
  PostalCode,
  Country,
  Company,
  Iban,
  Url,
  Uuid,
  Username,
};

// The generator names, in FakeKind order ("name", "first_name", ...).
const std::vector<std::string>& fake_generators();
// The locales with data ("en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES").
const std::vector<std::string>& fake_locales();
std::optional<FakeKind> parse_fake_kind(std::string_view name);
std::string_view to_string(FakeKind kind);
bool is_fake_locale(std::string_view locale);

// The generator that fits a column of `sdtype` named `column_name` ("" when none does): a name
// column called FirstName gives first_name, an other_pii column called Company gives company.
std::string fake_generator_for(SDType sdtype, std::string_view column_name);
// Whether the `auto` treatment fakes such a column: personal kinds do, except countries (kept
// modelled: their shares are the source's, and the personas follow them) and other_pii columns
// whose name says nothing of their kind (their shape is learned instead: hashes, handles).
bool auto_fakes(SDType sdtype, std::string_view column_name);

// The locale of fake values when neither the column nor the metadata names one.
inline constexpr std::string_view kDefaultFakeLocale = "en_US";

// A column's fake generator and locale.
struct FakeSpec {
  FakeKind kind = FakeKind::Name;
  std::string locale;
};
// How column `column` of `table` (its source values `values`) is faked, if it is: its
// treatment is `fake` (the treatment's generator, else fake_generator_for's; a UsageError
// naming the column when none fits or the name is unknown), or `auto` and auto_fakes says so,
// unless it is a city column most of whose rows hold a city at least `rare_threshold` rows
// share (kept modelled: the personas live in the drawn city). The locale is the treatment's,
// else `default_locale` (Metadata::locale), else kDefaultFakeLocale.
std::optional<FakeSpec> fake_spec(std::string_view table, const ColumnMeta& column,
                                  const Column& values, int rare_threshold,
                                  const std::string& default_locale);

// The locale whose country a value names ("Germany", "DE", "DEU", "Deutschland"; "USA", "UK"),
// case and accents ignored, including the extra countries that have places but no names of
// their own ("CA", "Brazil"); "" when none.
std::string locale_of_country(std::string_view value);

// Calls `visit` with every name, place, street word, company word and country name the fake
// data can spell (what a fake value may share with a real one by chance).
void for_each_fake_word(const std::function<void(std::string_view)>& visit);

// A fake generator of `kind` in `locale` (one of fake_locales()), fitted on column `column` of
// `table` (whose metadata is `meta`): its other columns tell how e-mails are built from names.
std::unique_ptr<ValueGenerator> fit_fake_generator(FakeKind kind, const std::string& locale,
                                                   const Table& table, const TableMeta& meta,
                                                   size_t column, const GeneratorOptions& options);
bool is_fake_generator(const ValueGenerator* generator);

// The rows of a generated table part whose fake columns are filled.
struct FakeRows {
  uint64_t seed = 0;       // the generation seed (of the unit)
  uint64_t table = 0;      // the table's stream id
  uint64_t first_row = 0;  // the part's first row in the whole table
  size_t rows = 0;
  // The values a modelled column can take with their source counts (its encoder's
  // text_values), for a state drawn apart from its country.
  std::function<std::vector<std::pair<std::string, double>>(size_t column)> modelled_values;
  // The part's rows are first_row, first_row + row_stride, ... in the whole table (units
  // interleave their rows).
  uint64_t row_stride = 1;
};

// Appends to each fake column c of `decoded` (generators[c] a fake generator) one value per
// row, NULL where is_null(c, row); the table's other columns are already decoded (the
// personas read their country, state and city). A modelled state that is no region of the
// row's country ("SP" beside "USA") becomes one of the column's values that is (weighted by
// the source's counts; kept when none is), unless a rule reads or writes it.
void fill_fake_columns(const TableMeta& meta,
                       const std::vector<std::unique_ptr<ValueGenerator>>& generators,
                       const FakeRows& rows, const std::function<bool(size_t, size_t)>& is_null,
                       std::vector<Column>& decoded);

}  // namespace relsynth
