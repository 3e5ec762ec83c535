// .yieldcheck.json text -> Conventions: every key, every kind of error.
#include "yieldcheck/Conventions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace yieldcheck;

namespace {

std::optional<ConfigError> applyText(Conventions &conv, const std::string &text) {
  return applyConfigText(conv, text, "cfg.json");
}

std::string errorOf(const std::string &text) {
  Conventions conv;
  auto err = applyText(conv, text);
  return err ? err->message() : "<no error>";
}

TEST(ConventionsTest, DefaultsAreValid) {
  Conventions conv;
  EXPECT_FALSE(validate(conv, "defaults"));
  EXPECT_EQ(conv.resultTemplates, std::vector<std::string>{"IOResult"});
  EXPECT_EQ(conv.statePattern, "state");
  EXPECT_EQ(conv.summaryDepth, 2u);
  EXPECT_TRUE(conv.ruleOverrides.empty());
}

TEST(ConventionsTest, EmptyObjectChangesNothing) {
  Conventions conv;
  ASSERT_FALSE(applyText(conv, "{}"));
  Conventions defaults;
  EXPECT_EQ(conv.yieldMacros, defaults.yieldMacros);
  EXPECT_EQ(conv.growthMethods, defaults.growthMethods);
}

TEST(ConventionsTest, EveryNameListKey) {
  struct Case {
    const char *key;
    std::vector<std::string> Conventions::*field;
  } cases[] = {
      {"resultTemplates", &Conventions::resultTemplates},
      {"yieldMacros", &Conventions::yieldMacros},
      {"restoreMacros", &Conventions::restoreMacros},
      {"ioValueTypes", &Conventions::ioValueTypes},
      {"doneFactories", &Conventions::doneFactories},
      {"growthMethods", &Conventions::growthMethods},
      {"keyedMethods", &Conventions::keyedMethods},
      {"counterMethods", &Conventions::counterMethods},
      {"againValues", &Conventions::againValues},
      {"againWrappers", &Conventions::againWrappers},
      {"ioFunctions", &Conventions::ioFunctions},
      {"doneParams", &Conventions::doneParams},
      {"stateValuePrefixes", &Conventions::stateValuePrefixes},
      {"growthFunctions", &Conventions::growthFunctions},
      {"pendingFields", &Conventions::pendingFields},
      {"idempotentMethods", &Conventions::idempotentMethods},
      {"ioSubmitFunctions", &Conventions::ioSubmitFunctions},
      {"completionTypes", &Conventions::completionTypes},
  };
  for (const Case &c : cases) {
    Conventions conv;
    std::string text = std::string("{\"") + c.key + "\": [\"Alpha\", \"beta_2\"]}";
    ASSERT_FALSE(applyText(conv, text)) << c.key;
    EXPECT_EQ(conv.*c.field, (std::vector<std::string>{"Alpha", "beta_2"}))
        << c.key;
  }
}

TEST(ConventionsTest, IdempotentMethodsTakePrefixes) {
  Conventions conv;
  ASSERT_FALSE(applyText(conv, R"({"idempotentMethods": ["seek*", "key"]})"));
  EXPECT_EQ(conv.idempotentMethods, (std::vector<std::string>{"seek*", "key"}));
  // Only that list: elsewhere a name with `*` is not a name.
  EXPECT_TRUE(applyText(conv, R"({"growthMethods": ["push*"]})"));
  EXPECT_TRUE(applyText(conv, R"({"idempotentMethods": ["*"]})"));
}

TEST(ConventionsTest, ScalarKeys) {
  Conventions conv;
  ASSERT_FALSE(applyText(conv, R"({"statePattern": "^(state|phase)_", "summaryDepth": 0})"));
  EXPECT_EQ(conv.statePattern, "^(state|phase)_");
  EXPECT_EQ(conv.summaryDepth, 0u);
  ASSERT_FALSE(applyText(conv, R"({"summaryDepth": 16})"));
  EXPECT_EQ(conv.summaryDepth, 16u);
}

TEST(ConventionsTest, RulesKey) {
  Conventions conv;
  ASSERT_FALSE(applyText(conv, R"({"rules": {
      "reentrancy-counter-advance": "warning",
      "reentrancy-field-assign": "off",
      "reentrancy-keyed-insert": "error"}})"));
  const Rule &counter = *findRule("reentrancy-counter-advance");
  const Rule &field = *findRule("reentrancy-field-assign");
  const Rule &keyed = *findRule("reentrancy-keyed-insert");
  const Rule &growth = *findRule("reentrancy-container-growth");
  EXPECT_TRUE(ruleEnabled(conv, counter));
  EXPECT_EQ(ruleSeverity(conv, counter), Severity::Warning);
  EXPECT_FALSE(ruleEnabled(conv, field));
  EXPECT_EQ(ruleSeverity(conv, keyed), Severity::Error);
  EXPECT_TRUE(ruleEnabled(conv, growth));
  EXPECT_EQ(ruleSeverity(conv, growth), growth.severity);

  // A later file re-enables a rule by giving it a level.
  ASSERT_FALSE(applyText(conv, R"({"rules": {"reentrancy-field-assign": "note"}})"));
  EXPECT_TRUE(ruleEnabled(conv, field));
  EXPECT_EQ(ruleSeverity(conv, field), Severity::Note);
}

TEST(ConventionsTest, CommentsAreAllowed) {
  Conventions conv;
  ASSERT_FALSE(applyText(conv, "// top\n{ /* inline */ \"summaryDepth\": 3 }"));
  EXPECT_EQ(conv.summaryDepth, 3u);
}

TEST(ConventionsTest, OperatorNamesAreAllowedInVocabularies) {
  Conventions conv;
  ASSERT_FALSE(applyText(conv, R"({"growthMethods": ["operator<<", "push"]})"));
  EXPECT_EQ(conv.growthMethods.front(), "operator<<");
}

TEST(ConventionsTest, ErrorsNameFileKeyAndProblem) {
  EXPECT_EQ(errorOf("{\n  \"yieldMacros\": [],\n}"),
            "cfg.json: invalid JSON: parse error at line 3, column 1: syntax "
            "error while parsing object key - unexpected '}'; expected string "
            "literal");
  EXPECT_EQ(errorOf(""), "cfg.json: invalid JSON: parse error at line 1, "
                         "column 1: syntax error while parsing value - "
                         "unexpected end of input; expected '[', '{', or a "
                         "literal");
  EXPECT_EQ(errorOf("[1]"),
            "cfg.json: expected a JSON object at the top level, got array");
  EXPECT_EQ(errorOf(R"({"yieldMacro": []})"),
            "cfg.json: key 'yieldMacro': unknown key (known keys: "
            "resultTemplates, yieldMacros, restoreMacros, ioValueTypes, "
            "doneFactories, growthMethods, clearCalls, keyedMethods, counterMethods, "
            "againValues, againWrappers, ioFunctions, doneParams, "
            "stateValuePrefixes, growthFunctions, pendingFields, "
            "idempotentMethods, ioSubmitFunctions, completionTypes, statePattern, "
            "ioFunctionPattern, summaryDepth, rules, preset)");
  EXPECT_EQ(errorOf(R"({"yieldMacros": "RETURN_IF_IO"})"),
            "cfg.json: key 'yieldMacros': expected an array of strings, got "
            "string");
  EXPECT_EQ(errorOf(R"({"keyedMethods": ["insert", null]})"),
            "cfg.json: key 'keyedMethods': element 1: expected a string, got "
            "null");
  EXPECT_EQ(errorOf(R"({"doneFactories": ["Done", ""]})"),
            "cfg.json: key 'doneFactories': element 1 ('') is not an "
            "unqualified name");
  EXPECT_EQ(errorOf(R"({"resultTemplates": ["ns::IOResult"]})"),
            "cfg.json: key 'resultTemplates': element 0 ('ns::IOResult') is "
            "not an unqualified name");
  EXPECT_EQ(errorOf(R"({"resultTemplates": []})"),
            "cfg.json: key 'resultTemplates': must name at least one result "
            "template");
  EXPECT_EQ(errorOf(R"({"statePattern": 3})"),
            "cfg.json: key 'statePattern': expected a string, got number");
  EXPECT_EQ(errorOf(R"({"statePattern": "a[b"})"),
            "cfg.json: key 'statePattern': invalid regular expression 'a[b': "
            "brackets ([ ]) not balanced");
  EXPECT_EQ(errorOf(R"({"statePattern": ""})"),
            "cfg.json: key 'statePattern': must not be empty (use \"^$\" to "
            "match no field name)");
  EXPECT_EQ(errorOf(R"({"summaryDepth": "2"})"),
            "cfg.json: key 'summaryDepth': expected a non-negative integer, "
            "got string");
  EXPECT_EQ(errorOf(R"({"summaryDepth": -1})"),
            "cfg.json: key 'summaryDepth': expected a non-negative integer, "
            "got -1");
  EXPECT_EQ(errorOf(R"({"summaryDepth": 1.5})"),
            "cfg.json: key 'summaryDepth': expected a non-negative integer, "
            "got 1.5");
  EXPECT_EQ(errorOf(R"({"summaryDepth": 17})"),
            "cfg.json: key 'summaryDepth': must be at most 16");
  EXPECT_EQ(errorOf(R"({"rules": ["reentrancy-field-assign"]})"),
            "cfg.json: key 'rules': expected an object mapping rule ids to "
            "\"off\", \"note\", \"warning\" or \"error\", got array");
  EXPECT_EQ(errorOf(R"({"rules": {"reentrancy-nope": "off"}})"),
            "cfg.json: key 'rules.reentrancy-nope': unknown rule (known: "
            "reentrancy-container-growth, reentrancy-counter-advance, "
            "reentrancy-keyed-insert, reentrancy-field-assign, "
            "reentrancy-replayed-call, reentrancy-resubmitted-io, "
            "reentrancy-local-across-yield, reentrancy-discarded-io, "
            "reentrancy-premature-commit)");
  EXPECT_EQ(errorOf(R"({"rules": {"reentrancy-field-assign": "fatal"}})"),
            "cfg.json: key 'rules.reentrancy-field-assign': expected \"off\", "
            "\"note\", \"warning\" or \"error\", got \"fatal\"");
  EXPECT_EQ(errorOf(R"({"rules": {"reentrancy-field-assign": false}})"),
            "cfg.json: key 'rules.reentrancy-field-assign': expected \"off\", "
            "\"note\", \"warning\" or \"error\", got boolean");
}

TEST(ConventionsTest, ErrorMessagesAreOneLine) {
  ConfigError err{"f.json", "k", "first\nsecond"};
  EXPECT_EQ(err.message(), "f.json: key 'k': first second");
  EXPECT_EQ((ConfigError{"f.json", "", "bad"}).message(), "f.json: bad");
}

TEST(ConventionsTest, AnErrorLeavesTheConventionsUntouched) {
  Conventions conv;
  auto err = applyText(conv, R"({"summaryDepth": 5, "statePattern": "("})");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->key, "statePattern");
  EXPECT_EQ(conv.summaryDepth, 2u);
  EXPECT_EQ(conv.statePattern, "state");
}

TEST(ConventionsTest, ValidateChecksValuesFromAnyOrigin) {
  Conventions conv;
  conv.ruleOverrides["reentrancy-nope"].enabled = false;
  auto err = validate(conv, "--disable");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->message(), "--disable: key 'rules.reentrancy-nope': unknown rule");
}

} // namespace

namespace {

TEST(ConventionsTest, EveryPresetLoadsAndValidates) {
  std::vector<std::string> names = presetNames();
  for (const char *expected : {"yieldrt", "libssh2", "libssh", "nginx", "curl",
                               "posix", "openssl", "libpq", "mbedtls"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end())
        << expected;
  for (const std::string &name : names) {
    Conventions conv;
    ASSERT_FALSE(applyPreset(conv, name, "test")) << name;
    EXPECT_FALSE(validate(conv, name)) << name;
    EXPECT_EQ(conv.preset, name);
  }
}

TEST(ConventionsTest, PresetKeyIsAppliedFirstAndRefined) {
  Conventions conv;
  // Keys sort before "preset": the preset must not overwrite them.
  ASSERT_FALSE(applyText(conv, R"({"againValues": ["MY_AGAIN"], "preset": "libssh2"})"));
  EXPECT_EQ(conv.preset, "libssh2");
  EXPECT_EQ(conv.againValues, std::vector<std::string>{"MY_AGAIN"});
  EXPECT_FALSE(conv.stateValuePrefixes.empty());
}

TEST(ConventionsTest, YieldrtPresetSwitchesTheStatusConventionOff) {
  Conventions conv;
  EXPECT_TRUE(statusConventionEnabled(conv));
  ASSERT_FALSE(applyText(conv, R"({"preset": "yieldrt"})"));
  EXPECT_FALSE(statusConventionEnabled(conv));
}

TEST(ConventionsTest, UnknownPresetNamesTheKnownOnes) {
  std::string message = errorOf(R"({"preset": "libfoo"})");
  EXPECT_NE(message.find("key 'preset': unknown preset 'libfoo' (known: "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("libssh2"), std::string::npos) << message;
  EXPECT_NE(errorOf(R"({"preset": 3})").find("expected a string"),
            std::string::npos);
}

TEST(ConventionsTest, IOFunctionPatternIsValidated) {
  EXPECT_NE(errorOf(R"({"ioFunctionPattern": "ngx_("})")
                .find("key 'ioFunctionPattern': invalid regular expression"),
            std::string::npos);
  Conventions conv;
  ASSERT_FALSE(applyText(conv, R"({"ioFunctionPattern": ""})"));
  EXPECT_EQ(conv.ioFunctionPattern, "");
}

} // namespace

// The key table is the one source of the config keys, the CheckOptions and
// their documentation: a key added to it is documented in both pages.
TEST(ConventionsTest, EverySettingIsDocumented) {
  auto read = [](const char *rel) {
    std::ifstream in(std::string(YIELDCHECK_SOURCE_DIR) + "/" + rel);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::string usage = read("docs/usage.md");
  std::string tidy = read("docs/clang-tidy.md");
  ASSERT_FALSE(usage.empty());
  ASSERT_FALSE(tidy.empty());
  for (const ListSetting &s : listSettings()) {
    EXPECT_NE(usage.find(std::string("| `") + s.key + "` |"), std::string::npos)
        << s.key << " is not in docs/usage.md's table";
    EXPECT_NE(tidy.find(std::string("`") + s.option + "`"), std::string::npos)
        << s.option << " is not in docs/clang-tidy.md";
  }
}
