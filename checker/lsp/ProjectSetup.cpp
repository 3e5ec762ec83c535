//===- ProjectSetup.cpp - Compile command and configuration of an open file ===//
#include "ProjectSetup.h"

#include "CompileDatabase.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/Support/Path.h"

#include <cstdlib>

using namespace clang::tooling;

namespace yieldcheck::lsp {

ProjectSetup::ProjectSetup(SetupOptions opts) : options(std::move(opts)) {
  toolOptions.buildPath = options.compilationDatabasePath;
  toolOptions.config = options.configPath;
  toolOptions.debugReplay = std::getenv("YIELDCHECK_DEBUG") != nullptr;
  configs = std::make_unique<SourceConfigs>(toolOptions);
}

ProjectSetup::~ProjectSetup() = default;

void ProjectSetup::invalidate() {
  byFile.clear();
  configs = std::make_unique<SourceConfigs>(toolOptions);
}

void ProjectSetup::abandon() {
  (void)configs.release();
  invalidate();
}

const FileSetup &ProjectSetup::forFile(const std::string &path) {
  auto it = byFile.find(path);
  if (it != byFile.end())
    return it->second;
  FileSetup &setup = byFile[path];

  ToolOptions lookup = toolOptions;
  lookup.sources = {path};
  std::string error;
  std::vector<CompileCommand> commands;
  if (auto db = selectCompileDatabase(lookup, nullptr, error))
    commands = db->getCompileCommands(path);
  else if (!options.compilationDatabasePath.empty())
    setup.databaseWarning = error;
  else // the CLI's error names its own flags
    setup.databaseWarning = "no compile_commands.json found above '" + path +
                            "'";
  if (commands.empty()) {
    if (setup.databaseWarning.empty())
      setup.databaseWarning = "the compile database has no command for this "
                              "file";
    setup.databaseWarning +=
        "; yieldcheck analyses it with the fallback flags (";
    for (size_t i = 0; i < options.fallbackFlags.size(); ++i)
      setup.databaseWarning += (i ? " " : "") + options.fallbackFlags[i];
    setup.databaseWarning +=
        "). Generate compile_commands.json (CMake: "
        "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON) in the project or its build "
        "directory, or set initializationOptions.compilationDatabasePath or "
        "fallbackFlags";
    CompileCommand fallback;
    fallback.Directory = llvm::sys::path::parent_path(path).str();
    fallback.Filename = path;
    fallback.CommandLine = {"clang++"};
    for (const std::string &flag : options.fallbackFlags)
      fallback.CommandLine.push_back(flag);
    fallback.CommandLine.push_back(path);
    commands.push_back(fallback);
  }
  // As ClangTool adjusts a command, then the CLI's own adjusters.
  const CompileCommand &cc = commands.front();
  ArgumentsAdjuster adjust = combineAdjusters(
      combineAdjusters(getClangStripOutputAdjuster(),
                       getClangSyntaxOnlyAdjuster()),
      getClangStripDependencyFileAdjuster());
  adjust = combineAdjusters(adjust, toolArgumentsAdjuster(toolOptions));
  setup.directory = cc.Directory;
  setup.args = adjust(cc.CommandLine, cc.Filename);

  setup.analyzer = configs->analyzerForSource(path, setup.configError);
  return setup;
}

} // namespace yieldcheck::lsp
