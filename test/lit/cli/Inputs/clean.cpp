// The fixed twin of counter_bug.cpp: the counter moves after the yield.
#include "yieldrt/yieldrt.h"
using namespace yieldrt;

struct Flusher {
  IOResult<Unit> flush_once();
  IOResult<Unit> flush_then_count();
  int counter_ = 0;
};

IOResult<Unit> Flusher::flush_then_count() {
  RETURN_IF_IO(flush_once());
  counter_ += 1;
  return Unit{};
}
