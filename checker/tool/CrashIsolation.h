//===- CrashIsolation.h - One source's crash is not the run's -------------===//
#ifndef YIELDCHECK_TOOL_CRASHISOLATION_H
#define YIELDCHECK_TOOL_CRASHISOLATION_H

#include "llvm/ADT/STLExtras.h"

#include <memory>

namespace yieldcheck {

/// Makes runIsolated() catch crashes anywhere in the process, stack
/// overflows included. Call once, before the worker threads start.
void enableCrashRecovery();

/// For its lifetime, the calling thread can survive a crash in runIsolated:
/// it has an alternate signal stack (an overflowed stack has no room left
/// for the handler), and clang knows where its stack starts, so that its
/// own deep recursions move to a fresh stack before they overflow.
class IsolatedThread {
public:
  IsolatedThread();
  ~IsolatedThread();
  IsolatedThread(const IsolatedThread &) = delete;
  IsolatedThread &operator=(const IsolatedThread &) = delete;

private:
  std::unique_ptr<char[]> altStack;
};

/// Runs `fn`; false if it crashed (a signal: segmentation fault, stack
/// overflow, abort, failed assertion). What `fn` had allocated is leaked,
/// and its destructors do not run.
bool runIsolated(llvm::function_ref<void()> fn);

} // namespace yieldcheck

#endif
