//===- JsonWriter.cpp - Findings as yieldcheck's own JSON -----------------===//
#include "OutputPaths.h"
#include "JsonDocument.h"
#include "Writers.h"

#include <nlohmann/json.hpp>

namespace yieldcheck {
namespace {

// Version 1 of the shape documented in docs/usage.md; bump it on any change
// that is not adding a key.
constexpr int kJsonVersion = 1;

std::string pathOf(const Location &loc, const std::string &root) {
  return displayPath(loc.absoluteFile.empty() ? loc.file : loc.absoluteFile,
                     root);
}

ordered_json finding(const Report &r, const std::string &root) {
  ordered_json yields = ordered_json::array();
  std::string yieldNote = r.yieldNote.plainText();
  for (const Location &y : r.yields)
    yields.push_back({{"file", pathOf(y, root)},
                      {"line", y.line},
                      {"column", y.column},
                      {"note", yieldNote}});
  const Location &m = r.mutation;
  ordered_json out = {{"ruleId", r.rule ? r.rule->id : ""},
          {"severity", severityName(r.severity)},
          {"message", r.message.plainText()},
          {"file", pathOf(m, root)},
          {"line", m.line},
          {"column", m.column},
          {"endLine", m.endLine},
          {"endColumn", m.endColumn},
          {"function", r.function},
          {"target", r.target},
          {"yields", yields}};
  if (!r.notes.empty()) {
    ordered_json notes = ordered_json::array();
    for (const ReportNote &n : r.notes)
      notes.push_back({{"file", pathOf(n.at, root)},
                       {"line", n.at.line},
                       {"column", n.at.column},
                       {"note", n.text.plainText()}});
    out["notes"] = notes;
  }
  if (r.unlistedYields) // --all-yields lists them
    out["unlistedYields"] = r.unlistedYields;
  return out;
}

} // namespace

void writeJson(const RunResult &run, const std::string &root,
               llvm::raw_ostream &os) {
  ordered_json findings = ordered_json::array();
  for (const Report &r : run.reports)
    findings.push_back(finding(r, root));
  ordered_json errors = ordered_json::array();
  for (const std::string &file : run.failedFiles)
    errors.push_back(displayPath(file, root));
  for (const std::string &file : run.crashedFiles)
    errors.push_back(displayPath(file, root));
  SeverityCounts c = countBySeverity(run.reports);

  ordered_json doc = {
      {"version", kJsonVersion},
      {"tool", {{"name", "yieldcheck"}, {"version", YIELDCHECK_VERSION}}},
      {"findings", findings},
      {"summary",
       {{"files", run.files},
        {"findings", run.reports.size()},
        {"error", c.error},
        {"warning", c.warning},
        {"note", c.note}}},
      {"errors", errors}};
  // Present only when the filter ran, so that 0 means "none", not "off".
  if (run.diffFiltered)
    doc["summary"]["outsideDiff"] = run.outsideDiff;
  if (run.baseline)
    doc["summary"]["suppressed"] = run.suppressed;
  // Source text in messages may not be valid UTF-8; never throw on it.
  os << dumpDocument(doc);
  os.flush();
}

} // namespace yieldcheck
