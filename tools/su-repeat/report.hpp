// SPDX-License-Identifier: Apache-2.0
// su-repeat's report of a session: text for people (the tests that failed,
// their rates and intervals, verdicts on order and how to bisect), JSON for
// scripts, and the words progress and errors share. See su-repeat(1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "diagnose/repeat_session.hpp"

namespace su::repeat {

// "0.4 s", or "m:ss" from a minute up.
std::string duration(double seconds);
// "1 test", "2 tests".
std::string plural(std::uint64_t n, std::string_view noun);
// "run 3 of 10", or "run 3" when there is no limit (n = 0).
std::string run_label(std::uint64_t k, std::uint64_t n);

// The text report; `all` lists the tests that never failed too.
std::string text_report(const RepeatSession& session, bool all);
// The JSON report: one object (su-repeat(1), --format).
std::string json_report(const RepeatSession& session);
// Why a run that wrote no subunit ended the session: the command, how it
// ended and its standard error.
std::string no_subunit_message(const RepeatRun& run);

}  // namespace su::repeat
