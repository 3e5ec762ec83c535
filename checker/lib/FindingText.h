//===- FindingText.h - Pieces of a finding every rule builds alike --------===//
#ifndef YIELDCHECK_FINDINGTEXT_H
#define YIELDCHECK_FINDINGTEXT_H

#include "Yields.h"
#include "yieldcheck/Analysis.h"

#include "clang/Basic/SourceManager.h"

#include <string>
#include <vector>

namespace yieldcheck {

/// "the yield at line 12" / "the yields at lines 12, 14 and 20".
std::string linesPhrase(const std::vector<unsigned> &lines);
/// The storage a key designates, spelled as in the source ("arr_[]").
std::string displayTarget(llvm::StringRef key);

/// Sets f.yields from yield ids, in source order; returns their lines,
/// without repeats.
std::vector<unsigned> setYields(Finding &f, const std::vector<unsigned> &ids,
                                const std::vector<YieldPoint> &points,
                                const clang::SourceManager &sm);

/// The note at every yield of every rule.
extern const char *const kYieldNote;

} // namespace yieldcheck

#endif
