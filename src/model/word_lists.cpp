#include "model/word_lists.h"

#include <algorithm>
#include <array>

#include "core/random.h"

namespace relsynth::words {
namespace {

constexpr std::string_view kFirstNames[] = {
    "Aaron",     "Abigail",   "Adam",      "Adrian",    "Agnes",   "Aiden",   "Alan",
    "Albert",    "Alejandro", "Alex",      "Alice",     "Alicia",  "Amanda",  "Amelia",
    "Amir",      "Amy",       "Ana",       "Andre",     "Andrea",  "Andrew",  "Angela",
    "Anna",      "Anton",     "Arjun",     "Arthur",    "Astrid",  "Ava",     "Barbara",
    "Beatriz",   "Ben",       "Benjamin",  "Bianca",    "Boris",   "Brandon", "Brian",
    "Bruno",     "Caleb",     "Camila",    "Carla",     "Carlos",  "Carmen",  "Caroline",
    "Catherine", "Charles",   "Charlotte", "Chen",      "Chloe",   "Chris",   "Christian",
    "Claire",    "Clara",     "Colin",     "Daniel",    "Daniela", "David",   "Deborah",
    "Diana",     "Diego",     "Dmitri",    "Dominic",   "Dorothy", "Edward",  "Elena",
    "Eli",       "Elif",      "Elizabeth", "Ella",      "Emil",    "Emily",   "Emma",
    "Eric",      "Erik",      "Esther",    "Ethan",     "Eva",     "Fatima",  "Felix",
    "Fernando",  "Fiona",     "Florian",   "Francesca", "Frank",   "Gabriel", "Gabriela",
    "George",    "Georgia",   "Grace",     "Greta",     "Hannah",  "Hans",    "Harper",
    "Harry",     "Hector",    "Helen",     "Henry",     "Hiroshi", "Hugo",    "Ian",
    "Ines",      "Ingrid",    "Irene",     "Isaac",     "Isabel",  "Ivan",    "Jack",
    "Jacob",     "James",     "Jan",       "Jane",      "Jasmine", "Javier",  "Jennifer",
    "Jessica",   "Joanna",    "Joel",      "Johan",     "John",    "Jonas",   "Jorge",
    "Jose",      "Joseph",    "Julia",     "Julian",    "Karen",   "Karim",   "Kate",
    "Kenji",     "Kevin",     "Kim",       "Laura",     "Lars",    "Layla",   "Leah",
    "Leon",      "Liam",      "Lina",      "Linda",     "Lucas",   "Lucia",   "Luis",
    "Luka",      "Maya",      "Marco",     "Margaret",  "Maria",   "Mark",    "Marta",
    "Martin",    "Mateo",     "Matthew",   "Mei",       "Mia",     "Michael", "Michelle",
    "Miguel",    "Mila",      "Mohammed",  "Nadia",     "Natalie", "Nathan",  "Nicolas",
    "Nina",      "Noah",      "Nora",      "Olga",      "Oliver",  "Olivia",  "Omar",
    "Oscar",     "Pablo",     "Patricia",  "Paul",      "Paula",   "Pedro",   "Peter",
    "Philip",    "Priya",     "Rachel",    "Rafael",    "Rahul",   "Rebecca", "Richard",
    "Rita",      "Robert",    "Rosa",      "Ruth",      "Ryan",    "Samuel",  "Sandra",
    "Sara",      "Sean",      "Sofia",     "Sophie",    "Stefan",  "Stephen", "Susan",
    "Sven",      "Tariq",     "Teresa",    "Thomas",    "Tim",     "Tobias",  "Valentina",
    "Victor",    "Victoria",  "Vincent",   "Walter",    "Wei",     "William", "Yara",
    "Yusuf",     "Zoe",
};

constexpr std::string_view kLastNames[] = {
    "Abbott",    "Acosta",   "Adams",     "Ahmed",    "Alvarez",   "Andersen",   "Anderson",
    "Bailey",    "Baker",    "Barnes",    "Bauer",    "Becker",    "Bell",       "Bennett",
    "Berg",      "Bianchi",  "Blake",     "Bosch",    "Brooks",    "Brown",      "Bryant",
    "Burke",     "Campbell", "Carter",    "Castillo", "Chandra",   "Chavez",     "Clarke",
    "Cole",      "Collins",  "Conti",     "Cooper",   "Costa",     "Cruz",       "Dalton",
    "Davies",    "Diaz",     "Dubois",    "Duncan",   "Edwards",   "Ellis",      "Evans",
    "Fernandes", "Fischer",  "Fleming",   "Flores",   "Fontaine",  "Ford",       "Foster",
    "Garcia",    "Gardner",  "Gomez",     "Gonzalez", "Graham",    "Grant",      "Gray",
    "Greene",    "Griffin",  "Gupta",     "Hall",     "Hansen",    "Harper",     "Harrison",
    "Hart",      "Hayes",    "Henderson", "Herrera",  "Hoffmann",  "Holm",       "Hughes",
    "Hunter",    "Ibrahim",  "Ito",       "Jackson",  "Jansen",    "Jensen",     "Johansson",
    "Jones",     "Jordan",   "Kaur",      "Keller",   "Kennedy",   "Khan",       "Kim",
    "Klein",     "Koch",     "Kowalski",  "Kruger",   "Lambert",   "Lange",      "Larsen",
    "Laurent",   "Lee",      "Lehmann",   "Lewis",    "Lindqvist", "Lopez",      "Lucas",
    "Maier",     "Marino",   "Marshall",  "Martens",  "Martinez",  "Mason",      "Meyer",
    "Mendes",    "Miller",   "Mitchell",  "Moller",   "Moreau",    "Morgan",     "Morris",
    "Murphy",    "Nakamura", "Navarro",   "Nelson",   "Newman",    "Nguyen",     "Nielsen",
    "Novak",     "Oliveira", "Olsen",     "Ortiz",    "Owens",     "Park",       "Parker",
    "Patel",     "Pereira",  "Perez",     "Peters",   "Petrov",    "Phillips",   "Popescu",
    "Porter",    "Powell",   "Price",     "Quinn",    "Ramirez",   "Ramos",      "Reed",
    "Reyes",     "Richter",  "Rivera",    "Roberts",  "Robinson",  "Romero",     "Rossi",
    "Russo",     "Sanchez",  "Santos",    "Sato",     "Schmidt",   "Schneider",  "Schulz",
    "Scott",     "Shah",     "Silva",     "Simmons",  "Singh",     "Smith",      "Sousa",
    "Spencer",   "Stewart",  "Stone",     "Sullivan", "Suzuki",    "Tanaka",     "Taylor",
    "Thompson",  "Torres",   "Turner",    "Vargas",   "Vasquez",   "Vogel",      "Wagner",
    "Walker",    "Wallace",  "Wang",      "Ward",     "Watson",    "Weber",      "Wells",
    "West",      "White",    "Williams",  "Wilson",   "Wolf",      "Wong",       "Wood",
    "Wright",    "Yamamoto", "Yang",      "Young",    "Zhang",     "Zimmermann", "Zhou",
    "Bergstrom", "Delgado",  "Eriksen",   "Fabre",    "Guerrero",  "Haas",       "Ivanova",
    "Jovanovic", "Kovacs",   "Lindgren",  "Mancini",  "Nowak",     "Pham",       "Rocha",
};

constexpr std::string_view kStreetNames[] = {
    "Maple",    "Oak",      "Cedar",    "Pine",      "Elm",      "Willow",     "Birch",
    "Chestnut", "Lake",     "Hill",     "River",     "Park",     "Meadow",     "Forest",
    "Sunset",   "Highland", "Church",   "Mill",      "Station",  "Market",     "Harbor",
    "Bridge",   "Garden",   "Spring",   "Valley",    "Orchard",  "King",       "Queen",
    "Victoria", "Lincoln",  "Franklin", "Jefferson", "Madison",  "Washington", "Grove",
    "Heather",  "Rose",     "Lavender", "Aspen",     "Magnolia", "Ridge",      "Brook",
    "Fairview", "Greenway", "Summit",   "Canal",     "Castle",   "Abbey",      "Meridian",
    "Union",    "Liberty",  "Central",  "North",     "South",    "East",       "West",
    "Harvest",  "Falcon",   "Heron",    "Juniper",   "Linden",   "Poplar",     "Sycamore",
    "Beacon",   "Clover",   "Hawthorn", "Laurel",    "Mulberry", "Primrose",   "Quarry",
};

// Full and abbreviated forms at the same index.
constexpr std::string_view kStreetTypes[] = {
    "Street", "Avenue", "Road",    "Lane",   "Drive",   "Boulevard", "Way",
    "Court",  "Place",  "Terrace", "Circle", "Parkway", "Square",    "Highway",
};
constexpr std::string_view kStreetTypeAbbrevs[] = {
    "St", "Ave", "Rd", "Ln", "Dr", "Blvd", "Way", "Ct", "Pl", "Ter", "Cir", "Pkwy", "Sq", "Hwy",
};

constexpr std::string_view kCities[] = {
    "Springfield", "Riverton",   "Lakewood",  "Fairview",   "Greenville", "Franklin",  "Clinton",
    "Georgetown",  "Salem",      "Madison",   "Arlington",  "Ashland",    "Bristol",   "Burlington",
    "Chester",     "Dover",      "Hudson",    "Kingston",   "Lebanon",    "Milford",   "Newport",
    "Oxford",      "Richmond",   "Trenton",   "Winchester", "Auburn",     "Bedford",   "Brighton",
    "Cambridge",   "Dayton",     "Eastwood",  "Hamilton",   "Lancaster",  "Marion",    "Norwood",
    "Plymouth",    "Preston",    "Sheffield", "Stratford",  "Westbury",   "Amsterdam", "Barcelona",
    "Berlin",      "Bordeaux",   "Brno",      "Budapest",   "Dublin",     "Edinburgh", "Florence",
    "Geneva",      "Gothenburg", "Hamburg",   "Helsinki",   "Krakow",     "Leipzig",   "Lisbon",
    "Lyon",        "Madrid",     "Milan",     "Munich",     "Nantes",     "Naples",    "Porto",
    "Rotterdam",   "Seville",    "Tallinn",   "Turin",      "Valencia",   "Vienna",    "Warsaw",
    "Zurich",      "Auckland",   "Adelaide",  "Brisbane",   "Perth",      "Calgary",   "Halifax",
    "Ottawa",      "Quebec",     "Winnipeg",  "Austin",     "Boston",     "Denver",    "Portland",
    "Seattle",     "Phoenix",    "Atlanta",   "Chicago",    "Houston",    "Memphis",   "Bogota",
    "Cordoba",     "Curitiba",   "Lima",      "Monterrey",  "Recife",     "Santiago",  "Osaka",
    "Busan",       "Pune",       "Cebu",      "Penang",
};

constexpr std::string_view kEmailDomains[] = {
    "gmail.com",    "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",  "mail.com",
    "proton.me",    "aol.com",   "gmx.net",     "web.de",      "yandex.com",  "zoho.com",
    "fastmail.com", "live.com",  "msn.com",     "example.com", "example.org", "example.net",
};

constexpr std::string_view kLoremWords[] = {
    "lorem",      "ipsum",        "dolor",
    "sit",        "amet",         "consectetur",
    "adipiscing", "elit",         "sed",
    "do",         "eiusmod",      "tempor",
    "incididunt", "ut",           "labore",
    "et",         "dolore",       "magna",
    "aliqua",     "enim",         "ad",
    "minim",      "veniam",       "quis",
    "nostrud",    "exercitation", "ullamco",
    "laboris",    "nisi",         "aliquip",
    "ex",         "ea",           "commodo",
    "consequat",  "duis",         "aute",
    "irure",      "in",           "reprehenderit",
    "voluptate",  "velit",        "esse",
    "cillum",     "fugiat",       "nulla",
    "pariatur",   "excepteur",    "sint",
    "occaecat",   "cupidatat",    "non",
    "proident",   "sunt",         "culpa",
    "qui",        "officia",      "deserunt",
    "mollit",     "anim",         "id",
    "est",        "laborum",      "vitae",
    "porta",      "nunc",         "felis",
    "mauris",     "lectus",       "vivamus",
    "arcu",       "semper",       "risus",
    "tellus",     "augue",        "nibh",
    "justo",      "mattis",       "orci",
    "varius",     "natoque",      "penatibus",
    "magnis",     "dis",          "parturient",
};

constexpr std::string_view kCompanyWords[] = {
    "Acme",        "Apex",         "Atlas",    "Aurora",        "Beacon",    "Blue",
    "Bright",      "Cascade",      "Cedar",    "Central",       "Summit",    "Clear",
    "Coastal",     "Crest",        "Crown",    "Delta",         "Digital",   "Eagle",
    "Echo",        "Evergreen",    "First",    "Frontier",      "Global",    "Golden",
    "Granite",     "Green",        "Harbor",   "Horizon",       "Iron",      "Keystone",
    "Liberty",     "Lighthouse",   "Lunar",    "Maple",         "Meridian",  "Metro",
    "Millennium",  "Nexus",        "North",    "Nova",          "Oak",       "Omega",
    "Orbit",       "Pacific",      "Peak",     "Pinnacle",      "Pioneer",   "Prime",
    "Quantum",     "Red",          "River",    "Rock",          "Royal",     "Sapphire",
    "Silver",      "Solar",        "Sterling", "Stone",         "Sun",       "Titan",
    "Trinity",     "Union",        "United",   "Valley",        "Vanguard",  "Vertex",
    "Vista",       "West",         "Zenith",   "Analytics",     "Bakery",    "Brothers",
    "Capital",     "Consulting",   "Designs",  "Dynamics",      "Electric",  "Energy",
    "Engineering", "Enterprises",  "Foods",    "Group",         "Holdings",  "Imports",
    "Industries",  "Logistics",    "Labs",     "Manufacturing", "Media",     "Motors",
    "Networks",    "Partners",     "Pharma",   "Resources",     "Solutions", "Supply",
    "Systems",     "Technologies", "Trading",  "Traders",       "Ventures",  "Works",
    "Markets",     "Outfitters",   "Studios",
};

constexpr std::string_view kCompanySuffixes[] = {
    "Inc.", "Ltd", "LLC", "GmbH", "S.A.", "Co.", "Corp.", "AG", "B.V.", "S.r.l.", "Pty Ltd", "plc",
};

constexpr std::string_view kNameParticles[] = {
    "and", "e",  "y",   "und", "et",  "de",  "da",  "do",  "dos",  "das", "del", "della",
    "di",  "du", "la",  "le",  "van", "von", "der", "den", "ter",  "bin", "al",  "Jr",
    "Sr",  "II", "III", "IV",  "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "Sir", "Mme", "St",
};

constexpr Country kCountries[] = {
    {"United States", "US", "USA"},  {"Canada", "CA", "CAN"},      {"Mexico", "MX", "MEX"},
    {"Brazil", "BR", "BRA"},         {"Argentina", "AR", "ARG"},   {"Chile", "CL", "CHL"},
    {"Colombia", "CO", "COL"},       {"Peru", "PE", "PER"},        {"United Kingdom", "GB", "GBR"},
    {"Ireland", "IE", "IRL"},        {"France", "FR", "FRA"},      {"Germany", "DE", "DEU"},
    {"Spain", "ES", "ESP"},          {"Portugal", "PT", "PRT"},    {"Italy", "IT", "ITA"},
    {"Netherlands", "NL", "NLD"},    {"Belgium", "BE", "BEL"},     {"Switzerland", "CH", "CHE"},
    {"Austria", "AT", "AUT"},        {"Denmark", "DK", "DNK"},     {"Norway", "NO", "NOR"},
    {"Sweden", "SE", "SWE"},         {"Finland", "FI", "FIN"},     {"Poland", "PL", "POL"},
    {"Czech Republic", "CZ", "CZE"}, {"Hungary", "HU", "HUN"},     {"Greece", "GR", "GRC"},
    {"Romania", "RO", "ROU"},        {"Turkey", "TR", "TUR"},      {"Egypt", "EG", "EGY"},
    {"Morocco", "MA", "MAR"},        {"Nigeria", "NG", "NGA"},     {"Kenya", "KE", "KEN"},
    {"South Africa", "ZA", "ZAF"},   {"India", "IN", "IND"},       {"China", "CN", "CHN"},
    {"Japan", "JP", "JPN"},          {"South Korea", "KR", "KOR"}, {"Indonesia", "ID", "IDN"},
    {"Thailand", "TH", "THA"},       {"Vietnam", "VN", "VNM"},     {"Philippines", "PH", "PHL"},
    {"Malaysia", "MY", "MYS"},       {"Singapore", "SG", "SGP"},   {"Australia", "AU", "AUS"},
    {"New Zealand", "NZ", "NZL"},    {"Israel", "IL", "ISR"},      {"Saudi Arabia", "SA", "SAU"},
    {"Ukraine", "UA", "UKR"},        {"Iceland", "IS", "ISL"},
};

}  // namespace

std::span<const std::string_view> first_names() { return kFirstNames; }
std::span<const std::string_view> last_names() { return kLastNames; }
std::span<const std::string_view> street_names() { return kStreetNames; }
std::span<const std::string_view> street_types() { return kStreetTypes; }
std::span<const std::string_view> street_type_abbrevs() { return kStreetTypeAbbrevs; }
std::span<const std::string_view> cities() { return kCities; }
std::span<const std::string_view> email_domains() { return kEmailDomains; }
std::span<const std::string_view> lorem_words() { return kLoremWords; }
std::span<const std::string_view> company_words() { return kCompanyWords; }
std::span<const std::string_view> company_suffixes() { return kCompanySuffixes; }
std::span<const Country> countries() { return kCountries; }

bool is_name_particle(std::string_view word) {
  return std::find(std::begin(kNameParticles), std::end(kNameParticles), word) !=
         std::end(kNameParticles);
}

static_assert(std::size(kStreetTypes) == std::size(kStreetTypeAbbrevs));

}  // namespace relsynth::words

namespace relsynth::text {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) {
  return is_upper(c) || is_lower(c) || static_cast<unsigned char>(c) >= 0x80;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

CaseStyle case_of(std::string_view word) {
  int upper = 0, lower = 0;
  bool first_upper = false, seen_letter = false, rest_lower = true;
  for (char c : word) {
    if (is_upper(c)) {
      ++upper;
      if (!seen_letter)
        first_upper = true;
      else
        rest_lower = false;
      seen_letter = true;
    } else if (is_lower(c)) {
      ++lower;
      seen_letter = true;
    }
  }
  if (upper + lower == 0) return CaseStyle::Mixed;
  if (upper == 0) return CaseStyle::Lower;
  if (lower == 0) return upper == 1 ? CaseStyle::Capitalized : CaseStyle::Upper;
  if (first_upper && rest_lower) return CaseStyle::Capitalized;
  return CaseStyle::Mixed;
}

std::string apply_case(std::string_view word, CaseStyle style) {
  std::string out(word);
  switch (style) {
    case CaseStyle::Lower:
      for (char& c : out) c = is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
      break;
    case CaseStyle::Upper:
      for (char& c : out) c = is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
      break;
    case CaseStyle::Capitalized: {
      bool first = true;
      for (char& c : out) {
        if (is_lower(c) && first)
          c = static_cast<char>(c - 'a' + 'A');
        else if (is_upper(c) && !first)
          c = static_cast<char>(c - 'A' + 'a');
        if (is_alpha(c)) first = false;
      }
      break;
    }
    case CaseStyle::Mixed:
      break;
  }
  return out;
}

void truncate_utf8(std::string& value, size_t max_bytes) {
  if (max_bytes == 0 || value.size() <= max_bytes) return;
  size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character start.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  value.resize(cut);
  while (!value.empty() && is_space(value.back())) value.pop_back();
}

uint64_t hash_string(std::string_view value, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : value) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix64(h ^ mix64(seed + value.size()));
}

}  // namespace relsynth::text
