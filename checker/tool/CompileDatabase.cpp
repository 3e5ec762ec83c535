//===- CompileDatabase.cpp - Where the compiler flags come from -----------===//
#include "CompileDatabase.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang::tooling;

namespace yieldcheck {
namespace {

std::string oneLine(std::string s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  for (size_t i = 0; (i = s.find('\n', i)) != std::string::npos;)
    s.replace(i, 1, "; ");
  return s;
}

// LibTooling would look such entries up under a path no source has, then
// say only "Skipping ...: compile command not found".
bool commandsUsable(const CompilationDatabase &db, const std::string &where,
                    std::string &error) {
  for (const CompileCommand &cc : db.getAllCompileCommands()) {
    std::string entry = "the compile database " + where + ": the entry for '" +
                        cc.Filename + "'";
    if (!llvm::sys::path::is_absolute(cc.Directory)) {
      error = entry + " has a relative \"directory\" ('" + cc.Directory +
              "'); it must be absolute";
      return false;
    }
    if (cc.CommandLine.empty() || cc.CommandLine.front().empty()) {
      error = entry + " has an empty command";
      return false;
    }
  }
  return true;
}

std::unique_ptr<CompilationDatabase> fromBuildPath(const std::string &path,
                                                   std::string &error) {
  // -p also accepts the compile_commands.json file itself.
  llvm::SmallString<256> dir(path);
  if (llvm::sys::fs::is_regular_file(dir))
    llvm::sys::path::remove_filename(dir);
  if (dir.empty())
    dir = ".";
  if (!llvm::sys::fs::is_directory(dir)) {
    error = "-p '" + path + "': no such directory";
    return nullptr;
  }
  std::string why;
  auto db = CompilationDatabase::loadFromDirectory(dir, why);
  if (!db)
    error = "-p '" + path + "': no loadable compile_commands.json (" +
            oneLine(why) + ")";
  else if (!commandsUsable(*db, "in '" + std::string(dir) + "'", error))
    return nullptr;
  return db;
}

} // namespace

std::unique_ptr<CompilationDatabase>
selectCompileDatabase(const ToolOptions &opts,
                      std::unique_ptr<CompilationDatabase> fromDashDash,
                      std::string &error) {
  if (fromDashDash)
    return fromDashDash;
  if (!opts.buildPath.empty())
    return fromBuildPath(opts.buildPath, error);
  llvm::SmallString<256> source(opts.sources.front());
  llvm::sys::fs::make_absolute(source);
  std::string why;
  if (auto db = CompilationDatabase::autoDetectFromSource(source, why)) {
    if (!commandsUsable(*db, "found above '" + opts.sources.front() + "'",
                        error))
      return nullptr;
    return db;
  }
  error = "no compile_commands.json found above '" + opts.sources.front() +
          "'; pass -p <build-dir> or append '--' and the compiler flags";
  return nullptr;
}

ArgumentsAdjuster toolArgumentsAdjuster(const ToolOptions &opts) {
  ArgumentsAdjuster adjust = getInsertArgumentAdjuster(
      opts.extraArgsBefore, ArgumentInsertPosition::BEGIN);
  // The tool is not installed next to clang, so clang's own search for
  // <stddef.h> and friends would fail. Inserted in front of everything, so
  // a -resource-dir from the user or the database still wins.
  adjust = combineAdjusters(
      adjust, getInsertArgumentAdjuster("-resource-dir=" YIELDCHECK_RESOURCE_DIR,
                                        ArgumentInsertPosition::BEGIN));
  // Compile databases written for gcc carry warning flags clang lacks.
  adjust = combineAdjusters(
      adjust, getInsertArgumentAdjuster("-Wno-unknown-warning-option",
                                        ArgumentInsertPosition::END));
  return combineAdjusters(
      adjust,
      getInsertArgumentAdjuster(opts.extraArgs, ArgumentInsertPosition::END));
}

} // namespace yieldcheck
