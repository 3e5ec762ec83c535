// The reading of `git diff -U0` behind --diff-base.
#include "DiffLines.h"

#include <gtest/gtest.h>

namespace yieldcheck {
namespace {

using Ranges = std::vector<std::pair<unsigned, unsigned>>;

ChangedLines parse(const std::string &diff) {
  ChangedLines out;
  std::string error;
  EXPECT_TRUE(parseUnifiedDiff(diff, "/repo", out, error)) << error;
  return out;
}

TEST(DiffLinesTest, HunksGiveTheNewSidesLines) {
  ChangedLines lines = parse("diff --git a/src/a.cpp b/src/a.cpp\n"
                             "index 1..2 100644\n"
                             "--- a/src/a.cpp\n"
                             "+++ b/src/a.cpp\n"
                             "@@ -3 +3 @@ int x;\n"
                             "-old\n"
                             "+new\n"
                             "@@ -10,0 +11,3 @@\n"
                             "+a\n+b\n+c\n");
  EXPECT_EQ(lines["/repo/src/a.cpp"], (Ranges{{3, 3}, {11, 13}}));
  EXPECT_EQ(lines.size(), 1u);
}

TEST(DiffLinesTest, PureDeletionsAndDeletedFilesAddNothing) {
  ChangedLines lines = parse("--- a/gone.cpp\n"
                             "+++ /dev/null\n"
                             "@@ -1,2 +0,0 @@\n"
                             "-x\n-y\n"
                             "--- a/kept.cpp\n"
                             "+++ b/kept.cpp\n"
                             "@@ -5,2 +4,0 @@\n"
                             "-x\n-y\n");
  EXPECT_TRUE(lines.empty());
}

TEST(DiffLinesTest, QuotedPathsAreUnquoted) {
  ChangedLines lines = parse("+++ \"b/dir/tab\\there \\303\\251.cpp\"\n"
                             "@@ -1 +1,2 @@\n");
  EXPECT_EQ(lines["/repo/dir/tab\there \xc3\xa9.cpp"], (Ranges{{1, 2}}));
}

TEST(DiffLinesTest, AddedLinesThatLookLikeHeadersAreContent) {
  // Removing "-- x" and adding "++ y" shows as "--- x" and "+++ y".
  ChangedLines lines = parse("+++ b/a.cpp\n"
                             "@@ -4 +4 @@\n"
                             "--- x\n"
                             "+++ y\n"
                             "\\ No newline at end of file\n"
                             "+++ b/b.cpp\n"
                             "@@ -0,0 +1 @@\n"
                             "+z\n");
  EXPECT_EQ(lines["/repo/a.cpp"], (Ranges{{4, 4}}));
  EXPECT_EQ(lines["/repo/b.cpp"], (Ranges{{1, 1}}));
  EXPECT_EQ(lines.size(), 2u);
}

TEST(DiffLinesTest, MalformedHunkHeaderIsAnError) {
  ChangedLines out;
  std::string error;
  EXPECT_FALSE(parseUnifiedDiff("+++ b/a.cpp\n@@ -1 +x @@\n", "/repo", out,
                                error));
  EXPECT_EQ(error, "unexpected line in git diff: '@@ -1 +x @@'");
}

TEST(DiffLinesTest, FilterKeepsFindingsTouchingTheDiff) {
  auto report = [](unsigned line, unsigned yieldLine) {
    Report r;
    r.mutation.absoluteFile = "/nonexistent-yieldcheck/a.cpp";
    r.mutation.line = line;
    r.mutationText = "n_++" + std::to_string(line);
    Location y = r.mutation;
    y.line = yieldLine;
    r.yields.push_back(y);
    return r;
  };
  RunResult run;
  run.reports = {report(3, 4), report(10, 12), report(20, 21)};
  ChangedLines changed;
  changed["/nonexistent-yieldcheck/a.cpp"] = {{3, 3}, {12, 12}};
  applyDiffFilter(run, changed);
  ASSERT_EQ(run.reports.size(), 2u);
  EXPECT_EQ(run.reports[0].mutation.line, 3u);  // the mutation changed
  EXPECT_EQ(run.reports[1].mutation.line, 10u); // its yield changed
  EXPECT_EQ(run.fingerprints.size(), 2u);
  EXPECT_TRUE(run.diffFiltered);
  EXPECT_EQ(run.outsideDiff, 1u);
}

} // namespace
} // namespace yieldcheck
