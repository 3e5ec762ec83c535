//===- FindingText.h - Pieces of a finding every rule builds alike --------===//
#ifndef YIELDCHECK_FINDINGTEXT_H
#define YIELDCHECK_FINDINGTEXT_H

#include "Yields.h"
#include "yieldcheck/Analysis.h"

#include "clang/Basic/SourceManager.h"

#include <string>
#include <vector>

namespace yieldcheck {

/// Appends "; when the function is re-entered after that yield" (or "after
/// one of them"): the clause every rule's consequence starts with.
Message &addReentry(Message &m, bool several);
/// "<action> before <the yields>; when the function is re-entered after
/// that yield <again>": a mutation or a call that the re-entry repeats.
Message replayMessage(std::string action, std::vector<unsigned> lines,
                      std::string again);

/// Sets f.yields from yield ids, in source order; returns their lines,
/// without repeats.
std::vector<unsigned> setYields(Finding &f, const std::vector<unsigned> &ids,
                                const std::vector<YieldPoint> &points,
                                const clang::SourceManager &sm);

/// The note at every yield of every rule.
extern const Message kYieldNote;

} // namespace yieldcheck

#endif
