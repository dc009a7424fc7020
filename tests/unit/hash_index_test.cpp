#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <vector>

#include "base/hash_index.hpp"

namespace {

// Records are keys; the index must find exactly the live ones. `spread`
// limits how many distinct hashes there are, so that probe runs get long,
// collide and wrap around the end of the table.
void churn(std::uint64_t spread, int steps) {
  su::HashIndex index;
  std::vector<std::uint64_t> keys;        // record -> key
  std::map<std::uint64_t, std::uint32_t> live;  // key -> record
  auto hash_of_key = [&](std::uint64_t key) { return (key % spread) * 0x9E3779B97F4A7C15ull; };
  auto hash_of = [&](std::uint32_t r) { return hash_of_key(keys[r]); };
  std::uint64_t rng = 88172645463325252ull;
  auto next = [&] { return rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; };
  for (int step = 0; step < steps; ++step) {
    std::uint64_t key = next() % 600;
    std::uint64_t h = hash_of_key(key);
    std::size_t slot = 0;
    std::uint32_t found =
        index.find(h, [&](std::uint32_t r) { return keys[r] == key; }, slot);
    auto expected = live.find(key);
    if (expected == live.end()) {
      REQUIRE(found == su::HashIndex::kNone);
      keys.push_back(key);
      auto r = static_cast<std::uint32_t>(keys.size() - 1);
      index.insert(slot, r, hash_of);
      live[key] = r;
    } else {
      REQUIRE(found == expected->second);
      index.erase(h, found, hash_of);
      live.erase(expected);
    }
    REQUIRE(index.size() == live.size());
  }
  for (auto [key, r] : live) {
    std::size_t slot = 0;
    CHECK(index.find(hash_of_key(key), [&](std::uint32_t x) { return keys[x] == key; }, slot) == r);
  }
}

}  // namespace

TEST_SUITE("hash index") {
  TEST_CASE("finds every live record through random inserts and erases") { churn(1u << 30, 20000); }

  TEST_CASE("keeps colliding records reachable when one in the middle of a run is erased") {
    churn(7, 20000);
  }

  TEST_CASE("starts empty again after clear") {
    su::HashIndex index;
    std::size_t slot = 0;
    auto never = [](std::uint32_t) { return false; };
    REQUIRE(index.find(1, never, slot) == su::HashIndex::kNone);
    index.insert(slot, 0, [](std::uint32_t) { return std::uint64_t{1}; });
    CHECK(index.size() == 1);
    index.clear();
    CHECK(index.size() == 0);
    CHECK(index.find(1, [](std::uint32_t) { return true; }, slot) == su::HashIndex::kNone);
  }
}
