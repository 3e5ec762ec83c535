//===- main.cpp - yieldcheck: the command-line front end ------------------===//
#include "AnalysisAction.h"
#include "Baseline.h"
#include "CachePlan.h"
#include "CompileDatabase.h"
#include "DiffLines.h"
#include "ExitCodes.h"
#include "Fingerprint.h"
#include "Merge.h"
#include "LanguageServer.h"
#include "Options.h"
#include "OutputFiles.h"
#include "RuleCommands.h"
#include "SourceConfigs.h"
#include "Writers.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

using namespace yieldcheck;

namespace {

int usageError(const std::string &message) {
  llvm::errs() << "yieldcheck: error: " << message << "\n";
  return ExitUsage;
}

int ruleCommands(const ToolOptions &opts, SourceConfigs &configs) {
  if (opts.listRules) {
    // The config that would apply to a source in the current directory.
    std::string error;
    Analyzer *analyzer = configs.analyzerForDirectory(".", error);
    if (!analyzer)
      return usageError(error);
    listRules(analyzer->conventions(), llvm::outs());
  }
  return opts.explain.empty() ? ExitClean
                              : explainRule(opts.explain, llvm::outs());
}

// Checks the sources exist and picks each one's configuration; keeps those
// of this --shard.
bool planJobs(const ToolOptions &opts, SourceConfigs &configs,
              std::vector<SourceJob> &jobs, std::string &error) {
  std::set<std::string> seen;
  for (const std::string &source : opts.sources) {
    if (!llvm::sys::fs::exists(source)) {
      error = "no such file: '" + source + "'";
      return false;
    }
    if (llvm::sys::fs::is_directory(source)) {
      error = "'" + source + "' is a directory, not a source file";
      return false;
    }
    llvm::SmallString<256> abs(source);
    llvm::sys::fs::make_absolute(abs);
    llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
#ifndef _WIN32
    // LibTooling turns every '\' into '/' (llvm::sys::path::native), so it
    // would look for another file, fail, and lose this one's findings.
    if (abs.find('\\') != llvm::StringRef::npos) {
      error = "cannot analyse '" + source + "': its path contains '\\', "
              "which clang's tooling reads as '/'; rename or move the file";
      return false;
    }
#endif
    if (!seen.insert(std::string(abs)).second ||
        !inShard(opts.shard, std::string(abs), opts.sourceRoot))
      continue;
    Analyzer *analyzer = configs.analyzerForSource(std::string(abs), error);
    if (!analyzer)
      return false;
    jobs.push_back({source, std::string(abs), analyzer});
  }
  return true;
}

// `yieldcheck -p build` alone: every file the database lists that exists
// (generated sources may not yet), or with --diff-base those it touches.
std::vector<std::string>
databaseSources(const clang::tooling::CompilationDatabase &db,
                const ChangedLines *changed) {
  std::vector<std::string> files;
  for (const std::string &file : db.getAllFiles()) {
    if (!llvm::sys::fs::is_regular_file(file)) {
      llvm::errs() << "yieldcheck: warning: skipping '" << file
                   << "': in the compile database but not on disk\n";
      continue;
    }
    if (!changed || fileChanged(*changed, file))
      files.push_back(file);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Workers are CPU-bound and each holds a whole translation unit (see
// docs/usage.md for the memory): more of them than cores only add memory.
unsigned threadCount(const ToolOptions &opts) {
  unsigned cores = std::max(
      1u, llvm::heavyweight_hardware_concurrency().compute_thread_count());
  if (!opts.threads)
    return cores;
  if (opts.threads > cores && !opts.quiet)
    llvm::errs() << "yieldcheck: note: -j " << opts.threads << " is more than "
                 << "the " << cores << " cores; using at most " << cores
                 << " workers\n";
  return std::min(opts.threads, cores);
}

// An output must not overwrite what the run reads, nor the other output.
bool checkOutputTargets(const ToolOptions &opts,
                        const std::vector<SourceJob> &jobs,
                        std::string &error) {
  for (auto [flag, path] : {std::make_pair("--output", &opts.output),
                            std::make_pair("--write-baseline",
                                           &opts.writeBaseline)}) {
    if (path->empty())
      continue;
    std::string what = std::string(flag) + " '" + *path + "'";
    for (const SourceJob &job : jobs)
      if (sameFile(*path, job.absolutePath)) {
        error = what + " is a source being analysed; refusing to overwrite it";
        return false;
      }
    if (!opts.baseline.empty() && sameFile(*path, opts.baseline)) {
      error = what + " is the --baseline being read; write the new "
                     "baseline elsewhere, then move it";
      return false;
    }
  }
  if (!opts.output.empty() && !opts.writeBaseline.empty() &&
      sameFile(opts.output, opts.writeBaseline)) {
    error = "--output and --write-baseline both name '" + opts.output +
            "'; give them different files";
    return false;
  }
  return true;
}

void write(const RunResult &run, const ToolOptions &opts,
           llvm::raw_ostream &os) {
  switch (opts.format) {
  case OutputFormat::Text:
    writeText(run, os);
    break;
  case OutputFormat::Json:
    writeJson(run, opts.sourceRoot, os);
    break;
  case OutputFormat::Sarif:
    writeSarif(run, opts.sourceRoot, opts.sarifCategory, os);
    break;
  case OutputFormat::GitLab:
    writeGitLab(run, opts.sourceRoot, os);
    break;
  }
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc > 1 && llvm::StringRef(argv[1]) == "merge")
    return mergeMain(argc - 1, argv + 1);
  if (argc >= 2 && llvm::StringRef(argv[1]) == "lsp")
    return runLanguageServer(argc - 1, argv + 1);

  // LibTooling convention: everything after "--" is the compile command.
  int toolArgc = argc;
  std::string error;
  std::unique_ptr<clang::tooling::CompilationDatabase> dashDash =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
          toolArgc, argv, error);
  if (!error.empty())
    return usageError(error);

  ToolOptions opts;
  if (!parseOptions(toolArgc, argv, opts))
    return ExitUsage;
  SourceConfigs configs(opts);
  if (opts.listPresets) {
    for (const std::string &name : presetNames())
      llvm::outs() << name << "\n";
    return ExitClean;
  }
  if (opts.listRules || !opts.explain.empty())
    return ruleCommands(opts, configs);
  const bool wholeDatabase = opts.sources.empty();
  if (wholeDatabase && (dashDash || opts.buildPath.empty()))
    return usageError("no source files given; name them, or pass -p "
                      "<build-dir> alone to analyse every file of its "
                      "compile database (see --help)");

  auto db = selectCompileDatabase(opts, std::move(dashDash), error);
  if (!db)
    return usageError(error);
  ChangedLines changed;
  if (!opts.diffBase.empty() &&
      !changedLinesSince(opts.diffBase, opts.sourceRoot, changed, error))
    return usageError("--diff-base: " + error);
  if (wholeDatabase) {
    opts.sources =
        databaseSources(*db, opts.diffBase.empty() ? nullptr : &changed);
    if (opts.sources.empty() && opts.diffBase.empty())
      return usageError("the compile database in '" + opts.buildPath +
                        "' lists no source file that exists");
  }
  std::vector<SourceJob> jobs;
  if (!planJobs(opts, configs, jobs, error))
    return usageError(error);

  std::set<std::string> baseline;
  if (!opts.baseline.empty() && !readBaseline(opts.baseline, baseline, error))
    return usageError(error);

  if (!checkOutputTargets(opts, jobs, error))
    return usageError(error);
  // Created before the analysis, so a bad path fails fast; renamed into
  // place only once everything is written.
  std::unique_ptr<PendingOutput> file, baselineFile;
  for (auto [path, pending] : {std::make_pair(&opts.output, &file),
                               std::make_pair(&opts.writeBaseline, &baselineFile)}) {
    if (!path->empty() && !(*pending = PendingOutput::open(*path, error)))
      return usageError(error);
  }
  const clang::tooling::ArgumentsAdjuster adjust = toolArgumentsAdjuster(opts);
  error.clear();
  std::unique_ptr<ResultCache> cache =
      openCache(opts, configs, *db, adjust, jobs, error);
  if (!cache && !error.empty())
    return usageError(error);
  Progress progress(llvm::errs(), static_cast<unsigned>(jobs.size()),
                    !opts.quiet && llvm::errs().is_displayed());
  RunResult run = analyzeSources(*db, jobs, adjust, threadCount(opts),
                                 progress, opts.allYields ? ~0u : kListedYields,
                                 cache.get());
  if (cache) {
    run.cached = true;
    run.cacheHits = cache->hits();
    run.cacheMisses = cache->misses();
    cache->evict();
  }
  // Before the baseline drops any: the occurrence numbers count them all.
  // Without a filter or a baseline to write, the writers that print them
  // (SARIF, GitLab) compute them from the same reports: text and JSON runs
  // do not hash every finding for nothing.
  if (baselineFile || !opts.diffBase.empty() || !opts.baseline.empty())
    run.fingerprints = fingerprints(run.reports);
  if (baselineFile) // every current finding, the suppressed ones too
    writeSarif(run, opts.sourceRoot, opts.sarifCategory, baselineFile->os());
  if (!opts.diffBase.empty())
    applyDiffFilter(run, changed);
  if (!opts.baseline.empty())
    applyBaseline(run, baseline);
  write(run, opts, file ? file->os() : llvm::outs());
  for (PendingOutput *out : {file.get(), baselineFile.get()})
    if (out && !out->finish(error))
      return usageError(error);
  if (!file && !flushChecked(llvm::outs(), "the findings to stdout", error))
    return usageError(error);
  for (PendingOutput *out : {file.get(), baselineFile.get()})
    if (out && !out->commit(error))
      return usageError(error);
  if (!opts.quiet)
    llvm::errs() << summaryLine(run) << "\n";
  if (opts.cacheStats)
    llvm::errs() << cache->statsLine() << "\n";
  return failsAt(run, opts.failLevel) ? ExitFindings : ExitClean;
}
