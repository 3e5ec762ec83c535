// The analysis's one stream of findings (Analysis.h): what a FindingConsumer
// receives, in which order, and the debug stream of AnalyzerOptions.
#include "yieldcheck/Analysis.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace yieldcheck;

namespace {

const char kSource[] = R"cpp(
#include "yieldrt/yieldrt.h"
using yieldrt::IOResult;

IOResult<int> flush();

struct Log {
  int n_ = 0;
  int m_ = 0;

  IOResult<int> outer() {
    n_ += 1;
    auto inner = [this]() -> IOResult<int> {
      m_ += 1;
      RETURN_IF_IO(flush());
      return 0;
    };
    RETURN_IF_IO(inner());
    m_ += 2;
    RETURN_IF_IO(flush());
    return 0;
  }

  int plain() { return n_; }
};
)cpp";

// Records the stream as "finding@line" and "done:name" events.
class Recorder : public FindingConsumer {
public:
  explicit Recorder(const clang::SourceManager &sm) : sm(sm) {}
  void onFinding(const Finding &f) override {
    events.push_back("finding@" + std::to_string(sm.getExpansionLineNumber(f.loc)));
  }
  void onFunctionDone(const clang::FunctionDecl &fd) override {
    events.push_back("done:" + fd.getNameAsString());
  }
  std::vector<std::string> events;

private:
  const clang::SourceManager &sm;
};

// Parsed once (the runtime's standard headers take seconds); every test
// analyses it afresh with its own Analyzer.
clang::ASTUnit *parse() {
  static std::unique_ptr<clang::ASTUnit> ast =
      clang::tooling::buildASTFromCodeWithArgs(
          kSource, {"-std=c++20", "-I" YIELDCHECK_SOURCE_DIR "/runtime/include"},
          "log.cc");
  return ast.get();
}

TEST(FindingConsumerTest, FunctionByFunctionEnclosingFirst) {
  clang::ASTUnit *ast = parse();
  ASSERT_TRUE(ast);
  Analyzer analyzer{Conventions()};
  Recorder rec(ast->getSourceManager());
  analyzer.analyzeMainFile(ast->getASTContext(), rec);
  // Every function is visited (reentrancy-discarded-io looks at all of
  // them), in the matcher's order: `outer` (findings at lines 12 and 19) is
  // done before its lambda (line 14) is analysed.
  std::vector<std::string> expected = {"finding@12", "finding@19", "done:outer",
                                       "finding@14", "done:operator()",
                                       "done:plain"};
  EXPECT_EQ(rec.events, expected);
}

TEST(FindingConsumerTest, CollectedFindingsAreSortedByLocation) {
  clang::ASTUnit *ast = parse();
  ASSERT_TRUE(ast);
  Analyzer analyzer{Conventions()};
  std::vector<Finding> findings = analyzer.analyzeMainFile(ast->getASTContext());
  std::vector<unsigned> lines;
  for (const Finding &f : findings)
    lines.push_back(ast->getSourceManager().getExpansionLineNumber(f.loc));
  EXPECT_EQ(lines, (std::vector<unsigned>{12, 14, 19}));
}

TEST(FindingConsumerTest, DebugStreamIsAnOption) {
  clang::ASTUnit *ast = parse();
  ASSERT_TRUE(ast);
  std::string text;
  llvm::raw_string_ostream os(text);
  AnalyzerOptions options;
  options.debug = &os;
  Analyzer debugging(Conventions(), options);
  FindingCollector collect;
  debugging.analyzeMainFile(ast->getASTContext(), collect);
  os.flush();
  EXPECT_NE(text.find("replay of 'outer'"), std::string::npos) << text;
  EXPECT_NE(text.find("replay of 'operator()'"), std::string::npos) << text;

  Analyzer quiet{Conventions()};
  EXPECT_EQ(quiet.options().debug, nullptr);
  FindingCollector again;
  quiet.analyzeMainFile(ast->getASTContext(), again);
  EXPECT_EQ(again.findings.size(), collect.findings.size());
}

} // namespace
