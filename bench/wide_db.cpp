// relsynth_wide_db: writes a wide, deep sports-statistics database to SQLite, the shape that broke
// relsynth on a database we do not have (issue #22): wide parents (a people table of 26 columns, a
// teams table of 48 keyed by (year, league, team)), season tables of 100k+ rows with 20+ numeric
// columns under a 3-column composite foreign key, exact identities (L = G - W, G = W + L) and
// ordering chains (SHO <= CG <= GS <= G, H <= AB, G_defense <= G_all, debut <= final_game), a
// half-season table under 1% of the teams (one season only), alternative team ids that equal the
// team id except on historic rows, two composite foreign keys from one table to the same parent
// (series winner and loser), and a diamond (a salary payment's player is its salary's player).
// 616,258 rows at --scale 100; tests use --scale 5. Same seed and scale, same bytes.
//
// Usage: relsynth_wide_db OUT.sqlite [--scale PERCENT] [--seed N] [--overwrite]

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "generator_support.h"

namespace {

namespace chr = std::chrono;
using generator::Rng;
using generator::UsageFailure;

// ---------------------------------------------------------------------------------------------
// Tables as the generator fills them: typed values in rows, written by one generic writer.

using Value = std::variant<std::monostate, int64_t, double, std::string>;
const Value kNull{};

struct TableData {
  std::string name;
  std::string ddl;  // the column list and constraints of CREATE TABLE
  std::vector<std::vector<Value>> rows;
};

Value number_or_null(bool present, int64_t v) { return present ? Value{v} : kNull; }

std::string format_date(int64_t day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

int64_t make_day(int y, unsigned m, unsigned d) {
  return chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}}.time_since_epoch().count();
}

// ---------------------------------------------------------------------------------------------
// Names, places and codes.

const std::vector<std::string> kSyllables = {
    "ba",  "ker",  "son",  "mil", "ler", "ro",  "dri", "guez", "wil", "li",  "ams",
    "jo",  "hn",   "ston", "mar", "tin", "da",  "vis", "an",   "der", "sen", "mc",
    "cor", "mick", "har",  "ris", "gar", "cia", "bro", "wn",   "tay", "lor"};
const std::vector<std::string> kFirstNames = {
    "John", "Bill",   "Joe",   "Jim",   "Mike",    "Bob",   "Tom",   "Frank", "George", "Ed",
    "Jack", "Dave",   "Chris", "Steve", "Charlie", "Harry", "Fred",  "Dan",   "Jose",   "Luis",
    "Juan", "Carlos", "Pedro", "Ryan",  "Matt",    "Kevin", "Brian", "Jason", "Scott",  "Mark"};
const std::vector<std::string> kCountries = {"USA", "USA",  "USA",       "USA", "USA",  "USA",
                                             "USA", "D.R.", "Venezuela", "CAN", "Cuba", "P.R."};
const std::vector<std::string> kStates = {"CA", "TX", "NY", "PA", "IL", "OH", "FL",
                                          "MA", "MO", "MI", "NJ", "GA", "NC", "WA"};
const std::vector<std::string> kCities = {"Springfield", "Riverside",  "Franklin",  "Greenville",
                                          "Bristol",     "Clinton",    "Fairview",  "Salem",
                                          "Madison",     "Georgetown", "Arlington", "Ashland"};
const std::vector<std::string> kPositions = {"C", "1B", "2B", "3B", "SS", "OF"};
const std::vector<std::string> kOutfield = {"LF", "CF", "RF"};

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string last_name(Rng& rng) {
  std::string name;
  const int parts = 2 + (rng.chance(0.3) ? 1 : 0);
  for (int i = 0; i < parts; ++i) name += rng.pick(kSyllables);
  return capitalised(name);
}

std::string lower_letters(const std::string& s, size_t n) {
  std::string out;
  for (char c : s) {
    if (out.size() == n) break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// The simulated league: franchises, their seasons, people and their careers.

constexpr int kFirstYear = 1871;
constexpr int kLastYear = 2020;
constexpr int kSplitSeason = 1981;  // the one season played in two halves

struct Franchise {
  std::string id, name, league, code;
  int first_year, last_year;
};

struct Team {  // one franchise's season
  int year;
  std::string league, id, franchise, name;
  int games, wins;
  bool post_season = false;
};

struct Person {
  std::string id, first, last;
  int debut_year, seasons;
  bool pitcher;
  std::string position;
};

struct Stint {  // one person's stint with one team in one season
  size_t person, team;
  int year, stint, games;
};

struct World {
  std::vector<Franchise> franchises;
  std::vector<Team> teams;
  std::map<int, std::vector<size_t>> teams_by_year;
  std::vector<Person> people;
  std::vector<Stint> stints;
};

std::string team_code(Rng& rng, std::set<std::string>& used) {
  static const std::string letters = "ABCDEFGHIJKLMNOPRSTW";
  for (;;) {
    std::string code;
    for (int i = 0; i < 3; ++i) code += letters[static_cast<size_t>(rng.range(0, 19))];
    if (used.insert(code).second) return code;
  }
}

World make_world(uint64_t seed, double scale) {
  World w;
  Rng rng(seed, 1);
  // Modern franchises (in the two major leagues to the end) and short-lived early ones. At
  // least 26, even at a small scale: the half-season table then has 26 teams (52 rows) of
  // about 2,700, under 1% of the parents, with enough rows for its rules to be found.
  const int modern = std::max(26, static_cast<int>(30 * scale));
  const int early = std::max(2, static_cast<int>(90 * scale));
  std::set<std::string> codes;
  for (int i = 0; i < modern + early; ++i) {
    Franchise f;
    f.code = team_code(rng, codes);
    f.id = f.code;
    f.name =
        rng.pick(kCities) + " " + capitalised(rng.pick(kSyllables) + rng.pick(kSyllables)) + "s";
    if (i < modern) {
      f.league = i % 2 == 0 ? "NL" : "AL";
      f.first_year = kFirstYear + (i * 100) / modern;  // the leagues grow from a few to all
      f.last_year = kLastYear;
    } else {
      static const std::vector<std::string> old_leagues = {"NA", "AA", "UA", "PL", "FL"};
      f.league = rng.pick(old_leagues);
      f.first_year = static_cast<int>(rng.range(kFirstYear, 1910));
      f.last_year = f.first_year + static_cast<int>(rng.range(0, 6));
    }
    w.franchises.push_back(f);
  }
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    const int games = year < 1900 ? 100 : year < 1961 ? 154 : 162;
    for (const Franchise& f : w.franchises) {
      if (year < f.first_year || year > f.last_year) continue;
      Team t;
      t.year = year;
      t.league = f.league;
      t.id = f.code;
      t.franchise = f.id;
      t.name = f.name;
      t.games = year == kSplitSeason ? 108 : games - static_cast<int>(rng.range(0, 3));
      t.wins =
          std::clamp(static_cast<int>(t.games / 2.0 + rng.normal() * t.games * 0.08), 0, t.games);
      w.teams_by_year[year].push_back(w.teams.size());
      w.teams.push_back(t);
    }
    // The best team of each league plays the post-season (from 1903).
    if (year >= 1903) {
      for (const std::string league : {"NL", "AL"}) {
        size_t best = SIZE_MAX;
        for (size_t t : w.teams_by_year[year]) {
          if (w.teams[t].league == league &&
              (best == SIZE_MAX || w.teams[t].wins > w.teams[best].wins)) {
            best = t;
          }
        }
        if (best != SIZE_MAX) w.teams[best].post_season = true;
      }
    }
  }
  // People and careers: a debut year weighted by how many teams play then.
  const int people = std::max(100, static_cast<int>(21000 * scale));
  std::vector<double> year_weight;
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    year_weight.push_back(static_cast<double>(w.teams_by_year[year].size()));
  }
  std::map<std::string, int> id_count;
  for (int i = 0; i < people; ++i) {
    Person p;
    p.first = rng.pick(kFirstNames);
    p.last = last_name(rng);
    const std::string stem = lower_letters(p.last, 5) + lower_letters(p.first, 2);
    p.id = stem + two_digits(++id_count[stem]);
    p.debut_year = kFirstYear + static_cast<int>(rng.weighted(year_weight));
    p.seasons = 1;
    while (p.seasons < 20 && rng.chance(0.8)) ++p.seasons;
    p.pitcher = rng.chance(0.45);
    p.position = p.pitcher ? "P" : rng.pick(kPositions);
    w.people.push_back(p);
  }
  for (size_t pi = 0; pi < w.people.size(); ++pi) {
    const Person& p = w.people[pi];
    size_t team = SIZE_MAX;
    for (int year = p.debut_year; year < p.debut_year + p.seasons && year <= kLastYear; ++year) {
      const auto& teams = w.teams_by_year[year];
      if (teams.empty()) break;
      // Players stay with their franchise most seasons.
      size_t next = SIZE_MAX;
      if (team != SIZE_MAX && rng.chance(0.8)) {
        for (size_t t : teams) {
          if (w.teams[t].franchise == w.teams[team].franchise) next = t;
        }
      }
      if (next == SIZE_MAX) next = rng.pick(teams);
      team = next;
      const int season_games = w.teams[team].games;
      const int games = std::clamp(
          static_cast<int>(p.pitcher ? 10 + rng.uniform() * 40 : 5 + rng.uniform() * season_games),
          1, season_games);
      w.stints.push_back({pi, team, year, 1, games});
      if (rng.chance(0.08)) {  // traded during the season
        const size_t other = rng.pick(teams);
        if (other != team) {
          w.stints.push_back(
              {pi, other, year, 2, std::max(1, static_cast<int>(games * rng.uniform()))});
        }
      }
    }
  }
  return w;
}

// ---------------------------------------------------------------------------------------------
// The tables.

Value team_key_year(const Team& t) { return static_cast<int64_t>(t.year); }

void add_reference_tables(const World& w, uint64_t seed, double scale,
                          std::vector<TableData>& out) {
  Rng rng(seed, 2);
  TableData parks{"parks",
                  "park_key TEXT PRIMARY KEY, park_name TEXT NOT NULL, park_alias TEXT, city TEXT, "
                  "state TEXT, country TEXT",
                  {}};
  const int n_parks = std::max(10, static_cast<int>(250 * scale));
  for (int i = 0; i < n_parks; ++i) {
    const std::string city = rng.pick(kCities);
    parks.rows.push_back({lower_letters(city, 3) + two_digits(i) + std::to_string(i / 100),
                          city + " " + capitalised(rng.pick(kSyllables)) + " Park",
                          rng.chance(0.7) ? kNull : Value{city + " Field"}, city, rng.pick(kStates),
                          "US"});
  }
  out.push_back(std::move(parks));

  TableData schools{"schools",
                    "school_id TEXT PRIMARY KEY, name_full TEXT NOT NULL, city TEXT, state TEXT, "
                    "country TEXT",
                    {}};
  const int n_schools = std::max(20, static_cast<int>(1200 * scale));
  for (int i = 0; i < n_schools; ++i) {
    const std::string city = rng.pick(kCities);
    const std::string state = rng.pick(kStates);
    schools.rows.push_back({lower_letters(city, 4) + lower_letters(state, 2) + std::to_string(i),
                            "University of " + city, city, state, "USA"});
  }
  out.push_back(std::move(schools));

  TableData franchises{"franchises",
                       "franch_id TEXT PRIMARY KEY, franch_name TEXT NOT NULL, active TEXT, "
                       "na_assoc TEXT",
                       {}};
  for (const Franchise& f : w.franchises) {
    franchises.rows.push_back({f.id, f.name, f.last_year == kLastYear ? "Y" : "N",
                               rng.chance(0.2) ? Value{f.code} : kNull});
  }
  out.push_back(std::move(franchises));
}

void add_people(const World& w, uint64_t seed, std::vector<TableData>& out) {
  Rng rng(seed, 3);
  TableData t{"people",
              "player_id TEXT PRIMARY KEY, birth_year INTEGER, birth_month INTEGER, birth_day "
              "INTEGER, birth_country TEXT, birth_state TEXT, birth_city TEXT, death_year "
              "INTEGER, death_month INTEGER, death_day INTEGER, death_country TEXT, death_state "
              "TEXT, death_city TEXT, name_first TEXT, name_last TEXT NOT NULL, name_given TEXT, "
              "weight INTEGER, height INTEGER, bats TEXT, throws TEXT, debut DATE, final_game "
              "DATE, retro_id TEXT, bbref_id TEXT, birth_date DATE, death_date DATE",
              {}};
  for (const Person& p : w.people) {
    const int age = static_cast<int>(20 + rng.normal() * 2.5);
    const int64_t birth = make_day(p.debut_year - age, 1, 1) + rng.range(0, 364);
    const chr::year_month_day b{chr::sys_days{chr::days{birth}}};
    const int final_year = std::min(kLastYear, p.debut_year + p.seasons - 1);
    const int64_t debut = make_day(p.debut_year, 4, 1) + rng.range(0, 150);
    const int64_t final_game = std::max(debut, make_day(final_year, 4, 1) + rng.range(0, 180));
    const bool dead = p.debut_year < 1950 ? rng.chance(0.9) : rng.chance(0.1);
    int64_t death = 0;
    if (dead) death = std::min(make_day(2020, 12, 31), birth + rng.range(50, 95) * 365);
    const chr::year_month_day d{chr::sys_days{chr::days{death}}};
    const std::string country = rng.pick(kCountries);
    const bool usa = country == "USA";
    const int height = static_cast<int>(72 + rng.normal() * 2.5);
    // The reference id is the player id, except on a few rows keyed another way.
    const std::string bbref =
        rng.chance(0.97) ? p.id : lower_letters(p.last, 5) + "x" + two_digits(1);
    t.rows.push_back({p.id,
                      static_cast<int64_t>(static_cast<int>(b.year())),
                      static_cast<int64_t>(static_cast<unsigned>(b.month())),
                      static_cast<int64_t>(static_cast<unsigned>(b.day())),
                      country,
                      usa ? Value{rng.pick(kStates)} : kNull,
                      rng.pick(kCities),
                      dead ? Value{static_cast<int64_t>(static_cast<int>(d.year()))} : kNull,
                      dead ? Value{static_cast<int64_t>(static_cast<unsigned>(d.month()))} : kNull,
                      dead ? Value{static_cast<int64_t>(static_cast<unsigned>(d.day()))} : kNull,
                      dead ? Value{std::string("USA")} : kNull,
                      dead ? Value{rng.pick(kStates)} : kNull,
                      dead ? Value{rng.pick(kCities)} : kNull,
                      p.first,
                      p.last,
                      p.first + " " + capitalised(rng.pick(kSyllables) + rng.pick(kSyllables)),
                      static_cast<int64_t>(height * 2.6 + rng.normal() * 12),
                      static_cast<int64_t>(height),
                      rng.chance(0.65)  ? "R"
                      : rng.chance(0.8) ? "L"
                                        : "B",
                      rng.chance(0.75) ? "R" : "L",
                      format_date(debut),
                      format_date(final_game),
                      lower_letters(p.last, 4) + lower_letters(p.first, 1) +
                          std::to_string(100 + rng.range(0, 899)),
                      bbref,
                      format_date(birth),
                      dead ? Value{format_date(death)} : kNull});
  }
  out.push_back(std::move(t));
}

void add_teams(const World& w, uint64_t seed, double scale, std::vector<TableData>& out) {
  Rng rng(seed, 4);
  TableData t{"teams",
              "year_id INTEGER NOT NULL, lg_id TEXT NOT NULL, team_id TEXT NOT NULL, franch_id "
              "TEXT NOT NULL REFERENCES franchises (franch_id), div_id TEXT, team_rank INTEGER, "
              "G INTEGER, G_home INTEGER, W INTEGER, L INTEGER, div_win TEXT, wc_win TEXT, lg_win "
              "TEXT, ws_win TEXT, R INTEGER, AB INTEGER, H INTEGER, H2B INTEGER, H3B INTEGER, HR "
              "INTEGER, BB INTEGER, SO INTEGER, SB INTEGER, CS INTEGER, HBP INTEGER, SF INTEGER, "
              "RA INTEGER, ER INTEGER, ERA REAL, CG INTEGER, SHO INTEGER, SV INTEGER, IPouts "
              "INTEGER, HA INTEGER, HRA INTEGER, BBA INTEGER, SOA INTEGER, E INTEGER, DP INTEGER, "
              "FP REAL, name TEXT, park TEXT, attendance INTEGER, BPF INTEGER, PPF INTEGER, "
              "team_id_br TEXT, team_id_lahman45 TEXT, team_id_retro TEXT, "
              "PRIMARY KEY (year_id, lg_id, team_id)",
              {}};
  const int n_parks = std::max(10, static_cast<int>(250 * scale));
  for (const Team& team : w.teams) {
    const bool modern = team.year >= 1969;
    const int g = team.games, wins = team.wins, losses = g - wins;
    const double avg = 0.26 + rng.normal() * 0.015;
    const int64_t ab = static_cast<int64_t>(g * (33.5 + rng.normal()));
    const int64_t h = static_cast<int64_t>(ab * avg);
    const int64_t hr =
        static_cast<int64_t>(h * (team.year < 1920 ? 0.02 : 0.09) * (1 + 0.2 * rng.normal()));
    const int64_t h2b = static_cast<int64_t>(h * 0.18),
                  h3b = static_cast<int64_t>(h * (team.year < 1940 ? 0.06 : 0.02));
    const int64_t bb = static_cast<int64_t>(g * (3.2 + 0.4 * rng.normal()));
    const int64_t runs = static_cast<int64_t>(0.5 * h + 0.33 * bb + 1.4 * hr + (wins - losses) * 2);
    const int64_t ipouts = g * 27 - rng.range(0, 60);
    const int64_t er = static_cast<int64_t>(runs * 0.9 + (losses - wins) * 2 + 40 * rng.normal());
    const int64_t ra = er + rng.range(20, 80);
    // Historic rows (before 1900) use other codes in the alternative id systems.
    const bool historic = team.year < 1900 && rng.chance(0.5);
    const std::string alt =
        historic ? team.id.substr(0, 2) + std::to_string(team.year % 10) : team.id;
    char era[16];
    std::snprintf(era, sizeof era, "%.2f",
                  std::max<int64_t>(er, 0) * 27.0 / static_cast<double>(ipouts));
    const bool split = team.year == kSplitSeason;
    t.rows.push_back({static_cast<int64_t>(team.year),
                      team.league,
                      team.id,
                      team.franchise,
                      modern ? Value{std::string(rng.chance(0.5) ? "E" : "W")} : kNull,
                      static_cast<int64_t>(rng.range(1, 7)),
                      static_cast<int64_t>(g),
                      number_or_null(team.year >= 1961, g / 2),
                      static_cast<int64_t>(wins),
                      static_cast<int64_t>(losses),
                      modern ? Value{std::string(team.post_season ? "Y" : "N")} : kNull,
                      team.year >= 1995 ? Value{std::string("N")} : kNull,
                      team.post_season ? "Y" : "N",
                      team.post_season && rng.chance(0.5) ? "Y" : "N",
                      runs,
                      ab,
                      h,
                      h2b,
                      h3b,
                      hr,
                      bb,
                      number_or_null(team.year >= 1913,
                                     static_cast<int64_t>(ab * 0.15 * (1 + 0.1 * rng.normal()))),
                      static_cast<int64_t>(g * 0.6 * (1 + 0.3 * rng.normal())),
                      number_or_null(team.year >= 1920, static_cast<int64_t>(g * 0.3)),
                      number_or_null(team.year >= 1950, rng.range(20, 70)),
                      number_or_null(team.year >= 1954, rng.range(30, 70)),
                      ra,
                      std::max<int64_t>(er, 0),
                      std::stod(era),
                      static_cast<int64_t>(g * (team.year < 1950 ? 0.5 : 0.05)),
                      rng.range(0, 20),
                      rng.range(0, split ? 30 : 60),
                      ipouts,
                      static_cast<int64_t>(h * (1 + 0.05 * rng.normal())),
                      hr + rng.range(-10, 10),
                      bb + rng.range(-30, 30),
                      static_cast<int64_t>(ab * 0.15),
                      rng.range(60, 200),
                      rng.range(100, 190),
                      0.97 + rng.uniform() * 0.02,
                      team.name,
                      out[0].rows[static_cast<size_t>(rng.range(0, n_parks - 1))][0],
                      number_or_null(team.year >= 1890, rng.range(100000, 4000000)),
                      rng.range(90, 110),
                      rng.range(90, 110),
                      alt,
                      alt,
                      alt});
  }
  out.push_back(std::move(t));
}

std::vector<Value> team_key(const Team& t) { return {team_key_year(t), t.league, t.id}; }

template <typename... Rest>
std::vector<Value> row_of(std::vector<Value> head, Rest&&... rest) {
  (head.push_back(Value{std::forward<Rest>(rest)}), ...);
  return head;
}

void add_season_splits(const World& w, uint64_t seed, std::vector<TableData>& out) {
  Rng rng(seed, 5);
  TableData half{"teams_half",
                 "year_id INTEGER NOT NULL, lg_id TEXT NOT NULL, team_id TEXT NOT NULL, half "
                 "INTEGER NOT NULL, div_id TEXT, div_win TEXT, team_rank INTEGER, G INTEGER, W "
                 "INTEGER, L INTEGER, PRIMARY KEY (year_id, team_id, half), FOREIGN KEY (year_id, "
                 "lg_id, team_id) REFERENCES teams (year_id, lg_id, team_id)",
                 {}};
  TableData managers{"managers",
                     "player_id TEXT NOT NULL REFERENCES people (player_id), year_id INTEGER NOT "
                     "NULL, team_id TEXT NOT NULL, lg_id TEXT NOT NULL, inseason INTEGER, G "
                     "INTEGER, W INTEGER, L INTEGER, team_rank INTEGER, plyr_mgr TEXT, FOREIGN KEY "
                     "(year_id, lg_id, team_id) REFERENCES teams (year_id, lg_id, team_id)",
                     {}};
  TableData managers_half{"managers_half",
                          "player_id TEXT NOT NULL REFERENCES people (player_id), year_id INTEGER "
                          "NOT NULL, team_id TEXT NOT NULL, lg_id TEXT NOT NULL, inseason "
                          "INTEGER, half INTEGER, G INTEGER, W INTEGER, L INTEGER, team_rank "
                          "INTEGER, FOREIGN KEY (year_id, lg_id, team_id) REFERENCES teams "
                          "(year_id, lg_id, team_id)",
                          {}};
  for (const Team& team : w.teams) {
    // One or two managers a season; a manager is a person of the league.
    const size_t manager =
        static_cast<size_t>(rng.range(0, static_cast<int64_t>(w.people.size()) - 1));
    const int n = rng.chance(0.15) ? 2 : 1;
    int g_left = team.games, w_left = team.wins;
    for (int i = 0; i < n; ++i) {
      const int g = i + 1 == n ? g_left : static_cast<int>(g_left * rng.uniform());
      const int wins =
          i + 1 == n ? w_left
                     : std::min(w_left, static_cast<int>(g * team.wins / std::max(1, team.games)));
      g_left -= g;
      w_left -= wins;
      managers.rows.push_back(row_of(
          {w.people[(manager + i) % w.people.size()].id, team_key_year(team), team.id, team.league},
          int64_t{i + 1}, int64_t{g}, int64_t{wins}, int64_t{g - wins}, rng.range(1, 7),
          std::string(rng.chance(0.1) ? "Y" : "N")));
    }
    if (team.year != kSplitSeason) continue;
    int first_g = team.games / 2 + static_cast<int>(rng.range(-4, 4));
    int first_w = std::clamp(static_cast<int>(first_g * team.wins / team.games + rng.range(-3, 3)),
                             0, first_g);
    for (int h = 1; h <= 2; ++h) {
      const int g = h == 1 ? first_g : team.games - first_g;
      const int wins = h == 1 ? first_w : std::clamp(team.wins - first_w, 0, g);
      half.rows.push_back(row_of(team_key(team), int64_t{h},
                                 std::string(rng.chance(0.5) ? "E" : "W"),
                                 std::string(rng.chance(0.1) ? "Y" : "N"), rng.range(1, 7),
                                 int64_t{g}, int64_t{wins}, int64_t{g - wins}));
      const int mgrs = rng.chance(0.8) ? 1 : 2;
      int mg = g, mw = wins;
      for (int i = 0; i < mgrs; ++i) {
        const int gi = i + 1 == mgrs ? mg : mg / 2;
        const int wi = i + 1 == mgrs ? mw : std::min(mw, gi / 2);
        mg -= gi;
        mw -= wi;
        managers_half.rows.push_back(row_of({w.people[(manager + i) % w.people.size()].id,
                                             team_key_year(team), team.id, team.league},
                                            int64_t{i + 1}, int64_t{h}, int64_t{gi}, int64_t{wi},
                                            int64_t{gi - wi}, rng.range(1, 7)));
      }
    }
  }
  out.push_back(std::move(half));
  out.push_back(std::move(managers));
  out.push_back(std::move(managers_half));
}

// The season tables per person and team: batting, pitching, fielding, appearances and more.
void add_season_tables(const World& w, uint64_t seed, std::vector<TableData>& out) {
  Rng rng(seed, 6);
  const std::string stint_key =
      "player_id TEXT NOT NULL REFERENCES people (player_id), year_id INTEGER NOT NULL, stint "
      "INTEGER NOT NULL, team_id TEXT NOT NULL, lg_id TEXT NOT NULL, ";
  const std::string team_fk =
      "FOREIGN KEY (year_id, lg_id, team_id) REFERENCES teams (year_id, lg_id, team_id)";
  TableData batting{"batting",
                    stint_key +
                        "G INTEGER, AB INTEGER, R INTEGER, H INTEGER, H2B INTEGER, H3B INTEGER, "
                        "HR INTEGER, RBI INTEGER, SB INTEGER, CS INTEGER, BB INTEGER, SO INTEGER, "
                        "IBB INTEGER, HBP INTEGER, SH INTEGER, SF INTEGER, GIDP INTEGER, "
                        "PRIMARY KEY (player_id, year_id, stint), " +
                        team_fk,
                    {}};
  TableData pitching{"pitching",
                     stint_key +
                         "W INTEGER, L INTEGER, G INTEGER, GS INTEGER, CG INTEGER, SHO INTEGER, SV "
                         "INTEGER, IPouts INTEGER, H INTEGER, ER INTEGER, HR INTEGER, BB INTEGER, "
                         "SO INTEGER, BAOpp REAL, ERA REAL, IBB INTEGER, WP INTEGER, HBP INTEGER, "
                         "BK INTEGER, BFP INTEGER, GF INTEGER, R INTEGER, SH INTEGER, SF INTEGER, "
                         "GIDP INTEGER, PRIMARY KEY (player_id, year_id, stint), " +
                         team_fk,
                     {}};
  TableData fielding{"fielding",
                     stint_key +
                         "pos TEXT NOT NULL, G INTEGER, GS INTEGER, inn_outs INTEGER, PO INTEGER, "
                         "A INTEGER, E INTEGER, DP INTEGER, PB INTEGER, WP INTEGER, SB INTEGER, CS "
                         "INTEGER, ZR REAL, PRIMARY KEY (player_id, year_id, stint, pos), " +
                         team_fk,
                     {}};
  TableData fielding_of{"fielding_of",
                        "player_id TEXT NOT NULL REFERENCES people (player_id), year_id INTEGER "
                        "NOT NULL, stint INTEGER NOT NULL, G_lf INTEGER, G_cf INTEGER, G_rf "
                        "INTEGER, PRIMARY KEY (player_id, year_id, stint)",
                        {}};
  TableData fielding_of_split{"fielding_of_split",
                              stint_key +
                                  "pos TEXT NOT NULL, G INTEGER, GS INTEGER, inn_outs INTEGER, PO "
                                  "INTEGER, A INTEGER, E INTEGER, DP INTEGER, " +
                                  team_fk,
                              {}};
  TableData appearances{"appearances",
                        "year_id INTEGER NOT NULL, team_id TEXT NOT NULL, lg_id TEXT NOT NULL, "
                        "player_id TEXT NOT NULL REFERENCES people (player_id), G_all INTEGER, GS "
                        "INTEGER, G_batting INTEGER, G_defense INTEGER, G_p INTEGER, G_c INTEGER, "
                        "G_1b INTEGER, G_2b INTEGER, G_3b INTEGER, G_ss INTEGER, G_lf INTEGER, "
                        "G_cf INTEGER, G_rf INTEGER, G_of INTEGER, G_dh INTEGER, G_ph INTEGER, "
                        "G_pr INTEGER, PRIMARY KEY (year_id, team_id, player_id), " +
                            team_fk,
                        {}};
  std::set<std::tuple<int, std::string, std::string>> appeared;
  for (const Stint& s : w.stints) {
    const Person& p = w.people[s.person];
    const Team& team = w.teams[s.team];
    const std::vector<Value> key = {p.id, int64_t{s.year}, int64_t{s.stint}, team.id, team.league};
    const bool modern = s.year >= 1955;
    const int g = s.games;
    // Batting: H <= AB, the extra-base hits within H.
    const int64_t ab =
        p.pitcher ? rng.range(0, g) : static_cast<int64_t>(g * (2.5 + rng.uniform() * 1.5));
    const int64_t h = static_cast<int64_t>(ab * std::clamp(0.25 + rng.normal() * 0.04, 0.0, 1.0));
    const int64_t hr = static_cast<int64_t>(h * rng.uniform() * 0.2);
    const int64_t h2b = static_cast<int64_t>((h - hr) * 0.2),
                  h3b = static_cast<int64_t>((h - hr) * 0.03);
    batting.rows.push_back(
        row_of(key, int64_t{g}, ab, static_cast<int64_t>(h * 0.5 + hr), h, h2b, h3b, hr,
               static_cast<int64_t>(h * 0.45 + hr), rng.range(0, std::max<int64_t>(0, h / 5)),
               number_or_null(s.year >= 1920, rng.range(0, 5)), static_cast<int64_t>(ab * 0.09),
               number_or_null(s.year >= 1913, static_cast<int64_t>(ab * 0.17)),
               number_or_null(s.year >= 1955, rng.range(0, 5)), rng.range(0, 5), rng.range(0, 8),
               number_or_null(s.year >= 1954, rng.range(0, 6)),
               number_or_null(s.year >= 1939, rng.range(0, 15))));
    if (p.pitcher) {
      // SHO <= CG <= GS <= G, ER <= R, ERA = 27 ER / IPouts.
      const int gs = static_cast<int>(rng.range(0, g));
      const int cg = static_cast<int>(rng.range(0, s.year < 1950 ? gs : gs / 5));
      const int sho = static_cast<int>(rng.range(0, cg / 3));
      const int64_t ipouts = std::max<int64_t>(
          1, static_cast<int64_t>(g * (gs > g / 2 ? 17 : 4) * (0.7 + 0.6 * rng.uniform())));
      const int64_t runs = static_cast<int64_t>(ipouts / 6.0 * (0.8 + 0.5 * rng.uniform()));
      const int64_t er = static_cast<int64_t>(runs * (0.85 + 0.1 * rng.uniform()));
      const int64_t wins = rng.range(0, std::max(1, gs / 2)),
                    losses = rng.range(0, std::max(1, gs / 2));
      const int64_t bfp = static_cast<int64_t>(ipouts * 1.4);
      char era[16];
      std::snprintf(era, sizeof era, "%.2f", er * 27.0 / static_cast<double>(ipouts));
      pitching.rows.push_back(
          row_of(key, wins, losses, int64_t{g}, int64_t{gs}, int64_t{cg}, int64_t{sho},
                 rng.range(0, gs > 0 ? 1 : 30), ipouts, static_cast<int64_t>(ipouts * 0.33), er,
                 static_cast<int64_t>(ipouts * 0.03), static_cast<int64_t>(ipouts * 0.12),
                 number_or_null(s.year >= 1913, static_cast<int64_t>(ipouts * 0.25)),
                 number_or_null(s.year >= 1955, 0.22 + 0.05 * rng.normal()), std::stod(era),
                 number_or_null(modern, rng.range(0, 8)), rng.range(0, 10), rng.range(0, 8),
                 rng.range(0, 3), bfp, rng.range(0, g - gs), runs,
                 number_or_null(s.year >= 1954, rng.range(0, 8)),
                 number_or_null(s.year >= 1954, rng.range(0, 6)),
                 number_or_null(s.year >= 1939, rng.range(0, 15))));
    }
    // Fielding: the main position, sometimes a second one; GS <= G.
    std::vector<std::string> positions = {p.position};
    if (!p.pitcher && rng.chance(0.3)) positions.push_back(rng.pick(kPositions));
    if (positions.size() == 2 && positions[0] == positions[1]) positions.pop_back();
    int g_defense = 0;
    for (const std::string& pos : positions) {
      const int fg = pos == p.position ? g : std::max(1, static_cast<int>(g * rng.uniform() * 0.3));
      g_defense = std::max(g_defense, fg);
      const int gs = static_cast<int>(fg * rng.uniform());
      const int64_t po = static_cast<int64_t>(fg *
                                              (pos == "1B"  ? 8.0
                                               : pos == "C" ? 6.0
                                                            : 1.8) *
                                              (0.8 + 0.4 * rng.uniform()));
      fielding.rows.push_back(row_of(key, pos, int64_t{fg}, number_or_null(modern, gs),
                                     number_or_null(modern, int64_t{gs} * 25 + rng.range(0, 20)),
                                     po, static_cast<int64_t>(fg * rng.uniform() * 3),
                                     rng.range(0, 1 + fg / 10), rng.range(0, 1 + fg / 8),
                                     pos == "C" ? Value{rng.range(0, 15)} : kNull,
                                     pos == "C" ? Value{rng.range(0, 10)} : kNull,
                                     pos == "C" ? Value{rng.range(0, 80)} : kNull,
                                     pos == "C" ? Value{rng.range(0, 40)} : kNull,
                                     rng.chance(0.05) ? Value{rng.normal()} : kNull));
      if (pos == "OF") {
        if (s.year < 1955) {
          const int lf = static_cast<int>(rng.range(0, fg)),
                    cf = static_cast<int>(rng.range(0, fg - lf));
          fielding_of.rows.push_back({p.id, int64_t{s.year}, int64_t{s.stint}, int64_t{lf},
                                      int64_t{cf}, int64_t{fg - lf - cf}});
        } else {
          for (const std::string& spot : kOutfield) {
            if (!rng.chance(0.6)) continue;
            const int sg = std::max(1, static_cast<int>(fg * rng.uniform()));
            fielding_of_split.rows.push_back(row_of(
                key, spot, int64_t{sg}, static_cast<int64_t>(sg * rng.uniform()), int64_t{sg} * 24,
                int64_t{sg} * 2, rng.range(0, 5), rng.range(0, 3), rng.range(0, 2)));
          }
        }
      }
    }
    // Appearances: one row per person, team and season; G_defense <= G_all, GS <= G_all.
    if (!appeared.insert({s.year, team.id, p.id}).second) continue;
    const int g_all = g + static_cast<int>(rng.range(0, 5));
    auto at = [&](const std::string& pos) {
      return std::find(positions.begin(), positions.end(), pos) != positions.end()
                 ? int64_t{g_defense}
                 : int64_t{0};
    };
    const int64_t g_of = at("OF");
    appearances.rows.push_back(row_of(
        {int64_t{s.year}, team.id, team.league, p.id}, int64_t{g_all},
        number_or_null(modern, rng.range(0, g)), int64_t{g}, int64_t{g_defense},
        p.pitcher ? int64_t{g} : int64_t{0}, at("C"), at("1B"), at("2B"), at("3B"), at("SS"),
        g_of / 3, g_of / 3, g_of - 2 * (g_of / 3), g_of,
        number_or_null(s.year >= 1973, rng.range(0, 3)), number_or_null(modern, int64_t{g_all - g}),
        number_or_null(modern, rng.range(0, 2))));
  }
  out.push_back(std::move(batting));
  out.push_back(std::move(pitching));
  out.push_back(std::move(fielding));
  out.push_back(std::move(fielding_of));
  out.push_back(std::move(fielding_of_split));
  out.push_back(std::move(appearances));
}

// Post-season: the series (two composite keys to teams) and the players' post-season lines.
void add_post_season(const World& w, uint64_t seed, std::vector<TableData>& out) {
  Rng rng(seed, 7);
  TableData series{"series_post",
                   "year_id INTEGER NOT NULL, round TEXT NOT NULL, team_id_winner TEXT, "
                   "lg_id_winner TEXT, team_id_loser TEXT, lg_id_loser TEXT, wins INTEGER, losses "
                   "INTEGER, ties INTEGER, PRIMARY KEY (year_id, round), FOREIGN KEY (year_id, "
                   "lg_id_winner, team_id_winner) REFERENCES teams (year_id, lg_id, team_id), "
                   "FOREIGN KEY (year_id, lg_id_loser, team_id_loser) REFERENCES teams (year_id, "
                   "lg_id, team_id)",
                   {}};
  const std::string post_key =
      "year_id INTEGER NOT NULL, round TEXT NOT NULL, player_id TEXT NOT NULL REFERENCES people "
      "(player_id), team_id TEXT NOT NULL, lg_id TEXT NOT NULL, ";
  const std::string team_fk =
      "FOREIGN KEY (year_id, lg_id, team_id) REFERENCES teams (year_id, lg_id, team_id)";
  TableData batting_post{"batting_post",
                         post_key +
                             "G INTEGER, AB INTEGER, R INTEGER, H INTEGER, HR INTEGER, RBI "
                             "INTEGER, BB INTEGER, SO INTEGER, " +
                             team_fk,
                         {}};
  TableData pitching_post{"pitching_post",
                          post_key +
                              "W INTEGER, L INTEGER, G INTEGER, GS INTEGER, IPouts "
                              "INTEGER, H INTEGER, ER INTEGER, SO INTEGER, " +
                              team_fk,
                          {}};
  TableData fielding_post{"fielding_post",
                          post_key +
                              "pos TEXT, G INTEGER, GS INTEGER, PO INTEGER, A INTEGER, E "
                              "INTEGER, " +
                              team_fk,
                          {}};
  std::map<size_t, std::vector<size_t>> roster;  // team -> people
  for (const Stint& s : w.stints) {
    if (w.teams[s.team].post_season) roster[s.team].push_back(s.person);
  }
  for (const auto& [year, teams] : w.teams_by_year) {
    std::vector<size_t> in;
    for (size_t t : teams) {
      if (w.teams[t].post_season) in.push_back(t);
    }
    if (in.size() != 2) continue;
    const bool first_wins = rng.chance(0.5);
    const Team& winner = w.teams[in[first_wins ? 0 : 1]];
    const Team& loser = w.teams[in[first_wins ? 1 : 0]];
    const int64_t losses = rng.range(0, 3);
    series.rows.push_back({int64_t{year}, std::string("WS"), winner.id, winner.league, loser.id,
                           loser.league, int64_t{4}, losses, int64_t{0}});
    for (size_t t : in) {
      const Team& team = w.teams[t];
      for (size_t person : roster[t]) {
        const Person& p = w.people[person];
        const std::vector<Value> key = {int64_t{year}, std::string("WS"), p.id, team.id,
                                        team.league};
        const int64_t g = rng.range(1, 4 + losses);
        const int64_t ab = p.pitcher ? rng.range(0, 3) : g * rng.range(2, 4);
        const int64_t h = rng.range(0, ab);
        batting_post.rows.push_back(row_of(key, g, ab, rng.range(0, h), h,
                                           rng.range(0, h / 3 + 1) > h ? h : rng.range(0, h / 3),
                                           rng.range(0, h), rng.range(0, 3), rng.range(0, 4)));
        if (p.pitcher) {
          const int64_t gs = rng.range(0, std::min<int64_t>(g, 2));
          pitching_post.rows.push_back(row_of(key, rng.range(0, 1), rng.range(0, 1), g, gs,
                                              g * rng.range(3, 18), rng.range(0, 12),
                                              rng.range(0, 6), rng.range(0, 12)));
        }
        fielding_post.rows.push_back(row_of(key, p.position, g, rng.range(0, g), rng.range(0, 20),
                                            rng.range(0, 10), rng.range(0, 2)));
      }
    }
  }
  out.push_back(std::move(series));
  out.push_back(std::move(batting_post));
  out.push_back(std::move(pitching_post));
  out.push_back(std::move(fielding_post));
}

// Honours: all-star games, awards and their voting, the hall of fame.
void add_honours(const World& w, uint64_t seed, double scale, std::vector<TableData>& out) {
  Rng rng(seed, 8);
  TableData allstar{"allstar_full",
                    "player_id TEXT NOT NULL REFERENCES people (player_id), year_id INTEGER NOT "
                    "NULL, game_num INTEGER, game_id TEXT, team_id TEXT, lg_id TEXT, GP INTEGER, "
                    "starting_pos INTEGER, FOREIGN KEY (year_id, lg_id, team_id) REFERENCES teams "
                    "(year_id, lg_id, team_id)",
                    {}};
  TableData awards{"awards_players",
                   "player_id TEXT NOT NULL REFERENCES people (player_id), award_id TEXT NOT NULL, "
                   "year_id INTEGER NOT NULL, lg_id TEXT, tie TEXT, notes TEXT",
                   {}};
  TableData awards_managers{"awards_managers",
                            "player_id TEXT NOT NULL REFERENCES people (player_id), award_id TEXT "
                            "NOT NULL, year_id INTEGER NOT NULL, lg_id TEXT, tie TEXT, notes TEXT",
                            {}};
  TableData share{"awards_share_players",
                  "award_id TEXT NOT NULL, year_id INTEGER NOT NULL, lg_id TEXT NOT NULL, "
                  "player_id TEXT NOT NULL REFERENCES people (player_id), points_won REAL, "
                  "points_max INTEGER, votes_first REAL",
                  {}};
  TableData share_managers{"awards_share_managers",
                           "award_id TEXT NOT NULL, year_id INTEGER NOT NULL, lg_id TEXT NOT NULL, "
                           "player_id TEXT NOT NULL REFERENCES people (player_id), points_won "
                           "INTEGER, points_max INTEGER, votes_first INTEGER",
                           {}};
  TableData hof{"hall_of_fame",
                "player_id TEXT NOT NULL REFERENCES people (player_id), year_id INTEGER NOT NULL, "
                "voted_by TEXT, ballots INTEGER, needed INTEGER, votes INTEGER, inducted TEXT, "
                "category TEXT, needed_note TEXT",
                {}};
  std::map<int, std::vector<const Stint*>> by_year;
  for (const Stint& s : w.stints) by_year[s.year].push_back(&s);
  static const std::vector<std::string> award_names = {"MVP", "Gold Glove", "Silver Slugger",
                                                       "Rookie of the Year", "Cy Young Award"};
  const int stars = std::max(2, static_cast<int>(60 * scale));
  for (auto& [year, stints] : by_year) {
    if (stints.empty()) continue;
    if (year >= 1933) {
      for (int i = 0; i < stars; ++i) {
        const Stint& s = *rng.pick(stints);
        const Team& t = w.teams[s.team];
        allstar.rows.push_back({w.people[s.person].id, int64_t{year}, int64_t{0},
                                t.league.substr(0, 1) + "LS" + std::to_string(year), t.id, t.league,
                                rng.chance(0.8) ? int64_t{1} : int64_t{0},
                                i < 9 ? Value{int64_t{i + 1}} : kNull});
      }
    }
    if (year < 1911) continue;
    for (const std::string& award : award_names) {
      const int winners = std::max(1, static_cast<int>(4 * scale));
      for (int i = 0; i < winners; ++i) {
        const Stint& s = *rng.pick(stints);
        awards.rows.push_back({w.people[s.person].id, award, int64_t{year}, w.teams[s.team].league,
                               kNull,
                               rng.chance(0.3) ? Value{std::string(rng.pick(kPositions))} : kNull});
      }
      const int64_t max_points = 14 * 28;
      for (int i = 0; i < std::max(2, static_cast<int>(12 * scale)); ++i) {
        const Stint& s = *rng.pick(stints);
        const double won = std::floor(max_points * rng.uniform() * rng.uniform());
        share.rows.push_back({award, int64_t{year}, w.teams[s.team].league, w.people[s.person].id,
                              won, max_points, std::floor(won / 14 * rng.uniform())});
      }
    }
    if (year >= 1983) {
      for (const std::string league : {"NL", "AL"}) {
        const Stint& s = *rng.pick(stints);
        awards_managers.rows.push_back({w.people[s.person].id, std::string("Manager of the Year"),
                                        int64_t{year}, league, kNull, kNull});
        for (int i = 0; i < std::max(2, static_cast<int>(8 * scale)); ++i) {
          const Stint& c = *rng.pick(stints);
          const int64_t won = rng.range(0, 140);
          share_managers.rows.push_back({std::string("Mgr of the Year"), int64_t{year}, league,
                                         w.people[c.person].id, won, int64_t{140},
                                         rng.range(0, won / 5)});
        }
      }
    }
  }
  for (const Person& p : w.people) {
    const int retired = p.debut_year + p.seasons + 5;
    if (retired > kLastYear || p.seasons < 10 || !rng.chance(0.5)) continue;
    for (int year = retired; year < std::min(kLastYear, retired + 5); ++year) {
      const int64_t ballots = rng.range(200, 600);
      const int64_t needed = (ballots * 3 + 3) / 4;
      const int64_t votes = rng.range(0, ballots);
      hof.rows.push_back({p.id, int64_t{year}, std::string("BBWAA"), ballots, needed, votes,
                          std::string(votes >= needed ? "Y" : "N"), std::string("Player"), kNull});
      if (votes >= needed) break;
    }
  }
  out.push_back(std::move(allstar));
  out.push_back(std::move(awards));
  out.push_back(std::move(awards_managers));
  out.push_back(std::move(share));
  out.push_back(std::move(share_managers));
  out.push_back(std::move(hof));
}

// Money and places: home games per park, salaries and their payments (the diamond), colleges.
void add_money_and_places(const World& w, uint64_t seed, double scale,
                          std::vector<TableData>& out) {
  Rng rng(seed, 9);
  TableData home{"home_games",
                 "year_key INTEGER NOT NULL, league_key TEXT NOT NULL, team_key TEXT NOT NULL, "
                 "park_key TEXT NOT NULL REFERENCES parks (park_key), span_first DATE, span_last "
                 "DATE, games INTEGER, openings INTEGER, attendance INTEGER, FOREIGN KEY "
                 "(year_key, league_key, team_key) REFERENCES teams (year_id, lg_id, team_id)",
                 {}};
  TableData salaries{"salaries",
                     "salary_id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL, team_id TEXT NOT "
                     "NULL, lg_id TEXT NOT NULL, player_id TEXT NOT NULL REFERENCES people "
                     "(player_id), salary INTEGER NOT NULL, FOREIGN KEY (year_id, lg_id, team_id) "
                     "REFERENCES teams (year_id, lg_id, team_id)",
                     {}};
  TableData payments{"salary_payments",
                     "payment_id INTEGER PRIMARY KEY, salary_id INTEGER NOT NULL REFERENCES "
                     "salaries (salary_id), player_id TEXT NOT NULL REFERENCES people (player_id), "
                     "paid_on DATE NOT NULL, amount INTEGER NOT NULL",
                     {}};
  TableData college{"college_playing",
                    "player_id TEXT NOT NULL REFERENCES people (player_id), school_id TEXT NOT "
                    "NULL REFERENCES schools (school_id), year_id INTEGER",
                    {}};
  const int n_parks = std::max(10, static_cast<int>(250 * scale));
  const auto& parks = out[0].rows;  // add_reference_tables wrote parks first
  for (const Team& t : w.teams) {
    const int spans = rng.chance(0.1) ? 2 : 1;
    int64_t first = make_day(t.year, 4, 1) + rng.range(0, 14);
    for (int i = 0; i < spans; ++i) {
      const int64_t last = first + (spans == 1 ? rng.range(150, 180) : rng.range(40, 80));
      const int64_t games = t.games / 2 / spans;
      home.rows.push_back({int64_t{t.year}, t.league, t.id,
                           parks[static_cast<size_t>(rng.range(0, n_parks - 1))][0],
                           format_date(first), format_date(last), games, games - rng.range(0, 5),
                           t.year >= 1890 ? Value{games * rng.range(2000, 40000)} : kNull});
      first = last + rng.range(1, 10);
    }
  }
  int64_t salary_id = 0, payment_id = 0;
  for (const Stint& s : w.stints) {
    if (s.year < 1985) continue;
    const Team& t = w.teams[s.team];
    const int64_t salary =
        500000 + static_cast<int64_t>(std::exp(rng.normal() * 1.2) * 800000) / 1000 * 1000;
    salaries.rows.push_back(
        {++salary_id, int64_t{s.year}, t.id, t.league, w.people[s.person].id, salary});
    // Paid in 1-4 instalments that add up to the salary, always to the salary's player.
    const int parts = static_cast<int>(rng.range(1, 4));
    int64_t left = salary;
    for (int i = 0; i < parts; ++i) {
      const int64_t amount = i + 1 == parts ? left : salary / parts;
      left -= amount;
      payments.rows.push_back({++payment_id, salary_id, w.people[s.person].id,
                               format_date(make_day(s.year, 4 + 2 * i, 1)), amount});
    }
  }
  const auto& schools = out[1].rows;
  for (const Person& p : w.people) {
    if (p.debut_year < 1900 || !rng.chance(0.35)) continue;
    const Value school =
        schools[static_cast<size_t>(rng.range(0, static_cast<int64_t>(schools.size()) - 1))][0];
    for (int y = 0; y < rng.range(1, 4); ++y) {
      college.rows.push_back({p.id, school, int64_t{p.debut_year - 4 + y}});
    }
  }
  out.push_back(std::move(home));
  out.push_back(std::move(salaries));
  out.push_back(std::move(payments));
  out.push_back(std::move(college));
}

// ---------------------------------------------------------------------------------------------
// Writing.

void write_database(const std::vector<TableData>& tables, const std::string& path) {
  generator::Db db(path);
  db.exec("PRAGMA foreign_keys = ON;");
  db.exec("BEGIN;");
  for (const TableData& t : tables) {
    db.exec(("CREATE TABLE " + t.name + " (" + t.ddl + ");").c_str());
  }
  for (const TableData& t : tables) {
    if (t.rows.empty()) continue;
    std::string sql = "INSERT INTO " + t.name + " VALUES (";
    for (size_t i = 0; i < t.rows[0].size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
    generator::Insert insert(db, sql.c_str());
    for (const auto& row : t.rows) {
      for (const Value& v : row) {
        if (std::holds_alternative<int64_t>(v)) {
          insert.add(std::get<int64_t>(v));
        } else if (std::holds_alternative<double>(v)) {
          insert.add(std::get<double>(v));
        } else if (std::holds_alternative<std::string>(v)) {
          insert.add(std::get<std::string>(v));
        } else {
          insert.null();
        }
      }
      insert.run();
    }
  }
  db.exec("COMMIT;");
  db.close();
}

struct Options {
  std::string out;
  uint64_t seed = 42;
  uint64_t scale_percent = 100;
  bool overwrite = false;
};

constexpr const char* kUsage =
    "usage: relsynth_wide_db OUT.sqlite [--scale PERCENT] [--seed N] [--overwrite]\n"
    "Writes a wide, deep sports-statistics database (28 tables, 616,258 rows at\n"
    "--scale 100). Same seed and scale, same data.\n";

Options parse_options(int argc, char** argv) {
  Options opt;
  opt.out = generator::parse_arguments(
      argc, argv, kUsage, opt.overwrite,
      {{"--seed", 0, UINT64_MAX, &opt.seed}, {"--scale", 1, 10000, &opt.scale_percent}});
  return opt;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options opt = parse_options(argc, argv);
    const double scale = static_cast<double>(opt.scale_percent) / 100.0;
    const World world = make_world(opt.seed, scale);
    std::vector<TableData> tables;
    add_reference_tables(world, opt.seed, scale, tables);
    add_people(world, opt.seed, tables);
    add_teams(world, opt.seed, scale, tables);
    add_season_splits(world, opt.seed, tables);
    add_season_tables(world, opt.seed, tables);
    add_post_season(world, opt.seed, tables);
    add_honours(world, opt.seed, scale, tables);
    add_money_and_places(world, opt.seed, scale, tables);
    generator::write_beside_then_rename(
        opt.out, opt.overwrite, [&](const std::string& path) { write_database(tables, path); });
    size_t rows = 0;
    for (const TableData& t : tables) rows += t.rows.size();
    std::printf("wrote %s: %zu tables, %zu rows, scale %llu%%, seed %llu\n", opt.out.c_str(),
                tables.size(), rows, static_cast<unsigned long long>(opt.scale_percent),
                static_cast<unsigned long long>(opt.seed));
  } catch (const UsageFailure& e) {
    std::fprintf(stderr, "relsynth_wide_db: %s\n%s", e.what(), kUsage);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relsynth_wide_db: %s\n", e.what());
    return 4;
  }
  return 0;
}
