// fr_FR: common French names, real cities with région, département postcode and zone digit.
#include "model/fake_locales/fake_locale.h"

namespace relsynth::fake {
namespace {

constexpr std::string_view kAliases[] = {"FR", "FRA", "République française", "French Republic"};

constexpr std::string_view kMale[] = {
    "Jean",      "Pierre",   "Michel", "André",   "Philippe", "Alain",    "Jacques",    "Bernard",
    "René",      "Louis",    "Daniel", "Claude",  "Patrick",  "Nicolas",  "Christophe", "François",
    "Christian", "Frédéric", "Éric",   "Laurent", "Stéphane", "David",    "Julien",     "Olivier",
    "Sébastien", "Thierry",  "Pascal", "Vincent", "Thomas",   "Antoine",  "Guillaume",  "Mathieu",
    "Alexandre", "Maxime",   "Hugo",   "Lucas",   "Samuel",   "Gabriel",  "Arthur",     "Léo",
    "Raphaël",   "Jules",    "Adam",   "Nathan",  "Théo",     "Paul",     "Clément",    "Romain",
    "Benoît",    "Yves",     "Gérard", "Henri",   "Marcel",   "Georges",  "Bruno",      "Didier",
    "Emmanuel",  "Fabrice",  "Jérôme", "Cédric",  "Loïc",     "Baptiste", "Quentin",    "Martin",
};

constexpr std::string_view kFemale[] = {
    "Marie",     "Nathalie",  "Isabelle", "Sylvie",    "Catherine", "Françoise",  "Martine",
    "Christine", "Monique",   "Valérie",  "Sandrine",  "Nicole",    "Sophie",     "Stéphanie",
    "Céline",    "Véronique", "Chantal",  "Patricia",  "Anne",      "Julie",      "Aurélie",
    "Caroline",  "Sandra",    "Laurence", "Émilie",    "Camille",   "Léa",        "Manon",
    "Chloé",     "Emma",      "Inès",     "Jade",      "Louise",    "Alice",      "Lina",
    "Zoé",       "Juliette",  "Clara",    "Sarah",     "Pauline",   "Mathilde",   "Charlotte",
    "Élodie",    "Hélène",    "Brigitte", "Dominique", "Danielle",  "Jacqueline", "Madeleine",
    "Odile",     "Agnès",     "Mélanie",  "Audrey",    "Laetitia",  "Margaux",    "Océane",
    "Lucie",     "Élise",     "Anaïs",    "Claire",    "Margot",    "Colette",    "Josiane",
    "Gaëlle",
};

constexpr std::string_view kLast[] = {
    "Martin",    "Bernard",    "Thomas",   "Petit",    "Robert",   "Richard",   "Durand",
    "Dubois",    "Moreau",     "Laurent",  "Simon",    "Michel",   "Lefebvre",  "Leroy",
    "Roux",      "David",      "Bertrand", "Morel",    "Fournier", "Girard",    "Bonnet",
    "Dupont",    "Lambert",    "Fontaine", "Rousseau", "Vincent",  "Muller",    "Lefèvre",
    "Faure",     "André",      "Mercier",  "Blanc",    "Guérin",   "Boyer",     "Garnier",
    "Chevalier", "François",   "Legrand",  "Gauthier", "Garcia",   "Perrin",    "Robin",
    "Clément",   "Morin",      "Nicolas",  "Henry",    "Roussel",  "Mathieu",   "Gautier",
    "Masson",    "Marchand",   "Duval",    "Denis",    "Dumont",   "Marie",     "Lemaire",
    "Noël",      "Meyer",      "Dufour",   "Meunier",  "Brun",     "Blanchard", "Giraud",
    "Joly",      "Rivière",    "Lucas",    "Brunet",   "Gaillard", "Barbier",   "Arnaud",
    "Martinez",  "Gérard",     "Roche",    "Renard",   "Schmitt",  "Roy",       "Leroux",
    "Colin",     "Vidal",      "Caron",    "Picard",   "Roger",    "Fabre",     "Aubert",
    "Lemoine",   "Renaud",     "Dumas",    "Lacroix",  "Olivier",  "Philippe",  "Bourgeois",
    "Pierre",    "Benoît",     "Rey",      "Leclerc",  "Payet",    "Rolland",   "Leclercq",
    "Guillaume", "Lecomte",    "Lopez",    "Jean",     "Dupuy",    "Guillot",   "Hubert",
    "Berger",    "Carpentier", "Sanchez",  "Dupuis",   "Moulin",   "Louis",     "Deschamps",
    "Huet",      "Vasseur",    "Perez",    "Boucher",  "Fleury",   "Royer",     "Klein",
    "Jacquet",   "Adam",       "Paris",    "Poirier",  "Marty",    "Aubry",     "Guyot",
};

// Street names carry their article; the type ("Rue") comes before them.
constexpr std::string_view kStreets[] = {
    "de la Paix",
    "Victor Hugo",
    "de la République",
    "Jean Jaurès",
    "du Moulin",
    "Pasteur",
    "de l'Église",
    "Gambetta",
    "Voltaire",
    "des Écoles",
    "du Château",
    "de la Gare",
    "du Général de Gaulle",
    "des Lilas",
    "Émile Zola",
    "de la Liberté",
    "Nationale",
    "du Stade",
    "des Acacias",
    "du Commerce",
    "de Paris",
    "Saint-Michel",
    "Anatole France",
    "Jules Ferry",
    "Carnot",
    "Foch",
    "de Verdun",
    "des Tilleuls",
    "du Port",
    "Molière",
    "de la Mairie",
    "des Roses",
    "du Marché",
    "Jean Moulin",
    "Louis Pasteur",
    "Paul Bert",
    "des Vignes",
    "de Bretagne",
    "du Four",
    "des Prés",
    "Saint-Jacques",
    "de la Fontaine",
    "du Lac",
    "Lafayette",
    "Condorcet",
    "de Strasbourg",
    "Alsace-Lorraine",
    "Sadi Carnot",
};

constexpr StreetType kTypes[] = {
    {"Rue", ""},         {"Rue", ""},      {"Rue", ""},       {"Avenue", "Av."},
    {"Boulevard", "Bd"}, {"Place", "Pl."}, {"Allée", ""},     {"Chemin", "Ch."},
    {"Impasse", "Imp."}, {"Rue", ""},      {"Avenue", "Av."}, {"Quai", ""},
};

constexpr City kCities[] = {
    {"Paris", "IDF", "Île-de-France", "750", "1"},
    {"Boulogne-Billancourt", "IDF", "Île-de-France", "921", "1"},
    {"Versailles", "IDF", "Île-de-France", "780", "1"},
    {"Saint-Denis", "IDF", "Île-de-France", "932", "1"},
    {"Marseille", "PAC", "Provence-Alpes-Côte d'Azur", "130", "4"},
    {"Nice", "PAC", "Provence-Alpes-Côte d'Azur", "060", "4"},
    {"Toulon", "PAC", "Provence-Alpes-Côte d'Azur", "830", "4"},
    {"Aix-en-Provence", "PAC", "Provence-Alpes-Côte d'Azur", "131", "4"},
    {"Avignon", "PAC", "Provence-Alpes-Côte d'Azur", "840", "4"},
    {"Lyon", "ARA", "Auvergne-Rhône-Alpes", "690", "4"},
    {"Grenoble", "ARA", "Auvergne-Rhône-Alpes", "380", "4"},
    {"Saint-Étienne", "ARA", "Auvergne-Rhône-Alpes", "420", "4"},
    {"Clermont-Ferrand", "ARA", "Auvergne-Rhône-Alpes", "630", "4"},
    {"Annecy", "ARA", "Auvergne-Rhône-Alpes", "740", "4"},
    {"Toulouse", "OCC", "Occitanie", "310", "5"},
    {"Montpellier", "OCC", "Occitanie", "340", "4"},
    {"Nîmes", "OCC", "Occitanie", "300", "4"},
    {"Perpignan", "OCC", "Occitanie", "660", "4"},
    {"Bordeaux", "NAQ", "Nouvelle-Aquitaine", "330", "5"},
    {"Limoges", "NAQ", "Nouvelle-Aquitaine", "870", "5"},
    {"Poitiers", "NAQ", "Nouvelle-Aquitaine", "860", "5"},
    {"La Rochelle", "NAQ", "Nouvelle-Aquitaine", "170", "5"},
    {"Pau", "NAQ", "Nouvelle-Aquitaine", "640", "5"},
    {"Nantes", "PDL", "Pays de la Loire", "440", "2"},
    {"Angers", "PDL", "Pays de la Loire", "490", "2"},
    {"Le Mans", "PDL", "Pays de la Loire", "720", "2"},
    {"Strasbourg", "GES", "Grand Est", "670", "3"},
    {"Reims", "GES", "Grand Est", "510", "3"},
    {"Metz", "GES", "Grand Est", "570", "3"},
    {"Nancy", "GES", "Grand Est", "540", "3"},
    {"Mulhouse", "GES", "Grand Est", "681", "3"},
    {"Lille", "HDF", "Hauts-de-France", "590", "3"},
    {"Amiens", "HDF", "Hauts-de-France", "800", "3"},
    {"Rennes", "BRE", "Bretagne", "350", "2"},
    {"Brest", "BRE", "Bretagne", "292", "2"},
    {"Rouen", "NOR", "Normandie", "760", "2"},
    {"Le Havre", "NOR", "Normandie", "766", "2"},
    {"Caen", "NOR", "Normandie", "140", "2"},
    {"Dijon", "BFC", "Bourgogne-Franche-Comté", "210", "3"},
    {"Besançon", "BFC", "Bourgogne-Franche-Comté", "250", "3"},
    {"Tours", "CVL", "Centre-Val de Loire", "370", "2"},
    {"Orléans", "CVL", "Centre-Val de Loire", "450", "2"},
    {"Ajaccio", "COR", "Corse", "200", "4"},
};

constexpr std::string_view kPhoneFormats[] = {"0A ## ## ## ##"};
constexpr std::string_view kSuffixes[] = {"SARL", "SAS", "S.A.", "SARL", "EURL", "SAS"};
constexpr std::string_view kWords[] = {
    "Transports",    "Boulangerie", "Conseil",      "Immobilier", "Plomberie",  "Électricité",
    "Menuiserie",    "Garage",      "Informatique", "Bâtiment",   "Pharmacie",  "Assurances",
    "Distribution",  "Imprimerie",  "Voyages",      "Paysages",   "Couverture", "Ingénierie",
    "Communication", "Services",    "Optique",      "Maçonnerie", "Traiteur",   "Textiles",
};
constexpr std::string_view kCompanyFormats[] = {
    "{w} {l} {x}", "{l} et Fils", "{l} & {l} {x}", "{w} {l}", "{l} {x}", "{w} de {c} {x}",
};
constexpr std::string_view kFreeMail[] = {"orange.fr",  "free.fr", "gmail.com", "laposte.net",
                                          "wanadoo.fr", "sfr.fr",  "yahoo.fr",  "hotmail.fr"};
constexpr std::string_view kBanks[] = {"3000400001", "3000300341", "2004101005", "3000201234",
                                       "1027800001", "1820600020", "1010700101", "3006601925"};

constexpr LocaleData kData{
    .id = "fr_FR",
    .country_name = "France",
    .native_country_name = "France",
    .iso2 = "FR",
    .iso3 = "FRA",
    .country_aliases = kAliases,
    .names_from = "fr_FR",
    .male_first_names = kMale,
    .female_first_names = kFemale,
    .last_names = kLast,
    .street_names = kStreets,
    .street_types = kTypes,
    .street_format = "{n} {t} {s}",
    .house_number_digits = 2,
    .cities = kCities,
    .postal_format = "#####",
    .calling_code = "33",
    .trunk_prefix = "0",
    .phone_formats = kPhoneFormats,
    .company_suffixes = kSuffixes,
    .company_words = kWords,
    .company_formats = kCompanyFormats,
    .free_mail_domains = kFreeMail,
    .tld = "fr",
    .iban_country = "FR",
    .iban_length = 27,
    .bban_format = "{}#############",
    .bank_codes = kBanks,
};

}  // namespace

const LocaleData& fr_FR() { return kData; }

}  // namespace relsynth::fake
