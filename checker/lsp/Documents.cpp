//===- Documents.cpp - The editor's open files: text, version, positions --===//
#include "Documents.h"

#include <cctype>

namespace yieldcheck::lsp {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Bytes of the UTF-8 sequence that starts with `lead`, and how many UTF-16
// units it takes (a 4-byte sequence is a surrogate pair).
unsigned sequenceLength(unsigned char lead) {
  if (lead < 0x80)
    return 1;
  if ((lead >> 5) == 0x6)
    return 2;
  if ((lead >> 4) == 0xE)
    return 3;
  if ((lead >> 3) == 0x1E)
    return 4;
  return 1; // a stray continuation byte counts as one unit
}

size_t lineStart(const std::string &text, unsigned line) {
  size_t pos = 0;
  for (unsigned l = 0; l < line; ++l) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos)
      return text.size();
    pos = nl + 1;
  }
  return pos;
}

} // namespace

std::optional<std::string> uriToPath(const std::string &uri) {
  const std::string scheme = "file://";
  if (uri.compare(0, scheme.size(), scheme) != 0)
    return std::nullopt;
  std::string rest = uri.substr(scheme.size());
  // file://host/path: only the local host is meaningful here.
  size_t slash = rest.find('/');
  if (slash == std::string::npos)
    return std::nullopt;
  rest = rest.substr(slash);
  std::string path;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hexValue(rest[i + 1]) >= 0 &&
        hexValue(rest[i + 2]) >= 0) {
      path.push_back(
          static_cast<char>(hexValue(rest[i + 1]) * 16 + hexValue(rest[i + 2])));
      i += 2;
    } else {
      path.push_back(rest[i]);
    }
  }
  return path;
}

std::string pathToUri(const std::string &path) {
  static const char *hex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      uri.push_back(static_cast<char>(c));
    } else {
      uri.push_back('%');
      uri.push_back(hex[c >> 4]);
      uri.push_back(hex[c & 15]);
    }
  }
  return uri;
}

size_t byteOffset(const std::string &text, unsigned line,
                  unsigned utf16Column) {
  size_t pos = lineStart(text, line);
  unsigned units = 0;
  while (pos < text.size() && text[pos] != '\n' && units < utf16Column) {
    unsigned len = sequenceLength(static_cast<unsigned char>(text[pos]));
    units += len == 4 ? 2 : 1;
    pos += len;
  }
  return std::min(pos, text.size());
}

unsigned utf16Column(const std::string &lineText, unsigned byteColumn) {
  unsigned units = 0;
  for (size_t pos = 0; pos < lineText.size() && pos < byteColumn;) {
    unsigned len = sequenceLength(static_cast<unsigned char>(lineText[pos]));
    units += len == 4 ? 2 : 1;
    pos += len;
  }
  // Past the end of the line (a range ending at the newline): keep the rest.
  if (byteColumn > lineText.size())
    units += byteColumn - static_cast<unsigned>(lineText.size());
  return units;
}

bool applyChange(std::string &text, const nlohmann::json &change) {
  if (!change.is_object() || !change.contains("text") ||
      !change["text"].is_string())
    return false;
  const std::string &newText = change["text"].get_ref<const std::string &>();
  if (!change.contains("range")) {
    text = newText;
    return true;
  }
  try {
    const auto &range = change["range"];
    auto offset = [&](const nlohmann::json &pos) {
      return byteOffset(text, pos.at("line").get<unsigned>(),
                        pos.at("character").get<unsigned>());
    };
    size_t begin = offset(range.at("start")), end = offset(range.at("end"));
    if (end < begin)
      return false;
    text.replace(begin, end - begin, newText);
    return true;
  } catch (const nlohmann::json::exception &) {
    return false;
  }
}

std::string lineOf(const std::string &text, unsigned line) {
  size_t start = lineStart(text, line);
  size_t end = text.find('\n', start);
  std::string out =
      text.substr(start, end == std::string::npos ? std::string::npos
                                                  : end - start);
  if (!out.empty() && out.back() == '\r')
    out.pop_back();
  return out;
}

} // namespace yieldcheck::lsp
