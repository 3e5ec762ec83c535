//===- StateModel.h - State variables, their reads and their commits ------===//
//
// A state variable is persistent storage that encodes progress: read by a
// branch condition (switch/if on an enum, integer, bool, pointer, optional or
// variant, directly or through a local copy such as
// `auto st = std::exchange(state_, Init)`), or named like the configured
// pattern. Assigning it is a commit. Constant commits are evaluated against
// the guarding branch, so a commit that sends the replay down the same
// branch protects nothing.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STATEMODEL_H
#define YIELDCHECK_STATEMODEL_H

#include "Mutations.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Regex.h"

#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

/// A state variable read by a branch condition.
struct StateRead {
  /// path.key(), for the maps and equality tests.
  std::string key;
  StoragePath path;
  /// Read through `auto st = std::exchange(S, v)`: S was committed to v at
  /// the read itself.
  const clang::Expr *exchangedTo = nullptr;
};

/// What a commit stores, as far as it is known.
struct StateValue {
  enum Kind { Unknown, Int, Null, NonNull, Type };
  Kind kind = Unknown;
  llvm::APSInt i;
  clang::QualType type;
};

class StateModel {
public:
  StateModel(const Conventions &conv, clang::ASTContext &ctx,
             const clang::FunctionDecl &fn);

  /// State-typed persistent storage read by `cond`; records the variables.
  std::vector<StateRead> readsOf(const clang::Expr *cond);

  /// Persistent containers whose contents `cond` looks up: by key
  /// (X.contains(k), X.count(k), X.find(k) == X.end(), through local copies)
  /// or by emptiness (X.empty() or !X.empty() as the whole condition, with
  /// the successor taken when X is empty).
  struct Lookup {
    StoragePath path; // the container
    bool byKey = true;
    unsigned emptyEdge = 0;
  };
  std::vector<Lookup> containerLookupsOf(const clang::Expr *cond) const;

  /// True if `w` writes a state variable (so it is a commit, not a finding).
  bool isCommit(const Write &w) const;
  /// True if `w` commits the state variable `state` (a write to `op_`
  /// commits `op_.state`; a write through it, `*p_` or `p_[i]`, does not).
  bool commits(const Write &w, const StoragePath &state) const;

  StateValue valueOf(const Write &w) const;
  /// True if a branch reads `key` as a truth value, by == or by switch
  /// (not only by <, >...).
  bool isDispatched(const std::string &key) const {
    auto it = dispatched.find(key);
    return it != dispatched.end() && it->second.byValue;
  }
  StateValue valueOfExpr(const clang::Expr *e, clang::QualType target) const;

  /// The successor index of `b` taken when state `key` holds `v`, if the
  /// terminator's condition can be decided from that alone.
  std::optional<unsigned> successorFor(const clang::CFGBlock &b,
                                       const std::string &key,
                                       const StateValue &v) const;

private:
  void collectLookups(const clang::Expr *e, int depth,
                      std::vector<Lookup> &out) const;
  void collectReads(const clang::Expr *e, bool relational, int depth,
                    std::vector<StateRead> &out);
  bool refersTo(const clang::Expr *e, const std::string &key, int depth = 0) const;
  std::optional<bool> evalCond(const clang::Expr *e, const std::string &key,
                               const StateValue &v, int depth = 0) const;
  std::optional<llvm::APSInt> constant(const clang::Expr *e) const;
  bool matchesPattern(const clang::ValueDecl *leaf, const StoragePath &path) const;
  /// An enum constant or macro named with a configured state-value prefix.
  bool namesStateValue(const clang::Expr *value) const;
  bool advancesByCallResult(const clang::Expr *amount) const;
  bool storesCallResult(const Write &w) const;
  /// Locals assigned a call's result (computed on first use).
  mutable std::optional<llvm::DenseSet<const clang::VarDecl *>> callResults;

  /// A switch block's successors as successorFor reads them, evaluated once
  /// per block: asked once per commit, re-evaluating every case label made
  /// a state machine's analysis quadratic in its number of arms.
  struct SwitchArm {
    enum Kind { Case, Default, Other } kind;
    std::optional<llvm::APSInt> lo, hi;
  };
  const std::vector<SwitchArm> &switchArms(const clang::CFGBlock &b) const;

  const Conventions &conv;
  clang::ASTContext &ctx;
  const clang::FunctionDecl &fn;
  /// The function whose body collectReads is reading (fn, or a predicate
  /// method of the same object it inlines).
  const clang::FunctionDecl *scope;
  const llvm::Regex *pattern; // case-insensitive, as validate() checks it
  struct Dispatch {
    bool byValue; // dispatched by ==/switch/truth, not only by <, >...
    StoragePath path;
  };
  llvm::StringMap<Dispatch> dispatched; // by key: every state variable read
  mutable llvm::DenseMap<const clang::CFGBlock *, std::vector<SwitchArm>> switchTables;
};

} // namespace yieldcheck

#endif
