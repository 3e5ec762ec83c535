//===- Conventions.h - What counts as IO, yield, state and mutation -------===//
//
// The vocabulary of the analysis, as data: defaults for the reference
// runtime's style, overridable by .yieldcheck.json, by flags, and by
// clang-tidy CheckOptions. Plain C++ (no clang types) so every front end and
// the unit tests share one model.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_CONVENTIONS_H
#define YIELDCHECK_CONVENTIONS_H

#include "yieldcheck/RuleCatalog.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

/// A rule switched off, or re-levelled, by a config file or a flag.
struct RuleOverride {
  bool enabled = true;
  std::optional<Severity> severity; // unset: the catalogue's severity
};

struct Conventions {
  /// Unqualified names of the result template (any namespace). A function
  /// returning R<...>, or W<R<...>, ...> for any wrapper W, is an IO function.
  std::vector<std::string> resultTemplates{"IOResult"};
  /// Macros whose expansions are yield points.
  std::vector<std::string> yieldMacros{
      "RETURN_IF_IO",         "IO_YIELD_ONE",          "RETURN_AND_RESTORE_IF_IO",
      "ASSIGN_OR_RETURN_IO",  "return_if_io",          "io_yield_one",
      "return_and_restore_if_io"};
  /// Yield macros of the form M(field, saved, expr) that restore `field` on IO.
  std::vector<std::string> restoreMacros{"RETURN_AND_RESTORE_IF_IO",
                                         "return_and_restore_if_io"};
  /// Types (unqualified names) whose conversion to the result means IO.
  std::vector<std::string> ioValueTypes{"IOCompletions", "Completion"};
  /// Static or free functions that build a result that is not IO: Done, or
  /// an error, which the caller propagates instead of re-entering. A return
  /// of one is not a yield point (unless an argument may be IO: Ok(IO(c))).
  std::vector<std::string> doneFactories{"Done", "done", "Ok",  "ok",
                                         "Ready", "ready", "Error", "error",
                                         "Err",  "err"};
  /// Case-insensitive regular expression (POSIX extended, as llvm::Regex;
  /// validate() checks it that way): persistent fields whose name matches
  /// are state variables even if this function does not dispatch on them.
  std::string statePattern{"state"};
  /// Method names that grow (or shrink) a sequence, on any receiver type.
  std::vector<std::string> growthMethods{
      "push_back", "emplace_back", "push_front", "emplace_front", "push",
      "append",    "extend",       "enqueue",    "add",           "pop_back",
      "pop_front", "pop",          "dequeue",    "splice",        "merge"};
  /// Method names that advance a counter, on any receiver type
  /// (stats_.fetch_add(1), cursor_.advance()).
  std::vector<std::string> counterMethods{"fetch_add", "fetch_sub", "advance",
                                          "increment", "decrement", "bump"};
  /// Method names that insert into or erase from a keyed container; on a
  /// sequence `insert`/`emplace`/`erase` count as growth.
  std::vector<std::string> keyedMethods{"insert",         "emplace",
                                        "try_emplace",    "insert_or_assign",
                                        "emplace_hint",   "erase",
                                        "erase_if",       "extract"};
  /// Methods (any receiver) that an IO function may call again after they
  /// completed without harm: read-only accessors and absolute positioning.
  /// An entry ending in `*` names a prefix (`seek*`).
  std::vector<std::string> idempotentMethods{
      "key",    "size",   "read_page", "get_page",     "rowid",
      "record", "exists", "is_empty",  "seek*",        "rewind",
      "move_to_root",     "first",     "last",         "ensure*"};
  /// Functions that start an IO operation whatever they return.
  std::vector<std::string> ioSubmitFunctions{"pread", "pwrite", "preadv",
                                             "pwritev", "submit"};
  /// Types of a pending IO operation: a call returning one by value (also
  /// inside std::optional, a pair or a vector) submits an IO. The
  /// ioValueTypes count as well.
  std::vector<std::string> completionTypes{"Completion", "IOCompletions"};
  /// How many call levels a mutation is followed into visible callees.
  unsigned summaryDepth = 2;
  /// Rule id -> override ("rules" in .yieldcheck.json, --enable/--disable).
  std::map<std::string, RuleOverride> ruleOverrides;
};

/// Whether `rule` reports at all, and at which severity, after overrides.
bool ruleEnabled(const Conventions &conv, const Rule &rule);
Severity ruleSeverity(const Conventions &conv, const Rule &rule);

/// A problem in a configuration file: one line, naming the file and the key.
struct ConfigError {
  std::string file;
  std::string key;
  std::string problem;
  std::string message() const;
};

/// Applies the JSON text of a .yieldcheck.json (`file` names it in errors).
/// Keys not given keep their current value.
std::optional<ConfigError> applyConfigText(Conventions &conv,
                                           const std::string &text,
                                           const std::string &file);
/// Reads and applies a config file.
std::optional<ConfigError> applyConfigFile(Conventions &conv,
                                           const std::string &file);
/// The nearest .yieldcheck.json in `dir` or its parents, if any.
std::optional<std::string> findConfigUpward(const std::string &dir);

/// Validates values that a config file or a flag may get wrong (an invalid
/// regular expression, an empty name list); `origin` names where they came from.
std::optional<ConfigError> validate(const Conventions &conv,
                                    const std::string &origin);

} // namespace yieldcheck

#endif
