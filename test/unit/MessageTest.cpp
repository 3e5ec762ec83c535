// A finding's message as parts: plain text, a style's rendering, and the
// result cache's copy of it.
#include "ReportJson.h"

#include "yieldcheck/Message.h"

#include <gtest/gtest.h>

using namespace yieldcheck;

namespace {

TEST(MessageTest, PlainTextIsClangStyle) {
  Message m;
  m.addAction("'n_' is incremented")
      .addText(" before ")
      .addYields({12, 14, 20})
      .addClause()
      .addText("when the function is re-entered after one of them")
      .addPause()
      .addText("it is incremented again");
  EXPECT_EQ(m.plainText(),
            "'n_' is incremented before the yields at lines 12, 14 and 20; "
            "when the function is re-entered after one of them it is "
            "incremented again");
  EXPECT_EQ(m.action().plainText(), "'n_' is incremented");
  EXPECT_EQ(Message().addText("a ").addYields({7}).plainText(),
            "a the yield at line 7");
  EXPECT_EQ(Message("plain").plainText(), "plain");
  EXPECT_TRUE(Message("").empty());
  EXPECT_TRUE(Message("x").action().empty());
}

// A style sees every literal and every line number: a front end renders
// the parts, nothing is searched in the text.
TEST(MessageTest, StylesSpellLiteralsAndLines) {
  struct Shout : MessageStyle {
    Shout() { sentences = true; }
    std::string literal(llvm::StringRef text) const override {
      return "<" + text.str() + ">";
    }
    std::string line(llvm::StringRef words, unsigned line) const override {
      return "#" + std::to_string(line);
    }
  };
  Message m = Message("x").addYields({3, 4}).addClause().addText("y");
  EXPECT_EQ(m.render(Shout()), "<x><the yields at lines >#3< and >#4. <y>.");
  // Sentences: capitalised, a final period unless there is one.
  MessageStyle sentences;
  sentences.sentences = true;
  EXPECT_EQ(Message("done.").render(sentences), "Done.");
  EXPECT_EQ(Message("a").addClause().addText("b").addPause().addText("c")
                .render(sentences),
            "A. B, c.");
  EXPECT_EQ(Message().render(sentences), "");
}

TEST(MessageTest, TheCacheKeepsTheParts) {
  Report r;
  r.rule = findRule("reentrancy-counter-advance");
  r.message = Message()
                  .addAction("'n_' is incremented")
                  .addText(" before ")
                  .addYields({12, 14})
                  .addClause()
                  .addText("when ...")
                  .addPause()
                  .addText("it is incremented again");
  r.yieldNote = Message("here").addClause().addText("again");
  r.notes = {{Location(), Message("written here").addClause().addText("lost")}};
  Report back;
  ASSERT_TRUE(reportFromJson(reportToJson(r), back));
  EXPECT_TRUE(back.message == r.message);
  EXPECT_TRUE(back.yieldNote == r.yieldNote);
  ASSERT_EQ(back.notes.size(), 1u);
  EXPECT_TRUE(back.notes[0].text == r.notes[0].text);

  nlohmann::json unknownPart = reportToJson(r);
  unknownPart["message"]["parts"][0][0] = "shout";
  EXPECT_FALSE(reportFromJson(unknownPart, back));
  nlohmann::json textless = reportToJson(r);
  textless["message"]["parts"][0].erase(1);
  EXPECT_FALSE(reportFromJson(textless, back));
}

} // namespace
