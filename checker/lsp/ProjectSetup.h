//===- ProjectSetup.h - Compile command and configuration of an open file -===//
//
// What the CLI would use for the file: the nearest compile_commands.json
// (or the one in `compilationDatabasePath`), the CLI's argument adjusters,
// and SourceConfigs' .yieldcheck.json lookup. Cached per file until a
// watched config or database changes.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LSP_PROJECTSETUP_H
#define YIELDCHECK_LSP_PROJECTSETUP_H

#include "Options.h"
#include "SourceConfigs.h"

#include "yieldcheck/Analysis.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace yieldcheck::lsp {

struct FileSetup {
  std::string directory;          // the compile command's
  std::vector<std::string> args;  // adjusted, with the file name
  /// Set when the file has no command: how to provide one (the file is
  /// analysed with the fallback flags meanwhile).
  std::string databaseWarning;
  Analyzer *analyzer = nullptr; // null when the config is invalid
  std::string configError;
};

struct SetupOptions {
  std::string compilationDatabasePath; // empty: search upward
  std::vector<std::string> fallbackFlags = {"-std=c++20"};
  std::string configPath; // empty: .yieldcheck.json found upward
};

class ProjectSetup {
public:
  explicit ProjectSetup(SetupOptions options);
  ~ProjectSetup();

  const FileSetup &forFile(const std::string &path);
  /// A compile database or a .yieldcheck.json changed: look again.
  void invalidate();
  /// After a crashed analysis: forgets the analyzers without destroying
  /// them (their state may be half-updated), as the CLI does.
  void abandon();

private:
  SetupOptions options;
  ToolOptions toolOptions; // what SourceConfigs and the adjusters read
  std::unique_ptr<SourceConfigs> configs;
  std::map<std::string, FileSetup> byFile;
};

} // namespace yieldcheck::lsp

#endif
