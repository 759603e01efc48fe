// es_ES: common Spanish names (two surnames), real cities with provincia, postcode and prefijo.
#include "model/fake_locales/fake_locale.h"

namespace relsynth::fake {
namespace {

constexpr std::string_view kAliases[] = {
    "España", "ES", "ESP", "Espana", "Reino de España", "Kingdom of Spain"};

constexpr std::string_view kMale[] = {
    "Antonio",  "José",      "Manuel",    "Francisco", "David",     "Juan",   "Javier",
    "Daniel",   "José Luis", "Carlos",    "Jesús",     "Alejandro", "Miguel", "José Antonio",
    "Rafael",   "Pedro",     "Ángel",     "Pablo",     "Fernando",  "Sergio", "Luis",
    "Jorge",    "Alberto",   "Álvaro",    "Diego",     "Adrián",    "Raúl",   "Enrique",
    "Ramón",    "Vicente",   "Iván",      "Rubén",     "Óscar",     "Andrés", "Joaquín",
    "Santiago", "Eduardo",   "Víctor",    "Roberto",   "Jaime",     "Mario",  "Ignacio",
    "Alfonso",  "Salvador",  "Ricardo",   "Marcos",    "Jordi",     "Hugo",   "Martín",
    "Lucas",    "Mateo",     "Leo",       "Marc",      "Gonzalo",   "Emilio", "Julián",
    "Agustín",  "Tomás",     "Guillermo", "Nicolás",   "Gabriel",   "Íñigo",  "Xavier",
    "Aitor",
};

constexpr std::string_view kFemale[] = {
    "María",   "Carmen",   "Ana",         "Isabel",     "Laura",   "Cristina",   "Marta",
    "Lucía",   "Dolores",  "Pilar",       "Paula",      "Elena",   "Raquel",     "Sara",
    "Manuela", "Rosa",     "Mercedes",    "Concepción", "Antonia", "Francisca",  "Teresa",
    "Rocío",   "Silvia",   "Patricia",    "Beatriz",    "Julia",   "Alba",       "Irene",
    "Andrea",  "Nuria",    "Montserrat",  "Yolanda",    "Rosario", "Inmaculada", "Eva",
    "Ángela",  "Sofía",    "Martina",     "Daniela",    "Valeria", "Carla",      "Claudia",
    "Noelia",  "Sonia",    "Lorena",      "Susana",     "Esther",  "Natalia",    "Marina",
    "Alicia",  "Victoria", "Encarnación", "Amparo",     "Nerea",   "Ainhoa",     "Aitana",
    "Lola",    "Inés",     "Blanca",      "Celia",      "Gloria",  "Miriam",     "Verónica",
    "Begoña",
};

constexpr std::string_view kLast[] = {
    "García",   "Rodríguez", "González", "Fernández", "López",   "Martínez",  "Sánchez",
    "Pérez",    "Gómez",     "Martín",   "Jiménez",   "Ruiz",    "Hernández", "Díaz",
    "Moreno",   "Muñoz",     "Álvarez",  "Romero",    "Alonso",  "Gutiérrez", "Navarro",
    "Torres",   "Domínguez", "Vázquez",  "Ramos",     "Gil",     "Ramírez",   "Serrano",
    "Blanco",   "Molina",    "Morales",  "Suárez",    "Ortega",  "Delgado",   "Castro",
    "Ortiz",    "Rubio",     "Marín",    "Sanz",      "Núñez",   "Iglesias",  "Medina",
    "Garrido",  "Cortés",    "Castillo", "Santos",    "Lozano",  "Guerrero",  "Cano",
    "Prieto",   "Méndez",    "Cruz",     "Calvo",     "Gallego", "Vidal",     "León",
    "Márquez",  "Herrera",   "Peña",     "Flores",    "Cabrera", "Campos",    "Vega",
    "Fuentes",  "Carrasco",  "Diez",     "Caballero", "Reyes",   "Nieto",     "Aguilar",
    "Pascual",  "Santana",   "Herrero",  "Lorenzo",   "Montero", "Hidalgo",   "Giménez",
    "Ibáñez",   "Ferrer",    "Durán",    "Santiago",  "Benítez", "Mora",      "Vicente",
    "Vargas",   "Arias",     "Carmona",  "Crespo",    "Román",   "Pastor",    "Soto",
    "Sáez",     "Velasco",   "Moya",     "Soler",     "Parra",   "Esteban",   "Bravo",
    "Gallardo", "Rojas",     "Pardo",    "Merino",    "Franco",  "Espinosa",  "Izquierdo",
    "Lara",     "Rivas",     "Silva",    "Rivera",    "Casado",  "Arroyo",    "Redondo",
    "Camacho",  "Rey",       "Vera",     "Otero",     "Luque",   "Galán",     "Montes",
};

// The type ("Calle") comes first; names carry their article.
constexpr std::string_view kStreets[] = {
    "Mayor",
    "Real",
    "de Alcalá",
    "de la Constitución",
    "de España",
    "Nueva",
    "del Sol",
    "de la Iglesia",
    "Cervantes",
    "de Andalucía",
    "Goya",
    "Velázquez",
    "San Juan",
    "San Francisco",
    "de la Paz",
    "del Carmen",
    "Santa María",
    "de los Reyes Católicos",
    "Príncipe de Vergara",
    "de Colón",
    "del Pilar",
    "de Blasco Ibáñez",
    "Ramón y Cajal",
    "Miguel de Unamuno",
    "de la Libertad",
    "del Mar",
    "de Valencia",
    "de Madrid",
    "de Castilla",
    "de la Estación",
    "de las Flores",
    "del Río",
    "Federico García Lorca",
    "Antonio Machado",
    "de Sevilla",
    "San Antonio",
    "de la Fuente",
    "del Rosario",
    "de Aragón",
    "Juan Carlos I",
};

constexpr StreetType kTypes[] = {
    {"Calle", "C/"},      {"Calle", "C/"},   {"Calle", "C/"},       {"Calle", "C/"},
    {"Avenida", "Avda."}, {"Plaza", "Pza."}, {"Paseo", "Pº"},       {"Camino", ""},
    {"Ronda", ""},        {"Calle", "C/"},   {"Travesía", "Trva."},
};

constexpr City kCities[] = {
    {"Madrid", "M", "Madrid", "28", "91"},
    {"Alcalá de Henares", "M", "Madrid", "288", "91"},
    {"Barcelona", "B", "Barcelona", "08", "93"},
    {"L'Hospitalet de Llobregat", "B", "Barcelona", "089", "93"},
    {"Valencia", "V", "Valencia", "46", "96"},
    {"Sevilla", "SE", "Sevilla", "41", "954"},
    {"Zaragoza", "Z", "Zaragoza", "50", "976"},
    {"Málaga", "MA", "Málaga", "29", "952"},
    {"Murcia", "MU", "Murcia", "30", "968"},
    {"Cartagena", "MU", "Murcia", "302", "968"},
    {"Palma", "PM", "Illes Balears", "07", "971"},
    {"Las Palmas de Gran Canaria", "GC", "Las Palmas", "35", "928"},
    {"Santa Cruz de Tenerife", "TF", "Santa Cruz de Tenerife", "38", "922"},
    {"Bilbao", "BI", "Bizkaia", "48", "944"},
    {"San Sebastián", "SS", "Gipuzkoa", "20", "943"},
    {"Vitoria-Gasteiz", "VI", "Álava", "01", "945"},
    {"Alicante", "A", "Alicante", "03", "965"},
    {"Elche", "A", "Alicante", "032", "966"},
    {"Córdoba", "CO", "Córdoba", "14", "957"},
    {"Granada", "GR", "Granada", "18", "958"},
    {"Almería", "AL", "Almería", "04", "950"},
    {"Cádiz", "CA", "Cádiz", "11", "956"},
    {"Huelva", "H", "Huelva", "21", "959"},
    {"Jaén", "J", "Jaén", "23", "953"},
    {"Valladolid", "VA", "Valladolid", "47", "983"},
    {"Salamanca", "SA", "Salamanca", "37", "923"},
    {"Burgos", "BU", "Burgos", "09", "947"},
    {"León", "LE", "León", "24", "987"},
    {"Vigo", "PO", "Pontevedra", "362", "986"},
    {"A Coruña", "C", "A Coruña", "15", "981"},
    {"Oviedo", "O", "Asturias", "33", "985"},
    {"Gijón", "O", "Asturias", "332", "985"},
    {"Pamplona", "NA", "Navarra", "31", "948"},
    {"Santander", "S", "Cantabria", "39", "942"},
    {"Logroño", "LO", "La Rioja", "26", "941"},
    {"Castellón de la Plana", "CS", "Castellón", "12", "964"},
    {"Tarragona", "T", "Tarragona", "43", "977"},
    {"Lleida", "L", "Lleida", "25", "973"},
    {"Girona", "GI", "Girona", "17", "972"},
    {"Toledo", "TO", "Toledo", "45", "925"},
    {"Badajoz", "BA", "Badajoz", "06", "924"},
    {"Cáceres", "CC", "Cáceres", "10", "927"},
};

constexpr std::string_view kPhoneFormats[] = {"AA ### ## ##", "AAA ### ###"};
constexpr std::string_view kSuffixes[] = {"S.L.", "S.L.", "S.A.", "S.L.U.", "S.Coop."};
constexpr std::string_view kWords[] = {
    "Construcciones", "Transportes", "Inmobiliaria", "Asesoría",      "Instalaciones", "Reformas",
    "Distribuciones", "Servicios",   "Informática",  "Consultores",   "Electricidad",  "Fontanería",
    "Muebles",        "Viajes",      "Imprenta",     "Alimentación",  "Talleres",      "Seguros",
    "Comercial",      "Ingeniería",  "Jardinería",   "Climatización", "Logística",     "Bodegas",
};
constexpr std::string_view kCompanyFormats[] = {
    "{w} {l} {x}", "{l} y {l} {x}", "{w} {c} {x}", "{l} e Hijos {x}", "{w} {l}", "Hermanos {l} {x}",
};
constexpr std::string_view kFreeMail[] = {"gmail.com",  "hotmail.com", "yahoo.es",
                                          "hotmail.es", "outlook.es",  "telefonica.net",
                                          "movistar.es"};
constexpr std::string_view kBanks[] = {"00490001", "01820001", "21000001", "00810001",
                                       "01280001", "20380001", "00750001", "30580001"};

constexpr LocaleData kData{
    .id = "es_ES",
    .country_name = "Spain",
    .native_country_name = "España",
    .iso2 = "ES",
    .iso3 = "ESP",
    .country_aliases = kAliases,
    .names_from = "es_ES",
    .male_first_names = kMale,
    .female_first_names = kFemale,
    .last_names = kLast,
    .double_surname_share = 0.6,
    .street_names = kStreets,
    .street_types = kTypes,
    .street_format = "{t} {s}, {n}",
    .house_number_digits = 3,
    .cities = kCities,
    .postal_format = "#####",
    .calling_code = "34",
    .trunk_prefix = "",
    .phone_formats = kPhoneFormats,
    .company_suffixes = kSuffixes,
    .company_words = kWords,
    .company_formats = kCompanyFormats,
    .free_mail_domains = kFreeMail,
    .tld = "es",
    .iban_country = "ES",
    .iban_length = 24,
    .bban_format = "{}############",
    .bank_codes = kBanks,
};

}  // namespace

const LocaleData& es_ES() { return kData; }

}  // namespace relsynth::fake
