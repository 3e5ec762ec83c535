#include "yieldcheck/Analysis.h"

#include "IOFunctions.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace yieldcheck {

struct Analyzer::Impl {
  Conventions conv;
};

Analyzer::Analyzer(Conventions conv) : impl(new Impl{std::move(conv)}) {}
Analyzer::~Analyzer() = default;

const Conventions &Analyzer::conventions() const { return impl->conv; }

namespace {
AST_MATCHER_P(FunctionDecl, returnsIOResult, const Conventions *, conv) {
  return isIOFunctionDecl(Node, *conv);
}
} // namespace

DeclarationMatcher Analyzer::ioFunctionMatcher() const {
  return functionDecl(isDefinition(), unless(isImplicit()),
                      unless(isInstantiated()),
                      returnsIOResult(&impl->conv))
      .bind("fn");
}

bool Analyzer::isIOFunction(const FunctionDecl &fd) const {
  return isIOFunctionDecl(fd, impl->conv);
}

std::vector<Finding> Analyzer::analyze(const FunctionDecl &fd,
                                       ASTContext &ctx) {
  return {};
}

std::vector<Finding> Analyzer::analyzeMainFile(ASTContext &ctx) {
  struct Collect : MatchFinder::MatchCallback {
    Analyzer &self;
    std::vector<Finding> out;
    explicit Collect(Analyzer &a) : self(a) {}
    void run(const MatchFinder::MatchResult &r) override {
      const auto *fd = r.Nodes.getNodeAs<FunctionDecl>("fn");
      const SourceManager &sm = *r.SourceManager;
      if (!fd || !fd->hasBody() ||
          !sm.isInMainFile(sm.getExpansionLoc(fd->getLocation())))
        return;
      std::vector<Finding> fs = self.analyze(*fd, *r.Context);
      out.insert(out.end(), fs.begin(), fs.end());
    }
  } collect(*this);
  MatchFinder finder;
  finder.addMatcher(ioFunctionMatcher(), &collect);
  finder.matchAST(ctx);
  return std::move(collect.out);
}

void Analyzer::resetTranslationUnit() {}

} // namespace yieldcheck
