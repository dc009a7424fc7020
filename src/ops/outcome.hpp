// SPDX-License-Identifier: Apache-2.0
// Outcome: what one test result came to, and the one rule for which
// outcomes are failing. su-diff, su-stats, su-json and every su-archive
// query (failing, list, flaky, suspects) ask this file, so they agree on
// what fails: fail, uxsuccess (the test said it would fail and did not:
// its expectation is wrong, which unittest also counts against the run)
// and incomplete (the test never reported an outcome: it hung or crashed).
// su-ls keeps subunit-ls's exit rule, which ignores uxsuccess.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "event/event.hpp"

namespace su {

// `incomplete` is a result that never got a final status.
enum class Outcome : std::uint8_t { success, fail, uxsuccess, skip, xfail, exists, incomplete };
inline constexpr std::size_t kOutcomeCount = 7;

// "success", "fail", "uxsuccess", "skip", "xfail", "exists", "incomplete".
std::string_view outcome_name(Outcome o);

// The outcome of a result with final status `status`; a result that is not
// `complete`, or whose status is not final, is incomplete.
// Inline: every tool asks it once a test.
inline Outcome outcome_of(Status status, bool complete) {
  if (!complete) return Outcome::incomplete;
  switch (status) {
    case Status::success: return Outcome::success;
    case Status::fail: return Outcome::fail;
    case Status::uxsuccess: return Outcome::uxsuccess;
    case Status::skip: return Outcome::skip;
    case Status::xfail: return Outcome::xfail;
    case Status::exists: return Outcome::exists;
    default: return Outcome::incomplete;  // not final: cannot be complete
  }
}

// fail, uxsuccess and incomplete.
inline bool is_failing(Outcome o) {
  return o == Outcome::fail || o == Outcome::uxsuccess || o == Outcome::incomplete;
}
// success and xfail: the test did what it promised.
inline bool is_passing(Outcome o) { return o == Outcome::success || o == Outcome::xfail; }

}  // namespace su
