#include <doctest/doctest.h>

#include "base/varint.hpp"
#include "packets.hpp"

using su::test::hex;
using su::test::unhex;

TEST_SUITE("varint") {
  TEST_CASE("encodes python's reference values in their minimal form") {
    struct { std::uint32_t value; const char* bytes; } cases[] = {
        {0, "00"}, {63, "3f"}, {64, "40 40"}, {16383, "7f ff"}, {16384, "80 40 00"},
        {4194303, "bf ff ff"}, {4194304, "c0 40 00 00"}, {999999999, "fb 9a c9 ff"},
        {1073741823, "ff ff ff ff"}};
    for (auto& c : cases) {
      std::uint8_t buf[4];
      std::size_t n = su::encode_varint(c.value, buf);
      CHECK(hex(std::string_view(reinterpret_cast<char*>(buf), n)) == c.bytes);
      std::uint32_t back = 0;
      CHECK(su::decode_varint(buf, buf + n, back) == n);
      CHECK(back == c.value);
    }
  }

  TEST_CASE("accepts non-minimal encodings as python does") {
    std::string b = unhex("40 03");
    std::uint32_t v = 0;
    auto* p = reinterpret_cast<const std::uint8_t*>(b.data());
    CHECK(su::decode_varint(p, p + 2, v) == 2);
    CHECK(v == 3);
  }

  TEST_CASE("reports a number that runs past the end of its buffer") {
    std::string b = unhex("80 40");
    std::uint32_t v = 0;
    auto* p = reinterpret_cast<const std::uint8_t*>(b.data());
    CHECK(su::decode_varint(p, p + 2, v) == 0);
    CHECK(su::decode_varint(p, p, v) == 0);
  }
}
