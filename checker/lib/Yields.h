//===- Yields.h - Where an IO function can return IO ----------------------===//
//
// A yield point is an expansion of a configured yield macro (found through
// the SourceManager's macro expansion chain, so macros wrapping it count), or
// a `return` whose value may be IO. Statements spelled in a yield macro's
// body are the macro's machinery: they "pass" the yield (kill it in the
// dataflow); its `return`s are where the function hands back IO.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_YIELDS_H
#define YIELDCHECK_YIELDS_H

#include "Storage.h"
#include "yieldcheck/Conventions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

class IOConvention;

struct YieldPoint {
  clang::SourceLocation loc; // file location shown to the user
  std::string macroName;     // outermost configured macro, if any
  /// For restore macros: the storage the macro puts back on IO (root None
  /// when unknown).
  StoragePath restored;
};

/// How one statement relates to yield points.
struct YieldRole {
  unsigned yield = 0;
  /// Machinery of the yield macro, or the test of a hand-written yield
  /// (`if (rc == LIBSSH2_ERROR_EAGAIN) return rc;`): passes the yield.
  bool passes = false;
  bool returnsIO = false;   // a return that may hand back IO
};

class YieldFinder {
public:
  YieldFinder(const Conventions &conv, clang::ASTContext &ctx,
              const clang::FunctionDecl &fn);
  ~YieldFinder();

  /// The role of `s` (a CFG element) or nullopt if it has none.
  std::optional<YieldRole> roleOf(const clang::Stmt *s);

  const std::vector<YieldPoint> &points() const { return yields; }
  /// How the function says IO (IOConvention.h).
  IOConvention &convention() const { return *io; }

  /// True if `s` is spelled inside the body of a yield macro (never a
  /// mutation of the user's code).
  bool inYieldMacroBody(const clang::Stmt *s);

private:
  std::optional<unsigned> macroYieldOf(clang::SourceLocation loc);
  bool returnMayBeIO(const clang::ReturnStmt *ret) const;
  unsigned yieldAt(clang::SourceLocation fileLoc, llvm::StringRef macro);
  std::optional<unsigned> guardedYield(const clang::Stmt *cond);

  const Conventions &conv;
  clang::ASTContext &ctx;
  const clang::FunctionDecl &fn;
  /// How `fn` says IO: it decides which returns may hand it back.
  std::unique_ptr<IOConvention> io;
  std::vector<YieldPoint> yields;
  llvm::DenseMap<unsigned, unsigned> byLoc; // raw file location -> yield id
  /// Conditions of the if statements around hand-written yields, computed
  /// on first use.
  std::optional<llvm::DenseMap<const clang::Stmt *, unsigned>> guards;
  /// macroYieldOf's answer for a token in a macro's body, per expansion:
  /// the yield macro's name (it points into the source buffer) and the
  /// expansion location, or nullopt when no yield macro holds it.
  llvm::DenseMap<clang::FileID,
                 std::optional<std::pair<llvm::StringRef, clang::SourceLocation>>>
      bodyYields;
};

} // namespace yieldcheck

#endif
