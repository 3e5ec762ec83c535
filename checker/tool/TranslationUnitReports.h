//===- TranslationUnitReports.h - One parsed TU's findings as Reports -----===//
//
// Shared by the CLI's ClangTool action (whose reports the result cache
// stores) and the language server's parses, so both apply NOLINT and the
// configured rule overrides the same way, to the analysis's one stream.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TOOL_TRANSLATIONUNITREPORTS_H
#define YIELDCHECK_TOOL_TRANSLATIONUNITREPORTS_H

#include "yieldcheck/Analysis.h"
#include "yieldcheck/Report.h"
#include "yieldcheck/Suppressions.h"

#include <optional>
#include <vector>

namespace yieldcheck {

/// Turns the findings it receives into Reports: drops those a NOLINT comment
/// covers or whose rule is disabled, applies the configured severity.
class ReportConsumer : public FindingConsumer {
public:
  ReportConsumer(const Conventions &conv, const clang::SourceManager &sm,
                 unsigned listedYields);
  void onFinding(const Finding &finding) override;
  /// The reports in the order of their findings' locations.
  std::vector<Report> take();

private:
  const Conventions &conv;
  const clang::SourceManager &sm;
  unsigned listedYields;
  Suppressions nolint;
  ReportBuilder builder; // locates the shared yields once per translation unit
  // Every finding's location, with its report unless it was dropped: the
  // order is decided over all of them, as for the findings themselves.
  std::vector<clang::SourceLocation> locs;
  std::vector<std::optional<Report>> reports;
};

/// The reports of the main file of `ctx` (Analyzer::analyzeMainFile through
/// a ReportConsumer). Works on a recovered AST too.
std::vector<Report> reportsForTranslationUnit(Analyzer &analyzer,
                                              clang::ASTContext &ctx,
                                              unsigned listedYields);

} // namespace yieldcheck

#endif
