#include <doctest/doctest.h>

#include <string>

#include "base/crc32.hpp"
#include "packets.hpp"

TEST_SUITE("crc32") {
  TEST_CASE("computes zlib's check value for 123456789") {
    CHECK(su::crc32("123456789", 9) == 0xCBF43926u);
  }

  TEST_CASE("computes the spec's packet example") {
    std::string p = su::test::unhex("b3 29 01 0c 03 66 6f 6f");
    CHECK(su::crc32(p.data(), p.size()) == 0x08555F1Bu);
  }

  TEST_CASE("gives the same result fed whole or in pieces of any size") {
    std::string data;
    for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 7 + 3));
    std::uint32_t whole = su::crc32(data.data(), data.size());
    for (std::size_t cut : {0, 1, 7, 8, 9, 63, 500, 999, 1000}) {
      std::uint32_t c = su::crc32(data.data(), cut);
      c = su::crc32(data.data() + cut, data.size() - cut, c);
      CHECK(c == whole);
    }
  }

  TEST_CASE("matches a bitwise reference on every length up to 64") {
    std::string data;
    for (int i = 0; i < 64; ++i) data.push_back(static_cast<char>(0xA5 ^ (i * 31)));
    for (std::size_t n = 0; n <= data.size(); ++n) {
      std::uint32_t c = 0xFFFFFFFFu;
      for (std::size_t i = 0; i < n; ++i) {
        c ^= static_cast<unsigned char>(data[i]);
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      }
      CHECK(su::crc32(data.data(), n) == ~c);
    }
  }
}

TEST_SUITE("crc32") {
  TEST_CASE("agrees with the bitwise definition on long buffers and every alignment") {
    std::string data;
    std::uint32_t seed = 12345;
    for (int i = 0; i < 5000; ++i) {
      seed = seed * 1103515245u + 12345u;
      data.push_back(static_cast<char>(seed >> 16));
    }
    auto reference = [](const char* p, std::size_t n) {
      std::uint32_t c = 0xFFFFFFFFu;
      for (std::size_t i = 0; i < n; ++i) {
        c ^= static_cast<unsigned char>(p[i]);
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      }
      return ~c;
    };
    for (std::size_t offset : {0, 1, 3, 7, 8, 15}) {
      for (std::size_t n : {63, 64, 65, 79, 80, 127, 128, 129, 191, 256, 1000, 4097, 4985}) {
        CHECK(su::crc32(data.data() + offset, n) == reference(data.data() + offset, n));
      }
    }
  }
  TEST_CASE("agrees with the bitwise definition at every length up to 600") {
    // Packet-sized buffers take the folding path with a partial last block
    // of every possible size; long ones take the four-lane path too.
    std::string data;
    std::uint32_t seed = 777;
    for (int i = 0; i < 700; ++i) {
      seed = seed * 1103515245u + 12345u;
      data.push_back(static_cast<char>(seed >> 16));
    }
    auto reference = [](const char* p, std::size_t n, std::uint32_t start) {
      std::uint32_t c = ~start;
      for (std::size_t i = 0; i < n; ++i) {
        c ^= static_cast<unsigned char>(p[i]);
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      }
      return ~c;
    };
    int mismatches = 0;
    for (std::size_t offset : {0, 5}) {
      for (std::size_t n = 0; n <= 600; ++n) {
        if (su::crc32(data.data() + offset, n) != reference(data.data() + offset, n, 0))
          ++mismatches;
        if (su::crc32(data.data() + offset, n, 0xDEADBEEF) !=
            reference(data.data() + offset, n, 0xDEADBEEF))
          ++mismatches;
      }
    }
    CHECK(mismatches == 0);
  }
}
