// SPDX-License-Identifier: Apache-2.0
#include "diagnose/test_order.hpp"

#include <algorithm>
#include <unordered_map>

namespace su {
namespace {

// splitmix64 (Steele, Lea and Flood 2014): small, fast, and fully specified.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound), without modulo bias (rejection sampling).
  std::uint64_t below(std::uint64_t bound) {
    std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t x;
    do x = next(); while (x >= limit);
    return x % bound;
  }

 private:
  std::uint64_t state_;
};

template <typename T>
void fisher_yates(std::vector<T>& v, SplitMix64& random) {
  for (std::size_t i = v.size(); i > 1; --i) {
    std::size_t j = random.below(i);
    std::swap(v[i - 1], v[j]);
  }
}

// Each run gets its own stream of numbers, so run K's order does not depend
// on how many runs came before it.
SplitMix64 generator_for(std::uint64_t seed, std::uint64_t run) {
  SplitMix64 mix(seed);
  std::uint64_t base = mix.next();
  SplitMix64 per_run(base ^ (run * 0xd1b54a32d192ed03ULL));
  per_run.next();
  return per_run;
}

}  // namespace

std::string_view order_kind_name(OrderKind kind) {
  switch (kind) {
    case OrderKind::original: return "original";
    case OrderKind::shuffle: return "shuffle";
    case OrderKind::reverse: return "reverse";
    case OrderKind::shuffle_classes: return "shuffle-classes";
  }
  return "original";
}

bool parse_order_kind(std::string_view name, OrderKind& out) {
  for (OrderKind k : {OrderKind::original, OrderKind::shuffle, OrderKind::reverse,
                      OrderKind::shuffle_classes}) {
    if (order_kind_name(k) == name) {
      out = k;
      return true;
    }
  }
  return false;
}

std::string_view test_class(std::string_view id) {
  auto dot = id.rfind('.');
  return dot == std::string_view::npos ? id : id.substr(0, dot);
}

std::vector<std::string> make_order(const std::vector<std::string>& ids, OrderKind kind,
                                    std::uint64_t seed, std::uint64_t run) {
  std::vector<std::string> out = ids;
  switch (kind) {
    case OrderKind::original:
      break;
    case OrderKind::reverse:
      std::reverse(out.begin(), out.end());
      break;
    case OrderKind::shuffle: {
      SplitMix64 random = generator_for(seed, run);
      fisher_yates(out, random);
      break;
    }
    case OrderKind::shuffle_classes: {
      // Classes in the order first seen, each with its methods in order,
      // even when a class's methods are not adjacent in the list.
      std::vector<std::vector<std::size_t>> classes;
      std::unordered_map<std::string_view, std::size_t> class_index;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        auto [it, inserted] = class_index.try_emplace(test_class(ids[i]), classes.size());
        if (inserted) classes.emplace_back();
        classes[it->second].push_back(i);
      }
      SplitMix64 random = generator_for(seed, run);
      fisher_yates(classes, random);
      out.clear();
      for (const auto& members : classes)
        for (std::size_t i : members) out.push_back(ids[i]);
      break;
    }
  }
  return out;
}

bool is_original_run(std::uint64_t run, std::uint64_t every) {
  if (every <= 1) return true;
  return run >= 1 && (run - 1) % every == 0;
}

}  // namespace su
