// The yield macros. Each one that can yield holds its own `return`, so a tool
// looking at a macro expansion sees the yield point in that macro's body.
//
// RETURN_IF_IO and RETURN_AND_RESTORE_IF_IO are GNU statement expressions
// (GCC, Clang); __extension__ keeps -Wpedantic quiet about them.
// ASSIGN_OR_RETURN_IO is the portable alternative.
// Define YIELDRT_NO_LOWERCASE_MACROS to leave out the Rust-style spellings.
#pragma once

#include <utility>

#include "yieldrt/io_result.h"

#define YIELDRT_CONCAT_INNER(a, b) a##b
#define YIELDRT_CONCAT(a, b) YIELDRT_CONCAT_INNER(a, b)

// Evaluates to the Done value of `expr` (void for IOResult<void>); on IO or
// error, returns it from the enclosing function (whose type is any IOResult<U>).
#define RETURN_IF_IO(expr)                                                \
  __extension__({                                                         \
    auto yieldrt_result_ = (expr);                                        \
    if (!yieldrt_result_.is_done())                                       \
      return ::yieldrt::detail::not_done(std::move(yieldrt_result_));     \
    yieldrt_result_.take_value();                                         \
  })

// Returns IO(c) from the enclosing function.
#define IO_YIELD_ONE(c)                        \
  do {                                         \
    return ::yieldrt::IOCompletions((c));      \
  } while (0)

// Like RETURN_IF_IO, but on IO and on error first puts `saved` back into
// `field`, undoing a mutation made before the call so the replay starts over.
#define RETURN_AND_RESTORE_IF_IO(field, saved, expr)                      \
  __extension__({                                                         \
    auto yieldrt_result_ = (expr);                                        \
    if (!yieldrt_result_.is_done()) {                                     \
      (field) = (saved);                                                  \
      return ::yieldrt::detail::not_done(std::move(yieldrt_result_));     \
    }                                                                     \
    yieldrt_result_.take_value();                                         \
  })

// Declares `decl` from the Done value of `expr`, or returns its IO/error:
//   ASSIGN_OR_RETURN_IO(auto n, read_page());
// Expands to several statements: put it in braces under an if/for. One use
// per line (the hidden temporary is named after __LINE__).
#define ASSIGN_OR_RETURN_IO(decl, expr)                                    \
  auto YIELDRT_CONCAT(yieldrt_assign_, __LINE__) = (expr);                 \
  if (!YIELDRT_CONCAT(yieldrt_assign_, __LINE__).is_done())                \
    return ::yieldrt::detail::not_done(                                    \
        std::move(YIELDRT_CONCAT(yieldrt_assign_, __LINE__)));             \
  decl = YIELDRT_CONCAT(yieldrt_assign_, __LINE__).take_value()

#ifndef YIELDRT_NO_LOWERCASE_MACROS

// The Rust-style spellings, for code ported from the engine the runtime
// models. They expand to the uppercase macros; yieldcheck follows the
// expansion chain, so either name is a yield point.
#define return_if_io(expr) RETURN_IF_IO(expr)
#define io_yield_one(c) IO_YIELD_ONE(c)
#define return_and_restore_if_io(field, saved, expr) \
  RETURN_AND_RESTORE_IF_IO(field, saved, expr)

#endif  // YIELDRT_NO_LOWERCASE_MACROS
