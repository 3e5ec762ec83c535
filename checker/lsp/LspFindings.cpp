//===- LspFindings.cpp - Reports as LSP diagnostics, hovers, code actions -===//
#include "LspFindings.h"

#include "Documents.h"
#include "RuleLinks.h"

namespace yieldcheck::lsp {
namespace {

json position(unsigned line, unsigned character) {
  return {{"line", line}, {"character", character}};
}

// Report columns are 1-based bytes; LSP's 0-based UTF-16 units. In the
// document the line comes from its text; elsewhere from the location's own
// copy of its first line.
json rangeOf(const Location &at, const std::string *docText) {
  unsigned line = at.line ? at.line - 1 : 0;
  unsigned endLine = at.endLine ? at.endLine - 1 : line;
  std::string first = docText ? lineOf(*docText, line) : at.lineText;
  std::string last = docText ? lineOf(*docText, endLine)
                             : (endLine == line ? at.lineText : "");
  unsigned column = at.column ? at.column - 1 : 0;
  unsigned endColumn = at.endColumn ? at.endColumn - 1 : column;
  if (endLine == line && endColumn < column)
    endColumn = column;
  return {{"start", position(line, utf16Column(first, column))},
          {"end", position(endLine, utf16Column(last, endColumn))}};
}

int lspSeverity(Severity s) {
  switch (s) {
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
    return 3;
  }
  return 2;
}

bool sameFile(const Location &a, const Location &b) {
  return a.absoluteFile == b.absoluteFile;
}

json related(const Location &at, const Report &r, const std::string &text,
             const std::string &message) {
  const std::string *docText = sameFile(at, r.mutation) ? &text : nullptr;
  return {{"location",
           {{"uri", pathToUri(at.absoluteFile)}, {"range", rangeOf(at, docText)}}},
          {"message", message}};
}

// Positions are compared as (line, character) pairs.
bool covers(const json &range, unsigned line, unsigned character) {
  auto key = [](const json &p) {
    return std::make_pair(p["line"].get<unsigned>(),
                          p["character"].get<unsigned>());
  };
  auto at = std::make_pair(line, character);
  return key(range["start"]) <= at && at <= key(range["end"]);
}

std::string indentation(const std::string &line) {
  return line.substr(0, line.find_first_not_of(" \t") == std::string::npos
                            ? line.size()
                            : line.find_first_not_of(" \t"));
}

json quickFix(const std::string &title, const std::string &uri,
              const json &diagnostic, const json &edit) {
  return {{"title", title},
          {"kind", "quickfix"},
          {"diagnostics", json::array({diagnostic})},
          {"edit", {{"changes", {{uri, json::array({edit})}}}}}};
}

} // namespace

json findingDiagnostic(const Report &r, const std::string &text) {
  json d = {{"range", rangeOf(r.mutation, &text)},
            {"severity", lspSeverity(r.severity)},
            {"source", "yieldcheck"},
            {"message", r.message.plainText()}};
  if (r.rule) {
    d["code"] = r.rule->id;
    if (!r.rule->docsPath.empty())
      d["codeDescription"] = {{"href", ruleDocsUri(*r.rule)}};
  }
  json info = json::array();
  std::string yieldNote = r.yieldNote.plainText();
  for (const Location &y : r.yields)
    info.push_back(related(y, r, text, yieldNote));
  for (const ReportNote &n : r.notes)
    info.push_back(related(n.at, r, text, n.text.plainText()));
  if (!info.empty())
    d["relatedInformation"] = std::move(info);
  return d;
}

json serverDiagnostic(int severity, const std::string &message, unsigned line,
                      unsigned utf16Column) {
  json at = position(line, utf16Column);
  return {{"range", {{"start", at}, {"end", at}}},
          {"severity", severity},
          {"source", "yieldcheck"},
          {"message", message}};
}

json incompleteDiagnostic(const FirstError &first, const std::string &path,
                          const std::string &text) {
  std::string message = "this file does not compile";
  if (!first.message.empty()) {
    message += " (";
    if (!first.file.empty() && first.file != path)
      message += first.file + ":" + std::to_string(first.line) + ": ";
    message += first.message + ")";
  }
  message += "; yieldcheck's findings for it may be incomplete";
  if (first.file == path && first.line > 0) {
    unsigned line = first.line - 1;
    return serverDiagnostic(
        2, message, line,
        utf16Column(lineOf(text, line), first.column ? first.column - 1 : 0));
  }
  return serverDiagnostic(2, message);
}

json hoverAt(const AnalysedDocument &doc, unsigned line, unsigned character) {
  for (const Report &r : doc.reports) {
    if (!r.rule)
      continue;
    json range = rangeOf(r.mutation, &doc.text);
    if (!covers(range, line, character))
      continue;
    std::string page = r.rule->docsText();
    if (page.empty())
      page = "**" + r.rule->id + "**: " + r.rule->summary + "\n";
    return {{"contents", {{"kind", "markdown"}, {"value", page}}},
            {"range", range}};
  }
  return nullptr;
}

json codeActionsFor(const AnalysedDocument &doc, const std::string &uri,
                    const json &range) {
  json actions = json::array();
  unsigned first = range["start"]["line"].get<unsigned>();
  unsigned last = range["end"]["line"].get<unsigned>();
  for (const Report &r : doc.reports) {
    if (!r.rule || r.mutation.line == 0)
      continue;
    unsigned line = r.mutation.line - 1;
    if (line < first || line > last)
      continue;
    json diagnostic = findingDiagnostic(r, doc.text);
    std::string lineText = lineOf(doc.text, line);
    const std::string &id = r.rule->id;
    unsigned end = utf16Column(lineText, static_cast<unsigned>(lineText.size()));
    json atEnd = position(line, end);
    actions.push_back(quickFix(
        "Suppress with // NOLINT(" + id + "): <reason>", uri, diagnostic,
        {{"range", {{"start", atEnd}, {"end", atEnd}}},
         {"newText", " // NOLINT(" + id + "): <reason>"}}));
    json atStart = position(line, 0);
    actions.push_back(quickFix(
        "Suppress with // NOLINTNEXTLINE(" + id + "): <reason>", uri,
        diagnostic,
        {{"range", {{"start", atStart}, {"end", atStart}}},
         {"newText", indentation(lineText) + "// NOLINTNEXTLINE(" + id +
                         "): <reason>\n"}}));
  }
  return actions;
}

} // namespace yieldcheck::lsp
