//===- CompileDatabase.h - Where the compiler flags come from -------------===//
#ifndef YIELDCHECK_TOOL_COMPILEDATABASE_H
#define YIELDCHECK_TOOL_COMPILEDATABASE_H

#include "Options.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <string>

namespace yieldcheck {

/// The flags after "--" if there were any (`fromDashDash`), else the
/// compile_commands.json in -p DIR, else one found upward from the first
/// source. Null with a one-line `error` when there is none.
std::unique_ptr<clang::tooling::CompilationDatabase>
selectCompileDatabase(
    const ToolOptions &opts,
    std::unique_ptr<clang::tooling::CompilationDatabase> fromDashDash,
    std::string &error);

/// Our builtin headers, tolerance for gcc-only warning flags, then the
/// user's --extra-arg-before / --extra-arg.
clang::tooling::ArgumentsAdjuster toolArgumentsAdjuster(const ToolOptions &opts);

} // namespace yieldcheck

#endif
