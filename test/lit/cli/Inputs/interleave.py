"""Writes one IO function of N (counter_++; RETURN_IF_IO) pairs: the first
mutation is replayed by all N yields, the last by one. Findings times yields
is quadratic in N; the output must not be."""
import sys

n = int(sys.argv[1])
body = []
for _ in range(n):
    body += ['    counter_++;', '    RETURN_IF_IO(flush_once());']
print('\n'.join(['#include "yieldrt/yieldrt.h"',
                 'using namespace yieldrt;',
                 'IOResult<Unit> flush_once();',
                 'struct S {',
                 '  int counter_ = 0;',
                 '  IOResult<Unit> f() {'] + body +
                ['    return Unit{};', '  }', '};']))
