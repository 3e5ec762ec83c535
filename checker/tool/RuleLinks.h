//===- RuleLinks.h - Where a rule's documentation page is published -------===//
#ifndef YIELDCHECK_TOOL_RULELINKS_H
#define YIELDCHECK_TOOL_RULELINKS_H

#include "yieldcheck/RuleCatalog.h"

#include <string>

namespace yieldcheck {

// The rules' docs pages (Rule::docsPath) are relative to this.
constexpr const char *kRepositoryUri =
    "https://github.com/yieldcheck/yieldcheck/blob/main/";

/// The rule's page: SARIF's helpUri, LSP's codeDescription.href.
inline std::string ruleDocsUri(const Rule &rule) {
  return kRepositoryUri + rule.docsPath;
}

} // namespace yieldcheck

#endif
