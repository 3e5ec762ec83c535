//===- RunResult.h - What one run found, for the writers ------------------===//
#ifndef YIELDCHECK_TOOL_RUNRESULT_H
#define YIELDCHECK_TOOL_RUNRESULT_H

#include "yieldcheck/Report.h"

#include "llvm/ADT/STLExtras.h"

#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

struct RunResult {
  std::vector<Report> reports;          // sorted, without duplicates
  std::vector<std::string> failedFiles; // absolute; did not compile
  std::vector<std::string> crashedFiles; // absolute; the analysis crashed
  unsigned files = 0;                   // sources analysed
  /// The "yieldcheck/v1" fingerprint of each report (parallel to reports),
  /// computed before the baseline dropped any; empty: the writers compute
  /// them.
  std::vector<std::string> fingerprints;
  /// A baseline was given, and how many findings it suppressed.
  bool baseline = false;
  unsigned suppressed = 0;
  /// --diff-base was given, and how many findings lay outside the diff.
  bool diffFiltered = false;
  unsigned outsideDiff = 0;
  /// --cache-dir was given: how many sources came from it, how many not.
  bool cached = false;
  unsigned cacheHits = 0, cacheMisses = 0;
};

/// run.fingerprints if they match the reports, else computed now.
std::vector<std::string> fingerprintsOf(const RunResult &run);

/// Drops the reports for which `drop(report, fingerprint)` holds and
/// returns how many; computes the fingerprints first if needed and keeps
/// them parallel to the reports.
unsigned dropReports(
    RunResult &run,
    llvm::function_ref<bool(const Report &, const std::string &)> drop);

/// The exit status rule: a finding at or above `failLevel`, or a source
/// that did not compile or crashed; never without a level (--fail-level=none).
bool failsAt(const RunResult &run, std::optional<Severity> failLevel);

struct SeverityCounts {
  unsigned error = 0, warning = 0, note = 0;
};

inline SeverityCounts countBySeverity(const std::vector<Report> &reports) {
  SeverityCounts c;
  for (const Report &r : reports)
    ++(r.severity == Severity::Error     ? c.error
       : r.severity == Severity::Warning ? c.warning
                                         : c.note);
  return c;
}

} // namespace yieldcheck

#endif
