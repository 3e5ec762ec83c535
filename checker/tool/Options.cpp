//===- Options.cpp - The command line of the yieldcheck CLI ---------------===//
#include "Options.h"

#include "ResultCache.h"

#include "yieldcheck/Conventions.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace yieldcheck {
namespace {

namespace cl = llvm::cl;

enum class FailLevel { None, Note, Warning, Error };

cl::OptionCategory category("yieldcheck options");

cl::opt<std::string> buildPath(
    "p", cl::desc("Build directory holding compile_commands.json"),
    cl::value_desc("build-dir"), cl::cat(category));
cl::list<std::string> sources(cl::Positional, cl::desc("<source files>"),
                              cl::cat(category));
cl::list<std::string> extraArgs(
    "extra-arg",
    cl::desc("Additional argument to append to the compiler command line"),
    cl::value_desc("arg"), cl::cat(category));
cl::list<std::string> extraArgsBefore(
    "extra-arg-before",
    cl::desc("Additional argument to prepend to the compiler command line"),
    cl::value_desc("arg"), cl::cat(category));
cl::opt<OutputFormat> format(
    "format", cl::desc("Output format"),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-style diagnostics (default)"),
               clEnumValN(OutputFormat::Json, "json",
                          "JSON, documented in docs/usage.md"),
               clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(OutputFormat::GitLab, "gitlab",
                          "GitLab Code Quality report")),
    cl::init(OutputFormat::Text), cl::cat(category));
cl::opt<std::string> output("output",
                            cl::desc("Write findings to <file>, not stdout"),
                            cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> config(
    "config",
    cl::desc("Configuration file for every source (default: the nearest "
             ".yieldcheck.json above each source)"),
    cl::value_desc("file"), cl::cat(category));
cl::opt<bool> listRules("list-rules",
                        cl::desc("List the rules and their severities"),
                        cl::cat(category));
cl::opt<std::string> explain("explain",
                             cl::desc("Print the documentation of a rule"),
                             cl::value_desc("rule"), cl::cat(category));
cl::list<std::string> enable(
    "enable", cl::desc("Enable a rule (repeatable, comma-separated ids)"),
    cl::CommaSeparated, cl::value_desc("rule"), cl::cat(category));
cl::list<std::string> disable(
    "disable", cl::desc("Disable a rule (repeatable, comma-separated ids)"),
    cl::CommaSeparated, cl::value_desc("rule"), cl::cat(category));
cl::opt<FailLevel> failLevel(
    "fail-level",
    cl::desc("Exit 1 when a finding has at least this severity"),
    cl::values(clEnumValN(FailLevel::Error, "error", "errors only"),
               clEnumValN(FailLevel::Warning, "warning", "warnings and errors"),
               clEnumValN(FailLevel::Note, "note", "any finding (default)"),
               clEnumValN(FailLevel::None, "none", "never")),
    cl::init(FailLevel::Note), cl::cat(category));
cl::opt<std::string> sourceRoot(
    "source-root",
    cl::desc("Directory that JSON and SARIF paths are relative to "
             "(default: the current directory)"),
    cl::value_desc("dir"), cl::cat(category));
cl::opt<std::string> sarifCategory(
    "sarif-category",
    cl::desc("SARIF run.automationDetails.id is '<name>/' (GitHub code "
             "scanning's category)"),
    cl::value_desc("name"), cl::cat(category));
cl::opt<std::string> baseline(
    "baseline",
    cl::desc("Do not report findings whose fingerprint is in this SARIF "
             "log (written by --write-baseline)"),
    cl::value_desc("file.sarif"), cl::cat(category));
cl::opt<std::string> writeBaseline(
    "write-baseline",
    cl::desc("Also write every finding, as SARIF, to <file> (a baseline "
             "for --baseline)"),
    cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> diffBase(
    "diff-base",
    cl::desc("Report only findings whose mutation or yield line is added or "
             "changed since the merge base of <ref> and HEAD (git)"),
    cl::value_desc("ref"), cl::cat(category));
cl::opt<unsigned> jobs(
    "j",
    cl::desc("Analyse <n> sources at a time (default and maximum: one per "
             "core; never more than the sources)"),
    cl::value_desc("n"), cl::Prefix, cl::init(0), cl::cat(category));
cl::opt<std::string> preset(
    "preset",
    cl::desc("Start from the built-in conventions <name> (libssh2, nginx, "
             "curl, ...; see --list-presets); .yieldcheck.json refines them"),
    cl::value_desc("name"), cl::cat(category));
cl::opt<bool> listPresets("list-presets",
                          cl::desc("List the built-in convention presets"),
                          cl::cat(category));
cl::opt<bool> quiet("quiet",
                    cl::desc("Print neither the progress line nor the "
                             "summary on stderr"),
                    cl::cat(category));

cl::opt<bool> allYields(
    "all-yields",
    cl::desc("List every yield point of a finding in JSON and SARIF (and as "
             "notes), not only the first 3; the output can then grow "
             "quadratically"),
    cl::cat(category));

cl::opt<std::string> cacheDir(
    "cache-dir",
    cl::desc("Reuse the findings of unchanged translation units from <dir> "
             "and store new ones there (default: $YIELDCHECK_CACHE_DIR; "
             "off when neither is set); see docs/usage.md"),
    cl::value_desc("dir"), cl::cat(category));
cl::opt<std::string> cacheMaxSize(
    "cache-max-size",
    cl::desc("Evict the least recently used cache entries above <size> "
             "(bytes, or with a K, M or G suffix; default 512M)"),
    cl::value_desc("size"), cl::cat(category));
cl::opt<bool> cacheStats(
    "cache-stats",
    cl::desc("Print the cache's hits, misses, stores, evictions and size on "
             "stderr (even with --quiet)"),
    cl::cat(category));
cl::opt<std::string> shard(
    "shard",
    cl::desc("Analyse only shard K of N: a deterministic 1/N of the sources, "
             "by a hash of each path (merge the outputs with 'yieldcheck "
             "merge')"),
    cl::value_desc("K/N"), cl::cat(category));

const char kOverview[] =
    "yieldcheck finds persistent state mutated before a yield point in\n"
    "cooperative-yield IO functions (functions returning IOResult<T>, which\n"
    "are re-entered from the top after they yield).\n"
    "\n"
    "  yieldcheck -p build src/pager.cpp\n"
    "  yieldcheck -p build                  (every file in the database)\n"
    "  yieldcheck -p build --diff-base origin/main --format=sarif\n"
    "  yieldcheck src/pager.cpp -- -std=c++20 -Iinclude\n"
    "  yieldcheck --explain reentrancy-counter-advance\n"
    "  yieldcheck --preset libssh2 src/channel.c -- -Iinclude\n"
    "  yieldcheck -p build --cache-dir .yieldcheck-cache --shard 1/4\n"
    "  yieldcheck merge --output all.sarif shard-*.sarif  (see merge --help)\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-level, 1 findings (or a\n"
    "source that did not compile), 2 usage, config or compile-database error.\n";

void printVersion(llvm::raw_ostream &os) {
  os << "yieldcheck version " << YIELDCHECK_VERSION << "\n  built with LLVM "
     << LLVM_VERSION_STRING << "\n";
}

bool collectToggles(ToolOptions &out) {
  // (position on the command line, id, enabled): the last word wins.
  std::vector<std::tuple<unsigned, std::string, bool>> toggles;
  for (unsigned i = 0; i < enable.size(); ++i)
    toggles.emplace_back(enable.getPosition(i), enable[i], true);
  for (unsigned i = 0; i < disable.size(); ++i)
    toggles.emplace_back(disable.getPosition(i), disable[i], false);
  std::stable_sort(toggles.begin(), toggles.end(),
                   [](const auto &a, const auto &b) {
                     return std::get<0>(a) < std::get<0>(b);
                   });
  for (const auto &[pos, id, on] : toggles) {
    if (!findRule(id)) {
      llvm::errs() << "yieldcheck: error: unknown rule '" << id << "' in --"
                   << (on ? "enable" : "disable")
                   << " (see --list-rules)\n";
      return false;
    }
    out.ruleToggles.emplace_back(id, on);
  }
  return true;
}

bool resolveSourceRoot(ToolOptions &out) {
  llvm::SmallString<256> root(sourceRoot.empty() ? "." : sourceRoot.getValue());
  if (llvm::sys::fs::make_absolute(root) || !llvm::sys::fs::is_directory(root)) {
    llvm::errs() << "yieldcheck: error: --source-root '" << sourceRoot
                 << "' is not a directory\n";
    return false;
  }
  llvm::sys::path::remove_dots(root, /*remove_dot_dot=*/true);
  while (root.size() > 1 && llvm::sys::path::is_separator(root.back()))
    root.pop_back();
  out.sourceRoot = std::string(root);
  return true;
}

} // namespace

bool parseOptions(int argc, const char **argv, ToolOptions &out) {
  cl::HideUnrelatedOptions(category);
  cl::SetVersionPrinter(printVersion);
  if (!cl::ParseCommandLineOptions(argc, argv, kOverview, &llvm::errs()))
    return false;

  out.buildPath = buildPath;
  out.sources.assign(sources.begin(), sources.end());
  out.extraArgs.assign(extraArgs.begin(), extraArgs.end());
  out.extraArgsBefore.assign(extraArgsBefore.begin(), extraArgsBefore.end());
  out.format = format;
  out.output = output;
  out.config = config;
  out.listRules = listRules;
  out.explain = explain;
  out.quiet = quiet;
  out.preset = preset;
  out.listPresets = listPresets;
  if (preset.getNumOccurrences() &&
      presetText(preset.getValue()).empty()) {
    std::string known;
    for (const std::string &n : presetNames())
      known += (known.empty() ? "" : ", ") + n;
    llvm::errs() << "yieldcheck: error: unknown preset '" << preset
                 << "' (known: " << known << ")\n";
    return false;
  }
  out.allYields = allYields;
  out.sarifCategory = sarifCategory;
  out.baseline = baseline;
  out.writeBaseline = writeBaseline;
  out.diffBase = diffBase;
  out.threads = jobs;
  if (jobs.getNumOccurrences() && jobs == 0) {
    llvm::errs() << "yieldcheck: error: -j needs a number of sources above 0\n";
    return false;
  }
  if (diffBase.getNumOccurrences() && diffBase.empty()) {
    llvm::errs() << "yieldcheck: error: --diff-base needs a git revision\n";
    return false;
  }
  if (!diffBase.empty() && diffBase[0] == '-') {
    // git would take it for an option (--diff-base=--independent).
    llvm::errs() << "yieldcheck: error: --diff-base '" << diffBase
                 << "' is not a git revision: it starts with '-'\n";
    return false;
  }
  if (sarifCategory.getNumOccurrences() && sarifCategory.empty()) {
    llvm::errs() << "yieldcheck: error: --sarif-category needs a name\n";
    return false;
  }
  if (!out.sarifCategory.empty() && out.format != OutputFormat::Sarif &&
      out.writeBaseline.empty()) {
    llvm::errs() << "yieldcheck: error: --sarif-category needs "
                    "--format=sarif or --write-baseline\n";
    return false;
  }
  out.debugReplay = std::getenv("YIELDCHECK_DEBUG") != nullptr;
  out.cacheDir = cacheDir;
  if (!cacheDir.getNumOccurrences())
    if (const char *env = std::getenv("YIELDCHECK_CACHE_DIR"))
      out.cacheDir = env;
  if (cacheDir.getNumOccurrences() && cacheDir.empty()) {
    llvm::errs() << "yieldcheck: error: --cache-dir needs a directory\n";
    return false;
  }
  if (cacheMaxSize.getNumOccurrences() &&
      !parseSize(cacheMaxSize, out.cacheMaxBytes)) {
    llvm::errs() << "yieldcheck: error: --cache-max-size '" << cacheMaxSize
                 << "' is not a size above 0 (bytes, or a number with a K, "
                    "M or G suffix)\n";
    return false;
  }
  out.cacheStats = cacheStats;
  if ((out.cacheStats || out.cacheMaxBytes) && out.cacheDir.empty()) {
    llvm::errs() << "yieldcheck: error: --cache-stats and --cache-max-size "
                    "need --cache-dir (or YIELDCHECK_CACHE_DIR)\n";
    return false;
  }
  std::string error;
  if (shard.getNumOccurrences() && !parseShard(shard, out.shard, error)) {
    llvm::errs() << "yieldcheck: error: " << error << "\n";
    return false;
  }
  switch (failLevel) {
  case FailLevel::None:
    out.failLevel.reset();
    break;
  case FailLevel::Note:
    out.failLevel = Severity::Note;
    break;
  case FailLevel::Warning:
    out.failLevel = Severity::Warning;
    break;
  case FailLevel::Error:
    out.failLevel = Severity::Error;
    break;
  }
  return collectToggles(out) && resolveSourceRoot(out);
}

} // namespace yieldcheck
