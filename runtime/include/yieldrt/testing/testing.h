// The testing tools in one include: SimIO, yield injection, the
// replay-divergence checker. Define YIELDRT_TESTING to arm YIELDRT_INJECT_YIELD.
#pragma once

#include "yieldrt/testing/divergence.h"
#include "yieldrt/testing/inject.h"
#include "yieldrt/testing/sim_io.h"
