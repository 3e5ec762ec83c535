//===- Server.cpp - The language server: documents, scheduling, requests --===//
#include "Server.h"

#include "CrashIsolation.h"

#include "clang/Basic/Stack.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <optional>

namespace yieldcheck::lsp {
namespace {

// Thrown by handlers for a request whose params lack what it needs.
struct BadParams {
  std::string message;
};

const json &field(const json &object, const char *name) {
  if (!object.is_object() || !object.contains(name))
    throw BadParams{std::string("missing '") + name + "'"};
  return object[name];
}

std::string stringField(const json &object, const char *name) {
  const json &value = field(object, name);
  if (!value.is_string())
    throw BadParams{std::string("'") + name + "' must be a string"};
  return value.get<std::string>();
}

std::string documentUri(const json &params) {
  return stringField(field(params, "textDocument"), "uri");
}

bool flag(const json &object, std::initializer_list<const char *> path) {
  const json *at = &object;
  for (const char *name : path) {
    if (!at->is_object() || !at->contains(name))
      return false;
    at = &(*at)[name];
  }
  return at->is_boolean() && at->get<bool>();
}

bool isProjectFile(const std::string &uri) {
  llvm::StringRef name = llvm::sys::path::filename(uri);
  return name == ".yieldcheck.json" || name == "compile_commands.json" ||
         name == "compile_flags.txt";
}

} // namespace

Server::Server(Transport &transport) : transport(transport) {}

Server::~Server() {
  {
    std::lock_guard<std::mutex> guard(lock);
    stopping = true;
  }
  wake.notify_all();
  if (worker)
    worker->join();
}

int Server::run() {
  while (std::optional<Incoming> incoming = transport.read()) {
    handle(*incoming);
    const std::optional<json> &msg = incoming->message;
    if (msg && msg->is_object() && msg->contains("method") &&
        (*msg)["method"] == "exit")
      break;
  }
  // A worker in the middle of a parse is not waited for.
  std::fflush(stdout);
  std::_Exit(shuttingDown ? 0 : 1);
}

void Server::handle(const Incoming &incoming) {
  if (!incoming.message) {
    transport.replyError(nullptr, ParseError,
                         "invalid JSON-RPC message: " + incoming.parseError);
    return;
  }
  const json &msg = *incoming.message;
  json id = msg.is_object() && msg.contains("id") ? msg["id"] : json();
  if (!msg.is_object() || msg.value("jsonrpc", json()) != "2.0" ||
      (msg.contains("id") && !id.is_string() && !id.is_number_integer())) {
    transport.replyError(id.is_string() || id.is_number_integer() ? id : json(),
                         InvalidRequest,
                         "not a JSON-RPC 2.0 request or notification");
    return;
  }
  if (!msg.contains("method")) {
    // A response to one of our requests: a progress token may be used once
    // the client has accepted it.
    if (msg.contains("result") || msg.contains("error")) {
      if (id.is_string() &&
          id.get<std::string>().rfind("yieldcheck/analysis/", 0) == 0) {
        std::lock_guard<std::mutex> guard(lock);
        answeredTokens[id.get<std::string>()] = msg.contains("result");
      }
      tokenAnswered.notify_all();
      return;
    }
    transport.replyError(id, InvalidRequest, "a request needs a 'method'");
    return;
  }
  if (!msg["method"].is_string()) {
    transport.replyError(id, InvalidRequest, "'method' must be a string");
    return;
  }
  std::string method = msg["method"].get<std::string>();
  json params = msg.value("params", json::object());
  try {
    if (msg.contains("id"))
      request(id, method, params);
    else
      notification(method, params);
  } catch (const BadParams &e) {
    if (msg.contains("id"))
      transport.replyError(id, InvalidParams, method + ": " + e.message);
    else
      llvm::errs() << "yieldcheck lsp: ignoring " << method << ": "
                   << e.message << "\n";
  } catch (const json::exception &e) {
    if (msg.contains("id"))
      transport.replyError(id, InvalidParams, method + ": " + e.what());
    else
      llvm::errs() << "yieldcheck lsp: ignoring " << method << ": "
                   << e.what() << "\n";
  } catch (const std::exception &e) {
    // The server goes on whatever one message did.
    if (msg.contains("id"))
      transport.replyError(id, InternalError, method + ": " + e.what());
    else
      llvm::errs() << "yieldcheck lsp: " << method << ": " << e.what() << "\n";
  }
}

void Server::request(const json &id, const std::string &method,
                     const json &params) {
  if (method == "initialize") {
    if (initialized)
      return transport.replyError(id, InvalidRequest,
                                  "initialize was already received");
    return transport.reply(id, initialize(params));
  }
  if (!initialized)
    return transport.replyError(id, ServerNotInitialized,
                                "the server is not initialized yet");
  if (shuttingDown)
    return transport.replyError(id, InvalidRequest,
                                "the server is shutting down");
  if (method == "shutdown") {
    shuttingDown = true;
    return transport.reply(id, nullptr);
  }
  if (method == "textDocument/diagnostic")
    return pullDiagnostics(id, params);
  if (method == "textDocument/hover" || method == "textDocument/codeAction") {
    std::string uri = documentUri(params);
    std::shared_ptr<AnalysedDocument> result;
    {
      std::lock_guard<std::mutex> guard(lock);
      auto it = files.find(uri);
      if (it != files.end())
        result = it->second.result;
    }
    if (method == "textDocument/hover") {
      const json &at = field(params, "position");
      unsigned line = field(at, "line").get<unsigned>();
      unsigned character = field(at, "character").get<unsigned>();
      return transport.reply(id, result ? hoverAt(*result, line, character)
                                        : json());
    }
    const json &range = field(params, "range");
    return transport.reply(id, result ? codeActionsFor(*result, uri, range)
                                      : json::array());
  }
  transport.replyError(id, MethodNotFound, "unknown method '" + method + "'");
}

void Server::notification(const std::string &method, const json &params) {
  if (method == "exit")
    return;
  if (!initialized)
    return; // the protocol drops notifications before initialize
  if (method == "textDocument/didOpen")
    didOpen(params);
  else if (method == "textDocument/didChange")
    didChange(params);
  else if (method == "textDocument/didSave")
    didSave(params);
  else if (method == "textDocument/didClose")
    didClose(params);
  else if (method == "workspace/didChangeWatchedFiles")
    didChangeWatchedFiles(params);
  else if (method == "$/cancelRequest")
    cancel(field(params, "id"));
  // initialized, $/setTrace, didChangeConfiguration...: nothing to do.
}

json Server::initialize(const json &params) {
  initialized = true;
  const json &caps = params.value("capabilities", json::object());
  clientProgress = flag(caps, {"window", "workDoneProgress"});
  // A client that pulls gets no pushes as well: it would show both.
  bool pull = caps.is_object() && caps.contains("textDocument") &&
              caps["textDocument"].is_object() &&
              caps["textDocument"].contains("diagnostic");
  pushDiagnostics = !pull;
  const json &init = params.value("initializationOptions", json::object());
  if (init.is_object()) {
    if (init.contains("fallbackFlags") && init["fallbackFlags"].is_array()) {
      setupOptions.fallbackFlags.clear();
      for (const json &f : init["fallbackFlags"])
        if (f.is_string())
          setupOptions.fallbackFlags.push_back(f.get<std::string>());
    }
    if (init.contains("compilationDatabasePath") &&
        init["compilationDatabasePath"].is_string())
      setupOptions.compilationDatabasePath =
          init["compilationDatabasePath"].get<std::string>();
    if (init.contains("config") && init["config"].is_string())
      setupOptions.configPath = init["config"].get<std::string>();
    if (init.contains("debounceMs") && init["debounceMs"].is_number_unsigned())
      debounce = std::chrono::milliseconds(init["debounceMs"].get<unsigned>());
  }
  setup = std::make_unique<ProjectSetup>(setupOptions);
  // The stack clang wants for deep ASTs, as the CLI's workers get it.
#if LLVM_VERSION_MAJOR < 16
  llvm::Optional<unsigned> stack = static_cast<unsigned>(clang::DesiredStackSize);
#else
  std::optional<unsigned> stack = static_cast<unsigned>(clang::DesiredStackSize);
#endif
  enableCrashRecovery();
  worker = std::make_unique<llvm::thread>(stack, [this] { work(); });

  if (flag(caps, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"})) {
    json watchers = json::array();
    for (const char *glob :
         {"**/.yieldcheck.json", "**/compile_commands.json", "**/compile_flags.txt"})
      watchers.push_back({{"globPattern", glob}});
    transport.request(
        "yieldcheck/watch", "client/registerCapability",
        {{"registrations",
          json::array({{{"id", "yieldcheck/watch"},
                        {"method", "workspace/didChangeWatchedFiles"},
                        {"registerOptions", {{"watchers", watchers}}}}})}});
  }

  json capabilities = {
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}}};
  if (pull)
    capabilities["diagnosticProvider"] = {{"identifier", "yieldcheck"},
                                          {"interFileDependencies", false},
                                          {"workspaceDiagnostics", false}};
  return {{"capabilities", capabilities},
          {"serverInfo",
           {{"name", "yieldcheck"}, {"version", YIELDCHECK_VERSION}}}};
}

void Server::didOpen(const json &params) {
  const json &item = field(params, "textDocument");
  Document doc;
  doc.uri = stringField(item, "uri");
  auto path = uriToPath(doc.uri);
  if (!path)
    throw BadParams{"only file:// documents can be analysed"};
  doc.path = *path;
  doc.text = stringField(item, "text");
  doc.version = item.value("version", 0);
  std::lock_guard<std::mutex> guard(lock);
  std::string uri = doc.uri;
  documents[uri] = std::move(doc);
  files[uri]; // fresh state, unless it was open already
  schedule(uri, Clock::duration::zero());
}

void Server::didChange(const json &params) {
  std::string uri = documentUri(params);
  const json &changes = field(params, "contentChanges");
  std::lock_guard<std::mutex> guard(lock);
  auto it = documents.find(uri);
  if (it == documents.end())
    throw BadParams{"didChange for a document that is not open: " + uri};
  std::string text = it->second.text;
  for (const json &change : changes)
    if (!applyChange(text, change))
      throw BadParams{"malformed content change"};
  it->second.text = std::move(text);
  it->second.version = field(params, "textDocument").value(
      "version", it->second.version + 1);
  schedule(uri, debounce);
}

void Server::didSave(const json &params) {
  std::string uri = documentUri(params);
  std::lock_guard<std::mutex> guard(lock);
  // A saved file may be a header of other open files, or the user may have
  // changed the config beside it: look everything up again.
  setupStale = true;
  if (isProjectFile(uri))
    rescheduleAll();
  else if (documents.count(uri))
    schedule(uri, Clock::duration::zero());
}

void Server::didClose(const json &params) {
  std::string uri = documentUri(params);
  {
    std::lock_guard<std::mutex> guard(lock);
    documents.erase(uri);
    auto it = files.find(uri);
    if (it != files.end()) {
      for (const json &id : it->second.pulls)
        transport.reply(id, {{"kind", "full"}, {"items", json::array()}});
      files.erase(it);
    }
  }
  if (pushDiagnostics)
    transport.notify("textDocument/publishDiagnostics",
                     {{"uri", uri}, {"diagnostics", json::array()}});
}

void Server::didChangeWatchedFiles(const json &params) {
  bool relevant = false;
  for (const json &change : field(params, "changes"))
    relevant |= isProjectFile(stringField(change, "uri"));
  if (!relevant)
    return;
  std::lock_guard<std::mutex> guard(lock);
  setupStale = true;
  rescheduleAll();
}

void Server::pullDiagnostics(const json &id, const json &params) {
  std::string uri = documentUri(params);
  std::lock_guard<std::mutex> guard(lock);
  auto doc = documents.find(uri);
  auto file = files.find(uri);
  if (doc == documents.end() || file == files.end())
    return transport.reply(id, {{"kind", "full"}, {"items", json::array()}});
  FileState &state = file->second;
  if (state.pending || !state.result ||
      state.result->version != doc->second.version) {
    state.pulls.push_back(id); // answered when the analysis is done
    return;
  }
  std::string resultId = std::to_string(state.result->version);
  if (params.value("previousResultId", json()) == resultId)
    return transport.reply(id, {{"kind", "unchanged"}, {"resultId", resultId}});
  transport.reply(id, {{"kind", "full"},
                       {"resultId", resultId},
                       {"items", state.result->diagnostics}});
}

void Server::cancel(const json &id) {
  std::lock_guard<std::mutex> guard(lock);
  // Only pulls wait; every other request was answered when it came.
  for (auto &[uri, state] : files)
    for (auto it = state.pulls.begin(); it != state.pulls.end(); ++it)
      if (*it == id) {
        state.pulls.erase(it);
        transport.replyError(id, RequestCancelled, "cancelled");
        return;
      }
}

void Server::schedule(const std::string &uri, Clock::duration delay) {
  FileState &state = files[uri];
  state.pending = true;
  state.due = Clock::now() + delay;
  wake.notify_all();
}

void Server::rescheduleAll() {
  for (const auto &entry : documents)
    schedule(entry.first, Clock::duration::zero());
}

void Server::answerPulls(FileState &state) {
  std::string resultId = std::to_string(state.result->version);
  for (const json &id : state.pulls)
    transport.reply(id, {{"kind", "full"},
                         {"resultId", resultId},
                         {"items", state.result->diagnostics}});
  state.pulls.clear();
}

void Server::work() {
  IsolatedThread isolation;
  std::unique_lock<std::mutex> guard(lock);
  while (!stopping) {
    // The document due first; none due: sleep until one is.
    std::string next;
    Clock::time_point earliest = Clock::time_point::max();
    for (const auto &[uri, state] : files)
      if (state.pending && state.due < earliest) {
        earliest = state.due;
        next = uri;
      }
    if (next.empty()) {
      wake.wait(guard);
      continue;
    }
    if (earliest > Clock::now()) {
      wake.wait_until(guard, earliest);
      continue;
    }
    guard.unlock();
    analyse(next);
    guard.lock();
  }
}

void Server::analyse(const std::string &uri) {
  ParseInput input;
  int64_t version;
  std::string text;
  std::shared_ptr<PreambleSlot> preamble;
  bool announce;
  {
    std::lock_guard<std::mutex> guard(lock);
    auto doc = documents.find(uri);
    auto file = files.find(uri);
    if (doc == documents.end() || file == files.end())
      return;
    file->second.pending = false;
    version = doc->second.version;
    text = doc->second.text;
    input.path = doc->second.path;
    for (const auto &entry : documents)
      input.overlay[entry.second.path] = entry.second.text;
    preamble = file->second.preamble;
    announce = clientProgress && !file->second.announced;
    file->second.announced = true;
    if (setupStale) {
      setupStale = false;
      setup->invalidate();
    }
  }

  std::string token;
  if (announce) {
    token = "yieldcheck/analysis/" + std::to_string(++progressTokens);
    transport.request(token, "window/workDoneProgress/create", {{"token", token}});
    // A client that does not answer soon gets no progress, not a delay.
    std::unique_lock<std::mutex> guard(lock);
    bool answered = tokenAnswered.wait_for(guard, std::chrono::seconds(2), [&] {
      return answeredTokens.count(token) > 0;
    });
    announce = answered && answeredTokens[token];
    answeredTokens.erase(token);
  }
  if (announce) {
    transport.notify(
        "$/progress",
        {{"token", token},
         {"value",
          {{"kind", "begin"},
           {"title", "yieldcheck"},
           {"message", "analysing " +
                           llvm::sys::path::filename(input.path).str() +
                           " (the first time parses its headers)"}}}});
  }
  auto started = Clock::now();
  const FileSetup &fileSetup = setup->forFile(input.path);
  ParseOutcome outcome;
  if (fileSetup.analyzer) {
    input.directory = fileSetup.directory;
    input.args = fileSetup.args;
    outcome = analyzeUnsaved(input, *fileSetup.analyzer, *preamble);
    if (outcome.crashed)
      setup->abandon(); // its analyzers' caches may be half-updated
  }
  auto result = std::make_shared<AnalysedDocument>();
  result->version = version;
  result->text = text;
  result->diagnostics = diagnosticsFor(input.path, text, fileSetup, outcome);
  result->reports = std::move(outcome.reports);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      Clock::now() - started);
  llvm::errs() << "yieldcheck lsp: " << input.path << " v" << version << ": "
               << result->reports.size() << " findings in " << elapsed.count()
               << " ms, " << static_cast<long>(outcome.analysisMs)
               << " ms of them after clang's parse"
               << (outcome.preambleReused ? " (preamble reused)" : "") << "\n";
  if (announce)
    transport.notify("$/progress",
                     {{"token", token},
                      {"value",
                       {{"kind", "end"},
                        {"message", std::to_string(result->reports.size()) +
                                        " findings"}}}});

  std::lock_guard<std::mutex> guard(lock);
  auto doc = documents.find(uri);
  auto file = files.find(uri);
  // Closed, or edited since: a newer analysis is scheduled; this one is
  // stale and not shown.
  if (doc == documents.end() || file == files.end() ||
      doc->second.version != version)
    return;
  file->second.result = result;
  if (!file->second.pending)
    answerPulls(file->second);
  if (pushDiagnostics)
    transport.notify("textDocument/publishDiagnostics",
                     {{"uri", uri},
                      {"version", version},
                      {"diagnostics", result->diagnostics}});
}

json Server::diagnosticsFor(const std::string &path, const std::string &text,
                            const FileSetup &fileSetup,
                            const ParseOutcome &outcome) {
  json out = json::array();
  if (!fileSetup.analyzer) {
    out.push_back(serverDiagnostic(1, "yieldcheck: " + fileSetup.configError));
    return out;
  }
  if (!fileSetup.databaseWarning.empty())
    out.push_back(serverDiagnostic(2, "yieldcheck: " + fileSetup.databaseWarning));
  if (outcome.crashed)
    out.push_back(serverDiagnostic(
        1, "yieldcheck: the analysis crashed on this file; its findings are "
           "missing (please report it)"));
  else if (outcome.compileErrors)
    out.push_back(incompleteDiagnostic(outcome.firstError, path, text));
  for (const Report &r : outcome.reports)
    out.push_back(findingDiagnostic(r, text));
  return out;
}

} // namespace yieldcheck::lsp
