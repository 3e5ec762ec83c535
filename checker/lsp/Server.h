//===- Server.h - The language server: documents, scheduling, requests ----===//
//
// The server layer of `yieldcheck lsp`. The message thread (run) answers
// every request at once from what it holds; one worker thread analyses the
// documents, debounced, newest version only, and publishes the results. A
// result for a version the editor has since changed is dropped.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LSP_SERVER_H
#define YIELDCHECK_LSP_SERVER_H

#include "Documents.h"
#include "FileAnalysis.h"
#include "LspFindings.h"
#include "ProjectSetup.h"
#include "Transport.h"

#include "llvm/Support/thread.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace yieldcheck::lsp {

class Server {
public:
  explicit Server(Transport &transport);
  ~Server();

  /// Serves until `exit` or the end of the input; the process exit code
  /// (0 after shutdown, 1 otherwise, as the protocol says).
  int run();

private:
  using Clock = std::chrono::steady_clock;

  /// A document's analysis state; guarded by `lock`.
  struct FileState {
    bool pending = false;  // an analysis is due
    Clock::time_point due; // not before
    bool announced = false; // progress reported for its first analysis
    std::shared_ptr<AnalysedDocument> result;
    std::shared_ptr<PreambleSlot> preamble = std::make_shared<PreambleSlot>();
    std::vector<json> pulls; // textDocument/diagnostic requests waiting
  };

  void handle(const Incoming &incoming);
  void request(const json &id, const std::string &method, const json &params);
  void notification(const std::string &method, const json &params);

  json initialize(const json &params);
  void didOpen(const json &params);
  void didChange(const json &params);
  void didSave(const json &params);
  void didClose(const json &params);
  void didChangeWatchedFiles(const json &params);
  void pullDiagnostics(const json &id, const json &params);
  void cancel(const json &id);

  // With `lock` held.
  void schedule(const std::string &uri, Clock::duration delay);
  void rescheduleAll();
  void answerPulls(FileState &file);

  void work();
  void analyse(const std::string &uri);
  json diagnosticsFor(const std::string &path, const std::string &text,
                      const FileSetup &setup, const ParseOutcome &outcome);

  Transport &transport;
  bool initialized = false, shuttingDown = false;
  bool pushDiagnostics = true, clientProgress = false;
  unsigned progressTokens = 0;

  std::mutex lock;
  std::condition_variable wake;
  DocumentStore documents;
  std::map<std::string, FileState> files;
  bool stopping = false;
  /// Progress tokens the client answered: true if it accepted them.
  std::map<std::string, bool> answeredTokens;
  std::condition_variable tokenAnswered;
  bool setupStale = false;
  SetupOptions setupOptions;
  Clock::duration debounce = std::chrono::milliseconds(200);

  std::unique_ptr<ProjectSetup> setup; // worker only
  std::unique_ptr<llvm::thread> worker;
};

} // namespace yieldcheck::lsp

#endif
