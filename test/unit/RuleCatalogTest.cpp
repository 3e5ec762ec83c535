// The catalogue embedded from rules/rules.json and docs/rules/*.md.
#include "yieldcheck/RuleCatalog.h"

#include <gtest/gtest.h>

#include <set>

using namespace yieldcheck;

namespace {

TEST(RuleCatalogTest, TheNineRulesInCatalogueOrder) {
  std::vector<std::string> ids;
  for (const Rule &r : rules())
    ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "reentrancy-container-growth", "reentrancy-counter-advance",
                     "reentrancy-keyed-insert", "reentrancy-field-assign",
                     "reentrancy-replayed-call", "reentrancy-resubmitted-io",
                     "reentrancy-local-across-yield", "reentrancy-discarded-io",
                     "reentrancy-premature-commit"}));
}

TEST(RuleCatalogTest, Severities) {
  EXPECT_EQ(findRule("reentrancy-container-growth")->severity, Severity::Error);
  EXPECT_EQ(findRule("reentrancy-counter-advance")->severity, Severity::Error);
  EXPECT_EQ(findRule("reentrancy-keyed-insert")->severity, Severity::Warning);
  EXPECT_EQ(findRule("reentrancy-field-assign")->severity, Severity::Note);
}

TEST(RuleCatalogTest, EveryFieldIsFilled) {
  std::set<std::string> names;
  for (const Rule &r : rules()) {
    EXPECT_FALSE(r.name.empty()) << r.id;
    EXPECT_TRUE(names.insert(r.name).second) << r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_FALSE(r.description.empty()) << r.id;
    EXPECT_FALSE(r.impact.empty()) << r.id;
    EXPECT_FALSE(r.precision.empty()) << r.id;
    EXPECT_FALSE(r.tags.empty()) << r.id;
    EXPECT_EQ(r.docsPath, "docs/rules/" + r.id + ".md");
  }
}

TEST(RuleCatalogTest, EachKindHasItsRule) {
  EXPECT_EQ(ruleFor(MutationKind::ContainerGrowth).id, "reentrancy-container-growth");
  EXPECT_EQ(ruleFor(MutationKind::CounterAdvance).id, "reentrancy-counter-advance");
  EXPECT_EQ(ruleFor(MutationKind::KeyedInsert).id, "reentrancy-keyed-insert");
  EXPECT_EQ(ruleFor(MutationKind::FieldAssign).id, "reentrancy-field-assign");
  EXPECT_EQ(ruleFor(MutationKind::ReplayedCall).id, "reentrancy-replayed-call");
  EXPECT_EQ(ruleFor(MutationKind::ResubmittedIO).id, "reentrancy-resubmitted-io");
  EXPECT_EQ(ruleFor(MutationKind::LocalAcrossYield).id, "reentrancy-local-across-yield");
  EXPECT_EQ(ruleFor(MutationKind::DiscardedIO).id, "reentrancy-discarded-io");
  EXPECT_EQ(ruleFor(MutationKind::PrematureCommit).id, "reentrancy-premature-commit");
}

TEST(RuleCatalogTest, FindRule) {
  const Rule *r = findRule("reentrancy-keyed-insert");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r, &ruleFor(MutationKind::KeyedInsert));
  EXPECT_EQ(findRule("reentrancy-keyed"), nullptr);
  EXPECT_EQ(findRule(""), nullptr);
}

TEST(RuleCatalogTest, DocsPagesAreEmbedded) {
  for (const Rule &r : rules()) {
    std::string docs = r.docsText();
    EXPECT_EQ(docs.rfind("# " + r.id, 0), 0u) << r.id;
  }
}

TEST(RuleCatalogTest, SeverityNames) {
  for (Severity s : {Severity::Note, Severity::Warning, Severity::Error}) {
    Severity parsed = Severity::Note;
    ASSERT_TRUE(parseSeverity(severityName(s), parsed));
    EXPECT_EQ(parsed, s);
  }
  EXPECT_STREQ(severityName(Severity::Warning), "warning");
  Severity unchanged = Severity::Warning;
  EXPECT_FALSE(parseSeverity("Error", unchanged));
  EXPECT_FALSE(parseSeverity("off", unchanged));
  EXPECT_EQ(unchanged, Severity::Warning);
}

} // namespace
