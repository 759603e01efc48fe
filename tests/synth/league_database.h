// A small sports-statistics database for the exact-rule tests, written as a real SQLite file:
// people, teams keyed by (year, league, team), managers and batting lines under a team through
// that 3-column key. It holds what breaks rules in generated rows: 3-column arithmetic
// (L = G - W in teams and managers), ordering chains (HR <= H <= AB, GS <= G_defense <= G_all,
// debut <= final_game), a code column equal to the key's team id except on a few historic
// rows (team_id_retro), and parent columns that sum their children (teams.W = sum(managers.W)).
#pragma once

#include <cstdint>
#include <string>

namespace relsynth::testing {

// Writes the database to `path`; `teams_per_league` sets its size (batting lines are about
// 8 per team).
void write_league_database(const std::string& path, int teams_per_league = 6, uint64_t seed = 7);

}  // namespace relsynth::testing
