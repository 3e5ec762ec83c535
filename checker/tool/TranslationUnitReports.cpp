//===- TranslationUnitReports.cpp - One parsed TU's findings as Reports ---===//
#include "TranslationUnitReports.h"

namespace yieldcheck {

ReportConsumer::ReportConsumer(const Conventions &conv,
                               const clang::SourceManager &sm,
                               unsigned listedYields)
    : conv(conv), sm(sm), listedYields(listedYields), nolint(sm),
      builder(sm) {}

void ReportConsumer::onFinding(const Finding &f) {
  locs.push_back(f.loc);
  reports.emplace_back();
  if (nolint.covers(f.loc, ruleFor(f.kind).id))
    return; // NOLINT, as clang-tidy reads it
  Report r = builder.make(f, listedYields);
  if (applyRuleOverrides(r, conv))
    reports.back() = std::move(r);
}

std::vector<Report> ReportConsumer::take() {
  std::vector<Report> out;
  for (unsigned i : sourceOrder(locs, sm))
    if (reports[i])
      out.push_back(std::move(*reports[i]));
  locs.clear();
  reports.clear();
  return out;
}

std::vector<Report> reportsForTranslationUnit(Analyzer &analyzer,
                                              clang::ASTContext &ctx,
                                              unsigned listedYields) {
  ReportConsumer consumer(analyzer.conventions(), ctx.getSourceManager(),
                          listedYields);
  analyzer.analyzeMainFile(ctx, consumer);
  return consumer.take();
}

} // namespace yieldcheck
