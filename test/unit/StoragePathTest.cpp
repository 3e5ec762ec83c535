// Typed storage paths (Storage.h): what classifyStorage makes of the left
// side of assignments in small translation units, and the two printers of a
// path, the canonical key and the source spelling.
//
// The keys are pinned: fingerprints do not hash them, but the reports'
// `target` is the spelling and the analysis's maps and --debug output are
// keyed by them.
#include "Storage.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace yieldcheck;

namespace {

// The function whose body holds `s` (a lambda's call operator for a
// statement in a lambda's body).
const FunctionDecl *enclosingFunction(ASTContext &ctx, DynTypedNode node) {
  for (int depth = 0; depth < 64; ++depth) {
    auto parents = ctx.getParents(node);
    if (parents.empty())
      return nullptr;
    node = parents[0];
    if (const auto *fd = node.get<FunctionDecl>())
      return fd;
    if (const auto *lambda = node.get<LambdaExpr>())
      return lambda->getCallOperator();
  }
  return nullptr;
}

// The steps as one string: "Field:a Deref Element Alternative Call:back".
std::string describe(llvm::ArrayRef<StorageStep> steps) {
  std::string out;
  for (const StorageStep &s : steps) {
    if (!out.empty())
      out += ' ';
    switch (s.kind) {
    case StorageStep::Field:
      out += "Field:" + s.name;
      break;
    case StorageStep::Deref:
      out += "Deref";
      break;
    case StorageStep::Element:
      out += "Element";
      break;
    case StorageStep::Alternative:
      out += "Alternative";
      break;
    case StorageStep::Call:
      out += "Call:" + s.name;
      break;
    }
  }
  return out;
}

// Every assignment of a translation unit (built-in `=`, `+=`, ...), in
// source order, with what classifyStorage makes of its left side.
class Assignments {
public:
  Assignments(const std::string &code, std::vector<std::string> args,
              const std::string &file = "input.cc") {
    ast = tooling::buildASTFromCodeWithArgs(code, args, file);
    if (!ast)
      return;
    ASTContext &ctx = ast->getASTContext();
    // Matching against the context visits every node once.
    auto matches = match(binaryOperator(isAssignmentOperator()).bind("assign"), ctx);
    for (const BoundNodes &m : matches) {
      const auto *bo = m.getNodeAs<BinaryOperator>("assign");
      const FunctionDecl *fn = enclosingFunction(ctx, DynTypedNode::create(*bo));
      if (!fn)
        continue;
      refs.push_back(classifyStorage(bo->getLHS(), *fn));
      offsets.push_back(
          ctx.getSourceManager().getFileOffset(bo->getBeginLoc()));
    }
    // The matches come in traversal order; tests read source order.
    std::vector<size_t> order(refs.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
    std::vector<StorageRef> sorted;
    for (size_t i : order)
      sorted.push_back(refs[i]);
    refs = std::move(sorted);
  }

  bool parsed() const { return ast != nullptr; }
  size_t size() const { return refs.size(); }
  const StorageRef &operator[](size_t i) const { return refs.at(i); }

private:
  std::unique_ptr<ASTUnit> ast;
  std::vector<StorageRef> refs;
  std::vector<unsigned> offsets;
};

const std::vector<std::string> kCxx = {"-std=c++17"};

// One assertion for the whole of a classified path.
void expectPath(const StorageRef &r, StoragePath::Root root,
                const std::string &rootName, const std::string &steps,
                const std::string &key, const std::string &spelling) {
  EXPECT_EQ(r.path.root, root) << key;
  EXPECT_EQ(r.path.rootName, rootName) << key;
  EXPECT_EQ(describe(r.path.steps), steps) << key;
  EXPECT_EQ(r.path.key(), key);
  EXPECT_EQ(r.key, key); // kept beside the path
  EXPECT_EQ(r.path.spelling(), spelling) << key;
}

TEST(StoragePathTest, MembersOfThis) {
  Assignments a(R"cpp(
    struct Op { int state; };
    struct S {
      int count_;
      Op op_;
      void f() {
        count_ = 1;
        op_.state = 2;
        this->op_.state += 3;
        (*this).count_ = 4;
      }
    };
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 4u);
  expectPath(a[0], StoragePath::This, "", "Field:count_", "this.count_", "count_");
  expectPath(a[1], StoragePath::This, "", "Field:op_ Field:state", "this.op_.state",
             "op_.state");
  expectPath(a[2], StoragePath::This, "", "Field:op_ Field:state", "this.op_.state",
             "op_.state");
  expectPath(a[3], StoragePath::This, "", "Field:count_", "this.count_", "count_");
  // The field steps carry their members; the leaf is the last one.
  ASSERT_NE(a[1].path.steps[1].field, nullptr);
  EXPECT_EQ(a[1].path.steps[1].field->getName(), "state");
  EXPECT_EQ(a[1].leaf, a[1].path.steps[1].field);
  EXPECT_EQ(a[1].path.rootVar, nullptr);
}

TEST(StoragePathTest, PointeesOfPointerParameters) {
  Assignments a(R"cpp(
    struct Window { int window; };
    struct Channel { Window *ch; int n; };
    void f(int unused, Channel *s, int *out) {
      s->ch->window = 1;
      s->n = 2;
      *out = 3;
      out[1] = 4;
    }
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 4u);
  expectPath(a[0], StoragePath::Param, "s",
             "Deref Field:ch Deref Field:window", "p:s*.ch*.window",
             "s->ch->window");
  EXPECT_EQ(a[0].path.paramIndex, 1u);
  ASSERT_NE(a[0].path.rootVar, nullptr);
  EXPECT_EQ(a[0].path.rootVar->getName(), "s");
  expectPath(a[1], StoragePath::Param, "s", "Deref Field:n", "p:s*.n", "s->n");
  expectPath(a[2], StoragePath::Param, "out", "Deref", "p:out*", "*out");
  EXPECT_EQ(a[2].path.paramIndex, 2u);
  expectPath(a[3], StoragePath::Param, "out", "Deref Element", "p:out*.[]",
             "out[]");
}

TEST(StoragePathTest, ReferenceParameters) {
  Assignments a(R"cpp(
    struct Conn { int fd; int *buf; };
    void f(int byValue, Conn &c, int &n) {
      c.fd = 1;
      n = 2;
      *c.buf = 3;
      byValue = 4;
    }
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 4u);
  expectPath(a[0], StoragePath::Param, "c", "Field:fd", "p:c.fd", "c.fd");
  EXPECT_EQ(a[0].path.paramIndex, 1u);
  expectPath(a[1], StoragePath::Param, "n", "", "p:n", "n");
  EXPECT_EQ(a[1].path.paramIndex, 2u);
  expectPath(a[2], StoragePath::Param, "c", "Field:buf Deref", "p:c.buf*",
             "*c.buf");
  expectPath(a[3], StoragePath::None, "", "", "", ""); // a copy: not persistent
}

TEST(StoragePathTest, Globals) {
  Assignments a(R"cpp(
    namespace ns { int counter; struct Cfg { int level; } cfg; }
    struct S { static int instances; };
    int S::instances;
    void f() {
      ns::counter = 1;
      ns::cfg.level = 2;
      S::instances = 3;
    }
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 3u);
  expectPath(a[0], StoragePath::Global, "ns::counter", "", "g:ns::counter",
             "ns::counter");
  ASSERT_NE(a[0].path.rootVar, nullptr);
  expectPath(a[1], StoragePath::Global, "ns::cfg", "Field:level",
             "g:ns::cfg.level", "ns::cfg.level");
  expectPath(a[2], StoragePath::Global, "S::instances", "", "g:S::instances",
             "S::instances");
}

TEST(StoragePathTest, LambdaCaptures) {
  Assignments a(R"cpp(
    struct Buf { int len; };
    struct S {
      int hits_;
      void f() {
        int n = 0;
        Buf buf;
        auto byRef = [&n, &buf] { n = 1; buf.len = 2; };
        auto init = [m = 0]() mutable { m = 3; };
        auto self = [this] { hits_ = 4; };
        n = 5;
      }
    };
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 5u);
  expectPath(a[0], StoragePath::Captured, "n", "", "cap:n", "n");
  ASSERT_NE(a[0].path.rootVar, nullptr);
  EXPECT_EQ(a[0].path.rootVar->getName(), "n");
  expectPath(a[1], StoragePath::Captured, "buf", "Field:len", "cap:buf.len",
             "buf.len");
  expectPath(a[2], StoragePath::Captured, "m", "", "cap:m", "m");
  expectPath(a[3], StoragePath::This, "", "Field:hits_", "this.hits_", "hits_");
  // In the function that owns it, the variable is a local.
  expectPath(a[4], StoragePath::None, "", "", "", "");
}

TEST(StoragePathTest, ArrayElementsAndPointerMembers) {
  Assignments a(R"cpp(
    struct Node { int n; };
    struct S {
      int arr_[4];
      int *p_;
      Node *q_;
      Node nodes_[2];
      void f(int i) {
        arr_[i] = 1;
        *p_ = 2;
        q_->n = 3;
        nodes_[i].n = 5;
        p_[i] = 6;
      }
    };
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 5u);
  expectPath(a[0], StoragePath::This, "", "Field:arr_ Element", "this.arr_.[]",
             "arr_[]");
  expectPath(a[1], StoragePath::This, "", "Field:p_ Deref", "this.p_*", "*p_");
  expectPath(a[2], StoragePath::This, "", "Field:q_ Deref Field:n", "this.q_*.n",
             "q_->n");
  expectPath(a[3], StoragePath::This, "", "Field:nodes_ Element Field:n",
             "this.nodes_.[].n", "nodes_[].n");
  expectPath(a[4], StoragePath::This, "", "Field:p_ Element", "this.p_.[]",
             "p_[]");
}

TEST(StoragePathTest, LocalAliasesAreWhatTheyAreBoundTo) {
  Assignments a(R"cpp(
    struct Op { int state; };
    struct S {
      int a_;
      Op op_;
      void f() {
        int &r = a_;
        r = 1;
        int *p = &a_;
        *p = 2;
        Op &op = op_;
        op.state = 3;
        auto &[st] = op_;
        st = 4;
      }
    };
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 4u);
  expectPath(a[0], StoragePath::This, "", "Field:a_", "this.a_", "a_");
  expectPath(a[1], StoragePath::This, "", "Field:a_", "this.a_", "a_");
  expectPath(a[2], StoragePath::This, "", "Field:op_ Field:state",
             "this.op_.state", "op_.state");
  expectPath(a[3], StoragePath::This, "", "Field:op_ Field:state",
             "this.op_.state", "op_.state");
}

TEST(StoragePathTest, VariantAlternativesAndMethodResults) {
  Assignments a(R"cpp(
    namespace std {
    template <class... T> struct variant {};
    template <class T, class... U> T &get(variant<U...> &);
    template <class T, class... U> T *get_if(variant<U...> *);
    }
    struct Pages { int &back(); int *data(); };
    struct S {
      std::variant<int, long> v_;
      Pages pages_;
      void f() {
        std::get<int>(v_) = 1;
        *std::get_if<long>(&v_) = 2;
        pages_.back() = 3;
        *pages_.data() = 4;
      }
    };
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 4u);
  expectPath(a[0], StoragePath::This, "", "Field:v_ Alternative", "this.v_.[alt]",
             "v_");
  expectPath(a[1], StoragePath::This, "", "Field:v_ Alternative", "this.v_.[alt]",
             "v_");
  expectPath(a[2], StoragePath::This, "", "Field:pages_ Call:back",
             "this.pages_.back()", "pages_.back()");
  expectPath(a[3], StoragePath::This, "", "Field:pages_ Call:data",
             "this.pages_.data()", "pages_.data()");
}

TEST(StoragePathTest, AnonymousMembers) {
  Assignments a(R"cpp(
    struct S {
      union { int x; long y; };
      struct { int z; } named_;
      void f() { x = 1; named_.z = 2; }
    };
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 2u);
  // The anonymous union is a member with no name: the key keeps its place,
  // the spelling leaves it out, as the source does.
  expectPath(a[0], StoragePath::This, "", "Field: Field:x", "this..x", "x");
  expectPath(a[1], StoragePath::This, "", "Field:named_ Field:z", "this.named_.z",
             "named_.z");
}

TEST(StoragePathTest, NonPersistentLocals) {
  Assignments a(R"cpp(
    struct Op { int state; };
    int f(int n) {
      int x;
      x = 1;
      Op op;
      op.state = 2;
      int *p = &x;
      *p = 3;
      n = 4;
      return x + op.state + n;
    }
  )cpp", kCxx);
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 4u);
  for (size_t i = 0; i < a.size(); ++i) {
    expectPath(a[i], StoragePath::None, "", "", "", "");
    EXPECT_FALSE(a[i].persistent());
  }
}

TEST(StoragePathTest, C) {
  Assignments a(R"c(
    struct window { int size; };
    struct channel { struct window *ch; int n; };
    int counter;
    static struct channel shared;
    void f(struct channel *s, int *done) {
      static int calls;
      s->ch->size = 1;
      counter += 2;
      shared.n = 3;
      *done = 4;
      calls = 5;
    }
  )c", {"-xc", "-std=c11"}, "input.c");
  ASSERT_TRUE(a.parsed());
  ASSERT_EQ(a.size(), 5u);
  expectPath(a[0], StoragePath::Param, "s", "Deref Field:ch Deref Field:size",
             "p:s*.ch*.size", "s->ch->size");
  expectPath(a[1], StoragePath::Global, "counter", "", "g:counter", "counter");
  expectPath(a[2], StoragePath::Global, "shared", "Field:n", "g:shared.n",
             "shared.n");
  expectPath(a[3], StoragePath::Param, "done", "Deref", "p:done*", "*done");
  EXPECT_EQ(a[3].path.paramIndex, 1u);
  // A static local is a global (C qualifies it with nothing).
  expectPath(a[4], StoragePath::Global, "calls", "", "g:calls", "calls");
}

// Paths built by hand: the queries the consumers ask.
StoragePath thisPath(std::vector<StorageStep> steps) {
  StoragePath p;
  p.root = StoragePath::This;
  p.steps = std::move(steps);
  return p;
}

TEST(StoragePathTest, IsPrefixOfIsKeyCoverage) {
  using St = StorageStep;
  StoragePath a = thisPath({St::fieldStep("a")});
  StoragePath ab = thisPath({St::fieldStep("a"), St::fieldStep("b")});
  StoragePath aDeref = thisPath({St::fieldStep("a"), St::deref()});
  StoragePath aElem = thisPath({St::fieldStep("a"), St::element()});
  StoragePath aLonger = thisPath({St::fieldStep("ab")});
  StoragePath aCall = thisPath({St::call("a")});
  StoragePath self = thisPath({});
  EXPECT_TRUE(a.isPrefixOf(a));
  EXPECT_TRUE(a.isPrefixOf(ab));
  EXPECT_TRUE(a.isPrefixOf(aDeref));
  EXPECT_TRUE(a.isPrefixOf(aElem));
  EXPECT_FALSE(a.isPrefixOf(aLonger)); // "this.a" does not cover "this.ab"
  EXPECT_FALSE(a.isPrefixOf(aCall));   // nor "this.a()"
  EXPECT_FALSE(ab.isPrefixOf(a));
  EXPECT_TRUE(self.isPrefixOf(ab));
  // What the keys' string test (before typed paths) answered: `inner`
  // starts with `outer`, then ends or goes on with '.' or '*'.
  auto keyCovers = [](const std::string &outer, const std::string &inner) {
    if (inner.compare(0, outer.size(), outer) != 0)
      return false;
    return inner.size() == outer.size() || inner[outer.size()] == '.' ||
           inner[outer.size()] == '*';
  };
  for (const StoragePath *o : {&a, &ab, &aDeref, &aElem, &aLonger, &aCall, &self})
    for (const StoragePath *i : {&a, &ab, &aDeref, &aElem, &aLonger, &aCall, &self})
      EXPECT_EQ(keyCovers(o->key(), i->key()), o->isPrefixOf(*i))
          << o->key() << " / " << i->key();
  // Roots compare by kind and name, as keys do.
  StoragePath p, g;
  p.root = StoragePath::Param;
  p.rootName = "a";
  g.root = StoragePath::Global;
  g.rootName = "a";
  EXPECT_FALSE(p.isPrefixOf(g));
  EXPECT_FALSE(self.isPrefixOf(p));
  EXPECT_EQ(describe(a.stepsBelow(aDeref)), "Deref");
  EXPECT_EQ(describe(self.stepsBelow(ab)), "Field:a Field:b");
}

TEST(StoragePathTest, LastSegment) {
  using St = StorageStep;
  EXPECT_EQ(thisPath({St::fieldStep("op_"), St::fieldStep("state")}).lastSegment(),
            "state");
  EXPECT_EQ(thisPath({St::fieldStep("p_"), St::deref()}).lastSegment(), "p_*");
  EXPECT_EQ(thisPath({St::fieldStep("a"), St::element()}).lastSegment(), "[]");
  EXPECT_EQ(thisPath({St::call("get")}).lastSegment(), "get()");
  EXPECT_EQ(thisPath({}).lastSegment(), "this");
  StoragePath p;
  p.root = StoragePath::Param;
  p.rootName = "out";
  p.steps = {St::deref()};
  EXPECT_EQ(p.lastSegment(), "p:out*"); // no '.': the whole key
}

TEST(StoragePathTest, SpellingOfUnusualPaths) {
  using St = StorageStep;
  EXPECT_EQ(thisPath({}).spelling(), "*this");
  EXPECT_EQ(StoragePath().spelling(), "");
  EXPECT_EQ(StoragePath().key(), "");
  // Two derefs inside the path: "(**pp_).n".
  StoragePath pp = thisPath({St::fieldStep("pp_"), St::deref(), St::deref(),
                             St::fieldStep("n")});
  EXPECT_EQ(pp.key(), "this.pp_**.n");
  EXPECT_EQ(pp.spelling(), "**(pp_).n");
  StoragePath call = thisPath({St::fieldStep("cache_"), St::call("")});
  EXPECT_EQ(call.key(), "this.cache_.()");
  EXPECT_EQ(call.spelling(), "cache_.()");
}

} // namespace
