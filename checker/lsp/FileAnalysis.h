//===- FileAnalysis.h - Analyses an open file's unsaved text --------------===//
//
// Parses the editor's text through an in-memory overlay over the real file
// system (every open document overlaid, so an unsaved header counts too),
// reusing a precompiled preamble per file as clangd does: after the first
// parse, an edit below the #includes re-parses only the main file.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LSP_FILEANALYSIS_H
#define YIELDCHECK_LSP_FILEANALYSIS_H

#include "yieldcheck/Analysis.h"
#include "yieldcheck/Report.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace yieldcheck::lsp {

struct ParseInput {
  std::string path;      // absolute
  std::string directory; // of the compile command
  std::vector<std::string> args;
  /// Every open document's text by absolute path; `path` must be among them.
  std::map<std::string, std::string> overlay;
};

struct FirstError {
  std::string message;
  std::string file; // empty when clang gave no location
  unsigned line = 0, column = 0; // 1-based, bytes
};

struct ParseOutcome {
  std::vector<Report> reports;
  bool compileErrors = false; // findings may be incomplete
  FirstError firstError;
  bool preambleReused = false;
  double analysisMs = 0; // of the whole, the time after clang's parse
  bool crashed = false;
};

/// The preamble of one open file, kept between its analyses.
class PreambleSlot {
public:
  PreambleSlot();
  ~PreambleSlot();
  PreambleSlot(const PreambleSlot &) = delete;
  PreambleSlot &operator=(const PreambleSlot &) = delete;
  void clear();

  struct State;
  std::unique_ptr<State> state;
};

/// Runs the analysis; never throws. `slot` is updated with a preamble for
/// the next call.
ParseOutcome analyzeUnsaved(const ParseInput &input, Analyzer &analyzer,
                            PreambleSlot &slot);

} // namespace yieldcheck::lsp

#endif
