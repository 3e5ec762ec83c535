//===- Progress.h - What a run prints on stderr while it works ------------===//
#ifndef YIELDCHECK_TOOL_PROGRESS_H
#define YIELDCHECK_TOOL_PROGRESS_H

#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <string>

namespace yieldcheck {

/// The one writer of stderr while workers run: each file's compiler
/// diagnostics arrive as one block, so parallel files never interleave, and
/// on a terminal a status line "[done/total] files, N findings" is redrawn
/// under them. Thread-safe.
class Progress {
public:
  /// `statusLine`: draw the status line (stderr is a terminal, not --quiet).
  Progress(llvm::raw_ostream &os, unsigned totalFiles, bool statusLine);

  /// A file is done: prints its diagnostics (may be empty), then redraws.
  void fileDone(const std::string &diagnostics, unsigned findings);
  /// Clears the status line; call once the workers have stopped.
  void finish();

private:
  void clearLine();

  llvm::raw_ostream &os;
  std::mutex mutex;
  const unsigned total;
  const bool statusLine;
  unsigned done = 0, findings = 0;
  bool drawn = false;
};

} // namespace yieldcheck

#endif
