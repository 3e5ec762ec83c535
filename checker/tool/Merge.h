//===- Merge.h - `yieldcheck merge`: one report from the shards' ----------===//
#ifndef YIELDCHECK_TOOL_MERGE_H
#define YIELDCHECK_TOOL_MERGE_H

namespace yieldcheck {

/// `yieldcheck merge [options] <inputs>`; argv[0] is "merge". Combines SARIF
/// logs (or yieldcheck JSON outputs) of shards and jobs into one, as the
/// unsharded run would have written it: one run per SARIF category, rules
/// once, results sorted as the writers sort them, fingerprints kept,
/// duplicate findings (a header's, from several shards) once. Prints the
/// summary line and exits as a run does (--fail-level).
int mergeMain(int argc, const char **argv);

} // namespace yieldcheck

#endif
