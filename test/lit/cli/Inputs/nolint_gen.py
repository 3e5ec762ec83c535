"""Writes N classes, each with one finding per NOLINT form (NOLINT, a list
naming another rule, NOLINTNEXTLINE, inside and after a NOLINTBEGIN region
for one rule, inside an unlisted region): of the 7 findings per class, 3 are
not suppressed. Many findings in a long file: the CLI reads the comments
once per file, so this stays as fast as the analysis."""
import sys

n = int(sys.argv[1])
out = ['#include "yieldrt/yieldrt.h"', 'using namespace yieldrt;',
       'IOResult<Unit> flush_once();']
for i in range(n):
    out += [
        'struct C%d {' % i,
        '  int a_, b_, c_, d_, e_, f_, g_;',
        '  IOResult<Unit> step() {',
        '    a_ += 1; // NOLINT',
        '    b_ += 1; // NOLINT(reentrancy-container-growth)',
        '    // NOLINTNEXTLINE(reentrancy-counter-advance)',
        '    c_ += 1;',
        '    // NOLINTBEGIN(reentrancy-counter-*)',
        '    d_ += 1;',
        '    // NOLINTEND(reentrancy-counter-*)',
        '    e_ += 1;',
        '    // NOLINTBEGIN',
        '    f_ += 1;',
        '    // NOLINTEND',
        '    g_ += 1;',
        '    RETURN_IF_IO(flush_once());',
        '    return Unit{};',
        '  }',
        '};',
    ]
print('\n'.join(out))
