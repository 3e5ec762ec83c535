// The result cache's parts: a Report's stored form, the entry files
// (hits, misses on any change, damaged entries, eviction) and the key.
#include "CacheKey.h"
#include "ReportJson.h"
#include "ResultCache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <unistd.h>

using namespace yieldcheck;
namespace fs = llvm::sys::fs;

namespace {

Location loc(unsigned line, const std::string &text) {
  Location l;
  l.file = "src/a.cpp";
  l.absoluteFile = "/w/src/a.cpp";
  l.line = line;
  l.column = 3;
  l.endLine = line;
  l.endColumn = 9;
  l.lineText = text;
  return l;
}

Report sample() {
  Report r;
  r.rule = findRule("reentrancy-keyed-insert");
  r.severity = Severity::Error;
  r.message = "'index_.insert' inserts before the yield at line 14";
  r.mutation = loc(12, "  index_.insert(k, v);\xff raw byte");
  r.yields = {loc(14, "  RETURN_IF_IO(write());")};
  r.unlistedYields = 2;
  r.yieldNote = "the function can yield here";
  r.function = "Pager::load";
  r.functionStart = loc(10, "IOResult<void> Pager::load() {");
  r.target = "index_";
  r.mutationText = "index_.insert(k, v)";
  r.notes = {{loc(11, "  state_ = 1;"), "the state is committed here"}};
  return r;
}

class TempDir {
public:
  TempDir() { fs::createUniqueDirectory("yieldcheck-cache-test", path); }
  ~TempDir() { fs::remove_directories(path); }
  std::string file(const std::string &name) const {
    llvm::SmallString<256> p(path);
    llvm::sys::path::append(p, name);
    return std::string(p);
  }
  llvm::SmallString<256> path;
};

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A cache directory and one source, a.cpp, that entries depend on.
class OneSource : public ::testing::Test {
protected:
  OneSource() { writeFile(source, "int x;\n"); }
  std::unique_ptr<ResultCache> open(uint64_t maxBytes = 1 << 20) {
    std::string error;
    return ResultCache::open(dir.file("cache"), maxBytes, error);
  }
  void store(ResultCache &cache, const std::string &key) {
    cache.store(key, {{source, contentHash("int x;\n")}}, {{sample()}, ""});
  }
  TempDir dir;
  std::string source = dir.file("a.cpp");
};

} // namespace

TEST(ReportJson, RoundTripKeepsEveryField) {
  Report r = sample();
  // Through the bytes the cache stores (CBOR keeps non-UTF-8 text).
  std::vector<uint8_t> bytes = nlohmann::json::to_cbor(reportToJson(r));
  Report back;
  ASSERT_TRUE(reportFromJson(nlohmann::json::from_cbor(bytes), back));
  EXPECT_EQ(reportToJson(back), reportToJson(r));
  EXPECT_EQ(back.rule, r.rule);
  EXPECT_EQ(back.mutation.lineText, r.mutation.lineText);
  EXPECT_EQ(back.notes.size(), 1u);
  EXPECT_EQ(back.functionStart.line, 10u);
  EXPECT_EQ(back.unlistedYields, 2u);
}

TEST(ReportJson, ForeignShapesAreRejected) {
  Report back;
  nlohmann::json j = reportToJson(sample());
  for (const char *key : {"rule", "severity", "mutation", "yields", "notes",
                          "message", "functionStart", "unlistedYields"}) {
    nlohmann::json broken = j;
    broken.erase(key);
    EXPECT_FALSE(reportFromJson(broken, back)) << key;
  }
  nlohmann::json unknownRule = j;
  unknownRule["rule"] = "reentrancy-no-such-rule";
  EXPECT_FALSE(reportFromJson(unknownRule, back));
  nlohmann::json wrongType = j;
  wrongType["mutation"]["line"] = "twelve";
  EXPECT_FALSE(reportFromJson(wrongType, back));
  EXPECT_FALSE(reportFromJson(nlohmann::json::array(), back));
}

TEST(CacheKey, DigestSeparatesParts) {
  EXPECT_NE(keyDigest({"ab", "c"}), keyDigest({"a", "bc"}));
  EXPECT_EQ(keyDigest({"a", "b"}), keyDigest({"a", "b"}));
  EXPECT_EQ(keyDigest({}).size(), 64u);
}

TEST(CacheKey, ConventionsKeyCoversOverridesAndFile) {
  Conventions c;
  std::string base = conventionsKey(c, "");
  Conventions severity = c;
  severity.ruleOverrides["reentrancy-counter-advance"].severity = Severity::Note;
  EXPECT_NE(conventionsKey(severity, ""), base);
  Conventions off = c;
  off.ruleOverrides["reentrancy-counter-advance"].enabled = false;
  EXPECT_NE(conventionsKey(off, ""), base);
  Conventions macros = c;
  macros.yieldMacros.push_back("MY_YIELD");
  EXPECT_NE(conventionsKey(macros, ""), base);
  EXPECT_NE(conventionsKey(c, "{\"futureKey\": 1}"), base);
}

TEST(CacheKey, ToolIdentityOverride) {
  ::setenv("YIELDCHECK_CACHE_TOOL_ID", "one", 1);
  std::string one = toolIdentity();
  ::setenv("YIELDCHECK_CACHE_TOOL_ID", "two", 1);
  EXPECT_NE(one, toolIdentity());
  ::unsetenv("YIELDCHECK_CACHE_TOOL_ID");
  EXPECT_NE(toolIdentity().find("LLVM"), std::string::npos);
}

TEST(ResultCache, HitNeedsEveryDependencyUnchanged) {
  TempDir dir;
  std::string header = dir.file("a.h"), source = dir.file("a.cpp");
  writeFile(header, "int x;\n");
  writeFile(source, "#include \"a.h\"\n");
  std::string error;
  auto cache = ResultCache::open(dir.file("cache"), 1 << 20, error);
  ASSERT_TRUE(cache) << error;
  std::string key = keyDigest({"k"});
  EXPECT_FALSE(cache->lookup(key));
  Dependencies deps = {{source, contentHash("#include \"a.h\"\n")},
                       {header, contentHash("int x;\n")}};
  cache->store(key, deps, {{sample()}, "a.cpp:1:1: warning: w\n"});
  std::optional<CachedResult> hit = cache->lookup(key);
  ASSERT_TRUE(hit);
  ASSERT_EQ(hit->reports.size(), 1u);
  EXPECT_EQ(reportToJson(hit->reports[0]), reportToJson(sample()));
  EXPECT_EQ(hit->diagnostics, "a.cpp:1:1: warning: w\n");
  EXPECT_FALSE(cache->lookup(keyDigest({"another command"})));
  EXPECT_EQ(cache->hits(), 1u);
  EXPECT_EQ(cache->misses(), 2u);

  // A fresh run (file hashes are memoised per run) after the header changed.
  writeFile(header, "int y;\n");
  auto next = ResultCache::open(dir.file("cache"), 1 << 20, error);
  EXPECT_FALSE(next->lookup(key));
  // Its result for the new content is a second candidate; both hit.
  next->store(key, {deps[0], {header, contentHash("int y;\n")}}, {{}, ""});
  auto third = ResultCache::open(dir.file("cache"), 1 << 20, error);
  ASSERT_TRUE(third->lookup(key));
  EXPECT_TRUE(third->lookup(key)->reports.empty());
  writeFile(header, "int x;\n");
  auto fourth = ResultCache::open(dir.file("cache"), 1 << 20, error);
  ASSERT_TRUE(fourth->lookup(key));
  EXPECT_EQ(fourth->lookup(key)->reports.size(), 1u);

  // A vanished dependency is a miss.
  fs::remove(header);
  auto fifth = ResultCache::open(dir.file("cache"), 1 << 20, error);
  EXPECT_FALSE(fifth->lookup(key));
}

TEST_F(OneSource, DamagedEntriesAreMisses) {
  auto cache = open();
  std::string key = keyDigest({"k"});
  store(*cache, key);
  std::string path = cache->entryPath(key);
  std::string good = readFile(path);
  ASSERT_TRUE(cache->lookup(key));

  std::vector<std::string> damaged = {
      "",                                   // empty
      good.substr(0, good.size() / 2),      // truncated
      good.substr(0, good.find('\n') + 1),  // header only
      "garbage\n" + good,                   // another format
  };
  std::string flipped = good;
  flipped[flipped.size() - 10] ^= 0x20;     // one bit in a message
  damaged.push_back(flipped);
  for (const std::string &bytes : damaged) {
    writeFile(path, bytes);
    EXPECT_FALSE(cache->lookup(key)) << bytes.size();
  }
  // An intact entry under another key's name (a copied file) is foreign.
  writeFile(path, good);
  std::string other = keyDigest({"other"});
  fs::create_directories(llvm::sys::path::parent_path(cache->entryPath(other)));
  writeFile(cache->entryPath(other), good);
  EXPECT_FALSE(cache->lookup(other));
  EXPECT_TRUE(cache->lookup(key));
  // A damaged entry is replaced by the next store.
  writeFile(path, good.substr(0, 20));
  store(*cache, key);
  EXPECT_TRUE(cache->lookup(key));
}

TEST_F(OneSource, ConcurrentStoresLeaveWholeEntries) {
  auto cache = open();
  std::string key = keyDigest({"k"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        store(*cache, key);
        EXPECT_TRUE(open()->lookup(key));
      }
    });
  for (std::thread &t : threads)
    t.join();
  std::error_code ec;
  unsigned temps = 0;
  for (fs::directory_iterator it(dir.file("cache/v1/tmp"), ec), end;
       it != end && !ec; it.increment(ec))
    ++temps;
  EXPECT_EQ(temps, 0u);
}

TEST_F(OneSource, EvictsLeastRecentlyUsed) {
  auto probe = open();
  store(*probe, keyDigest({"probe"}));
  uint64_t entrySize;
  fs::file_size(probe->entryPath(keyDigest({"probe"})), entrySize);
  fs::remove(probe->entryPath(keyDigest({"probe"})));

  // Room for three entries: storing four, then using the first again, evicts
  // the second (the least recently used), down to 90%.
  auto cache = open(entrySize * 3 + 1);
  std::vector<std::string> keys;
  auto now = std::chrono::system_clock::now();
  for (int i = 0; i < 4; ++i) {
    keys.push_back(keyDigest({"k" + std::to_string(i)}));
    store(*cache, keys.back());
    int fd;
    ASSERT_FALSE(fs::openFileForWrite(cache->entryPath(keys.back()), fd,
                                      fs::CD_OpenExisting, fs::OF_Append));
    fs::setLastAccessAndModificationTime(fd, now - std::chrono::hours(10 - i));
    ::close(fd);
  }
  ASSERT_TRUE(cache->lookup(keys[0])); // now the most recent
  cache->evict();
  EXPECT_TRUE(fs::exists(cache->entryPath(keys[0])));
  EXPECT_FALSE(fs::exists(cache->entryPath(keys[1])));
  EXPECT_FALSE(fs::exists(cache->entryPath(keys[2])));
  EXPECT_TRUE(fs::exists(cache->entryPath(keys[3])));
  EXPECT_NE(cache->statsLine().find("2 evicted"), std::string::npos);
}

TEST(ResultCache, ParseSize) {
  uint64_t n;
  EXPECT_TRUE(parseSize("512M", n));
  EXPECT_EQ(n, 512ull << 20);
  EXPECT_TRUE(parseSize("2g", n));
  EXPECT_EQ(n, 2ull << 30);
  EXPECT_TRUE(parseSize("1000", n));
  EXPECT_EQ(n, 1000u);
  for (const char *bad : {"", "0", "M", "-1", "1T", "1.5G", "99999999999999G"})
    EXPECT_FALSE(parseSize(bad, n)) << bad;
}
