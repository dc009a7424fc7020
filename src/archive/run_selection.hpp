// SPDX-License-Identifier: Apache-2.0
// RunSelection: which runs a history query (flaky, suspects) looks at:
// all of them, the last N, or those since a time. Also the per-run facts
// those queries need from a run's header: the `commit=` metadata and
// whether the run is an infrastructure failure (so many tests failed that
// the run says nothing about any one test).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/run_store.hpp"

namespace su {

struct RunSelection {
  std::optional<std::uint64_t> last;      // only the last N runs
  std::optional<std::int64_t> since_ns;   // only runs whose time is at or after
};

// A run's time: when its first test started, else when it was added.
std::int64_t run_time_ns(const archive::pb::RunHeader& h);

// The value of the run's metadata `key` ("commit"), if it has one.
std::optional<std::string_view> run_meta(const archive::pb::RunHeader& h, std::string_view key);

// Runs this small are never called infrastructure failures: a handful of
// failing tests there says nothing about the machine.
inline constexpr std::uint64_t kInfrastructureMinTests = 10;

// True when more than `max_ratio` of the run's tests failed (by the one
// rule, failing_count()), in a run of at least kInfrastructureMinTests.
bool infrastructure_failure(const archive::pb::RunHeader& h, double max_ratio);

// Parses "2026-11-30" (midnight UTC) or "2026-11-30T12:00:00Z" into ns
// since the epoch; nullopt if it is neither.
std::optional<std::int64_t> parse_date(std::string_view text);

// The selected runs, oldest first, with their headers: `visit` is called
// once per run, in order, and may stop the walk by returning false.
// `damaged` is told about runs whose header cannot be read (they are left
// out). Holds one header at a time.
void select_runs(RunStore& store, const RunSelection& selection,
                 const std::function<bool(std::uint64_t run, const archive::pb::RunHeader&)>& visit,
                 const std::function<void(std::uint64_t run, const std::string& error)>& damaged);

// select_runs, then each selected run's outcomes (RunStore::outcomes), as
// the flake queries read them: infrastructure failures (by
// `max_run_failure_ratio`) are left out and added to `infrastructure`, runs
// whose index cannot be read are told to `damaged` and left out, and runs
// removed meanwhile are passed over.
void select_outcomes(
    RunStore& store, const RunSelection& selection, double max_run_failure_ratio,
    std::vector<std::uint64_t>& infrastructure,
    const std::function<void(std::uint64_t run, const archive::pb::RunHeader&, const RunIndex&)>&
        visit,
    const std::function<void(std::uint64_t run, const std::string& error)>& damaged);

}  // namespace su
