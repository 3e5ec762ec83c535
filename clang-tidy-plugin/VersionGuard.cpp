//===- VersionGuard.cpp - Refuse to run inside another LLVM's clang-tidy --===//
//
// A clang-tidy plugin is C++ compiled against one LLVM's headers: in the
// clang-tidy of another major version its classes have other layouts and
// other vtables, so it would crash or misbehave. Worse, when the dynamic
// loader cannot resolve a symbol, clang-tidy prints "-load request ignored",
// runs without the checks and exits 0: CI goes green without checking.
//
// This guard runs first, from an ELF constructor with the highest priority
// available to programs (101) in a translation unit that includes no clang or
// LLVM header and references no clang or LLVM symbol. It finds the host's
// major version from the names of the loaded libclang-cpp.so.N /
// libLLVM.so.N / libLLVM-N.so (Debian and Ubuntu link clang-tidy against
// them), or else from clang::getClangFullVersion() (a statically linked
// clang-tidy that exports its symbols), and on a mismatch says so on stderr
// and ends the process with exit status 2 before anything else of the plugin
// runs. The CMake build keeps the loader from failing before this point (see
// clang-tidy-plugin/CMakeLists.txt: lazy binding, and a check of the
// plugin's eagerly bound symbols against the other versions' clang-tidy).
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_LLVM_MAJOR
#error "YIELDCHECK_LLVM_MAJOR must be defined"
#endif

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

constexpr int kBuiltFor = YIELDCHECK_LLVM_MAJOR;

/// Leading decimal number of `s`, or 0.
int leadingNumber(const char *s) {
  int n = 0;
  bool any = false;
  for (; *s >= '0' && *s <= '9'; ++s) {
    n = n * 10 + (*s - '0');
    any = true;
    if (n > 100000)
      return 0;
  }
  return any ? n : 0;
}

/// The LLVM major version a loaded library's file name carries, or 0:
/// libclang-cpp.so.19[.1], libLLVM.so.19[.1], libLLVM-14.so[.1], libLLVM-19.so.
int versionFromLibraryName(const char *path) {
  const char *base = std::strrchr(path, '/');
  base = base ? base + 1 : path;
  static const char *const dotted[] = {"libclang-cpp.so.", "libLLVM.so."};
  for (const char *prefix : dotted)
    if (std::strncmp(base, prefix, std::strlen(prefix)) == 0)
      return leadingNumber(base + std::strlen(prefix));
  const char *dashed = "libLLVM-";
  if (std::strncmp(base, dashed, std::strlen(dashed)) == 0) {
    const char *rest = base + std::strlen(dashed);
    int n = leadingNumber(rest);
    while (*rest >= '0' && *rest <= '9')
      ++rest;
    // libLLVM-14.so.1, not libLLVM-14git-something.
    if (n && std::strncmp(rest, ".so", 3) == 0)
      return n;
  }
  return 0;
}

struct Host {
  int version = 0;
  char library[512] = {0};
};

int visitObject(struct dl_phdr_info *info, size_t, void *data) {
  Host &host = *static_cast<Host *>(data);
  if (!info->dlpi_name || !*info->dlpi_name)
    return 0;
  int v = versionFromLibraryName(info->dlpi_name);
  if (!v)
    return 0;
  // Prefer a library of another version than ours: that is the one that
  // decides (both of one clang-tidy always agree).
  if (!host.version || (host.version == kBuiltFor && v != kBuiltFor)) {
    host.version = v;
    std::snprintf(host.library, sizeof host.library, "%s", info->dlpi_name);
  }
  return 0;
}

/// "Debian clang version 19.1.7 (...)", "clang version 22.1.0" -> 19, 22.
int versionFromClangVersionString(const std::string &s) {
  size_t at = s.find("version ");
  return at == std::string::npos ? 0 : leadingNumber(s.c_str() + at + 8);
}

int versionFromExportedClang() {
  // clang::getClangFullVersion(), std::string getClangFullVersion() in every
  // version; looked up by name so that this file references no clang symbol.
  void *sym = dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev");
  if (!sym)
    return 0;
  auto fn = reinterpret_cast<std::string (*)()>(sym);
  return versionFromClangVersionString(fn());
}

void say(const char *text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    ssize_t n = ::write(2, text, left);
    if (n <= 0)
      return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

__attribute__((constructor(101))) void yieldcheckTidyVersionGuard() {
  Host host;
  dl_iterate_phdr(visitObject, &host);
  if (!host.version)
    host.version = versionFromExportedClang();
  char message[1024];
  if (!host.version) {
    std::snprintf(message, sizeof message,
                  "yieldcheck: warning: cannot tell which LLVM version this "
                  "clang-tidy is; this plugin was built for LLVM %d and works "
                  "only in clang-tidy %d\n",
                  kBuiltFor, kBuiltFor);
    say(message);
    return;
  }
  if (host.version == kBuiltFor)
    return;
  std::snprintf(message, sizeof message,
                "yieldcheck: this plugin was built for LLVM %d but is loaded "
                "into clang-tidy %d; use libYieldcheckTidy-%d.so\n",
                kBuiltFor, host.version, host.version);
  say(message);
  // Not exit(): the loader's lock is held and clang-tidy's static
  // destructors must not run in a half-loaded process.
  _exit(2);
}

} // namespace
