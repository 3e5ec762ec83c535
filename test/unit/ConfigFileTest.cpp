// Config files on disk: reading them and finding the nearest one upward.
#include "yieldcheck/Conventions.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace yieldcheck;

namespace {

class ConfigFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("yieldcheck-unit", root));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(root); }

  std::string path(llvm::StringRef rel) {
    llvm::SmallString<256> p(root);
    llvm::sys::path::append(p, rel);
    return std::string(p);
  }
  void mkdirs(llvm::StringRef rel) {
    ASSERT_FALSE(llvm::sys::fs::create_directories(path(rel)));
  }
  void write(llvm::StringRef rel, llvm::StringRef text) {
    std::error_code ec;
    llvm::raw_fd_ostream os(path(rel), ec);
    ASSERT_FALSE(ec);
    os << text;
  }

  llvm::SmallString<256> root;
};

TEST_F(ConfigFileTest, AppliesAFile) {
  write("cfg.json", R"({"summaryDepth": 4})");
  Conventions conv;
  EXPECT_FALSE(applyConfigFile(conv, path("cfg.json")));
  EXPECT_EQ(conv.summaryDepth, 4u);
}

TEST_F(ConfigFileTest, MissingFileIsAnError) {
  Conventions conv;
  auto err = applyConfigFile(conv, path("nope.json"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->message(),
            path("nope.json") + ": cannot read: No such file or directory");
}

TEST_F(ConfigFileTest, ErrorsNameTheFile) {
  write("bad.json", R"({"summaryDepth": true})");
  Conventions conv;
  auto err = applyConfigFile(conv, path("bad.json"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->file, path("bad.json"));
  EXPECT_EQ(err->key, "summaryDepth");
}

TEST_F(ConfigFileTest, FindsTheNearestConfigUpward) {
  mkdirs("a/b/c");
  write("a/.yieldcheck.json", "{}");
  EXPECT_EQ(findConfigUpward(path("a/b/c")), path("a/.yieldcheck.json"));
  EXPECT_EQ(findConfigUpward(path("a")), path("a/.yieldcheck.json"));

  write("a/b/.yieldcheck.json", "{}");
  EXPECT_EQ(findConfigUpward(path("a/b/c")), path("a/b/.yieldcheck.json"));
  // `..` is resolved before searching.
  EXPECT_EQ(findConfigUpward(path("a/b/c/..")), path("a/b/.yieldcheck.json"));
}

TEST_F(ConfigFileTest, IgnoresADirectoryNamedLikeTheConfig) {
  mkdirs("a/.yieldcheck.json");
  mkdirs("a/b");
  auto found = findConfigUpward(path("a/b"));
  EXPECT_NE(found, path("a/.yieldcheck.json"));
}

TEST_F(ConfigFileTest, NoConfigAnywhere) {
  mkdirs("x/y");
  auto found = findConfigUpward(path("x/y"));
  // Nothing under our temporary root; whatever is above it is not ours.
  if (found) {
    EXPECT_EQ(llvm::StringRef(*found).find(root), llvm::StringRef::npos);
  }
}

} // namespace
