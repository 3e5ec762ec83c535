//===- VersionGuard.cpp - Refuse to run inside another LLVM's clang-tidy --===//
//
// A clang-tidy plugin is C++ compiled against one LLVM's headers: in the
// clang-tidy of another major version its classes have other layouts and
// other vtables, so it would crash or misbehave. Worse, when the dynamic
// loader cannot resolve a symbol, clang-tidy prints "-load request ignored",
// runs without the checks and exits 0: CI goes green without checking.
//
// This guard runs first, from an ELF constructor with the highest priority
// available to programs (101; the linker puts it ahead of every other
// initialiser of the plugin) in a translation unit that includes no clang or
// LLVM header and references no clang or LLVM symbol. It finds the host's
// LLVM major version:
//  1. from the file names of the objects that define clang's and LLVM's
//     symbols in the global scope (dladdr of dlsym(RTLD_DEFAULT, ...)):
//     libclang-cpp.so.N, libLLVM.so.N or libLLVM-N.so, the libraries the
//     plugin's own references will bind to (Debian and Ubuntu link
//     clang-tidy against them);
//  2. else from clang::getClangFullVersion() (a statically linked clang-tidy
//     that exports its symbols);
//  3. else from any such library loaded at all (dl_iterate_phdr).
// On a mismatch it says so on stderr and ends the process with exit status 2
// before anything else of the plugin runs. If it cannot tell, it warns and
// lets the plugin load.
//
// For this to run at all, the dynamic loader must not fail on the plugin
// first: it is linked for lazy binding (CMakeLists.txt), so a function that
// another version lacks is only looked up when called; and the symbols that
// are bound at load time (vtable slots, typeinfo, data) exist under the same
// names in 14, 19 and 22 (version-mismatch-*.test would fail otherwise).
// LD_BIND_NOW=1 in the environment defeats this: see docs/clang-tidy.md.
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
};

/// Keeps the first version found, unless a later one differs from ours:
/// any library of another version decides.
void remember(Host &host, int version) {
  if (version && (!host.version || version != kBuiltFor))
    host.version = version;
}

// Symbols every supported LLVM defines out of line, in libclang-cpp and in
// libLLVM: clang::getClangFullVersion() and llvm::outs().
constexpr const char *kClangSymbol = "_ZN5clang19getClangFullVersionB5cxx11Ev";
constexpr const char *kLLVMSymbol = "_ZN4llvm4outsEv";

/// Remembers the version in the name of the object that defines `symbol` in
/// the global scope: the object that the plugin's own references to clang and
/// LLVM bind to. False if no object defines the symbol.
bool checkDefiningObject(const char *symbol, Host &host) {
  void *address = dlsym(RTLD_DEFAULT, symbol);
  Dl_info info;
  if (!address || !dladdr(address, &info) || !info.dli_fname)
    return false;
  remember(host, versionFromLibraryName(info.dli_fname));
  return true;
}

int visitObject(struct dl_phdr_info *info, size_t, void *data) {
  Host &host = *static_cast<Host *>(data);
  if (!info->dlpi_name || !*info->dlpi_name)
    return 0;
  remember(host, versionFromLibraryName(info->dlpi_name));
  return 0;
}

/// "Debian clang version 19.1.7 (...)", "clang version 22.1.0" -> 19, 22.
int versionFromClangVersionString(const std::string &s) {
  size_t at = s.find("version ");
  return at == std::string::npos ? 0 : leadingNumber(s.c_str() + at + 8);
}

/// The host's LLVM major version, or 0 if it cannot be told.
Host findHost() {
  Host host;
  // 1. The libraries that define clang's and LLVM's symbols (Debian and
  //    Ubuntu: libclang-cpp.so.N and libLLVM.so.N / libLLVM-N.so).
  bool clangFound = checkDefiningObject(kClangSymbol, host);
  checkDefiningObject(kLLVMSymbol, host);
  if (host.version)
    return host;
  // 2. A clang-tidy linked statically that exports its symbols: ask clang.
  if (clangFound) {
    auto fullVersion = reinterpret_cast<std::string (*)()>(
        dlsym(RTLD_DEFAULT, kClangSymbol));
    remember(host, versionFromClangVersionString(fullVersion()));
    if (host.version)
      return host;
  }
  // 3. Any LLVM library loaded at all.
  dl_iterate_phdr(visitObject, &host);
  return host;
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
  Host host = findHost();
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
