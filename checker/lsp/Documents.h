//===- Documents.h - The editor's open files: text, version, positions ----===//
#ifndef YIELDCHECK_LSP_DOCUMENTS_H
#define YIELDCHECK_LSP_DOCUMENTS_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace yieldcheck::lsp {

/// A `file://` URI's absolute path (percent-decoded); nullopt for other
/// schemes.
std::optional<std::string> uriToPath(const std::string &uri);
std::string pathToUri(const std::string &path);

/// LSP positions count UTF-16 code units; clang's columns count bytes.
/// Both are 0-based here; out-of-range values are clamped.
size_t byteOffset(const std::string &text, unsigned line, unsigned utf16Column);
unsigned utf16Column(const std::string &lineText, unsigned byteColumn);

/// Applies one TextDocumentContentChangeEvent: with a `range` an
/// incremental edit, without one the whole new text. False if malformed.
bool applyChange(std::string &text, const nlohmann::json &change);

struct Document {
  std::string uri, path, text;
  int64_t version = 0;
};

/// The open documents by URI. Only the message thread writes; the worker
/// reads snapshots under the server's lock.
using DocumentStore = std::map<std::string, Document>;

/// The text of line `line` (0-based) without its newline.
std::string lineOf(const std::string &text, unsigned line);

} // namespace yieldcheck::lsp

#endif
