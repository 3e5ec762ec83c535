#include "IOFunctions.h"

#include "Limits.h"
#include "NameLists.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TemplateName.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace yieldcheck {
namespace {

const TemplateDecl *templateOf(TemplateName tn) {
  if (TemplateDecl *td = tn.getAsTemplateDecl())
    return td;
  return nullptr;
}

// The template (or record) name a type spells, and its first type argument.
struct Spelled {
  llvm::StringRef name;
  QualType firstArg;
};

std::optional<Spelled> spelled(QualType t) {
  if (t.isNull())
    return std::nullopt;
  t = t.getNonReferenceType();
  // Walk the sugar: each alias may itself be the result template.
  for (int guard = 0; guard < limits::kTypeDesugarSteps && !t.isNull(); ++guard) {
    if (const auto *tst = t->getAs<TemplateSpecializationType>()) {
      if (const TemplateDecl *td = templateOf(tst->getTemplateName())) {
        if (!td->isImplicit() && !isa<TypeAliasTemplateDecl>(td)) {
          Spelled s{td->getName(), QualType()};
          auto args = tst->template_arguments();
          if (!args.empty() && args[0].getKind() == TemplateArgument::Type)
            s.firstArg = args[0].getAsType();
          return s;
        }
      }
      if (tst->isTypeAlias()) {
        t = tst->getAliasedType();
        continue;
      }
    }
    if (const auto *rt = t->getAs<RecordType>()) {
      const RecordDecl *rd = rt->getDecl();
      if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd)) {
        Spelled s{spec->getSpecializedTemplate()->getName(), QualType()};
        const TemplateArgumentList &args = spec->getTemplateArgs();
        if (args.size() > 0 && args[0].getKind() == TemplateArgument::Type)
          s.firstArg = args[0].getAsType();
        return s;
      }
      if (rd->getIdentifier())
        return Spelled{rd->getName(), QualType()};
    }
    if (const auto *icn = t->getAs<InjectedClassNameType>()) {
      if (const CXXRecordDecl *rd = icn->getDecl())
        if (const ClassTemplateDecl *ctd = rd->getDescribedClassTemplate()) {
          Spelled s{ctd->getName(), QualType()};
          return s;
        }
    }
    QualType next = t->getLocallyUnqualifiedSingleStepDesugaredType();
    if (next == t)
      break;
    t = next;
  }
  return std::nullopt;
}

} // namespace

bool isResultType(QualType t, const Conventions &conv) {
  for (int depth = 0; depth < limits::kResultWrapperDepth; ++depth) {
    std::optional<Spelled> s = spelled(t);
    if (!s)
      return false;
    if (inList(s->name, conv.resultTemplates))
      return true;
    t = s->firstArg; // Result<IOResult<T>>, StatusOr<IOResult<T>>, ...
    if (t.isNull())
      return false;
  }
  return false;
}

bool namesRecord(QualType t, const std::vector<std::string> &names) {
  std::optional<Spelled> s = spelled(t);
  return s && inList(s->name, names);
}

bool usesStatusConvention(const FunctionDecl &fd, const Conventions &conv) {
  return statusConventionEnabled(conv) && !fd.isDependentContext() &&
         !isResultType(fd.getReturnType(), conv);
}

bool isCoroutine(const FunctionDecl &fd) {
  return isa_and_nonnull<CoroutineBodyStmt>(fd.getBody());
}

} // namespace yieldcheck
