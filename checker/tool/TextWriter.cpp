//===- TextWriter.cpp - Findings as clang-style diagnostics ---------------===//
#include "Writers.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>

namespace yieldcheck {
namespace {

// One character of `text` at byte `i` as a terminal may show it, and how
// many bytes it takes: as clang prints source text, a control character or
// a non-printable one is "<U+001B>", a byte that is not UTF-8 "<FF>", so no
// escape sequence from a source reaches the terminal.
std::pair<std::string, unsigned> printableAt(llvm::StringRef text, size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  auto hex = [](unsigned value, int digits) {
    std::string s;
    for (int d = digits - 1; d >= 0; --d)
      s += "0123456789ABCDEF"[(value >> (4 * d)) & 15];
    return s;
  };
  if (c < 0x80) {
    if (c >= 0x20 && c != 0x7F)
      return {std::string(1, static_cast<char>(c)), 1};
    return {"<U+" + hex(c, 4) + ">", 1};
  }
  const auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.data() + i);
  const auto *end = reinterpret_cast<const llvm::UTF8 *>(text.data() + text.size());
  unsigned n = llvm::getNumBytesForUTF8(c);
  llvm::UTF32 code = 0;
  const llvm::UTF8 *next = begin;
  if (n > 1 && n <= static_cast<unsigned>(end - begin) &&
      llvm::isLegalUTF8Sequence(begin, begin + n) &&
      llvm::convertUTF8Sequence(&next, end, &code, llvm::strictConversion) ==
          llvm::conversionOK) {
    if (llvm::sys::unicode::isPrintable(static_cast<int>(code)))
      return {text.substr(i, n).str(), n};
    return {"<U+" + hex(code, code > 0xFFFF ? 6 : 4) + ">", n};
  }
  return {"<" + hex(c, 2) + ">", 1};
}

// A byte a terminal shows as itself: printable ASCII.
bool plainByte(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u < 0x7F;
}

// `text` as printableAt shows it, written to `os`: runs of printable ASCII
// (nearly all of any message or path) in one write each.
void writePrintable(llvm::StringRef text, llvm::raw_ostream &os) {
  size_t i = 0;
  while (i < text.size()) {
    size_t run = i;
    while (run < text.size() && plainByte(text[run]))
      ++run;
    os.write(text.data() + i, run - i);
    if (run == text.size())
      break;
    auto [shown, bytes] = printableAt(text, run);
    os << shown;
    i = run + bytes;
  }
}

// clang's snippet: tabs expanded to the next multiple of 8, one column per
// character, escapes as wide as they are printed. `columns[i]` is the
// display column of byte i.
struct DisplayLine {
  std::string text;
  std::vector<unsigned> columns;
  unsigned width = 0;

  explicit DisplayLine(const std::string &line) {
    text.reserve(line.size());
    columns.reserve(line.size());
    for (size_t i = 0; i < line.size();) {
      if (line[i] == '\t') {
        columns.push_back(width);
        text.append(8 - width % 8, ' ');
        width += 8 - width % 8;
        ++i;
        continue;
      }
      if (plainByte(line[i])) {
        columns.push_back(width++);
        text += line[i++];
        continue;
      }
      auto [shown, bytes] = printableAt(line, i);
      for (unsigned b = 0; b < bytes; ++b)
        columns.push_back(width);
      text += shown;
      width += bytes > 1 && shown.size() == bytes
                   ? 1 // one UTF-8 character
                   : static_cast<unsigned>(shown.size());
      i += bytes;
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
                 llvm::StringRef message, llvm::raw_ostream &os) {
  writePrintable(loc.file, os);
  os << ":" << loc.line << ":" << loc.column << ": " << kind << ": "
     << message;
}

// A message as the header shows it, made printable once per finding.
std::string printable(const std::string &text) {
  std::string out;
  llvm::raw_string_ostream os(out);
  writePrintable(text, os);
  os.flush();
  return out;
}

std::string plural(unsigned n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

void writeText(const RunResult &run, llvm::raw_ostream &os) {
  // Most findings share their yield note: render it again only when it
  // changes.
  const Message *lastNote = nullptr;
  std::string yieldNote;
  for (const Report &r : run.reports) {
    // Always "warning", like clang-tidy; the rule's severity drives
    // --fail-level and shows in JSON and SARIF.
    writeHeader(r.mutation, "warning", printable(r.message.plainText()), os);
    os << " [" << (r.rule ? r.rule->id : "") << "]\n";
    writeSnippet(r.mutation, /*withRange=*/true, os);
    if (!lastNote || !(*lastNote == r.yieldNote)) {
      yieldNote = printable(r.yieldNote.plainText());
      lastNote = &r.yieldNote;
    }
    for (const Location &y : r.yields) {
      writeHeader(y, "note", yieldNote, os);
      os << "\n";
      // A yield is a point, as in clang-tidy's notes: a caret, no range.
      writeSnippet(y, /*withRange=*/false, os);
    }
    for (const ReportNote &n : r.notes) {
      writeHeader(n.at, "note", printable(n.text.plainText()), os);
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
  if (!run.crashedFiles.empty())
    line += "; the analysis crashed on " +
            plural(static_cast<unsigned>(run.crashedFiles.size()), "file");
  if (run.diffFiltered)
    line += "; " + std::to_string(run.outsideDiff) +
            " outside the diff, not reported";
  if (run.baseline)
    line += "; " + std::to_string(run.suppressed) + " suppressed by the baseline";
  if (run.cached)
    line += "; cache: " + std::to_string(run.cacheHits) + " hit" +
            (run.cacheHits == 1 ? "" : "s") + ", " +
            std::to_string(run.cacheMisses) + " miss" +
            (run.cacheMisses == 1 ? "" : "es");
  return line;
}

} // namespace yieldcheck
