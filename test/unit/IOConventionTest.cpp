// IOConvention: which convention decides for a function, whether it is an
// IO function, and which of its returns are yield points, on small ASTs.
#include "IOConvention.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace yieldcheck;

namespace {

std::unique_ptr<ASTUnit> parse(const std::string &code, const std::string &file,
                               const std::vector<std::string> &args) {
  std::unique_ptr<ASTUnit> ast =
      tooling::buildASTFromCodeWithArgs(code, args, file);
  EXPECT_TRUE(ast);
  EXPECT_FALSE(ast && ast->getDiagnostics().hasErrorOccurred());
  return ast;
}

const FunctionDecl *function(ASTUnit &ast, llvm::StringRef name) {
  for (const Decl *d : ast.getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *fd = dyn_cast<FunctionDecl>(d))
      if (fd->getIdentifier() && fd->getName() == name && fd->hasBody())
        return fd;
  ADD_FAILURE() << "no definition of " << name.str();
  return nullptr;
}

void collectReturns(const Stmt *s, std::vector<const ReturnStmt *> &out) {
  if (!s)
    return;
  if (const auto *ret = dyn_cast<ReturnStmt>(s))
    out.push_back(ret);
  for (const Stmt *child : s->children())
    collectReturns(child, out);
}

/// Whether each `return` of `name`, in source order, is a yield point.
std::vector<bool> yieldingReturns(ASTUnit &ast, const Conventions &conv,
                                  llvm::StringRef name) {
  std::vector<bool> out;
  const FunctionDecl *fd = function(ast, name);
  if (!fd)
    return out;
  std::unique_ptr<IOConvention> io =
      IOConvention::forFunction(*fd, conv, ast.getASTContext());
  std::vector<const ReturnStmt *> returns;
  collectReturns(fd->getBody(), returns);
  for (const ReturnStmt *ret : returns)
    out.push_back(io->returnYields(*ret));
  return out;
}

bool isIO(ASTUnit &ast, const Conventions &conv, llvm::StringRef name) {
  const FunctionDecl *fd = function(ast, name);
  return fd && IOConvention::forFunction(*fd, conv, ast.getASTContext())->isIOFunction();
}

bool usesStatusCodes(ASTUnit &ast, const Conventions &conv, llvm::StringRef name) {
  const FunctionDecl *fd = function(ast, name);
  return fd &&
         IOConvention::forFunction(*fd, conv, ast.getASTContext())->statusCodes();
}

/// Conventions with the status-code convention switched off.
Conventions withoutStatusCodes() {
  Conventions conv;
  conv.againValues.clear();
  conv.ioFunctions.clear();
  conv.ioFunctionPattern.clear();
  conv.doneParams.clear();
  return conv;
}

// A minimal result template and yield macro, as a C++ project spells them.
const char *kResultCode = R"cpp(
template <class T> struct IOResult {
  bool is_io() const { return io; }
  bool io = false;
  T value{};
};
template <class T> IOResult<T> Done(T v) { return IOResult<T>{false, v}; }
IOResult<int> read_some();
#define RETURN_IF_IO(expr) do { auto r_ = (expr); if (r_.is_io()) return r_; } while (0)

IOResult<int> step(int &n) {
  RETURN_IF_IO(read_some());
  ++n;
  if (n > 3)
    return read_some();
  return Done(n);
}

int plain(int x) { return x + 1; }
)cpp";

TEST(IOConventionTest, ResultTemplateFunction) {
  Conventions conv;
  auto ast = parse(kResultCode, "input.cc", {"-std=c++17"});
  ASSERT_TRUE(ast);
  EXPECT_TRUE(isIO(*ast, conv, "step"));
  EXPECT_FALSE(usesStatusCodes(*ast, conv, "step"));
  // The macro's `return r_;`, the passed-up call; not Done(n).
  EXPECT_EQ(yieldingReturns(*ast, conv, "step"),
            (std::vector<bool>{true, true, false}));
  EXPECT_TRUE(isIOFunction(*function(*ast, "step"), conv));
}

TEST(IOConventionTest, PlainFunctionIsNotIO) {
  Conventions conv;
  auto ast = parse(kResultCode, "input.cc", {"-std=c++17"});
  ASSERT_TRUE(ast);
  EXPECT_FALSE(isIO(*ast, conv, "plain"));
  EXPECT_EQ(yieldingReturns(*ast, conv, "plain"), std::vector<bool>{false});
  // Without the status convention configured, the result template decides.
  Conventions noStatus = withoutStatusCodes();
  EXPECT_FALSE(usesStatusCodes(*ast, noStatus, "plain"));
  EXPECT_FALSE(isIO(*ast, noStatus, "plain"));
}

const char *kLibssh2Code = R"c(
#define LIBSSH2_ERROR_EAGAIN -37
struct session { int state; };

int send_some(struct session *s) {
  if (s->state == 0)
    return LIBSSH2_ERROR_EAGAIN;
  return 0;
}

int send_all(struct session *s) {
  int rc = send_some(s);
  if (rc == LIBSSH2_ERROR_EAGAIN)
    return rc;
  s->state = 2;
  return 0;
}
)c";

TEST(IOConventionTest, StatusCodeFunctions) {
  Conventions conv;
  auto ast = parse(kLibssh2Code, "input.c", {"-std=c11"});
  ASSERT_TRUE(ast);
  EXPECT_TRUE(usesStatusCodes(*ast, conv, "send_some"));
  EXPECT_TRUE(isIO(*ast, conv, "send_some"));
  EXPECT_EQ(yieldingReturns(*ast, conv, "send_some"),
            (std::vector<bool>{true, false}));
  // Passing up a callee's "again" makes the caller an IO function too.
  EXPECT_TRUE(isIO(*ast, conv, "send_all"));
  EXPECT_EQ(yieldingReturns(*ast, conv, "send_all"),
            (std::vector<bool>{true, false}));
  // No again value configured: no status convention, nothing is IO.
  Conventions noStatus = withoutStatusCodes();
  EXPECT_FALSE(usesStatusCodes(*ast, noStatus, "send_some"));
  EXPECT_FALSE(isIO(*ast, noStatus, "send_some"));
}

const char *kCurlCode = R"c(
#define bool _Bool
#define true 1
#define false 0
typedef enum { CURLE_OK = 0, CURLE_AGAIN = 81 } CURLcode;
CURLcode do_step(bool *complete);

CURLcode cf_connect(bool *done) {
  bool complete = false;
  *done = false;
  do_step(&complete);
  if (!complete)
    return CURLE_OK;
  *done = true;
  return CURLE_OK;
}
)c";

TEST(IOConventionTest, NotDoneReturnIsAYield) {
  Conventions conv;
  auto ast = parse(kCurlCode, "input.c", {"-std=c11"});
  ASSERT_TRUE(ast);
  EXPECT_TRUE(usesStatusCodes(*ast, conv, "cf_connect"));
  EXPECT_TRUE(isIO(*ast, conv, "cf_connect"));
  // Success while `*done` is still false says "not done": call again.
  EXPECT_EQ(yieldingReturns(*ast, conv, "cf_connect"),
            (std::vector<bool>{true, false}));
}

} // namespace
