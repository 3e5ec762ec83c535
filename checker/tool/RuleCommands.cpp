//===- RuleCommands.cpp - --list-rules and --explain ----------------------===//
#include "RuleCommands.h"

#include "ExitCodes.h"

#include "llvm/Support/Format.h"

#include <algorithm>

namespace yieldcheck {

void listRules(const Conventions &conv, llvm::raw_ostream &os) {
  size_t idWidth = 0;
  for (const Rule &r : rules())
    idWidth = std::max(idWidth, r.id.size());
  for (const Rule &r : rules()) {
    const char *level =
        ruleEnabled(conv, r) ? severityName(ruleSeverity(conv, r)) : "off";
    os << llvm::left_justify(r.id, idWidth) << "  "
       << llvm::left_justify(level, 7) << "  " << r.summary << "\n";
  }
}

int explainRule(const std::string &id, llvm::raw_ostream &os) {
  const Rule *rule = findRule(id);
  if (!rule) {
    llvm::errs() << "yieldcheck: error: unknown rule '" << id
                 << "' (see --list-rules)\n";
    return ExitUsage;
  }
  std::string docs = rule->docsText();
  if (docs.empty()) {
    llvm::errs() << "yieldcheck: error: no documentation for '" << id
                 << "': " << rule->docsPath
                 << " was not embedded when yieldcheck was built\n";
    return ExitUsage;
  }
  os << docs;
  if (docs.back() != '\n')
    os << "\n";
  return ExitClean;
}

} // namespace yieldcheck
