//===- Limits.h - Every bound the analysis puts on its own work -----------===//
//
// One place for the caps, so a reader sees what the analysis gives up on and
// a change to one is a deliberate edit here. Each bound is silent: past it
// the analysis answers "don't know" (no finding, no protection), never an
// error, as clang's own flow-sensitive analyses do on huge inputs.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LIMITS_H
#define YIELDCHECK_LIMITS_H

#include <cstddef>

namespace yieldcheck::limits {

/// Expression nesting followed when reading a condition, a copied state key,
/// a storage path or a committed value (parentheses, casts, member chains,
/// `&&`/`||` operands, local copies). Real conditions are shallow; the cap
/// keeps generated `a + a + ... + a` from exhausting the stack.
constexpr int kExprDepth = 8;
/// Nesting followed when asking whether an expression refers to a key or
/// may carry an IO / again value (ternaries, assignments, call arguments).
constexpr int kCarryDepth = 6;
/// Nesting of `&&`/`||`/`!` in a status check (`if (rc != EAGAIN && ...)`).
constexpr int kStatusCondDepth = 4;
/// Macro expansions walked outward from a statement to find a yield macro.
constexpr int kMacroExpansionChain = 64;
/// Sugar steps (typedefs, aliases, elaborations) peeled off a return type.
constexpr int kTypeDesugarSteps = 16;
/// Wrapper templates around the result template (`Result<IOResult<T>>`).
constexpr int kResultWrapperDepth = 3;
/// Template arguments followed to find a completion type (`optional<Completion>`).
constexpr int kCompletionTypeDepth = 2;
/// The largest `summaryDepth` a configuration may ask for: deeper call
/// summaries cost time exponentially in the worst case and find little more;
/// the cap keeps a typo (200) from hanging a build.
constexpr unsigned kMaxSummaryDepth = 16;
/// Blocks visited walking back from a call to the commits before it
/// (commitsBefore): this runs once per candidate call.
constexpr unsigned kCommitsBeforeBlocks = 512;
/// Definitions plus reads of locals the local-across-yield rule asks the
/// replay about in one function; past it the rule skips the function.
constexpr std::size_t kMaxLocalProbes = 3000;
/// CFG blocks of one function past which the replay analysis skips it (no
/// findings for that function). Like the block limits of clang's analysis-
/// based warnings: a function this large is generated, and its bit-vector
/// dataflows (blocks x yields) would cost more than the rest of the run.
constexpr unsigned kMaxCFGBlocks = 50000;

/// Base classes followed looking for a container's `key_type` (absl's and
/// llvm's maps declare it two or three bases up).
constexpr unsigned kBaseClassDepth = 6;

/// Blocks a status walk (StatusDrops) visits before it gives up: silent for
/// discarded-io, "may reach" for a yield.
constexpr unsigned kMaxWalkBlocks = 4096;

} // namespace yieldcheck::limits

#endif
