//===- CrashIsolation.cpp - One source's crash is not the run's -----------===//
#include "CrashIsolation.h"

#include "clang/Basic/Stack.h"
#include "llvm/Support/CrashRecoveryContext.h"

#ifndef _WIN32
#include <csignal>
#endif

namespace yieldcheck {

#ifndef _WIN32
namespace {
// Enough for LLVM's handler, which only unwinds to the recovery point.
constexpr size_t kAltStackSize = 256 * 1024;
const int kCrashSignals[] = {SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP};
} // namespace
#endif

void enableCrashRecovery() {
  llvm::CrashRecoveryContext::Enable();
#ifndef _WIN32
  // LLVM installs its handlers without SA_ONSTACK: on a stack overflow the
  // kernel could not run them and would kill the process.
  for (int sig : kCrashSignals) {
    struct sigaction action;
    if (sigaction(sig, nullptr, &action) == 0 &&
        action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN) {
      action.sa_flags |= SA_ONSTACK;
      sigaction(sig, &action, nullptr);
    }
  }
#endif
}

IsolatedThread::IsolatedThread() {
  clang::noteBottomOfStack();
#ifndef _WIN32
  altStack.reset(new char[kAltStackSize]);
  stack_t stack{};
  stack.ss_sp = altStack.get();
  stack.ss_size = kAltStackSize;
  if (sigaltstack(&stack, nullptr) != 0)
    altStack.reset();
#endif
}

IsolatedThread::~IsolatedThread() {
#ifndef _WIN32
  if (altStack) {
    stack_t off{};
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, nullptr);
  }
#endif
}

bool runIsolated(llvm::function_ref<void()> fn) {
  llvm::CrashRecoveryContext context;
  return context.RunSafely(fn);
}

} // namespace yieldcheck
