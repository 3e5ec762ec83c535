//===- LanguageServer.h - `yieldcheck lsp`: the entry point ---------------===//
#ifndef YIELDCHECK_LSP_LANGUAGESERVER_H
#define YIELDCHECK_LSP_LANGUAGESERVER_H

namespace yieldcheck {

/// Serves the Language Server Protocol on stdin/stdout; argv[0] is "lsp".
/// Returns the process exit code.
int runLanguageServer(int argc, const char **argv);

} // namespace yieldcheck

#endif
