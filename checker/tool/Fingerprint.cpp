//===- Fingerprint.cpp - Partial fingerprints of findings -----------------===//
#include "Fingerprint.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <map>
#include <tuple>

namespace yieldcheck {

std::string fingerprintV1(llvm::StringRef ruleId, llvm::StringRef function,
                          llvm::StringRef mutationText, unsigned occurrence) {
  // NUL-separated: no field contains one, so no two inputs collide.
  std::string input = std::string(kFingerprintKey) + '\0' + ruleId.str() +
                      '\0' + function.str() + '\0' +
                      normaliseWhitespace(mutationText) + '\0' +
                      std::to_string(occurrence);
  std::array<uint8_t, 32> digest = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(input.data()), input.size()));
  std::string hex;
  for (size_t i = 0; i < 16; ++i) {
    hex += llvm::hexdigit(digest[i] >> 4, /*LowerCase=*/true);
    hex += llvm::hexdigit(digest[i] & 15, /*LowerCase=*/true);
  }
  return hex;
}

std::vector<std::string> fingerprints(const std::vector<Report> &reports) {
  std::map<std::tuple<std::string, std::string, std::string, std::string>,
           unsigned>
      seen;
  std::vector<std::string> out;
  for (const Report &r : reports) {
    std::string ruleId = r.rule ? r.rule->id : "";
    std::string text = normaliseWhitespace(r.mutationText);
    const std::string &file =
        r.mutation.absoluteFile.empty() ? r.mutation.file : r.mutation.absoluteFile;
    unsigned occurrence = seen[{file, ruleId, r.function, text}]++;
    out.push_back(fingerprintV1(ruleId, r.function, text, occurrence));
  }
  return out;
}

} // namespace yieldcheck
