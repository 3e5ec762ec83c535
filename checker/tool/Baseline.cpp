//===- Baseline.cpp - Findings accepted earlier, to suppress --------------===//
#include "Baseline.h"

#include "Fingerprint.h"

#include "llvm/Support/MemoryBuffer.h"

#include <nlohmann/json.hpp>

namespace yieldcheck {

bool parseBaseline(const std::string &text, std::set<std::string> &out,
                   std::string &error) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr,
                                             /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    error = "not valid JSON";
    return false;
  }
  if (!doc.is_object() || doc.value("version", nlohmann::json()) != "2.1.0" ||
      !doc.contains("runs") || !doc["runs"].is_array()) {
    error = "not a SARIF 2.1.0 log (no \"version\": \"2.1.0\" and \"runs\")";
    return false;
  }
  for (size_t i = 0; i < doc["runs"].size(); ++i) {
    const nlohmann::json &run = doc["runs"][i];
    std::string where = "runs[" + std::to_string(i) + "]";
    const nlohmann::json *name = nullptr;
    if (run.is_object() && run.contains("tool") && run["tool"].is_object() &&
        run["tool"].contains("driver") && run["tool"]["driver"].is_object() &&
        run["tool"]["driver"].contains("name"))
      name = &run["tool"]["driver"]["name"];
    if (!name || *name != "yieldcheck") {
      error = where + " is not a run of yieldcheck (tool.driver.name)";
      return false;
    }
    if (!run.contains("results") || run["results"].is_null())
      continue;
    const nlohmann::json &results = run["results"];
    if (!results.is_array()) {
      error = where + ".results is not an array";
      return false;
    }
    for (size_t j = 0; j < results.size(); ++j) {
      const nlohmann::json &r = results[j];
      std::string at = where + ".results[" + std::to_string(j) + "]";
      if (!r.is_object() || !r.contains("partialFingerprints") ||
          !r["partialFingerprints"].is_object() ||
          !r["partialFingerprints"].contains(kFingerprintKey) ||
          !r["partialFingerprints"][kFingerprintKey].is_string()) {
        error = at + " has no partialFingerprints." + kFingerprintKey;
        return false;
      }
      out.insert(r["partialFingerprints"][kFingerprintKey].get<std::string>());
    }
  }
  return true;
}

bool readBaseline(const std::string &path, std::set<std::string> &out,
                  std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = "cannot read baseline '" + path + "': " + buffer.getError().message();
    return false;
  }
  if (!parseBaseline((*buffer)->getBuffer().str(), out, error)) {
    error = "baseline '" + path + "': " + error;
    return false;
  }
  return true;
}

void applyBaseline(RunResult &run, const std::set<std::string> &baseline) {
  run.suppressed += dropReports(run, [&](const Report &, const std::string &f) {
    return baseline.count(f) != 0;
  });
  run.baseline = true;
}

} // namespace yieldcheck
