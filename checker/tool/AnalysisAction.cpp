//===- AnalysisAction.cpp - Runs the analysis over sources with ClangTool -===//
#include "AnalysisAction.h"

#include "yieldcheck/Suppressions.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace yieldcheck {
namespace {

class FindingsConsumer : public ASTConsumer {
public:
  FindingsConsumer(Analyzer &analyzer, std::vector<Report> &out)
      : analyzer(analyzer), out(out) {}

  // Called even when the TU has errors: clang's recovered AST is analysed.
  void HandleTranslationUnit(ASTContext &ctx) override {
    for (const Finding &f : analyzer.analyzeMainFile(ctx)) {
      if (isSuppressed(ctx.getSourceManager(), f.loc, ruleFor(f.kind).id))
        continue; // NOLINT, as clang-tidy reads it
      Report r = toReport(f, ctx.getSourceManager());
      if (applyRuleOverrides(r, analyzer.conventions()))
        out.push_back(std::move(r));
    }
    analyzer.resetTranslationUnit();
  }

private:
  Analyzer &analyzer;
  std::vector<Report> &out;
};

class FindingsAction : public ASTFrontendAction {
public:
  FindingsAction(Analyzer &analyzer, std::vector<Report> &out)
      : analyzer(analyzer), out(out) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<FindingsConsumer>(analyzer, out);
  }

private:
  Analyzer &analyzer;
  std::vector<Report> &out;
};

// Counts compiles and failed compiles. Reporting success to ClangTool keeps
// it from printing "Error while processing"; our own message says more.
class FindingsActionFactory : public tooling::FrontendActionFactory {
public:
  FindingsActionFactory(Analyzer &analyzer, std::vector<Report> &out)
      : analyzer(analyzer), out(out) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FindingsAction>(analyzer, out);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> invocation,
                     FileManager *files,
                     std::shared_ptr<PCHContainerOperations> pch,
                     DiagnosticConsumer *diags) override {
    ++compiles;
    if (!FrontendActionFactory::runInvocation(std::move(invocation), files,
                                              std::move(pch), diags))
      ++failures;
    return true;
  }

  unsigned compiles = 0, failures = 0;

private:
  Analyzer &analyzer;
  std::vector<Report> &out;
};

} // namespace

RunResult analyzeSources(const tooling::CompilationDatabase &db,
                         const std::vector<SourceJob> &jobs,
                         const tooling::ArgumentsAdjuster &adjust) {
  RunResult result;
  // One ClangTool per source, so failures are attributed to the file the
  // user named even when the database has several commands for it.
  for (const SourceJob &job : jobs) {
    tooling::ClangTool tool(db, {job.path});
    tool.appendArgumentsAdjuster(adjust);
    FindingsActionFactory factory(*job.analyzer, result.reports);
    tool.run(&factory);
    ++result.files;
    if (factory.compiles == 0 || factory.failures > 0) {
      llvm::errs() << "yieldcheck: error: " << job.path
                   << " did not compile; findings for it may be incomplete\n";
      result.failedFiles.push_back(job.absolutePath);
    }
  }
  sortAndUniqueReports(result.reports);
  return result;
}

} // namespace yieldcheck
