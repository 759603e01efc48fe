#include "synth/league_database.h"

#include <cstdio>
#include <string>
#include <vector>

#include "test_support.h"

namespace relsynth::testing {

namespace {

// splitmix64: values fixed by the seed.
class Draws {
 public:
  explicit Draws(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int between(int low, int high) {  // inclusive
    return low + static_cast<int>(next() % static_cast<uint64_t>(high - low + 1));
  }
  bool chance(double p) { return static_cast<double>(next() % 1000000) < p * 1e6; }

 private:
  uint64_t state_;
};

std::string date(int year, int day_of_year) {
  char text[64];
  std::snprintf(text, sizeof text, "date('%d-01-01', '+%d days')", year, day_of_year);
  return text;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

void write_league_database(const std::string& path, int teams_per_league, uint64_t seed) {
  Draws draw(seed);
  std::string sql = R"SQL(
CREATE TABLE people (
  player_id TEXT PRIMARY KEY, birth_year INTEGER NOT NULL, weight INTEGER, height INTEGER,
  bats TEXT, debut DATE, final_game DATE);
CREATE TABLE teams (
  year INTEGER NOT NULL, league TEXT NOT NULL, team_id TEXT NOT NULL,
  franchise TEXT NOT NULL, team_id_retro TEXT NOT NULL, division TEXT,
  rank INTEGER NOT NULL, G INTEGER NOT NULL, G_home INTEGER NOT NULL, W INTEGER NOT NULL,
  L INTEGER NOT NULL, R INTEGER NOT NULL, RA INTEGER NOT NULL, AB INTEGER NOT NULL,
  H INTEGER NOT NULL, HR INTEGER NOT NULL, attendance INTEGER,
  PRIMARY KEY (year, league, team_id));
CREATE TABLE managers (
  manager_id TEXT NOT NULL REFERENCES people(player_id), year INTEGER NOT NULL,
  league TEXT NOT NULL, team_id TEXT NOT NULL, in_season INTEGER NOT NULL,
  G INTEGER NOT NULL, W INTEGER NOT NULL, L INTEGER NOT NULL, plyr_mgr TEXT NOT NULL,
  PRIMARY KEY (year, league, team_id, in_season),
  FOREIGN KEY (year, league, team_id) REFERENCES teams(year, league, team_id));
CREATE TABLE batting (
  player_id TEXT NOT NULL REFERENCES people(player_id), year INTEGER NOT NULL,
  stint INTEGER NOT NULL, league TEXT NOT NULL, team_id TEXT NOT NULL,
  G_all INTEGER NOT NULL, G_defense INTEGER NOT NULL, GS INTEGER NOT NULL,
  AB INTEGER NOT NULL, R INTEGER NOT NULL, H INTEGER NOT NULL, HR INTEGER NOT NULL,
  RBI INTEGER, SB INTEGER,
  PRIMARY KEY (player_id, year, stint),
  FOREIGN KEY (year, league, team_id) REFERENCES teams(year, league, team_id));
BEGIN;
)SQL";
  const int players = teams_per_league * 2 * 50 / 2;
  std::vector<int> debut_year(players);
  for (int p = 0; p < players; ++p) {
    const int born = draw.between(1930, 1985);
    debut_year[p] = born + draw.between(19, 26);
    const int seasons = draw.between(0, 15);
    const bool played = draw.chance(0.95);
    const int first_day = draw.between(90, 270);
    sql +=
        "INSERT INTO people VALUES ('p" + std::to_string(10000 + p) + "', " + std::to_string(born) +
        ", " + (draw.chance(0.05) ? "NULL" : std::to_string(draw.between(150, 250))) + ", " +
        std::to_string(draw.between(66, 78)) + ", " +
        quoted(draw.chance(0.7)   ? "R"
               : draw.chance(0.7) ? "L"
                                  : "B") +
        ", " + (played ? date(debut_year[p], first_day) : "NULL") + ", " +
        (played ? date(debut_year[p], first_day + seasons * 365 + draw.between(1, 180)) : "NULL") +
        ");\n";
  }
  const char* leagues[] = {"AL", "NL"};
  for (int year = 1960; year < 2010; ++year) {
    for (int l = 0; l < 2; ++l) {
      for (int t = 0; t < teams_per_league; ++t) {
        const std::string team =
            std::string(leagues[l]).substr(0, 1) + static_cast<char>('A' + t) + (t % 2 ? "N" : "S");
        // A few franchises had other codes in the retro sheets before 1966.
        const std::string retro = year < 1966 && t % 3 == 0 ? team.substr(0, 2) + "X" : team;
        const int games = year < 1961 ? 154 : 162;
        // One manager, or two splitting the season.
        std::vector<int> manager_games = {games};
        if (draw.chance(0.15)) {
          const int first = draw.between(20, games - 20);
          manager_games = {first, games - first};
        }
        int wins = 0, ab = 0, hits = 0, homers = 0;
        std::string lines;
        for (size_t m = 0; m < manager_games.size(); ++m) {
          const int g = manager_games[m];
          const int w = draw.between(g * 3 / 10, g * 7 / 10);
          wins += w;
          lines += "INSERT INTO managers VALUES ('p" +
                   std::to_string(10000 + draw.between(0, players - 1)) + "', " +
                   std::to_string(year) + ", '" + leagues[l] + "', '" + team + "', " +
                   std::to_string(m + 1) + ", " + std::to_string(g) + ", " + std::to_string(w) +
                   ", " + std::to_string(g - w) + ", " + quoted(draw.chance(0.1) ? "Y" : "N") +
                   ");\n";
        }
        const int roster = draw.between(5, 11);
        for (int b = 0; b < roster; ++b) {
          const int player = draw.between(0, players - 1);
          const int g_all = draw.between(1, games);
          const int g_defense = draw.between(g_all / 2, g_all);
          const int gs = draw.between(0, g_defense);
          const int at_bats = draw.between(g_all, g_all * 4);
          const int h = draw.between(at_bats / 6, at_bats / 3);
          const int hr = draw.between(0, h / 5);
          ab += at_bats, hits += h, homers += hr;
          lines += "INSERT INTO batting VALUES ('p" + std::to_string(10000 + player) + "', " +
                   std::to_string(year) + ", " + std::to_string(b * 1000 + t * 10 + l + 1) + ", '" +
                   leagues[l] + "', '" + team + "', " + std::to_string(g_all) + ", " +
                   std::to_string(g_defense) + ", " + std::to_string(gs) + ", " +
                   std::to_string(at_bats) + ", " + std::to_string(draw.between(0, h)) + ", " +
                   std::to_string(h) + ", " + std::to_string(hr) + ", " +
                   (year < 1970 && draw.chance(0.3) ? "NULL"
                                                    : std::to_string(draw.between(hr, h + 30))) +
                   ", " + std::to_string(draw.between(0, 30)) + ");\n";
        }
        const int home = games / 2 + draw.between(-3, 3);
        sql += "INSERT INTO teams VALUES (" + std::to_string(year) + ", '" + leagues[l] + "', '" +
               team + "', 'F" + std::to_string(l * 10 + t) + "', '" + retro + "', " +
               (year < 1969 ? "NULL" : quoted(t < teams_per_league / 2 ? "E" : "W")) + ", " +
               std::to_string(draw.between(1, teams_per_league)) + ", " + std::to_string(games) +
               ", " + std::to_string(home) + ", " + std::to_string(wins) + ", " +
               std::to_string(games - wins) + ", " + std::to_string(draw.between(500, 900)) + ", " +
               std::to_string(draw.between(500, 900)) + ", " + std::to_string(ab) + ", " +
               std::to_string(hits) + ", " + std::to_string(homers) + ", " +
               (draw.chance(0.05) ? "NULL" : std::to_string(draw.between(300000, 3000000))) +
               ");\n";
        sql += lines;
      }
    }
  }
  sql += "COMMIT;\n";
  create_sqlite(path, sql);
}

}  // namespace relsynth::testing
