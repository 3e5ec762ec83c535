#include <gtest/gtest.h>

#include "yieldrt/completion_error.h"

namespace yieldrt {
namespace {

TEST(CompletionError, CarriesKindAndDetails) {
  auto e = CompletionError::io_error(5, "disk gone");
  EXPECT_EQ(e.kind(), ErrorKind::io_error);
  EXPECT_EQ(e.code(), 5);
  EXPECT_EQ(e.message(), "disk gone");

  auto s = CompletionError::short_read(4096, 100);
  EXPECT_EQ(s.kind(), ErrorKind::short_read);
  EXPECT_EQ(s.expected(), 4096u);
  EXPECT_EQ(s.actual(), 100u);

  EXPECT_EQ(CompletionError::short_write(8, 3).kind(), ErrorKind::short_write);
  EXPECT_EQ(CompletionError::checksum_mismatch(1, 2).kind(), ErrorKind::checksum_mismatch);
  EXPECT_EQ(CompletionError::aborted().kind(), ErrorKind::aborted);
}

TEST(CompletionError, ComparesByValue) {
  EXPECT_EQ(CompletionError::aborted(), CompletionError::aborted());
  EXPECT_EQ(CompletionError::io_error(5), CompletionError::io_error(5));
  EXPECT_NE(CompletionError::io_error(5), CompletionError::io_error(6));
  EXPECT_NE(CompletionError::io_error(5, "a"), CompletionError::io_error(5, "b"));
  EXPECT_NE(CompletionError::short_read(4, 1), CompletionError::short_write(4, 1));
  EXPECT_NE(CompletionError::short_read(4, 1), CompletionError::short_read(4, 2));
}

TEST(CompletionError, ToStringNamesKindAndDetails) {
  EXPECT_EQ(CompletionError::aborted().to_string(), "aborted");
  EXPECT_EQ(CompletionError::io_error(28, "no space").to_string(), "io_error(28): no space");
  EXPECT_EQ(CompletionError::short_read(10, 3).to_string(), "short_read(expected 10, got 3)");
  EXPECT_EQ(CompletionError::short_write(10, 3).to_string(), "short_write(expected 10, wrote 3)");
  EXPECT_EQ(CompletionError::checksum_mismatch(7, 9).to_string(),
            "checksum_mismatch(expected 7, got 9)");
}

}  // namespace
}  // namespace yieldrt
