// it_IT: common Italian names, real cities with provincia (sigla), CAP prefix and prefisso.
#include "model/fake_locales/fake_locale.h"

namespace relsynth::fake {
namespace {

constexpr std::string_view kAliases[] = {"Italia", "IT", "ITA", "Repubblica Italiana",
                                         "Italian Republic"};

constexpr std::string_view kMale[] = {
    "Giuseppe", "Giovanni", "Antonio",   "Mario",      "Luigi",    "Francesco", "Angelo",
    "Vincenzo", "Pietro",   "Salvatore", "Carlo",      "Franco",   "Domenico",  "Bruno",
    "Paolo",    "Michele",  "Giorgio",   "Aldo",       "Sergio",   "Luciano",   "Stefano",
    "Roberto",  "Andrea",   "Marco",     "Alessandro", "Luca",     "Matteo",    "Lorenzo",
    "Davide",   "Simone",   "Federico",  "Riccardo",   "Gabriele", "Tommaso",   "Edoardo",
    "Leonardo", "Nicola",   "Massimo",   "Fabio",      "Claudio",  "Enrico",    "Alberto",
    "Daniele",  "Emanuele", "Filippo",   "Giacomo",    "Raffaele", "Cristian",  "Alessio",
    "Diego",    "Mattia",   "Gianluca",  "Maurizio",   "Renato",   "Enzo",      "Umberto",
    "Vittorio", "Ettore",   "Dario",     "Fabrizio",   "Giulio",   "Pasquale",  "Rocco",
    "Ugo",
};

constexpr std::string_view kFemale[] = {
    "Maria",     "Anna",       "Giuseppina", "Rosa",      "Angela",     "Giovanna",  "Teresa",
    "Lucia",     "Carmela",    "Caterina",   "Francesca", "Antonietta", "Carla",     "Elena",
    "Concetta",  "Rita",       "Margherita", "Franca",    "Paola",      "Laura",     "Giulia",
    "Sofia",     "Aurora",     "Alice",      "Ginevra",   "Emma",       "Giorgia",   "Greta",
    "Beatrice",  "Elisabetta", "Chiara",     "Martina",   "Sara",       "Valentina", "Alessia",
    "Federica",  "Silvia",     "Elisa",      "Roberta",   "Cristina",   "Simona",    "Barbara",
    "Monica",    "Daniela",    "Patrizia",   "Stefania",  "Serena",     "Claudia",   "Ilaria",
    "Veronica",  "Marta",      "Irene",      "Camilla",   "Noemi",      "Bianca",    "Viola",
    "Raffaella", "Loredana",   "Gabriella",  "Nadia",     "Luisa",      "Marina",    "Donatella",
    "Graziella",
};

constexpr std::string_view kLast[] = {
    "Rossi",      "Russo",   "Ferrari",   "Esposito",   "Bianchi",    "Romano",     "Colombo",
    "Ricci",      "Marino",  "Greco",     "Bruno",      "Gallo",      "Conti",      "De Luca",
    "Mancini",    "Costa",   "Giordano",  "Rizzo",      "Lombardi",   "Moretti",    "Barbieri",
    "Fontana",    "Santoro", "Mariani",   "Rinaldi",    "Caruso",     "Ferrara",    "Galli",
    "Martini",    "Leone",   "Longo",     "Gentile",    "Martinelli", "Vitale",     "Lombardo",
    "Serra",      "Coppola", "De Santis", "D'Angelo",   "Marchetti",  "Parisi",     "Villa",
    "Conte",      "Ferraro", "Ferri",     "Fabbri",     "Bianco",     "Marini",     "Grasso",
    "Valentini",  "Messina", "Sala",      "De Angelis", "Gatti",      "Pellegrini", "Palumbo",
    "Sanna",      "Farina",  "Rizzi",     "Monti",      "Cattaneo",   "Morelli",    "Amato",
    "Silvestri",  "Mazza",   "Testa",     "Grassi",     "Pellegrino", "Carbone",    "Giuliani",
    "Benedetti",  "Barone",  "Rossetti",  "Caputo",     "Montanari",  "Guerra",     "Palmieri",
    "Bernardi",   "Martino", "Fiore",     "De Rosa",    "Ferretti",   "Bellini",    "Basile",
    "Riva",       "Donati",  "Piras",     "Vitali",     "Battaglia",  "Sartori",    "Neri",
    "Costantini", "Milani",  "Pagano",    "Ruggiero",   "Sorrentino", "D'Amico",    "Orlando",
    "Ricciardi",  "Negri",   "Caprioli",  "Bassi",      "Fumagalli",  "Brambilla",  "Pace",
    "Marchi",     "Cocco",   "Melis",     "Bellucci",   "Mazzola",    "Cirillo",    "Ferrante",
};

// The type ("Via") comes first; names carry their article.
constexpr std::string_view kStreets[] = {
    "Roma",
    "Giuseppe Garibaldi",
    "Giuseppe Mazzini",
    "Cavour",
    "Dante Alighieri",
    "Giuseppe Verdi",
    "Guglielmo Marconi",
    "Vittorio Emanuele II",
    "dei Mille",
    "XX Settembre",
    "della Repubblica",
    "Giacomo Matteotti",
    "Antonio Gramsci",
    "San Francesco",
    "Alessandro Manzoni",
    "Giacomo Leopardi",
    "delle Rose",
    "dei Tigli",
    "Nazionale",
    "Trieste",
    "Milano",
    "Napoli",
    "Torino",
    "IV Novembre",
    "Cesare Battisti",
    "Armando Diaz",
    "Umberto I",
    "Aldo Moro",
    "della Libertà",
    "del Popolo",
    "Europa",
    "San Giovanni",
    "dei Pini",
    "delle Vigne",
    "della Stazione",
    "Piave",
    "Galileo Galilei",
    "Cristoforo Colombo",
    "Marco Polo",
    "Don Minzoni",
};

constexpr StreetType kTypes[] = {
    {"Via", "V."},      {"Via", "V."},     {"Via", "V."}, {"Via", "V."},  {"Viale", "V.le"},
    {"Piazza", "P.za"}, {"Corso", "C.so"}, {"Largo", ""}, {"Vicolo", ""}, {"Via", "V."},
};

constexpr City kCities[] = {
    {"Roma", "RM", "Lazio", "001", "06"},
    {"Latina", "LT", "Lazio", "041", "0773"},
    {"Milano", "MI", "Lombardia", "201", "02"},
    {"Bergamo", "BG", "Lombardia", "241", "035"},
    {"Brescia", "BS", "Lombardia", "251", "030"},
    {"Monza", "MB", "Lombardia", "209", "039"},
    {"Napoli", "NA", "Campania", "801", "081"},
    {"Salerno", "SA", "Campania", "841", "089"},
    {"Torino", "TO", "Piemonte", "101", "011"},
    {"Novara", "NO", "Piemonte", "281", "0321"},
    {"Palermo", "PA", "Sicilia", "901", "091"},
    {"Catania", "CT", "Sicilia", "951", "095"},
    {"Messina", "ME", "Sicilia", "981", "090"},
    {"Genova", "GE", "Liguria", "161", "010"},
    {"La Spezia", "SP", "Liguria", "191", "0187"},
    {"Bologna", "BO", "Emilia-Romagna", "401", "051"},
    {"Modena", "MO", "Emilia-Romagna", "411", "059"},
    {"Parma", "PR", "Emilia-Romagna", "431", "0521"},
    {"Reggio Emilia", "RE", "Emilia-Romagna", "421", "0522"},
    {"Ravenna", "RA", "Emilia-Romagna", "481", "0544"},
    {"Rimini", "RN", "Emilia-Romagna", "479", "0541"},
    {"Ferrara", "FE", "Emilia-Romagna", "441", "0532"},
    {"Firenze", "FI", "Toscana", "501", "055"},
    {"Prato", "PO", "Toscana", "591", "0574"},
    {"Livorno", "LI", "Toscana", "571", "0586"},
    {"Pisa", "PI", "Toscana", "561", "050"},
    {"Siena", "SI", "Toscana", "531", "0577"},
    {"Bari", "BA", "Puglia", "701", "080"},
    {"Taranto", "TA", "Puglia", "741", "099"},
    {"Foggia", "FG", "Puglia", "711", "0881"},
    {"Lecce", "LE", "Puglia", "731", "0832"},
    {"Venezia", "VE", "Veneto", "301", "041"},
    {"Verona", "VR", "Veneto", "371", "045"},
    {"Padova", "PD", "Veneto", "351", "049"},
    {"Vicenza", "VI", "Veneto", "361", "0444"},
    {"Treviso", "TV", "Veneto", "311", "0422"},
    {"Trieste", "TS", "Friuli-Venezia Giulia", "341", "040"},
    {"Udine", "UD", "Friuli-Venezia Giulia", "331", "0432"},
    {"Cagliari", "CA", "Sardegna", "091", "070"},
    {"Sassari", "SS", "Sardegna", "071", "079"},
    {"Reggio Calabria", "RC", "Calabria", "891", "0965"},
    {"Cosenza", "CS", "Calabria", "871", "0984"},
    {"Trento", "TN", "Trentino-Alto Adige", "381", "0461"},
    {"Bolzano", "BZ", "Trentino-Alto Adige", "391", "0471"},
    {"Ancona", "AN", "Marche", "601", "071"},
    {"Perugia", "PG", "Umbria", "061", "075"},
    {"Pescara", "PE", "Abruzzo", "651", "085"},
    {"L'Aquila", "AQ", "Abruzzo", "671", "0862"},
};

constexpr std::string_view kPhoneFormats[] = {"AA ########", "AAA #######", "AAAA ######"};
constexpr std::string_view kSuffixes[] = {"S.r.l.", "S.r.l.", "S.p.A.",
                                          "S.n.c.", "S.a.s.", "S.r.l.s."};
constexpr std::string_view kWords[] = {
    "Costruzioni",   "Trasporti", "Impianti",     "Consulenze",  "Immobiliare", "Arredamenti",
    "Informatica",   "Edilizia",  "Ristorazione", "Elettronica", "Servizi",     "Assicurazioni",
    "Tipografia",    "Viaggi",    "Meccanica",    "Alimentari",  "Ceramiche",   "Tessuti",
    "Autotrasporti", "Forniture", "Progetti",     "Calzature",   "Ottica",      "Vini",
};
constexpr std::string_view kCompanyFormats[] = {
    "{w} {l} {x}", "{l} & {l} {x}", "{l} {w} {x}", "{w} {c} {x}", "{l} {x}", "Fratelli {l} {x}",
};
constexpr std::string_view kFreeMail[] = {"libero.it",  "gmail.com",  "virgilio.it", "alice.it",
                                          "tiscali.it", "hotmail.it", "yahoo.it",    "tim.it"};
constexpr std::string_view kBanks[] = {"0306909606", "0200805364", "0503401633", "0103002800",
                                       "0538712900", "0623003200", "0311101600", "0100503200"};

constexpr LocaleData kData{
    .id = "it_IT",
    .country_name = "Italy",
    .native_country_name = "Italia",
    .iso2 = "IT",
    .iso3 = "ITA",
    .country_aliases = kAliases,
    .names_from = "it_IT",
    .male_first_names = kMale,
    .female_first_names = kFemale,
    .last_names = kLast,
    .street_names = kStreets,
    .street_types = kTypes,
    .street_format = "{t} {s} {n}",
    .house_number_digits = 3,
    .cities = kCities,
    .postal_format = "#####",
    .calling_code = "39",
    .trunk_prefix = "",
    .phone_formats = kPhoneFormats,
    .company_suffixes = kSuffixes,
    .company_words = kWords,
    .company_formats = kCompanyFormats,
    .free_mail_domains = kFreeMail,
    .tld = "it",
    .iban_country = "IT",
    .iban_length = 27,
    .bban_format = "@{}############",
    .bank_codes = kBanks,
};

}  // namespace

const LocaleData& it_IT() { return kData; }

}  // namespace relsynth::fake
