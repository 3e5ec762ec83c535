//===- LanguageServer.cpp - `yieldcheck lsp`: the entry point -------------===//
#include "LanguageServer.h"

#include "ExitCodes.h"
#include "Server.h"
#include "Transport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

namespace yieldcheck {

int runLanguageServer(int argc, const char **argv) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      llvm::outs()
          << "USAGE: yieldcheck lsp\n\n"
             "A Language Server Protocol server on stdin/stdout: findings on\n"
             "the editor's unsaved text, next to clangd. Settings come as the\n"
             "client's initializationOptions: compilationDatabasePath,\n"
             "fallbackFlags (default [\"-std=c++20\"]), config (a\n"
             ".yieldcheck.json for every file), debounceMs (default 200).\n"
             "See docs/editors.md.\n";
      return ExitClean;
    }
    // Clients add these by habit; the transport is always stdio.
    if (arg == "--stdio")
      continue;
    llvm::errs() << "yieldcheck lsp: error: unknown argument '" << arg
                 << "' (see yieldcheck lsp --help)\n";
    return ExitUsage;
  }
  lsp::Transport transport(stdin, stdout);
  lsp::Server server(transport);
  return server.run();
}

} // namespace yieldcheck
