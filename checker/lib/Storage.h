//===- Storage.h - Which expressions designate persistent storage ---------===//
//
// Persistent = outlives one call of the IO function: members of *this and
// what they reach, pointees of pointer/reference parameters, globals, static
// locals and members, lambda captures, and locals bound by reference or
// pointer to any of these. Locals and by-value parameters are not.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_STORAGE_H
#define YIELDCHECK_STORAGE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace yieldcheck {

/// One step of a storage path below its root.
struct StorageStep {
  enum Kind {
    Field,       ///< a data member: `.name` (`->name` is Deref, then Field)
    Deref,       ///< what a pointer or pointer-like value points to
    Element,     ///< an element of an array or container: `[i]`
    Alternative, ///< a piece of a variant: std::get / std::get_if
    Call,        ///< what a method returns a reference or pointer to: `.name()`
  };
  Kind kind = Field;
  /// Field: the member's name (empty for an anonymous struct or union);
  /// Call: the method's name (empty when unknown). Empty otherwise.
  std::string name;
  /// Field: the member, when it is known (null in dependent code).
  const clang::ValueDecl *field = nullptr;

  static StorageStep fieldStep(llvm::StringRef name,
                               const clang::ValueDecl *decl = nullptr) {
    return {Field, name.str(), decl};
  }
  static StorageStep deref() { return {Deref, {}, nullptr}; }
  static StorageStep element() { return {Element, {}, nullptr}; }
  static StorageStep alternative() { return {Alternative, {}, nullptr}; }
  static StorageStep call(llvm::StringRef name) { return {Call, name.str(), nullptr}; }

  /// Same step as the key sees it: the kind and the name (not the decl).
  bool operator==(const StorageStep &o) const {
    return kind == o.kind && name == o.name;
  }
  bool operator!=(const StorageStep &o) const { return !(*this == o); }
};

/// Where persistent storage lives, as the analysis names it: a root (the
/// object, a parameter, a global, a lambda capture) and the steps from it.
/// A local reference or pointer has no root of its own: it is the path of
/// what it is bound to.
struct StoragePath {
  enum Root { None, This, Param, Global, Captured };
  Root root = None;
  /// Root::Param: the parameter's index.
  unsigned paramIndex = 0;
  /// Param and Captured: the variable's name; Global: its qualified name.
  std::string rootName;
  /// The variable the path starts from (Param, Global, Captured).
  const clang::VarDecl *rootVar = nullptr;
  std::vector<StorageStep> steps;

  /// The object itself: `this`, no steps.
  static StoragePath thisObject() {
    StoragePath p;
    p.root = This;
    return p;
  }

  bool persistent() const { return root != None; }
  /// `*this` itself (the key "this").
  bool isThis() const { return root == This && steps.empty(); }

  /// The canonical key: "this.op_.state", "p:s*.ch", "g:ns::x",
  /// "cap:buf.[]", "this.v_.[alt]", "this.pages_.back()"; "" for None.
  /// Fingerprints do not see it; the analysis's maps and YIELDCHECK_DEBUG
  /// dumps do. The one printer of keys.
  std::string key() const;
  /// The storage as written in the source, for messages and the reports'
  /// `target`: "arr_[]", "*p_", "q_->n", "ns::x", "*this".
  std::string spelling() const;

  /// The same root: kind and name (as the key compares them).
  bool sameRoot(const StoragePath &o) const {
    return root == o.root && rootName == o.rootName;
  }
  /// True if `o` is this path or a path below it ("this.a" is a prefix of
  /// "this.a.b", "this.a*" and "this.a.[]", not of "this.ab").
  bool isPrefixOf(const StoragePath &o) const;
  /// The steps of `o` below this path; `o` must be below it (isPrefixOf).
  llvm::ArrayRef<StorageStep> stepsBelow(const StoragePath &o) const {
    return llvm::ArrayRef<StorageStep>(o.steps).drop_front(steps.size());
  }
  /// The steps below the root.
  llvm::ArrayRef<StorageStep> relativeToRoot() const { return steps; }
  /// The last segment of the key after its last '.': the last step that is
  /// not a Deref, as the key prints it ("state", "[]", "get()"), with the
  /// derefs after it ("p_*"); the whole key when every step is a Deref.
  std::string lastSegment() const;

  StoragePath &append(StorageStep s) {
    steps.push_back(std::move(s));
    return *this;
  }
  StoragePath &append(llvm::ArrayRef<StorageStep> more) {
    steps.insert(steps.end(), more.begin(), more.end());
    return *this;
  }
};

struct StorageRef {
  /// Root and steps; root None when the storage is not persistent.
  StoragePath path;
  /// path.key(), kept beside it: the maps and equality tests of the
  /// analysis use it. Two expressions designate the same storage iff their
  /// keys are equal. Set it with setPath or appendSteps.
  std::string key;
  /// Declared type of the designated storage (may be null when dependent).
  clang::QualType type;
  /// The field or variable the path ends in.
  const clang::ValueDecl *leaf = nullptr;

  bool persistent() const { return path.persistent(); }

  void setPath(StoragePath p) {
    path = std::move(p);
    key = path.key();
  }
  void appendSteps(llvm::ArrayRef<StorageStep> more) {
    path.append(more);
    key = path.key();
  }
};

/// What `e` designates when it is written to. `fn` is the function whose
/// body contains `e` (for parameters and lambda captures).
StorageRef classifyStorage(const clang::Expr *e, const clang::FunctionDecl &fn);

/// What a named variable designates inside `fn`.
StorageRef classifyVar(const clang::VarDecl *vd, const clang::FunctionDecl &fn);

/// What `e` (a pointer or pointer-like value) points to.
StorageRef classifyPointee(const clang::Expr *e, const clang::FunctionDecl &fn);

/// The field `field` of the storage `base` designates (`ssl->out_left` from
/// what `ssl` points to); not persistent when `base` is not.
StorageRef fieldOf(const StorageRef &base, const clang::FieldDecl *field);

/// Strips parens, implicit casts, temporaries and cleanups.
const clang::Expr *stripExpr(const clang::Expr *e);

} // namespace yieldcheck

#endif
