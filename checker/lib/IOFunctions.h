//===- IOFunctions.h - The result template's type tests -------------------===//
#ifndef YIELDCHECK_IOFUNCTIONS_H
#define YIELDCHECK_IOFUNCTIONS_H

#include "yieldcheck/Conventions.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"

namespace yieldcheck {

/// True if `t`, through sugar (typedefs, aliases, elaboration), names a
/// specialization of one of `names`, or of a wrapper whose first template
/// argument does (Result<IOResult<T>>).
bool isResultType(clang::QualType t, const Conventions &conv);
/// True if the type (through sugar) is a record or template named in `names`.
bool namesRecord(clang::QualType t, const std::vector<std::string> &names);
/// The status-code convention decides for `fd`: it is configured and `fd`
/// does not return the result template (IOConvention::forFunction's choice;
/// whether `fd` is IO is IOConvention's question).
bool usesStatusConvention(const clang::FunctionDecl &fd, const Conventions &conv);
/// True if the definition of `fd` (any redeclaration's) is a coroutine: a
/// call to it runs none of its body, and it is never an IO function.
bool isCoroutine(const clang::FunctionDecl &fd);

} // namespace yieldcheck

#endif
