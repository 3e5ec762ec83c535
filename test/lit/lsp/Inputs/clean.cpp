// No IO function, no finding.
int add(int a, int b) { return a + b; }
