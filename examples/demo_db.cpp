// relsynth_demo_db: writes a small, realistic retail database to SQLite, the way a shop's own
// application would (SQL DDL with declared types and constraints, then INSERTs). It plants known
// statistical patterns and exact rules (see examples/README.md) so that tests can check whether a
// synthetic twin keeps them. Stand-alone on purpose: it links only SQLite, not relsynth.
//
// Usage: relsynth_demo_db OUT.sqlite [--seed N] [--customers N] [--overwrite]

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <numbers>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "generator_support.h"

namespace {

namespace fs = std::filesystem;
namespace chr = std::chrono;

using generator::Db;
using generator::Insert;
using generator::Rng;
using generator::UsageFailure;

enum Stream : uint64_t {
  kStreamStores = 1,
  kStreamEmployees,
  kStreamProducts,
  kStreamCustomers,
  kStreamOrders,
  kStreamItems,
  kStreamPayments,
  kStreamReviews,
};

// ---------------------------------------------------------------------------------------------
// Dates as days since 1970-01-01, formatted as ISO text the way most applications store them.

using Day = int64_t;

Day make_day(int y, unsigned m, unsigned d) {
  return chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}}.time_since_epoch().count();
}

std::string format_date(Day day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string format_datetime(Day day, int seconds_of_day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", seconds_of_day / 3600, seconds_of_day / 60 % 60,
                seconds_of_day % 60);
  return format_date(day) + buf;
}

const Day kFirstSignup = make_day(2019, 1, 1);
const Day kLastSignup = make_day(2024, 9, 30);
const Day kLastDay = make_day(2024, 12, 31);  // the database is a snapshot taken at the end of it

// Money is kept in integer cents and written as DECIMAL(10,2) values.
double money(int64_t cents) { return static_cast<double>(cents) / 100.0; }

// ---------------------------------------------------------------------------------------------
// Word lists.

struct City {
  const char* name;
  const char* country;
  const char* postal_prefix;  // a real-looking prefix; the rest is random
  const char* phone_prefix;
  double weight;
};

// Postal-code shapes follow the country: '#' is a digit, '@' a capital letter.
const std::vector<City> kCities = {
    {"New York", "United States", "100##", "+1 212-555-", 9},
    {"Chicago", "United States", "606##", "+1 312-555-", 6},
    {"Austin", "United States", "787##", "+1 512-555-", 4},
    {"Seattle", "United States", "981##", "+1 206-555-", 4},
    {"Denver", "United States", "802##", "+1 303-555-", 3},
    {"Boston", "United States", "021##", "+1 617-555-", 4},
    {"London", "United Kingdom", "EC# #@@", "+44 20 7946 ", 8},
    {"Manchester", "United Kingdom", "M# #@@", "+44 161 496 ", 4},
    {"Leeds", "United Kingdom", "LS# #@@", "+44 113 496 ", 2},
    {"Berlin", "Germany", "10###", "+49 30 5550", 6},
    {"Hamburg", "Germany", "20###", "+49 40 5550", 3},
    {"München", "Germany", "80###", "+49 89 5550", 3},
    {"Paris", "France", "750##", "+33 1 55 50 ", 6},
    {"Lyon", "France", "690##", "+33 4 55 50 ", 2},
    {"Toronto", "Canada", "M#@ #@#", "+1 416-555-", 5},
    {"Vancouver", "Canada", "V#@ #@#", "+1 604-555-", 3},
};

const std::vector<std::string> kFirstNames = {
    "James",  "Mary",  "Robert", "Patricia", "John",   "Jennifer", "Michael", "Linda",
    "David",  "Sarah", "Daniel", "Emma",     "Thomas", "Olivia",   "Lukas",   "Sophie",
    "Hannah", "Felix", "Chloe",  "Hugo",     "Louise", "Amelia",   "Oliver",  "Isla",
    "Noah",   "Mia",   "Liam",   "Ava",      "Ethan",  "Zoe",      "Arjun",   "Priya",
    "Wei",    "Mei",   "Omar",   "Aisha",    "Mateo",  "Lucia",    "Kenji",   "Yuki",
    "Samuel", "Grace", "Leon",   "Clara",    "Marco",  "Elena",    "Ivan",    "Nadia"};

const std::vector<std::string> kLastNames = {
    "Smith",  "Johnson", "Williams", "Brown",    "Jones",   "Garcia",  "Miller",    "Davis",
    "Wilson", "Taylor",  "Anderson", "Thomas",   "Moore",   "Martin",  "Lee",       "Clark",
    "Lewis",  "Walker",  "Hall",     "Young",    "Mueller", "Schmidt", "Schneider", "Fischer",
    "Weber",  "Wagner",  "Dubois",   "Durand",   "Leroy",   "Moreau",  "Evans",     "Hughes",
    "Patel",  "Singh",   "Chen",     "Wang",     "Kim",     "Nguyen",  "Tanaka",    "Sato",
    "Rossi",  "Bianchi", "Novak",    "Kowalski", "Silva",   "Costa",   "Murphy",    "Kelly"};

const std::vector<std::string> kPersonalDomains = {"mailbox.example", "inbox.example",
                                                   "webpost.example", "freemail.example"};
const std::vector<std::string> kCompanyWords = {
    "acme",    "globex", "initech", "umbrella",  "stark",  "wayne",     "hooli",   "vandelay",
    "soylent", "tyrell", "wonka",   "cyberdyne", "oscorp", "gringotts", "monarch", "pied-piper"};

struct Category {
  std::string name;
  double share;                        // share of the product catalogue
  double median_price;                 // the price level (pattern 2)
  double price_sigma;                  // spread of log price
  double popularity;                   // how often its products are bought
  std::vector<double> rating_weights;  // P(rating = 1..5) (pattern 8)
  std::vector<std::string> nouns;
};

const std::vector<double> kUsualRatings = {0.03, 0.05, 0.12, 0.35, 0.45};
const std::vector<double> kToyRatings = {0.20, 0.25, 0.28, 0.16, 0.11};

const std::vector<Category> kCategories = {
    {"electronics",
     0.15,
     240.0,
     0.70,
     0.8,
     kUsualRatings,
     {"Headphones", "Laptop", "Monitor", "Tablet", "Speaker", "Camera", "Router", "Smartwatch"}},
    {"home",
     0.18,
     45.0,
     0.60,
     0.9,
     kUsualRatings,
     {"Lamp", "Cushion", "Blender", "Kettle", "Rug", "Shelf", "Toaster", "Vase"}},
    {"clothing",
     0.17,
     35.0,
     0.50,
     1.0,
     kUsualRatings,
     {"T-Shirt", "Jeans", "Jacket", "Sweater", "Scarf", "Sneakers", "Dress", "Hoodie"}},
    {"sports",
     0.12,
     55.0,
     0.60,
     0.7,
     kUsualRatings,
     {"Yoga Mat", "Dumbbell", "Football", "Tennis Racket", "Water Bottle", "Bike Helmet"}},
    {"books",
     0.15,
     14.0,
     0.35,
     0.8,
     kUsualRatings,
     {"Cookbook", "Novel", "Atlas", "Biography", "Travel Guide", "Poetry Collection"}},
    {"groceries",
     0.15,
     4.5,
     0.50,
     2.2,
     kUsualRatings,
     {"Coffee", "Olive Oil", "Pasta", "Green Tea", "Chocolate", "Honey", "Rice", "Granola"}},
    {"toys",
     0.08,
     22.0,
     0.55,
     0.7,
     kToyRatings,
     {"Puzzle", "Building Set", "Plush Bear", "Toy Car", "Board Game", "Kite"}},
};

const std::vector<std::string> kAdjectives = {"Classic", "Nova",   "Urban",  "Eco",   "Prime",
                                              "Swift",   "Aurora", "Summit", "Pure",  "Vivid",
                                              "Nordic",  "Atlas",  "Zen",    "Royal", "Bright"};

const std::vector<std::string> kSegments = {"consumer", "small_business", "enterprise"};
const std::vector<double> kSegmentShares = {0.70, 0.20, 0.10};
const std::vector<double> kOrdersPerYear = {0.55, 1.2, 2.6};        // pattern 1
const std::vector<double> kLateProbability = {0.05, 0.30, 0.06};    // pattern 4
const std::vector<double> kOnlineProbability = {0.55, 0.60, 0.85};  // channel mix
const std::vector<int> kPaymentTermDays = {14, 30, 30};

// ---------------------------------------------------------------------------------------------
// Rows as generated, before they are written.

struct Store {
  std::string name;
  size_t city;
  Day opened;
  int64_t manager_id = 0;  // 0 = vacant
};

struct Employee {
  std::string first_name, last_name;
  int64_t store_id;
  std::string role;
  Day hired;
  int64_t salary_cents;
};

struct Product {
  std::string sku, name, noun;
  size_t category;
  int64_t price_cents;
  double popularity;
};

struct Customer {
  std::string first_name, last_name, email, phone, postal_code;
  size_t city;
  size_t segment;
  Day signup;
  int64_t referred_by = 0;  // 0 = NULL
};

struct Item {
  int64_t product_id;
  int quantity;
  int64_t unit_price_cents;
};

struct Order {
  int64_t customer_id;
  int64_t store_id;
  int64_t employee_id = 0;  // 0 = NULL (online)
  Day day;
  int seconds;
  bool online;
  std::string status;
  std::vector<Item> items;
  int64_t total_cents = 0;
};

struct Payment {
  int64_t order_id;
  std::string method;
  int64_t amount_cents;
  Day due;
  Day paid;  // < 0 = NULL (not paid at snapshot time)
  bool late;
};

struct Review {
  int64_t product_id, customer_id;
  int rating;
  std::string text;  // empty = NULL (a rating without text)
  Day day;
};

struct DemoData {
  std::vector<Store> stores;
  std::vector<Employee> employees;
  std::vector<Product> products;
  std::vector<Customer> customers;
  std::vector<Order> orders;
  std::vector<Payment> payments;
  std::vector<Review> reviews;
};

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Fills a pattern: '#' becomes a digit, '@' a capital letter, the rest is kept.
std::string fill_pattern(Rng& rng, std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    if (c == '#') {
      out += static_cast<char>('0' + rng.range(0, 9));
    } else if (c == '@') {
      out += static_cast<char>('A' + rng.range(0, 25));
    } else {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generation, parents before children.

void make_stores_and_staff(DemoData& db, uint64_t seed, int64_t n_customers) {
  Rng rng(seed, kStreamStores);
  const int64_t n_stores = std::max<int64_t>(3, n_customers / 80);
  static const std::vector<std::string> kStoreKinds = {"Central", "Mall",      "Outlet",
                                                       "Station", "Riverside", "Market Square"};
  std::vector<double> city_weights;
  for (const auto& city : kCities) city_weights.push_back(city.weight);
  std::set<std::string> names;
  for (int64_t i = 0; i < n_stores; ++i) {
    Store store;
    // The first stores cover the biggest cities, so that most customers have a local store.
    store.city = i < static_cast<int64_t>(kCities.size()) && i < n_stores * 2 / 3
                     ? static_cast<size_t>(i)
                     : rng.weighted(city_weights);
    store.name = std::string(kCities[store.city].name) + " " + rng.pick(kStoreKinds);
    if (names.count(store.name)) store.name += " " + std::to_string(i + 1);  // name is UNIQUE
    names.insert(store.name);
    store.opened = make_day(2008, 1, 1) + rng.range(0, 365 * 10);
    db.stores.push_back(store);
  }

  Rng staff_rng(seed, kStreamEmployees);
  // Role -> salary band in cents (pattern 9: salary by role).
  struct Role {
    const char* name;
    int64_t low, high;
  };
  static const std::vector<Role> kRoles = {{"sales_associate", 3400000, 4600000},
                                           {"cashier", 2800000, 3600000},
                                           {"stock_clerk", 3000000, 4000000}};
  const int64_t vacant_store = n_stores >= 4 ? 2 : 0;  // one store is between managers
  for (int64_t s = 1; s <= n_stores; ++s) {
    Store& store = db.stores[static_cast<size_t>(s - 1)];
    auto hire = [&](const std::string& role, Day hired, int64_t salary_cents) {
      Employee e{
          staff_rng.pick(kFirstNames), staff_rng.pick(kLastNames), s, role, hired, salary_cents};
      db.employees.push_back(e);
      return static_cast<int64_t>(db.employees.size());
    };
    if (s != vacant_store) {
      const int64_t salary = staff_rng.range(6200000, 8500000) / 100 * 100;
      store.manager_id = hire("store_manager", store.opened, salary);
    }
    const int64_t staff = staff_rng.range(5, 10);
    for (int64_t k = 0; k < staff; ++k) {
      const Role& role = kRoles[static_cast<size_t>(k < 3 ? k : staff_rng.range(0, 2))];
      // The first two were hired at the opening (before any order); later ones any time since.
      const Day hired = k < 2 ? store.opened + staff_rng.range(0, 180)
                              : staff_rng.range(store.opened, make_day(2024, 6, 30));
      const double years = static_cast<double>(kLastDay - hired) / 365.25;
      int64_t salary = staff_rng.range(role.low, role.high) +
                       static_cast<int64_t>(years * 40000.0);  // a small seniority raise
      hire(role.name, hired, salary / 100 * 100);
    }
  }
}

void make_products(DemoData& db, uint64_t seed, int64_t n_customers) {
  Rng rng(seed, kStreamProducts);
  const int64_t n_products = std::clamp<int64_t>(n_customers / 5, 30, 2000);
  // Each category gets its share of the catalogue (rounded down, the rest drawn by share), in
  // shuffled order, so that even a small catalogue has every category.
  std::vector<double> shares;
  std::vector<size_t> categories;
  for (size_t c = 0; c < kCategories.size(); ++c) {
    shares.push_back(kCategories[c].share);
    const auto count = static_cast<int64_t>(kCategories[c].share * static_cast<double>(n_products));
    categories.insert(categories.end(), static_cast<size_t>(std::max<int64_t>(1, count)), c);
  }
  while (static_cast<int64_t>(categories.size()) < n_products) {
    categories.push_back(rng.weighted(shares));
  }
  categories.resize(static_cast<size_t>(n_products));
  for (size_t i = categories.size(); i > 1; --i) {
    std::swap(categories[i - 1],
              categories[static_cast<size_t>(rng.range(0, static_cast<int64_t>(i) - 1))]);
  }
  for (int64_t i = 1; i <= n_products; ++i) {
    Product p;
    char sku[24];
    std::snprintf(sku, sizeof sku, "SKU-%05lld", static_cast<long long>(i));
    p.sku = sku;
    p.category = categories[static_cast<size_t>(i - 1)];
    const Category& cat = kCategories[p.category];
    p.noun = rng.pick(cat.nouns);
    p.name = rng.pick(kAdjectives) + " " + p.noun;
    if (cat.name == "groceries") p.name += " " + std::to_string(rng.range(1, 10) * 100) + "g";
    if (cat.name == "electronics") p.name += " " + std::to_string(rng.range(2, 9)) + "00";
    // Log-normal price around the category's level, with shop-style endings: 129.99, 4.49.
    const double price = cat.median_price * std::exp(cat.price_sigma * rng.normal());
    const int64_t step = price >= 20.0 ? 100 : 10;
    p.price_cents = std::max<int64_t>(step, std::llround(price * 100.0 / step) * step) - 1;
    // A few best sellers and a long tail.
    p.popularity = cat.popularity * std::exp(1.0 * rng.normal());
    db.products.push_back(p);
  }
}

void make_customers(DemoData& db, uint64_t seed, int64_t n_customers) {
  Rng rng(seed, kStreamCustomers);
  // Signups grow over time: skew towards later dates. Ids follow signup order, as an
  // auto-increment key would.
  std::vector<Day> signups;
  for (int64_t i = 0; i < n_customers; ++i) {
    const double u = std::pow(rng.uniform(), 0.75);
    signups.push_back(kFirstSignup +
                      static_cast<Day>(u * static_cast<double>(kLastSignup - kFirstSignup)));
  }
  std::sort(signups.begin(), signups.end());

  std::vector<double> city_weights;
  for (const auto& city : kCities) city_weights.push_back(city.weight);
  std::set<std::string> emails;
  for (int64_t i = 0; i < n_customers; ++i) {
    Customer c;
    c.signup = signups[static_cast<size_t>(i)];
    c.segment = rng.weighted(kSegmentShares);
    c.first_name = rng.pick(kFirstNames);
    c.last_name = rng.pick(kLastNames);
    // Referrals point at an earlier customer, so the chains never loop; friends tend to live in
    // the same city and be of the same kind.
    if (i > 0 && rng.chance(0.25)) {
      c.referred_by = rng.range(std::max<int64_t>(1, i - 200), i);
      const Customer& referrer = db.customers[static_cast<size_t>(c.referred_by - 1)];
      if (rng.chance(0.6))
        c.city = referrer.city;
      else
        c.city = rng.weighted(city_weights);
      if (rng.chance(0.5)) c.segment = referrer.segment;
    } else {
      c.city = rng.weighted(city_weights);
    }
    const std::string local = lower_ascii(c.first_name) + "." + lower_ascii(c.last_name);
    const std::string domain =
        c.segment == 0 ? rng.pick(kPersonalDomains) : rng.pick(kCompanyWords) + ".example";
    c.email = local + "@" + domain;
    for (int n = 2; emails.count(c.email); ++n) c.email = local + std::to_string(n) + "@" + domain;
    emails.insert(c.email);
    const City& city = kCities[c.city];
    if (!rng.chance(0.08))
      c.phone = fill_pattern(rng, city.phone_prefix) + fill_pattern(rng, "####");
    if (!rng.chance(0.03)) c.postal_code = fill_pattern(rng, city.postal_prefix);
    db.customers.push_back(c);
  }
}

// The store a customer shops at: a local one most of the time.
int64_t choose_store(Rng& rng, const std::vector<std::vector<int64_t>>& stores_by_city,
                     int64_t n_stores, const Customer& c) {
  const auto& local = stores_by_city[c.city];
  if (!local.empty() && rng.chance(0.85)) return rng.pick(local);
  return rng.range(1, n_stores);
}

void make_orders(DemoData& db, uint64_t seed) {
  Rng rng(seed, kStreamOrders);
  std::vector<std::vector<int64_t>> staff_by_store(db.stores.size());
  for (size_t e = 0; e < db.employees.size(); ++e) {
    staff_by_store[static_cast<size_t>(db.employees[e].store_id - 1)].push_back(
        static_cast<int64_t>(e + 1));
  }
  std::vector<std::vector<int64_t>> stores_by_city(kCities.size());
  for (size_t s = 0; s < db.stores.size(); ++s) {
    stores_by_city[db.stores[s].city].push_back(static_cast<int64_t>(s + 1));
  }
  const auto n_stores = static_cast<int64_t>(db.stores.size());
  for (size_t ci = 0; ci < db.customers.size(); ++ci) {
    const Customer& c = db.customers[ci];
    const double years = static_cast<double>(kLastDay - c.signup + 1) / 365.25;
    // Each customer has their own appetite around the segment's rate (pattern 1).
    const double rate = kOrdersPerYear[c.segment] * std::exp(0.4 * rng.normal() - 0.08);
    const int n = rng.poisson(rate * years);
    for (int k = 0; k < n; ++k) {
      Order o;
      o.customer_id = static_cast<int64_t>(ci + 1);
      o.day = rng.range(c.signup, kLastDay);  // pattern 3: never before the signup
      o.online = rng.chance(kOnlineProbability[c.segment]);
      o.store_id = choose_store(rng, stores_by_city, n_stores, c);
      if (o.online) {
        // Online orders happen at any hour, mostly in the evening.
        const double hour = std::fmod(20.0 + 4.0 * rng.normal() + 24.0, 24.0);
        o.seconds = std::clamp(static_cast<int>(hour * 3600.0), 0, 86399);
      } else {
        o.seconds = static_cast<int>(rng.range(9 * 3600, 20 * 3600 + 59 * 60));
        // Pattern 5: the seller works at this store and had been hired by then.
        std::vector<int64_t> eligible;
        for (int64_t e : staff_by_store[static_cast<size_t>(o.store_id - 1)]) {
          if (db.employees[static_cast<size_t>(e - 1)].hired <= o.day) eligible.push_back(e);
        }
        o.employee_id = rng.pick(eligible);
      }
      const Day age = kLastDay - o.day;
      if (o.online && age < 4) {
        o.status = "pending";
      } else if (o.online && age < 10) {
        o.status = "shipped";
      } else {
        const double u = rng.uniform();
        o.status = u < 0.06 ? "returned" : (o.online && u < 0.10) ? "cancelled" : "delivered";
      }
      db.orders.push_back(o);
    }
  }
  // Order ids follow time, as an auto-increment key would.
  std::stable_sort(db.orders.begin(), db.orders.end(), [](const Order& a, const Order& b) {
    return std::pair(a.day, a.seconds) < std::pair(b.day, b.seconds);
  });
}

void make_items(DemoData& db, uint64_t seed) {
  Rng rng(seed, kStreamItems);
  // Cumulative popularity, searched by bisection: large catalogues stay fast.
  std::vector<double> cumulative;
  double total_popularity = 0;
  for (const auto& p : db.products) cumulative.push_back(total_popularity += p.popularity);
  auto draw_product = [&]() {
    const auto it =
        std::upper_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total_popularity);
    return std::min<int64_t>(it - cumulative.begin(), static_cast<int64_t>(cumulative.size()) - 1) +
           1;
  };
  for (auto& o : db.orders) {
    const Customer& c = db.customers[static_cast<size_t>(o.customer_id - 1)];
    const bool business = c.segment != 0;
    const int n_items = std::min(8, 1 + rng.poisson(business ? 1.8 : 1.1));
    std::set<int64_t> chosen;
    for (int k = 0; k < n_items; ++k) {
      int64_t pid = 0;
      for (int attempt = 0; attempt < 20 && (pid == 0 || chosen.count(pid)); ++attempt) {
        pid = draw_product();
      }
      if (chosen.count(pid)) continue;  // PRIMARY KEY (order_id, product_id)
      chosen.insert(pid);
      const Product& p = db.products[static_cast<size_t>(pid - 1)];
      // Pattern 7: cheap items are bought by the handful, expensive ones one at a time.
      const double price = money(p.price_cents);
      const double lambda = (business ? 2.0 : 1.0) * 5.0 / (1.0 + price / 6.0);
      const int quantity = 1 + std::min(rng.poisson(lambda), 49);
      // Pattern 6: the line carries the catalogue price.
      o.items.push_back({pid, quantity, p.price_cents});
      o.total_cents += quantity * p.price_cents;
    }
  }
}

void make_payments(DemoData& db, uint64_t seed) {
  Rng rng(seed, kStreamPayments);
  for (size_t oi = 0; oi < db.orders.size(); ++oi) {
    const Order& o = db.orders[oi];
    if (o.status == "cancelled") continue;  // nothing was charged
    const Customer& c = db.customers[static_cast<size_t>(o.customer_id - 1)];
    const int installments = rng.chance(c.segment == 2 ? 0.25 : 0.05) ? 2 : 1;
    std::string method;
    if (!o.online) {
      method = rng.chance(0.75) ? "card" : "cash";
    } else if (c.segment == 0) {
      method = rng.chance(0.7) ? "card" : "paypal";
    } else {
      static const std::vector<std::string> kBusiness = {"card", "bank_transfer", "invoice",
                                                         "invoice"};
      method = rng.pick(kBusiness);
    }
    int64_t remaining = o.total_cents;
    for (int k = 0; k < installments; ++k) {
      Payment p;
      p.order_id = static_cast<int64_t>(oi + 1);
      p.method = method;
      p.amount_cents = k + 1 == installments ? remaining : remaining / 2;
      remaining -= p.amount_cents;
      p.due = o.day + kPaymentTermDays[c.segment] * (k + 1);
      // Pattern 4: one segment pays late far more often; at the till it rarely happens.
      const double late_p = kLateProbability[c.segment] * (o.online ? 1.0 : 0.3);
      const bool late = rng.chance(late_p);
      // Pattern 3: never paid before the order was placed.
      p.paid = late       ? p.due + 1 + std::min<Day>(rng.poisson(12.0), 90)
               : o.online ? rng.range(o.day, p.due)
                          : o.day;
      if (p.paid > kLastDay) p.paid = -1;  // not paid yet at snapshot time
      p.late = p.paid >= 0 ? p.paid > p.due : p.due <= kLastDay;
      if (p.amount_cents > 0) db.payments.push_back(p);
    }
  }
}

void make_reviews(DemoData& db, uint64_t seed) {
  Rng rng(seed, kStreamReviews);
  static const std::vector<std::string> kGood = {"Great", "Excellent", "Really nice", "Lovely",
                                                 "Solid"};
  static const std::vector<std::string> kGoodTail = {
      "Works exactly as described.", "Would buy again.", "Fast delivery, well packed.",
      "Good value for the price.", "My family loves it."};
  static const std::vector<std::string> kMid = {"Decent", "Okay", "Average", "Fine"};
  static const std::vector<std::string> kMidTail = {"Does the job.", "A bit smaller than expected.",
                                                    "Nothing special.", "Delivery took a while."};
  static const std::vector<std::string> kBad = {"Disappointing", "Poor", "Cheaply made",
                                                "Not worth it"};
  static const std::vector<std::string> kBadTail = {"Broke after a week.", "Not as pictured.",
                                                    "Missing parts.", "Returned it.",
                                                    "Would not recommend."};
  std::set<std::pair<int64_t, int64_t>> reviewed;
  for (const auto& o : db.orders) {
    if (o.status != "delivered") continue;
    for (const auto& item : o.items) {
      if (!rng.chance(0.12)) continue;
      if (!reviewed.insert({o.customer_id, item.product_id}).second) continue;
      const Day day = o.day + 2 + std::min<Day>(rng.poisson(8.0), 60);
      if (day > kLastDay) continue;
      const Product& p = db.products[static_cast<size_t>(item.product_id - 1)];
      const Category& cat = kCategories[p.category];
      Review r;
      r.product_id = item.product_id;
      r.customer_id = o.customer_id;
      r.rating = static_cast<int>(rng.weighted(cat.rating_weights)) + 1;  // pattern 8
      r.day = day;
      if (!rng.chance(0.15)) {
        const std::string noun = lower_ascii(p.noun);
        if (r.rating >= 4) {
          r.text = rng.pick(kGood) + " " + noun + ". " + rng.pick(kGoodTail);
        } else if (r.rating == 3) {
          r.text = rng.pick(kMid) + " " + noun + ". " + rng.pick(kMidTail);
        } else {
          r.text = rng.pick(kBad) + ". " + rng.pick(kBadTail);
        }
      }
      db.reviews.push_back(r);
    }
  }
  std::stable_sort(db.reviews.begin(), db.reviews.end(),
                   [](const Review& a, const Review& b) { return a.day < b.day; });
}

// ---------------------------------------------------------------------------------------------
// Writing with plain SQL.

constexpr const char* kSchema = R"sql(
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  first_name VARCHAR(40) NOT NULL,
  last_name VARCHAR(40) NOT NULL,
  email VARCHAR(120) NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
  phone VARCHAR(24),
  city VARCHAR(60) NOT NULL,
  country VARCHAR(60) NOT NULL,
  postal_code VARCHAR(12),
  segment VARCHAR(20) NOT NULL CHECK (segment IN ('consumer', 'small_business', 'enterprise')),
  signup_date DATE NOT NULL,
  referred_by INTEGER REFERENCES customers (customer_id)
);
CREATE TABLE stores (
  store_id INTEGER PRIMARY KEY,
  name VARCHAR(80) NOT NULL UNIQUE,
  city VARCHAR(60) NOT NULL,
  opened_date DATE NOT NULL,
  manager_id INTEGER REFERENCES employees (employee_id)
);
CREATE TABLE employees (
  employee_id INTEGER PRIMARY KEY,
  first_name VARCHAR(40) NOT NULL,
  last_name VARCHAR(40) NOT NULL,
  store_id INTEGER NOT NULL REFERENCES stores (store_id),
  role VARCHAR(20) NOT NULL
    CHECK (role IN ('store_manager', 'sales_associate', 'cashier', 'stock_clerk')),
  hire_date DATE NOT NULL,
  salary DECIMAL(10,2) NOT NULL CHECK (salary > 0)
);
CREATE TABLE products (
  product_id INTEGER PRIMARY KEY,
  sku VARCHAR(12) NOT NULL UNIQUE,
  name VARCHAR(80) NOT NULL,
  category VARCHAR(20) NOT NULL,
  price DECIMAL(10,2) NOT NULL CHECK (price >= 0)
);
CREATE TABLE orders (
  order_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  store_id INTEGER NOT NULL REFERENCES stores (store_id),
  employee_id INTEGER REFERENCES employees (employee_id),
  order_date DATETIME NOT NULL,
  channel VARCHAR(10) NOT NULL CHECK (channel IN ('online', 'store')),
  status VARCHAR(12) NOT NULL
    CHECK (status IN ('pending', 'shipped', 'delivered', 'returned', 'cancelled')),
  total DECIMAL(10,2) NOT NULL CHECK (total >= 0)
);
CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (order_id),
  product_id INTEGER NOT NULL REFERENCES products (product_id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price DECIMAL(10,2) NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, product_id)
);
CREATE TABLE payments (
  payment_id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (order_id),
  method VARCHAR(16) NOT NULL
    CHECK (method IN ('card', 'cash', 'paypal', 'bank_transfer', 'invoice')),
  amount DECIMAL(10,2) NOT NULL CHECK (amount > 0),
  due_date DATE NOT NULL,
  paid_date DATE,
  is_late BOOLEAN NOT NULL DEFAULT 0 CHECK (is_late IN (0, 1))
);
CREATE TABLE reviews (
  review_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (product_id),
  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  review_text TEXT,
  review_date DATE NOT NULL
);
CREATE INDEX idx_customers_referred_by ON customers (referred_by);
CREATE INDEX idx_orders_customer ON orders (customer_id);
CREATE INDEX idx_orders_date ON orders (order_date);
CREATE INDEX idx_order_items_product ON order_items (product_id);
CREATE INDEX idx_payments_order ON payments (order_id);
CREATE INDEX idx_reviews_product ON reviews (product_id);
)sql";

void write_database(const DemoData& data, const std::string& path) {
  Db db(path);
  db.exec("PRAGMA foreign_keys = ON;");  // the shop's own application enforces its keys
  db.exec("BEGIN;");
  db.exec(kSchema);

  // stores <-> employees is a cycle: stores first without managers, then staff, then managers.
  {
    Insert ins(db, "INSERT INTO stores (store_id, name, city, opened_date) VALUES (?, ?, ?, ?)");
    for (size_t i = 0; i < data.stores.size(); ++i) {
      const Store& s = data.stores[i];
      ins.add(static_cast<int64_t>(i + 1)).add(s.name).add(std::string(kCities[s.city].name));
      ins.add(format_date(s.opened)).run();
    }
  }
  {
    Insert ins(db,
               "INSERT INTO employees (employee_id, first_name, last_name, store_id, role, "
               "hire_date, salary) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < data.employees.size(); ++i) {
      const Employee& e = data.employees[i];
      ins.add(static_cast<int64_t>(i + 1)).add(e.first_name).add(e.last_name).add(e.store_id);
      ins.add(e.role).add(format_date(e.hired)).add(money(e.salary_cents)).run();
    }
  }
  {
    Insert ins(db, "UPDATE stores SET manager_id = ? WHERE store_id = ?");
    for (size_t i = 0; i < data.stores.size(); ++i) {
      if (data.stores[i].manager_id == 0) continue;
      ins.add(data.stores[i].manager_id).add(static_cast<int64_t>(i + 1)).run();
    }
  }
  {
    Insert ins(db,
               "INSERT INTO products (product_id, sku, name, category, price) "
               "VALUES (?, ?, ?, ?, ?)");
    for (size_t i = 0; i < data.products.size(); ++i) {
      const Product& p = data.products[i];
      ins.add(static_cast<int64_t>(i + 1)).add(p.sku).add(p.name);
      ins.add(kCategories[p.category].name).add(money(p.price_cents)).run();
    }
  }
  {
    Insert ins(db,
               "INSERT INTO customers (customer_id, first_name, last_name, email, phone, city, "
               "country, postal_code, segment, signup_date, referred_by) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < data.customers.size(); ++i) {
      const Customer& c = data.customers[i];
      const City& city = kCities[c.city];
      ins.add(static_cast<int64_t>(i + 1)).add(c.first_name).add(c.last_name).add(c.email);
      ins.text_or_null(c.phone).add(std::string(city.name)).add(std::string(city.country));
      ins.text_or_null(c.postal_code).add(kSegments[c.segment]).add(format_date(c.signup));
      ins.id_or_null(c.referred_by).run();
    }
  }
  {
    Insert orders(db,
                  "INSERT INTO orders (order_id, customer_id, store_id, employee_id, order_date, "
                  "channel, status, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    Insert items(db,
                 "INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
                 "VALUES (?, ?, ?, ?)");
    for (size_t i = 0; i < data.orders.size(); ++i) {
      const Order& o = data.orders[i];
      const auto id = static_cast<int64_t>(i + 1);
      orders.add(id).add(o.customer_id).add(o.store_id).id_or_null(o.employee_id);
      orders.add(format_datetime(o.day, o.seconds)).add(std::string(o.online ? "online" : "store"));
      orders.add(o.status).add(money(o.total_cents)).run();
      for (const Item& item : o.items) {
        items.add(id).add(item.product_id).add(item.quantity).add(money(item.unit_price_cents));
        items.run();
      }
    }
  }
  {
    Insert ins(db,
               "INSERT INTO payments (payment_id, order_id, method, amount, due_date, paid_date, "
               "is_late) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < data.payments.size(); ++i) {
      const Payment& p = data.payments[i];
      ins.add(static_cast<int64_t>(i + 1)).add(p.order_id).add(p.method);
      ins.add(money(p.amount_cents)).add(format_date(p.due));
      if (p.paid >= 0) {
        ins.add(format_date(p.paid));
      } else {
        ins.null();
      }
      ins.add(p.late ? 1 : 0).run();
    }
  }
  {
    Insert ins(db,
               "INSERT INTO reviews (review_id, product_id, customer_id, rating, review_text, "
               "review_date) VALUES (?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < data.reviews.size(); ++i) {
      const Review& r = data.reviews[i];
      ins.add(static_cast<int64_t>(i + 1)).add(r.product_id).add(r.customer_id).add(r.rating);
      ins.text_or_null(r.text).add(format_date(r.day)).run();
    }
  }
  db.exec("COMMIT;");
  db.close();
}

// ---------------------------------------------------------------------------------------------

struct Options {
  std::string out;
  uint64_t seed = 42;
  int64_t customers = 1000;
  bool overwrite = false;
};

constexpr const char* kUsage =
    "usage: relsynth_demo_db OUT.sqlite [--seed N] [--customers N] [--overwrite]\n"
    "Writes a small retail database (customers, stores, employees, products, orders,\n"
    "order_items, payments, reviews) with known planted patterns. Same seed, same data.\n";

Options parse_options(int argc, char** argv) {
  Options opt;
  uint64_t customers = static_cast<uint64_t>(opt.customers);
  opt.out = generator::parse_arguments(
      argc, argv, kUsage, opt.overwrite,
      {{"--seed", 0, UINT64_MAX, &opt.seed}, {"--customers", 10, 1000000, &customers}});
  opt.customers = static_cast<int64_t>(customers);
  return opt;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  try {
    opt = parse_options(argc, argv);
  } catch (const UsageFailure& e) {
    std::fprintf(stderr, "relsynth_demo_db: %s\n%s", e.what(), kUsage);
    return 2;
  }
  try {
    DemoData data;
    make_stores_and_staff(data, opt.seed, opt.customers);
    make_products(data, opt.seed, opt.customers);
    make_customers(data, opt.seed, opt.customers);
    make_orders(data, opt.seed);
    make_items(data, opt.seed);
    make_payments(data, opt.seed);
    make_reviews(data, opt.seed);
    generator::write_beside_then_rename(
        opt.out, opt.overwrite, [&](const std::string& path) { write_database(data, path); });
    size_t items = 0;
    for (const auto& o : data.orders) items += o.items.size();
    const size_t rows = data.stores.size() + data.employees.size() + data.products.size() +
                        data.customers.size() + data.orders.size() + items + data.payments.size() +
                        data.reviews.size();
    std::printf(
        "wrote %s: %zu rows (customers %zu, stores %zu, employees %zu, products %zu, "
        "orders %zu, order_items %zu, payments %zu, reviews %zu), seed %llu\n",
        opt.out.c_str(), rows, data.customers.size(), data.stores.size(), data.employees.size(),
        data.products.size(), data.orders.size(), items, data.payments.size(), data.reviews.size(),
        static_cast<unsigned long long>(opt.seed));
  } catch (const UsageFailure& e) {
    std::fprintf(stderr, "relsynth_demo_db: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relsynth_demo_db: %s\n", e.what());
    return 4;
  }
  return 0;
}
