// SPDX-License-Identifier: Apache-2.0
// The questions su-archive answers, over any RunStore: which run a RUN
// argument names, a run's failing and slowest tests, one test's history
// across runs, and importing a repository. They read indexes, never
// streams, and hold one run's index at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "archive/archive.hpp"
#include "archive/run_store.hpp"

namespace su {

// Resolves a RUN argument: a run id ("12"), "last", "-N" (the N-th most
// recent run: -1 is the last, -2 the one before), "last-green" (the most
// recent run in which nothing failed: no fail, nothing incomplete), or
// "KEY=VALUE" (the most recent run with that metadata, e.g. branch=main).
// The last two read run headers newest first and pass over a run whose
// index is damaged. Throws ArchiveUsage if it is malformed or names no run.
std::uint64_t resolve_run(RunStore& store, std::string_view spec);

// Rows of tests that failed (fail, or never completed), in stream order.
std::vector<const TestRow*> failing_tests(const RunIndex& index);

// The `n` rows with the longest durations, longest first (ties in stream
// order); rows without a duration are left out.
std::vector<const TestRow*> slowest_tests(const RunIndex& index, std::size_t n);

// The same, reading an archive's index a block at a time (memory: the
// answer, not the run); `tables` gets the run's header and its worker,
// route and tag tables (no rows).
std::vector<TestRow> failing_rows(RunStore& store, std::uint64_t run, RunIndex& tables);
std::vector<TestRow> slowest_rows(RunStore& store, std::uint64_t run, std::size_t n,
                                  RunIndex& tables);
// The test ids of `rows`, read from an archive's ids file in one pass
// without loading the table.
std::vector<std::string> test_names(RunStore& store, std::span<const TestRow> rows);

// Calls `found` for every result of `test_id` in every run, oldest run
// first, and `damaged` for each run whose index cannot be read (the query
// goes on without it). Returns the number of results found.
std::uint64_t test_history(
    RunStore& store, std::string_view test_id,
    const std::function<void(const RunIndex&, const TestRow&)>& found,
    const std::function<void(std::uint64_t run, const std::string& error)>& damaged);

// What import_repository did.
struct ImportResult {
  std::vector<std::uint64_t> ids;  // the new runs, in the order added
  std::uint64_t already = 0;       // repository runs skipped as imported before
};

// Adds every run of the repository at `dir` to `archive` (either backend), oldest first,
// each with its file's modification time as the time it was added and
// metadata naming where it came from: imported-from (`dir`), imported-run
// (its number there), imported-crc32 and imported-bytes (of its file). A
// run whose number, CRC-32 and size match an archived run's imported-*
// metadata was imported before and is skipped, so importing twice adds
// nothing, wherever the repository is now. `progress` gets (runs done,
// total).
ImportResult import_repository(WritableStore& archive, const std::string& dir, DamageHandler* damage,
                               const std::function<void(std::uint64_t, std::uint64_t)>& progress);

// "fail", "success", ...; "incomplete" for a test that never completed.
std::string_view row_status(const TestRow& row);

}  // namespace su
