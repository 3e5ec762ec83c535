//===- Transport.cpp - JSON-RPC 2.0 over stdio with Content-Length framing ===//
#include "Transport.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace yieldcheck::lsp {
namespace {

// One header line without its CRLF (a bare LF is accepted too); nullopt at
// the end of the input.
std::optional<std::string> readLine(std::FILE *in) {
  std::string line;
  int c;
  while ((c = std::fgetc(in)) != EOF) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      return line;
    }
    line.push_back(static_cast<char>(c));
  }
  if (line.empty())
    return std::nullopt;
  return line;
}

bool headerNameIs(const std::string &line, const char *name) {
  size_t n = std::strlen(name);
  if (line.size() <= n || line[n] != ':')
    return false;
  for (size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) !=
        std::tolower(static_cast<unsigned char>(name[i])))
      return false;
  return true;
}

} // namespace

std::optional<Incoming> Transport::read() {
  for (;;) {
    long length = -1;
    bool sawHeader = false;
    for (;;) {
      std::optional<std::string> line = readLine(in);
      if (!line)
        return std::nullopt;
      if (line->empty()) {
        if (sawHeader)
          break;
        continue; // stray blank lines between frames
      }
      sawHeader = true;
      if (headerNameIs(*line, "Content-Length")) {
        char *end = nullptr;
        const char *value = line->c_str() + std::strlen("Content-Length:");
        length = std::strtol(value, &end, 10);
        while (end && *end == ' ')
          ++end;
        if (!end || *end != '\0' || length < 0)
          length = -2;
      }
    }
    if (length < 0) {
      // Without a length the body cannot be found: the frame is lost, the
      // next header starts a new one.
      Incoming bad;
      bad.parseError = length == -1 ? "missing Content-Length header"
                                    : "invalid Content-Length header";
      return bad;
    }
    std::string body(static_cast<size_t>(length), '\0');
    if (length > 0 && std::fread(body.data(), 1, body.size(), in) != body.size())
      return std::nullopt;
    Incoming msg;
    try {
      msg.message = json::parse(body);
    } catch (const json::parse_error &e) {
      msg.parseError = e.what();
    }
    return msg;
  }
}

void Transport::send(const json &message) {
  // Invalid UTF-8 in a document must not make the server throw.
  std::string body =
      message.dump(-1, ' ', false, json::error_handler_t::replace);
  std::lock_guard<std::mutex> lock(writeLock);
  std::fprintf(out, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out);
  std::fflush(out);
}

void Transport::reply(const json &id, json result) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Transport::replyError(const json &id, int code,
                           const std::string &message) {
  send({{"jsonrpc", "2.0"},
        {"id", id},
        {"error", {{"code", code}, {"message", message}}}});
}

void Transport::notify(const std::string &method, json params) {
  send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void Transport::request(const json &id, const std::string &method,
                        json params) {
  send({{"jsonrpc", "2.0"},
        {"id", id},
        {"method", method},
        {"params", std::move(params)}});
}

} // namespace yieldcheck::lsp
