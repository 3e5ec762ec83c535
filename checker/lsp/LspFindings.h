//===- LspFindings.h - Reports as LSP diagnostics, hovers, code actions ---===//
#ifndef YIELDCHECK_LSP_LSPFINDINGS_H
#define YIELDCHECK_LSP_LSPFINDINGS_H

#include "FileAnalysis.h"

#include "yieldcheck/Report.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace yieldcheck::lsp {

using json = nlohmann::json;

/// What one analysis of a document left: its reports, and the diagnostics
/// the editor is shown (the findings plus the analysis' own warnings).
struct AnalysedDocument {
  int64_t version = 0;
  std::string text; // the text analysed: positions refer to it
  std::vector<Report> reports;
  json diagnostics = json::array();
};

/// A finding: at the mutation, `code` the rule id, the rule page as
/// codeDescription, relatedInformation at the yields and notes with the
/// CLI's note texts. `text` is the document's, for UTF-16 columns.
json findingDiagnostic(const Report &r, const std::string &text);

/// A diagnostic of the server itself (no compile database, a file that
/// does not compile, a bad config): `severity` is LSP's (1 error, 2 warning).
json serverDiagnostic(int severity, const std::string &message,
                      unsigned line = 0, unsigned utf16Column = 0);

/// The "findings may be incomplete" diagnostic for a file with errors.
json incompleteDiagnostic(const FirstError &first, const std::string &path,
                          const std::string &text);

/// Hover at an LSP position: the rule's docs page for a finding there, or
/// null.
json hoverAt(const AnalysedDocument &doc, unsigned line, unsigned character);

/// NOLINT and NOLINTNEXTLINE quick fixes for the findings on the lines of
/// `range` (an LSP Range).
json codeActionsFor(const AnalysedDocument &doc, const std::string &uri,
                    const json &range);

} // namespace yieldcheck::lsp

#endif
