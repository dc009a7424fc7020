#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <cstring>
#include <random>
#include <string>

#include "report/case_spool.hpp"

namespace {

using Plain = su::CaseSpool::Plain;

// A rendering that shows every part, so a part lost or swapped shows.
char* render(const Plain& c, char* p) {
  std::string s = "<" + std::string(c.classname) + "|" + std::string(c.name) + "|" +
                  std::to_string(c.micros) + "|" + std::to_string(c.kind) + ">\n";
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

std::string rendered(const Plain& c) {
  std::string s(c.classname.size() + c.name.size() + su::CaseSpool::kRenderSlack, '\0');
  s.resize(static_cast<std::size_t>(render(c, s.data()) - s.data()));
  return s;
}

std::string copied(const su::CaseSpool& spool) {
  su::test::CapturedOutput c;
  spool.copy_to(c.out, render);
  return c.text();
}

// Adds `n` cases, plain and text mixed, from a few hundred classes, with
// times of every sign and size, and returns what copy_to must give back.
std::string fill(su::CaseSpool& spool, std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::string expected;
  for (std::size_t i = 0; i < n; ++i) {
    std::string classname = "pkg.mod" + std::to_string(rng() % 300) + ".TestClass";
    std::string name = "test_" + std::string(rng() % 40, 'n') + std::to_string(i);
    auto micros = static_cast<std::int64_t>(rng() >> (rng() % 64));
    if (rng() % 2) micros = -micros;
    switch (rng() % 10) {
      case 0: {  // a failure, as its XML; now and then longer than a chunk
        std::string xml = "<failure " + std::to_string(i) + ">" +
                          std::string(rng() % 50 == 0 ? 70000 : rng() % 3000, 'x') + "\n";
        spool.add_text(xml);
        expected += xml;
        break;
      }
      case 1:  // an id too long to keep in parts
        name += std::string(su::CaseSpool::kMaxPart, 'l');
        [[fallthrough]];
      default: {
        Plain plain{classname, name, micros, static_cast<std::uint8_t>(rng() % su::CaseSpool::kKinds)};
        spool.add_plain(plain, render);
        expected += rendered(plain);
      }
    }
  }
  return expected;
}

}  // namespace

TEST_SUITE("case spool") {
  TEST_CASE("gives back every case in order, plain ones rendered, within memory") {
    su::CaseSpool spool{"/nonexistent/dir", 16 << 20};  // never needs its directory
    std::string expected = fill(spool, 5000, 1);
    CHECK(copied(spool) == expected);
    CHECK(copied(spool) == expected);  // copying leaves the spool as it was
  }
  TEST_CASE("past its memory the cases go to a temporary file and still come back whole") {
    for (std::size_t limit : {std::size_t{0}, std::size_t{64} << 10, std::size_t{4} << 20}) {
      CAPTURE(limit);
      su::CaseSpool spool{"/tmp", limit};
      std::string expected = fill(spool, 20000, 2);
      CHECK(copied(spool) == expected);
    }
  }
  TEST_CASE("keeps a passing case in less than half the bytes of its XML") {
    su::CaseSpool spool{"/tmp", 32 << 20};
    std::size_t xml = 0;
    for (int i = 0; i < 10000; ++i) {
      std::string classname = "acme.api.tests.test_base.TestCreate" + std::to_string(i / 20);
      std::string name = "test_rejects_bad_request_" + std::to_string(i);
      Plain plain{classname, name, 1234 + i, 0};
      xml += 60 + classname.size() + name.size();  // python's line, at least
      spool.add_plain(plain, render);
    }
    CHECK(spool.size() * 2 < xml);
  }
  TEST_CASE("an empty class name and an empty spool are kept as they are") {
    su::CaseSpool spool{"/tmp", 1 << 20};
    CHECK(spool.empty());
    CHECK(copied(spool).empty());
    spool.add_text("");
    CHECK(spool.empty());
    Plain plain{"", "test_alone", 0, 0};
    spool.add_plain(plain, render);
    CHECK(copied(spool) == "<|test_alone|0|0>\n");
  }
}
