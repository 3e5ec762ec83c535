//===- RuleCatalog.h - The rules, read from the embedded rules.json -------===//
#ifndef YIELDCHECK_RULECATALOG_H
#define YIELDCHECK_RULECATALOG_H

#include <string>
#include <string_view>
#include <vector>

namespace yieldcheck {

enum class Severity { Note, Warning, Error };
const char *severityName(Severity s); // "note", "warning", "error"
bool parseSeverity(std::string_view name, Severity &out);

/// What a finding reports; each kind is one rule of the catalogue. The first
/// four are mutations replayed by a re-entry; the others the second family
/// (docs/rules/).
enum class MutationKind {
  ContainerGrowth,
  CounterAdvance,
  KeyedInsert,
  FieldAssign,
  ReplayedCall,
  ResubmittedIO,
  LocalAcrossYield,
  DiscardedIO,
  PrematureCommit,
};

struct Rule {
  std::string id;          // reentrancy-counter-advance
  std::string name;        // CounterAdvanceBeforeYield
  std::string kind;        // counter-advance
  std::string summary;     // one sentence
  std::string description; // a paragraph
  Severity severity = Severity::Warning;
  std::string impact;      // high | medium | low
  std::string precision;   // high | medium | low
  std::vector<std::string> tags;
  std::string docsPath;    // docs/rules/<id>.md, relative to the project root
  std::string docsText() const; // the embedded docs page (may be empty)
};

/// All rules, in catalogue order.
const std::vector<Rule> &rules();
/// The rule with this id, or nullptr.
const Rule *findRule(std::string_view id);
/// The rule reporting this kind of mutation.
const Rule &ruleFor(MutationKind kind);

} // namespace yieldcheck

#endif
