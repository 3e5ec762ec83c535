// A container grown before a yield: one finding.
#include "mini_io.h"

struct Queue {
  IOResult<Unit> write_one();
  IOResult<Unit> stage_and_write();
  List queue_;
};

IOResult<Unit> Queue::stage_and_write() {
  queue_.push_back(1);
  RETURN_IF_IO(write_one());
  return Unit{};
}
