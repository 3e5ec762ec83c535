//===- ReentrancyModule.cpp - The "reentrancy" clang-tidy module ----------===//
//
// Registers one check per rule of the catalogue (rules/rules.json, embedded
// in the checker library), named by the rule's id. A new rule needs no change
// here.
//
//===----------------------------------------------------------------------===//
#include "ReentrancyCheck.h"
#include "TidyCompat.h"

#include "yieldcheck/RuleCatalog.h"

#include <memory>

namespace yieldcheck {
namespace tidy {
namespace {

class ReentrancyModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(
      clang::tidy::ClangTidyCheckFactories &factories) override {
    for (const Rule &rule : rules()) {
      const Rule *r = &rule; // the catalogue lives as long as the process
      factories.registerCheckFactory(
          rule.id, [r](llvm::StringRef name,
                       clang::tidy::ClangTidyContext *context)
                       -> std::unique_ptr<clang::tidy::ClangTidyCheck> {
            return std::make_unique<ReentrancyCheck>(name, context, *r);
          });
    }
  }
};

} // namespace
} // namespace tidy
} // namespace yieldcheck

// Runs when clang-tidy loads the plugin (after the version guard, which has
// a higher-priority constructor in VersionGuard.cpp).
static clang::tidy::ClangTidyModuleRegistry::Add<
    yieldcheck::tidy::ReentrancyModule>
    registration("reentrancy-module",
                 "yieldcheck: re-entrancy checks for cooperative-yield code");
