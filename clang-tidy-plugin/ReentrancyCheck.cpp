//===- ReentrancyCheck.cpp - One clang-tidy check per catalogue rule ------===//
#include "ReentrancyCheck.h"

#include "SharedAnalyses.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace yieldcheck {
namespace tidy {
namespace {

// The CheckOptions are the settings of .yieldcheck.json, capitalised as
// clang-tidy options are (listSettings()); lists are separated by semicolons.
constexpr const char *kStatePattern = "StatePattern";
constexpr const char *kSummaryDepth = "SummaryDepth";
constexpr const char *kIOFunctionPattern = "IOFunctionPattern";
constexpr const char *kPreset = "Preset";

std::vector<std::string> splitList(llvm::StringRef value) {
  llvm::SmallVector<llvm::StringRef, 16> parts;
  value.split(parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> out;
  for (llvm::StringRef part : parts) {
    part = part.trim();
    if (!part.empty())
      out.push_back(part.str());
  }
  return out;
}

std::string joinList(const std::vector<std::string> &names) {
  std::string out;
  for (const std::string &n : names)
    out += (out.empty() ? "" : ";") + n;
  return out;
}

/// Identifies conventions, so checks configured alike share one analysis
/// (not the CLI's cache key, checker/tool/CacheKey.h, which hashes more).
std::string conventionsKey(const Conventions &conv) {
  std::string out;
  for (const ListSetting &o : listSettings())
    out += joinList(conv.*o.field) + '\x1f';
  out += conv.statePattern + '\x1f' + std::to_string(conv.summaryDepth);
  out += '\x1f' + conv.ioFunctionPattern + '\x1f' + conv.preset;
  for (const auto &entry : conv.ruleOverrides)
    out += '\x1f' + entry.first + '=' + (entry.second.enabled ? "on" : "off") +
           (entry.second.severity ? severityName(*entry.second.severity) : "");
  return out;
}

} // namespace

ReentrancyCheck::ReentrancyCheck(llvm::StringRef name,
                                 clang::tidy::ClangTidyContext *context,
                                 const Rule &rule)
    : ClangTidyCheck(name, context), rule(rule), context(context) {
  // 1. defaults (Conventions' initialisers); 2. the nearest .yieldcheck.json
  // above the main file; 3. CheckOptions (per check, else global).
  bool usable = true;
  std::string mainFile = context->getCurrentFile().str();
  if (!mainFile.empty()) {
    llvm::SmallString<256> path(mainFile);
    const std::string &buildDir = context->getCurrentBuildDirectory();
    if (!llvm::sys::path::is_absolute(path) && !buildDir.empty()) {
      path = buildDir;
      llvm::sys::path::append(path, mainFile);
    }
    std::string dir = llvm::sys::path::parent_path(path).str();
    if (std::optional<std::string> file = findConfigUpward(dir)) {
      if (std::optional<ConfigError> error = applyConfigFile(conv, *file)) {
        reportConfigProblem(error->message());
        usable = false;
      }
    }
  }
  if (!applyOptions())
    usable = false;
  if (!usable || !ruleEnabled(conv, rule))
    return;
  analyzer = SharedAnalyses::instance().analyzerFor(conventionsKey(conv), conv);
}

bool ReentrancyCheck::applyOptions() {
  bool ok = true;
  // The preset first: the other options refine it.
  if (std::optional<std::string> value = optionValue(Options, kPreset))
    if (!value->empty())
    if (std::optional<ConfigError> error = applyPreset(conv, *value, "CheckOptions")) {
      reportConfigProblem("invalid CheckOptions value for '" +
                          std::string(kPreset) + "': " + error->problem);
      ok = false;
    }
  for (const ListSetting &o : listSettings())
    if (std::optional<std::string> value = optionValue(Options, o.option))
      conv.*o.field = splitList(*value);
  if (std::optional<std::string> value = optionValue(Options, kStatePattern))
    conv.statePattern = *value;
  if (std::optional<std::string> value = optionValue(Options, kIOFunctionPattern))
    conv.ioFunctionPattern = *value;
  if (std::optional<std::string> value = optionValue(Options, kSummaryDepth)) {
    unsigned depth = 0;
    if (llvm::StringRef(*value).trim().getAsInteger(10, depth)) {
      reportConfigProblem(std::string("invalid CheckOptions value '") + *value +
                          "' for '" + kSummaryDepth +
                          "': expected a non-negative integer");
      ok = false;
    } else {
      conv.summaryDepth = depth;
    }
  }
  // .yieldcheck.json was validated when it was read: what fails now comes
  // from CheckOptions. Name the option the way .clang-tidy spells it.
  if (std::optional<ConfigError> error = validate(conv, "CheckOptions")) {
    ok = false;
    std::string option = error->key;
    for (const ListSetting &o : listSettings())
      if (error->key == o.key)
        option = o.option;
    if (error->key == "statePattern")
      option = kStatePattern;
    if (error->key == "ioFunctionPattern")
      option = kIOFunctionPattern;
    if (error->key == "summaryDepth")
      option = kSummaryDepth;
    reportConfigProblem("invalid CheckOptions value for '" + option +
                        "': " + error->problem);
  }
  return ok;
}

void ReentrancyCheck::reportConfigProblem(const std::string &message) {
  // All the checks of a TU read the same configuration: say it once.
  std::string key = context->getCurrentFile().str() + '\n' + message;
  if (!SharedAnalyses::instance().firstTime(key))
    return;
  configurationDiag("yieldcheck: %0; the checks configured so report nothing "
                    "for this file",
                    DiagnosticIDs::Error)
      << message;
}

bool ReentrancyCheck::isLanguageVersionSupported(
    const LangOptions &lang) const {
  return true; // C (status-code conventions) and C++
}

void ReentrancyCheck::registerMatchers(MatchFinder *finder) {
  if (!analyzer)
    return;
  // discarded-io reports in functions of any type; the other rules only in
  // IO functions (whose analysis the checks share).
  if (rule.id == ruleFor(MutationKind::DiscardedIO).id)
    finder->addMatcher(analyzer->functionMatcher(), this);
  else
    finder->addMatcher(analyzer->ioFunctionMatcher(), this);
}

void ReentrancyCheck::onStartOfTranslationUnit() {
  SharedAnalyses::instance().startTranslationUnit();
}

void ReentrancyCheck::onEndOfTranslationUnit() {
  SharedAnalyses::instance().endTranslationUnit();
}

void ReentrancyCheck::check(const MatchFinder::MatchResult &result) {
  const auto *fd = result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!fd || !analyzer)
    return;
  const SourceManager &sm = *result.SourceManager;
  // clang-tidy drops diagnostics in system headers unless --system-headers;
  // don't spend the analysis on them either way.
  if (sm.isInSystemHeader(sm.getExpansionLoc(fd->getLocation())))
    return;
  const std::vector<Finding> &findings =
      SharedAnalyses::instance().findings(*analyzer, *fd, *result.Context);
  for (const Finding &f : findings) {
    if (ruleFor(f.kind).id != rule.id)
      continue;
    SourceLocation at = f.loc.isValid() ? f.loc : f.range.getBegin();
    {
      // The message is data, not a format string ('%' in it stays literal).
      DiagnosticBuilder warning = diag(at, "%0");
      warning << f.message.plainText();
      if (f.range.isValid())
        warning << CharSourceRange::getTokenRange(f.range);
    } // emitted here; the notes below attach to it (and NOLINT drops them
      // with it)
    std::string yieldNote = f.yieldNote.plainText();
    for (size_t i = 0; i < f.yields.size() && i < kListedYields; ++i)
      diag(f.yields[i], "%0", DiagnosticIDs::Note) << yieldNote;
    for (const FindingNote &n : f.notes)
      diag(n.loc, "%0", DiagnosticIDs::Note) << n.text.plainText();
  }
}

void ReentrancyCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &options) {
  for (const ListSetting &o : listSettings())
    Options.store(options, o.option, joinList(conv.*o.field));
  Options.store(options, kStatePattern, conv.statePattern);
  Options.store(options, kIOFunctionPattern, conv.ioFunctionPattern);
  Options.store(options, kPreset, conv.preset);
  Options.store(options, kSummaryDepth, std::to_string(conv.summaryDepth));
}

} // namespace tidy
} // namespace yieldcheck
