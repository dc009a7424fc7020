// SPDX-License-Identifier: Apache-2.0
// The inline SVG drawings of su-report's pages: the run's timeline, the
// outcome bar and the per-test duration sparkline.
//
// The timeline draws one <path> per status and lane, not one element per
// test: a 100,000-test run is a few dozen elements, so the page stays
// responsive (the script finds the test under the pointer from the test
// table instead). Its x axis is 100,000 units across the run, so every bar
// is written as small whole numbers; a bar shorter than 1/1500 of the run
// is drawn 1/1500 wide, so a short test is still a visible sliver.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/html_writer.hpp"

namespace su {

struct TimelineLane {
  std::string worker;      // the lane's worker tag; "" for tests without one
  std::uint64_t tests = 0;
};

struct TimelineBar {
  std::uint32_t lane = 0;   // index into the lanes
  std::uint8_t outcome = 0;  // index into the outcome names given
  std::int64_t start = 0;    // µs from the run's start
  std::int64_t stop = 0;
};

// Writes the timeline: lane labels, <svg data-timeline> with one
// <g data-worker="W"> per lane (in the order given) holding a path per
// outcome that has bars in it, the time axis and a legend. `span` is the
// run's length in µs; bars are sorted here. `outcomes` names the
// outcomes' CSS classes (p-NAME), drawn in that order (later on top).
void write_timeline(HtmlWriter& out, const std::vector<TimelineLane>& lanes,
                    std::vector<TimelineBar> bars, std::int64_t span,
                    const std::vector<std::string_view>& outcomes);

// A horizontal bar split in proportion to each (outcome, count).
void write_outcome_bar(HtmlWriter& out,
                       const std::vector<std::pair<std::string_view, std::uint64_t>>& parts);

// A 90x22 sparkline of `values` (one per run, oldest first; nullopt leaves
// a gap), with a red dot on the runs where `marked`. `label` is its
// accessible title.
void write_sparkline(HtmlWriter& out, const std::vector<std::optional<double>>& values,
                     const std::vector<bool>& marked, std::string_view label);

}  // namespace su
