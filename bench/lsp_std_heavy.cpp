// bench/lsp_latency.py: a file whose preamble is most of the standard
// library, with one IO function (a counter advanced before its yield) below.
#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "yieldrt/yieldrt.h"
using namespace yieldrt;

struct Session {
  IOResult<Unit> send_once();
  IOResult<Unit> count_then_send();
  std::map<std::string, std::vector<int>> table_;
  int sent_ = 0;
};

IOResult<Unit> Session::count_then_send() {
  sent_ += 1;
  RETURN_IF_IO(send_once());
  return Unit{};
}
