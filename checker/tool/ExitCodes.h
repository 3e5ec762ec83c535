//===- ExitCodes.h - The CLI's exit status contract -----------------------===//
#ifndef YIELDCHECK_TOOL_EXITCODES_H
#define YIELDCHECK_TOOL_EXITCODES_H

namespace yieldcheck {

enum ExitCode : int {
  ExitClean = 0,    // no finding at or above the fail level
  ExitFindings = 1, // findings at or above it, or a file that did not compile
  ExitUsage = 2,    // bad flags, config or compile database
};

} // namespace yieldcheck

#endif
