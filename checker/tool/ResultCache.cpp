//===- ResultCache.cpp - Findings of unchanged translation units, on disk -===//
#include "ResultCache.h"

#include "ReportJson.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <tuple>

namespace yieldcheck {
namespace {

namespace fs = llvm::sys::fs;
using json = nlohmann::json;

// The first line of an entry: the magic, then the size and hash of the CBOR
// body after it, so a truncated or damaged entry is detected before parsing
// (CBOR alone would read a flipped byte in a message as another message).
constexpr llvm::StringLiteral kMagic = "yieldcheck-result-cache-1";

std::string header(llvm::StringRef body) {
  return (kMagic + " " + contentHash(body) + "\n").str();
}

// The candidates of a verified entry for `key`; nullopt for anything else.
std::optional<json> readCandidates(const std::string &path,
                                   const std::string &key) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return std::nullopt;
  auto [first, body] = (*buffer)->getBuffer().split('\n');
  if (first.str() + "\n" != header(body))
    return std::nullopt;
  try {
    json doc = json::from_cbor(body.begin(), body.end(), /*strict=*/true,
                               /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("key", "") != key)
      return std::nullopt;
    auto candidates = doc.find("candidates");
    if (candidates == doc.end() || !candidates->is_array())
      return std::nullopt;
    return std::move(*candidates);
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

json depsToJson(const Dependencies &deps) {
  json out = json::array();
  for (const auto &[path, hash] : deps)
    out.push_back({path, hash});
  return out;
}

std::string human(uint64_t bytes) {
  if (bytes >= (10ull << 20))
    return std::to_string(bytes >> 20) + " MiB";
  return std::to_string((bytes + 1023) >> 10) + " KiB";
}

} // namespace

std::unique_ptr<ResultCache> ResultCache::open(const std::string &dir,
                                               uint64_t maxBytes,
                                               std::string &error) {
  llvm::SmallString<256> abs(dir);
  fs::make_absolute(abs);
  llvm::SmallString<256> root(abs);
  llvm::sys::path::append(root, "v1", "tmp");
  if (std::error_code ec = fs::create_directories(root)) {
    error = "--cache-dir '" + dir + "': cannot create it: " + ec.message();
    return nullptr;
  }
  // Backup and archiving tools skip a directory tagged so.
  llvm::SmallString<256> tag(abs);
  llvm::sys::path::append(tag, "CACHEDIR.TAG");
  if (!fs::exists(tag)) {
    std::error_code ec;
    llvm::raw_fd_ostream os(tag, ec);
    if (!ec)
      os << "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# The result cache of yieldcheck (--cache-dir).\n";
  }
  llvm::sys::path::remove_filename(root);
  return std::unique_ptr<ResultCache>(
      new ResultCache(std::string(root), maxBytes));
}

std::string ResultCache::entryPath(const std::string &key) const {
  llvm::SmallString<256> path(root);
  llvm::sys::path::append(path, key.substr(0, 2), key.substr(2) + ".entry");
  return std::string(path);
}

std::optional<CachedResult> ResultCache::lookup(const std::string &key) {
  std::string path = entryPath(key);
  if (std::optional<json> candidates = readCandidates(path, key)) {
    for (const json &c : *candidates) {
      try {
        bool current = true;
        for (const json &dep : c.at("deps")) {
          std::optional<std::string> now =
              hashes.of(dep.at(0).get<std::string>());
          if (!now || *now != dep.at(1).get<std::string>()) {
            current = false;
            break;
          }
        }
        CachedResult result;
        if (!current || !reportsFromJson(c.at("reports"), result.reports))
          continue;
        result.diagnostics = c.at("diagnostics").get<std::string>();
        // Its last use, for the eviction.
        int fd;
        if (!fs::openFileForWrite(path, fd, fs::CD_OpenExisting, fs::OF_Append)) {
          fs::setLastAccessAndModificationTime(fd, std::chrono::system_clock::now());
          llvm::sys::Process::SafelyCloseFileDescriptor(fd);
        }
        ++hitCount;
        return result;
      } catch (const std::exception &) {
        continue; // a foreign shape: this candidate is a miss
      }
    }
  }
  ++missCount;
  return std::nullopt;
}

void ResultCache::store(const std::string &key, const Dependencies &deps,
                        const CachedResult &result) {
  std::string path = entryPath(key);
  json fresh = {{"deps", depsToJson(deps)},
                {"reports", reportsToJson(result.reports)},
                {"diagnostics", result.diagnostics}};
  json candidates = json::array({fresh});
  // Older results for other dependency contents stay, newest first.
  if (std::optional<json> old = readCandidates(path, key))
    for (json &c : *old)
      if (candidates.size() < kCandidates && c.is_object() &&
          c.value("deps", json()) != fresh["deps"])
        candidates.push_back(std::move(c));
  json doc = {{"key", key}, {"candidates", std::move(candidates)}};
  std::vector<uint8_t> cbor = json::to_cbor(doc);
  std::string body(cbor.begin(), cbor.end());
  if (write(path, header(body) + body))
    ++storedCount;
}

bool ResultCache::write(const std::string &path, const std::string &bytes) {
  if (fs::create_directories(llvm::sys::path::parent_path(path)))
    return false;
  llvm::SmallString<256> model(root), temp;
  llvm::sys::path::append(model, "tmp", "entry-%%%%%%%%%%%%%%%%");
  int fd;
  if (fs::createUniqueFile(model, fd, temp))
    return false;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << bytes;
    os.close();
    if (os.has_error()) {
      os.clear_error();
      fs::remove(temp);
      return false;
    }
  }
  // Atomic on one file system: a reader sees the old entry or this one.
  if (fs::rename(temp, path)) {
    fs::remove(temp);
    return false;
  }
  return true;
}

void ResultCache::evict() {
  struct Entry {
    llvm::sys::TimePoint<> used;
    std::string path;
    uint64_t size;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  const auto now = std::chrono::system_clock::now();
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; it != end && !ec;
       it.increment(ec)) {
    fs::file_status st;
    if (fs::status(it->path(), st) || st.type() != fs::file_type::regular_file)
      continue;
    bool temp = llvm::sys::path::filename(llvm::sys::path::parent_path(
                    it->path())) == "tmp";
    if (temp) {
      // Left by a run that was killed between writing and renaming.
      if (now - st.getLastModificationTime() > std::chrono::hours(1))
        fs::remove(it->path());
      continue;
    }
    entries.push_back({st.getLastModificationTime(), it->path(), st.getSize()});
    total += st.getSize();
  }
  if (total > maxBytes) {
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
      return std::tie(a.used, a.path) < std::tie(b.used, b.path);
    });
    for (const Entry &e : entries) {
      if (total <= maxBytes / 10 * 9)
        break;
      if (!fs::remove(e.path)) {
        total -= e.size;
        ++evictedCount;
      }
    }
  }
  bytesAfterEviction = total;
}

std::string ResultCache::statsLine() const {
  llvm::SmallString<256> dir(root);
  llvm::sys::path::remove_filename(dir);
  return "cache: " + std::to_string(hitCount) + " hits, " +
         std::to_string(missCount) + " misses, " +
         std::to_string(storedCount) + " stored, " +
         std::to_string(evictedCount) + " evicted; " +
         human(bytesAfterEviction) + " of " + human(maxBytes) + " in " +
         std::string(dir);
}

bool parseSize(const std::string &text, uint64_t &bytes) {
  llvm::StringRef s(text);
  unsigned shift = 0;
  if (!s.empty()) {
    switch (llvm::toLower(s.back())) {
    case 'k': shift = 10; break;
    case 'm': shift = 20; break;
    case 'g': shift = 30; break;
    }
    if (shift)
      s = s.drop_back();
  }
  uint64_t n;
  if (s.empty() || s.getAsInteger(10, n) || n == 0 || (n << shift) >> shift != n)
    return false;
  bytes = n << shift;
  return true;
}

} // namespace yieldcheck
