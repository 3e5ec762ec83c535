//===- DiffLines.cpp - The lines a pull request adds or changes -----------===//
#include "DiffLines.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <optional>

namespace yieldcheck {
namespace {

// StringRef::startswith is gone in LLVM 22; starts_with is new in 16.
bool startsWith(llvm::StringRef s, llvm::StringRef prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string realPath(const std::string &path) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real))
    return path; // gone: compare as given
  return std::string(real);
}

// git writes a path with unusual characters as a C string: "b/a\tb.cpp".
std::string unquote(llvm::StringRef path) {
  if (path.size() < 2 || path.front() != '"' || path.back() != '"')
    return path.str();
  path = path.drop_front().drop_back();
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '\\' || i + 1 == path.size()) {
      out += path[i];
      continue;
    }
    char c = path[++i];
    if (c >= '0' && c <= '7' && i + 2 < path.size()) { // octal byte
      out += static_cast<char>((c - '0') * 64 + (path[i + 1] - '0') * 8 +
                               (path[i + 2] - '0'));
      i += 2;
      continue;
    }
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  return out;
}

// "-a[,b] +c[,d]" of a hunk header: each side's first line and count.
bool parseHunkHeader(llvm::StringRef header, unsigned &oldCount,
                     unsigned &first, unsigned &newCount) {
  llvm::SmallVector<llvm::StringRef, 4> words;
  header.split(words, ' ', 3, /*KeepEmpty=*/false);
  if (words.size() < 3 || words[0] != "@@" || !startsWith(words[1], "-") ||
      !startsWith(words[2], "+"))
    return false;
  auto side = [](llvm::StringRef word, unsigned &start, unsigned &count) {
    auto [from, length] = word.drop_front().split(',');
    count = 1;
    return !from.getAsInteger(10, start) &&
           (length.empty() || !length.getAsInteger(10, count));
  };
  unsigned oldFirst = 0;
  return side(words[1], oldFirst, oldCount) && side(words[2], first, newCount);
}

// Runs git with `args` (without "git"); its stdout in `out`, else its
// stderr's first line in `error`.
bool runGit(llvm::ArrayRef<std::string> args, std::string &out,
            std::string &error) {
  auto git = llvm::sys::findProgramByName("git");
  if (!git) {
    error = "--diff-base needs git, which is not on PATH";
    return false;
  }
  llvm::SmallString<128> outFile, errFile;
  if (llvm::sys::fs::createTemporaryFile("yieldcheck-git", "out", outFile) ||
      llvm::sys::fs::createTemporaryFile("yieldcheck-git", "err", errFile)) {
    error = "cannot create a temporary file for git's output";
    return false;
  }
  llvm::FileRemover removeOut(outFile), removeErr(errFile);
  std::vector<llvm::StringRef> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
#if LLVM_VERSION_MAJOR < 16
  llvm::Optional<llvm::StringRef> redirects[] = {
#else
  std::optional<llvm::StringRef> redirects[] = {
#endif
      llvm::StringRef(""), llvm::StringRef(outFile), llvm::StringRef(errFile)};
  std::string why;
  int rc = llvm::sys::ExecuteAndWait(*git, argv, /*Env=*/{}, redirects, 0, 0,
                                     &why);
  auto read = [](llvm::StringRef file) {
    auto buffer = llvm::MemoryBuffer::getFile(file);
    return buffer ? (*buffer)->getBuffer().str() : std::string();
  };
  if (rc != 0) {
    std::string message = read(errFile);
    message = message.substr(0, message.find('\n'));
    error = "git " + llvm::join(args, " ") + ": " +
            (message.empty() ? why : message);
    return false;
  }
  out = read(outFile);
  return true;
}

} // namespace

bool parseUnifiedDiff(llvm::StringRef diff, llvm::StringRef repoRoot,
                      ChangedLines &out, std::string &error) {
  std::string file; // empty: a deleted file, or before the first header
  // Lines of the current hunk still to come: "+++ x" inside a hunk is an
  // added line "++ x", not a file header.
  unsigned oldLeft = 0, newLeft = 0;
  llvm::SmallVector<llvm::StringRef, 0> lines;
  diff.split(lines, '\n');
  for (llvm::StringRef line : lines) {
    if (oldLeft + newLeft > 0) {
      if (startsWith(line, "-") && oldLeft)
        --oldLeft;
      else if (startsWith(line, "+") && newLeft)
        --newLeft;
      else if (!startsWith(line, "\\")) // "\ No newline at end of file"
        oldLeft = newLeft = 0; // -U0 has no context lines: out of sync
      continue;
    }
    if (startsWith(line, "+++ ")) {
      std::string name = unquote(line.drop_front(4).rtrim("\r\t"));
      file.clear();
      if (startsWith(name, "b/")) {
        llvm::SmallString<256> joined(repoRoot);
        llvm::sys::path::append(joined, llvm::StringRef(name).drop_front(2));
        file = std::string(joined);
      }
      continue;
    }
    if (!startsWith(line, "@@"))
      continue;
    unsigned first = 0;
    if (!parseHunkHeader(line, oldLeft, first, newLeft)) {
      error = "unexpected line in git diff: '" + line.str() + "'";
      return false;
    }
    if (!file.empty() && newLeft > 0)
      out[file].emplace_back(first, first + newLeft - 1);
  }
  return true;
}

bool changedLinesSince(const std::string &ref, const std::string &dir,
                       ChangedLines &out, std::string &error) {
  std::string top, base, diff, untracked;
  if (!runGit({"-C", dir, "rev-parse", "--show-toplevel"}, top, error)) {
    if (error.find("not a git repository") != std::string::npos)
      error = "'" + dir + "' is not in a git repository; run from the "
              "repository or pass --source-root";
    return false;
  }
  top = llvm::StringRef(top).rtrim("\r\n").str();
  // The merge base, as a pull request's diff has it: changes made on the
  // target branch since the fork are not ours.
  if (!runGit({"-C", top, "merge-base", ref, "HEAD"}, base, error))
    return false;
  base = llvm::StringRef(base).trim().str();
  // Fixed prefixes and no colour or external driver, whatever the user's
  // git config says.
  if (!runGit({"-C", top, "diff", "-U0", "--no-color", "--no-ext-diff",
               "--src-prefix=a/", "--dst-prefix=b/", base, "--"},
              diff, error) ||
      !runGit({"-C", top, "ls-files", "-z", "--others", "--exclude-standard"},
              untracked, error))
    return false;
  top = realPath(top);
  if (!parseUnifiedDiff(diff, top, out, error))
    return false;
  llvm::SmallVector<llvm::StringRef, 0> names;
  llvm::StringRef(untracked).split(names, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef name : names) {
    llvm::SmallString<256> path(top);
    llvm::sys::path::append(path, name);
    out[std::string(path)].emplace_back(1, ~0u); // all of it is new
  }
  return true;
}

bool fileChanged(const ChangedLines &changed, const std::string &absolutePath) {
  return changed.count(realPath(absolutePath)) != 0;
}

void applyDiffFilter(RunResult &run, const ChangedLines &changed) {
  std::map<std::string, const std::vector<std::pair<unsigned, unsigned>> *>
      byFile; // report path -> its ranges; real_path once per file
  auto touched = [&](const Location &loc) {
    const std::string &path =
        loc.absoluteFile.empty() ? loc.file : loc.absoluteFile;
    auto [it, fresh] = byFile.try_emplace(path, nullptr);
    if (fresh) {
      auto ranges = changed.find(realPath(path));
      it->second = ranges == changed.end() ? nullptr : &ranges->second;
    }
    return it->second &&
           std::any_of(it->second->begin(), it->second->end(),
                       [&](const auto &r) {
                         return r.first <= loc.line && loc.line <= r.second;
                       });
  };
  run.outsideDiff += dropReports(run, [&](const Report &r, const std::string &) {
    return !touched(r.mutation) &&
           std::none_of(r.yields.begin(), r.yields.end(), touched);
  });
  run.diffFiltered = true;
}

} // namespace yieldcheck
