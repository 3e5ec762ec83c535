#include "yieldcheck/Analysis.h"

#include "BodyParents.h"
#include "CallReplays.h"
#include "DiscardedIO.h"
#include "FindingText.h"
#include "IOConvention.h"
#include "LocalsAcrossYield.h"
#include "Mutations.h"
#include "ReplayAnalysis.h"
#include "StatementCFG.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace yieldcheck {

struct Analyzer::Impl {
  Conventions conv;
  AnalyzerOptions options;
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

  /// The findings of one IO function, in no particular order.
  void analyzeIO(const FunctionDecl &fd, ASTContext &ctx,
                 std::vector<Finding> &out);
};

FindingConsumer::~FindingConsumer() = default;

Analyzer::Analyzer(Conventions conv, AnalyzerOptions options)
    : impl(new Impl{std::move(conv), options, nullptr, nullptr}) {}
Analyzer::~Analyzer() = default;

const Conventions &Analyzer::conventions() const { return impl->conv; }
const AnalyzerOptions &Analyzer::options() const { return impl->options; }

namespace {
// An IO function under either convention (IOConvention.h), not only one
// returning the result template.
AST_MATCHER_P(FunctionDecl, isIOFunctionUnder, const Conventions *, conv) {
  return yieldcheck::isIOFunction(Node, *conv);
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

// sm.isBeforeInTranslationUnit(a, b) order, each location decomposed once:
// in one file, the order is the offsets'.
std::vector<unsigned> sourceOrder(llvm::ArrayRef<SourceLocation> locs,
                                  const SourceManager &sm) {
  std::vector<std::pair<FileID, unsigned>> at;
  at.reserve(locs.size());
  for (SourceLocation loc : locs)
    at.push_back(sm.getDecomposedLoc(loc));
  std::vector<unsigned> order(locs.size());
  for (unsigned i = 0; i < order.size(); ++i)
    order[i] = i;
  llvm::sort(order, [&](unsigned a, unsigned b) {
    if (at[a].first.isValid() && at[a].first == at[b].first)
      return at[a].second < at[b].second;
    return sm.isBeforeInTranslationUnit(locs[a], locs[b]);
  });
  return order;
}

namespace {

void sortByLocation(std::vector<Finding> &findings, const SourceManager &sm) {
  std::vector<SourceLocation> locs;
  locs.reserve(findings.size());
  for (const Finding &f : findings)
    locs.push_back(f.loc);
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (unsigned i : sourceOrder(locs, sm))
    sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

} // namespace

namespace {
std::string functionName(const FunctionDecl &fd) {
  std::string fnName = fd.getQualifiedNameAsString();
  if (const auto *md = dyn_cast<CXXMethodDecl>(&fd))
    if (md->getParent()->isLambda()) {
      fnName = "lambda";
      if (const auto *outer = dyn_cast_or_null<NamedDecl>(
              Decl::castFromDeclContext(md->getParent()->getParentFunctionOrMethod())))
        fnName += " in " + outer->getQualifiedNameAsString();
    }
  return fnName;
}

// Inside a template instantiation (reported once, as written), without the
// parent map isInstantiated() needs: the instantiated ancestor is among the
// declaration contexts.
AST_MATCHER(FunctionDecl, inInstantiation) {
  for (const DeclContext *dc = &Node; dc; dc = dc->getParent()) {
    if (const auto *f = dyn_cast<FunctionDecl>(dc))
      if (f->isTemplateInstantiation())
        return true;
    if (const auto *rd = dyn_cast<CXXRecordDecl>(dc))
      if (isTemplateInstantiation(rd->getTemplateSpecializationKind()))
        return true;
  }
  return false;
}
} // namespace

DeclarationMatcher Analyzer::functionMatcher() const {
  return functionDecl(isDefinition(), isExpansionInMainFile(),
                      unless(isImplicit()), unless(inInstantiation()))
      .bind("fn");
}

void Analyzer::analyzeFunction(const FunctionDecl &fd, ASTContext &ctx,
                               FindingConsumer &consumer) {
  std::vector<Finding> out;
  if (fd.hasBody() && !fd.isInvalidDecl()) {
    if (yieldcheck::isIOFunction(fd, impl->conv)) {
      impl->analyzeIO(fd, ctx, out);
      sortByLocation(out, ctx.getSourceManager());
    } else if (ruleEnabled(impl->conv, ruleFor(MutationKind::DiscardedIO))) {
      findDiscardedIO(fd, ctx, impl->conv, functionName(fd), out);
    }
  }
  for (const Finding &f : out)
    consumer.onFinding(f);
  consumer.onFunctionDone(fd);
}

DeclarationMatcher Analyzer::ioFunctionMatcher() const {
  // Main file only, as the CLI: the analysis costs little because it builds
  // CFGs only for the functions of the file being checked.
  // Cheapest tests first: the parent map is built only if an IO function
  // near a template is matched, not for any template in the main file.
  return functionDecl(isDefinition(), isExpansionInMainFile(),
                      unless(isImplicit()), isIOFunctionUnder(&impl->conv),
                      unless(allOf(nearTemplate(), isInstantiated())))
      .bind("fn");
}

bool Analyzer::isIOFunction(const FunctionDecl &fd) const {
  return yieldcheck::isIOFunction(fd, impl->conv);
}

void Analyzer::Impl::analyzeIO(const FunctionDecl &fd, ASTContext &ctx,
                               std::vector<Finding> &out) {
  MutationClassifier &classifier = classifierFor(ctx);
  std::vector<YieldPoint> points;
  CallReplays calls(fd, ctx, conv, classifier);
  BodyParents parents(fd);
  LocalsAcrossYield locals(fd, ctx, conv, classifier, parents);
  bool wantLocals = ruleEnabled(conv, ruleFor(MutationKind::LocalAcrossYield));
  // One CFG for the replay analysis and discarded-io: building it is a
  // good part of the cost of analysing a short function.
  std::unique_ptr<CFG> cfg = buildStatementCFG(fd, ctx);
  std::vector<ReplayedMutation> replayed =
      findReplayedMutations(fd, ctx, conv, classifier, cfg.get(), points,
                            &calls, wantLocals ? &locals : nullptr,
                            options.debug);
  const SourceManager &sm = ctx.getSourceManager();
  std::string fnName = functionName(fd);
  for (const ReplayedMutation &rm : replayed) {
    Finding f;
    f.kind = kindOf(rm.write.op);
    const Expr *e = rm.write.expr;
    f.loc = sm.getFileLoc(e->getBeginLoc());
    f.range = SourceRange(f.loc, sm.getFileLoc(e->getEndLoc()));
    f.message = replayMessage("'" + rm.write.subject + "' " + rm.write.verb,
                              setYields(f, rm.yields, points, sm),
                              rm.write.again);
    f.yieldNote = kYieldNote;
    f.function = fnName;
    f.functionLoc = sm.getFileLoc(fd.getBeginLoc());
    f.target = rm.write.target.path.spelling();
    f.mutationText = classifier.text(e);
    out.push_back(std::move(f));
  }
  Finding proto;
  proto.function = fnName;
  proto.functionLoc = sm.getFileLoc(fd.getBeginLoc());
  calls.addFindings(points, proto, out);
  appendLocalFindings(locals, points, fd, ctx, fnName, out);
  if (ruleEnabled(conv, ruleFor(MutationKind::DiscardedIO)))
    findDiscardedIO(fd, ctx, conv, fnName, out, &parents, cfg.get());
}

void Analyzer::analyzeMainFile(ASTContext &ctx, FindingConsumer &consumer) {
  struct Deliver : MatchFinder::MatchCallback {
    Analyzer &self;
    FindingConsumer &consumer;
    Deliver(Analyzer &a, FindingConsumer &c) : self(a), consumer(c) {}
    void run(const MatchFinder::MatchResult &r) override {
      const auto *fd = r.Nodes.getNodeAs<FunctionDecl>("fn");
      if (!fd || fd->isInvalidDecl())
        return;
      self.analyzeFunction(*fd, *r.Context, consumer);
    }
  } deliver(*this, consumer);
  resetTranslationUnit(); // the caches of another AST at the same address

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
  // discarded-io looks at every function; the others at IO functions only.
  if (ruleEnabled(impl->conv, ruleFor(MutationKind::DiscardedIO)))
    finder.addMatcher(functionMatcher(), &deliver);
  else
    finder.addMatcher(ioFunctionMatcher(), &deliver);
  finder.matchAST(ctx);
  ctx.setTraversalScope(std::vector<Decl *>(saved.begin(), saved.end()));
  resetTranslationUnit();
}

std::vector<Finding> Analyzer::analyzeMainFile(ASTContext &ctx) {
  FindingCollector collect;
  analyzeMainFile(ctx, collect);
  sortByLocation(collect.findings, ctx.getSourceManager());
  return std::move(collect.findings);
}

void Analyzer::resetTranslationUnit() {
  impl->classifier.reset();
  impl->ctx = nullptr;
}

} // namespace yieldcheck
