// Compiles only with -DYC_FLAG (from --extra-arg) and without -DYC_BREAK.
#ifndef YC_FLAG
#error "YC_FLAG is not defined"
#endif
#ifdef YC_BREAK
#error "YC_BREAK is defined"
#endif
int answer() { return 42; }
