// SPDX-License-Identifier: Apache-2.0
// The orders su-repeat runs tests in.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "diagnose/test_order.hpp"

using su::OrderKind;

namespace {

std::vector<std::string> numbered(int n, const char* prefix = "t") {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    std::string id = prefix;
    id += std::to_string(i);
    ids.push_back(std::move(id));
  }
  return ids;
}

bool same_members(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

TEST_SUITE("test order") {
  TEST_CASE("the original order is the list; reverse is the list backwards") {
    auto ids = numbered(4);
    CHECK(su::make_order(ids, OrderKind::original, 1, 1) == ids);
    CHECK(su::make_order(ids, OrderKind::reverse, 1, 1) ==
          std::vector<std::string>{"t3", "t2", "t1", "t0"});
  }

  TEST_CASE("a shuffle is a permutation fixed by the seed and the run number") {
    auto ids = numbered(50);
    auto a = su::make_order(ids, OrderKind::shuffle, 42, 3);
    CHECK(same_members(a, ids));
    CHECK(a != ids);
    CHECK(su::make_order(ids, OrderKind::shuffle, 42, 3) == a);
    CHECK(su::make_order(ids, OrderKind::shuffle, 42, 4) != a);
    CHECK(su::make_order(ids, OrderKind::shuffle, 43, 3) != a);
  }

  TEST_CASE("a seed gives the same order on every machine") {
    // Pinned: a change here breaks every seed users have printed.
    auto order = su::make_order(numbered(6), OrderKind::shuffle, 7, 1);
    std::string joined;
    for (const auto& id : order) joined += id + " ";
    CHECK(joined == "t0 t1 t4 t5 t2 t3 ");
  }

  TEST_CASE("shuffles put each test first about equally often") {
    auto ids = numbered(4);
    int first[4] = {0, 0, 0, 0};
    for (std::uint64_t run = 1; run <= 4000; ++run)
      ++first[su::make_order(ids, OrderKind::shuffle, 9, run)[0][1] - '0'];
    for (int count : first) CHECK(count == doctest::Approx(1000).epsilon(0.1));
  }

  TEST_CASE("shuffle-classes moves classes and keeps each class's methods together, in order") {
    std::vector<std::string> ids = {"pkg.A.t1", "pkg.A.t2", "pkg.B.t1", "pkg.C.t1",
                                    "pkg.C.t2", "pkg.C.t3", "pkg.A.t3", "lonely"};
    std::set<std::vector<std::string>> seen;
    for (std::uint64_t run = 1; run <= 40; ++run) {
      auto order = su::make_order(ids, OrderKind::shuffle_classes, 5, run);
      REQUIRE(same_members(order, ids));
      // Members of one class are adjacent and in their original order.
      std::vector<std::string> classes;
      for (const auto& id : order) {
        std::string c(su::test_class(id));
        if (classes.empty() || classes.back() != c) classes.push_back(c);
      }
      CHECK(classes.size() == 4);
      auto a = std::find(order.begin(), order.end(), "pkg.A.t1");
      CHECK(*(a + 1) == "pkg.A.t2");
      CHECK(*(a + 2) == "pkg.A.t3");
      seen.insert(classes);
    }
    CHECK(seen.size() > 10);  // 4! = 24 possible class orders
  }

  TEST_CASE("a test's class is its id up to the last dot") {
    CHECK(su::test_class("pkg.mod.Class.test_x") == "pkg.mod.Class");
    CHECK(su::test_class("plain") == "plain");
  }

  TEST_CASE("order names parse and print as the options spell them") {
    OrderKind k = OrderKind::original;
    CHECK(su::parse_order_kind("shuffle-classes", k));
    CHECK(k == OrderKind::shuffle_classes);
    CHECK(su::order_kind_name(OrderKind::reverse) == "reverse");
    CHECK_FALSE(su::parse_order_kind("random", k));
  }

  TEST_CASE("the original order comes back every few runs, starting with the first") {
    std::vector<std::uint64_t> original;
    for (std::uint64_t run = 1; run <= 10; ++run)
      if (su::is_original_run(run, 4)) original.push_back(run);
    CHECK(original == std::vector<std::uint64_t>{1, 5, 9});
    CHECK(su::is_original_run(3, 1));
  }
}
