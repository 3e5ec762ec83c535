// The CLI's writers on hand-made reports (the analysis has its own tests).
#include "Fingerprint.h"
#include "OutputPaths.h"
#include "Writers.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace yieldcheck;
using nlohmann::json;

namespace {

Location loc(unsigned line, unsigned column, unsigned endColumn,
             const std::string &text) {
  Location l;
  l.file = "/src/proj/lib/a file.cpp";
  l.absoluteFile = l.file;
  l.line = line;
  l.column = column;
  l.endLine = line;
  l.endColumn = endColumn;
  l.lineText = text;
  return l;
}

RunResult sampleRun() {
  Report r;
  r.rule = findRule("reentrancy-keyed-insert");
  r.severity = Severity::Error; // re-levelled by a config
  r.message = Message()
                  .addAction("'index_.insert' inserts into 'index_'")
                  .addText(" before the yield");
  r.mutation = loc(12, 3, 22, "  index_.insert(k, v);");
  r.yields = {loc(14, 3, 15, "  RETURN_IF_IO(write());"),
              loc(16, 5, 17, "    RETURN_IF_IO(sync());")};
  r.yieldNote = "the function can yield here";
  r.function = "Pager::load";
  r.target = "index_";
  RunResult run;
  run.reports = {r};
  run.failedFiles = {"/src/proj/lib/bad.cpp"};
  run.files = 2;
  return run;
}

std::string text(const RunResult &run) {
  std::string out;
  llvm::raw_string_ostream os(out);
  writeText(run, os);
  return out;
}

TEST(TextWriterTest, ClangTidyShape) {
  EXPECT_EQ(text(sampleRun()),
            "/src/proj/lib/a file.cpp:12:3: warning: 'index_.insert' inserts "
            "into 'index_' before the yield [reentrancy-keyed-insert]\n"
            "  index_.insert(k, v);\n"
            "  ^~~~~~~~~~~~~~~~~~~\n"
            "/src/proj/lib/a file.cpp:14:3: note: the function can yield here\n"
            "  RETURN_IF_IO(write());\n"
            "  ^\n"
            "/src/proj/lib/a file.cpp:16:5: note: the function can yield here\n"
            "    RETURN_IF_IO(sync());\n"
            "    ^\n");
}

TEST(TextWriterTest, TabsExpandLikeClang) {
  RunResult run = sampleRun();
  run.reports[0].mutation = loc(3, 2, 8, "\tx_ += 1;");
  run.reports[0].yields.clear();
  std::string out = text(run);
  EXPECT_NE(out.find("\n        x_ += 1;\n        ^~~~~~\n"), std::string::npos)
      << out;
}

TEST(TextWriterTest, MultiLineRangeRunsToTheEndOfTheLine) {
  RunResult run = sampleRun();
  run.reports[0].mutation = loc(3, 3, 4, "  q_.push_back(");
  run.reports[0].mutation.endLine = 4;
  run.reports[0].yields.clear();
  std::string out = text(run);
  EXPECT_NE(out.find("\n  q_.push_back(\n  ^~~~~~~~~~~~~\n"), std::string::npos)
      << out;
}

TEST(TextWriterTest, Summary) {
  RunResult run = sampleRun();
  EXPECT_EQ(summaryLine(run), "1 finding (1 error, 0 warning, 0 note) in 2 files");
  run.reports.push_back(run.reports[0]);
  run.reports.back().severity = Severity::Note;
  run.files = 1;
  EXPECT_EQ(summaryLine(run), "2 findings (1 error, 0 warning, 1 note) in 1 file");
  run.reports.clear();
  EXPECT_EQ(summaryLine(run), "no findings in 1 file");
}

json parse(void (*writer)(const RunResult &, const std::string &,
                          llvm::raw_ostream &),
           const std::string &root) {
  std::string out;
  llvm::raw_string_ostream os(out);
  writer(sampleRun(), root, os);
  return json::parse(out);
}

TEST(JsonWriterTest, Shape) {
  json doc = parse(writeJson, "/src/proj");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["tool"]["name"], "yieldcheck");
  EXPECT_EQ(doc["tool"]["version"], YIELDCHECK_VERSION);
  ASSERT_EQ(doc["findings"].size(), 1u);
  const json &f = doc["findings"][0];
  EXPECT_EQ(f["ruleId"], "reentrancy-keyed-insert");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["file"], "lib/a file.cpp");
  EXPECT_EQ(f["line"], 12);
  EXPECT_EQ(f["column"], 3);
  EXPECT_EQ(f["endLine"], 12);
  EXPECT_EQ(f["endColumn"], 22);
  EXPECT_EQ(f["function"], "Pager::load");
  EXPECT_EQ(f["target"], "index_");
  ASSERT_EQ(f["yields"].size(), 2u);
  EXPECT_EQ(f["yields"][1],
            json({{"file", "lib/a file.cpp"}, {"line", 16}, {"column", 5},
                  {"note", "the function can yield here"}}));
  EXPECT_EQ(doc["summary"],
            json({{"files", 2}, {"findings", 1}, {"error", 1}, {"warning", 0},
                  {"note", 0}}));
  EXPECT_EQ(doc["errors"], json::array({"lib/bad.cpp"}));
}

TEST(JsonWriterTest, PathsOutsideTheRootStayAbsolute) {
  json doc = parse(writeJson, "/elsewhere");
  EXPECT_EQ(doc["findings"][0]["file"], "/src/proj/lib/a file.cpp");
  EXPECT_EQ(doc["errors"][0], "/src/proj/lib/bad.cpp");
}

TEST(SarifWriterTest, RunAndResult) {
  json doc = parse(writeSarif, "/src/proj");
  EXPECT_EQ(doc["version"], "2.1.0");
  const json &run = doc["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///src/proj/");
  const json &driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "yieldcheck");
  EXPECT_EQ(driver["semanticVersion"], YIELDCHECK_VERSION);
  ASSERT_EQ(driver["rules"].size(), rules().size());
  EXPECT_EQ(driver["rules"][2]["id"], "reentrancy-keyed-insert");
  EXPECT_EQ(driver["rules"][2]["defaultConfiguration"]["level"], "warning");

  const json &result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "reentrancy-keyed-insert");
  EXPECT_EQ(result["ruleIndex"], 2);
  EXPECT_EQ(result["level"], "error");
  const json &physical = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"],
            json({{"uri", "lib/a%20file.cpp"}, {"uriBaseId", "SRCROOT"}}));
  EXPECT_EQ(physical["region"],
            json({{"startLine", 12}, {"startColumn", 3}, {"endLine", 12},
                  {"endColumn", 22}}));
  ASSERT_EQ(result["relatedLocations"].size(), 2u);
  EXPECT_EQ(result["relatedLocations"][1]["id"], 2);
  EXPECT_EQ(result["relatedLocations"][1]["message"]["text"],
            "The function can yield here.");
  EXPECT_EQ(result["partialFingerprints"]["yieldcheck/v1"],
            fingerprintV1("reentrancy-keyed-insert", "Pager::load", "", 0));
  ASSERT_EQ(result["codeFlows"].size(), 1u); // one per finding
  ASSERT_EQ(result["codeFlows"][0]["threadFlows"].size(), 1u);
  // No function start in the report: no entry step; then both yields.
  const json &steps = result["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0]["location"]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(steps[0]["location"]["message"]["text"],
            "'index_.insert' inserts into 'index_'.");
  EXPECT_EQ(steps[1]["location"]["physicalLocation"]["region"]["startLine"], 14);
  EXPECT_EQ(steps[2]["location"]["physicalLocation"]["region"]["startLine"], 16);
  EXPECT_EQ(steps[2]["location"]["message"]["text"],
            "The function can yield here.");
  EXPECT_FALSE(run.contains("automationDetails"));

  const json &invocation = run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["message"]["text"],
            "lib/bad.cpp did not compile; findings for it may be incomplete");
}

json sarif(const RunResult &run, const std::string &category = "") {
  std::string out;
  llvm::raw_string_ostream os(out);
  writeSarif(run, "/src/proj", category, os);
  return json::parse(out);
}

// "<action> before <yields>; when the function is re-entered after <which>
// <again>", as the analysis builds it.
Message replayed(const std::string &action, std::vector<unsigned> lines,
                 const std::string &which, const std::string &again) {
  return Message()
      .addAction(action)
      .addText(" before ")
      .addYields(std::move(lines))
      .addClause()
      .addText("when the function is re-entered after " + which)
      .addPause()
      .addText(again);
}

TEST(SarifWriterTest, MessagesLinkTheYields) {
  RunResult run = sampleRun();
  Report &r = run.reports[0];
  r.message = replayed("'index_[k]' is assigned", {14, 16}, "one of them",
                       "it is assigned again");
  EXPECT_EQ(r.message.plainText(),
            "'index_[k]' is assigned before the yields at lines 14 and 16; "
            "when the function is re-entered after one of them it is "
            "assigned again");
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["message"]["text"],
            "'index_\\[k\\]' is assigned before the yields at lines [14](1) and "
            "[16](2). When the function is re-entered after one of them, it "
            "is assigned again.");
  r.message = replayed("'n_' is incremented", {16}, "that yield",
                       "it is incremented again");
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["message"]["text"],
            "'n_' is incremented before the yield at [line 16](2). When the "
            "function is re-entered after that yield, it is incremented again.");
  // A line no yield is on stays text.
  r.message = Message("'n_' is incremented before ")
                  .addYields({99})
                  .addClause()
                  .addText("when ...");
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["message"]["text"],
            "'n_' is incremented before the yield at line 99. When ...");
  // Past kListedYields lines, the first is named and the others counted.
  r.message = Message("'n_' is incremented before ").addYields({14, 16, 20, 30});
  EXPECT_EQ(r.message.plainText(),
            "'n_' is incremented before the yield at line 14 (and 3 more)");
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["message"]["text"],
            "'n_' is incremented before the yield at [line 14](1) (and 3 more).");
}

// The links come from the message's parts, not from its wording: a message
// worded in another way, with no "before the yield" in it, still links its
// yields, and its code flow step is its action.
TEST(SarifWriterTest, LinksComeFromTheParts) {
  RunResult run = sampleRun();
  Report &r = run.reports[0];
  r.message = Message()
                  .addAction("[k] grows")
                  .addText(" ahead of ")
                  .addYields({14, 16})
                  .addText(" (twice)")
                  .addClause()
                  .addText("a re-entry")
                  .addPause()
                  .addText("grows it again");
  EXPECT_EQ(r.message.plainText(),
            "[k] grows ahead of the yields at lines 14 and 16 (twice); a "
            "re-entry grows it again");
  json doc = sarif(run);
  const json &result = doc["runs"][0]["results"][0];
  EXPECT_EQ(result["message"]["text"],
            "\\[k\\] grows ahead of the yields at lines [14](1) and [16](2) "
            "(twice). A re-entry, grows it again.");
  EXPECT_EQ(result["codeFlows"][0]["threadFlows"][0]["locations"][0]["location"]
                  ["message"]["text"],
            "\\[k\\] grows.");
  // No action: the step says what it is.
  r.message = Message("something happens");
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"]
                [0]["locations"][0]["location"]["message"]["text"],
            "The mutation.");
  // Notes render their clauses as sentences, from their parts too.
  r.yieldNote = Message("it yields here").addClause().addText("and again");
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["relatedLocations"][0]
                ["message"]["text"],
            "It yields here. And again.");
  EXPECT_NE(text(run).find("note: it yields here; and again\n"),
            std::string::npos);
}

TEST(SarifWriterTest, CodeFlowStartsAtTheFunction) {
  RunResult run = sampleRun();
  run.reports[0].functionStart = loc(10, 1, 1, "IOResult<Unit> Pager::load() {");
  json doc = sarif(run);
  const json &flows = doc["runs"][0]["results"][0]["codeFlows"];
  ASSERT_EQ(flows.size(), 1u);
  const json &steps = flows[0]["threadFlows"][0]["locations"];
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0]["location"]["physicalLocation"]["region"]["startLine"], 10);
  EXPECT_EQ(steps[0]["location"]["message"]["text"],
            "Entry of Pager::load; a call after a yield starts here again.");
  EXPECT_EQ(steps[1]["location"]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(steps[2]["location"]["physicalLocation"]["region"]["startLine"], 14);
  EXPECT_EQ(steps[3]["location"]["physicalLocation"]["region"]["startLine"], 16);
}

TEST(SarifWriterTest, CategoryAndRuleMetadata) {
  json doc = sarif(sampleRun(), "ci/cpp");
  EXPECT_EQ(doc["runs"][0]["automationDetails"]["id"], "ci/cpp/");
  const json &rule = doc["runs"][0]["tool"]["driver"]["rules"][3];
  EXPECT_EQ(rule["properties"]["problem.severity"], "recommendation");
  EXPECT_EQ(rule["helpUri"], "https://github.com/yieldcheck/yieldcheck/blob/"
                             "main/docs/rules/reentrancy-field-assign.md");
}

TEST(SarifWriterTest, GivenFingerprintsAreUsed) {
  RunResult run = sampleRun();
  run.fingerprints = {"0123"};
  EXPECT_EQ(sarif(run)["runs"][0]["results"][0]["partialFingerprints"]
                      ["yieldcheck/v1"],
            "0123");
}

TEST(TextWriterTest, SummaryWithABaseline) {
  RunResult run = sampleRun();
  run.baseline = true;
  run.suppressed = 3;
  EXPECT_EQ(summaryLine(run), "1 finding (1 error, 0 warning, 0 note) in 2 "
                              "files; 3 suppressed by the baseline");
  run.reports.clear();
  EXPECT_EQ(summaryLine(run), "no findings in 2 files; 3 suppressed by the baseline");
}

TEST(SarifWriterTest, FilesOutsideTheRootGetFileUris) {
  json doc = parse(writeSarif, "/elsewhere");
  const json &artifact = doc["runs"][0]["results"][0]["locations"][0]
                            ["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact, json({{"uri", "file:///src/proj/lib/a%20file.cpp"}}));
}

TEST(OutputPathsTest, RelativeToRoot) {
  EXPECT_EQ(relativeToRoot("/a/b/c.cpp", "/a"), "b/c.cpp");
  EXPECT_EQ(relativeToRoot("/a/b/c.cpp", "/a/"), "b/c.cpp");
  EXPECT_EQ(relativeToRoot("/ab/c.cpp", "/a"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a", "/a"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a/b.cpp", "/"), "a/b.cpp");
  EXPECT_EQ(displayPath("/x/y.cpp", "/a"), "/x/y.cpp");
}

TEST(OutputPathsTest, Uris) {
  EXPECT_EQ(uriEncodePath("dir/a b#c%d.cpp"), "dir/a%20b%23c%25d.cpp");
  EXPECT_EQ(uriEncodePath("caf\xc3\xa9.cpp"), "caf%C3%A9.cpp");
  EXPECT_EQ(fileUri("/src/proj", true), "file:///src/proj/");
  EXPECT_EQ(fileUri("/", true), "file:///");
  EXPECT_EQ(fileUri("/src/a.cpp", false), "file:///src/a.cpp");
}

} // namespace
