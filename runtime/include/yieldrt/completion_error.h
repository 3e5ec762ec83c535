// Why a completion failed. A small value type: copied freely, compared by value.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace yieldrt {

enum class ErrorKind : std::uint8_t {
  io_error,           // the backend failed; code() is an errno-like number
  aborted,            // cancelled before it finished
  short_read,         // fewer bytes than requested (e.g. EOF)
  short_write,        // fewer bytes written than requested
  checksum_mismatch,  // data arrived but did not verify
};

class CompletionError {
 public:
  static CompletionError io_error(int code, std::string message = {}) {
    return {ErrorKind::io_error, code, 0, 0, std::move(message)};
  }
  static CompletionError aborted() { return {ErrorKind::aborted, 0, 0, 0, {}}; }
  static CompletionError short_read(std::uint64_t expected, std::uint64_t actual) {
    return {ErrorKind::short_read, 0, expected, actual, {}};
  }
  static CompletionError short_write(std::uint64_t expected, std::uint64_t actual) {
    return {ErrorKind::short_write, 0, expected, actual, {}};
  }
  static CompletionError checksum_mismatch(std::uint64_t expected, std::uint64_t actual,
                                           std::string message = {}) {
    return {ErrorKind::checksum_mismatch, 0, expected, actual, std::move(message)};
  }

  ErrorKind kind() const noexcept { return kind_; }
  int code() const noexcept { return code_; }
  // Sizes for short reads/writes, checksums for checksum_mismatch, else 0.
  std::uint64_t expected() const noexcept { return expected_; }
  std::uint64_t actual() const noexcept { return actual_; }
  const std::string& message() const noexcept { return message_; }

  std::string to_string() const {
    std::string s;
    switch (kind_) {
      case ErrorKind::io_error:
        s = "io_error(" + std::to_string(code_) + ")";
        break;
      case ErrorKind::aborted:
        s = "aborted";
        break;
      case ErrorKind::short_read:
        s = "short_read(expected " + std::to_string(expected_) + ", got " +
            std::to_string(actual_) + ")";
        break;
      case ErrorKind::short_write:
        s = "short_write(expected " + std::to_string(expected_) + ", wrote " +
            std::to_string(actual_) + ")";
        break;
      case ErrorKind::checksum_mismatch:
        s = "checksum_mismatch(expected " + std::to_string(expected_) + ", got " +
            std::to_string(actual_) + ")";
        break;
    }
    if (!message_.empty()) s += ": " + message_;
    return s;
  }

  friend bool operator==(const CompletionError&, const CompletionError&) = default;

 private:
  CompletionError(ErrorKind kind, int code, std::uint64_t expected, std::uint64_t actual,
                  std::string message)
      : kind_(kind), code_(code), expected_(expected), actual_(actual),
        message_(std::move(message)) {}

  ErrorKind kind_;
  int code_;
  std::uint64_t expected_;
  std::uint64_t actual_;
  std::string message_;
};

}  // namespace yieldrt
