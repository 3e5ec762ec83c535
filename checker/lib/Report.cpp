//===- Report.cpp - Findings as plain data --------------------------------===//
#include "yieldcheck/Report.h"

#include <cctype>

#include "yieldcheck/Analysis.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <tuple>

using namespace clang;

namespace yieldcheck {
namespace {

// Only token lengths are measured: C++ options (`::` is one token) are close
// enough to any TU's exact options.
const LangOptions &cxxOptions() {
  static const LangOptions opts = [] {
    LangOptions o;
    o.CPlusPlus = o.CPlusPlus11 = o.CPlusPlus14 = o.CPlusPlus17 = 1;
    return o;
  }();
  return opts;
}

std::string lineAt(const SourceManager &sm, SourceLocation loc) {
  std::pair<FileID, unsigned> d = sm.getDecomposedLoc(loc);
  bool invalid = false;
  llvm::StringRef buf = sm.getBufferData(d.first, &invalid);
  if (invalid || d.second > buf.size())
    return "";
  size_t begin = buf.substr(0, d.second).rfind('\n');
  begin = begin == llvm::StringRef::npos ? 0 : begin + 1;
  return buf.slice(begin, buf.find_first_of("\r\n", d.second)).str();
}

// ClangTool points the file system's working directory at the compile
// command's directory, which is what relative names are relative to.
std::string absolutePath(const SourceManager &sm, llvm::StringRef file) {
  llvm::SmallString<256> path(file);
  if (sm.getFileManager().getVirtualFileSystem().makeAbsolute(path))
    return file.str();
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

// A translation unit's findings are nearly always in one file: each file
// name is made absolute once, not once per location.
struct AbsolutePaths {
  const SourceManager &sm;
  std::string file, absolute;
  const std::string &of(const std::string &name) {
    if (absolute.empty() || name != file) {
      file = name;
      absolute = absolutePath(sm, name);
    }
    return absolute;
  }
};

Location locationOf(const SourceManager &sm, SourceLocation begin,
                    SourceLocation end, AbsolutePaths &paths) {
  Location out;
  begin = sm.getFileLoc(begin);
  PresumedLoc p = sm.getPresumedLoc(begin);
  if (p.isInvalid())
    return out;
  out.file = p.getFilename();
  out.absoluteFile = paths.of(out.file);
  out.line = p.getLine();
  out.column = p.getColumn();
  out.lineText = lineAt(sm, begin);

  SourceLocation last = end.isValid() ? sm.getFileLoc(end) : begin;
  if (sm.getFileID(last) != sm.getFileID(begin) ||
      sm.isBeforeInTranslationUnit(last, begin))
    last = begin;
  unsigned length = Lexer::MeasureTokenLength(last, sm, cxxOptions());
  SourceLocation after = last.getLocWithOffset(std::max(length, 1u));
  // Presumed lines may be shifted by #line; keep the range's own extent.
  out.endLine = out.line + sm.getSpellingLineNumber(after) -
                sm.getSpellingLineNumber(begin);
  out.endColumn = sm.getSpellingColumnNumber(after);
  return out;
}

auto sortKey(const Report &r) {
  return std::make_tuple(
      std::cref(r.mutation.file), r.mutation.line, r.mutation.column,
      r.rule ? llvm::StringRef(r.rule->id) : llvm::StringRef(),
      r.mutation.endLine, r.mutation.endColumn);
}

// Then the message, as its text reads (rendered only for reports at one
// place), then the function.
bool sortsBefore(const Report &a, const Report &b) {
  auto ka = sortKey(a), kb = sortKey(b);
  if (ka != kb)
    return ka < kb;
  if (a.message != b.message) {
    std::string ta = a.message.plainText(), tb = b.message.plainText();
    if (ta != tb)
      return ta < tb;
  }
  return a.function < b.function;
}

bool sameYields(const Report &a, const Report &b) {
  return std::equal(a.yields.begin(), a.yields.end(), b.yields.begin(),
                    b.yields.end(), [](const Location &x, const Location &y) {
                      return x.file == y.file && x.line == y.line &&
                             x.column == y.column;
                    });
}

} // namespace

struct ReportBuilder::Impl {
  explicit Impl(const SourceManager &sm) : sm(sm) {}
  const SourceManager &sm;
  AbsolutePaths paths{sm, {}, {}};
  // The yields and the start of a function are shared by its findings.
  llvm::DenseMap<unsigned, Location> shared; // by raw location

  Location at(SourceLocation begin, SourceLocation end) {
    return locationOf(sm, begin, end, paths);
  }
  const Location &sharedAt(SourceLocation loc) {
    auto [it, inserted] = shared.try_emplace(loc.getRawEncoding());
    if (inserted)
      it->second = at(loc, loc);
    return it->second;
  }
};

ReportBuilder::ReportBuilder(const SourceManager &sm) : impl(new Impl(sm)) {}
ReportBuilder::~ReportBuilder() = default;

Report ReportBuilder::make(const Finding &f, unsigned listed) {
  Report r;
  r.rule = &ruleFor(f.kind);
  r.severity = r.rule->severity;
  r.message = f.message;
  SourceLocation primary = f.loc.isValid() ? f.loc : f.range.getBegin();
  r.mutation = impl->at(primary, f.range.getEnd());
  size_t shown = std::min<size_t>(f.yields.size(), listed);
  r.yields.reserve(shown);
  for (size_t i = 0; i < shown; ++i)
    r.yields.push_back(impl->sharedAt(f.yields[i]));
  r.unlistedYields = static_cast<unsigned>(f.yields.size() - shown);
  r.yieldNote = f.yieldNote;
  r.function = f.function;
  if (f.functionLoc.isValid())
    r.functionStart = impl->sharedAt(f.functionLoc);
  r.target = f.target;
  r.mutationText = f.mutationText;
  for (const FindingNote &n : f.notes)
    r.notes.push_back({impl->at(n.loc, n.loc), n.text});
  return r;
}

Report toReport(const Finding &f, const SourceManager &sm, unsigned listed) {
  return ReportBuilder(sm).make(f, listed);
}

bool applyRuleOverrides(Report &r, const Conventions &conv) {
  if (!r.rule)
    return true;
  if (!ruleEnabled(conv, *r.rule))
    return false;
  r.severity = ruleSeverity(conv, *r.rule);
  return true;
}

// The same stable sort on indices: a Report (a dozen strings and vectors)
// is moved once, not at every step of the merge sort.
void sortReports(std::vector<Report> &reports) {
  std::vector<unsigned> order(reports.size());
  for (unsigned i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
    return sortsBefore(reports[a], reports[b]);
  });
  std::vector<Report> sorted;
  sorted.reserve(reports.size());
  for (unsigned i : order)
    sorted.push_back(std::move(reports[i]));
  reports = std::move(sorted);
}

void sortAndUniqueReports(std::vector<Report> &reports) {
  sortReports(reports);
  reports.erase(std::unique(reports.begin(), reports.end(),
                            [](const Report &a, const Report &b) {
                              return sortKey(a) == sortKey(b) &&
                                     a.message == b.message &&
                                     a.function == b.function &&
                                     sameYields(a, b);
                            }),
                reports.end());
}

std::string normaliseWhitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space)
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

} // namespace yieldcheck
