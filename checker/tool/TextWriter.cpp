//===- TextWriter.cpp - Findings as clang-style diagnostics ---------------===//
#include "Writers.h"

#include <algorithm>

namespace yieldcheck {
namespace {

// clang's snippet: tabs expanded to the next multiple of 8, one column per
// UTF-8 character. `columns[i]` is the display column of byte i.
struct DisplayLine {
  std::string text;
  std::vector<unsigned> columns;
  unsigned width = 0;

  explicit DisplayLine(const std::string &line) {
    for (unsigned char c : line) {
      columns.push_back(width);
      if (c == '\t') {
        text.append(8 - width % 8, ' ');
        width += 8 - width % 8;
      } else {
        text += static_cast<char>(c);
        width += (c & 0xC0) != 0x80; // not a continuation byte
      }
    }
  }

  unsigned columnOf(unsigned byte) const {
    if (byte < columns.size())
      return columns[byte];
    return width + (byte - static_cast<unsigned>(columns.size()));
  }
};

// The source line, and a caret line with ~ under the range (if any).
void writeSnippet(const Location &loc, bool withRange, llvm::raw_ostream &os) {
  if (loc.line == 0)
    return;
  DisplayLine line(loc.lineText);
  unsigned start = line.columnOf(loc.column - 1);
  unsigned end = start + 1;
  if (withRange && loc.endLine == loc.line && loc.endColumn > loc.column)
    end = line.columnOf(loc.endColumn - 1);
  else if (withRange && loc.endLine > loc.line)
    end = std::max(line.width, end);
  std::string caret(std::max(end, start + 1), ' ');
  std::fill(caret.begin() + start, caret.begin() + end, '~');
  caret[start] = '^';
  caret.erase(caret.find_last_not_of(' ') + 1);
  os << line.text << "\n" << caret << "\n";
}

void writeHeader(const Location &loc, const char *kind,
                 const std::string &message, llvm::raw_ostream &os) {
  os << loc.file << ":" << loc.line << ":" << loc.column << ": " << kind
     << ": " << message;
}

std::string plural(unsigned n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

void writeText(const RunResult &run, llvm::raw_ostream &os) {
  for (const Report &r : run.reports) {
    // Always "warning", like clang-tidy; the rule's severity drives
    // --fail-level and shows in JSON and SARIF.
    writeHeader(r.mutation, "warning", r.message, os);
    os << " [" << (r.rule ? r.rule->id : "") << "]\n";
    writeSnippet(r.mutation, /*withRange=*/true, os);
    for (const Location &y : r.yields) {
      writeHeader(y, "note", r.yieldNote, os);
      os << "\n";
      // A yield is a point, as in clang-tidy's notes: a caret, no range.
      writeSnippet(y, /*withRange=*/false, os);
    }
    for (const ReportNote &n : r.notes) {
      writeHeader(n.at, "note", n.text, os);
      os << "\n";
      writeSnippet(n.at, /*withRange=*/false, os);
    }
  }
  os.flush();
}

std::string summaryLine(const RunResult &run) {
  std::string files = plural(run.files, "file");
  std::string line;
  if (run.reports.empty()) {
    line = "no findings in " + files;
  } else {
    SeverityCounts c = countBySeverity(run.reports);
    line = plural(static_cast<unsigned>(run.reports.size()), "finding") +
           " (" + std::to_string(c.error) + " error, " +
           std::to_string(c.warning) + " warning, " + std::to_string(c.note) +
           " note) in " + files;
  }
  if (run.diffFiltered)
    line += "; " + std::to_string(run.outsideDiff) +
            " outside the diff, not reported";
  if (run.baseline)
    line += "; " + std::to_string(run.suppressed) + " suppressed by the baseline";
  return line;
}

} // namespace yieldcheck
