//===- Report.h - Findings as plain data, for the output writers ----------===//
#ifndef YIELDCHECK_REPORT_H
#define YIELDCHECK_REPORT_H

#include "yieldcheck/Conventions.h"
#include "yieldcheck/Message.h"
#include "yieldcheck/RuleCatalog.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clang {
class SourceManager;
}

namespace yieldcheck {

struct Finding;

struct Location {
  std::string file; // as clang saw it (absolute or as given)
  /// `file` made absolute against the compile command's directory, without
  /// `.`/`..`: what JSON and SARIF make relative to the source root.
  std::string absoluteFile;
  /// 1-based; columns count bytes, as clang's do; endColumn is one past the
  /// range's last character (SARIF's convention).
  unsigned line = 0, column = 0, endLine = 0, endColumn = 0;
  std::string lineText; // the source line, for carets and snippets
};

/// A related location other than a yield, with its note.
struct ReportNote {
  Location at;
  Message text;
};

struct Report {
  const Rule *rule = nullptr;
  Severity severity = Severity::Warning; // after configuration
  Message message; // render it: plainText(), or in a MessageStyle
  Location mutation;
  std::vector<Location> yields; // the first `listed` of the finding's
  unsigned unlistedYields = 0;  // and how many are left out
  Message yieldNote;
  std::string function;
  /// Where the function's declaration starts (line 0 when unknown): the
  /// entry of SARIF's code flow.
  Location functionStart;
  std::string target;
  std::string mutationText;
  /// Related locations other than the yields, shown after them.
  std::vector<ReportNote> notes;
};

/// `listed`: how many of the yields become Locations (each holds its
/// source line: all of them can make the output quadratic; the CLI passes
/// kListedYields unless --all-yields).
Report toReport(const Finding &f, const clang::SourceManager &sm,
                unsigned listed = ~0u);

/// toReport for the findings of one translation unit: the yields and the
/// function start its findings share are located (line text, token extent,
/// absolute path) once each.
class ReportBuilder {
public:
  explicit ReportBuilder(const clang::SourceManager &sm);
  ~ReportBuilder();
  Report make(const Finding &f, unsigned listed = ~0u);

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// Applies the rule overrides of `conv` to the severity; false if the rule
/// is switched off and the report should be dropped.
bool applyRuleOverrides(Report &r, const Conventions &conv);

/// Folds every run of white space into one space and trims the ends: the
/// form of a mutation's source text in messages and fingerprints.
std::string normaliseWhitespace(std::string_view text);

/// Stable order: file, line, column, rule id.
void sortReports(std::vector<Report> &reports);
/// Sorts, then drops reports equal to their predecessor (the same file
/// analysed under two compile commands).
void sortAndUniqueReports(std::vector<Report> &reports);

} // namespace yieldcheck

#endif
