#include <doctest/doctest.h>

#include <bit>

#include "base/small_key_table.hpp"

TEST_SUITE("small key table") {
  TEST_CASE("names every slot in use holding a fingerprint, and no other") {
    su::SmallKeyTable table;
    CHECK(table.empty());
    CHECK(table.matches(0) == 0);  // unused slots hold 0 but do not match
    unsigned a = table.add(7, 100);
    unsigned b = table.add(9, 101);
    unsigned c = table.add(7, 102);
    CHECK(table.matches(7) == ((1u << a) | (1u << c)));
    CHECK(table.matches(9) == 1u << b);
    CHECK(table.matches(8) == 0);
    CHECK(table.record(c) == 102);
    table.remove(a);
    CHECK(table.matches(7) == 1u << c);
    CHECK(table.add(5, 103) == a);  // the freed slot is reused first
  }

  TEST_CASE("holds sixteen records and says when it is full") {
    su::SmallKeyTable table;
    for (std::uint32_t i = 0; i < su::SmallKeyTable::kSlots; ++i) {
      CHECK_FALSE(table.full());
      table.add(i * 0x01010101u, i);
    }
    CHECK(table.full());
    for (std::uint32_t i = 0; i < su::SmallKeyTable::kSlots; ++i) {
      std::uint32_t m = table.matches(i * 0x01010101u);
      REQUIRE(std::popcount(m) == 1);
      CHECK(table.record(static_cast<unsigned>(std::countr_zero(m))) == i);
    }
    table.clear();
    CHECK(table.empty());
    CHECK(table.matches(0) == 0);
  }

  TEST_CASE("fingerprints strings by size and last eight bytes") {
    CHECK(su::tail_fingerprint("abc.case_0001") != su::tail_fingerprint("abc.case_0002"));
    CHECK(su::tail_fingerprint("x.case_0001") != su::tail_fingerprint("xx.case_0001"));
    CHECK(su::tail_fingerprint("a.case_0001") == su::tail_fingerprint("b.case_0001"));
    CHECK(su::tail_fingerprint("") == su::tail_fingerprint(""));
    CHECK(su::tail_fingerprint("w-1") != su::tail_fingerprint("w-2"));
  }
}
