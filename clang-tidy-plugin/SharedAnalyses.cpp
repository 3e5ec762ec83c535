//===- SharedAnalyses.cpp - One analysis per function for all the checks --===//
#include "SharedAnalyses.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>

namespace yieldcheck {
namespace tidy {

SharedAnalyses &SharedAnalyses::instance() {
  static SharedAnalyses shared;
  return shared;
}

std::shared_ptr<Analyzer>
SharedAnalyses::analyzerFor(const std::string &key,
                            const Conventions &conv) {
  std::weak_ptr<Analyzer> &slot = analyzers[key];
  if (std::shared_ptr<Analyzer> existing = slot.lock())
    return existing;
  // As the CLI: YIELDCHECK_DEBUG=1 prints each replay on stderr.
  AnalyzerOptions options;
  if (std::getenv("YIELDCHECK_DEBUG"))
    options.debug = &llvm::errs();
  auto created = std::make_shared<Analyzer>(conv, options);
  slot = created;
  return created;
}

const std::vector<Finding> &
SharedAnalyses::findings(Analyzer &analyzer, const clang::FunctionDecl &fd,
                         clang::ASTContext &ctx) {
  // A TU whose start we did not see (should not happen): never reuse
  // findings across AST contexts.
  if (cacheContext != &ctx) {
    cache.clear();
    cacheContext = &ctx;
  }
  auto key = std::make_pair(static_cast<const Analyzer *>(&analyzer), &fd);
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (analyzer.isIOFunction(fd)) // discarded-io also visits the others
      ++analyses;
    FindingCollector collect;
    analyzer.analyzeFunction(fd, ctx, collect);
    it = cache.emplace(key, std::move(collect.findings)).first;
  }
  return it->second;
}

void SharedAnalyses::clear() {
  cache.clear();
  cacheContext = nullptr;
  // Call summaries hold AST pointers of the TU that ends.
  for (auto it = analyzers.begin(); it != analyzers.end();) {
    if (std::shared_ptr<Analyzer> a = it->second.lock()) {
      a->resetTranslationUnit();
      ++it;
    } else {
      it = analyzers.erase(it);
    }
  }
}

void SharedAnalyses::startTranslationUnit() {
  if (inTranslationUnit)
    return;
  inTranslationUnit = true;
  analyses = 0;
  clear();
}

void SharedAnalyses::endTranslationUnit() {
  if (!inTranslationUnit)
    return;
  inTranslationUnit = false;
  const char *stats = std::getenv("YIELDCHECK_TIDY_STATS");
  if (stats && std::strcmp(stats, "1") == 0)
    llvm::errs() << "yieldcheck-tidy: analysed " << analyses
                 << " IO function(s) in this translation unit\n";
  clear();
}

bool SharedAnalyses::firstTime(const std::string &key) {
  return seen.insert(key).second;
}

} // namespace tidy
} // namespace yieldcheck
