//===- Conventions.h - What counts as IO, yield, state and mutation -------===//
//
// The vocabulary of the analysis, as data: defaults for the reference
// runtime's style, overridable by .yieldcheck.json, by flags, and by
// clang-tidy CheckOptions. Plain C++ (no clang types) so every front end and
// the unit tests share one model.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_CONVENTIONS_H
#define YIELDCHECK_CONVENTIONS_H

#include "yieldcheck/RuleCatalog.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yieldcheck {

/// A rule switched off, or re-levelled, by a config file or a flag.
struct RuleOverride {
  bool enabled = true;
  std::optional<Severity> severity; // unset: the catalogue's severity
};

struct Conventions {
  /// Unqualified names of the result template (any namespace). A function
  /// returning R<...>, or W<R<...>, ...> for any wrapper W, is an IO function.
  std::vector<std::string> resultTemplates{"IOResult"};
  /// Macros whose expansions are yield points.
  std::vector<std::string> yieldMacros{
      "RETURN_IF_IO",         "IO_YIELD_ONE",          "RETURN_AND_RESTORE_IF_IO",
      "ASSIGN_OR_RETURN_IO",  "return_if_io",          "io_yield_one",
      "return_and_restore_if_io"};
  /// Yield macros of the form M(field, saved, expr) that restore `field` on IO.
  std::vector<std::string> restoreMacros{"RETURN_AND_RESTORE_IF_IO",
                                         "return_and_restore_if_io"};
  /// Types (unqualified names) whose conversion to the result means IO.
  std::vector<std::string> ioValueTypes{"IOCompletions", "Completion"};
  /// Static or free functions that build a result that is not IO: Done, or
  /// an error, which the caller propagates instead of re-entering. A return
  /// of one is not a yield point (unless an argument may be IO: Ok(IO(c))).
  std::vector<std::string> doneFactories{"Done", "done", "Ok",  "ok",
                                         "Ready", "ready", "Error", "error",
                                         "Err",  "err"};
  /// Case-insensitive regular expression (POSIX extended, as llvm::Regex;
  /// validate() checks it that way): persistent fields whose name matches
  /// are state variables even if this function does not dispatch on them.
  std::string statePattern{"state"};
  /// Method names that grow (or shrink) a sequence, on any receiver type.
  std::vector<std::string> growthMethods{
      "push_back", "emplace_back", "push_front", "emplace_front", "push",
      "append",    "extend",       "enqueue",    "add",           "pop_back",
      "pop_front", "pop",          "dequeue",    "splice",        "merge"};
  /// Calls that empty a container: a method of this name on any receiver
  /// (`buf_.clear()`), or a function of this name taking the container as
  /// its first argument (`curlx_dyn_reset(&tn->out)`). Growth after one
  /// that every path from the entry passes starts from empty again on the
  /// re-entry, so it is rebuilt, not repeated.
  std::vector<std::string> clearCalls{"clear", "curlx_dyn_reset",
                                      "Curl_dyn_reset", "Curl_bufq_reset",
                                      "ssh_buffer_reinit"};
  /// Method names that advance a counter, on any receiver type
  /// (stats_.fetch_add(1), cursor_.advance()).
  std::vector<std::string> counterMethods{"fetch_add", "fetch_sub", "advance",
                                          "increment", "decrement", "bump"};
  /// Method names that insert into or erase from a keyed container; on a
  /// sequence `insert`/`emplace`/`erase` count as growth.
  std::vector<std::string> keyedMethods{"insert",         "emplace",
                                        "try_emplace",    "insert_or_assign",
                                        "emplace_hint",   "erase",
                                        "erase_if",       "extract"};
  /// Methods (any receiver) that an IO function may call again after they
  /// completed without harm: read-only accessors and absolute positioning.
  /// An entry ending in `*` names a prefix (`seek*`).
  std::vector<std::string> idempotentMethods{
      "key",    "size",   "read_page", "get_page",     "rowid",
      "record", "exists", "is_empty",  "seek*",        "rewind",
      "move_to_root",     "first",     "last",         "ensure*"};
  /// Functions that start an IO operation whatever they return.
  std::vector<std::string> ioSubmitFunctions{"pread", "pwrite", "preadv",
                                             "pwritev", "submit"};
  /// Types of a pending IO operation: a call returning one by value (also
  /// inside std::optional, a pair or a vector) submits an IO. The
  /// ioValueTypes count as well.
  std::vector<std::string> completionTypes{"Completion", "IOCompletions"};
  // --- The status-code convention (C style: a status says "would block") ---
  /// Macro or enum-constant names of the "again" status (LIBSSH2_ERROR_EAGAIN).
  /// A function returning an integer, enum or pointer that can return one of
  /// them (directly, through an againWrapper, or by passing up the status of
  /// another IO function) is an IO function. Empty: no status convention.
  /// The default holds the project-specific constants of every preset.
  std::vector<std::string> againValues{
      "LIBSSH2_ERROR_EAGAIN",           "SSH_AGAIN",
      "SSH_AUTH_AGAIN",                 "NGX_AGAIN",
      "CURLE_AGAIN",
      "MBEDTLS_ERR_SSL_WANT_READ",      "MBEDTLS_ERR_SSL_WANT_WRITE",
      "MBEDTLS_ERR_SSL_ASYNC_IN_PROGRESS", "MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS",
      "SSL_ERROR_WANT_READ",            "SSL_ERROR_WANT_WRITE",
      "PGRES_POLLING_READING",          "PGRES_POLLING_WRITING"};
  /// Error-reporting functions whose argument is the returned status
  /// (`return _libssh2_error(session, LIBSSH2_ERROR_EAGAIN, "...")`). Their
  /// own writes (the session's last error) are not followed as mutations.
  std::vector<std::string> againWrappers{"_libssh2_error",
                                         "_libssh2_error_flags", "ssh2_err",
                                         "ssh2_err_flags", "ssh_set_error"};
  /// Functions defined elsewhere (prototypes only) that return the again
  /// status, as names; ioFunctionPattern adds a regular expression.
  std::vector<std::string> ioFunctions{
      "_libssh2_transport_send", "_libssh2_transport_read",
      "_libssh2_packet_require", "_libssh2_packet_requirev",
      "_libssh2_packet_burn",    "_libssh2_channel_write",
      "_libssh2_channel_read",   "_libssh2_kex_exchange",
      "ssh2_transport_send",     "ssh2_transport_read",
      "ssh2_packet_require",     "ssh2_packet_requirev",
      "ssh2_packet_burn",        "ssh2_channel_write",
      "ssh2_channel_read",       "ssh2_kex_exchange"};
  std::string ioFunctionPattern{
      "^(mbedtls_ssl_(read|write|handshake|handshake_step|flush_output|"
      "fetch_input|read_record|write_record|close_notify|renegotiate)|"
      "Curl_(conn_send|conn_recv|xfer_send|xfer_recv)|"
      "ssh_(handle_packets|handle_packets_termination|packet_send|"
      "channel_flush|blocking_flush))$"};
  /// Out-parameters that say "done" (curl's `bool *done`): a `return` of a
  /// success status while `*done` is not set true is a yield point.
  /// Only a parameter the function assigns through counts.
  std::vector<std::string> doneParams{"done", "pdone"};
  /// Prefixes of enum constants or macros that name states: assigning one
  /// to any field is a state commit (`channel->state = libssh2_NB_state_sent`).
  std::vector<std::string> stateValuePrefixes{"libssh2_NB_state_",
                                              "ssh2_NB_state_"};
  /// Fields an IO function leaves non-zero while its output is pending
  /// (mbed TLS's `out_left`): a call of an IO function on the object is a
  /// commit of the field, so a branch that tests it for zero is not taken
  /// again by the re-entry after that call yields.
  std::vector<std::string> pendingFields{"out_left"};
  /// C functions that grow the container their first argument points to.
  std::vector<std::string> growthFunctions{
      "_libssh2_list_add", "ssh2_list_add",         "ngx_queue_insert_head",
      "ngx_queue_insert_tail",
      "ngx_array_push",    "ngx_array_push_n",      "ngx_list_push",
      "Curl_llist_append", "Curl_llist_insert_next", "Curl_dyn_add",
      "Curl_dyn_addn",     "Curl_dyn_addf",         "Curl_bufq_write",
      "ssh_list_append",   "ssh_list_prepend",      "ssh_buffer_add_data"};
  /// The preset these conventions started from ("" for the defaults).
  std::string preset;
  /// How many call levels a mutation is followed into visible callees.
  unsigned summaryDepth = 2;
  /// Rule id -> override ("rules" in .yieldcheck.json, --enable/--disable).
  std::map<std::string, RuleOverride> ruleOverrides;
};

/// A list-valued setting: its `.yieldcheck.json` key, its clang-tidy
/// CheckOptions name and the member it sets. The one table the config
/// reader, the plugin's options, the result cache's key and the docs follow.
struct ListSetting {
  const char *key;
  const char *option;
  std::vector<std::string> Conventions::*field;
  bool prefixes = false; // entries may end in `*`
};
const std::vector<ListSetting> &listSettings();

/// Whether `rule` reports at all, and at which severity, after overrides.
bool ruleEnabled(const Conventions &conv, const Rule &rule);
Severity ruleSeverity(const Conventions &conv, const Rule &rule);

/// A problem in a configuration file: one line, naming the file and the key.
struct ConfigError {
  std::string file;
  std::string key;
  std::string problem;
  std::string message() const;
};

/// Applies the JSON text of a .yieldcheck.json (`file` names it in errors).
/// Keys not given keep their current value.
std::optional<ConfigError> applyConfigText(Conventions &conv,
                                           const std::string &text,
                                           const std::string &file);
/// Names of the built-in presets (conventions/presets/<name>.json).
std::vector<std::string> presetNames();
/// The JSON text of a preset ("" if there is none of that name).
std::string presetText(const std::string &name);
/// Resets `conv` to the defaults and applies the preset `name` (rule
/// overrides are kept). `origin` names where the name came from in errors.
std::optional<ConfigError> applyPreset(Conventions &conv,
                                       const std::string &name,
                                       const std::string &origin);
/// True if the status-code convention is configured (againValues, declared
/// IO functions or done parameters).
bool statusConventionEnabled(const Conventions &conv);
/// Reads and applies a config file.
std::optional<ConfigError> applyConfigFile(Conventions &conv,
                                           const std::string &file);
/// The nearest .yieldcheck.json in `dir` or its parents, if any.
std::optional<std::string> findConfigUpward(const std::string &dir);

/// Validates values that a config file or a flag may get wrong (an invalid
/// regular expression, an empty name list); `origin` names where they came from.
std::optional<ConfigError> validate(const Conventions &conv,
                                    const std::string &origin);

} // namespace yieldcheck

#endif
