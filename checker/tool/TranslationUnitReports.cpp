//===- TranslationUnitReports.cpp - One parsed TU's findings as Reports ---===//
#include "TranslationUnitReports.h"

#include "yieldcheck/Suppressions.h"

namespace yieldcheck {

std::vector<Report> reportsForTranslationUnit(Analyzer &analyzer,
                                              clang::ASTContext &ctx,
                                              unsigned listedYields) {
  std::vector<Report> out;
  Suppressions nolint(ctx.getSourceManager());
  ReportBuilder reports(ctx.getSourceManager());
  for (const Finding &f : analyzer.analyzeMainFile(ctx)) {
    if (nolint.covers(f.loc, ruleFor(f.kind).id))
      continue; // NOLINT, as clang-tidy reads it
    Report r = reports.make(f, listedYields);
    if (applyRuleOverrides(r, analyzer.conventions()))
      out.push_back(std::move(r));
  }
  analyzer.resetTranslationUnit();
  return out;
}

} // namespace yieldcheck
