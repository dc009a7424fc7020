#include <doctest/doctest.h>

#include <vector>

#include "base/utf8.hpp"
#include "packets.hpp"

using su::Utf8Check;
using su::check_utf8;
using su::test::unhex;

TEST_SUITE("utf8") {
  TEST_CASE("accepts ASCII, multi-byte characters and the empty string") {
    CHECK(check_utf8("") == Utf8Check::valid);
    CHECK(check_utf8("plain ascii text, long enough for the fast path") == Utf8Check::valid);
    CHECK(check_utf8("\xC3\xB3 \xE6\xBC\xA2 \xF0\x9F\x98\x80") == Utf8Check::valid);
  }

  TEST_CASE("rejects what python's strict decoder rejects") {
    CHECK(check_utf8(unhex("c0 80")) == Utf8Check::invalid);     // overlong
    CHECK(check_utf8(unhex("ed a0 80")) == Utf8Check::invalid);  // surrogate
    CHECK(check_utf8(unhex("f4 90 80 80")) == Utf8Check::invalid);  // > U+10FFFF
    CHECK(check_utf8(unhex("80")) == Utf8Check::invalid);        // lone continuation
    CHECK(check_utf8(unhex("ff")) == Utf8Check::invalid);
  }

  TEST_CASE("tells a character cut at the end from an invalid one") {
    std::size_t valid = 0;
    CHECK(check_utf8(unhex("61 e6 bc"), &valid) == Utf8Check::truncated);
    CHECK(valid == 1);
    CHECK(check_utf8(unhex("e6 bc 41")) == Utf8Check::invalid);
  }

  TEST_CASE("tracks whether stray text is in the middle of a character") {
    su::Utf8Tracker t;
    CHECK_FALSE(t.feed('x'));
    CHECK(t.feed(0xC3));
    CHECK_FALSE(t.feed(0xB3));  // "ó" complete
    CHECK(t.feed(0xE6));
    CHECK(t.feed(0xBC));
    CHECK_FALSE(t.feed(0xA2));
  }

  TEST_CASE("keeps pending bytes after an invalid byte, as python's decoder does") {
    su::Utf8Tracker t;
    CHECK(t.feed(0xE0));
    CHECK_FALSE(t.feed('A'));  // invalid: python raises, state stays E0
    CHECK(t.feed(0xA0));       // E0 A0 is a valid prefix: mid-character again
  }

  TEST_CASE("plain ASCII means no NUL and no byte from 0x80, wherever it sits in the string") {
    // Every length to 70 and every position: the 16-byte, overlapping and
    // single-byte loops each see the odd byte.
    for (std::size_t n = 0; n <= 70; ++n) {
      std::vector<std::uint8_t> text(n, 'a');
      CHECK(su::is_plain_ascii(text.data(), n));
      for (std::size_t at = 0; at < n; ++at) {
        for (std::uint8_t odd : {std::uint8_t{0x00}, std::uint8_t{0x80}, std::uint8_t{0xFF}}) {
          text[at] = odd;
          CHECK_FALSE(su::is_plain_ascii(text.data(), n));
          text[at] = 'a';
        }
        text[at] = 0x7F;
        CHECK(su::is_plain_ascii(text.data(), n));
        text[at] = 'a';
      }
    }
  }
}
