// The counter moves after the yield: no finding.
#include "mini_io.h"

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
