//===- SarifWriter.cpp - Findings as SARIF 2.1.0 --------------------------===//
#include "Fingerprint.h"
#include "OutputPaths.h"
#include "JsonDocument.h"
#include "RuleLinks.h"
#include "Writers.h"

#include <nlohmann/json.hpp>

namespace yieldcheck {
namespace {

constexpr const char *kSchema = "https://docs.oasis-open.org/sarif/sarif/"
                                "v2.1.0/errata01/os/schemas/"
                                "sarif-schema-2.1.0.json";
// Where users learn about the tool; the usage page of the repository.
constexpr const char *kInformationUri =
    "https://github.com/yieldcheck/yieldcheck/blob/main/docs/usage.md";

// SARIF message text: '\', '[' and ']' are literal only when escaped, as
// "[text](id)" is an embedded link.
std::string escapeText(llvm::StringRef text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '[' || c == ']')
      out += '\\';
    out += c;
  }
  return out;
}

// A message or note in SARIF: its clauses as sentences (code scanning lists
// findings by the first one alone), its yield lines linked to the related
// locations: "... before the yield at [line 13](1). ..." or "... before the
// yields at lines [13](1) and [15](2). ...". From the message's parts, never
// from its text.
struct SarifStyle : MessageStyle {
  const Report &r;
  explicit SarifStyle(const Report &r) : r(r) { sentences = true; }
  std::string literal(llvm::StringRef text) const override {
    return escapeText(text);
  }
  // Linked to the first related location (yield) on `line`; a line no
  // listed yield is on stays text.
  std::string line(llvm::StringRef words, unsigned line) const override {
    for (size_t i = 0; i < r.yields.size(); ++i)
      if (r.yields[i].line == line)
        return "[" + literal(words) + "](" + std::to_string(i + 1) + ")";
    return literal(words);
  }
};

std::string resultMessage(const Report &r) {
  return r.message.render(SarifStyle(r));
}

// What the mutation step of the code flow says: the message's action.
std::string mutationStep(const Report &r) {
  Message action = r.message.action();
  return action.empty() ? "The mutation." : action.render(SarifStyle(r));
}

const char *problemSeverity(Severity s) {
  switch (s) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    break;
  }
  return "recommendation";
}

ordered_json artifactLocation(const std::string &absFile,
                              const std::string &root) {
  if (auto rel = relativeToRoot(absFile, root))
    return {{"uri", uriEncodePath(*rel)}, {"uriBaseId", "SRCROOT"}};
  return {{"uri", fileUri(absFile, /*directory=*/false)}};
}

ordered_json physicalLocation(const Location &loc, const std::string &root,
                              bool withEnd) {
  ordered_json region = {{"startLine", loc.line},
                         {"startColumn", loc.column}};
  if (withEnd && loc.endLine) {
    region["endLine"] = loc.endLine;
    region["endColumn"] = loc.endColumn;
  }
  return {{"artifactLocation",
           artifactLocation(
               loc.absoluteFile.empty() ? loc.file : loc.absoluteFile, root)},
          {"region", region}};
}

ordered_json ruleDescriptor(const Rule &rule) {
  // help.text is plain text; the docs page is Markdown.
  ordered_json help = {{"text", rule.description}};
  std::string docs = rule.docsText();
  if (!docs.empty())
    help["markdown"] = docs;
  ordered_json out = {{"id", rule.id},
                      {"name", rule.name},
                      {"shortDescription", {{"text", rule.summary}}},
                      {"fullDescription", {{"text", rule.description}}}};
  if (!rule.docsPath.empty())
    out["helpUri"] = ruleDocsUri(rule);
  out["help"] = help;
  out["defaultConfiguration"] = {{"level", severityName(rule.severity)}};
  out["properties"] = {{"tags", rule.tags},
                       {"precision", rule.precision},
                       {"problem.severity", problemSeverity(rule.severity)},
                       {"impact", rule.impact}};
  return out;
}

size_t ruleIndex(const Rule *rule) {
  const std::vector<Rule> &all = rules();
  return rule ? static_cast<size_t>(rule - all.data()) : 0;
}

ordered_json flowStep(const Location &loc, const std::string &root,
                      bool withEnd, const std::string &message) {
  return {{"location",
           {{"physicalLocation", physicalLocation(loc, root, withEnd)},
            {"message", {{"text", message}}}}}};
}

// One code flow per finding, one thread flow in it: the function's entry,
// the mutation, then each listed yield in source order. That is one
// execution: a yield that completes (Done) is passed and the next one is
// reached; at any of them the call may return IO, after which the next
// call starts at the entry again. One flow per yield repeated the entry and
// the mutation for every yield and grew the log with the yields' count.
ordered_json codeFlows(const Report &r, const std::string &root) {
  std::string entry =
      "Entry of " + (r.function.empty() ? std::string("the function")
                                        : escapeText(r.function)) +
      "; a call after a yield starts here again.";
  ordered_json steps = ordered_json::array();
  if (r.functionStart.line)
    steps.push_back(flowStep(r.functionStart, root, false, entry));
  steps.push_back(flowStep(r.mutation, root, true, mutationStep(r)));
  std::string yieldStep = r.yieldNote.render(SarifStyle(r));
  for (const Location &y : r.yields)
    steps.push_back(flowStep(y, root, false, yieldStep));
  return ordered_json::array(
      {{{"threadFlows", ordered_json::array({{{"locations", steps}}})}}});
}

ordered_json result(const Report &r, const std::string &fingerprint,
                    const std::string &root) {
  ordered_json related = ordered_json::array();
  SarifStyle style(r);
  std::string yieldNote = r.yieldNote.render(style);
  for (size_t i = 0; i < r.yields.size(); ++i)
    related.push_back(
        {{"id", i + 1},
         {"physicalLocation", physicalLocation(r.yields[i], root, false)},
         {"message", {{"text", yieldNote}}}});
  for (const ReportNote &n : r.notes)
    related.push_back(
        {{"id", related.size() + 1},
         {"physicalLocation", physicalLocation(n.at, root, false)},
         {"message", {{"text", n.text.render(style)}}}});
  ordered_json location = {
      {"physicalLocation", physicalLocation(r.mutation, root, true)}};
  if (!r.function.empty())
    location["logicalLocations"] = ordered_json::array(
        {{{"fullyQualifiedName", r.function}, {"kind", "function"}}});
  ordered_json out = {{"ruleId", r.rule ? r.rule->id : ""},
                      {"ruleIndex", ruleIndex(r.rule)},
                      {"level", severityName(r.severity)},
                      {"message", {{"text", resultMessage(r)}}},
                      {"locations", ordered_json::array({location})}};
  if (!related.empty())
    out["relatedLocations"] = related;
  if (!r.yields.empty())
    out["codeFlows"] = codeFlows(r, root);
  out["partialFingerprints"] = {{kFingerprintKey, fingerprint}};
  if (!r.target.empty())
    out["properties"] = {{"target", r.target}};
  if (r.unlistedYields) // --all-yields lists them
    out["properties"]["unlistedYields"] = r.unlistedYields;
  return out;
}

ordered_json invocation(const RunResult &run, const std::string &root) {
  ordered_json notes = ordered_json::array();
  auto note = [&](const std::string &file, const char *what) {
    notes.push_back(
        {{"level", "error"},
         {"message", {{"text", displayPath(file, root) + what}}},
         {"locations",
          ordered_json::array({{{"physicalLocation",
                                 {{"artifactLocation",
                                   artifactLocation(file, root)}}}}})}});
  };
  for (const std::string &file : run.failedFiles)
    note(file, " did not compile; findings for it may be incomplete");
  for (const std::string &file : run.crashedFiles)
    note(file, ": the analysis crashed; findings for it are missing");
  ordered_json out = {{"executionSuccessful", run.failedFiles.empty() && run.crashedFiles.empty()}};
  if (!notes.empty())
    out["toolExecutionNotifications"] = notes;
  return out;
}

} // namespace

void writeSarif(const RunResult &run, const std::string &root,
                llvm::raw_ostream &os) {
  writeSarif(run, root, "", os);
}

void writeSarif(const RunResult &run, const std::string &root,
                const std::string &category, llvm::raw_ostream &os) {
  ordered_json ruleDescriptors = ordered_json::array();
  for (const Rule &rule : rules())
    ruleDescriptors.push_back(ruleDescriptor(rule));
  std::vector<std::string> prints = fingerprintsOf(run);
  ordered_json results = ordered_json::array();
  for (size_t i = 0; i < run.reports.size(); ++i)
    results.push_back(result(run.reports[i], prints[i], root));

  ordered_json driver = {{"name", "yieldcheck"},
                         {"semanticVersion", YIELDCHECK_VERSION},
                         {"informationUri", kInformationUri},
                         {"rules", ruleDescriptors}};
  ordered_json sarifRun = {{"tool", {{"driver", driver}}}};
  // GitHub's "category": runs of the same category replace each other.
  if (!category.empty())
    sarifRun["automationDetails"] = {
        {"id", category.back() == '/' ? category : category + "/"}};
  sarifRun["invocations"] = ordered_json::array({invocation(run, root)});
  sarifRun["originalUriBaseIds"] = {
      {"SRCROOT", {{"uri", fileUri(root, /*directory=*/true)}}}};
  sarifRun["results"] = results;
  // What the summary line says beyond the results, so that `yieldcheck
  // merge` can say it for the merged shards.
  sarifRun["properties"] = {{"files", run.files}};
  if (run.diffFiltered)
    sarifRun["properties"]["outsideDiff"] = run.outsideDiff;
  if (run.baseline)
    sarifRun["properties"]["suppressed"] = run.suppressed;
  ordered_json doc = {
      {"$schema", kSchema},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({sarifRun})}};
  os << dumpDocument(doc);
  os.flush();
}

} // namespace yieldcheck
