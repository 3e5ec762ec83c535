#include "mini_io.h"

struct Flusher {
  int counter_ = 0;
  IOResult<Unit> count_then_flush() {
    counter_ += 1;
    RETURN_IF_IO(flush());
    return Unit{};
  }
};
