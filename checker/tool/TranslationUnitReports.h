//===- TranslationUnitReports.h - One parsed TU's findings as Reports -----===//
//
// Shared by the CLI's ClangTool action and the language server's parses, so
// both apply NOLINT and the configured rule overrides the same way.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TOOL_TRANSLATIONUNITREPORTS_H
#define YIELDCHECK_TOOL_TRANSLATIONUNITREPORTS_H

#include "yieldcheck/Analysis.h"
#include "yieldcheck/Report.h"

#include <vector>

namespace yieldcheck {

/// The findings of Analyzer::analyzeMainFile that no NOLINT comment covers
/// and whose rule is enabled, with the configured severity; resets the
/// analyzer's per-TU caches afterwards. Works on a recovered AST too.
std::vector<Report> reportsForTranslationUnit(Analyzer &analyzer,
                                              clang::ASTContext &ctx,
                                              unsigned listedYields);

} // namespace yieldcheck

#endif
