//===- TidyCompat.h - clang-tidy API differences between LLVM 14, 19, 22 --===//
//
// The few places where the clang-tidy plugin API differs between the LLVM
// versions yieldcheck supports. YIELDCHECK_LLVM_MAJOR comes from
// yieldcheck_llvm_flags.
//
//  - ClangTidyModuleRegistry: a typedef in ClangTidyModuleRegistry.h up to 21;
//    in 22 it moved into ClangTidyModule.h and the old header #warns.
//  - OptionsView::getLocalOrGlobal(Name): llvm::Optional<std::string> in 14,
//    std::optional<StringRef> in 19 and 22 (optionValue() hides that).
//  - storeOptions(OptionMap &) and OptionsView::store(Map, Name, StringRef)
//    are the same in all three.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TIDY_COMPAT_H
#define YIELDCHECK_TIDY_COMPAT_H

#ifndef YIELDCHECK_LLVM_MAJOR
#error "YIELDCHECK_LLVM_MAJOR must be defined (yieldcheck_llvm_flags)"
#endif

#if YIELDCHECK_LLVM_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include "clang-tidy/ClangTidyCheck.h"

#include <optional>
#include <string>

namespace yieldcheck {
namespace tidy {

/// The value of a check option, looked up as `<check>.<Name>` first and then
/// as the global `<Name>`; nullopt if neither is set.
inline std::optional<std::string>
optionValue(const clang::tidy::ClangTidyCheck::OptionsView &options,
            llvm::StringRef name) {
  // llvm::Optional<std::string> (14) or std::optional<StringRef> (19, 22).
  if (auto value = options.getLocalOrGlobal(name))
    return std::string(*value);
  return std::nullopt;
}

} // namespace tidy
} // namespace yieldcheck

#endif
