#include "Mutations.h"

#include "IOConvention.h"
#include "IOFunctions.h"
#include "Limits.h"
#include "NameLists.h"
#include "yieldcheck/Report.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace yieldcheck {

MutationKind kindOf(Write::Op op) {
  switch (op) {
  case Write::Grow:
    return MutationKind::ContainerGrowth;
  case Write::Advance:
    return MutationKind::CounterAdvance;
  case Write::Keyed:
    return MutationKind::KeyedInsert;
  case Write::Assign:
    return MutationKind::FieldAssign;
  }
  return MutationKind::FieldAssign;
}

namespace {

std::string recordName(QualType t) {
  if (t.isNull())
    return {};
  t = t.getNonReferenceType();
  if (const auto *tst = t->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *td = tst->getTemplateName().getAsTemplateDecl())
      return td->getName().str();
  if (const CXXRecordDecl *rd = t->getAsCXXRecordDecl())
    return rd->getName().str();
  return {};
}

bool hasMember(QualType t, llvm::StringRef name) {
  if (t.isNull())
    return false;
  const CXXRecordDecl *rd = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (!rd || !rd->hasDefinition())
    return false;
  rd = rd->getDefinition();
  for (const Decl *d : rd->decls())
    if (const auto *nd = dyn_cast<NamedDecl>(d))
      if (nd->getName() == name)
        return true;
  return false;
}

bool isStringLike(QualType t) {
  std::string n = llvm::StringRef(recordName(t)).lower();
  return n.find("string") != std::string::npos || hasMember(t, "append") ||
         hasMember(t, "push_back");
}

struct Verb {
  const char *active; // "appends to"
  const char *again;  // "appends"
};

Verb lookupVerb(llvm::StringRef name,
                std::initializer_list<std::pair<const char *, Verb>> table,
                Verb fallback) {
  for (const auto &entry : table)
    if (name == entry.first)
      return entry.second;
  return fallback;
}

Verb growthVerb(llvm::StringRef name) {
  const Verb append{"appends to", "appends"}, prepend{"prepends to", "prepends"},
      add{"adds to", "adds"}, remove{"removes from", "removes"},
      insert{"inserts into", "inserts"}, erase{"erases from", "erases"},
      move{"moves elements into", "moves elements"};
  return lookupVerb(name,
                    {{"push_back", append}, {"emplace_back", append},
                     {"append", append}, {"extend", append},
                     {"push_front", prepend}, {"emplace_front", prepend},
                     {"push", add}, {"enqueue", add}, {"add", add},
                     {"pop_back", remove}, {"pop_front", remove},
                     {"pop", remove}, {"dequeue", remove},
                     {"insert", insert}, {"emplace", insert},
                     {"emplace_hint", insert}, {"erase", erase},
                     {"erase_if", erase}, {"extract", erase},
                     {"splice", move}, {"merge", move}},
                    {"grows", "grows it"});
}

Verb keyedVerb(llvm::StringRef name) {
  const Verb erase{"erases from", "erases"};
  return lookupVerb(name, {{"erase", erase}, {"erase_if", erase}, {"extract", erase}},
                    {"inserts into", "inserts"});
}

// Does `e` read the storage designated by `key`? A worklist, not recursion:
// `c_ = c_ + 1 + 1 + ...` nests as deep as it has terms, and clang parses
// tens of thousands of them.
bool readsKey(const Expr *e, const std::string &key, const FunctionDecl &fn) {
  llvm::SmallVector<const Expr *, 16> work;
  if (e)
    work.push_back(e);
  while (!work.empty()) {
    e = work.pop_back_val()->IgnoreParenImpCasts();
    if (isa<DeclRefExpr>(e) || isa<MemberExpr>(e) ||
        isa<CXXDependentScopeMemberExpr>(e)) {
      StorageRef r = classifyStorage(e, fn);
      if (r.persistent() && r.key == key)
        return true;
    }
    for (const Stmt *child : e->children())
      if (const auto *ce = dyn_cast_or_null<Expr>(child))
        work.push_back(ce);
  }
  return false;
}

// `merge_ = MergeState{Phase::Drain, merge_.run}`: a new value built from
// pieces of the old one is an assignment (a commit when it is a state), not
// an advance: only arithmetic on the same scalar advances it.
bool buildsNewValue(const Expr *rhs) {
  rhs = stripExpr(rhs);
  if (!rhs || rhs->getType().isNull() || !rhs->getType()->isRecordType())
    return false;
  if (const auto *ce = dyn_cast<CXXConstructExpr>(rhs))
    return isa<CXXTemporaryObjectExpr>(ce) || ce->getNumArgs() != 1 ||
           ce->isListInitialization();
  return isa<InitListExpr>(rhs) || isa<CXXFunctionalCastExpr>(rhs) ||
         isa<CXXUnresolvedConstructExpr>(rhs);
}

const Expr *subscriptBase(const Expr *lhs) {
  lhs = stripExpr(lhs);
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(lhs))
    if (op->getOperator() == OO_Subscript && op->getNumArgs() == 2)
      return op->getArg(0);
  return nullptr;
}

bool isConstMethod(const CXXMethodDecl *md) { return md && md->isConst(); }

} // namespace

bool isValueWrapperType(QualType t) {
  std::string n = recordName(t);
  return n == "optional" || n == "variant" || n == "unique_ptr" ||
         n == "shared_ptr" || n == "any" || n == "expected";
}

// By structure, not by name (a `Bitmap`, `BitSet` or `TileMap` is indexed by
// position; a user's `IdMap` may be anything):
//  - it declares or inherits `key_type`, as the maps and sets of std, absl,
//    llvm and Qt do;
//  - or it is a class template whose `operator[]` takes one of its template
//    type parameters (`V &operator[](const K &)`): a subscript by key, where
//    a sequence's takes its `size_type`.
static bool declaresKeyType(const CXXRecordDecl *rd, unsigned depth) {
  if (!rd || !rd->hasDefinition() || depth > limits::kBaseClassDepth)
    return false;
  rd = rd->getDefinition();
  for (const Decl *d : rd->decls())
    if (const auto *nd = dyn_cast<NamedDecl>(d))
      if (nd->getIdentifier() && nd->getName() == "key_type")
        return true;
  for (const CXXBaseSpecifier &base : rd->bases())
    if (declaresKeyType(base.getType()->getAsCXXRecordDecl(), depth + 1))
      return true;
  return false;
}

static bool subscriptsByTemplateParameter(const CXXRecordDecl *rd) {
  const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(rd);
  const CXXRecordDecl *pattern =
      spec ? spec->getSpecializedTemplate()->getTemplatedDecl() : nullptr;
  if (!pattern || !pattern->hasDefinition())
    return false;
  for (const CXXMethodDecl *md : pattern->getDefinition()->methods())
    if (md->getOverloadedOperator() == OO_Subscript && md->getNumParams() == 1) {
      QualType p = md->getParamDecl(0)->getType().getNonReferenceType();
      if (isa<TemplateTypeParmType>(p.getUnqualifiedType().getTypePtr()))
        return true;
    }
  return false;
}

bool isKeyedType(QualType t) {
  if (t.isNull())
    return false;
  const CXXRecordDecl *rd = t.getNonReferenceType()->getAsCXXRecordDecl();
  return declaresKeyType(rd, 0) || subscriptsByTemplateParameter(rd);
}

// The effect of a visible callee on its receiver, its parameters and globals.
struct MutationClassifier::Summary {
  struct Effect {
    Write::Op op;
    StoragePath::Root root; // This, Param, Global or Captured
    unsigned paramIndex = 0;
    bool throughPointer = false; // Param: written through the pointer
    std::vector<StorageStep> rel; // steps below the root (Param: below the deref)
    StoragePath global; // Global: the whole path
    const VarDecl *capturedVar = nullptr; // Captured: the lambda's capture
    QualType type;
    const ValueDecl *leaf = nullptr;
    std::string active;          // "appends to 'queue_'"
    std::string again;           // "appends to 'queue_'"
  };
  std::vector<Effect> effects;
};

MutationClassifier::MutationClassifier(const Conventions &conv, ASTContext &ctx)
    : conv(conv), ctx(ctx), depthBudget(conv.summaryDepth) {}
MutationClassifier::~MutationClassifier() = default;

std::string MutationClassifier::text(const Expr *e) const {
  if (!e)
    return {};
  e = e->IgnoreParens(); // `++(ssl->handshake->out_msg_seq)` names the field
  const SourceManager &sm = ctx.getSourceManager();
  CharSourceRange range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(e->getSourceRange()), sm, ctx.getLangOpts());
  std::string raw;
  if (range.isValid())
    raw = Lexer::getSourceText(range, sm, ctx.getLangOpts()).str();
  if (raw.empty()) {
    if (const auto *me = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts()))
      raw = me->getMemberDecl()->getName().str();
    else if (const auto *dre = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts()))
      raw = dre->getDecl()->getName().str();
    else
      raw = "expression";
  }
  std::string out = normaliseWhitespace(raw);
  for (size_t p; (p = out.find("this->")) != std::string::npos;)
    out.erase(p, 6);
  if (out.size() > 60)
    out = out.substr(0, 57) + "...";
  return out;
}

void MutationClassifier::classifyMethodCall(llvm::StringRef name,
                                            const Expr *object,
                                            bool objectIsPointer,
                                            const CallExpr *call,
                                            const FunctionDecl &fn,
                                            std::vector<Write> &out) {
  // A yielding call (log_.append(rec) returning IO) is the yield's own
  // operation, resumed on re-entry, not a replayed mutation.
  if (call && returnsResultTemplate(*call, conv))
    return;
  StorageRef target = objectIsPointer ? classifyPointee(object, fn)
                                      : classifyStorage(object, fn);
  if (!target.persistent())
    return;
  QualType type = object ? stripExpr(object)->getType() : QualType();
  if (objectIsPointer && !type.isNull() && type->isPointerType())
    type = type->getPointeeType();
  if (target.type.isNull())
    target.type = type;
  std::string objText = object && isa<CXXThisExpr>(stripExpr(object))
                            ? std::string("*this")
                            : text(object);
  std::string subject = objText == "*this"
                            ? name.str()
                            : objText + (objectIsPointer ? "->" : ".") + name.str();
  auto emit = [&](Write::Op op, std::string subj, std::string verb,
                  std::string again, bool removes) {
    Write w;
    w.op = op;
    w.target = target;
    w.expr = call;
    w.subject = std::move(subj);
    w.verb = std::move(verb);
    w.again = std::move(again);
    w.value = call; // emplace<T>/reset: StateModel::valueOf reads the call
    w.removes = removes;
    out.push_back(std::move(w));
  };
  // Through a local alias (auto &q = queue_;): name what it is bound to,
  // when that is one named member (or method result) of this object.
  std::string objName = "'" + objText + "'";
  if (const auto *dre = object ? dyn_cast<DeclRefExpr>(stripExpr(object)) : nullptr)
    if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
      if (vd->hasLocalStorage() && !isa<ParmVarDecl>(vd) &&
          target.path.root == StoragePath::This &&
          target.path.steps.size() == 1) {
        const StorageStep &member = target.path.steps.front();
        bool named = member.kind == StorageStep::Call ||
                     (member.kind == StorageStep::Field && !member.name.empty());
        std::string bound = target.path.spelling(); // "queue_", "queue()"
        if (named && bound != objText)
          objName = "'" + bound + "' (through '" + objText + "')";
      }
  auto make = [&](Write::Op op, Verb v) {
    const std::string active = v.active;
    emit(op, subject, active + " " + objName,
         std::string("it ") + v.again + " again",
         active.rfind("removes", 0) == 0 || active.rfind("erases", 0) == 0);
  };
  if (inList(name, conv.clearCalls)) {
    emit(Write::Grow, subject, "empties " + objName, "it empties it again", true);
    out.back().empties = true;
    return;
  }
  if (isValueWrapperType(type) && (name == "emplace" || name == "reset"))
    return emit(Write::Assign, objText, "is assigned", "it is assigned again", false);
  if (name == "swap") // replaying a swap swaps back
    return emit(Write::Assign, objText, "is swapped", "it is swapped again", false);
  if (name == "assign")
    return emit(Write::Assign, objText, "is assigned", "it is assigned again", false);
  if (inList(name, conv.keyedMethods)) {
    bool keyed = isKeyedType(type) || type.isNull() || type->isDependentType();
    return make(keyed ? Write::Keyed : Write::Grow,
                keyed ? keyedVerb(name) : growthVerb(name));
  }
  if (inList(name, conv.growthMethods))
    return make(Write::Grow, growthVerb(name));
  if (inList(name, conv.counterMethods))
    return emit(Write::Advance, subject, "advances '" + objText + "'",
                "it advances it again", false);
}

void MutationClassifier::addCallEffects(const CallExpr *call,
                                        const FunctionDecl &fn,
                                        std::vector<Write> &out) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee || depthBudget == 0)
    return;
  const FunctionDecl *def = nullptr;
  if (!callee->hasBody(def) || !def)
    return;
  const SourceManager &sm = ctx.getSourceManager();
  if (sm.isInSystemHeader(def->getLocation()))
    return;
  // An IO callee is analysed on its own; its writes are its own replay.
  if (isIOFunction(*def, conv) || isCoroutine(*def))
    return;
  // An error wrapper records the last error (`session->err_code`): the
  // status it returns is the caller's yield, not a replayed mutation.
  if (def->getIdentifier() && inList(def->getName(), conv.againWrappers))
    return;
  const Summary &sum = summaryOf(def, depthBudget - 1);
  if (sum.effects.empty())
    return;

  const auto *mc = dyn_cast<CXXMemberCallExpr>(call);
  const Expr *receiver = mc ? mc->getImplicitObjectArgument() : nullptr;
  bool receiverIsPointer = false;
  if (mc)
    if (const auto *me = dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParenImpCasts()))
      receiverIsPointer = me->isArrow();
  unsigned argOffset = 0;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call))
    if (isa<CXXMethodDecl>(callee)) {
      receiver = op->getArg(0);
      argOffset = 1;
    }

  std::string calleeText = def->getNameAsString();
  if (mc && receiver && !isa<CXXThisExpr>(stripExpr(receiver)))
    calleeText = text(receiver) + (receiverIsPointer ? "->" : ".") + calleeText;

  // A lambda's `this` and captures are the enclosing function's.
  const auto *lambdaOp = dyn_cast<CXXMethodDecl>(def);
  bool isLambda = lambdaOp && lambdaOp->getParent()->isLambda();
  if (isLambda && receiver)
    calleeText = text(receiver);

  for (const Summary::Effect &eff : sum.effects) {
    StorageRef base;
    if (eff.root == StoragePath::This && isLambda) {
      base.setPath(StoragePath::thisObject());
    } else if (eff.root == StoragePath::Captured) {
      if (!isLambda || !eff.capturedVar)
        continue;
      base = classifyVar(eff.capturedVar, fn);
    } else if (eff.root == StoragePath::This) {
      if (!receiver)
        continue;
      base = receiverIsPointer ? classifyPointee(receiver, fn)
                               : classifyStorage(receiver, fn);
    } else if (eff.root == StoragePath::Param) {
      unsigned i = eff.paramIndex + argOffset;
      if (i >= call->getNumArgs())
        continue;
      const Expr *arg = call->getArg(i);
      base = eff.throughPointer ? classifyPointee(arg, fn) : classifyStorage(arg, fn);
    } else {
      base.setPath(eff.global);
    }
    if (!base.persistent())
      continue;
    Write w;
    w.op = eff.op;
    w.target = base;
    if (eff.root != StoragePath::Global)
      w.target.appendSteps(eff.rel);
    w.target.type = eff.type;
    w.target.leaf = eff.leaf;
    w.expr = call;
    w.subject = calleeText;
    w.verb = eff.active;
    w.again = "it " + eff.again + " again";
    w.viaCall = true;
    out.push_back(std::move(w));
    break; // one finding per call: the first effect names it
  }
}

const MutationClassifier::Summary &
MutationClassifier::summaryOf(const FunctionDecl *fd, unsigned depth) {
  std::unique_ptr<Summary> &slot = cache[fd];
  if (slot)
    return *slot;
  slot = std::make_unique<Summary>();
  Summary *sum = slot.get();
  unsigned savedBudget = depthBudget;
  depthBudget = depth;

  // Every statement of the body, in order, except nested lambdas' bodies.
  llvm::SmallVector<const Stmt *, 64> work{fd->getBody()};
  std::vector<Write> writes;
  while (!work.empty()) {
    const Stmt *s = work.pop_back_val();
    if (!s)
      continue;
    if (isa<LambdaExpr>(s))
      continue;
    std::vector<Write> ws = classify(s, *fd);
    writes.insert(writes.end(), ws.begin(), ws.end());
    llvm::SmallVector<const Stmt *, 8> kids(s->child_begin(), s->child_end());
    for (auto it = kids.rbegin(); it != kids.rend(); ++it)
      work.push_back(*it);
  }
  // Put the strongest kind first: growth, counter, keyed, assignment.
  std::stable_sort(writes.begin(), writes.end(),
                   [](const Write &a, const Write &b) { return a.op < b.op; });
  for (const Write &w : writes) {
    // A summary keeps no order, so "empties, then adds" cannot be told from
    // "adds, then empties": a callee's clears are left out, as before.
    if (w.empties)
      continue;
    Summary::Effect eff;
    eff.op = w.op;
    eff.root = w.target.path.root;
    eff.type = w.target.type;
    eff.leaf = w.target.leaf;
    llvm::ArrayRef<StorageStep> below = w.target.path.relativeToRoot();
    if (w.target.path.root == StoragePath::This) {
      eff.rel.assign(below.begin(), below.end());
    } else if (w.target.path.root == StoragePath::Param) {
      eff.paramIndex = w.target.path.paramIndex;
      eff.throughPointer = !below.empty() && below.front().kind == StorageStep::Deref;
      if (eff.throughPointer) // the caller's argument is the pointer
        below = below.drop_front();
      eff.rel.assign(below.begin(), below.end());
    } else if (w.target.path.root == StoragePath::Global) {
      eff.global = w.target.path;
    } else if (w.target.path.root == StoragePath::Captured && w.target.path.rootVar) {
      eff.capturedVar = w.target.path.rootVar;
      eff.rel.assign(below.begin(), below.end());
    } else {
      continue;
    }
    bool fieldForm = w.op == Write::Advance || w.op == Write::Assign;
    if (w.viaCall) {
      eff.active = w.verb;
      eff.again = w.verb;
    } else if (fieldForm) {
      // "'hits_' is incremented" becomes "increments 'hits_'".
      llvm::StringRef passive = w.verb;
      std::string active = llvm::StringSwitch<std::string>(passive)
                               .Case("is incremented", "increments")
                               .Case("is decremented", "decrements")
                               .Case("is assigned", "assigns")
                               .Default("updates");
      eff.active = active + " '" + w.subject + "'";
      eff.again = eff.active;
    } else {
      eff.active = w.verb;
      eff.again = w.verb;
    }
    sum->effects.push_back(std::move(eff));
  }
  depthBudget = savedBudget;
  return *sum;
}

std::vector<Write> MutationClassifier::classify(const Stmt *s,
                                                const FunctionDecl &fn) {
  std::vector<Write> out;
  const auto *e = dyn_cast_or_null<Expr>(s);
  if (!e)
    return out;

  auto fieldWrite = [&](Write::Op op, const Expr *lhs, const char *verb,
                        const char *again, const Expr *value) {
    StorageRef t = classifyStorage(lhs, fn);
    if (!t.persistent())
      return;
    Write w;
    w.op = op;
    w.target = t;
    w.expr = e;
    w.subject = text(lhs);
    w.verb = verb;
    w.again = again;
    w.value = value;
    out.push_back(std::move(w));
  };
  auto assignment = [&](const Expr *lhs, const Expr *rhs) {
    StorageRef t = classifyStorage(lhs, fn);
    if (!t.persistent())
      return;
    if (const Expr *base = subscriptBase(lhs)) {
      if (isKeyedType(stripExpr(base)->getType())) {
        StorageRef container = classifyStorage(base, fn);
        Write w;
        w.op = Write::Keyed;
        w.target = container.persistent() ? container : t;
        w.expr = e;
        w.subject = text(lhs);
        w.verb = "writes into '" + text(base) + "'";
        w.again = "it writes again";
        out.push_back(std::move(w));
        return;
      }
    }
    if (!buildsNewValue(rhs) && readsKey(rhs, t.key, fn))
      return fieldWrite(Write::Advance, lhs, "is updated from its own value",
                        "it is updated again", nullptr);
    fieldWrite(Write::Assign, lhs, "is assigned", "it is assigned again", rhs);
  };

  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    if (uo->isIncrementOp())
      fieldWrite(Write::Advance, uo->getSubExpr(), "is incremented",
                 "it is incremented again", nullptr);
    else if (uo->isDecrementOp())
      fieldWrite(Write::Advance, uo->getSubExpr(), "is decremented",
                 "it is decremented again", nullptr);
    return out;
  }
  if (const auto *cao = dyn_cast<CompoundAssignOperator>(e)) {
    switch (cao->getOpcode()) {
    case BO_OrAssign: // idempotent: replaying sets the same bits
    case BO_AndAssign:
      return out;
    // The amount, for StateModel: a field advanced by what was just
    // transferred (`sent += n`) is a progress field when a guard reads it.
    case BO_AddAssign:
      fieldWrite(Write::Advance, cao->getLHS(), "is incremented",
                 "it is incremented again", cao->getRHS());
      return out;
    case BO_SubAssign:
      fieldWrite(Write::Advance, cao->getLHS(), "is decremented",
                 "it is decremented again", cao->getRHS());
      return out;
    default:
      fieldWrite(Write::Advance, cao->getLHS(), "is updated in place",
                 "it is updated again", nullptr);
      return out;
    }
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->getOpcode() == BO_Assign)
      assignment(bo->getLHS(), bo->getRHS());
    return out;
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getNumArgs() == 0)
      return out;
    const Expr *lhs = op->getArg(0);
    switch (op->getOperator()) {
    case OO_Equal:
      if (op->getNumArgs() == 2)
        assignment(lhs, op->getArg(1));
      return out;
    case OO_PlusPlus:
      fieldWrite(Write::Advance, lhs, "is incremented", "it is incremented again", nullptr);
      return out;
    case OO_MinusMinus:
      fieldWrite(Write::Advance, lhs, "is decremented", "it is decremented again", nullptr);
      return out;
    case OO_PlusEqual:
      if (isStringLike(stripExpr(lhs)->getType()))
        fieldWrite(Write::Grow, lhs, "is appended to", "it is appended to again", nullptr);
      else
        fieldWrite(Write::Advance, lhs, "is incremented", "it is incremented again", nullptr);
      return out;
    case OO_MinusEqual:
      fieldWrite(Write::Advance, lhs, "is decremented", "it is decremented again", nullptr);
      return out;
    case OO_StarEqual:
    case OO_SlashEqual:
    case OO_PercentEqual:
    case OO_CaretEqual:
    case OO_LessLessEqual:
    case OO_GreaterGreaterEqual:
      fieldWrite(Write::Advance, lhs, "is updated in place", "it is updated again", nullptr);
      return out;
    case OO_LessLess: {
      std::string n = llvm::StringRef(recordName(stripExpr(lhs)->getType())).lower();
      if (n.find("stream") != std::string::npos)
        fieldWrite(Write::Grow, lhs, "is written to", "it is written to again", nullptr);
      return out;
    }
    default:
      break;
    }
    if (isa<CXXMethodDecl>(op->getCalleeDecl()))
      addCallEffects(op, fn, out);
    return out;
  }
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (!md || isConstMethod(md) || isCoroutine(*md))
      return out;
    bool arrow = false;
    if (const auto *me = dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParenImpCasts()))
      arrow = me->isArrow();
    // A method of the class itself (push() on *this): its body knows better
    // than the vocabulary what it mutates.
    const Expr *object = mc->getImplicitObjectArgument();
    bool self = object && isa<CXXThisExpr>(stripExpr(object));
    size_t before = out.size();
    if (self)
      addCallEffects(mc, fn, out);
    if (out.size() == before)
      classifyMethodCall(md->getName(), object, arrow, mc, fn, out);
    if (out.size() == before && !self)
      addCallEffects(mc, fn, out);
    return out;
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
    if (const auto *dme = dyn_cast<CXXDependentScopeMemberExpr>(callee)) {
      const Expr *base = dme->isImplicitAccess() ? nullptr : dme->getBase();
      if (!base) {
        // this->member(...) in a template: treat the receiver as *this.
        return out;
      }
      classifyMethodCall(dme->getMember().getAsString(), base, dme->isArrow(),
                         call, fn, out);
      return out;
    }
    if (const auto *ume = dyn_cast<UnresolvedMemberExpr>(callee)) {
      if (!ume->isImplicitAccess())
        classifyMethodCall(ume->getMemberName().getAsString(), ume->getBase(),
                           ume->isArrow(), call, fn, out);
      return out;
    }
    if (const FunctionDecl *fd = call->getDirectCallee()) {
      if (fd->isInStdNamespace() && fd->getName() == "exchange" &&
          call->getNumArgs() == 2) {
        StorageRef t = classifyStorage(call->getArg(0), fn);
        if (t.persistent()) {
          Write w;
          w.op = Write::Assign;
          w.target = t;
          w.expr = e;
          w.subject = text(call->getArg(0));
          w.verb = "is assigned";
          w.again = "it is assigned again";
          w.value = call->getArg(1);
          out.push_back(std::move(w));
        }
        return out;
      }
      if (fd->getIdentifier() && call->getNumArgs() > 0) {
        bool clears = inList(fd->getName(), conv.clearCalls);
        if (clears || inList(fd->getName(), conv.growthFunctions)) {
          growthCall(fd->getName(), call, fn, out, clears);
          return out;
        }
      }
      pendingFieldsOf(call, fn, out);
      addCallEffects(call, fn, out);
    }
  }
  return out;
}

// `mbedtls_ssl_write_record(ssl, ...)` leaves `ssl->out_left` non-zero when
// it yields: the call commits that field (to a value not known here), so
// `if (ssl->out_left == 0) { build the record; }` before it is not taken
// again by the re-entry. Only commits: a status-code assignment without a
// value is never reported (Replay::statusReportable).
void MutationClassifier::pendingFieldsOf(const CallExpr *call,
                                         const FunctionDecl &fn,
                                         std::vector<Write> &out) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (conv.pendingFields.empty() || !callee ||
      !IOConvention::forFunction(fn, conv, ctx)->statusCodes() ||
      !isIOFunction(*callee, conv))
    return;
  for (const Expr *arg : call->arguments()) {
    QualType t = arg->getType();
    const RecordDecl *rd = t->isPointerType()
                               ? t->getPointeeType()->getAsRecordDecl()
                               : nullptr;
    if (!rd || !(rd = rd->getDefinition()))
      continue;
    StorageRef base = classifyPointee(arg, fn);
    if (!base.persistent())
      continue;
    for (const FieldDecl *field : rd->fields()) {
      if (!field->getIdentifier() || !inList(field->getName(), conv.pendingFields))
        continue;
      Write w;
      w.op = Write::Assign;
      w.target = fieldOf(base, field);
      w.expr = call;
      w.subject = text(arg) + "->" + field->getName().str();
      w.verb = "is assigned";
      w.again = "it is assigned again";
      w.viaCall = true;
      out.push_back(std::move(w));
    }
  }
}

// C helpers that grow what their first argument points to:
// `_libssh2_list_add(&session->channels, &channel->node)`.
void MutationClassifier::growthCall(llvm::StringRef name, const CallExpr *call,
                                    const FunctionDecl &fn,
                                    std::vector<Write> &out, bool clears) {
  const Expr *arg = stripExpr(call->getArg(0));
  StorageRef target;
  std::string objText;
  if (const auto *addr = dyn_cast<UnaryOperator>(arg);
      addr && addr->getOpcode() == UO_AddrOf) {
    target = classifyStorage(addr->getSubExpr(), fn);
    objText = text(addr->getSubExpr());
  } else {
    target = classifyPointee(arg, fn);
    objText = text(arg);
  }
  if (!target.persistent())
    return;
  Write w;
  w.op = Write::Grow;
  w.target = target;
  w.expr = call;
  w.subject = name.str();
  w.verb = (clears ? "empties '" : "adds to '") + objText + "'";
  w.again = clears ? "it empties it again" : "it adds again";
  w.removes = w.empties = clears;
  out.push_back(std::move(w));
}

} // namespace yieldcheck
