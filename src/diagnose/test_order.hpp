// SPDX-License-Identifier: Apache-2.0
// The orders su-repeat runs a list of tests in, to find order-dependent
// tests before they bite (what iDFlakies does for Java):
//
// - original:        the list as given;
// - shuffle:         a random permutation;
// - reverse:         the list backwards;
// - shuffle_classes: the classes in a random order, each class's methods
//                    together and in their original order. A test's class
//                    is its id up to the last dot (an id without a dot is
//                    a class of its own).
//
// Random orders come from (seed, run number) through a generator written
// here, not std::shuffle (whose algorithm each standard library chooses),
// so a seed printed on one machine gives the same orders on any other.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace su {

enum class OrderKind { original, shuffle, reverse, shuffle_classes };

// "original", "shuffle", "reverse", "shuffle-classes".
std::string_view order_kind_name(OrderKind kind);
bool parse_order_kind(std::string_view name, OrderKind& out);

// The id up to its last dot, or the whole id if it has none.
std::string_view test_class(std::string_view id);

// `ids` in the order `kind` gives for run `run` of a session seeded with
// `seed`. The same arguments always give the same order.
std::vector<std::string> make_order(const std::vector<std::string>& ids, OrderKind kind,
                                    std::uint64_t seed, std::uint64_t run);

// Whether run `run` (1-based) of an order session keeps the original order:
// runs 1, 1 + every, 1 + 2*every, ... do, so a test's behaviour in the
// original order is measured in the same session, interleaved with the
// others (every = 0 or 1: every run is in the original order).
bool is_original_run(std::uint64_t run, std::uint64_t every);

}  // namespace su
