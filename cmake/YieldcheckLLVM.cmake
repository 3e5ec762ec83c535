# Locates the chosen LLVM/Clang major version from the Debian packages under
# /usr/lib/llvm-N (override with -DYIELDCHECK_LLVM_ROOT=...), and the tools the
# build and the tests need from the same version.

set(YIELDCHECK_LLVM_ROOT "/usr/lib/llvm-${YIELDCHECK_LLVM}" CACHE PATH
    "Install prefix of the chosen LLVM")

find_package(Clang REQUIRED CONFIG
  PATHS "${YIELDCHECK_LLVM_ROOT}/lib/cmake/clang" NO_DEFAULT_PATH)
find_package(LLVM REQUIRED CONFIG
  PATHS "${YIELDCHECK_LLVM_ROOT}/lib/cmake/llvm" NO_DEFAULT_PATH)

if(NOT LLVM_VERSION_MAJOR EQUAL YIELDCHECK_LLVM)
  message(FATAL_ERROR "YIELDCHECK_LLVM=${YIELDCHECK_LLVM} but found LLVM ${LLVM_PACKAGE_VERSION} in ${YIELDCHECK_LLVM_ROOT}")
endif()
message(STATUS "yieldcheck: building against LLVM ${LLVM_PACKAGE_VERSION} (${YIELDCHECK_LLVM_ROOT})")

# Builtin headers (stddef.h, ...) for the tools we build: clang finds them
# relative to its own executable, which ours is not.
execute_process(
  COMMAND "${YIELDCHECK_LLVM_ROOT}/bin/clang" -print-resource-dir
  OUTPUT_VARIABLE YIELDCHECK_CLANG_RESOURCE_DIR
  OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _yc_rc)
if(NOT _yc_rc EQUAL 0 OR NOT EXISTS "${YIELDCHECK_CLANG_RESOURCE_DIR}/include/stddef.h")
  message(FATAL_ERROR "Cannot find clang's builtin headers: install clang-${YIELDCHECK_LLVM}")
endif()

find_program(YIELDCHECK_CLANG_TIDY clang-tidy PATHS "${YIELDCHECK_LLVM_ROOT}/bin" NO_DEFAULT_PATH)
find_program(YIELDCHECK_FILECHECK FileCheck PATHS "${YIELDCHECK_LLVM_ROOT}/bin" NO_DEFAULT_PATH)
find_program(YIELDCHECK_NOT not PATHS "${YIELDCHECK_LLVM_ROOT}/bin" NO_DEFAULT_PATH)
# lit ships as a script in bin/ (22) or as lit.py in build/utils (14, 19).
find_program(YIELDCHECK_LIT NAMES lit lit.py
  PATHS "${YIELDCHECK_LLVM_ROOT}/bin" "${YIELDCHECK_LLVM_ROOT}/build/utils/lit"
  NO_DEFAULT_PATH)

# Compile flags shared by everything that includes clang headers.
add_library(yieldcheck_llvm_flags INTERFACE)
target_include_directories(yieldcheck_llvm_flags SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_compile_definitions(yieldcheck_llvm_flags INTERFACE
  ${LLVM_DEFINITIONS} YIELDCHECK_LLVM_MAJOR=${LLVM_VERSION_MAJOR})
target_compile_features(yieldcheck_llvm_flags INTERFACE cxx_std_17)
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(yieldcheck_llvm_flags INTERFACE -fno-rtti)
endif()
