//===- OutputFiles.cpp - Outputs written whole or not at all --------------===//
#include "OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/Path.h"

namespace yieldcheck {

namespace fs = llvm::sys::fs;

std::unique_ptr<PendingOutput> PendingOutput::open(const std::string &path,
                                                   std::string &error) {
  std::unique_ptr<PendingOutput> out(new PendingOutput(path));
  fs::file_status status;
  bool exists = !fs::status(path, status);
  if (exists && status.type() == fs::file_type::directory_file) {
    error = "cannot write '" + path + "': it is a directory";
    return nullptr;
  }
  std::error_code ec;
  if (exists && status.type() != fs::file_type::regular_file) {
    // A device or a pipe cannot be replaced by renaming.
    out->stream = std::make_unique<llvm::raw_fd_ostream>(path, ec, fs::OF_None);
    if (ec) {
      error = "cannot write '" + path + "': " + ec.message();
      return nullptr;
    }
    return out;
  }
  llvm::SmallString<256> model(path);
  llvm::StringRef name = llvm::sys::path::filename(path);
  llvm::sys::path::remove_filename(model);
  llvm::sys::path::append(model, "." + name + ".yieldcheck-%%%%%%.tmp");
  auto temp = fs::TempFile::create(model);
  if (!temp) {
    ec = llvm::errorToErrorCode(temp.takeError());
    if (exists && !fs::access(path, fs::AccessMode::Write)) {
      out->buffer = std::make_unique<llvm::raw_string_ostream>(out->text);
      return out;
    }
    error = "cannot write '" + path + "': " + ec.message();
    return nullptr;
  }
  // The replacement keeps the permissions the old file had.
  if (exists)
    (void)fs::setPermissions(temp->FD, status.permissions());
  out->temp.emplace(std::move(*temp));
  out->stream = std::make_unique<llvm::raw_fd_ostream>(out->temp->FD,
                                                       /*shouldClose=*/false);
  return out;
}

PendingOutput::~PendingOutput() {
  if (stream) {
    stream->flush();
    stream->clear_error();
  }
  if (temp)
    llvm::consumeError(temp->discard());
}

bool flushChecked(llvm::raw_fd_ostream &os, const std::string &what,
                  std::string &error) {
  os.flush();
  if (!os.has_error())
    return true;
  error = "cannot write " + what + ": " + os.error().message();
  os.clear_error();
  return false;
}

bool PendingOutput::finish(std::string &error) {
  if (buffer) {
    buffer->flush();
    std::error_code ec;
    stream = std::make_unique<llvm::raw_fd_ostream>(path, ec, fs::OF_None);
    if (ec) {
      error = "cannot write '" + path + "': " + ec.message();
      stream.reset();
      return false;
    }
    *stream << text;
    buffer.reset();
  }
  if (!flushChecked(*stream, "'" + path + "'", error))
    return false;
  if (!temp) {
    stream->close();
    return flushChecked(*stream, "'" + path + "'", error);
  }
  return true;
}

bool PendingOutput::commit(std::string &error) {
  if (!temp)
    return true;
  stream.reset();
  llvm::Error err = temp->keep(path);
  temp.reset();
  if (err) {
    error = "cannot write '" + path + "': " + llvm::toString(std::move(err));
    return false;
  }
  return true;
}

std::string canonicalTarget(const std::string &path) {
  llvm::SmallString<256> abs(path), real;
  fs::make_absolute(abs);
  llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
  if (!fs::real_path(abs, real))
    return std::string(real);
  llvm::SmallString<256> dir(abs);
  llvm::sys::path::remove_filename(dir);
  if (!fs::real_path(dir, real)) {
    llvm::sys::path::append(real, llvm::sys::path::filename(abs));
    return std::string(real);
  }
  return std::string(abs);
}

bool sameFile(const std::string &a, const std::string &b) {
  bool same = false;
  if (!fs::equivalent(a, b, same) && same)
    return true; // also two hard links of one file
  return canonicalTarget(a) == canonicalTarget(b);
}

} // namespace yieldcheck
