//===- RunResult.cpp - What one run found, for the writers ----------------===//
#include "RunResult.h"

#include "Fingerprint.h"

#include <algorithm>

namespace yieldcheck {

std::vector<std::string> fingerprintsOf(const RunResult &run) {
  return run.fingerprints.size() == run.reports.size()
             ? run.fingerprints
             : fingerprints(run.reports);
}

unsigned dropReports(
    RunResult &run,
    llvm::function_ref<bool(const Report &, const std::string &)> drop) {
  if (run.fingerprints.size() != run.reports.size())
    run.fingerprints = fingerprints(run.reports);
  size_t kept = 0;
  for (size_t i = 0; i < run.reports.size(); ++i) {
    if (drop(run.reports[i], run.fingerprints[i]))
      continue;
    if (kept != i) {
      run.reports[kept] = std::move(run.reports[i]);
      run.fingerprints[kept] = std::move(run.fingerprints[i]);
    }
    ++kept;
  }
  unsigned dropped = static_cast<unsigned>(run.reports.size() - kept);
  run.reports.resize(kept);
  run.fingerprints.resize(kept);
  return dropped;
}

bool failsAt(const RunResult &run, std::optional<Severity> failLevel) {
  if (!failLevel)
    return false;
  return !run.failedFiles.empty() || !run.crashedFiles.empty() ||
         std::any_of(run.reports.begin(), run.reports.end(),
                     [&](const Report &r) { return r.severity >= *failLevel; });
}

} // namespace yieldcheck
