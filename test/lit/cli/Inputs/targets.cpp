// Mutated storage of several shapes, for the "target" of JSON and SARIF.
#include "yieldrt/yieldrt.h"
using namespace yieldrt;

struct Node { int n; };
int hits_g;
namespace ns { int total; }

struct S {
  int counter_ = 0;
  int arr_[4];
  int *p_;
  Node *q_;
  Node node_;
  IOResult<Unit> flush_once();

  IOResult<Unit> f(int i) {
    counter_++;
    arr_[i]++;
    *p_ += 1;
    q_->n += 1;
    node_.n += 1;
    hits_g++;
    ns::total++;
    RETURN_IF_IO(flush_once());
    return Unit{};
  }
};
