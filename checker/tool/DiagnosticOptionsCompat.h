//===- DiagnosticOptionsCompat.h - DiagnosticOptions across LLVM versions -===//
#ifndef YIELDCHECK_TOOL_DIAGNOSTICOPTIONSCOMPAT_H
#define YIELDCHECK_TOOL_DIAGNOSTICOPTIONSCOMPAT_H

#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/Config/llvm-config.h"

#include <memory>

namespace yieldcheck {

// Reference-counted before LLVM 21; a plain object its user owns (and
// passes by reference) from 21 on.
#if LLVM_VERSION_MAJOR >= 21
using OwnedDiagnosticOptions = std::unique_ptr<clang::DiagnosticOptions>;
inline OwnedDiagnosticOptions newDiagnosticOptions() {
  return std::make_unique<clang::DiagnosticOptions>();
}
#else
using OwnedDiagnosticOptions = llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions>;
inline OwnedDiagnosticOptions newDiagnosticOptions() {
  return new clang::DiagnosticOptions();
}
#endif

} // namespace yieldcheck

#endif
