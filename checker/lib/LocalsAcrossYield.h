//===- LocalsAcrossYield.h - Progress kept in a local across a yield ------===//
//
// A local (or by-value parameter) that carries a value across a yield point
// loses it: the re-entry starts from the top and re-creates the local. On
// the CFG, with W a write of the local and R a read that W reaches with no
// other write in between, the value is lost when the re-entry after some
// yield Y does not run W again (W is not on Y's replay path, as the replay
// analysis decides it for mutations, state commits included) and R can be
// reached holding only the local's declared value, and either
//   (a) the path W -> R passes Y (the yield's Done path), or
//   (b) R itself is on Y's replay path (the re-entry reads it again).
// A local written back into persistent state, or whose declaration reads
// persistent state, is not reported (it is saved, or re-computed on entry).
// Separately, an IO method called on a local object (`Scanner s(root_);
// RETURN_IF_IO(s.drop_all());`) keeps the operation's progress in the object,
// which the re-entry creates again.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LOCALSACROSSYIELD_H
#define YIELDCHECK_LOCALSACROSSYIELD_H

#include "Mutations.h"
#include "ReplayAnalysis.h"

#include "yieldcheck/Analysis.h"

#include <memory>
#include <vector>

namespace yieldcheck {

class BodyParents;

struct LostLocal {
  const clang::ValueDecl *var = nullptr;
  const clang::Stmt *write = nullptr; // the write whose value is lost
  const clang::Stmt *read = nullptr;  // the read that sees the fresh value
  std::vector<unsigned> yields;       // yield ids (into the points)
  /// An IO method of a local object: `write` is its declaration, `read` the call.
  bool objectProgress = false;
  std::string method;
  /// The range-based for loop whose hidden position `var` is.
  const clang::Stmt *loop = nullptr;
};

class LocalsAcrossYield : public ReplayProbes {
public:
  /// `parents` (of `fn`'s body) must outlive this object.
  LocalsAcrossYield(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
                    const Conventions &conv, MutationClassifier &classifier,
                    const BodyParents &parents);
  ~LocalsAcrossYield() override;

  std::vector<CFGPoint>
  probes(const clang::CFG &cfg,
         const std::vector<std::vector<std::optional<YieldRole>>> &roles) override;
  void replayed(const std::vector<std::vector<unsigned>> &yields,
                const std::vector<YieldPoint> &points) override;

  /// One per local, in no particular order.
  const std::vector<LostLocal> &findings() const { return found; }

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
  std::vector<LostLocal> found;
};

/// The findings of `locals` (kind LocalAcrossYield), appended to `out`.
void appendLocalFindings(const LocalsAcrossYield &locals,
                         const std::vector<YieldPoint> &points,
                         const clang::FunctionDecl &fn, clang::ASTContext &ctx,
                         const std::string &fnName, std::vector<Finding> &out);

} // namespace yieldcheck

#endif
