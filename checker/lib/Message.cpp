//===- Message.cpp - A finding's message as parts -------------------------===//
#include "yieldcheck/Message.h"

#include "yieldcheck/Analysis.h"

namespace yieldcheck {
namespace {

// "the yield at line 12" / "the yields at lines 12, 14 and 20" / "the yield
// at line 7 (and 4 more)": the words naming a line go through the style.
std::string yieldsPhrase(const std::vector<unsigned> &lines,
                         const MessageStyle &style) {
  if (lines.empty())
    return "";
  auto one = [&](unsigned l) {
    return style.literal("the yield at ") +
           style.line("line " + std::to_string(l), l);
  };
  if (lines.size() == 1)
    return one(lines[0]);
  if (lines.size() > kListedYields)
    return one(lines[0]) +
           style.literal(" (and " + std::to_string(lines.size() - 1) + " more)");
  std::string s = style.literal("the yields at lines ");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0)
      s += style.literal(i + 1 == lines.size() ? " and " : ", ");
    s += style.line(std::to_string(lines[i]), lines[i]);
  }
  return s;
}

} // namespace

Message::Message(std::string plain) {
  if (!plain.empty())
    parts.push_back({MessagePart::Text, std::move(plain)});
}

Message &Message::addAction(std::string text) {
  parts.push_back({MessagePart::Action, std::move(text)});
  return *this;
}

Message &Message::addText(std::string text) {
  parts.push_back({MessagePart::Text, std::move(text)});
  return *this;
}

Message &Message::addYields(std::vector<unsigned> lines) {
  yieldLines = std::move(lines);
  parts.push_back({MessagePart::Yields, ""});
  return *this;
}

Message &Message::addClause() {
  parts.push_back({MessagePart::Clause, ""});
  return *this;
}

Message &Message::addPause() {
  parts.push_back({MessagePart::Pause, ""});
  return *this;
}

std::string Message::render(const MessageStyle &style) const {
  std::string out;
  bool sentenceStart = true;
  auto add = [&](std::string piece) {
    if (piece.empty())
      return;
    if (style.sentences && sentenceStart && piece[0] >= 'a' && piece[0] <= 'z')
      piece[0] = static_cast<char>(piece[0] - 'a' + 'A');
    sentenceStart = false;
    out += piece;
  };
  for (const MessagePart &p : parts) {
    switch (p.kind) {
    case MessagePart::Action:
    case MessagePart::Text:
      add(style.literal(p.text));
      break;
    case MessagePart::Yields:
      add(yieldsPhrase(yieldLines, style));
      break;
    case MessagePart::Clause:
      out += style.sentences ? ". " : "; ";
      sentenceStart = true;
      break;
    case MessagePart::Pause:
      out += style.sentences ? ", " : " ";
      break;
    }
  }
  if (style.sentences && !out.empty() && out.back() != '.')
    out += '.';
  return out;
}

Message Message::action() const {
  Message out;
  for (const MessagePart &p : parts)
    if (p.kind == MessagePart::Action)
      out.addAction(p.text);
  return out;
}

} // namespace yieldcheck
