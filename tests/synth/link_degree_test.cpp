// Links keep how many children each parent has: biodegradability's second atom of a bond is
// one in the same molecule, almost every atom is one exactly once (a spanning tree), and group
// members follow each group's size. Drawing parents by weight alone scattered the counts
// (children-per-parent KS complement 0.67 and 0.79); drawing up to each parent's generated count
// keeps them. Each atom drew its two counts (bonds as first atom, as second) alone, so a
// molecule's second atoms were due more or fewer bonds than the molecule has; the urn handed out
// the difference by weight (a hydrogen with two bonds or none, 73% of atoms second atoms exactly
// once, real 90%) until both counts were settled per molecule (synth/link_dues.h).
#include <gtest/gtest.h>

#include "core/text.h"
#include "relsynth/report.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

TEST(LinkDegree, SecondParentsGetTheirNumberOfChildren) {
  TempDir dir;
  const SourceData source = load(shared_dataset("biodegradability"));
  synthesize(source, dir.file("twin.sqlite"));
  auto twin_source = open_source(dir.file("twin.sqlite"));
  const Database twin = read_database(*twin_source, twin_source->describe());
  ReportOptions options;
  options.detection = false;
  options.privacy = false;
  const Report report = evaluate(source.metadata, source.data, twin, options);
  std::map<std::string, double> cardinality;
  for (const RelationshipReport& r : report.relationships)
    cardinality[r.child_table + "." + join(r.child_columns)] = r.cardinality_score;
  ASSERT_TRUE(cardinality.count("bond.atom_id2"));
  EXPECT_GE(cardinality["bond.atom_id2"], 0.95);
  EXPECT_GE(cardinality["bond.atom_id"], 0.95);
  // Second atom of exactly one bond, as almost every real atom is.
  const int64_t atoms = query_int(dir.file("twin.sqlite"), "SELECT COUNT(*) FROM atom");
  const int64_t once = query_int(dir.file("twin.sqlite"),
                                 "SELECT COUNT(*) FROM (SELECT atom_id2 FROM bond GROUP BY "
                                 "atom_id2 HAVING COUNT(*) = 1)");
  EXPECT_GE(static_cast<double>(once) / static_cast<double>(atoms), 0.85);
  EXPECT_GE(cardinality["gmember.group_id"], 0.88);
  // Still in the same molecule as the first atom.
  EXPECT_EQ(query_int(dir.file("twin.sqlite"),
                      "SELECT COUNT(*) FROM bond b JOIN atom a1 ON a1.atom_id = b.atom_id "
                      "JOIN atom a2 ON a2.atom_id = b.atom_id2 WHERE a1.molecule_id <> "
                      "a2.molecule_id"),
            0);
}

}  // namespace
}  // namespace relsynth::testing
