#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "yieldrt/io_result.h"
#include "yieldrt/result.h"
#include "yieldrt/unit.h"

namespace yieldrt {
namespace {

TEST(Unit, IsEqualityComparable) {
  EXPECT_EQ(Unit{}, Unit{});
  EXPECT_FALSE(Unit{} != Unit{});
}

IOResult<int> done_int() { return 7; }
IOResult<int> io_int(const Completion& c) { return c; }
IOResult<int> io_int_completions(const Completion& c) { return IOCompletions(c); }
IOResult<int> error_int() { return CompletionError::io_error(5); }
IOResult<std::string> done_string() { return "abc"; }
IOResult<Unit> done_unit() { return Unit{}; }

TEST(IOResult, ImplicitConversionsPickTheState) {
  auto d = done_int();
  EXPECT_TRUE(d.is_done());
  EXPECT_FALSE(d.is_io());
  EXPECT_FALSE(d.is_error());
  EXPECT_EQ(d.value(), 7);

  auto c = Completion::read();
  auto io = io_int(c);
  EXPECT_TRUE(io.is_io());
  EXPECT_EQ(io.completions().completion(), c);
  EXPECT_TRUE(io_int_completions(c).is_io());

  auto e = error_int();
  EXPECT_TRUE(e.is_error());
  EXPECT_EQ(e.error(), CompletionError::io_error(5));

  EXPECT_EQ(done_string().value(), "abc");
  EXPECT_TRUE(done_unit().is_done());
}

TEST(IOResult, StaticFactories) {
  EXPECT_EQ(IOResult<int>::Done(3).value(), 3);
  auto v = IOResult<std::vector<int>>::Done({1, 2, 3});
  EXPECT_EQ(v.value().size(), 3u);
  auto c = Completion::write();
  EXPECT_TRUE(IOResult<int>::IO(c).is_io());
  EXPECT_EQ(IOResult<int>::IO(c).completions().completion(), c);
  EXPECT_EQ(IOResult<int>::Error(CompletionError::aborted()).error(), CompletionError::aborted());
}

TEST(IOResult, TakeValueMovesOut) {
  auto r = IOResult<std::unique_ptr<int>>::Done(std::make_unique<int>(4));
  std::unique_ptr<int> p = r.take_value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 4);
  EXPECT_TRUE(r.is_done());
}

TEST(IOResult, ValueIsMutable) {
  IOResult<int> r = 1;
  r.value() = 2;
  EXPECT_EQ(r.value(), 2);
}

IOResult<void> void_done() { return {}; }
IOResult<void> void_io(const Completion& c) { return c; }

TEST(IOResultVoid, DoneIoAndError) {
  EXPECT_TRUE(void_done().is_done());
  EXPECT_TRUE(IOResult<void>::Done().is_done());
  auto c = Completion::sync();
  auto io = void_io(c);
  EXPECT_TRUE(io.is_io());
  EXPECT_EQ(io.completions().completion(), c);
  IOResult<void> e = CompletionError::aborted();
  EXPECT_TRUE(e.is_error());
  auto d = IOResult<void>::Done();
  d.value();
  d.take_value();
}

TEST(Result, ValueOrError) {
  Result<int> ok = 3;
  EXPECT_TRUE(ok);
  EXPECT_EQ(*ok, 3);
  Result<int> bad = CompletionError::aborted();
  EXPECT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), CompletionError::aborted());
  Result<std::string> s = std::string("xy");
  EXPECT_EQ(s->size(), 2u);
  Result<void> v;
  EXPECT_TRUE(v);
  Result<void> ve = CompletionError::io_error(1);
  EXPECT_FALSE(ve);
}

using IOResultDeathTest = ::testing::Test;

TEST_F(IOResultDeathTest, ValueOfIO) {
  auto r = io_int(Completion::read());
  EXPECT_DEATH(static_cast<void>(r.value()), "IOResult::value\\(\\) on an IO or error result");
}

TEST_F(IOResultDeathTest, TakeValueOfError) {
  auto r = error_int();
  EXPECT_DEATH(static_cast<void>(r.take_value()), "take_value\\(\\) on an IO or error result");
}

TEST_F(IOResultDeathTest, ValueOfVoidIO) {
  auto r = void_io(Completion::read());
  EXPECT_DEATH(r.value(), "on an IO or error result");
}

TEST_F(IOResultDeathTest, CompletionsOfDone) {
  auto r = done_int();
  EXPECT_DEATH(static_cast<void>(r.completions()), "completions\\(\\) on a result that is not IO");
}

TEST_F(IOResultDeathTest, ErrorOfDone) {
  auto r = done_int();
  EXPECT_DEATH(static_cast<void>(r.error()), "error\\(\\) on a result that is not an error");
}

TEST_F(IOResultDeathTest, ResultValueOfError) {
  Result<int> r = CompletionError::aborted();
  EXPECT_DEATH(static_cast<void>(r.value()), "Result::value\\(\\) on an error");
}

}  // namespace
}  // namespace yieldrt
