//===- Progress.cpp - What a run prints on stderr while it works ----------===//
#include "Progress.h"

namespace yieldcheck {

Progress::Progress(llvm::raw_ostream &os, unsigned totalFiles, bool statusLine)
    : os(os), total(totalFiles), statusLine(statusLine) {}

void Progress::clearLine() {
  if (drawn)
    os << "\r\x1b[K"; // back to column 0, erase to the end of the line
  drawn = false;
}

void Progress::fileDone(const std::string &diagnostics, unsigned newFindings) {
  std::lock_guard<std::mutex> lock(mutex);
  ++done;
  findings += newFindings;
  if (!diagnostics.empty()) {
    clearLine();
    os << diagnostics;
  }
  if (statusLine) {
    clearLine();
    os << "[" << done << "/" << total << "] files, " << findings
       << (findings == 1 ? " finding" : " findings");
    drawn = true;
  }
  os.flush();
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex);
  clearLine();
  os.flush();
}

} // namespace yieldcheck
