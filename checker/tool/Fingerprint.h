//===- Fingerprint.h - Partial fingerprints of findings -------------------===//
#ifndef YIELDCHECK_TOOL_FINGERPRINT_H
#define YIELDCHECK_TOOL_FINGERPRINT_H

#include "yieldcheck/Report.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace yieldcheck {

/// The key of yieldcheck's fingerprint in SARIF's partialFingerprints.
constexpr const char *kFingerprintKey = "yieldcheck/v1";


/// The "yieldcheck/v1" fingerprint: 32 lower-case hex digits of the SHA-256
/// of the rule id, the enclosing function's qualified name, the mutation's
/// whitespace-normalised text and `occurrence`. Neither lines nor columns
/// nor the path enter it: it survives edits elsewhere in the file. Every
/// baseline holds these values: docs/usage.md states the contract and
/// FingerprintCorpusTest pins them; another scheme is another key (v2).
std::string fingerprintV1(llvm::StringRef ruleId, llvm::StringRef function,
                          llvm::StringRef mutationText, unsigned occurrence);

/// The fingerprint of each report, in order. `occurrence` is the number of
/// earlier reports of the same file with the same rule, function and
/// normalised mutation text (the reports are sorted by line).
std::vector<std::string> fingerprints(const std::vector<Report> &reports);

} // namespace yieldcheck

#endif
