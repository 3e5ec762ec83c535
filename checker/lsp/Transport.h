//===- Transport.h - JSON-RPC 2.0 over stdio with Content-Length framing --===//
//
// The protocol layer of `yieldcheck lsp`: reads framed messages, parses them
// with nlohmann_json, writes replies. Knows nothing of documents or analyses.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LSP_TRANSPORT_H
#define YIELDCHECK_LSP_TRANSPORT_H

#include <nlohmann/json.hpp>

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace yieldcheck::lsp {

using json = nlohmann::json;

/// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
  ContentModified = -32801,
};

/// One incoming frame: its parsed JSON, or why it could not be parsed.
struct Incoming {
  std::optional<json> message;
  std::string parseError; // set when `message` is empty
};

class Transport {
public:
  Transport(std::FILE *in, std::FILE *out) : in(in), out(out) {}

  /// The next frame; nullopt at the end of the input. A frame with a bad
  /// header or body is returned with its parseError, so the caller can
  /// answer it and go on.
  std::optional<Incoming> read();

  /// Thread-safe: the worker publishes while the reader answers.
  void send(const json &message);
  void reply(const json &id, json result);
  void replyError(const json &id, int code, const std::string &message);
  void notify(const std::string &method, json params);
  void request(const json &id, const std::string &method, json params);

private:
  std::FILE *in, *out;
  std::mutex writeLock;
};

} // namespace yieldcheck::lsp

#endif
