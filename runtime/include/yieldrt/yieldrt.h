// The yieldrt reference runtime: cooperative-yield IO in C++20.
#pragma once

#include "yieldrt/check.h"
#include "yieldrt/completion.h"
#include "yieldrt/completion_error.h"
#include "yieldrt/completion_group.h"
#include "yieldrt/io.h"
#include "yieldrt/io_completions.h"
#include "yieldrt/io_result.h"
#include "yieldrt/macros.h"
#include "yieldrt/memory_io.h"
#include "yieldrt/result.h"
#include "yieldrt/state_machine.h"
#include "yieldrt/unit.h"
