//===- RuleCommands.h - --list-rules and --explain ------------------------===//
#ifndef YIELDCHECK_TOOL_RULECOMMANDS_H
#define YIELDCHECK_TOOL_RULECOMMANDS_H

#include "yieldcheck/Conventions.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace yieldcheck {

/// One line per rule: id, effective severity (or "off"), summary.
void listRules(const Conventions &conv, llvm::raw_ostream &os);
/// Prints the rule's docs page; returns an exit code.
int explainRule(const std::string &id, llvm::raw_ostream &os);

} // namespace yieldcheck

#endif
