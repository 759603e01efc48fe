// de_DE: common German names, real cities with Bundesland, postcode prefix and Vorwahl.
#include "model/fake_locales/fake_locale.h"

namespace relsynth::fake {
namespace {

constexpr std::string_view kAliases[] = {
    "Deutschland", "DE", "DEU", "BRD", "Federal Republic of Germany", "Bundesrepublik Deutschland"};

constexpr std::string_view kMale[] = {
    "Peter",     "Michael",    "Thomas",  "Andreas", "Wolfgang", "Klaus",  "Jürgen",   "Stefan",
    "Christian", "Uwe",        "Werner",  "Hans",    "Frank",    "Bernd",  "Matthias", "Günter",
    "Horst",     "Manfred",    "Helmut",  "Ralf",    "Sven",     "Dieter", "Markus",   "Martin",
    "Jörg",      "Alexander",  "Torsten", "Jan",     "Dirk",     "Tobias", "Florian",  "Sebastian",
    "Daniel",    "Maximilian", "Felix",   "Lukas",   "Jonas",    "Leon",   "Paul",     "Finn",
    "Niklas",    "Tim",        "Moritz",  "Julian",  "Philipp",  "Fabian", "Benjamin", "Kai",
    "Heinz",     "Gerhard",    "Karl",    "Rolf",    "Björn",    "Holger", "Oliver",   "Marcel",
    "Dennis",    "Lars",       "Simon",   "David",   "Elias",    "Noah",   "Ben",      "Emil",
};

constexpr std::string_view kFemale[] = {
    "Ursula",    "Monika",   "Petra",     "Elisabeth", "Sabine",    "Renate", "Helga",
    "Karin",     "Brigitte", "Ingrid",    "Erika",     "Andrea",    "Gisela", "Claudia",
    "Susanne",   "Gabriele", "Christa",   "Christine", "Hildegard", "Anna",   "Birgit",
    "Barbara",   "Stefanie", "Julia",     "Nicole",    "Sandra",    "Katrin", "Anja",
    "Martina",   "Heike",    "Kerstin",   "Silke",     "Tanja",     "Nadine", "Melanie",
    "Jana",      "Laura",    "Lisa",      "Lena",      "Lea",       "Hannah", "Sarah",
    "Katharina", "Johanna",  "Sophie",    "Marie",     "Mia",       "Emma",   "Leonie",
    "Lina",      "Clara",    "Greta",     "Frieda",    "Anke",      "Doris",  "Jutta",
    "Marion",    "Carina",   "Franziska", "Vanessa",   "Jessica",   "Miriam", "Charlotte",
    "Paula",
};

constexpr std::string_view kLast[] = {
    "Müller",     "Schmidt",  "Schneider", "Fischer", "Weber",   "Meyer",      "Wagner",
    "Becker",     "Schulz",   "Hoffmann",  "Schäfer", "Koch",    "Bauer",      "Richter",
    "Klein",      "Wolf",     "Schröder",  "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger",     "Hofmann",  "Hartmann",  "Lange",   "Schmitt", "Werner",     "Schmitz",
    "Krause",     "Meier",    "Lehmann",   "Schmid",  "Schulze", "Maier",      "Köhler",
    "Herrmann",   "König",    "Walter",    "Mayer",   "Huber",   "Kaiser",     "Fuchs",
    "Peters",     "Lang",     "Scholz",    "Möller",  "Weiß",    "Jung",       "Hahn",
    "Schubert",   "Vogel",    "Friedrich", "Keller",  "Günther", "Frank",      "Berger",
    "Winkler",    "Roth",     "Beck",      "Lorenz",  "Baumann", "Franke",     "Albrecht",
    "Schuster",   "Simon",    "Ludwig",    "Böhm",    "Winter",  "Kraus",      "Martin",
    "Schumacher", "Krämer",   "Vogt",      "Stein",   "Jäger",   "Otto",       "Sommer",
    "Groß",       "Seidel",   "Heinrich",  "Brandt",  "Haas",    "Schreiber",  "Graf",
    "Schulte",    "Dietrich", "Ziegler",   "Kuhn",    "Kühn",    "Pohl",       "Engel",
    "Horn",       "Busch",    "Bergmann",  "Thomas",  "Voigt",   "Sauer",      "Arnold",
    "Wolff",      "Pfeiffer", "Ernst",     "Lindner", "Hübner",  "Kramer",     "Franz",
    "Jansen",     "Peter",    "Hesse",     "Götz",    "Barth",   "Paul",       "Hennig",
    "Scholl",     "Herzog",   "Schütz",    "Nagel",   "Kurz",    "Brinkmann",  "Voß",
    "Thiel",      "Ebert",    "Fiedler",   "Maurer",  "Kolb",    "Seifert",    "Wendt",
};

// "Berliner " (with a space): the type follows as a word of its own ("Berliner Straße").
constexpr std::string_view kStreets[] = {
    "Haupt",
    "Bahnhof",
    "Schul",
    "Garten",
    "Kirch",
    "Linden",
    "Birken",
    "Goethe",
    "Schiller",
    "Mozart",
    "Berg",
    "Wald",
    "Dorf",
    "Post",
    "Markt",
    "Mühlen",
    "Sonnen",
    "Rosen",
    "Eichen",
    "Buchen",
    "Tannen",
    "Wiesen",
    "Feld",
    "Blumen",
    "Ahorn",
    "Kastanien",
    "Beethoven",
    "Bismarck",
    "Kant",
    "Lessing",
    "Uhland",
    "Heine",
    "Herder",
    "Gutenberg",
    "Industrie",
    "Friedhof",
    "Brunnen",
    "Burg",
    "Amsel",
    "Finken",
    "Lerchen",
    "Jahn",
    "Berliner ",
    "Frankfurter ",
    "Hamburger ",
    "Münchner ",
    "Kölner ",
    "Leipziger ",
    "Friedrich-Ebert-",
    "Kaiser-Wilhelm-",
    "Theodor-Heuss-",
    "Konrad-Adenauer-",
};

constexpr StreetType kTypes[] = {
    {"straße", "str."}, {"straße", "str."}, {"straße", "str."}, {"weg", ""},  {"allee", ""},
    {"platz", ""},      {"gasse", ""},      {"ring", ""},       {"damm", ""}, {"straße", "str."},
};

constexpr City kCities[] = {
    {"Berlin", "BE", "Berlin", "10", "30"},
    {"Berlin", "BE", "Berlin", "12", "30"},
    {"Hamburg", "HH", "Hamburg", "22", "40"},
    {"München", "BY", "Bayern", "80", "89"},
    {"Nürnberg", "BY", "Bayern", "90", "911"},
    {"Augsburg", "BY", "Bayern", "86", "821"},
    {"Regensburg", "BY", "Bayern", "93", "941"},
    {"Würzburg", "BY", "Bayern", "97", "931"},
    {"Köln", "NW", "Nordrhein-Westfalen", "50", "221"},
    {"Düsseldorf", "NW", "Nordrhein-Westfalen", "40", "211"},
    {"Dortmund", "NW", "Nordrhein-Westfalen", "44", "231"},
    {"Essen", "NW", "Nordrhein-Westfalen", "45", "201"},
    {"Duisburg", "NW", "Nordrhein-Westfalen", "47", "203"},
    {"Bochum", "NW", "Nordrhein-Westfalen", "447", "234"},
    {"Wuppertal", "NW", "Nordrhein-Westfalen", "42", "202"},
    {"Bielefeld", "NW", "Nordrhein-Westfalen", "33", "521"},
    {"Bonn", "NW", "Nordrhein-Westfalen", "53", "228"},
    {"Münster", "NW", "Nordrhein-Westfalen", "48", "251"},
    {"Aachen", "NW", "Nordrhein-Westfalen", "52", "241"},
    {"Frankfurt am Main", "HE", "Hessen", "60", "69"},
    {"Wiesbaden", "HE", "Hessen", "65", "611"},
    {"Kassel", "HE", "Hessen", "34", "561"},
    {"Darmstadt", "HE", "Hessen", "64", "6151"},
    {"Stuttgart", "BW", "Baden-Württemberg", "70", "711"},
    {"Karlsruhe", "BW", "Baden-Württemberg", "76", "721"},
    {"Mannheim", "BW", "Baden-Württemberg", "68", "621"},
    {"Freiburg im Breisgau", "BW", "Baden-Württemberg", "79", "761"},
    {"Heidelberg", "BW", "Baden-Württemberg", "69", "6221"},
    {"Ulm", "BW", "Baden-Württemberg", "89", "731"},
    {"Leipzig", "SN", "Sachsen", "04", "341"},
    {"Dresden", "SN", "Sachsen", "01", "351"},
    {"Chemnitz", "SN", "Sachsen", "09", "371"},
    {"Hannover", "NI", "Niedersachsen", "30", "511"},
    {"Braunschweig", "NI", "Niedersachsen", "38", "531"},
    {"Göttingen", "NI", "Niedersachsen", "37", "551"},
    {"Osnabrück", "NI", "Niedersachsen", "49", "541"},
    {"Bremen", "HB", "Bremen", "28", "421"},
    {"Mainz", "RP", "Rheinland-Pfalz", "55", "6131"},
    {"Trier", "RP", "Rheinland-Pfalz", "54", "651"},
    {"Kiel", "SH", "Schleswig-Holstein", "24", "431"},
    {"Lübeck", "SH", "Schleswig-Holstein", "23", "451"},
    {"Rostock", "MV", "Mecklenburg-Vorpommern", "18", "381"},
    {"Schwerin", "MV", "Mecklenburg-Vorpommern", "19", "385"},
    {"Potsdam", "BB", "Brandenburg", "144", "331"},
    {"Magdeburg", "ST", "Sachsen-Anhalt", "39", "391"},
    {"Halle (Saale)", "ST", "Sachsen-Anhalt", "06", "345"},
    {"Erfurt", "TH", "Thüringen", "99", "361"},
    {"Jena", "TH", "Thüringen", "07", "3641"},
    {"Saarbrücken", "SL", "Saarland", "66", "681"},
};

constexpr std::string_view kPhoneFormats[] = {"0AA ########", "0AAA #######", "0AAAA ######"};
constexpr std::string_view kSuffixes[] = {"GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."};
constexpr std::string_view kWords[] = {
    "Bau",       "Logistik",     "Elektro",        "Immobilien",     "Consulting",
    "Metallbau", "Haustechnik",  "Software",       "Druck",          "Transporte",
    "Medien",    "Maschinenbau", "Steuerberatung", "Holzbau",        "Reisen",
    "Gartenbau", "Sanitär",      "Autohaus",       "Versicherungen", "Werbung",
    "Bäckerei",  "Handel",       "Systeme",        "Technik",
};
constexpr std::string_view kCompanyFormats[] = {
    "{l} {w} {x}", "{l} & {l} {x}", "{l} {x}", "{w} {l} {x}", "{w} {c} {x}", "{l} {w}",
};
constexpr std::string_view kFreeMail[] = {"gmx.de",     "web.de",   "t-online.de", "gmail.com",
                                          "freenet.de", "yahoo.de", "outlook.de",  "posteo.de"};
constexpr std::string_view kBanks[] = {"10010010", "37040044", "50010517", "70150000",
                                       "20050550", "60050101", "50070010", "12030000"};

constexpr LocaleData kData{
    .id = "de_DE",
    .country_name = "Germany",
    .native_country_name = "Deutschland",
    .iso2 = "DE",
    .iso3 = "DEU",
    .country_aliases = kAliases,
    .names_from = "de_DE",
    .male_first_names = kMale,
    .female_first_names = kFemale,
    .last_names = kLast,
    .street_names = kStreets,
    .street_types = kTypes,
    .street_format = "{s}{t} {n}",
    .house_number_digits = 3,
    .cities = kCities,
    .postal_format = "#####",
    .calling_code = "49",
    .trunk_prefix = "0",
    .phone_formats = kPhoneFormats,
    .company_suffixes = kSuffixes,
    .company_words = kWords,
    .company_formats = kCompanyFormats,
    .free_mail_domains = kFreeMail,
    .tld = "de",
    .iban_country = "DE",
    .iban_length = 22,
    .bban_format = "{}##########",
    .bank_codes = kBanks,
};

}  // namespace

const LocaleData& de_DE() { return kData; }

}  // namespace relsynth::fake
