//===- Report.h - Findings as plain data, for the output writers ----------===//
#ifndef YIELDCHECK_REPORT_H
#define YIELDCHECK_REPORT_H

#include "yieldcheck/RuleCatalog.h"

#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace yieldcheck {

struct Finding;

struct Location {
  std::string file; // as clang saw it (absolute or as given)
  unsigned line = 0, column = 0, endLine = 0, endColumn = 0;
  std::string lineText; // the source line, for carets and snippets
};

struct Report {
  const Rule *rule = nullptr;
  Severity severity = Severity::Warning; // after configuration
  std::string message;
  Location mutation;
  std::vector<Location> yields;
  std::string yieldNote;
  std::string function;
  std::string target;
  std::string mutationText;
};

Report toReport(const Finding &f, const clang::SourceManager &sm);

/// Stable order: file, line, column, rule id.
void sortReports(std::vector<Report> &reports);

} // namespace yieldcheck

#endif
