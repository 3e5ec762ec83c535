// Does not compile.
#include "mini_io.h"
int broken( {
