// A child's context: its parents' columns chosen by relevance, up to a budget.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "relsynth/io.h"
#include "synth/synth_support.h"
#include "synth/synthesis_model.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// A wide parent (40 columns unrelated to its children and one, strength, that sets their
// score) and a child with a second, narrow parent whose kind sets the child's minutes.
std::string wide_parent_script() {
  std::string columns, values;
  for (int k = 0; k < 40; ++k) {
    columns += ", c" + std::to_string(k) + " INTEGER NOT NULL";
    // Moduli prime to 5: unrelated to the strength (i % 5) over the team ids.
    static const int kModuli[] = {7, 8, 9, 11, 12, 13, 14, 16};
    values += ", (i * " + std::to_string(7 + 2 * k) + " + " + std::to_string(k) + ") % " +
              std::to_string(kModuli[k % 8]);
  }
  return "CREATE TABLE teams (id INTEGER PRIMARY KEY, strength INTEGER NOT NULL" + columns +
         ");\n"
         "CREATE TABLE venues (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT "
         "NULL);\n"
         "CREATE TABLE games (id INTEGER PRIMARY KEY, team INTEGER NOT NULL REFERENCES teams(id),\n"
         "  venue INTEGER NOT NULL REFERENCES venues(id), score REAL NOT NULL,\n"
         "  minutes INTEGER NOT NULL);\n"
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)\n"
         "INSERT INTO teams SELECT i, (i * 13) % 5" +
         values +
         " FROM n;\n"
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)\n"
         "INSERT INTO venues SELECT i, CASE i % 2 WHEN 0 THEN 'dome' ELSE 'field' END,\n"
         "  (i * 31) % 50 FROM n;\n"
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)\n"
         "INSERT INTO games SELECT i, 1 + (i * i * 7919 + i * 31) % 1000,\n"
         "  1 + (i * i * 104729 + 17 * i) % 199, 0, 0 FROM n;\n"
         "UPDATE games SET score = 10 * (SELECT strength FROM teams WHERE teams.id = team)\n"
         "  + (id * id * 7) % 4,\n"
         "  minutes = CASE (SELECT kind FROM venues WHERE venues.id = venue) WHEN 'dome' THEN 60\n"
         "  ELSE 90 END + (id * id * 3) % 5;\n";
}

TEST(SynthContext, AWideParentGivesItsMostRelevantColumnsUpToABudget) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), wide_parent_script());
  const SourceData source = load(dir.file("s.sqlite"));
  Progress quiet(true);
  const Model trained = train(source.metadata, source.data, {}, quiet);
  trained.save(dir.file("m.rsm"));
  const Model loaded = Model::load(dir.file("m.rsm"));
  for (const Model* model : {&trained, &loaded}) {
    const SynthesisModel& impl = model->impl();
    const TableModel& games = impl.tables[impl.table_index("games")];
    const TableModel& teams = impl.tables[impl.table_index("teams")];
    const TableModel& venues = impl.tables[impl.table_index("venues")];
    ASSERT_GT(games.context_features.size(), 0u);
    EXPECT_LE(games.context_features.size(), 20u);  // teams alone has 41 value steps
    std::set<std::pair<int, int>> seen;
    int counts = 0;
    bool strength = false, kind = false;
    for (const ContextFeature& feature : games.context_features) {
      EXPECT_TRUE(seen.insert({static_cast<int>(feature.source), feature.step}).second)
          << "a context column twice";
      counts += feature.source == ContextSource::ParentCount;
      if (feature.source == ContextSource::Parent) {
        EXPECT_LT(teams.chain[feature.step].count_of, 0) << "the children count as a value";
        strength |= teams.chain[feature.step].column ==
                    impl.metadata.tables[impl.table_index("teams")].column_index("strength");
      }
      if (feature.source == ContextSource::Linked)
        kind |= venues.chain[feature.step].column ==
                impl.metadata.tables[impl.table_index("venues")].column_index("kind");
    }
    EXPECT_EQ(counts, 1);
    EXPECT_TRUE(strength) << "the parent column that sets the score";
    EXPECT_TRUE(kind) << "the linked parent's column that sets the minutes";
  }
  // The relations survive generation: a game's score follows its team's strength, its
  // minutes its venue's kind.
  synthesize(source, dir.file("out.sqlite"));
  const std::string out = dir.file("out.sqlite");
  EXPECT_GE(
      query_int(out,
                "SELECT COUNT(*) FROM games JOIN teams ON teams.id = games.team "
                "WHERE games.score BETWEEN 10 * teams.strength - 1 AND 10 * teams.strength + 4"),
      query_int(out, "SELECT COUNT(*) FROM games") * 8 / 10);
  EXPECT_GE(query_int(out,
                      "SELECT COUNT(*) FROM games JOIN venues ON venues.id = games.venue "
                      "WHERE (venues.kind = 'dome') = (games.minutes < 75)"),
            query_int(out, "SELECT COUNT(*) FROM games") * 8 / 10);
}

// A model file from before context sources (table section 9: orders under customers under
// regions, with a link to products; written by relsynth 7469e98 with `train --seed 3`) loads
// with the context it was trained with, and generates exactly what that relsynth generated
// (legacy_context_v9.out.sqlite, `generate --seed 3`).
TEST(SynthContext, AModelFileFromBeforeContextSourcesGeneratesAsBefore) {
  const std::string file = __FILE__;
  const std::string data = file.substr(0, file.rfind('/')) + "/data/";
  const Model model = Model::load(data + "legacy_context_v9.rsm");
  const SynthesisModel& impl = model.impl();
  const TableModel& orders = impl.tables[impl.table_index("orders")];
  EXPECT_EQ(orders.context_features, legacy_context_features(impl, impl.table_index("orders")));
  TempDir dir;
  GenerateOptions options;
  options.seed = 3;
  auto sink = open_destination(dir.file("out.sqlite"));
  Progress quiet(true);
  generate(model, options, *sink, quiet);
  EXPECT_EQ(dump_database(dir.file("out.sqlite")),
            dump_database(data + "legacy_context_v9.out.sqlite"));
}

}  // namespace
}  // namespace relsynth::testing
