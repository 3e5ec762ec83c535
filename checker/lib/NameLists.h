//===- NameLists.h - Lookups in the configured name lists -----------------===//
#ifndef YIELDCHECK_NAMELISTS_H
#define YIELDCHECK_NAMELISTS_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace yieldcheck {

/// True if `name` is one of `names` (a Conventions list), exactly.
inline bool inList(llvm::StringRef name, const std::vector<std::string> &names) {
  return llvm::any_of(names, [&](const std::string &n) { return name == n; });
}

} // namespace yieldcheck

#endif
