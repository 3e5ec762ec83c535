//===- GitLabWriter.cpp - Findings as a GitLab Code Quality report --------===//
#include "Fingerprint.h"
#include "OutputPaths.h"
#include "Writers.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MD5.h"

#include <nlohmann/json.hpp>

namespace yieldcheck {
namespace {

using ordered_json = nlohmann::ordered_json;

// GitLab's five levels; a replayed mutation that corrupts state (error) is
// what GitLab calls critical.
const char *gitLabSeverity(Severity s) {
  switch (s) {
  case Severity::Error:
    return "critical";
  case Severity::Warning:
    return "major";
  case Severity::Note:
    return "minor";
  }
  return "info";
}

// Unique in the report, as GitLab wants: yieldcheck/v1 leaves the path out
// (it survives renames in SARIF), two files may share it.
std::string gitLabFingerprint(const std::string &path,
                              const std::string &fingerprint) {
  llvm::MD5 md5;
  md5.update(path);
  md5.update(llvm::StringRef("\0", 1));
  md5.update(fingerprint);
  llvm::MD5::MD5Result digest;
  md5.final(digest);
  return std::string(digest.digest().str());
}

} // namespace

void writeGitLab(const RunResult &run, const std::string &root,
                 llvm::raw_ostream &os) {
  std::vector<std::string> prints = fingerprintsOf(run);
  ordered_json issues = ordered_json::array();
  for (size_t i = 0; i < run.reports.size(); ++i) {
    const Report &r = run.reports[i];
    std::string path = displayPath(
        r.mutation.absoluteFile.empty() ? r.mutation.file : r.mutation.absoluteFile,
        root);
    issues.push_back(
        {{"description", r.message.plainText()},
         {"check_name", r.rule ? r.rule->id : ""},
         {"fingerprint", gitLabFingerprint(path, prints[i])},
         {"severity", gitLabSeverity(r.severity)},
         {"location", {{"path", path}, {"lines", {{"begin", r.mutation.line}}}}}});
  }
  os << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
     << "\n";
  os.flush();
}

} // namespace yieldcheck
