// Precondition checks. On by default unless NDEBUG is defined; force with
// -DYIELDRT_CHECKS=0/1. A violated precondition is a bug in the caller, so it
// aborts with a message instead of returning an error the caller would ignore.
#pragma once

#include <cstdio>
#include <cstdlib>

#ifndef YIELDRT_CHECKS
#ifdef NDEBUG
#define YIELDRT_CHECKS 0
#else
#define YIELDRT_CHECKS 1
#endif
#endif

namespace yieldrt::detail {

[[noreturn]] inline void precondition_failed(const char* cond, const char* msg,
                                             const char* file, int line) {
  std::fprintf(stderr, "yieldrt: precondition violated: %s [%s] at %s:%d\n",
               msg, cond, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace yieldrt::detail

#if YIELDRT_CHECKS
#define YIELDRT_EXPECTS(cond, msg)                                    \
  ((cond) ? static_cast<void>(0)                                      \
          : ::yieldrt::detail::precondition_failed(#cond, msg, __FILE__, \
                                                   __LINE__))
#else
// sizeof keeps the condition "used" without evaluating it.
#define YIELDRT_EXPECTS(cond, msg) static_cast<void>(sizeof(!(cond)))
#endif
