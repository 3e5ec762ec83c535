//===- OutputPaths.cpp - Paths and URIs in JSON and SARIF output ----------===//
#include "OutputPaths.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <string_view>

namespace yieldcheck {
namespace {

std::string withSlashes(const std::string &path) {
  return llvm::sys::path::convert_to_slash(path);
}

} // namespace

std::optional<std::string> relativeToRoot(const std::string &absFile,
                                          const std::string &root) {
  std::string file = withSlashes(absFile), base = withSlashes(root);
  if (!base.empty() && base.back() != '/')
    base += '/';
  if (file.size() <= base.size() || file.compare(0, base.size(), base) != 0)
    return std::nullopt;
  return file.substr(base.size());
}

std::string displayPath(const std::string &absFile, const std::string &root) {
  return relativeToRoot(absFile, root).value_or(withSlashes(absFile));
}

std::string uriEncodePath(const std::string &path) {
  std::string out;
  for (unsigned char c : withSlashes(path)) {
    if (llvm::isAlnum(c) || std::string_view("-._~/").find(c) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += llvm::hexdigit(c >> 4);
      out += llvm::hexdigit(c & 15);
    }
  }
  return out;
}

std::string fileUri(const std::string &absPath, bool directory) {
  std::string path = uriEncodePath(absPath);
  if (path.empty() || path.front() != '/')
    path.insert(path.begin(), '/'); // C:/x -> /C:/x
  if (directory && path.back() != '/')
    path += '/';
  return "file://" + path;
}

} // namespace yieldcheck
