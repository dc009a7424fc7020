#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <string>

#include "base/error.hpp"
#include "report/spool.hpp"

namespace {

// Bytes that differ from one position to the next, so that a chunk written
// out of order or twice shows.
std::string pattern(std::size_t n, std::size_t seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + seed) % 26);
  return s;
}

// Appends pieces of many sizes (one byte to past a chunk) and returns what
// went in.
std::string fill(su::Spool& spool, std::size_t total) {
  std::string all;
  const std::size_t sizes[] = {1, 137, 4096, 70000, 3, 2500000, 65536, 999};
  for (std::size_t k = 0; all.size() < total; ++k) {
    std::string piece = pattern(std::min(sizes[k % 8], total - all.size()), k);
    spool.append(piece);
    all += piece;
  }
  return all;
}

std::string copied(su::Spool& spool) {
  su::test::CapturedOutput c;
  spool.copy_to(c.out);
  return c.text();
}

}  // namespace

TEST_SUITE("spool") {
  TEST_CASE("gives back every byte in order, all in memory while they fit the limit") {
    su::Spool spool{"/nonexistent/dir", 8 << 20};  // never needs its directory
    std::string all = fill(spool, 5 << 20);
    CHECK(spool.size() == all.size());
    CHECK_FALSE(spool.spilled());
    CHECK(copied(spool) == all);
    CHECK(copied(spool) == all);  // copying leaves the spool as it was
  }
  TEST_CASE("past the limit the rest goes to a temporary file and memory stays at the limit") {
    for (std::size_t limit : {std::size_t{0}, std::size_t{64} << 10, std::size_t{200} << 10,
                              std::size_t{4} << 20}) {
      CAPTURE(limit);
      su::Spool spool{"/tmp", limit};
      std::string all = fill(spool, 9 << 20);
      CHECK(spool.spilled());
      CHECK(spool.memory() <= std::max<std::size_t>(limit, 64 << 10));
      CHECK(spool.size() == all.size());
      CHECK(copied(spool) == all);
    }
  }
  TEST_CASE("is empty until something is appended, and then holds exactly that") {
    su::Spool spool{"/tmp", 1 << 20};
    CHECK(spool.empty());
    CHECK(copied(spool).empty());
    spool.append("");
    CHECK(spool.empty());
    spool.append("x");
    CHECK(copied(spool) == "x");
    CHECK(spool.memory() == 64 << 10);
  }
  TEST_CASE("a directory it cannot use is an I/O error naming it, once the file is needed") {
    su::Spool spool{"/nonexistent/dir", 64 << 10};
    spool.append(pattern(64 << 10, 0));
    CHECK_THROWS_WITH_AS(spool.append("one byte too many"),
                         doctest::Contains("cannot create a temporary file in '/nonexistent/dir'"),
                         su::IoError);
  }
}
