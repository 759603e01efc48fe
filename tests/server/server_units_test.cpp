// The web app's building blocks on their own: the password store (kept apart from URLs, put back
// percent-encoded, scrubbed from messages) and the root guard (.., absolute paths, symlinks out).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server/described_sources.h"
#include "server/http_util.h"
#include "server/path_guard.h"
#include "server/secrets.h"
#include "test_support.h"

namespace relsynth::server {
namespace {

namespace fs = std::filesystem;

TEST(WebSecrets, PasswordsAreKeptApartAndPutBackEncoded) {
  SecretStore secrets;
  const std::string bare = "postgresql://ana@db:5432/shop?schema=s";
  EXPECT_EQ(secrets.with_password(bare), bare);  // none known
  EXPECT_EQ(secrets.absorb("postgresql://ana:p%40ss@db:5432/shop?schema=s"), bare);
  EXPECT_TRUE(secrets.knows(bare));
  // Another schema of the same database gets it too; the password is encoded again.
  EXPECT_EQ(secrets.with_password("postgresql://ana@db:5432/shop?schema=t"),
            "postgresql://ana:p%40ss@db:5432/shop?schema=t");
  EXPECT_EQ(secrets.with_password("postgresql://bob@db:5432/shop"),
            "postgresql://bob@db:5432/shop");
  EXPECT_EQ(secrets.scrub("could not connect with p@ss to db"), "could not connect with *** to db");
  EXPECT_EQ(password_in_uri("mysql://u:a%3Ab@h/d"), "a:b");
  EXPECT_EQ(uri_with_password("mysql://u@h/d", "a:b/c"), "mysql://u:a%3Ab%2Fc@h/d");
  EXPECT_EQ(uri_with_password("shop.sqlite", "x"), "shop.sqlite");  // files have none
  secrets.remember(bare, "");
  EXPECT_FALSE(secrets.knows(bare));
}

TEST(WebPathGuard, RefusesWhatLiesOutsideTheRoot) {
  testing::TempDir dir;
  const fs::path root = fs::path(dir.path()) / "root";
  fs::create_directories(root / "data");
  fs::create_directories(fs::path(dir.path()) / "outside");
  fs::create_symlink(fs::path(dir.path()) / "outside", root / "out");
  fs::create_symlink(root / "data", root / "in");
  const PathGuard guard(root);
  EXPECT_EQ(guard.resolve("data"), fs::canonical(root / "data"));
  EXPECT_EQ(guard.resolve("in/x.csv"), fs::canonical(root / "data") / "x.csv");
  EXPECT_EQ(guard.relative(guard.resolve(".")), ".");
  for (const std::string path : {"..", "../root2", "data/../..", "/etc/passwd", "out", "out/x"}) {
    try {
      guard.resolve(path);
      ADD_FAILURE() << path << " was let through";
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 403) << path;
    }
  }
  EXPECT_NO_THROW(guard.check_uri("postgresql://u@elsewhere/db", "source"));
  EXPECT_THROW(guard.check_uri("sqlite:" + (fs::path(dir.path()) / "x.sqlite").string(), "source"),
               HttpError);
  EXPECT_THROW(guard.check_uri("parquet:" + (root / "out" / "lake").string(), "destination"),
               HttpError);
}

TEST(WebDescribedSources, DescribedOncePerVersionOfTheFiles) {
  testing::TempDir dir;
  const fs::path folder = dir.path() / "shop";
  fs::create_directories(folder);
  std::ofstream(folder / "orders.csv") << "id,total\n1,2.5\n2,3\n";
  const std::string uri = "csv:" + folder.string();
  DescribedSources described;
  SourceOptions options;
  const DescribedSource first = described.open(uri, uri, options);
  EXPECT_EQ(first.metadata->tables.at(0).row_count, 2);
  EXPECT_EQ(described.open(uri, uri, options).metadata, first.metadata);  // kept, not read again
  // Another null token types the same files differently: described on its own.
  options.null_token = "NA";
  EXPECT_NE(described.open(uri, uri, options).metadata, first.metadata);
  options.null_token.clear();
  // A file changed (its size here) or added: described again.
  std::ofstream(folder / "orders.csv", std::ios::app) << "3,4\n";
  const DescribedSource changed = described.open(uri, uri, options);
  EXPECT_NE(changed.metadata, first.metadata);
  EXPECT_EQ(changed.metadata->tables.at(0).row_count, 3);
  std::ofstream(folder / "customers.csv") << "id\n1\n";
  EXPECT_EQ(described.open(uri, uri, options).metadata->tables.size(), 2u);
  EXPECT_EQ(files_version((dir.path() / "missing").string()), "");
}

}  // namespace
}  // namespace relsynth::server
