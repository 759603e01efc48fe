// Extra countries: places, phones, postcodes, the country's names and IBAN, but (except Brazil,
// whose Portuguese names Portugal shares) no names of their own: their personas borrow the names,
// streets and companies of `names_from` (or, when empty, of the table's fallback locale).
// Cities are spelled as their country does.
#include "model/fake_locales/fake_locale.h"

namespace relsynth::fake {
namespace {

// Canada
constexpr City kenCACities[] = {
    {"Toronto", "ON", "Ontario", "M5V", "416"},
    {"Ottawa", "ON", "Ontario", "K1P", "613"},
    {"Montréal", "QC", "Québec", "H2X", "514"},
    {"Québec", "QC", "Québec", "G1R", "418"},
    {"Vancouver", "BC", "British Columbia", "V6B", "604"},
    {"Victoria", "BC", "British Columbia", "V8W", "250"},
    {"Calgary", "AB", "Alberta", "T2P", "403"},
    {"Edmonton", "AB", "Alberta", "T5J", "780"},
    {"Winnipeg", "MB", "Manitoba", "R3C", "204"},
    {"Halifax", "NS", "Nova Scotia", "B3H", "902"},
    {"Regina", "SK", "Saskatchewan", "S4P", "306"},
    {"St. John's", "NL", "Newfoundland and Labrador", "A1C", "709"},
    {"Yellowknife", "NT", "Northwest Territories", "X1A", "867"},
    {"Fredericton", "NB", "New Brunswick", "E3B", "506"},
    {"Charlottetown", "PE", "Prince Edward Island", "C1A", "902"},
    {"Whitehorse", "YT", "Yukon", "Y1A", "867"},
    {"Iqaluit", "NU", "Nunavut", "X0A", "867"},
};
constexpr std::string_view kenCAPhones[] = {"(AAA) ###-####"};
constexpr std::string_view kenCAMail[] = {"gmail.com", "hotmail.com", "yahoo.ca",    "outlook.com",
                                          "shaw.ca",   "rogers.com",  "videotron.ca"};
constexpr LocaleData kenCA{
    .id = "en_CA",
    .country_name = "Canada",
    .native_country_name = "Canada",
    .iso2 = "CA",
    .iso3 = "CAN",
    .names_from = "en_US",
    .cities = kenCACities,
    .postal_format = "{} #@#",
    .calling_code = "1",
    .trunk_prefix = "",
    .phone_formats = kenCAPhones,
    .free_mail_domains = kenCAMail,
    .tld = "ca",
};

// Brazil
constexpr City kptBRCities[] = {
    {"São Paulo", "SP", "São Paulo", "01", "11"},
    {"Campinas", "SP", "São Paulo", "13", "19"},
    {"Rio de Janeiro", "RJ", "Rio de Janeiro", "20", "21"},
    {"Brasília", "DF", "Distrito Federal", "70", "61"},
    {"Belo Horizonte", "MG", "Minas Gerais", "30", "31"},
    {"Salvador", "BA", "Bahia", "40", "71"},
    {"Porto Alegre", "RS", "Rio Grande do Sul", "90", "51"},
    {"Curitiba", "PR", "Paraná", "80", "41"},
    {"Recife", "PE", "Pernambuco", "50", "81"},
    {"Fortaleza", "CE", "Ceará", "60", "85"},
    {"Manaus", "AM", "Amazonas", "69", "92"},
};
constexpr std::string_view kptBRPhones[] = {"(AA) ####-####"};
constexpr std::string_view kptBRMail[] = {"gmail.com",    "uol.com.br",  "bol.com.br",
                                          "terra.com.br", "hotmail.com", "yahoo.com.br"};
constexpr std::string_view kptBRMale[] = {
    "João",    "José",     "Antônio",   "Francisco", "Carlos",   "Paulo",  "Pedro",    "Lucas",
    "Luiz",    "Marcos",   "Luís",      "Gabriel",   "Rafael",   "Daniel", "Marcelo",  "Bruno",
    "Eduardo", "Felipe",   "Raimundo",  "Rodrigo",   "Manuel",   "Mateus", "André",    "Fernando",
    "Fábio",   "Leonardo", "Gustavo",   "Guilherme", "Leandro",  "Tiago",  "Anderson", "Ricardo",
    "Márcio",  "Jorge",    "Sebastião", "Alexandre", "Roberto",  "Diego",  "Sérgio",   "Vítor",
    "Miguel",  "Arthur",   "Heitor",    "Davi",      "Bernardo", "Samuel", "Enzo",     "Henrique",
    "Rui",     "Nuno"};
constexpr std::string_view kptBRFemale[] = {
    "Maria",    "Ana",      "Francisca", "Antônia", "Adriana",   "Juliana", "Márcia",  "Fernanda",
    "Patrícia", "Aline",    "Sandra",    "Camila",  "Amanda",    "Bruna",   "Jéssica", "Letícia",
    "Júlia",    "Luciana",  "Vanessa",   "Mariana", "Gabriela",  "Vera",    "Vitória", "Larissa",
    "Cláudia",  "Beatriz",  "Luana",     "Rita",    "Sônia",     "Renata",  "Eliane",  "Joana",
    "Helena",   "Alice",    "Laura",     "Manuela", "Valentina", "Sofia",   "Isabela", "Lívia",
    "Inês",     "Carolina", "Leonor",    "Matilde", "Catarina",  "Raquel",  "Sílvia",  "Teresa",
    "Cecília",  "Lorena"};
constexpr std::string_view kptBRLast[] = {
    "Silva",   "Santos",     "Oliveira", "Souza",     "Rodrigues",  "Ferreira", "Alves",
    "Pereira", "Lima",       "Gomes",    "Costa",     "Ribeiro",    "Martins",  "Carvalho",
    "Almeida", "Lopes",      "Soares",   "Fernandes", "Vieira",     "Barbosa",  "Rocha",
    "Dias",    "Nascimento", "Andrade",  "Moreira",   "Nunes",      "Marques",  "Machado",
    "Mendes",  "Freitas",    "Cardoso",  "Ramos",     "Gonçalves",  "Santana",  "Teixeira",
    "Araújo",  "Pinto",      "Correia",  "Monteiro",  "Cavalcanti", "Moura",    "Campos",
    "Batista", "Castro",     "Reis",     "Azevedo",   "Cunha",      "Pires",    "Melo",
    "Barros",  "Fonseca",    "Sousa",    "Magalhães", "Tavares",    "Coelho",   "Brandão",
    "Borges",  "Farias",     "Peixoto",  "Miranda"};
constexpr std::string_view kptBRStreets[] = {
    "das Flores",     "São João",           "Sete de Setembro",
    "XV de Novembro", "Quinze de Novembro", "da Liberdade",
    "Tiradentes",     "Santos Dumont",      "Getúlio Vargas",
    "Dom Pedro II",   "da Independência",   "Rio Branco",
    "das Palmeiras",  "Duque de Caxias",    "Marechal Deodoro",
    "da Paz",         "do Comércio",        "Brasil",
    "Paulista",       "dos Andradas",       "Castro Alves",
    "Rui Barbosa",    "Presidente Vargas",  "da Praia",
    "do Sol",         "da República",       "Floriano Peixoto",
    "Bento Gonçalves"};
constexpr std::string_view kptBRSuffixes[] = {"Ltda.", "Ltda.", "S.A.", "ME", "EIRELI"};
constexpr std::string_view kptBRWords[] = {
    "Comércio",      "Transportes", "Construções", "Serviços",  "Informática", "Engenharia",
    "Distribuidora", "Consultoria", "Imóveis",     "Alimentos", "Materiais",   "Logística",
    "Contabilidade", "Turismo",     "Móveis",      "Tecnologia"};
constexpr std::string_view kptBRFormats[] = {"{w} {l} {x}", "{l} & {l} {x}",    "{w} {c} {x}",
                                             "{l} {w}",     "{l} & Filhos {x}", "Irmãos {l} {x}"};
constexpr StreetType kptBRTypes[] = {{"Rua", "R."},      {"Rua", "R."},       {"Rua", "R."},
                                     {"Avenida", "Av."}, {"Travessa", "Tv."}, {"Praça", "Pç."},
                                     {"Alameda", "Al."}, {"Rua", "R."}};
constexpr std::string_view kptBRBanks[] = {"0000000000001", "0036030500001", "6070194800001"};
constexpr LocaleData kptBR{
    .id = "pt_BR",
    .country_name = "Brazil",
    .native_country_name = "Brasil",
    .iso2 = "BR",
    .iso3 = "BRA",
    .names_from = "pt_BR",
    .male_first_names = kptBRMale,
    .female_first_names = kptBRFemale,
    .last_names = kptBRLast,
    .street_names = kptBRStreets,
    .street_types = kptBRTypes,
    .street_format = "{t} {s}, {n}",
    .house_number_digits = 4,
    .cities = kptBRCities,
    .postal_format = "#####-###",
    .calling_code = "55",
    .trunk_prefix = "",
    .phone_formats = kptBRPhones,
    .company_suffixes = kptBRSuffixes,
    .company_words = kptBRWords,
    .company_formats = kptBRFormats,
    .free_mail_domains = kptBRMail,
    .tld = "com.br",
    .iban_country = "BR",
    .iban_length = 29,
    .bban_format = "{}##########@#",
    .bank_codes = kptBRBanks,
};

// Portugal
constexpr City kptPTCities[] = {
    {"Lisboa", "11", "Lisboa", "1", "21"}, {"Porto", "13", "Porto", "4", "22"},
    {"Braga", "03", "Braga", "47", "253"}, {"Coimbra", "06", "Coimbra", "30", "239"},
    {"Faro", "08", "Faro", "80", "289"},   {"Aveiro", "01", "Aveiro", "38", "234"},
};
constexpr std::string_view kptPTPhones[] = {"AA# ### ###", "AAA ### ###"};
constexpr std::string_view kptPTMail[] = {"gmail.com", "sapo.pt", "hotmail.com", "outlook.pt",
                                          "netcabo.pt"};
constexpr std::string_view kptPTBanks[] = {"00350001", "00330000", "00100000", "00180003",
                                           "00360000"};
constexpr LocaleData kptPT{
    .id = "pt_PT",
    .country_name = "Portugal",
    .native_country_name = "Portugal",
    .iso2 = "PT",
    .iso3 = "PRT",
    .names_from = "pt_BR",
    .cities = kptPTCities,
    .postal_format = "####-###",
    .calling_code = "351",
    .trunk_prefix = "",
    .phone_formats = kptPTPhones,
    .free_mail_domains = kptPTMail,
    .tld = "pt",
    .iban_country = "PT",
    .iban_length = 25,
    .bban_format = "{}#############",
    .bank_codes = kptPTBanks,
};

// Austria
constexpr City kdeATCities[] = {
    {"Wien", "W", "Wien", "1", "1"},
    {"Graz", "ST", "Steiermark", "80", "316"},
    {"Linz", "OO", "Oberösterreich", "40", "732"},
    {"Salzburg", "S", "Salzburg", "50", "662"},
    {"Innsbruck", "T", "Tirol", "60", "512"},
    {"Klagenfurt", "K", "Kärnten", "90", "463"},
};
constexpr std::string_view kdeATPhones[] = {"0A #######", "0AAA ######", "0AAAA #####"};
constexpr std::string_view kdeATMail[] = {"gmx.at", "aon.at", "gmail.com", "chello.at", "a1.net"};
constexpr std::string_view kdeATBanks[] = {"12000", "20111", "14000", "32000", "60000"};
constexpr LocaleData kdeAT{
    .id = "de_AT",
    .country_name = "Austria",
    .native_country_name = "Österreich",
    .iso2 = "AT",
    .iso3 = "AUT",
    .names_from = "de_DE",
    .cities = kdeATCities,
    .postal_format = "####",
    .calling_code = "43",
    .trunk_prefix = "0",
    .phone_formats = kdeATPhones,
    .free_mail_domains = kdeATMail,
    .tld = "at",
    .iban_country = "AT",
    .iban_length = 20,
    .bban_format = "{}###########",
    .bank_codes = kdeATBanks,
};

// Switzerland
constexpr std::string_view kdeCHAliases[] = {"Suisse", "Svizzera"};
constexpr City kdeCHCities[] = {
    {"Zürich", "ZH", "Zürich", "80", "44"},     {"Genève", "GE", "Genève", "12", "22"},
    {"Basel", "BS", "Basel-Stadt", "40", "61"}, {"Bern", "BE", "Bern", "30", "31"},
    {"Lausanne", "VD", "Vaud", "10", "21"},     {"Luzern", "LU", "Luzern", "60", "41"},
};
constexpr std::string_view kdeCHPhones[] = {"0AA ### ## ##"};
constexpr std::string_view kdeCHMail[] = {"bluewin.ch", "gmx.ch", "gmail.com", "hispeed.ch",
                                          "sunrise.ch"};
constexpr std::string_view kdeCHBanks[] = {"00700", "00230", "00835", "00762", "00769"};
constexpr LocaleData kdeCH{
    .id = "de_CH",
    .country_name = "Switzerland",
    .native_country_name = "Schweiz",
    .iso2 = "CH",
    .iso3 = "CHE",
    .country_aliases = kdeCHAliases,
    .names_from = "de_DE",
    .cities = kdeCHCities,
    .postal_format = "####",
    .calling_code = "41",
    .trunk_prefix = "0",
    .phone_formats = kdeCHPhones,
    .free_mail_domains = kdeCHMail,
    .tld = "ch",
    .iban_country = "CH",
    .iban_length = 21,
    .bban_format = "{}############",
    .bank_codes = kdeCHBanks,
};

// Netherlands
constexpr std::string_view knlNLAliases[] = {"The Netherlands", "Holland"};
constexpr City knlNLCities[] = {
    {"Amsterdam", "NH", "Noord-Holland", "10", "20"},
    {"Haarlem", "NH", "Noord-Holland", "20", "23"},
    {"Rotterdam", "ZH", "Zuid-Holland", "30", "10"},
    {"Den Haag", "ZH", "Zuid-Holland", "25", "70"},
    {"Utrecht", "UT", "Utrecht", "35", "30"},
    {"Eindhoven", "NB", "Noord-Brabant", "56", "40"},
    {"Groningen", "GR", "Groningen", "97", "50"},
};
constexpr std::string_view knlNLPhones[] = {"0AA ### ####", "0AAA ######"};
constexpr std::string_view knlNLMail[] = {"gmail.com",  "hotmail.com", "ziggo.nl",
                                          "kpnmail.nl", "outlook.com", "live.nl"};
constexpr std::string_view knlNLBanks[] = {"ABNA", "INGB", "RABO", "SNSB", "TRIO"};
constexpr LocaleData knlNL{
    .id = "nl_NL",
    .country_name = "Netherlands",
    .native_country_name = "Nederland",
    .iso2 = "NL",
    .iso3 = "NLD",
    .country_aliases = knlNLAliases,
    .names_from = "",
    .cities = knlNLCities,
    .postal_format = "{}## @@",
    .calling_code = "31",
    .trunk_prefix = "0",
    .phone_formats = knlNLPhones,
    .free_mail_domains = knlNLMail,
    .tld = "nl",
    .iban_country = "NL",
    .iban_length = 18,
    .bban_format = "{}##########",
    .bank_codes = knlNLBanks,
};

// Belgium
constexpr std::string_view knlBEAliases[] = {"Belgique", "Belgien"};
constexpr City knlBECities[] = {
    {"Brussels", "BRU", "Brussels", "10", "2"},       {"Antwerpen", "VAN", "Antwerpen", "20", "3"},
    {"Gent", "VOV", "Oost-Vlaanderen", "90", "9"},    {"Liège", "WLG", "Liège", "40", "4"},
    {"Brugge", "VWV", "West-Vlaanderen", "80", "50"}, {"Namur", "WNA", "Namur", "50", "81"},
};
constexpr std::string_view knlBEPhones[] = {"0A ### ## ##", "0AA ## ## ##"};
constexpr std::string_view knlBEMail[] = {"gmail.com", "skynet.be", "telenet.be", "hotmail.com",
                                          "proximus.be"};
constexpr std::string_view knlBEBanks[] = {"001", "068", "310", "363", "735"};
constexpr LocaleData knlBE{
    .id = "nl_BE",
    .country_name = "Belgium",
    .native_country_name = "België",
    .iso2 = "BE",
    .iso3 = "BEL",
    .country_aliases = knlBEAliases,
    .names_from = "fr_FR",
    .cities = knlBECities,
    .postal_format = "####",
    .calling_code = "32",
    .trunk_prefix = "0",
    .phone_formats = knlBEPhones,
    .free_mail_domains = knlBEMail,
    .tld = "be",
    .iban_country = "BE",
    .iban_length = 16,
    .bban_format = "{}#########",
    .bank_codes = knlBEBanks,
};

// Ireland
constexpr std::string_view kenIEAliases[] = {"Republic of Ireland"};
constexpr City kenIECities[] = {
    {"Dublin", "D", "Dublin", "D02", "1"},       {"Dublin", "D", "Dublin", "D04", "1"},
    {"Cork", "CO", "Cork", "T12", "21"},         {"Galway", "G", "Galway", "H91", "91"},
    {"Limerick", "LK", "Limerick", "V94", "61"}, {"Waterford", "WD", "Waterford", "X91", "51"},
};
constexpr std::string_view kenIEPhones[] = {"0A ### ####", "0AA ### ####"};
constexpr std::string_view kenIEMail[] = {"gmail.com", "eircom.net", "hotmail.com", "yahoo.ie",
                                          "outlook.com"};
constexpr std::string_view kenIEBanks[] = {"AIBK931152", "BOFI900017", "IPBS990602", "ULSB985010"};
constexpr LocaleData kenIE{
    .id = "en_IE",
    .country_name = "Ireland",
    .native_country_name = "Éire",
    .iso2 = "IE",
    .iso3 = "IRL",
    .country_aliases = kenIEAliases,
    .names_from = "en_GB",
    .cities = kenIECities,
    .postal_format = "{} @#@#",
    .calling_code = "353",
    .trunk_prefix = "0",
    .phone_formats = kenIEPhones,
    .free_mail_domains = kenIEMail,
    .tld = "ie",
    .iban_country = "IE",
    .iban_length = 22,
    .bban_format = "{}########",
    .bank_codes = kenIEBanks,
};

// Australia
constexpr City kenAUCities[] = {
    {"Sydney", "NSW", "New South Wales", "20", "2"},
    {"Newcastle", "NSW", "New South Wales", "23", "2"},
    {"Melbourne", "VIC", "Victoria", "30", "3"},
    {"Brisbane", "QLD", "Queensland", "40", "7"},
    {"Perth", "WA", "Western Australia", "60", "8"},
    {"Adelaide", "SA", "South Australia", "50", "8"},
    {"Hobart", "TAS", "Tasmania", "70", "3"},
    {"Canberra", "ACT", "Australian Capital Territory", "26", "2"},
};
constexpr std::string_view kenAUPhones[] = {"(0A) #### ####"};
constexpr std::string_view kenAUMail[] = {"gmail.com", "bigpond.com", "optusnet.com.au",
                                          "hotmail.com", "outlook.com"};
constexpr LocaleData kenAU{
    .id = "en_AU",
    .country_name = "Australia",
    .native_country_name = "Australia",
    .iso2 = "AU",
    .iso3 = "AUS",
    .names_from = "en_GB",
    .cities = kenAUCities,
    .postal_format = "####",
    .calling_code = "61",
    .trunk_prefix = "0",
    .phone_formats = kenAUPhones,
    .free_mail_domains = kenAUMail,
    .tld = "com.au",
};

// India
constexpr std::string_view kenINAliases[] = {"Bharat"};
constexpr City kenINCities[] = {
    {"New Delhi", "DL", "Delhi", "110", "11"},     {"Mumbai", "MH", "Maharashtra", "400", "22"},
    {"Pune", "MH", "Maharashtra", "411", "20"},    {"Bengaluru", "KA", "Karnataka", "560", "80"},
    {"Chennai", "TN", "Tamil Nadu", "600", "44"},  {"Kolkata", "WB", "West Bengal", "700", "33"},
    {"Hyderabad", "TG", "Telangana", "500", "40"}, {"Ahmedabad", "GJ", "Gujarat", "380", "79"},
};
constexpr std::string_view kenINPhones[] = {"0AA ########", "0AAA #######"};
constexpr std::string_view kenINMail[] = {"gmail.com", "yahoo.co.in", "rediffmail.com",
                                          "hotmail.com", "outlook.com"};
constexpr LocaleData kenIN{
    .id = "en_IN",
    .country_name = "India",
    .native_country_name = "India",
    .iso2 = "IN",
    .iso3 = "IND",
    .country_aliases = kenINAliases,
    .names_from = "en_GB",
    .cities = kenINCities,
    .postal_format = "######",
    .calling_code = "91",
    .trunk_prefix = "0",
    .phone_formats = kenINPhones,
    .free_mail_domains = kenINMail,
    .tld = "in",
};

// Mexico
constexpr City kesMXCities[] = {
    {"Ciudad de México", "CMX", "Ciudad de México", "06", "55"},
    {"Guadalajara", "JAL", "Jalisco", "44", "33"},
    {"Monterrey", "NLE", "Nuevo León", "64", "81"},
    {"Puebla", "PUE", "Puebla", "72", "222"},
    {"Mérida", "YUC", "Yucatán", "97", "999"},
    {"Tijuana", "BCN", "Baja California", "22", "664"},
};
constexpr std::string_view kesMXPhones[] = {"AA #### ####", "AAA ### ####"};
constexpr std::string_view kesMXMail[] = {"gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com",
                                          "prodigy.net.mx"};
constexpr LocaleData kesMX{
    .id = "es_MX",
    .country_name = "Mexico",
    .native_country_name = "México",
    .iso2 = "MX",
    .iso3 = "MEX",
    .names_from = "es_ES",
    .cities = kesMXCities,
    .postal_format = "#####",
    .calling_code = "52",
    .trunk_prefix = "",
    .phone_formats = kesMXPhones,
    .free_mail_domains = kesMXMail,
    .tld = "com.mx",
};

// Argentina
constexpr City kesARCities[] = {
    {"Buenos Aires", "C", "Ciudad Autónoma de Buenos Aires", "1", "11"},
    {"Córdoba", "X", "Córdoba", "50", "351"},
    {"Rosario", "S", "Santa Fe", "20", "341"},
    {"Mendoza", "M", "Mendoza", "55", "261"},
    {"La Plata", "B", "Buenos Aires", "19", "221"},
};
constexpr std::string_view kesARPhones[] = {"0AA ####-####", "0AAA ###-####"};
constexpr std::string_view kesARMail[] = {"gmail.com", "hotmail.com", "yahoo.com.ar",
                                          "fibertel.com.ar", "outlook.com"};
constexpr LocaleData kesAR{
    .id = "es_AR",
    .country_name = "Argentina",
    .native_country_name = "Argentina",
    .iso2 = "AR",
    .iso3 = "ARG",
    .names_from = "es_ES",
    .cities = kesARCities,
    .postal_format = "####",
    .calling_code = "54",
    .trunk_prefix = "0",
    .phone_formats = kesARPhones,
    .free_mail_domains = kesARMail,
    .tld = "com.ar",
};

// Chile
constexpr City kesCLCities[] = {
    {"Santiago", "RM", "Región Metropolitana", "83", "2"},
    {"Valparaíso", "VS", "Valparaíso", "23", "32"},
    {"Concepción", "BI", "Biobío", "40", "41"},
    {"Antofagasta", "AN", "Antofagasta", "12", "55"},
};
constexpr std::string_view kesCLPhones[] = {"A #### ####", "AA ### ####"};
constexpr std::string_view kesCLMail[] = {"gmail.com", "hotmail.com", "yahoo.es", "vtr.net",
                                          "outlook.com"};
constexpr LocaleData kesCL{
    .id = "es_CL",
    .country_name = "Chile",
    .native_country_name = "Chile",
    .iso2 = "CL",
    .iso3 = "CHL",
    .names_from = "es_ES",
    .cities = kesCLCities,
    .postal_format = "#######",
    .calling_code = "56",
    .trunk_prefix = "",
    .phone_formats = kesCLPhones,
    .free_mail_domains = kesCLMail,
    .tld = "cl",
};

// Sweden
constexpr City ksvSECities[] = {
    {"Stockholm", "AB", "Stockholms län", "11", "8"},
    {"Göteborg", "O", "Västra Götalands län", "41", "31"},
    {"Malmö", "M", "Skåne län", "21", "40"},
    {"Uppsala", "C", "Uppsala län", "75", "18"},
    {"Linköping", "E", "Östergötlands län", "58", "13"},
};
constexpr std::string_view ksvSEPhones[] = {"0A-### ## ##", "0AA-### ## ##", "0AAA-## ## ##"};
constexpr std::string_view ksvSEMail[] = {"gmail.com", "hotmail.com", "telia.com", "outlook.com",
                                          "yahoo.se"};
constexpr std::string_view ksvSEBanks[] = {"500", "800", "600", "300", "957"};
constexpr LocaleData ksvSE{
    .id = "sv_SE",
    .country_name = "Sweden",
    .native_country_name = "Sverige",
    .iso2 = "SE",
    .iso3 = "SWE",
    .names_from = "",
    .cities = ksvSECities,
    .postal_format = "{}# ##",
    .calling_code = "46",
    .trunk_prefix = "0",
    .phone_formats = ksvSEPhones,
    .free_mail_domains = ksvSEMail,
    .tld = "se",
    .iban_country = "SE",
    .iban_length = 24,
    .bban_format = "{}#################",
    .bank_codes = ksvSEBanks,
};

// Norway
constexpr City knbNOCities[] = {
    {"Oslo", "03", "Oslo", "0", "22"},
    {"Bergen", "46", "Vestland", "50", "55"},
    {"Trondheim", "50", "Trøndelag", "70", "73"},
    {"Stavanger", "11", "Rogaland", "40", "51"},
    {"Tromsø", "55", "Troms", "90", "77"},
};
constexpr std::string_view knbNOPhones[] = {"AA ## ## ##"};
constexpr std::string_view knbNOMail[] = {"gmail.com", "online.no", "hotmail.com", "outlook.com",
                                          "yahoo.no"};
constexpr std::string_view knbNOBanks[] = {"1503", "8601", "9710", "1254", "6012"};
constexpr LocaleData knbNO{
    .id = "nb_NO",
    .country_name = "Norway",
    .native_country_name = "Norge",
    .iso2 = "NO",
    .iso3 = "NOR",
    .names_from = "",
    .cities = knbNOCities,
    .postal_format = "####",
    .calling_code = "47",
    .trunk_prefix = "",
    .phone_formats = knbNOPhones,
    .free_mail_domains = knbNOMail,
    .tld = "no",
    .iban_country = "NO",
    .iban_length = 15,
    .bban_format = "{}#######",
    .bank_codes = knbNOBanks,
};

// Denmark
constexpr City kdaDKCities[] = {
    {"København", "84", "Hovedstaden", "1", "33"},
    {"Aarhus", "82", "Midtjylland", "80", "86"},
    {"Odense", "83", "Syddanmark", "50", "66"},
    {"Aalborg", "81", "Nordjylland", "90", "98"},
};
constexpr std::string_view kdaDKPhones[] = {"AA ## ## ##"};
constexpr std::string_view kdaDKMail[] = {"gmail.com", "hotmail.com", "mail.dk", "jubii.dk",
                                          "outlook.dk"};
constexpr std::string_view kdaDKBanks[] = {"0040", "3000", "5301", "2000", "9070"};
constexpr LocaleData kdaDK{
    .id = "da_DK",
    .country_name = "Denmark",
    .native_country_name = "Danmark",
    .iso2 = "DK",
    .iso3 = "DNK",
    .names_from = "",
    .cities = kdaDKCities,
    .postal_format = "####",
    .calling_code = "45",
    .trunk_prefix = "",
    .phone_formats = kdaDKPhones,
    .free_mail_domains = kdaDKMail,
    .tld = "dk",
    .iban_country = "DK",
    .iban_length = 18,
    .bban_format = "{}##########",
    .bank_codes = kdaDKBanks,
};

// Finland
constexpr City kfiFICities[] = {
    {"Helsinki", "18", "Uusimaa", "00", "9"},       {"Espoo", "18", "Uusimaa", "02", "9"},
    {"Tampere", "11", "Pirkanmaa", "33", "3"},      {"Turku", "19", "Varsinais-Suomi", "20", "2"},
    {"Oulu", "14", "Pohjois-Pohjanmaa", "90", "8"},
};
constexpr std::string_view kfiFIPhones[] = {"0A ### ####", "0AA ### ####"};
constexpr std::string_view kfiFIMail[] = {"gmail.com", "hotmail.com", "luukku.com", "kolumbus.fi",
                                          "outlook.com"};
constexpr std::string_view kfiFIBanks[] = {"100530", "200012", "500001", "800012"};
constexpr LocaleData kfiFI{
    .id = "fi_FI",
    .country_name = "Finland",
    .native_country_name = "Suomi",
    .iso2 = "FI",
    .iso3 = "FIN",
    .names_from = "",
    .cities = kfiFICities,
    .postal_format = "#####",
    .calling_code = "358",
    .trunk_prefix = "0",
    .phone_formats = kfiFIPhones,
    .free_mail_domains = kfiFIMail,
    .tld = "fi",
    .iban_country = "FI",
    .iban_length = 18,
    .bban_format = "{}########",
    .bank_codes = kfiFIBanks,
};

// Poland
constexpr City kplPLCities[] = {
    {"Warszawa", "MZ", "Mazowieckie", "00", "22"}, {"Kraków", "MA", "Małopolskie", "30", "12"},
    {"Wrocław", "DS", "Dolnośląskie", "50", "71"}, {"Gdańsk", "PM", "Pomorskie", "80", "58"},
    {"Poznań", "WP", "Wielkopolskie", "60", "61"}, {"Łódź", "LD", "Łódzkie", "90", "42"},
};
constexpr std::string_view kplPLPhones[] = {"AA ### ## ##"};
constexpr std::string_view kplPLMail[] = {"gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"};
constexpr std::string_view kplPLBanks[] = {"10201026", "11402004", "10901014", "10501445",
                                           "12401037"};
constexpr LocaleData kplPL{
    .id = "pl_PL",
    .country_name = "Poland",
    .native_country_name = "Polska",
    .iso2 = "PL",
    .iso3 = "POL",
    .names_from = "",
    .cities = kplPLCities,
    .postal_format = "##-###",
    .calling_code = "48",
    .trunk_prefix = "",
    .phone_formats = kplPLPhones,
    .free_mail_domains = kplPLMail,
    .tld = "pl",
    .iban_country = "PL",
    .iban_length = 28,
    .bban_format = "{}################",
    .bank_codes = kplPLBanks,
};

// Czech Republic
constexpr std::string_view kcsCZAliases[] = {"Czechia", "Česká republika"};
constexpr City kcsCZCities[] = {
    {"Praha", "PR", "Praha", "1", "2"},
    {"Brno", "JM", "Jihomoravský kraj", "6", "5"},
    {"Ostrava", "MO", "Moravskoslezský kraj", "70", "59"},
    {"Plzeň", "PL", "Plzeňský kraj", "30", "37"},
    {"Olomouc", "OL", "Olomoucký kraj", "77", "58"},
};
constexpr std::string_view kcsCZPhones[] = {"A## ### ###", "AA# ### ###"};
constexpr std::string_view kcsCZMail[] = {"seznam.cz", "gmail.com", "email.cz", "centrum.cz",
                                          "post.cz"};
constexpr std::string_view kcsCZBanks[] = {"0800", "0100", "0300", "2010", "5500"};
constexpr LocaleData kcsCZ{
    .id = "cs_CZ",
    .country_name = "Czech Republic",
    .native_country_name = "Česko",
    .iso2 = "CZ",
    .iso3 = "CZE",
    .country_aliases = kcsCZAliases,
    .names_from = "",
    .cities = kcsCZCities,
    .postal_format = "### ##",
    .calling_code = "420",
    .trunk_prefix = "",
    .phone_formats = kcsCZPhones,
    .free_mail_domains = kcsCZMail,
    .tld = "cz",
    .iban_country = "CZ",
    .iban_length = 24,
    .bban_format = "{}################",
    .bank_codes = kcsCZBanks,
};

// Hungary
constexpr City khuHUCities[] = {
    {"Budapest", "BU", "Budapest", "1", "1"},        {"Debrecen", "HB", "Hajdú-Bihar", "40", "52"},
    {"Szeged", "CS", "Csongrád-Csanád", "67", "62"}, {"Pécs", "BA", "Baranya", "76", "72"},
    {"Győr", "GS", "Győr-Moson-Sopron", "90", "96"},
};
constexpr std::string_view khuHUPhones[] = {"06 A ### ####", "06 AA ### ###"};
constexpr std::string_view khuHUMail[] = {"gmail.com", "freemail.hu", "citromail.hu", "t-online.hu",
                                          "hotmail.com"};
constexpr std::string_view khuHUBanks[] = {"11773016", "10032000", "11600006", "12010011"};
constexpr LocaleData khuHU{
    .id = "hu_HU",
    .country_name = "Hungary",
    .native_country_name = "Magyarország",
    .iso2 = "HU",
    .iso3 = "HUN",
    .names_from = "",
    .cities = khuHUCities,
    .postal_format = "####",
    .calling_code = "36",
    .trunk_prefix = "06",
    .phone_formats = khuHUPhones,
    .free_mail_domains = khuHUMail,
    .tld = "hu",
    .iban_country = "HU",
    .iban_length = 28,
    .bban_format = "{}################",
    .bank_codes = khuHUBanks,
};

// Colombia
constexpr City kesCOCities[] = {
    {"Bogotá", "DC", "Bogotá D.C.", "11", "601"},
    {"Medellín", "ANT", "Antioquia", "05", "604"},
    {"Cali", "VAC", "Valle del Cauca", "76", "602"},
    {"Barranquilla", "ATL", "Atlántico", "08", "605"},
};
constexpr std::string_view kesCOPhones[] = {"AAA ### ####"};
constexpr std::string_view kesCOMail[] = {"gmail.com", "hotmail.com", "yahoo.com", "outlook.com"};
constexpr LocaleData kesCO{
    .id = "es_CO",
    .country_name = "Colombia",
    .native_country_name = "Colombia",
    .iso2 = "CO",
    .iso3 = "COL",
    .names_from = "es_ES",
    .cities = kesCOCities,
    .postal_format = "######",
    .calling_code = "57",
    .trunk_prefix = "",
    .phone_formats = kesCOPhones,
    .free_mail_domains = kesCOMail,
    .tld = "com.co",
};

// Peru
constexpr City kesPECities[] = {
    {"Lima", "LIM", "Lima", "15", "1"},
    {"Arequipa", "ARE", "Arequipa", "04", "54"},
    {"Trujillo", "LAL", "La Libertad", "13", "44"},
};
constexpr std::string_view kesPEPhones[] = {"(0A) ###-####", "(0AA) ######"};
constexpr std::string_view kesPEMail[] = {"gmail.com", "hotmail.com", "yahoo.es", "outlook.com"};
constexpr LocaleData kesPE{
    .id = "es_PE",
    .country_name = "Peru",
    .native_country_name = "Perú",
    .iso2 = "PE",
    .iso3 = "PER",
    .names_from = "es_ES",
    .cities = kesPECities,
    .postal_format = "#####",
    .calling_code = "51",
    .trunk_prefix = "0",
    .phone_formats = kesPEPhones,
    .free_mail_domains = kesPEMail,
    .tld = "com.pe",
};

// Greece
constexpr std::string_view kelGRAliases[] = {"Hellas"};
constexpr City kelGRCities[] = {
    {"Athens", "I", "Attica", "10", "210"},
    {"Thessaloniki", "B", "Central Macedonia", "54", "2310"},
    {"Patras", "G", "Western Greece", "26", "2610"},
};
constexpr std::string_view kelGRPhones[] = {"AAA #######", "AAAA ######"};
constexpr std::string_view kelGRMail[] = {"gmail.com", "yahoo.gr", "otenet.gr", "hotmail.com"};
constexpr std::string_view kelGRBanks[] = {"0110125", "0140101", "0171234"};
constexpr LocaleData kelGR{
    .id = "el_GR",
    .country_name = "Greece",
    .native_country_name = "Ellada",
    .iso2 = "GR",
    .iso3 = "GRC",
    .country_aliases = kelGRAliases,
    .names_from = "",
    .cities = kelGRCities,
    .postal_format = "### ##",
    .calling_code = "30",
    .trunk_prefix = "",
    .phone_formats = kelGRPhones,
    .free_mail_domains = kelGRMail,
    .tld = "gr",
    .iban_country = "GR",
    .iban_length = 27,
    .bban_format = "{}################",
    .bank_codes = kelGRBanks,
};

// Romania
constexpr City kroROCities[] = {
    {"București", "B", "București", "01", "21"},
    {"Cluj-Napoca", "CJ", "Cluj", "40", "264"},
    {"Iași", "IS", "Iași", "70", "232"},
    {"Timișoara", "TM", "Timiș", "30", "256"},
};
constexpr std::string_view kroROPhones[] = {"0AA ### ####", "0AAA ### ###"};
constexpr std::string_view kroROMail[] = {"gmail.com", "yahoo.com", "yahoo.ro", "hotmail.com"};
constexpr std::string_view kroROBanks[] = {"BTRL", "RNCB", "BRDE", "INGB"};
constexpr LocaleData kroRO{
    .id = "ro_RO",
    .country_name = "Romania",
    .native_country_name = "România",
    .iso2 = "RO",
    .iso3 = "ROU",
    .names_from = "",
    .cities = kroROCities,
    .postal_format = "######",
    .calling_code = "40",
    .trunk_prefix = "0",
    .phone_formats = kroROPhones,
    .free_mail_domains = kroROMail,
    .tld = "ro",
    .iban_country = "RO",
    .iban_length = 24,
    .bban_format = "{}################",
    .bank_codes = kroROBanks,
};

// Turkey
constexpr std::string_view ktrTRAliases[] = {"Turkiye"};
constexpr City ktrTRCities[] = {
    {"İstanbul", "34", "İstanbul", "34", "212"},
    {"Ankara", "06", "Ankara", "06", "312"},
    {"İzmir", "35", "İzmir", "35", "232"},
    {"Bursa", "16", "Bursa", "16", "224"},
};
constexpr std::string_view ktrTRPhones[] = {"0 (AAA) ### ## ##"};
constexpr std::string_view ktrTRMail[] = {"gmail.com", "hotmail.com", "yandex.com", "outlook.com"};
constexpr std::string_view ktrTRBanks[] = {"00010", "00062", "00064", "00046"};
constexpr LocaleData ktrTR{
    .id = "tr_TR",
    .country_name = "Turkey",
    .native_country_name = "Türkiye",
    .iso2 = "TR",
    .iso3 = "TUR",
    .country_aliases = ktrTRAliases,
    .names_from = "",
    .cities = ktrTRCities,
    .postal_format = "#####",
    .calling_code = "90",
    .trunk_prefix = "0",
    .phone_formats = ktrTRPhones,
    .free_mail_domains = ktrTRMail,
    .tld = "com.tr",
    .iban_country = "TR",
    .iban_length = 26,
    .bban_format = "{}0################",
    .bank_codes = ktrTRBanks,
};

// Egypt
constexpr City karEGCities[] = {
    {"Cairo", "C", "Cairo", "11", "2"},
    {"Giza", "GZ", "Giza", "12", "2"},
    {"Alexandria", "ALX", "Alexandria", "21", "3"},
};
constexpr std::string_view karEGPhones[] = {"0A ########", "0AA #######"};
constexpr std::string_view karEGMail[] = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"};
constexpr LocaleData karEG{
    .id = "ar_EG",
    .country_name = "Egypt",
    .native_country_name = "Egypt",
    .iso2 = "EG",
    .iso3 = "EGY",
    .names_from = "",
    .cities = karEGCities,
    .postal_format = "#####",
    .calling_code = "20",
    .trunk_prefix = "0",
    .phone_formats = karEGPhones,
    .free_mail_domains = karEGMail,
    .tld = "com.eg",
};

// Morocco
constexpr City kfrMACities[] = {
    {"Casablanca", "CAS", "Casablanca-Settat", "20", "522"},
    {"Rabat", "RAB", "Rabat-Salé-Kénitra", "10", "537"},
    {"Marrakech", "MAR", "Marrakech-Safi", "40", "524"},
};
constexpr std::string_view kfrMAPhones[] = {"0AAA-######"};
constexpr std::string_view kfrMAMail[] = {"gmail.com", "menara.ma", "hotmail.fr", "yahoo.fr"};
constexpr LocaleData kfrMA{
    .id = "fr_MA",
    .country_name = "Morocco",
    .native_country_name = "Maroc",
    .iso2 = "MA",
    .iso3 = "MAR",
    .names_from = "fr_FR",
    .cities = kfrMACities,
    .postal_format = "#####",
    .calling_code = "212",
    .trunk_prefix = "0",
    .phone_formats = kfrMAPhones,
    .free_mail_domains = kfrMAMail,
    .tld = "ma",
};

// Nigeria
constexpr City kenNGCities[] = {
    {"Lagos", "LA", "Lagos", "100", "1"},
    {"Abuja", "FC", "Federal Capital Territory", "900", "9"},
    {"Kano", "KN", "Kano", "700", "64"},
};
constexpr std::string_view kenNGPhones[] = {"0A ### ####", "0AA ### ####"};
constexpr std::string_view kenNGMail[] = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"};
constexpr LocaleData kenNG{
    .id = "en_NG",
    .country_name = "Nigeria",
    .native_country_name = "Nigeria",
    .iso2 = "NG",
    .iso3 = "NGA",
    .names_from = "en_GB",
    .cities = kenNGCities,
    .postal_format = "######",
    .calling_code = "234",
    .trunk_prefix = "0",
    .phone_formats = kenNGPhones,
    .free_mail_domains = kenNGMail,
    .tld = "com.ng",
};

// Kenya
constexpr City kenKECities[] = {
    {"Nairobi", "47", "Nairobi", "00", "20"},
    {"Mombasa", "28", "Mombasa", "80", "41"},
    {"Kisumu", "42", "Kisumu", "40", "57"},
};
constexpr std::string_view kenKEPhones[] = {"0AA #######"};
constexpr std::string_view kenKEMail[] = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"};
constexpr LocaleData kenKE{
    .id = "en_KE",
    .country_name = "Kenya",
    .native_country_name = "Kenya",
    .iso2 = "KE",
    .iso3 = "KEN",
    .names_from = "en_GB",
    .cities = kenKECities,
    .postal_format = "#####",
    .calling_code = "254",
    .trunk_prefix = "0",
    .phone_formats = kenKEPhones,
    .free_mail_domains = kenKEMail,
    .tld = "co.ke",
};

// South Africa
constexpr std::string_view kenZAAliases[] = {"RSA"};
constexpr City kenZACities[] = {
    {"Johannesburg", "GP", "Gauteng", "20", "11"},
    {"Pretoria", "GP", "Gauteng", "00", "12"},
    {"Cape Town", "WC", "Western Cape", "80", "21"},
    {"Durban", "KZN", "KwaZulu-Natal", "40", "31"},
};
constexpr std::string_view kenZAPhones[] = {"0AA ### ####"};
constexpr std::string_view kenZAMail[] = {"gmail.com", "webmail.co.za", "mweb.co.za",
                                          "telkomsa.net"};
constexpr LocaleData kenZA{
    .id = "en_ZA",
    .country_name = "South Africa",
    .native_country_name = "South Africa",
    .iso2 = "ZA",
    .iso3 = "ZAF",
    .country_aliases = kenZAAliases,
    .names_from = "en_GB",
    .cities = kenZACities,
    .postal_format = "####",
    .calling_code = "27",
    .trunk_prefix = "0",
    .phone_formats = kenZAPhones,
    .free_mail_domains = kenZAMail,
    .tld = "co.za",
};

// China
constexpr std::string_view kzhCNAliases[] = {"PRC", "People's Republic of China"};
constexpr City kzhCNCities[] = {
    {"Beijing", "BJ", "Beijing", "100", "10"},
    {"Shanghai", "SH", "Shanghai", "200", "21"},
    {"Guangzhou", "GD", "Guangdong", "510", "20"},
    {"Shenzhen", "GD", "Guangdong", "518", "755"},
};
constexpr std::string_view kzhCNPhones[] = {"0AA ########", "0AAA ########"};
constexpr std::string_view kzhCNMail[] = {"qq.com", "163.com", "126.com", "sina.com"};
constexpr LocaleData kzhCN{
    .id = "zh_CN",
    .country_name = "China",
    .native_country_name = "Zhongguo",
    .iso2 = "CN",
    .iso3 = "CHN",
    .country_aliases = kzhCNAliases,
    .names_from = "",
    .cities = kzhCNCities,
    .postal_format = "######",
    .calling_code = "86",
    .trunk_prefix = "0",
    .phone_formats = kzhCNPhones,
    .free_mail_domains = kzhCNMail,
    .tld = "cn",
};

// Japan
constexpr City kjaJPCities[] = {
    {"Tokyo", "13", "Tokyo", "100", "3"},        {"Osaka", "27", "Osaka", "530", "6"},
    {"Yokohama", "14", "Kanagawa", "220", "45"}, {"Kyoto", "26", "Kyoto", "600", "75"},
    {"Sapporo", "01", "Hokkaido", "060", "11"},
};
constexpr std::string_view kjaJPPhones[] = {"0A-####-####", "0AA-###-####"};
constexpr std::string_view kjaJPMail[] = {"gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.jp"};
constexpr LocaleData kjaJP{
    .id = "ja_JP",
    .country_name = "Japan",
    .native_country_name = "Nippon",
    .iso2 = "JP",
    .iso3 = "JPN",
    .names_from = "",
    .cities = kjaJPCities,
    .postal_format = "###-####",
    .calling_code = "81",
    .trunk_prefix = "0",
    .phone_formats = kjaJPPhones,
    .free_mail_domains = kjaJPMail,
    .tld = "co.jp",
};

// South Korea
constexpr std::string_view kkoKRAliases[] = {"Korea", "Republic of Korea"};
constexpr City kkoKRCities[] = {
    {"Seoul", "11", "Seoul", "0", "2"},
    {"Busan", "26", "Busan", "4", "51"},
    {"Incheon", "28", "Incheon", "2", "32"},
};
constexpr std::string_view kkoKRPhones[] = {"0A-####-####", "0AA-###-####"};
constexpr std::string_view kkoKRMail[] = {"naver.com", "daum.net", "gmail.com", "hanmail.net"};
constexpr LocaleData kkoKR{
    .id = "ko_KR",
    .country_name = "South Korea",
    .native_country_name = "Hanguk",
    .iso2 = "KR",
    .iso3 = "KOR",
    .country_aliases = kkoKRAliases,
    .names_from = "",
    .cities = kkoKRCities,
    .postal_format = "#####",
    .calling_code = "82",
    .trunk_prefix = "0",
    .phone_formats = kkoKRPhones,
    .free_mail_domains = kkoKRMail,
    .tld = "co.kr",
};

// Indonesia
constexpr City kidIDCities[] = {
    {"Jakarta", "JK", "DKI Jakarta", "10", "21"},
    {"Surabaya", "JI", "Jawa Timur", "60", "31"},
    {"Bandung", "JB", "Jawa Barat", "40", "22"},
};
constexpr std::string_view kidIDPhones[] = {"(0AA) ####-####"};
constexpr std::string_view kidIDMail[] = {"gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com"};
constexpr LocaleData kidID{
    .id = "id_ID",
    .country_name = "Indonesia",
    .native_country_name = "Indonesia",
    .iso2 = "ID",
    .iso3 = "IDN",
    .names_from = "",
    .cities = kidIDCities,
    .postal_format = "#####",
    .calling_code = "62",
    .trunk_prefix = "0",
    .phone_formats = kidIDPhones,
    .free_mail_domains = kidIDMail,
    .tld = "co.id",
};

// Thailand
constexpr City kthTHCities[] = {
    {"Bangkok", "10", "Bangkok", "10", "2"},
    {"Chiang Mai", "50", "Chiang Mai", "50", "53"},
    {"Phuket", "83", "Phuket", "83", "76"},
};
constexpr std::string_view kthTHPhones[] = {"0A ### ####", "0AA ### ###"};
constexpr std::string_view kthTHMail[] = {"gmail.com", "hotmail.com", "yahoo.com", "outlook.co.th"};
constexpr LocaleData kthTH{
    .id = "th_TH",
    .country_name = "Thailand",
    .native_country_name = "Prathet Thai",
    .iso2 = "TH",
    .iso3 = "THA",
    .names_from = "",
    .cities = kthTHCities,
    .postal_format = "#####",
    .calling_code = "66",
    .trunk_prefix = "0",
    .phone_formats = kthTHPhones,
    .free_mail_domains = kthTHMail,
    .tld = "co.th",
};

// Vietnam
constexpr City kviVNCities[] = {
    {"Hanoi", "HN", "Hanoi", "10", "24"},
    {"Ho Chi Minh City", "SG", "Ho Chi Minh City", "70", "28"},
    {"Da Nang", "DN", "Da Nang", "55", "236"},
};
constexpr std::string_view kviVNPhones[] = {"0AA #### ####", "0AAA ### ####"};
constexpr std::string_view kviVNMail[] = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com"};
constexpr LocaleData kviVN{
    .id = "vi_VN",
    .country_name = "Vietnam",
    .native_country_name = "Viet Nam",
    .iso2 = "VN",
    .iso3 = "VNM",
    .names_from = "",
    .cities = kviVNCities,
    .postal_format = "######",
    .calling_code = "84",
    .trunk_prefix = "0",
    .phone_formats = kviVNPhones,
    .free_mail_domains = kviVNMail,
    .tld = "vn",
};

// Philippines
constexpr City kenPHCities[] = {
    {"Manila", "NCR", "Metro Manila", "10", "2"},
    {"Cebu City", "CEB", "Cebu", "60", "32"},
    {"Davao City", "DAS", "Davao del Sur", "80", "82"},
};
constexpr std::string_view kenPHPhones[] = {"(0A) ####-####", "(0AA) ###-####"};
constexpr std::string_view kenPHMail[] = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com"};
constexpr LocaleData kenPH{
    .id = "en_PH",
    .country_name = "Philippines",
    .native_country_name = "Pilipinas",
    .iso2 = "PH",
    .iso3 = "PHL",
    .names_from = "en_US",
    .cities = kenPHCities,
    .postal_format = "####",
    .calling_code = "63",
    .trunk_prefix = "0",
    .phone_formats = kenPHPhones,
    .free_mail_domains = kenPHMail,
    .tld = "com.ph",
};

// Malaysia
constexpr City kmsMYCities[] = {
    {"Kuala Lumpur", "14", "Kuala Lumpur", "50", "3"},
    {"George Town", "07", "Penang", "10", "4"},
    {"Johor Bahru", "01", "Johor", "80", "7"},
};
constexpr std::string_view kmsMYPhones[] = {"0A-#### ####", "0A-### ####"};
constexpr std::string_view kmsMYMail[] = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"};
constexpr LocaleData kmsMY{
    .id = "ms_MY",
    .country_name = "Malaysia",
    .native_country_name = "Malaysia",
    .iso2 = "MY",
    .iso3 = "MYS",
    .names_from = "en_GB",
    .cities = kmsMYCities,
    .postal_format = "#####",
    .calling_code = "60",
    .trunk_prefix = "0",
    .phone_formats = kmsMYPhones,
    .free_mail_domains = kmsMYMail,
    .tld = "com.my",
};

// Singapore
constexpr City kenSGCities[] = {
    {"Singapore", "", "Central Region", "01", "6"},
    {"Singapore", "", "North-East Region", "53", "6"},
    {"Singapore", "", "West Region", "60", "6"},
};
constexpr std::string_view kenSGPhones[] = {"A### ####"};
constexpr std::string_view kenSGMail[] = {"gmail.com", "singnet.com.sg", "yahoo.com.sg",
                                          "hotmail.com"};
constexpr LocaleData kenSG{
    .id = "en_SG",
    .country_name = "Singapore",
    .native_country_name = "Singapore",
    .iso2 = "SG",
    .iso3 = "SGP",
    .names_from = "en_GB",
    .cities = kenSGCities,
    .postal_format = "######",
    .calling_code = "65",
    .trunk_prefix = "",
    .phone_formats = kenSGPhones,
    .free_mail_domains = kenSGMail,
    .tld = "com.sg",
};

// New Zealand
constexpr City kenNZCities[] = {
    {"Auckland", "AUK", "Auckland", "10", "9"},
    {"Wellington", "WGN", "Wellington", "60", "4"},
    {"Christchurch", "CAN", "Canterbury", "80", "3"},
};
constexpr std::string_view kenNZPhones[] = {"0A ### ####"};
constexpr std::string_view kenNZMail[] = {"gmail.com", "xtra.co.nz", "hotmail.com", "outlook.com"};
constexpr LocaleData kenNZ{
    .id = "en_NZ",
    .country_name = "New Zealand",
    .native_country_name = "Aotearoa",
    .iso2 = "NZ",
    .iso3 = "NZL",
    .names_from = "en_GB",
    .cities = kenNZCities,
    .postal_format = "####",
    .calling_code = "64",
    .trunk_prefix = "0",
    .phone_formats = kenNZPhones,
    .free_mail_domains = kenNZMail,
    .tld = "co.nz",
};

// Israel
constexpr City kheILCities[] = {
    {"Tel Aviv", "TA", "Tel Aviv", "61", "3"},
    {"Jerusalem", "JM", "Jerusalem", "91", "2"},
    {"Haifa", "HA", "Haifa", "31", "4"},
};
constexpr std::string_view kheILPhones[] = {"0A-###-####"};
constexpr std::string_view kheILMail[] = {"gmail.com", "walla.co.il", "hotmail.com", "outlook.com"};
constexpr std::string_view kheILBanks[] = {"010800", "012000", "020100"};
constexpr LocaleData kheIL{
    .id = "he_IL",
    .country_name = "Israel",
    .native_country_name = "Israel",
    .iso2 = "IL",
    .iso3 = "ISR",
    .names_from = "",
    .cities = kheILCities,
    .postal_format = "#######",
    .calling_code = "972",
    .trunk_prefix = "0",
    .phone_formats = kheILPhones,
    .free_mail_domains = kheILMail,
    .tld = "co.il",
    .iban_country = "IL",
    .iban_length = 23,
    .bban_format = "{}#############",
    .bank_codes = kheILBanks,
};

// Saudi Arabia
constexpr std::string_view karSAAliases[] = {"KSA"};
constexpr City karSACities[] = {
    {"Riyadh", "01", "Riyadh", "11", "11"},
    {"Jeddah", "02", "Makkah", "21", "12"},
    {"Dammam", "04", "Eastern Province", "31", "13"},
};
constexpr std::string_view karSAPhones[] = {"0AA ### ####"};
constexpr std::string_view karSAMail[] = {"gmail.com", "hotmail.com", "yahoo.com", "outlook.sa"};
constexpr std::string_view karSABanks[] = {"80", "10", "45"};
constexpr LocaleData karSA{
    .id = "ar_SA",
    .country_name = "Saudi Arabia",
    .native_country_name = "Saudi Arabia",
    .iso2 = "SA",
    .iso3 = "SAU",
    .country_aliases = karSAAliases,
    .names_from = "",
    .cities = karSACities,
    .postal_format = "#####",
    .calling_code = "966",
    .trunk_prefix = "0",
    .phone_formats = karSAPhones,
    .free_mail_domains = karSAMail,
    .tld = "com.sa",
    .iban_country = "SA",
    .iban_length = 24,
    .bban_format = "{}##################",
    .bank_codes = karSABanks,
};

// Ukraine
constexpr City kukUACities[] = {
    {"Kyiv", "30", "Kyiv", "01", "44"},
    {"Lviv", "46", "Lviv", "79", "322"},
    {"Odesa", "51", "Odesa", "65", "48"},
};
constexpr std::string_view kukUAPhones[] = {"0AA ### ####", "0AAA ## ## ##"};
constexpr std::string_view kukUAMail[] = {"gmail.com", "ukr.net", "i.ua", "meta.ua"};
constexpr std::string_view kukUABanks[] = {"300335", "322001", "305299"};
constexpr LocaleData kukUA{
    .id = "uk_UA",
    .country_name = "Ukraine",
    .native_country_name = "Ukraina",
    .iso2 = "UA",
    .iso3 = "UKR",
    .names_from = "",
    .cities = kukUACities,
    .postal_format = "#####",
    .calling_code = "380",
    .trunk_prefix = "0",
    .phone_formats = kukUAPhones,
    .free_mail_domains = kukUAMail,
    .tld = "com.ua",
    .iban_country = "UA",
    .iban_length = 29,
    .bban_format = "{}###################",
    .bank_codes = kukUABanks,
};

// Iceland
constexpr City kisISCities[] = {
    {"Reykjavík", "1", "Höfuðborgarsvæðið", "10", "5"},
    {"Akureyri", "6", "Norðurland eystra", "60", "46"},
    {"Kópavogur", "1", "Höfuðborgarsvæðið", "20", "5"},
};
constexpr std::string_view kisISPhones[] = {"A## ####", "AA# ####"};
constexpr std::string_view kisISMail[] = {"gmail.com", "simnet.is", "visir.is", "hotmail.com"};
constexpr std::string_view kisISBanks[] = {"0159", "0111", "0133"};
constexpr LocaleData kisIS{
    .id = "is_IS",
    .country_name = "Iceland",
    .native_country_name = "Ísland",
    .iso2 = "IS",
    .iso3 = "ISL",
    .names_from = "",
    .cities = kisISCities,
    .postal_format = "###",
    .calling_code = "354",
    .trunk_prefix = "",
    .phone_formats = kisISPhones,
    .free_mail_domains = kisISMail,
    .tld = "is",
    .iban_country = "IS",
    .iban_length = 26,
    .bban_format = "{}##################",
    .bank_codes = kisISBanks,
};

constexpr const LocaleData* kExtras[] = {
    &kenCA, &kptBR, &kptPT, &kdeAT, &kdeCH, &knlNL, &knlBE, &kenIE, &kenAU, &kenIN, &kesMX,
    &kesAR, &kesCL, &ksvSE, &knbNO, &kdaDK, &kfiFI, &kplPL, &kcsCZ, &khuHU, &kesCO, &kesPE,
    &kelGR, &kroRO, &ktrTR, &karEG, &kfrMA, &kenNG, &kenKE, &kenZA, &kzhCN, &kjaJP, &kkoKR,
    &kidID, &kthTH, &kviVN, &kenPH, &kmsMY, &kenSG, &kenNZ, &kheIL, &karSA, &kukUA, &kisIS,
};

}  // namespace

std::span<const LocaleData* const> extra_countries() { return kExtras; }

}  // namespace relsynth::fake
