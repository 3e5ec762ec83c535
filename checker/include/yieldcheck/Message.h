//===- Message.h - A finding's message as parts ---------------------------===//
//
// The library builds each message as parts; every front end renders it:
// plain text (the terminal, JSON, GitLab, the language server, clang-tidy)
// or SARIF (its clauses as sentences, its yield lines linked to the related
// locations). No front end parses the text back, so a rewording keeps the
// links.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_MESSAGE_H
#define YIELDCHECK_MESSAGE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace yieldcheck {

struct MessagePart {
  enum Kind : uint8_t {
    /// Text that also says what happens at the mutation, alone ("'n_' is
    /// incremented"): SARIF's code flow step there.
    Action,
    Text,
    /// The yields phrase, from Message::yieldLines: "the yield at line 12",
    /// "the yields at lines 12, 14 and 20", "the yield at line 7 (and 4
    /// more)".
    Yields,
    /// Between two clauses: "; " in plain text, a new sentence in SARIF.
    Clause,
    /// After an introductory phrase ("when ... after that yield"): a space
    /// in plain text, ", " in sentences.
    Pause,
  };
  Kind kind = Text;
  std::string text; // Action and Text only

  bool operator==(const MessagePart &o) const {
    return kind == o.kind && text == o.text;
  }
};

/// How a front end spells a message. The defaults are plain text, clang's
/// style: one sentence, clauses joined by "; ".
struct MessageStyle {
  virtual ~MessageStyle() = default;
  /// Each clause a sentence: capitalised, ". " between them, a final ".".
  bool sentences = false;
  /// Literal text as the format needs it (SARIF escapes brackets).
  virtual std::string literal(llvm::StringRef text) const { return text.str(); }
  /// The words that name one yield line: "line 12" when the phrase names
  /// one line, "12" in a list of them.
  virtual std::string line(llvm::StringRef words, unsigned line) const {
    return literal(words);
  }
};

struct Message {
  std::vector<MessagePart> parts;
  /// The lines the Yields part names: distinct, in source order, all of
  /// them (the phrase counts those past kListedYields).
  std::vector<unsigned> yieldLines;

  Message() = default;
  /// A message of plain text alone.
  Message(std::string plain);
  Message(const char *plain) : Message(std::string(plain)) {}

  Message &addAction(std::string text);
  Message &addText(std::string text);
  Message &addYields(std::vector<unsigned> lines);
  Message &addClause();
  Message &addPause();

  std::string render(const MessageStyle &style) const;
  std::string plainText() const { return render(MessageStyle()); }
  /// The Action parts alone, as a message of their own (empty if none).
  Message action() const;
  bool empty() const { return parts.empty(); }

  bool operator==(const Message &o) const {
    return parts == o.parts && yieldLines == o.yieldLines;
  }
  bool operator!=(const Message &o) const { return !(*this == o); }
};

} // namespace yieldcheck

#endif
