//===- JsonDocument.h - How the writers and merge print JSON -------------===//
#ifndef YIELDCHECK_TOOL_JSONDOCUMENT_H
#define YIELDCHECK_TOOL_JSONDOCUMENT_H

#include <nlohmann/json.hpp>

#include <string>

namespace yieldcheck {

using ordered_json = nlohmann::ordered_json;

/// How the writers print a document: two-space indents, invalid UTF-8 in
/// source text replaced rather than thrown on, a final newline.
inline std::string dumpDocument(const ordered_json &doc) {
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

} // namespace yieldcheck

#endif
