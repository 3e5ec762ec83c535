//===- RuleCatalog.cpp - The rules, read from the embedded rules.json -----===//
#include "yieldcheck/RuleCatalog.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace yieldcheck {
namespace embedded {
// Generated from rules/CMakeLists.txt: rules.json and the docs pages.
std::string_view lookup(const char *name);
} // namespace embedded

namespace {

using nlohmann::json;

// The catalogue ships inside the binary, so a malformed one is a build bug,
// not a user error: fail loudly at first use.
[[noreturn]] void badCatalog(const std::string &why) {
  llvm::errs() << "yieldcheck: the embedded rules.json is invalid: " << why
               << "\n";
  std::abort();
}

Rule parseRule(const json &j) {
  Rule r;
  r.id = j.at("id").get<std::string>();
  r.name = j.at("name").get<std::string>();
  r.kind = j.at("kind").get<std::string>();
  r.summary = j.at("summary").get<std::string>();
  r.description = j.at("description").get<std::string>();
  if (!parseSeverity(j.at("severity").get<std::string>(), r.severity))
    badCatalog("rule '" + r.id + "' has an unknown severity");
  r.impact = j.at("impact").get<std::string>();
  r.precision = j.at("precision").get<std::string>();
  r.tags = j.at("tags").get<std::vector<std::string>>();
  r.docsPath = j.at("docs").get<std::string>();
  return r;
}

std::vector<Rule> parseCatalog() {
  std::string_view text = embedded::lookup("rules.json");
  if (text.empty())
    badCatalog("it is missing");
  try {
    std::vector<Rule> out;
    // Keep the parsed document alive for the loop (a temporary would not be).
    const json doc = json::parse(text);
    for (const json &j : doc.at("rules"))
      out.push_back(parseRule(j));
    return out;
  } catch (const json::exception &e) {
    badCatalog(e.what());
  }
}

const char *kindName(MutationKind kind) {
  switch (kind) {
  case MutationKind::ContainerGrowth:
    return "container-growth";
  case MutationKind::CounterAdvance:
    return "counter-advance";
  case MutationKind::KeyedInsert:
    return "keyed-insert";
  case MutationKind::FieldAssign:
    return "field-assign";
  case MutationKind::ReplayedCall:
    return "replayed-call";
  case MutationKind::ResubmittedIO:
    return "resubmitted-io";
  case MutationKind::LocalAcrossYield:
    return "local-across-yield";
  case MutationKind::DiscardedIO:
    return "discarded-io";
  case MutationKind::PrematureCommit:
    return "premature-commit";
  }
  llvm_unreachable("unknown mutation kind");
}

} // namespace

const char *severityName(Severity s) {
  switch (s) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  llvm_unreachable("unknown severity");
}

bool parseSeverity(std::string_view name, Severity &out) {
  for (Severity s : {Severity::Note, Severity::Warning, Severity::Error})
    if (name == severityName(s)) {
      out = s;
      return true;
    }
  return false;
}

std::string Rule::docsText() const {
  return std::string(embedded::lookup(docsPath.c_str()));
}

const std::vector<Rule> &rules() {
  static const std::vector<Rule> all = parseCatalog();
  return all;
}

const Rule *findRule(std::string_view id) {
  for (const Rule &r : rules())
    if (r.id == id)
      return &r;
  return nullptr;
}

const Rule &ruleFor(MutationKind kind) {
  for (const Rule &r : rules())
    if (r.kind == kindName(kind))
      return r;
  badCatalog(std::string("no rule for the kind '") + kindName(kind) + "'");
}

} // namespace yieldcheck
