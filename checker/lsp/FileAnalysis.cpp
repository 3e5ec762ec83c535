//===- FileAnalysis.cpp - Analyses an open file's unsaved text ------------===//
#include "FileAnalysis.h"

#include "CrashIsolation.h"
#include "DiagnosticOptionsCompat.h"
#include "TranslationUnitReports.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Frontend/Utils.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#if LLVM_VERSION_MAJOR >= 22
#include "clang/Driver/CreateInvocationFromArgs.h"
#endif

#include <chrono>
#include <functional>

using namespace clang;

namespace yieldcheck::lsp {

struct PreambleSlot::State {
  std::vector<std::string> args; // the command the preamble was built for
  std::shared_ptr<PrecompiledPreamble> preamble;
};

PreambleSlot::PreambleSlot() : state(std::make_unique<State>()) {}
PreambleSlot::~PreambleSlot() = default;
void PreambleSlot::clear() { state = std::make_unique<State>(); }

namespace {

// Counts errors (the base class does) and keeps the first one's text and
// place, for the "findings may be incomplete" diagnostic.
class ErrorCollector : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level level,
                        const Diagnostic &info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error || haveFirst)
      return;
    haveFirst = true;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    first.message = std::string(text);
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const SourceManager &sm = info.getSourceManager();
      PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(info.getLocation()));
      if (p.isValid()) {
        first.file = p.getFilename();
        first.line = p.getLine();
        first.column = p.getColumn();
      }
    }
  }

  bool haveFirst = false;
  FirstError first;
};

class ReportsConsumer : public ASTConsumer {
public:
  ReportsConsumer(Analyzer &analyzer, ParseOutcome &out)
      : analyzer(analyzer), out(out) {}
  void HandleTranslationUnit(ASTContext &ctx) override {
    auto start = std::chrono::steady_clock::now();
    out.reports = reportsForTranslationUnit(analyzer, ctx, kListedYields);
    out.analysisMs = std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - start)
                         .count();
  }

private:
  Analyzer &analyzer;
  ParseOutcome &out;
};

class ReportsAction : public ASTFrontendAction {
public:
  ReportsAction(Analyzer &analyzer, ParseOutcome &out)
      : analyzer(analyzer), out(out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<ReportsConsumer>(analyzer, out);
  }

private:
  Analyzer &analyzer;
  ParseOutcome &out;
};

struct DiagnosticSetup {
  OwnedDiagnosticOptions options = newDiagnosticOptions();
  llvm::IntrusiveRefCntPtr<DiagnosticsEngine>
  engine(llvm::vfs::FileSystem &fs, DiagnosticConsumer *client) {
#if LLVM_VERSION_MAJOR >= 21
    return CompilerInstance::createDiagnostics(fs, *options, client, false);
#elif LLVM_VERSION_MAJOR >= 20
    return CompilerInstance::createDiagnostics(fs, options.get(), client,
                                               false);
#else
    (void)fs;
    return CompilerInstance::createDiagnostics(options.get(), client, false);
#endif
  }
};

std::unique_ptr<CompilerInvocation>
makeInvocation(const std::vector<std::string> &args,
               llvm::IntrusiveRefCntPtr<DiagnosticsEngine> diags,
               llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs) {
  std::vector<const char *> argv;
  for (const std::string &a : args)
    argv.push_back(a.c_str());
#if LLVM_VERSION_MAJOR >= 15
  CreateInvocationOptions opts;
  opts.Diags = std::move(diags);
  opts.VFS = std::move(fs);
  opts.RecoverOnError = true;
  return createInvocation(argv, std::move(opts));
#else
  return createInvocationFromCommandLine(argv, std::move(diags), std::move(fs),
                                         /*ShouldRecoverOnErrors=*/true);
#endif
}

// CompilerInvocation::getLangOpts returns a pointer before LLVM 17, a
// reference after.
[[maybe_unused]] const LangOptions &deref(const LangOptions *lo) { return *lo; }
[[maybe_unused]] const LangOptions &deref(const LangOptions &lo) { return lo; }

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
overlayFileSystem(const ParseInput &input) {
  // A physical file system of its own: the real one's working directory is
  // the process's.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> overlay =
      new llvm::vfs::OverlayFileSystem(llvm::vfs::createPhysicalFileSystem());
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> memory =
      new llvm::vfs::InMemoryFileSystem();
  for (const auto &[path, text] : input.overlay) {
    // The preamble notices a changed header by size and time: a hash of the
    // text stands in for the time, so an edit of the same size counts too.
    time_t stamp = static_cast<time_t>(std::hash<std::string>()(text) >> 2);
    memory->addFile(path, stamp,
                    llvm::MemoryBuffer::getMemBufferCopy(text, path));
  }
  overlay->pushOverlay(memory);
  overlay->setCurrentWorkingDirectory(input.directory);
  return overlay;
}

ParseOutcome parse(const ParseInput &input, Analyzer &analyzer,
                   PreambleSlot &slot) {
  ParseOutcome outcome;
  auto fs = overlayFileSystem(input);
  ErrorCollector errors;
  DiagnosticSetup diagnostics;
  auto diags = diagnostics.engine(*fs, &errors);
  std::shared_ptr<CompilerInvocation> invocation =
      makeInvocation(input.args, diags, fs);
  if (!invocation || invocation->getFrontendOpts().Inputs.empty()) {
    outcome.compileErrors = true;
    if (!errors.haveFirst)
      errors.first.message = "the compile command could not be understood";
    outcome.firstError = errors.first;
    return outcome;
  }
  invocation->getFrontendOpts().DisableFree = false;
  auto pch = std::make_shared<PCHContainerOperations>();
  auto found = input.overlay.find(input.path);
  std::string text = found == input.overlay.end() ? "" : found->second;
  std::unique_ptr<llvm::MemoryBuffer> buffer =
      llvm::MemoryBuffer::getMemBufferCopy(text, input.path);

  PreambleBounds bounds = ComputePreambleBounds(
      deref(invocation->getLangOpts()), buffer->getMemBufferRef(), 0);
  PreambleSlot::State &kept = *slot.state;
  if (kept.preamble && kept.args == input.args &&
      kept.preamble->CanReuse(*invocation, buffer->getMemBufferRef(), bounds,
                              *fs)) {
    outcome.preambleReused = true;
  } else {
    kept.preamble.reset();
    kept.args = input.args;
    if (bounds.Size > 0) {
      // Errors in the preamble make Build fail; the full parse below then
      // reports them.
      ErrorCollector preambleErrors;
      DiagnosticSetup preambleDiagnostics;
      auto preambleDiags = preambleDiagnostics.engine(*fs, &preambleErrors);
      PreambleCallbacks callbacks;
      auto built = PrecompiledPreamble::Build(
          *invocation, buffer.get(), bounds,
#if LLVM_VERSION_MAJOR >= 21
          preambleDiags,
#else
          *preambleDiags,
#endif
          fs, pch, /*StoreInMemory=*/true,
#if LLVM_VERSION_MAJOR >= 17
          /*StoragePath=*/"",
#endif
          callbacks);
      if (built)
        kept.preamble = std::make_shared<PrecompiledPreamble>(std::move(*built));
    }
  }
  if (kept.preamble)
    kept.preamble->AddImplicitPreamble(*invocation, fs, buffer.get());
  else
    invocation->getPreprocessorOpts().addRemappedFile(input.path,
                                                      buffer.get());

#if LLVM_VERSION_MAJOR >= 22
  CompilerInstance clang(invocation, pch);
  clang.setVirtualFileSystem(fs);
  clang.createDiagnostics(&errors, false);
  clang.createFileManager();
#else
  CompilerInstance clang(pch);
  clang.setInvocation(invocation);
  clang.createDiagnostics(&errors, false);
  clang.createFileManager(fs);
#endif
  // The source manager frees remapped buffers (RetainRemappedFileBuffers
  // is off), as clangd relies on.
  buffer.release();
  if (!clang.createTarget()) {
    outcome.compileErrors = true;
    outcome.firstError = errors.first;
    return outcome;
  }
  ReportsAction action(analyzer, outcome);
  if (action.BeginSourceFile(clang, clang.getFrontendOpts().Inputs[0])) {
    if (llvm::Error e = action.Execute())
      llvm::consumeError(std::move(e));
    action.EndSourceFile();
  }
  outcome.compileErrors = errors.getNumErrors() > 0;
  outcome.firstError = errors.first;
  sortReports(outcome.reports);
  return outcome;
}

} // namespace

ParseOutcome analyzeUnsaved(const ParseInput &input, Analyzer &analyzer,
                            PreambleSlot &slot) {
  ParseOutcome outcome;
  if (!runIsolated([&] { outcome = parse(input, analyzer, slot); })) {
    // What the crashed parse held is leaked; its preamble and the
    // analyzer's caches may be half-built.
    (void)slot.state.release();
    slot.state = std::make_unique<PreambleSlot::State>();
    outcome = ParseOutcome();
    outcome.crashed = true;
  }
  return outcome;
}

} // namespace yieldcheck::lsp
