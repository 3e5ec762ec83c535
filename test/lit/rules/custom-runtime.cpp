// RUN: %check_rule %s
// A user's own IOResult in another namespace, with its own macro spelled as
// do { ... } while (0), and the Rust-port shape Result<IOResult<T>>.
#include <vector>

namespace engine::io {
struct Completion {};
template <class T> struct IOResult {
  bool io = false;
  T value{};
  IOResult(T v) : value(v) {}
  IOResult(Completion) : io(true) {}
};
template <class T> struct Result { // like Rust's Result<IOResult<T>>
  T inner;
  Result(T r) : inner(r) {}
  Result(Completion c) : inner(c) {}
};
IOResult<int> step();
} // namespace engine::io

#define RETURN_IF_IO(expr)                                                    \
  do {                                                                         \
    auto r_ = (expr);                                                          \
    if (r_.io)                                                                 \
      return engine::io::Completion{};                                         \
  } while (0)

using engine::io::IOResult;
using engine::io::Result;

struct Btree {
  std::vector<int> path_;
  int depth_ = 0;

  IOResult<int> descend() {
    path_.push_back(depth_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'path_.push_back' {{.*}} [reentrancy-container-growth]
    RETURN_IF_IO(engine::io::step());
    return 0;
  }

  Result<IOResult<int>> wrapped() {
    depth_++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'depth_' is incremented {{.*}} [reentrancy-counter-advance]
    RETURN_IF_IO(engine::io::step());
    return IOResult<int>(depth_);
  }

  // Negative: not an IO function at all.
  int plain() {
    depth_++;
    return depth_;
  }
};
