// Without YIELDRT_TESTING the point compiles to nothing: even an installed
// injector is never consulted. This file alone undefines the macro.
#undef YIELDRT_TESTING
#include <gtest/gtest.h>

#include "yieldrt/testing/inject.h"
#include "yieldrt/yieldrt.h"

namespace yieldrt::testing {
namespace {

IOResult<int> untested_point() {
  YIELDRT_INJECT_YIELD("off.point");
  return 1;
}

TEST(InjectOff, PointCompilesToNothing) {
  SeededInjector always(1, 1.0);
  ScopedInjector scope(always);
  EXPECT_TRUE(untested_point().is_done());
  EXPECT_EQ(always.hits("off.point"), 0u);
}

}  // namespace
}  // namespace yieldrt::testing
