#include "yieldcheck/Analysis.h"

#include "IOFunctions.h"
#include "Mutations.h"
#include "ReplayAnalysis.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace yieldcheck {

struct Analyzer::Impl {
  Conventions conv;
  // Call summaries are per translation unit: they hold AST pointers.
  ASTContext *ctx = nullptr;
  std::unique_ptr<MutationClassifier> classifier;

  MutationClassifier &classifierFor(ASTContext &c) {
    if (ctx != &c || !classifier) {
      classifier = std::make_unique<MutationClassifier>(conv, c);
      ctx = &c;
    }
    return *classifier;
  }
};

Analyzer::Analyzer(Conventions conv) : impl(new Impl{std::move(conv), nullptr, nullptr}) {}
Analyzer::~Analyzer() = default;

const Conventions &Analyzer::conventions() const { return impl->conv; }

namespace {
AST_MATCHER_P(FunctionDecl, returnsIOResult, const Conventions *, conv) {
  return isIOFunctionDecl(Node, *conv);
}

bool templateRelated(const Decl *d) {
  if (const auto *fd = dyn_cast<FunctionDecl>(d))
    return fd->getTemplatedKind() != FunctionDecl::TK_NonTemplate;
  if (const auto *rd = dyn_cast<CXXRecordDecl>(d))
    return isa<ClassTemplateSpecializationDecl>(rd) ||
           rd->getDescribedClassTemplate() ||
           rd->getTemplateSpecializationKind() != TSK_Undeclared;
  return false;
}

// isInstantiated() asks the AST's parent map, which clang builds on first use
// for the whole traversal scope: in clang-tidy, every header of the TU. That
// cost about a fifth of a clang-tidy run and half again its peak memory. An
// instantiated ancestor is always among a function's lexical or semantic
// declaration contexts, so a function with no template anywhere in either
// chain cannot be inside an instantiation, and the parent map is not needed.
AST_MATCHER(FunctionDecl, nearTemplate) {
  if (templateRelated(&Node) || Node.isDependentContext())
    return true;
  for (const DeclContext *dc = Node.getLexicalDeclContext(); dc;
       dc = dc->getLexicalParent())
    if (dc->isDependentContext() || templateRelated(Decl::castFromDeclContext(dc)))
      return true;
  for (const DeclContext *dc = Node.getDeclContext(); dc; dc = dc->getParent())
    if (dc->isDependentContext() || templateRelated(Decl::castFromDeclContext(dc)))
      return true;
  return false;
}
} // namespace

DeclarationMatcher Analyzer::ioFunctionMatcher() const {
  // Main file only, as the CLI: the analysis costs little because it builds
  // CFGs only for the functions of the file being checked.
  // Cheapest tests first: the parent map is built only if an IO function
  // near a template is matched, not for any template in the main file.
  return functionDecl(isDefinition(), isExpansionInMainFile(),
                      unless(isImplicit()), returnsIOResult(&impl->conv),
                      unless(allOf(nearTemplate(), isInstantiated())))
      .bind("fn");
}

bool Analyzer::isIOFunction(const FunctionDecl &fd) const {
  return isIOFunctionDecl(fd, impl->conv);
}

namespace {

std::string linesPhrase(const std::vector<unsigned> &lines) {
  if (lines.size() == 1)
    return "the yield at line " + std::to_string(lines[0]);
  if (lines.size() > kListedYields)
    return "the yield at line " + std::to_string(lines[0]) + " (and " +
           std::to_string(lines.size() - 1) + " more)";
  std::string s = "the yields at lines ";
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0)
      s += i + 1 == lines.size() ? " and " : ", ";
    s += std::to_string(lines[i]);
  }
  return s;
}

// The storage a key designates, spelled as in the source: "this.arr_.[]"
// -> "arr_[]", "this.p_*" -> "*p_", "this.q_*.n" -> "q_->n",
// "g:ns::x" -> "ns::x". Keys are the analysis's own; users read this.
std::string displayTarget(llvm::StringRef key) {
  if (key == "this")
    return "*this";
  for (llvm::StringRef root : {"this.", "g:", "p:", "cap:"})
    if (key.consume_front(root))
      break;
  std::string out;
  bool arrow = false;
  while (!key.empty()) {
    auto [segment, rest] = key.split('.');
    size_t stars = segment.size() - segment.rtrim('*').size();
    segment = segment.rtrim('*');
    if (segment == "[]")
      out += "[]";
    else if (segment != "[alt]") // the variant itself
      out += (out.empty() ? "" : arrow ? "->" : ".") + segment.str();
    arrow = stars == 1 && !rest.empty();
    if (stars > (arrow ? 1u : 0u))
      out = std::string(stars - arrow, '*') + (rest.empty() ? out : "(" + out + ")");
    key = rest;
  }
  return out;
}

} // namespace

std::vector<Finding> Analyzer::analyze(const FunctionDecl &fd,
                                       ASTContext &ctx) {
  std::vector<Finding> out;
  if (!fd.hasBody() || fd.isInvalidDecl())
    return out;
  MutationClassifier &classifier = impl->classifierFor(ctx);
  std::vector<YieldPoint> points;
  std::vector<ReplayedMutation> replayed =
      findReplayedMutations(fd, ctx, impl->conv, classifier, points);
  const SourceManager &sm = ctx.getSourceManager();
  std::string fnName = fd.getQualifiedNameAsString();
  if (const auto *md = dyn_cast<CXXMethodDecl>(&fd))
    if (md->getParent()->isLambda()) {
      fnName = "lambda";
      if (const auto *outer = dyn_cast_or_null<NamedDecl>(
              Decl::castFromDeclContext(md->getParent()->getParentFunctionOrMethod())))
        fnName += " in " + outer->getQualifiedNameAsString();
    }
  for (const ReplayedMutation &rm : replayed) {
    Finding f;
    f.kind = kindOf(rm.write.op);
    const Expr *e = rm.write.expr;
    f.loc = sm.getFileLoc(e->getBeginLoc());
    f.range = SourceRange(f.loc, sm.getFileLoc(e->getEndLoc()));
    std::vector<std::pair<unsigned, SourceLocation>> ys;
    for (unsigned y : rm.yields)
      ys.push_back({sm.getFileOffset(points[y].loc), points[y].loc});
    llvm::sort(ys, [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<unsigned> lines;
    for (const auto &y : ys) {
      f.yields.push_back(y.second);
      unsigned line = sm.getSpellingLineNumber(y.second);
      if (lines.empty() || lines.back() != line)
        lines.push_back(line);
    }
    bool many = lines.size() > 1;
    f.message = "'" + rm.write.subject + "' " + rm.write.verb + " before " +
                linesPhrase(lines) + "; when the function is re-entered after " +
                (many ? "one of them " : "that yield ") + rm.write.again;
    f.yieldNote = "the function can yield here; when it is called again, it "
                  "re-runs from the top";
    f.function = fnName;
    f.functionLoc = sm.getFileLoc(fd.getBeginLoc());
    f.target = displayTarget(rm.write.target.key);
    f.mutationText = classifier.text(e);
    out.push_back(std::move(f));
  }
  llvm::sort(out, [&](const Finding &a, const Finding &b) {
    return sm.isBeforeInTranslationUnit(a.loc, b.loc);
  });
  return out;
}

std::vector<Finding> Analyzer::analyzeMainFile(ASTContext &ctx) {
  struct Collect : MatchFinder::MatchCallback {
    Analyzer &self;
    std::vector<Finding> out;
    explicit Collect(Analyzer &a) : self(a) {}
    void run(const MatchFinder::MatchResult &r) override {
      const auto *fd = r.Nodes.getNodeAs<FunctionDecl>("fn");
      if (!fd || fd->isInvalidDecl())
        return;
      std::vector<Finding> fs = self.analyze(*fd, *r.Context);
      out.insert(out.end(), fs.begin(), fs.end());
    }
  } collect(*this);

  // The same matcher as the clang-tidy checks, over the declarations spelled
  // in the main file only: the headers' (often much larger) ASTs are not
  // traversed at all.
  const SourceManager &sm = ctx.getSourceManager();
  std::vector<Decl *> scope;
  for (Decl *d : ctx.getTranslationUnitDecl()->decls())
    if (sm.isInMainFile(sm.getExpansionLoc(d->getLocation())))
      scope.push_back(d);
  auto saved = ctx.getTraversalScope();
  ctx.setTraversalScope(scope);
  MatchFinder finder;
  finder.addMatcher(ioFunctionMatcher(), &collect);
  finder.matchAST(ctx);
  ctx.setTraversalScope(std::vector<Decl *>(saved.begin(), saved.end()));

  llvm::sort(collect.out, [&](const Finding &a, const Finding &b) {
    return sm.isBeforeInTranslationUnit(a.loc, b.loc);
  });
  return std::move(collect.out);
}

void Analyzer::resetTranslationUnit() {
  impl->classifier.reset();
  impl->ctx = nullptr;
}

} // namespace yieldcheck
