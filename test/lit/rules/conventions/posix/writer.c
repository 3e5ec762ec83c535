// RUN: %check_rule %s
// POSIX style (preset posix): `errno = EAGAIN; return -1;` and -EAGAIN.
#include <errno.h>
#include <stddef.h>
#include <sys/types.h>
#include <unistd.h>
struct writer {
  int fd;
  int frames;
  size_t off;
  const char *buf;
  size_t len;
};

// The frame counter goes up again on every retry.
ssize_t writer_flush(struct writer *w) {
  ssize_t n;
  w->frames++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'w->frames' is incremented before the yield at line [[@LINE+5]]; {{.*}} [reentrancy-counter-advance]
  n = write(w->fd, w->buf + w->off, w->len - w->off);
  if (n < 0) {
    if (errno == EAGAIN) {
      errno = EAGAIN;
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the function can yield here
    }
    return -2;
  }
  w->off += n;
  return n;
}

// Kernel style: the negated constant.
int writer_reserve(struct writer *w) {
  w->frames += 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'w->frames' is incremented before the yield at line [[@LINE+2]]; {{.*}} [reentrancy-counter-advance]
  if (w->off < w->len)
    return -EAGAIN;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the function can yield here
  return 0;
}

// Safe: `off` is advanced by what write returned before the would-block
// return, and the loop resumes from it.
ssize_t writer_drain(struct writer *w) {
  while (w->off < w->len) {
    ssize_t n = write(w->fd, w->buf + w->off, w->len - w->off);
    if (n < 0) {
      errno = EAGAIN;
      return -1;
    }
    w->off += n;
  }
  return 0;
}
