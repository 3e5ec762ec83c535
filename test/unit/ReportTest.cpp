// Finding (clang locations) -> Report (plain data), ordering, overrides.
#include "yieldcheck/Analysis.h"
#include "yieldcheck/Report.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace clang::ast_matchers;
using namespace yieldcheck;

namespace {

const char kCode[] = R"cpp(#define YIELD_IF(c) do { if (c) return; } while (0)
struct S {
  int counter_;
  void f(bool io) {
	counter_ += 1;
    YIELD_IF(io);
  }
};
)cpp";

class ReportTest : public ::testing::Test {
protected:
  void SetUp() override {
    ast = tooling::buildASTFromCodeWithArgs(kCode, {"-std=c++17"}, "input.cc");
    ASSERT_TRUE(ast);
  }

  template <typename T, typename M> const T *first(M matcher) {
    return selectFirst<T>("x", match(matcher.bind("x"), ast->getASTContext()));
  }

  Finding finding() {
    const auto *op = first<BinaryOperator>(binaryOperator(hasOperatorName("+=")));
    const auto *ret = first<ReturnStmt>(returnStmt());
    const auto *fn = first<CXXMethodDecl>(cxxMethodDecl(hasName("f")));
    Finding f{MutationKind::CounterAdvance, op->getBeginLoc(),
              op->getSourceRange(), {ret->getBeginLoc()}, "message", "note",
              "S::f", "counter_", "counter_ += 1", fn->getBeginLoc()};
    return f;
  }

  std::unique_ptr<ASTUnit> ast;
};

TEST_F(ReportTest, ConvertsLocationsAndFields) {
  Report r = toReport(finding(), ast->getSourceManager());
  EXPECT_EQ(r.rule, &ruleFor(MutationKind::CounterAdvance));
  EXPECT_EQ(r.severity, r.rule->severity);
  EXPECT_EQ(r.message, "message");
  EXPECT_EQ(r.yieldNote, "note");
  EXPECT_EQ(r.function, "S::f");
  EXPECT_EQ(r.target, "counter_");
  EXPECT_EQ(r.mutationText, "counter_ += 1");

  EXPECT_EQ(r.mutation.file, "input.cc");
  EXPECT_TRUE(llvm::sys::path::is_absolute(r.mutation.absoluteFile));
  EXPECT_EQ(llvm::sys::path::filename(r.mutation.absoluteFile), "input.cc");
  // Byte columns, as clang counts them: the tab is one column.
  EXPECT_EQ(r.mutation.line, 5u);
  EXPECT_EQ(r.mutation.column, 2u);
  EXPECT_EQ(r.mutation.endLine, 5u);
  EXPECT_EQ(r.mutation.endColumn, 15u); // one past the "1"
  EXPECT_EQ(r.mutation.lineText, "\tcounter_ += 1;");

  // The function's declaration starts at "void".
  EXPECT_EQ(r.functionStart.line, 4u);
  EXPECT_EQ(r.functionStart.column, 3u);
}

TEST_F(ReportTest, NoFunctionLocationNoFunctionStart) {
  Finding f = finding();
  f.functionLoc = SourceLocation();
  Report r = toReport(f, ast->getSourceManager());
  EXPECT_EQ(r.functionStart.line, 0u);
}

TEST_F(ReportTest, AYieldInsideAMacroIsReportedAtItsExpansion) {
  Report r = toReport(finding(), ast->getSourceManager());
  ASSERT_EQ(r.yields.size(), 1u);
  EXPECT_EQ(r.yields[0].line, 6u);
  EXPECT_EQ(r.yields[0].column, 5u);
  EXPECT_EQ(r.yields[0].lineText, "    YIELD_IF(io);");
}

TEST_F(ReportTest, RuleOverrides) {
  Report r = toReport(finding(), ast->getSourceManager());
  Conventions conv;
  EXPECT_TRUE(applyRuleOverrides(r, conv));
  EXPECT_EQ(r.severity, Severity::Error);
  conv.ruleOverrides[r.rule->id].severity = Severity::Note;
  EXPECT_TRUE(applyRuleOverrides(r, conv));
  EXPECT_EQ(r.severity, Severity::Note);
  conv.ruleOverrides[r.rule->id].enabled = false;
  EXPECT_FALSE(applyRuleOverrides(r, conv));
}

Report at(const char *file, unsigned line, unsigned column, const char *rule) {
  Report r;
  r.rule = findRule(rule);
  r.mutation.file = file;
  r.mutation.line = line;
  r.mutation.column = column;
  return r;
}

TEST(SortReportsTest, FileLineColumnRule) {
  std::vector<Report> reports = {
      at("b.cpp", 1, 1, "reentrancy-counter-advance"),
      at("a.cpp", 9, 1, "reentrancy-counter-advance"),
      at("a.cpp", 2, 7, "reentrancy-field-assign"),
      at("a.cpp", 2, 7, "reentrancy-container-growth"),
      at("a.cpp", 2, 3, "reentrancy-keyed-insert"),
  };
  sortReports(reports);
  std::vector<std::string> order;
  for (const Report &r : reports)
    order.push_back(r.mutation.file + ":" + std::to_string(r.mutation.line) +
                    ":" + std::to_string(r.mutation.column) + ":" + r.rule->id);
  EXPECT_EQ(order, (std::vector<std::string>{
                       "a.cpp:2:3:reentrancy-keyed-insert",
                       "a.cpp:2:7:reentrancy-container-growth",
                       "a.cpp:2:7:reentrancy-field-assign",
                       "a.cpp:9:1:reentrancy-counter-advance",
                       "b.cpp:1:1:reentrancy-counter-advance"}));
}

TEST(SortReportsTest, UniqueDropsRepeats) {
  std::vector<Report> reports = {
      at("a.cpp", 2, 3, "reentrancy-keyed-insert"),
      at("a.cpp", 1, 1, "reentrancy-keyed-insert"),
      at("a.cpp", 2, 3, "reentrancy-keyed-insert"),
      at("a.cpp", 2, 3, "reentrancy-field-assign"),
  };
  sortAndUniqueReports(reports);
  EXPECT_EQ(reports.size(), 3u);
}

} // namespace
