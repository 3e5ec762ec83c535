//===- SarifWriter.cpp - Findings as SARIF 2.1.0 --------------------------===//
#include "OutputPaths.h"
#include "Writers.h"

#include <nlohmann/json.hpp>

namespace yieldcheck {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char *kSchema = "https://docs.oasis-open.org/sarif/sarif/"
                                "v2.1.0/errata01/os/schemas/"
                                "sarif-schema-2.1.0.json";
// Where users learn about the tool; the usage page of the repository.
constexpr const char *kInformationUri =
    "https://github.com/yieldcheck/yieldcheck/blob/main/docs/usage.md";

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
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.summary}}},
          {"fullDescription", {{"text", rule.description}}},
          {"help", help},
          {"defaultConfiguration", {{"level", severityName(rule.severity)}}},
          {"properties",
           {{"tags", rule.tags},
            {"precision", rule.precision},
            {"impact", rule.impact}}}};
}

size_t ruleIndex(const Rule *rule) {
  const std::vector<Rule> &all = rules();
  return rule ? static_cast<size_t>(rule - all.data()) : 0;
}

ordered_json result(const Report &r, const std::string &root) {
  ordered_json related = ordered_json::array();
  for (size_t i = 0; i < r.yields.size(); ++i)
    related.push_back(
        {{"id", i + 1},
         {"physicalLocation", physicalLocation(r.yields[i], root, false)},
         {"message", {{"text", r.yieldNote}}}});
  ordered_json location = {
      {"physicalLocation", physicalLocation(r.mutation, root, true)}};
  if (!r.function.empty())
    location["logicalLocations"] = ordered_json::array(
        {{{"fullyQualifiedName", r.function}, {"kind", "function"}}});
  ordered_json out = {{"ruleId", r.rule ? r.rule->id : ""},
                      {"ruleIndex", ruleIndex(r.rule)},
                      {"level", severityName(r.severity)},
                      {"message", {{"text", r.message}}},
                      {"locations", ordered_json::array({location})}};
  if (!related.empty())
    out["relatedLocations"] = related;
  if (!r.target.empty())
    out["properties"] = {{"target", r.target}};
  return out;
}

ordered_json invocation(const RunResult &run, const std::string &root) {
  ordered_json notes = ordered_json::array();
  for (const std::string &file : run.failedFiles)
    notes.push_back(
        {{"level", "error"},
         {"message",
          {{"text", displayPath(file, root) +
                        " did not compile; findings for it may be "
                        "incomplete"}}},
         {"locations",
          ordered_json::array({{{"physicalLocation",
                                 {{"artifactLocation",
                                   artifactLocation(file, root)}}}}})}});
  ordered_json out = {{"executionSuccessful", run.failedFiles.empty()}};
  if (!notes.empty())
    out["toolExecutionNotifications"] = notes;
  return out;
}

} // namespace

void writeSarif(const RunResult &run, const std::string &root,
                llvm::raw_ostream &os) {
  ordered_json ruleDescriptors = ordered_json::array();
  for (const Rule &rule : rules())
    ruleDescriptors.push_back(ruleDescriptor(rule));
  ordered_json results = ordered_json::array();
  for (const Report &r : run.reports)
    results.push_back(result(r, root));

  ordered_json driver = {{"name", "yieldcheck"},
                         {"semanticVersion", YIELDCHECK_VERSION},
                         {"informationUri", kInformationUri},
                         {"rules", ruleDescriptors}};
  ordered_json sarifRun = {
      {"tool", {{"driver", driver}}},
      {"invocations", ordered_json::array({invocation(run, root)})},
      {"originalUriBaseIds",
       {{"SRCROOT", {{"uri", fileUri(root, /*directory=*/true)}}}}},
      {"results", results}};
  ordered_json doc = {
      {"$schema", kSchema},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({sarifRun})}};
  os << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
     << "\n";
  os.flush();
}

} // namespace yieldcheck
