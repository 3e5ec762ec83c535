// Not C++ at all, around an IO function that is half there.
#include "yieldrt/yieldrt.h"
using namespace yieldrt;
struct S { IOResult<Unit> f(); IOResult<Unit> g(); int n_; };
IOResult<Unit> S::g() {
  n_ += ;
  RETURN_IF_IO(f( ;
  }} ]] return
IOResult<Unit> S::f() { for (;;) switch (n_) { case : n_ = 1 RETURN_IF_IO(g()); }
@@ $$ template <> IOResult<
