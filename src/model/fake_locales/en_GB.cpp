// en_GB: common British names, real towns with county, postcode area and dialling code.
#include "model/fake_locales/fake_locale.h"

namespace relsynth::fake {
namespace {

constexpr std::string_view kAliases[] = {"UK",
                                         "U.K.",
                                         "GB",
                                         "Great Britain",
                                         "Britain",
                                         "England",
                                         "Scotland",
                                         "Wales",
                                         "Northern Ireland",
                                         "United Kingdom of Great Britain and Northern Ireland"};

constexpr std::string_view kMale[] = {
    "Oliver",  "George",      "Harry",  "Jack",      "Jacob",   "Noah",    "Charlie",  "Thomas",
    "Oscar",   "William",     "James",  "Henry",     "Leo",     "Alfie",   "Joshua",   "Freddie",
    "Archie",  "Ethan",       "Isaac",  "Alexander", "Joseph",  "Edward",  "Samuel",   "Max",
    "Daniel",  "Arthur",      "Lucas",  "Mohammed",  "Logan",   "Theo",    "Harrison", "Benjamin",
    "Mason",   "Sebastian",   "Finley", "Adam",      "Dylan",   "Zachary", "Riley",    "Teddy",
    "David",   "John",        "Paul",   "Andrew",    "Mark",    "Richard", "Stephen",  "Peter",
    "Michael", "Christopher", "Robert", "Simon",     "Matthew", "Ian",     "Gary",     "Neil",
    "Martin",  "Graham",      "Stuart", "Alan",      "Colin",   "Nigel",   "Philip",   "Callum",
    "Liam",    "Ryan",        "Lewis",  "Jamie",     "Connor",  "Owen",    "Rhys",     "Ewan",
};

constexpr std::string_view kFemale[] = {
    "Olivia",    "Amelia",   "Isla",      "Ava",     "Emily",     "Sophia",   "Grace",   "Mia",
    "Poppy",     "Ella",     "Lily",      "Evie",    "Isabella",  "Sophie",   "Ivy",     "Freya",
    "Harper",    "Willow",   "Charlotte", "Jessica", "Daisy",     "Florence", "Phoebe",  "Alice",
    "Sienna",    "Matilda",  "Evelyn",    "Ruby",    "Lucy",      "Chloe",    "Hannah",  "Holly",
    "Sarah",     "Emma",     "Rebecca",   "Laura",   "Rachel",    "Claire",   "Nicola",  "Joanne",
    "Helen",     "Karen",    "Julie",     "Susan",   "Amanda",    "Victoria", "Louise",  "Kate",
    "Elizabeth", "Margaret", "Jane",      "Anne",    "Catherine", "Fiona",    "Gemma",   "Kirsty",
    "Megan",     "Bethan",   "Eilidh",    "Niamh",   "Zara",      "Imogen",   "Harriet", "Eleanor",
};

constexpr std::string_view kLast[] = {
    "Smith",      "Jones",     "Williams",  "Taylor",   "Brown",     "Davies",     "Evans",
    "Wilson",     "Thomas",    "Johnson",   "Roberts",  "Robinson",  "Thompson",   "Wright",
    "Walker",     "White",     "Edwards",   "Hughes",   "Green",     "Hall",       "Lewis",
    "Harris",     "Clarke",    "Patel",     "Jackson",  "Wood",      "Turner",     "Martin",
    "Cooper",     "Hill",      "Ward",      "Morris",   "Moore",     "Clark",      "Lee",
    "King",       "Baker",     "Harrison",  "Morgan",   "Allen",     "James",      "Scott",
    "Phillips",   "Watson",    "Davis",     "Parker",   "Price",     "Bennett",    "Young",
    "Griffiths",  "Mitchell",  "Kelly",     "Cook",     "Carter",    "Richardson", "Bailey",
    "Collins",    "Bell",      "Shaw",      "Murphy",   "Miller",    "Cox",        "Richards",
    "Khan",       "Marshall",  "Anderson",  "Simpson",  "Ellis",     "Adams",      "Singh",
    "Begum",      "Wilkinson", "Foster",    "Chapman",  "Powell",    "Webb",       "Rogers",
    "Gray",       "Mason",     "Ali",       "Hunt",     "Hussain",   "Campbell",   "Matthews",
    "Owen",       "Palmer",    "Holmes",    "Mills",    "Barnes",    "Knight",     "Lloyd",
    "Butler",     "Russell",   "Barker",    "Fisher",   "Stevens",   "Jenkins",    "Murray",
    "Dixon",      "Harvey",    "Graham",    "Pearson",  "Ahmed",     "Fletcher",   "Walsh",
    "Kaur",       "Gibson",    "Howard",    "Andrews",  "Stewart",   "Elliott",    "Reynolds",
    "Saunders",   "Payne",     "Fox",       "Ford",     "Pearce",    "Day",        "Brooks",
    "West",       "Lawrence",  "Cole",      "Atkinson", "Bradley",   "Spencer",    "Gill",
    "Dawson",     "Ball",      "Burton",    "O'Brien",  "Watts",     "Rose",       "Booth",
    "Perry",      "Ryan",      "Grant",     "Wells",    "Armstrong", "Francis",    "Rees",
    "Hayes",      "Hart",      "Hudson",    "Newman",   "Barrett",   "Webster",    "Hunter",
    "Gregory",    "Carr",      "Lowe",      "Page",     "Marsh",     "Riley",      "Dean",
    "Cunningham", "Fraser",    "MacDonald", "Reid",     "Ross",      "Paterson",   "Robertson",
};

constexpr std::string_view kStreets[] = {
    "High",       "Station",   "Church",      "Victoria",   "Park",      "Green",       "Manor",
    "Mill",       "School",    "Queen's",     "King's",     "New",       "Springfield", "Kingsway",
    "Windsor",    "Grange",    "Highfield",   "Albert",     "Broadway",  "York",        "Alexandra",
    "St John's",  "Chapel",    "Mayfield",    "Oxford",     "Cambridge", "London",      "Mount",
    "Stanley",    "Richmond",  "Orchard",     "Meadow",     "Elm",       "Oak",         "Beech",
    "Ash",        "Willow",    "Chestnut",    "Holly",      "Hawthorn",  "Cromwell",    "Nelson",
    "Wellington", "Trafalgar", "Brook",       "Castle",     "Market",    "Bridge",      "North",
    "South",      "West",      "East",        "Hill",       "Abbey",     "Priory",      "Clarence",
    "Lansdowne",  "Belmont",   "Marlborough", "Buckingham", "Salisbury", "Warwick",     "Hampton",
};

constexpr StreetType kTypes[] = {
    {"Street", "St"},     {"Road", "Rd"},      {"Lane", "Ln"},  {"Avenue", "Ave"},
    {"Close", "Cl"},      {"Drive", "Dr"},     {"Way", ""},     {"Gardens", "Gdns"},
    {"Crescent", "Cres"}, {"Terrace", "Terr"}, {"Grove", "Gr"}, {"Place", "Pl"},
    {"Street", "St"},     {"Road", "Rd"},
};

constexpr City kCities[] = {
    {"London", "", "Greater London", "SW", "20"},
    {"London", "", "Greater London", "SE", "20"},
    {"London", "", "Greater London", "N", "20"},
    {"London", "", "Greater London", "E", "20"},
    {"London", "", "Greater London", "NW", "20"},
    {"London", "", "Greater London", "W", "20"},
    {"Manchester", "", "Greater Manchester", "M", "161"},
    {"Birmingham", "", "West Midlands", "B", "121"},
    {"Coventry", "", "West Midlands", "CV", "24"},
    {"Leeds", "", "West Yorkshire", "LS", "113"},
    {"Bradford", "", "West Yorkshire", "BD", "1274"},
    {"Sheffield", "", "South Yorkshire", "S", "114"},
    {"Liverpool", "", "Merseyside", "L", "151"},
    {"Bristol", "", "Bristol", "BS", "117"},
    {"Newcastle upon Tyne", "", "Tyne and Wear", "NE", "191"},
    {"Sunderland", "", "Tyne and Wear", "SR", "191"},
    {"Nottingham", "", "Nottinghamshire", "NG", "115"},
    {"Leicester", "", "Leicestershire", "LE", "116"},
    {"Derby", "", "Derbyshire", "DE", "1332"},
    {"Southampton", "", "Hampshire", "SO", "23"},
    {"Portsmouth", "", "Hampshire", "PO", "23"},
    {"Brighton", "", "East Sussex", "BN", "1273"},
    {"Oxford", "", "Oxfordshire", "OX", "1865"},
    {"Cambridge", "", "Cambridgeshire", "CB", "1223"},
    {"Norwich", "", "Norfolk", "NR", "1603"},
    {"York", "", "North Yorkshire", "YO", "1904"},
    {"Hull", "", "East Riding of Yorkshire", "HU", "1482"},
    {"Bath", "", "Somerset", "BA", "1225"},
    {"Exeter", "", "Devon", "EX", "1392"},
    {"Plymouth", "", "Devon", "PL", "1752"},
    {"Reading", "", "Berkshire", "RG", "118"},
    {"Milton Keynes", "", "Buckinghamshire", "MK", "1908"},
    {"Stoke-on-Trent", "", "Staffordshire", "ST", "1782"},
    {"Canterbury", "", "Kent", "CT", "1227"},
    {"Edinburgh", "", "City of Edinburgh", "EH", "131"},
    {"Glasgow", "", "Glasgow City", "G", "141"},
    {"Aberdeen", "", "Aberdeen City", "AB", "1224"},
    {"Dundee", "", "Dundee City", "DD", "1382"},
    {"Inverness", "", "Highland", "IV", "1463"},
    {"Cardiff", "", "South Glamorgan", "CF", "29"},
    {"Swansea", "", "West Glamorgan", "SA", "1792"},
    {"Belfast", "", "County Antrim", "BT", "28"},
};

constexpr std::string_view kPhoneFormats[] = {"0AA #### ####", "0AAA ### ####", "0AAAA ######"};
constexpr std::string_view kSuffixes[] = {"Ltd", "Ltd", "Limited", "PLC", "LLP"};
constexpr std::string_view kWords[] = {
    "Consulting",  "Builders", "Logistics",  "Solicitors", "Estates",     "Engineering",
    "Motors",      "Catering", "Electrical", "Joinery",    "Plumbing",    "Design",
    "Accountants", "Printing", "Haulage",    "Holdings",   "Recruitment", "Software",
    "Interiors",   "Roofing",  "Marketing",  "Security",   "Florists",    "Removals",
};
constexpr std::string_view kCompanyFormats[] = {
    "{l} {w} {x}", "{l} & {l} {x}", "{l} & Sons {x}", "{c} {w} {x}", "{l} {w}", "{l} & Co",
};
constexpr std::string_view kFreeMail[] = {"gmail.com",   "hotmail.co.uk",  "yahoo.co.uk",
                                          "outlook.com", "btinternet.com", "live.co.uk",
                                          "sky.com",     "icloud.com"};
constexpr std::string_view kBanks[] = {"NWBK601613", "BARC200000", "LOYD309634",
                                       "HBUK400515", "MIDL401160", "NAIA070093"};

constexpr LocaleData kData{
    .id = "en_GB",
    .country_name = "United Kingdom",
    .native_country_name = "United Kingdom",
    .iso2 = "GB",
    .iso3 = "GBR",
    .country_aliases = kAliases,
    .names_from = "en_GB",
    .male_first_names = kMale,
    .female_first_names = kFemale,
    .last_names = kLast,
    .street_names = kStreets,
    .street_types = kTypes,
    .street_format = "{n} {s} {t}",
    .house_number_digits = 3,
    .cities = kCities,
    .postal_format = "{}#? #@@",
    .calling_code = "44",
    .trunk_prefix = "0",
    .phone_formats = kPhoneFormats,
    .company_suffixes = kSuffixes,
    .company_words = kWords,
    .company_formats = kCompanyFormats,
    .free_mail_domains = kFreeMail,
    .tld = "co.uk",
    .iban_country = "GB",
    .iban_length = 22,
    .bban_format = "{}########",
    .bank_codes = kBanks,
};

}  // namespace

const LocaleData& en_GB() { return kData; }

}  // namespace relsynth::fake
