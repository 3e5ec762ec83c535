#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "yieldrt/macros.h"
#include "yieldrt/unit.h"

namespace yieldrt {
namespace {

// A stand-in IO operation: yields its completion until that has finished.
struct Op {
  Completion c = Completion::read();
  int value = 0;
  std::optional<CompletionError> fail;

  IOResult<int> get() const {
    if (fail) return *fail;
    if (!c.finished()) return c;
    return value;
  }
  IOResult<void> touch() const {
    if (fail) return *fail;
    if (!c.finished()) return c;
    return {};
  }
  IOResult<std::pair<int, std::string>> pair() const {
    if (!c.finished()) return c;
    return std::pair{value, std::string("v")};
  }
};

Op with_value(int v) {
  Op op;
  op.value = v;
  return op;
}

Op failing(CompletionError e) {
  Op op;
  op.fail = std::move(e);
  return op;
}

IOResult<std::string> describe(const Op& op) {
  int v = RETURN_IF_IO(op.get());
  return std::to_string(v + 1);
}

TEST(ReturnIfIo, EvaluatesToTheDoneValue) {
  Op op = with_value(41);
  op.c.complete(0);
  auto r = describe(op);
  ASSERT_TRUE(r.is_done());
  EXPECT_EQ(r.value(), "42");
}

TEST(ReturnIfIo, ReturnsTheIOUpward) {
  Op op;
  auto r = describe(op);
  ASSERT_TRUE(r.is_io());
  EXPECT_EQ(r.completions().completion(), op.c);
}

TEST(ReturnIfIo, ReturnsTheErrorUpward) {
  Op op = failing(CompletionError::io_error(5));
  auto r = describe(op);
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error(), CompletionError::io_error(5));
}

IOResult<Unit> touch_unit(const Op& op, int& after) {
  RETURN_IF_IO(op.touch());
  ++after;
  return Unit{};
}

IOResult<void> touch_void(const Op& op, int& after) {
  RETURN_IF_IO(op.touch());
  RETURN_IF_IO(op.get());  // a non-void value may be dropped
  ++after;
  return {};
}

TEST(ReturnIfIo, WorksOnVoidOperands) {
  Op op;
  int after = 0;
  EXPECT_TRUE(touch_unit(op, after).is_io());
  EXPECT_TRUE(touch_void(op, after).is_io());
  EXPECT_EQ(after, 0);
  op.c.complete(0);
  EXPECT_TRUE(touch_unit(op, after).is_done());
  EXPECT_TRUE(touch_void(op, after).is_done());
  EXPECT_EQ(after, 2);
  op.fail = CompletionError::aborted();
  EXPECT_EQ(touch_void(op, after).error(), CompletionError::aborted());
}

IOResult<int> yield_it(const Completion& c) {
  IO_YIELD_ONE(c);
}

TEST(IoYieldOne, ReturnsIO) {
  auto c = Completion::write();
  auto r = yield_it(c);
  ASSERT_TRUE(r.is_io());
  EXPECT_EQ(r.completions().completion(), c);
}

struct Cursor {
  int position = 0;
  IOResult<int> advance(const Op& op) {
    int saved = position;
    position = 10;  // provisional, undone when the call below does not finish
    int v = RETURN_AND_RESTORE_IF_IO(position, saved, op.get());
    return v + position;
  }
};

TEST(ReturnAndRestoreIfIo, RestoresOnIO) {
  Cursor cur{3};
  Op op;
  EXPECT_TRUE(cur.advance(op).is_io());
  EXPECT_EQ(cur.position, 3);
}

TEST(ReturnAndRestoreIfIo, RestoresOnError) {
  Cursor cur{3};
  Op op = failing(CompletionError::io_error(2));
  EXPECT_EQ(cur.advance(op).error(), CompletionError::io_error(2));
  EXPECT_EQ(cur.position, 3);
}

TEST(ReturnAndRestoreIfIo, KeepsTheMutationOnDone) {
  Cursor cur{3};
  Op op = with_value(1);
  op.c.complete(0);
  EXPECT_EQ(cur.advance(op).value(), 11);
  EXPECT_EQ(cur.position, 10);
}

IOResult<int> assign_sum(const Op& a, const Op& b) {
  ASSIGN_OR_RETURN_IO(int x, a.get());
  ASSIGN_OR_RETURN_IO(const auto y, b.get());
  return x + y;
}

IOResult<std::string> assign_pair(const Op& op) {
  ASSIGN_OR_RETURN_IO(auto p, op.pair());
  return p.second + std::to_string(p.first);
}

TEST(AssignOrReturnIo, BindsOrReturns) {
  Op a = with_value(2), b = with_value(3);
  EXPECT_EQ(assign_sum(a, b).completions().completion(), a.c);
  a.c.complete(0);
  EXPECT_EQ(assign_sum(a, b).completions().completion(), b.c);
  b.c.complete(0);
  EXPECT_EQ(assign_sum(a, b).value(), 5);
  b.fail = CompletionError::aborted();
  EXPECT_EQ(assign_sum(a, b).error(), CompletionError::aborted());
  EXPECT_EQ(assign_pair(a).value(), "v2");
}

IOResult<int> lowercase(const Op& op, int& field) {
  int v = return_if_io(op.get());
  int saved = field;
  field = -1;
  int w = return_and_restore_if_io(field, saved, op.get());
  if (v + w < 0) io_yield_one(op.c);
  return v + w;
}

TEST(LowercaseMacros, AreAliases) {
  Op op = with_value(4);
  int field = 8;
  EXPECT_TRUE(lowercase(op, field).is_io());
  EXPECT_EQ(field, 8);
  op.c.complete(0);
  EXPECT_EQ(lowercase(op, field).value(), 8);
  EXPECT_EQ(field, -1);
}

}  // namespace
}  // namespace yieldrt
