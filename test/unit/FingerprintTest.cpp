// The "yieldcheck/v1" partial fingerprint and the baseline that reads it.
#include "Baseline.h"
#include "Fingerprint.h"

#include <gtest/gtest.h>

using namespace yieldcheck;

namespace {

Report report(const std::string &file, unsigned line, const std::string &text,
              const std::string &function = "Pager::load") {
  Report r;
  r.rule = findRule("reentrancy-counter-advance");
  r.mutation.file = r.mutation.absoluteFile = file;
  r.mutation.line = line;
  r.function = function;
  r.mutationText = text;
  return r;
}

TEST(FingerprintTest, ShapeAndStability) {
  std::string fp =
      fingerprintV1("reentrancy-counter-advance", "Pager::load", "n_ += 1", 0);
  EXPECT_EQ(fp.size(), 32u);
  EXPECT_EQ(fp.find_first_not_of("0123456789abcdef"), std::string::npos);
  // The same inputs give the same value, on every platform and run: the
  // value is pinned, as baselines written by earlier versions hold it.
  EXPECT_EQ(fp, fingerprintV1("reentrancy-counter-advance", "Pager::load",
                              "n_ += 1", 0));
  // SHA-256 of "yieldcheck/v1\0reentrancy-counter-advance\0Pager::load\0"
  // "n_ += 1\0" "0", first 16 bytes (Python's hashlib agrees).
  EXPECT_EQ(fp, "0e9a749d1225e5a1150ea256b3bd7031");
}

TEST(FingerprintTest, EveryInputCounts) {
  std::string fp = fingerprintV1("reentrancy-counter-advance", "A::f", "n_ += 1", 0);
  EXPECT_NE(fp, fingerprintV1("reentrancy-field-assign", "A::f", "n_ += 1", 0));
  EXPECT_NE(fp, fingerprintV1("reentrancy-counter-advance", "A::g", "n_ += 1", 0));
  EXPECT_NE(fp, fingerprintV1("reentrancy-counter-advance", "A::f", "n_ += 2", 0));
  EXPECT_NE(fp, fingerprintV1("reentrancy-counter-advance", "A::f", "n_ += 1", 1));
  // Fields are separated: moving text from one to the next is another input.
  EXPECT_NE(fingerprintV1("r", "ab", "c", 0), fingerprintV1("r", "a", "bc", 0));
}

TEST(FingerprintTest, WhitespaceIsNormalised) {
  EXPECT_EQ(normaliseWhitespace("  q_.push_back(\n\t  x )  "), "q_.push_back( x )");
  EXPECT_EQ(normaliseWhitespace(""), "");
  EXPECT_EQ(fingerprintV1("r", "f", "n_  +=\n 1", 0),
            fingerprintV1("r", "f", "n_ += 1", 0));
}

TEST(FingerprintTest, LinesDoNotCountOccurrencesDo) {
  std::vector<Report> a = {report("/p/a.cpp", 10, "n_ += 1"),
                           report("/p/a.cpp", 20, "n_ += 1"),
                           report("/p/a.cpp", 30, "m_ += 1"),
                           report("/p/b.cpp", 5, "n_ += 1")};
  std::vector<Report> moved = a;
  for (Report &r : moved)
    r.mutation.line += 7;
  std::vector<std::string> fa = fingerprints(a), fm = fingerprints(moved);
  EXPECT_EQ(fa, fm);
  // Identical triples in one file: told apart by their order.
  EXPECT_NE(fa[0], fa[1]);
  EXPECT_EQ(fa[0], fingerprintV1("reentrancy-counter-advance", "Pager::load",
                                 "n_ += 1", 0));
  EXPECT_EQ(fa[1], fingerprintV1("reentrancy-counter-advance", "Pager::load",
                                 "n_ += 1", 1));
  // Occurrences count per file.
  EXPECT_EQ(fa[3], fa[0]);
}

TEST(BaselineTest, ReadsFingerprints) {
  std::set<std::string> prints;
  std::string error;
  ASSERT_TRUE(parseBaseline(
      R"({"version": "2.1.0", "runs": [
            {"tool": {"driver": {"name": "yieldcheck"}},
             "results": [{"partialFingerprints": {"yieldcheck/v1": "aa"}},
                         {"partialFingerprints": {"yieldcheck/v1": "bb",
                                                  "other/v2": "cc"}}]},
            {"tool": {"driver": {"name": "yieldcheck"}}}]})",
      prints, error))
      << error;
  EXPECT_EQ(prints, (std::set<std::string>{"aa", "bb"}));
}

TEST(BaselineTest, RejectsWhatIsNotAYieldcheckLog) {
  std::set<std::string> prints;
  std::string error;
  EXPECT_FALSE(parseBaseline("{", prints, error));
  EXPECT_EQ(error, "not valid JSON");
  EXPECT_FALSE(parseBaseline("[]", prints, error));
  EXPECT_FALSE(parseBaseline(R"({"version": "2.1.0", "runs": {}})", prints, error));
  EXPECT_FALSE(parseBaseline(
      R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}}]})",
      prints, error));
  EXPECT_FALSE(parseBaseline(
      R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "yieldcheck"}},
          "results": [{"partialFingerprints": {"yieldcheck/v1": 3}}]}]})",
      prints, error));
  EXPECT_EQ(error, "runs[0].results[0] has no partialFingerprints.yieldcheck/v1");
}

TEST(BaselineTest, SuppressesAndCounts) {
  RunResult run;
  run.reports = {report("/p/a.cpp", 10, "n_ += 1"), report("/p/a.cpp", 20, "m_ += 1")};
  std::vector<std::string> all = fingerprints(run.reports);
  applyBaseline(run, {all[1], "unrelated"});
  ASSERT_EQ(run.reports.size(), 1u);
  EXPECT_EQ(run.reports[0].mutation.line, 10u);
  EXPECT_EQ(run.fingerprints, std::vector<std::string>{all[0]});
  EXPECT_TRUE(run.baseline);
  EXPECT_EQ(run.suppressed, 1u);
}

} // namespace
