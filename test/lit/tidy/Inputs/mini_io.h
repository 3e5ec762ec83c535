// A minimal IOResult and yield macros for the plugin tests: no standard
// library, no runtime, so the tests exercise the plugin, not the headers.
#pragma once

struct IOCompletions {
  int id;
};

template <class T> struct IOResult {
  bool io;
  T value;
  IOResult(T v) : io(false), value(v) {}
  IOResult(IOCompletions) : io(true), value() {}
  bool is_done() const { return !io; }
};

struct Unit {};

#define RETURN_IF_IO(expr)                                                     \
  __extension__({                                                              \
    auto mini_result_ = (expr);                                                \
    if (!mini_result_.is_done())                                               \
      return IOCompletions{0};                                                 \
    mini_result_.value;                                                        \
  })

// Not a yield macro by default: tests configure it with YieldMacros.
#define MY_AWAIT(expr)                                                         \
  __extension__({                                                              \
    auto mini_result_ = (expr);                                                \
    if (!mini_result_.is_done())                                               \
      return IOCompletions{0};                                                 \
    mini_result_.value;                                                        \
  })

template <class T> struct Vec {
  void push_back(const T &);
};

template <class K, class V> struct Map {
  V &operator[](const K &);
  void insert(const K &, const V &);
};

IOResult<int> read_block();
IOResult<Unit> flush();
