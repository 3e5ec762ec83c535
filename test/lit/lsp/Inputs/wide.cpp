// A counter advanced before a yield: replayed on every re-entry.
#include "yieldrt/yieldrt.h"
using namespace yieldrt;

struct Flusher {
  IOResult<Unit> flush_once();
  IOResult<Unit> count_then_flush();
  int counter_ = 0;
};

IOResult<Unit> Flusher::count_then_flush() {
  /*é😀*/ counter_ += 1;
  RETURN_IF_IO(flush_once());
  return Unit{};
}
