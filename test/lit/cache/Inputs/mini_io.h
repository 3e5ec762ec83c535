// A runtime small enough to parse in a few milliseconds: the cache and shard
// tests run the tool many times.
struct Completion {};
struct Unit {};
template <class T> struct IOResult {
  bool io = false;
  IOResult(T) {}
  IOResult(Completion) : io(true) {}
};
#define RETURN_IF_IO(expr)                                                     \
  do {                                                                         \
    auto r_ = (expr);                                                          \
    if (r_.io)                                                                 \
      return Completion{};                                                     \
  } while (0)
struct List {
  void push_back(int);
};
