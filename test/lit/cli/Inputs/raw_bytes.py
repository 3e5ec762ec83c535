"""Writes a source whose mutated storage is spelled with control bytes (ESC,
BS, DEL), a bidi override and bytes that are not UTF-8; tests generate it so
that no such bytes are committed."""
import sys

text = (b'#include "yieldrt/yieldrt.h"\n'
        b'using namespace yieldrt;\n'
        b'template <class K, class V> struct Map { V &operator[](K); };\n'
        b'IOResult<int> r();\n'
        b'struct S {\n'
        b'  Map<const char *, int> m_;\n'
        b'  IOResult<Unit> f() {\n'
        b'\tm_["A\x01\x1b[31mRED\x7f\x08\xff\xfe\xc3Z\xc3\xa9\xe2\x80\xae"] = 3;\n'
        b'    RETURN_IF_IO(r());\n'
        b'    return Unit{};\n'
        b'  }\n'
        b'};\n')
sys.stdout.buffer.write(text)
