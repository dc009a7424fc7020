#include <doctest/doctest.h>

#include <string>

#include "base/visible_text.hpp"

using su::Newlines;
using su::needs_escaping;
using su::visible;

TEST_SUITE("visible_text") {
  TEST_CASE("leaves printable text and UTF-8 as it is") {
    std::string text = "pkg.tests.T.test_x[id-1] \xC3\xB3 \xE6\xBC\xA2 \xF0\x9F\x98\x80 \\ tab\there";
    CHECK_FALSE(needs_escaping(text));
    CHECK(visible(text) == text);
  }

  TEST_CASE("shows escape sequences, OSC 8 links and carriage returns as escapes") {
    CHECK(visible("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(visible("\x1b]8;;http://x/\x1b\\link\x1b]8;;\x07") ==
          "\\x1b]8;;http://x/\\x1b\\link\\x1b]8;;\\x07");
    CHECK(visible("done\rok") == "done\\rok");
    CHECK(visible(std::string("nul\0del\x7f", 8)) == "nul\\x00del\\x7f");
  }

  TEST_CASE("escapes newlines unless asked to keep them") {
    CHECK(visible("a\nb") == "a\\nb");
    CHECK(visible("a\nb\r\n", Newlines::keep) == "a\nb\\r\n");
    CHECK_FALSE(needs_escaping("a\nb", Newlines::keep));
  }

  TEST_CASE("shows C1 controls and bytes that are not UTF-8") {
    CHECK(visible("csi\xC2\x9B" "31m") == "csi\\u009b31m");
    CHECK(visible("nbsp\xC2\xA0") == "nbsp\xC2\xA0");
    CHECK(visible("lone\x9b" "31m") == "lone\\x9b31m");
    CHECK(visible("cut\xE6\xBC") == "cut\\xe6\\xbc");
    CHECK(visible("overlong\xC0\x80") == "overlong\\xc0\\x80");
  }
}
