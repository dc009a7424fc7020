// SPDX-License-Identifier: Apache-2.0
// The list of tests su-repeat reorders: from a stream or a file of ids.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diagnose/test_list.hpp"
#include "packets.hpp"

using Ids = std::vector<std::string>;

TEST_SUITE("test list") {
  TEST_CASE("a text list gives its ids in order, skipping blanks, comments and repeats") {
    CHECK(su::parse_test_list("pkg.A.test_1\n  pkg.A.test_2  \n\n# not this\npkg.A.test_1\npkg.B.t\r\n") ==
          Ids{"pkg.A.test_1", "pkg.A.test_2", "pkg.B.t"});
  }

  TEST_CASE("a last line without a newline is read") {
    CHECK(su::parse_test_list("a\nb") == Ids{"a", "b"});
  }

  TEST_CASE("a v2 stream gives its tests in the order they first appeared, exists records included") {
    auto packet = [](std::string_view id, su::Status s) {
      su::Event e;
      e.test_id = id;
      e.status = s;
      return su::test::encode(e);
    };
    std::string stream = packet("b", su::Status::exists) + packet("a", su::Status::inprogress) +
                         packet("b", su::Status::success) + packet("a", su::Status::fail);
    CHECK(su::parse_test_list(stream) == Ids{"b", "a"});
  }

  TEST_CASE("a v1 stream is a stream, not a list of lines") {
    CHECK(su::parse_test_list("test: x\nsuccess: x\ntest: y\nfailure: y\n") == Ids{"x", "y"});
  }

  TEST_CASE("an empty input is an empty list") {
    CHECK(su::parse_test_list("").empty());
  }
}
