// Shared declarations for the rule tests: the reference runtime plus a few
// IO functions whose bodies are elsewhere (each may yield).
#pragma once
#include "yieldrt/yieldrt.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

using yieldrt::Completion;
using yieldrt::IOResult;
using yieldrt::Unit;

IOResult<Unit> flush();
IOResult<int> read_page(int page);
IOResult<Unit> write_page(int page);
