//===- OutputPaths.h - Paths and URIs in JSON and SARIF output ------------===//
#ifndef YIELDCHECK_TOOL_OUTPUTPATHS_H
#define YIELDCHECK_TOOL_OUTPUTPATHS_H

#include <optional>
#include <string>

namespace yieldcheck {

/// `absFile` relative to `root` (both absolute, normalised) when it lies
/// under it; '/' separators.
std::optional<std::string> relativeToRoot(const std::string &absFile,
                                          const std::string &root);
/// Relative to `root` when under it, else absolute; '/' separators.
std::string displayPath(const std::string &absFile, const std::string &root);
/// A path percent-encoded for a URI (RFC 3986), '/' kept.
std::string uriEncodePath(const std::string &path);
/// file:///abs/path, with a trailing '/' for a directory.
std::string fileUri(const std::string &absPath, bool directory);

} // namespace yieldcheck

#endif
