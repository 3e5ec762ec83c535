#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "yieldrt/completion_group.h"

namespace yieldrt {
namespace {

// Records every call of a group callback.
struct GroupLog {
  std::vector<std::optional<CompletionError>> calls;
  CompletionGroup::Callback callback() {
    return [this](std::optional<CompletionError> e) { calls.push_back(e); };
  }
};

TEST(CompletionGroup, EmptyGroupSucceedsSynchronouslyAndBuildsAYield) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto c = group.build();
  ASSERT_EQ(log.calls.size(), 1u);
  EXPECT_EQ(log.calls[0], std::nullopt);
  EXPECT_EQ(c.kind(), CompletionKind::yield);
  EXPECT_TRUE(c.succeeded());
}

TEST(CompletionGroup, FinishesWhenAllChildrenFinish) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto a = Completion::read(), b = Completion::write();
  group.add(a);
  group.add(b);
  EXPECT_EQ(group.size(), 2u);
  auto g = group.build();
  EXPECT_EQ(g.kind(), CompletionKind::group);
  EXPECT_FALSE(g.finished());
  a.complete(1);
  EXPECT_FALSE(g.finished());
  EXPECT_TRUE(log.calls.empty());
  b.complete(1);
  EXPECT_TRUE(g.succeeded());
  ASSERT_EQ(log.calls.size(), 1u);
  EXPECT_EQ(log.calls[0], std::nullopt);
}

TEST(CompletionGroup, ChildrenFinishedBeforeBuildCount) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto done = Completion::read(), pending = Completion::read();
  done.complete(4);
  group.add(done);
  group.add(pending);
  auto g = group.build();
  EXPECT_FALSE(g.finished());
  pending.complete(4);
  EXPECT_TRUE(g.succeeded());
  EXPECT_EQ(log.calls.size(), 1u);
}

TEST(CompletionGroup, AllChildrenFinishedBeforeBuildFinishesAtBuild) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto a = Completion::sync();
  a.complete(0);
  group.add(a);
  group.add(Completion::yield());
  auto g = group.build();
  EXPECT_TRUE(g.succeeded());
  EXPECT_EQ(log.calls.size(), 1u);
}

TEST(CompletionGroup, ReportsFirstErrorOnceAllChildrenFinished) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto a = Completion::read(), b = Completion::read(), c = Completion::read();
  group.add(a);
  group.add(b);
  group.add(c);
  auto g = group.build();
  b.error(CompletionError::io_error(5));
  a.error(CompletionError::io_error(6));
  EXPECT_FALSE(g.finished());
  c.complete(1);
  EXPECT_TRUE(g.failed());
  EXPECT_EQ(g.get_error(), CompletionError::io_error(5));
  ASSERT_EQ(log.calls.size(), 1u);
  EXPECT_EQ(log.calls[0], CompletionError::io_error(5));
}

// The engine this runtime follows links the children added before an
// already-failed one, then later lets them count the group below zero. Here
// the group fails at build() and stays failed, whatever its children do.
TEST(CompletionGroup, ChildFailedBeforeBuildFailsGroupAtOnceAndForGood) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto before = Completion::read(), failed = Completion::read(), after = Completion::read();
  failed.error(CompletionError::short_read(10, 2));
  group.add(before);
  group.add(failed);
  group.add(after);
  auto g = group.build();
  EXPECT_TRUE(g.failed());
  EXPECT_EQ(g.get_error(), CompletionError::short_read(10, 2));
  ASSERT_EQ(log.calls.size(), 1u);

  GroupLog outer_log;
  CompletionGroup outer(outer_log.callback());
  auto sibling = Completion::read();
  outer.add(sibling);
  outer.add(g);
  auto o = outer.build();
  EXPECT_TRUE(o.failed());

  before.complete(1);
  after.error(CompletionError::io_error(9));
  sibling.complete(1);
  EXPECT_TRUE(g.failed());
  EXPECT_EQ(g.get_error(), CompletionError::short_read(10, 2));
  EXPECT_EQ(log.calls.size(), 1u);
  EXPECT_EQ(outer_log.calls.size(), 1u);
  EXPECT_EQ(o.get_error(), CompletionError::short_read(10, 2));
}

TEST(CompletionGroup, LateChildrenCannotRefinishAGroupFinishedDirectly) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto a = Completion::read(), b = Completion::read();
  group.add(a);
  group.add(b);
  auto g = group.build();
  g.complete(0);
  a.error(CompletionError::io_error(1));
  b.complete(1);
  EXPECT_TRUE(g.succeeded());
  EXPECT_EQ(log.calls.size(), 1u);
}

TEST(CompletionGroup, NestedGroupsPropagateTheFirstError) {
  std::vector<std::string> order;
  CompletionGroup inner([&](std::optional<CompletionError> e) {
    order.push_back(e ? "inner:" + e->to_string() : "inner:ok");
  });
  auto a = Completion::read(), b = Completion::read(), c = Completion::write();
  inner.add(a);
  inner.add(b);
  auto i = inner.build();
  CompletionGroup outer([&](std::optional<CompletionError> e) {
    order.push_back(e ? "outer:" + e->to_string() : "outer:ok");
  });
  outer.add(c);
  outer.add(i);
  auto o = outer.build();

  b.error(CompletionError::io_error(5));
  c.complete(1);
  EXPECT_FALSE(i.finished());
  EXPECT_FALSE(o.finished());
  a.complete(1);
  EXPECT_TRUE(i.failed());
  EXPECT_TRUE(o.failed());
  EXPECT_EQ(o.get_error(), CompletionError::io_error(5));
  EXPECT_EQ(order, (std::vector<std::string>{"inner:io_error(5)", "outer:io_error(5)"}));
}

TEST(CompletionGroup, NestedSuccess) {
  CompletionGroup inner;
  auto a = Completion::read();
  inner.add(a);
  CompletionGroup outer;
  outer.add(inner.build());
  auto o = outer.build();
  EXPECT_FALSE(o.finished());
  a.complete(1);
  EXPECT_TRUE(o.succeeded());
}

TEST(CompletionGroup, CancelAbortsEveryChild) {
  GroupLog log;
  CompletionGroup group(log.callback());
  auto a = Completion::read(), b = Completion::write(), done = Completion::sync();
  done.complete(0);
  group.add(a);
  group.add(b);
  group.add(done);
  auto g = group.build();
  group.cancel();
  EXPECT_EQ(a.get_error(), CompletionError::aborted());
  EXPECT_EQ(b.get_error(), CompletionError::aborted());
  EXPECT_TRUE(done.succeeded());
  EXPECT_EQ(g.get_error(), CompletionError::aborted());
  ASSERT_EQ(log.calls.size(), 1u);
  EXPECT_EQ(log.calls[0], CompletionError::aborted());
}

TEST(CompletionGroup, CancelBeforeBuildFailsTheGroupAtBuild) {
  CompletionGroup group;
  auto a = Completion::read();
  group.add(a);
  group.cancel();
  auto g = group.build();
  EXPECT_EQ(g.get_error(), CompletionError::aborted());
}

TEST(CompletionGroup, AbortingTheGroupCompletionAbortsChildren) {
  CompletionGroup group;
  auto a = Completion::read(), b = Completion::read();
  group.add(a);
  group.add(b);
  auto g = group.build();
  a.error(CompletionError::io_error(3));
  g.abort();
  EXPECT_EQ(b.get_error(), CompletionError::aborted());
  EXPECT_EQ(g.get_error(), CompletionError::io_error(3));
}

TEST(CompletionGroup, GroupOutlivesDroppedHandles) {
  bool called = false;
  auto a = Completion::read();
  {
    CompletionGroup group([&](std::optional<CompletionError>) { called = true; });
    group.add(a);
    static_cast<void>(group.build());
  }
  a.complete(1);
  EXPECT_TRUE(called);
}

using CompletionGroupDeathTest = ::testing::Test;

TEST_F(CompletionGroupDeathTest, AddingTwiceToOneGroup) {
  CompletionGroup group;
  auto a = Completion::read();
  group.add(a);
  EXPECT_DEATH(group.add(a), "already belongs to a CompletionGroup");
}

TEST_F(CompletionGroupDeathTest, AddingToASecondGroup) {
  CompletionGroup first, second;
  auto a = Completion::read();
  first.add(a);
  EXPECT_DEATH(second.add(a), "already belongs to a CompletionGroup");
}

TEST_F(CompletionGroupDeathTest, BuildingTwice) {
  CompletionGroup group;
  static_cast<void>(group.build());
  EXPECT_DEATH(static_cast<void>(group.build()), "build\\(\\) called twice");
}

}  // namespace
}  // namespace yieldrt
