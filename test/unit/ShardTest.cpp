// --shard K/N: parsing, and a split that is a partition, balanced enough and
// stable when other files come and go.
#include "Shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace yieldcheck;

TEST(Shard, Parse) {
  Shard s;
  std::string error;
  ASSERT_TRUE(parseShard("2/4", s, error));
  EXPECT_EQ(s.index, 2u);
  EXPECT_EQ(s.count, 4u);
  ASSERT_TRUE(parseShard("1/1", s, error));
  for (const char *bad : {"0/4", "5/4", "1/0", "4", "a/b", "1/4/2", "", "-1/4",
                          "1/ 4"}) {
    EXPECT_FALSE(parseShard(bad, s, error)) << bad;
    EXPECT_NE(error.find("K/N"), std::string::npos);
  }
}

TEST(Shard, EverySourceInExactlyOneShardAndBalanced) {
  for (unsigned n : {2u, 3u, 4u, 7u}) {
    std::vector<unsigned> sizes(n);
    for (unsigned f = 0; f < 1000; ++f) {
      std::string path = "/repo/src/module" + std::to_string(f % 37) +
                         "/file" + std::to_string(f) + ".cpp";
      unsigned owners = 0;
      for (unsigned k = 1; k <= n; ++k)
        if (inShard({k, n}, path, "/repo")) {
          ++owners;
          ++sizes[k - 1];
        }
      EXPECT_EQ(owners, 1u) << path;
    }
    // 1000/n each; a hash is within a few standard deviations of it.
    for (unsigned size : sizes)
      EXPECT_LT(std::abs(int(size) - int(1000 / n)), 80) << n;
  }
}

TEST(Shard, DependsOnThePathUnderTheRootOnly) {
  // Two checkouts in different directories agree.
  for (unsigned k = 1; k <= 4; ++k)
    EXPECT_EQ(inShard({k, 4}, "/home/a/repo/src/x.cpp", "/home/a/repo"),
              inShard({k, 4}, "/runner/work/repo/src/x.cpp", "/runner/work/repo"));
  // The known value: the split must not change between releases.
  EXPECT_EQ(shardHash("src/a.cpp"), 0x98e8c259caca3041ull);
  EXPECT_NE(shardHash("src/a.cpp"), shardHash("src/b.cpp"));
}
