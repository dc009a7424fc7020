#include <doctest/doctest.h>

#include <cstdio>

#include "base/timestamp.hpp"
#include "ops/id_lister.hpp"

TEST_SUITE("id lister") {
  TEST_CASE("formats durations with the digits python's %0.3f prints") {
    CHECK(su::format_seconds_3(0) == "0.000");
    CHECK(su::format_seconds_3(250000) == "0.250");
    CHECK(su::format_seconds_3(1234) == "0.001");
    CHECK(su::format_seconds_3(1501) == "0.002");
    CHECK(su::format_seconds_3(999999) == "1.000");
    CHECK(su::format_seconds_3(500) == "0.001");   // 0.0005 is stored just above
    CHECK(su::format_seconds_3(1500) == "0.002");  // ties follow the stored double
    CHECK(su::format_seconds_3(2500) == "0.003");
    CHECK(su::format_seconds_3(-500000) == "-0.500");
  }

  TEST_CASE("agrees with printf of python's float sum over a sweep of microseconds") {
    for (std::int64_t us = 0; us < 3000000; us += 37) {
      double seconds = static_cast<double>(us / 1000000) + static_cast<double>(us % 1000000) / 1e6;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%0.3f", seconds);
      REQUIRE(su::format_seconds_3(us) == buf);
    }
  }

  TEST_CASE("integer seconds agree with printf of every float formula python uses, or defer") {
    for (std::int64_t us = 0; us < 3000000; us += 7) {
      std::string exact;
      if (!su::append_seconds_3(us, exact)) {
        CHECK(us % 1000 == 500);  // only ties are left to the float
        continue;
      }
      double whole = static_cast<double>(us / 1000000), frac = static_cast<double>(us % 1000000);
      for (double seconds : {whole + frac / 1e6, whole + 0.000001 * frac,
                             static_cast<double>(us) / 1e6}) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%0.3f", seconds);
        REQUIRE(exact == buf);
      }
    }
    std::string out;
    CHECK_FALSE(su::append_seconds_3(-1, out));
    CHECK_FALSE(su::append_seconds_3(1000000000LL * 1000000, out));
    CHECK(out.empty());
    // Every digit of the whole seconds, up to the limit.
    CHECK(su::append_seconds_3(999999999999499LL, out));
    CHECK(out == "999999999.999");
    out.clear();
    CHECK(su::append_seconds_3(123456789012501LL, out));
    CHECK(out == "123456789.013");
    out.clear();
    CHECK(su::append_seconds_3(10000999, out));
    CHECK(out == "10.001");
  }
}
