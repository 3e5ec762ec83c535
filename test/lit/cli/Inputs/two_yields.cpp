// A container grown before two yields: one path per yield.
#include "yieldrt/yieldrt.h"
using namespace yieldrt;

struct Queue {
  IOResult<Unit> write_one();
  IOResult<Unit> stage_and_write();
  std::vector<int> queue_;
};
IOResult<Unit> Queue::stage_and_write() {
  queue_.push_back(1);
  RETURN_IF_IO(write_one());
  RETURN_IF_IO(write_one());
  return Unit{};
}
