//===- Conventions.cpp - .yieldcheck.json parsing and validation ----------===//
#include "yieldcheck/Conventions.h"

#include "Limits.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>

namespace yieldcheck {
namespace embedded {
std::string_view lookup(const char *name); // the generated embedded files
} // namespace embedded
const std::vector<ListSetting> &listSettings() {
  static const std::vector<ListSetting> table = {
      {"resultTemplates", "ResultTemplates", &Conventions::resultTemplates},
      {"yieldMacros", "YieldMacros", &Conventions::yieldMacros},
      {"restoreMacros", "RestoreMacros", &Conventions::restoreMacros},
      {"ioValueTypes", "IOValueTypes", &Conventions::ioValueTypes},
      {"doneFactories", "DoneFactories", &Conventions::doneFactories},
      {"growthMethods", "GrowthMethods", &Conventions::growthMethods},
      {"clearCalls", "ClearCalls", &Conventions::clearCalls},
      {"keyedMethods", "KeyedMethods", &Conventions::keyedMethods},
      {"counterMethods", "CounterMethods", &Conventions::counterMethods},
      {"againValues", "AgainValues", &Conventions::againValues},
      {"againWrappers", "AgainWrappers", &Conventions::againWrappers},
      {"ioFunctions", "IOFunctions", &Conventions::ioFunctions},
      {"doneParams", "DoneParams", &Conventions::doneParams},
      {"stateValuePrefixes", "StateValuePrefixes", &Conventions::stateValuePrefixes},
      {"growthFunctions", "GrowthFunctions", &Conventions::growthFunctions},
      {"pendingFields", "PendingFields", &Conventions::pendingFields},
      {"idempotentMethods", "IdempotentMethods", &Conventions::idempotentMethods, true},
      {"ioSubmitFunctions", "IOSubmitFunctions", &Conventions::ioSubmitFunctions},
      {"completionTypes", "CompletionTypes", &Conventions::completionTypes},
  };
  return table;
}

namespace {

using nlohmann::json;

using limits::kMaxSummaryDepth;
constexpr const char *kConfigName = ".yieldcheck.json";
constexpr const char *kLevels = "\"off\", \"note\", \"warning\" or \"error\"";

// Keys whose value is a regular expression (case-sensitive unless noted).
struct PatternKey {
  const char *key;
  std::string Conventions::*field;
  bool mayBeEmpty;
};
const PatternKey kPatterns[] = {
    {"statePattern", &Conventions::statePattern, false},
    {"ioFunctionPattern", &Conventions::ioFunctionPattern, true},
};

std::string knownKeys() {
  std::string out;
  for (const ListSetting &k : listSettings())
    out += std::string(k.key) + ", ";
  return out + "statePattern, ioFunctionPattern, summaryDepth, rules, preset";
}

ConfigError error(const std::string &file, const std::string &key,
                  const std::string &problem) {
  return ConfigError{file, key, problem};
}

std::optional<ConfigError> readNames(const json &value,
                                     std::vector<std::string> &out,
                                     const std::string &file,
                                     const std::string &key) {
  if (!value.is_array())
    return error(file, key,
                 std::string("expected an array of strings, got ") +
                     value.type_name());
  std::vector<std::string> names;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string())
      return error(file, key,
                   "element " + std::to_string(i) +
                       ": expected a string, got " + value[i].type_name());
    names.push_back(value[i].get<std::string>());
  }
  out = std::move(names);
  return std::nullopt;
}

std::optional<ConfigError> readRules(const json &value, Conventions &conv,
                                     const std::string &file) {
  if (!value.is_object())
    return error(file, "rules",
                 std::string("expected an object mapping rule ids to ") +
                     kLevels + ", got " + value.type_name());
  for (const auto &item : value.items()) {
    const std::string key = "rules." + item.key();
    const Rule *rule = findRule(item.key());
    if (!rule) {
      std::string known;
      for (const Rule &r : rules())
        known += (known.empty() ? "" : ", ") + r.id;
      return error(file, key, "unknown rule (known: " + known + ")");
    }
    const json &level = item.value();
    Severity severity;
    if (level.is_string() && level.get<std::string>() == "off") {
      conv.ruleOverrides[rule->id].enabled = false;
    } else if (level.is_string() &&
               parseSeverity(level.get<std::string>(), severity)) {
      conv.ruleOverrides[rule->id] = RuleOverride{true, severity};
    } else {
      return error(file, key,
                   std::string("expected ") + kLevels + ", got " +
                       (level.is_string() ? "\"" + level.get<std::string>() + "\""
                                          : std::string(level.type_name())));
    }
  }
  return std::nullopt;
}

std::optional<ConfigError> applyKey(Conventions &conv, const std::string &key,
                                    const json &value,
                                    const std::string &file) {
  for (const ListSetting &k : listSettings())
    if (key == k.key)
      return readNames(value, conv.*k.field, file, key);
  for (const PatternKey &k : kPatterns)
    if (key == k.key) {
      if (!value.is_string())
        return error(file, key,
                     std::string("expected a string, got ") + value.type_name());
      conv.*k.field = value.get<std::string>();
      return std::nullopt;
    }
  if (key == "preset") // applied first, by applyConfigText
    return value.is_string()
               ? std::nullopt
               : std::optional<ConfigError>(error(
                     file, key,
                     std::string("expected a string, got ") + value.type_name()));
  if (key == "summaryDepth") {
    if (!value.is_number_unsigned())
      return error(file, key,
                   "expected a non-negative integer, got " +
                       (value.is_number() ? value.dump()
                                          : std::string(value.type_name())));
    // Bound before narrowing; validate() reports the limit.
    conv.summaryDepth = static_cast<unsigned>(
        std::min<std::uint64_t>(value.get<std::uint64_t>(), ~0u));
    return std::nullopt;
  }
  if (key == "rules")
    return readRules(value, conv, file);
  return error(file, key, "unknown key (known keys: " + knownKeys() + ")");
}

bool isIdentifier(const std::string &s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// An operator name (`operator<<`) is allowed for the method vocabularies.
bool isName(const std::string &s) {
  return isIdentifier(s) ||
         (s.size() > 8 && s.compare(0, 8, "operator") == 0 &&
          s.find_first_of(" \t") == std::string::npos);
}

std::string oneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

} // namespace

std::string ConfigError::message() const {
  std::string out = file + ": ";
  if (!key.empty())
    out += "key '" + key + "': ";
  return oneLine(out + problem);
}

bool ruleEnabled(const Conventions &conv, const Rule &rule) {
  auto it = conv.ruleOverrides.find(rule.id);
  return it == conv.ruleOverrides.end() || it->second.enabled;
}

Severity ruleSeverity(const Conventions &conv, const Rule &rule) {
  auto it = conv.ruleOverrides.find(rule.id);
  if (it != conv.ruleOverrides.end() && it->second.severity)
    return *it->second.severity;
  return rule.severity;
}

std::optional<ConfigError> validate(const Conventions &conv,
                                    const std::string &origin) {
  for (const ListSetting &k : listSettings()) {
    const std::vector<std::string> &names = conv.*k.field;
    for (size_t i = 0; i < names.size(); ++i)
      if (!isName(k.prefixes && !names[i].empty() && names[i].back() == '*'
                      ? names[i].substr(0, names[i].size() - 1)
                      : names[i]))
        return error(origin, k.key,
                     "element " + std::to_string(i) + " ('" + names[i] +
                         "') is not an unqualified name");
  }
  if (conv.resultTemplates.empty())
    return error(origin, "resultTemplates",
                 "must name at least one result template");
  for (const PatternKey &k : kPatterns) {
    const std::string &pattern = conv.*k.field;
    if (pattern.empty()) {
      if (k.mayBeEmpty)
        continue;
      return error(origin, k.key,
                   "must not be empty (use \"^$\" to match no field name)");
    }
    std::string regexError;
    if (!llvm::Regex(pattern, llvm::Regex::IgnoreCase).isValid(regexError))
      return error(origin, k.key,
                   "invalid regular expression '" + pattern + "': " +
                       regexError);
  }
  if (conv.summaryDepth > kMaxSummaryDepth)
    return error(origin, "summaryDepth",
                 "must be at most " + std::to_string(kMaxSummaryDepth));
  for (const auto &entry : conv.ruleOverrides)
    if (!findRule(entry.first))
      return error(origin, "rules." + entry.first, "unknown rule");
  return std::nullopt;
}

std::optional<ConfigError> applyConfigText(Conventions &conv,
                                           const std::string &text,
                                           const std::string &file) {
  json root;
  try {
    root = json::parse(text, nullptr, /*allow_exceptions=*/true,
                       /*ignore_comments=*/true);
  } catch (const json::parse_error &e) {
    // what() is "[json.exception.parse_error.101] parse error at line ...".
    std::string what = e.what();
    size_t start = what.find("] ");
    return error(file, "",
                 "invalid JSON: " +
                     (start == std::string::npos ? what : what.substr(start + 2)));
  }
  if (!root.is_object())
    return error(file, "",
                 std::string("expected a JSON object at the top level, got ") +
                     root.type_name());
  // All or nothing: a config with one bad key changes nothing.
  Conventions updated = conv;
  // The preset first, whatever the key order: the other keys refine it.
  auto preset = root.find("preset");
  if (preset != root.end() && preset->is_string())
    if (auto err = applyPreset(updated, preset->get<std::string>(), file))
      return err;
  for (const auto &item : root.items())
    if (auto err = applyKey(updated, item.key(), item.value(), file))
      return err;
  if (auto err = validate(updated, file))
    return err;
  conv = std::move(updated);
  return std::nullopt;
}

std::vector<std::string> presetNames() {
  std::vector<std::string> names;
  std::string_view list = embedded::lookup("presets.txt");
  llvm::SmallVector<llvm::StringRef, 16> lines;
  llvm::StringRef(list.data(), list.size())
      .split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef l : lines)
    if (!l.trim().empty())
      names.push_back(l.trim().str());
  return names;
}

std::string presetText(const std::string &name) {
  return std::string(embedded::lookup(("presets/" + name + ".json").c_str()));
}

std::optional<ConfigError> applyPreset(Conventions &conv,
                                       const std::string &name,
                                       const std::string &origin) {
  std::string text = presetText(name);
  if (text.empty()) {
    std::string known;
    for (const std::string &n : presetNames())
      known += (known.empty() ? "" : ", ") + n;
    return error(origin, "preset",
                 "unknown preset '" + name + "' (known: " + known + ")");
  }
  Conventions fresh;
  fresh.ruleOverrides = conv.ruleOverrides;
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false,
                          /*ignore_comments=*/true);
  if (!root.is_object())
    return error("preset " + name, "", "invalid embedded preset");
  for (const auto &item : root.items()) {
    if (item.key() == "preset" || item.key() == "description")
      continue;
    if (auto err = applyKey(fresh, item.key(), item.value(), "preset " + name))
      return err;
  }
  fresh.preset = name;
  conv = std::move(fresh);
  return std::nullopt;
}

bool statusConventionEnabled(const Conventions &conv) {
  return !conv.againValues.empty() || !conv.ioFunctions.empty() ||
         !conv.ioFunctionPattern.empty() || !conv.doneParams.empty();
}

std::optional<ConfigError> applyConfigFile(Conventions &conv,
                                           const std::string &file) {
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/true);
  if (!buffer)
    return error(file, "", "cannot read: " + buffer.getError().message());
  return applyConfigText(conv, (*buffer)->getBuffer().str(), file);
}

std::optional<std::string> findConfigUpward(const std::string &dir) {
  llvm::SmallString<256> current(dir.empty() ? "." : dir);
  if (llvm::sys::fs::make_absolute(current))
    return std::nullopt;
  llvm::sys::path::remove_dots(current, /*remove_dot_dot=*/true);
  while (!current.empty()) {
    llvm::SmallString<256> candidate(current);
    llvm::sys::path::append(candidate, kConfigName);
    if (llvm::sys::fs::is_regular_file(candidate))
      return std::string(candidate);
    llvm::StringRef parent = llvm::sys::path::parent_path(current);
    if (parent == current)
      break;
    current = parent.str();
  }
  return std::nullopt;
}

} // namespace yieldcheck
