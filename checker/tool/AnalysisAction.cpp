//===- AnalysisAction.cpp - Runs the analysis over sources with ClangTool -===//
#include "AnalysisAction.h"
#include "CrashIsolation.h"
#include "DiagnosticOptionsCompat.h"
#include "TranslationUnitReports.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/Stack.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/thread.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>

using namespace clang;

namespace yieldcheck {
namespace {

// The keys of the SourceManager's file map: FileEntry pointers before LLVM
// 17, FileEntryRefs since.
template <typename Key> const FileEntry &entryOf(const Key &key) {
  if constexpr (std::is_pointer_v<Key>)
    return *key;
  else
    return key.getFileEntry();
}
template <typename Key> StringRef nameOf(const Key &key) {
  if constexpr (std::is_pointer_v<Key>)
    return key->getName();
  else
    return key.getName();
}

// Every file the parse read, with the hash of the content clang parsed (not
// of the disk's, which may have changed since): the dependencies of a cache
// entry. A file clang looked at without reading is hashed from disk.
void collectDependencies(SourceManager &sm, Dependencies &deps) {
  for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
    SmallString<256> path(entryOf(it->first).tryGetRealPathName());
    if (path.empty()) {
      path = nameOf(it->first);
      sm.getFileManager().makeAbsolutePath(path);
    }
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
    std::string hash;
    if (auto buffer = it->second->getBufferIfLoaded())
      hash = contentHash(buffer->getBuffer());
    else if (auto disk = llvm::MemoryBuffer::getFile(path))
      hash = contentHash((*disk)->getBuffer());
    else
      continue;
    deps.emplace_back(std::string(path), hash);
  }
}

class FindingsConsumer : public ASTConsumer {
public:
  FindingsConsumer(Analyzer &analyzer, std::vector<Report> &out,
                   unsigned listed, Dependencies *deps)
      : analyzer(analyzer), out(out), listed(listed), deps(deps) {}

  // Called even when the TU has errors: clang's recovered AST is analysed.
  void HandleTranslationUnit(ASTContext &ctx) override {
    if (deps)
      collectDependencies(ctx.getSourceManager(), *deps);
    for (Report &r : reportsForTranslationUnit(analyzer, ctx, listed))
      out.push_back(std::move(r));
  }

private:
  Analyzer &analyzer;
  std::vector<Report> &out;
  unsigned listed;
  Dependencies *deps;
};

class FindingsAction : public ASTFrontendAction {
public:
  FindingsAction(Analyzer &analyzer, std::vector<Report> &out,
                 unsigned listed, Dependencies *deps)
      : analyzer(analyzer), out(out), listed(listed), deps(deps) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<FindingsConsumer>(analyzer, out, listed, deps);
  }

private:
  Analyzer &analyzer;
  std::vector<Report> &out;
  unsigned listed;
  Dependencies *deps;
};

// Counts compiles and failed compiles. Reporting success to ClangTool keeps
// it from printing "Error while processing"; our own message says more.
class FindingsActionFactory : public tooling::FrontendActionFactory {
public:
  FindingsActionFactory(Analyzer &analyzer, std::vector<Report> &out,
                        unsigned listed, Dependencies *deps)
      : analyzer(analyzer), out(out), listed(listed), deps(deps) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FindingsAction>(analyzer, out, listed, deps);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> invocation,
                     FileManager *files,
                     std::shared_ptr<PCHContainerOperations> pch,
                     DiagnosticConsumer *diags) override {
    ++compiles;
    // Off, clang would print "N errors generated." straight to stderr, out
    // of the file's block. Only that count reads this copy of the option:
    // our printer formats with options of its own.
    invocation->getDiagnosticOpts().ShowCarets = false;
    if (!FrontendActionFactory::runInvocation(std::move(invocation), files,
                                              std::move(pch), diags))
      ++failures;
    return true;
  }

  unsigned compiles = 0, failures = 0;

private:
  Analyzer &analyzer;
  std::vector<Report> &out;
  unsigned listed;
  Dependencies *deps;
};

// clang's diagnostics for one source, kept in a string so that parallel
// sources print theirs as whole blocks.
class BufferedDiagnostics {
public:
  BufferedDiagnostics() : stream(text) {
    bool colors = llvm::errs().has_colors();
    stream.enable_colors(colors);
    options->ShowColors = colors;
#if LLVM_VERSION_MAJOR >= 21
    printer = std::make_unique<TextDiagnosticPrinter>(stream, *options);
#else
    printer = std::make_unique<TextDiagnosticPrinter>(stream, &*options);
#endif
  }

  DiagnosticConsumer *consumer() { return printer.get(); }
  llvm::raw_string_ostream &os() { return stream; }
  std::string &str() { return stream.str(); }

private:
  std::string text;
  llvm::raw_string_ostream stream;
  OwnedDiagnosticOptions options = newDiagnosticOptions();
  std::unique_ptr<TextDiagnosticPrinter> printer;
};

struct JobResult {
  std::vector<Report> reports;
  bool failed = false;
  bool crashed = false;
  std::string diagnostics;
  Dependencies deps; // when caching
};

JobResult analyzeOne(const tooling::CompilationDatabase &db,
                     const SourceJob &job,
                     const tooling::ArgumentsAdjuster &adjust,
                     Analyzer &analyzer, BufferedDiagnostics &diagnostics,
                     unsigned listed, bool collectDeps) {
  JobResult result;
  {
    // One ClangTool per source, so failures are attributed to the file the
    // user named even when the database has several commands for it. Its
    // own file system, as the real one would move the process's working
    // directory to each command's under the other workers' feet.
    tooling::ClangTool tool(db, {job.path},
                            std::make_shared<PCHContainerOperations>(),
                            llvm::vfs::createPhysicalFileSystem());
    tool.appendArgumentsAdjuster(adjust);
    tool.setDiagnosticConsumer(diagnostics.consumer());
    FindingsActionFactory factory(analyzer, result.reports, listed,
                                  collectDeps ? &result.deps : nullptr);
    tool.run(&factory);
    result.failed = factory.compiles == 0 || factory.failures > 0;
  }
  if (result.failed)
    diagnostics.os() << "yieldcheck: error: " << job.path
                     << " did not compile; findings for it may be "
                        "incomplete\n";
  return result;
}

// Outside the crash boundary: the diagnostics printed before a crash are
// kept, the findings of the crashed source are not.
JobResult analyzeIsolated(const tooling::CompilationDatabase &db,
                          const SourceJob &job,
                          const tooling::ArgumentsAdjuster &adjust,
                          std::unique_ptr<Analyzer> &analyzer,
                          Progress &progress, unsigned listed,
                          bool collectDeps) {
  JobResult result;
  BufferedDiagnostics diagnostics;
  if (!runIsolated([&] {
        result = analyzeOne(db, job, adjust, *analyzer, diagnostics, listed,
                            collectDeps);
      })) {
    result = JobResult();
    result.crashed = true;
    // Its caches may be half-updated: leaked, not destroyed; a fresh copy
    // takes the next source.
    Analyzer *crashed = analyzer.release();
    analyzer = std::make_unique<Analyzer>(crashed->conventions(),
                                          crashed->options());
    diagnostics.os() << "yieldcheck: error: " << job.path
                     << ": the analysis crashed; findings for it are "
                        "missing\n";
  }
  result.diagnostics = diagnostics.str();
  progress.fileDone(result.diagnostics,
                    static_cast<unsigned>(result.reports.size()));
  return result;
}

// A hit stands for the whole job: its findings and its compiler output.
// Sources that did not compile or crashed are never stored: they are
// analysed (and their errors printed) again on every run.
JobResult analyzeCached(const tooling::CompilationDatabase &db,
                        const SourceJob &job,
                        const tooling::ArgumentsAdjuster &adjust,
                        std::unique_ptr<Analyzer> &analyzer,
                        Progress &progress, unsigned listed,
                        ResultCache *cache) {
  bool caching = cache && !job.cacheKey.empty();
  if (caching)
    if (std::optional<CachedResult> hit = cache->lookup(job.cacheKey)) {
      JobResult result;
      result.reports = std::move(hit->reports);
      progress.fileDone(hit->diagnostics,
                        static_cast<unsigned>(result.reports.size()));
      return result;
    }
  JobResult result =
      analyzeIsolated(db, job, adjust, analyzer, progress, listed, caching);
  if (caching && !result.failed && !result.crashed) {
    // In order, once (several commands read the same headers), so that one
    // content of the files is one candidate of the entry.
    std::sort(result.deps.begin(), result.deps.end());
    result.deps.erase(std::unique(result.deps.begin(), result.deps.end()),
                      result.deps.end());
    cache->store(job.cacheKey, result.deps,
                 {result.reports, result.diagnostics});
  }
  return result;
}

} // namespace

RunResult analyzeSources(const tooling::CompilationDatabase &db,
                         const std::vector<SourceJob> &jobs,
                         const tooling::ArgumentsAdjuster &adjust,
                         unsigned threads, Progress &progress,
                         unsigned listedYields, ResultCache *cache) {
  std::vector<JobResult> results(jobs.size());
  std::atomic<size_t> next{0};
  // An Analyzer keeps per-TU caches, so each worker has its own copy of
  // every configuration it meets.
  auto work = [&] {
    IsolatedThread isolation;
    std::map<const Analyzer *, std::unique_ptr<Analyzer>> analyzers;
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      auto &analyzer = analyzers[jobs[i].analyzer];
      if (!analyzer)
        analyzer = std::make_unique<Analyzer>(jobs[i].analyzer->conventions(),
                                              jobs[i].analyzer->options());
      results[i] = analyzeCached(db, jobs[i], adjust, analyzer, progress,
                                 listedYields, cache);
    }
  };
  threads = std::max(1u, std::min<unsigned>(
                             threads, static_cast<unsigned>(jobs.size())));
  std::vector<llvm::thread> workers;
  // The stack clang wants for deep ASTs, as clangd gives its workers.
#if LLVM_VERSION_MAJOR < 16
  llvm::Optional<unsigned> stack = static_cast<unsigned>(DesiredStackSize);
#else
  std::optional<unsigned> stack = static_cast<unsigned>(DesiredStackSize);
#endif
  // Every worker a thread of its own, the first too: each gets the same
  // stack, whatever the main thread's limit.
  enableCrashRecovery();
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back(stack, work);
  for (llvm::thread &w : workers)
    w.join();
  progress.finish();

  RunResult run;
  run.files = static_cast<unsigned>(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    for (Report &r : results[i].reports)
      run.reports.push_back(std::move(r));
    if (results[i].failed)
      run.failedFiles.push_back(jobs[i].absolutePath);
    if (results[i].crashed)
      run.crashedFiles.push_back(jobs[i].absolutePath);
  }
  sortAndUniqueReports(run.reports);
  return run;
}

} // namespace yieldcheck
