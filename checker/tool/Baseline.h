//===- Baseline.h - Findings accepted earlier, to suppress ----------------===//
#ifndef YIELDCHECK_TOOL_BASELINE_H
#define YIELDCHECK_TOOL_BASELINE_H

#include "RunResult.h"

#include <set>
#include <string>

namespace yieldcheck {

/// The "yieldcheck/v1" fingerprints of a SARIF log that yieldcheck wrote
/// (--write-baseline or --format=sarif). False, with a one-line `error`,
/// when the file cannot be read, is not JSON, is not a SARIF 2.1.0 log of
/// yieldcheck, or has a result without that fingerprint.
bool readBaseline(const std::string &path, std::set<std::string> &out,
                  std::string &error);
/// Same, on the text of the log.
bool parseBaseline(const std::string &text, std::set<std::string> &out,
                   std::string &error);

/// Drops the reports whose fingerprint is in `baseline` (fingerprints are
/// computed first if run.fingerprints is empty) and counts them in
/// run.suppressed.
void applyBaseline(RunResult &run, const std::set<std::string> &baseline);

} // namespace yieldcheck

#endif
