//===- CallReplays.h - Calls that a re-entry repeats or abandons ----------===//
//
// Three second-family rules over the calls of one IO function, checked
// through the replay analysis' probes (ReplayAnalysis.h):
//  - replayed-call: an IO call on persistent state completed before another
//    yield, so the replay calls it again;
//  - resubmitted-io: an IO submission on the replay path of a yield, not
//    kept in state under a commit, so every re-entry submits it again;
//  - premature-commit: a state commit before an IO call on a member object
//    that can yield, to a state that does not call it again, so the
//    interrupted operation is never finished.
// An IO call is one IOConvention::isIOCall says is; a submission returns a
// completion type or has a configured IO-starting name.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_CALLREPLAYS_H
#define YIELDCHECK_CALLREPLAYS_H

#include "IOConvention.h"
#include "Mutations.h"
#include "ReplayAnalysis.h"
#include "Yields.h"
#include "yieldcheck/Analysis.h"

#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace yieldcheck {

class CallReplays : public ProbeHooks {
public:
  CallReplays(const clang::FunctionDecl &fn, clang::ASTContext &ctx,
              const Conventions &conv, MutationClassifier &classifier);

  void probesOf(const clang::Stmt *s,
                llvm::SmallVectorImpl<unsigned> &ids) override;
  void replayed(unsigned id, const clang::CFGBlock *b, unsigned idx,
                const llvm::BitVector &reached,
                const llvm::BitVector &replayed) override;
  void finish(ReplayView &view) override;

  /// Appends the findings; `proto` holds the function's name and location.
  void addFindings(const std::vector<YieldPoint> &points, const Finding &proto,
                   std::vector<Finding> &out);

private:
  enum class Kind { IOCall, Submission };
  struct Probe {
    const clang::CallExpr *call = nullptr;
    Kind kind = Kind::IOCall;
    const clang::CFGBlock *block = nullptr;
    unsigned idx = 0;
    llvm::BitVector replayed; // after protection by commits
    llvm::BitVector ahead;    // reachable without a back edge (IO calls)
    /// Under a branch on state the call itself may change (`if (!header_)
    /// RETURN_IF_IO(read_header());`): the replay may skip it.
    bool underOwnGuard = false;
  };
  struct Premature {
    unsigned probe;
    Write commit; // a copy: the replay pass that owns the write is gone
                  // by the time the findings are made
  };

  bool isIOCall(const clang::CallExpr *call) const;
  bool isSubmission(const clang::CallExpr *call) const;
  bool returnsCompletion(clang::QualType t, int depth) const;
  bool idempotent(const clang::CallExpr *call) const;
  bool resumesByProgress(const clang::CallExpr *call) const;
  void noteProgressStep(const clang::Stmt *s);
  bool touchesPersistentState(const clang::CallExpr *call) const;
  /// The member object a call is made on, when it is not `*this`.
  StorageRef memberReceiver(const clang::CallExpr *call) const;
  /// The object whose operation a call runs: its member receiver; under
  /// status codes, the per-operation state handed by address
  /// (`&session->startup_req_state`, then `bySubState`) or else the first
  /// persistent object handed by pointer (`session`).
  StorageRef operationObject(const clang::CallExpr *call,
                             bool *bySubState = nullptr) const;
  bool resumesIn(const clang::CallExpr *call, const StorageRef &receiver,
                 const llvm::BitVector &region, const clang::CFG &cfg,
                 bool sameMethodOnly) const;
  bool mayChange(const clang::CallExpr *call, const StoragePath &state) const;
  std::vector<unsigned> ownYields(const clang::CallExpr *call,
                                  const std::vector<YieldPoint> &points) const;
  void scanBody();

  const clang::FunctionDecl &fn;
  clang::ASTContext &ctx;
  const Conventions &conv;
  MutationClassifier &classifier;
  std::vector<Probe> probes;
  std::vector<Premature> premature;
  std::unique_ptr<IOConvention> io; // how `fn` says IO
  bool statusCodes = false;
  /// `rc = f(...)`: the local each call's result is stored in.
  llvm::DenseMap<const clang::CallExpr *, const clang::VarDecl *> resultVar;
  /// `F += rc`: the persistent storage each local steps.
  llvm::DenseMap<const clang::VarDecl *, std::vector<std::string>> progressSteps;
  /// File offsets of the labels of a status-code function (goto targets).
  std::vector<unsigned> statusLabels;
  /// Status-code function: the file offset of each `return rc;` and the
  /// offsets of the assignments of `rc` that may reach it.
  llvm::DenseMap<unsigned, std::vector<unsigned>> returnSources;
  /// Where each call's own result is handed back as IO: the expansion of the
  /// yield macro around it or around a local holding it, or a `return`.
  llvm::DenseMap<const clang::CallExpr *, std::vector<clang::SourceLocation>>
      consumers;
};

} // namespace yieldcheck

#endif
