// SPDX-License-Identifier: Apache-2.0
// RunIndex: what the archive knows about one run without reading its
// stream: the header (counts, times, metadata) and one row per test result.
// Stored as index/<id>.idx (su-archive(5)): the kIndexMagic, a RunHeader
// frame, a RunTests frame (which test each row is, and the worker, route
// and tag tables), then RowBlock frames with the rows' details as columns,
// 1024 rows each. `list` reads only the first frame; `failing` and
// `slowest` read all; `history` reads the keys and the one block it needs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "archive/archive.pb.h"
#include "event/event.hpp"
#include "ops/outcome.hpp"

namespace su {

// One test result of a run, as ResultAggregator completed it.
struct TestRow {
  std::uint32_t test = 0;        // number in the archive's IdTable
  Status status = Status::none;  // none: never had a status
  bool complete = true;          // false: still open when the stream ended
  std::optional<std::int64_t> start_ns, stop_ns;  // ns since the epoch
  std::uint32_t worker = 0;      // 1 + index into RunIndex::workers; 0 = none
  std::uint32_t position = 0;    // order of its first event among its worker's tests
  std::uint32_t route = 0;       // 1 + index into RunIndex::routes; 0 = none
  std::uint32_t tag_set = 0;     // 1 + index into RunIndex::tag_sets; 0 = none
  std::uint64_t attachment_bytes = 0;
  std::uint64_t offset = 0;      // byte offset of its first event in the stream

  Outcome outcome() const { return outcome_of(status, complete); }
  // fail, uxsuccess, or never completed: the one rule (ops/outcome.hpp).
  bool failed() const { return is_failing(outcome()); }
  friend bool operator==(const TestRow&, const TestRow&) = default;
  std::optional<std::int64_t> duration_ns() const {
    if (!start_ns || !stop_ns) return std::nullopt;
    return *stop_ns - *start_ns;
  }
};

struct RunIndex {
  archive::pb::RunHeader header;
  std::vector<TestRow> rows;  // sorted by (test, offset)
  std::vector<std::string> workers, routes;
  std::vector<std::vector<std::string>> tag_sets;

  std::string_view worker_name(const TestRow& r) const {
    return r.worker ? std::string_view(workers[r.worker - 1]) : std::string_view();
  }
  std::optional<std::string_view> route_code(const TestRow& r) const {
    if (!r.route) return std::nullopt;
    return routes[r.route - 1];
  }
  // The rows of test number `test` (binary search).
  std::pair<std::size_t, std::size_t> rows_of(std::uint32_t test) const;
};

// The run's failing results by the one rule (ops/outcome.hpp). The header
// stores fail-or-incomplete and uxsuccess apart, as su-archive(5) says.
inline std::uint64_t failing_count(const archive::pb::RunHeader& h) {
  return h.failures() + h.uxsuccesses();
}

// The bytes of index/<id>.idx for `index`.
std::string serialize_index(const RunIndex& index);

// Writes an index file without holding its rows: each block of rows is
// encoded as it fills and kept in a scratch file (or in memory), and only
// the test column (4 bytes a row) stays until finish() writes the file.
// Rows come in (test, offset) order. `base_ns` and `unit_ns` are how row
// times are counted (from the earliest time, in microseconds when every
// time is whole microseconds).
class IndexWriter {
 public:
  // `blocks_path` empty: the blocks are kept in memory. Throws IoError.
  IndexWriter(std::int64_t base_ns, std::int64_t unit_ns, std::string blocks_path);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  void add(const TestRow& row);
  // The file's bytes, for `tables` (header and worker, route and tag
  // tables; its rows are ignored): to `out`, or to a new file at `path`
  // (not synced). Throws IoError.
  void finish(const RunIndex& tables, std::string& out);
  void finish(const RunIndex& tables, const std::string& path);

 private:
  void flush_block();
  std::string head(const RunIndex& tables);

  std::int64_t base_, unit_;
  std::string blocks_path_;
  int blocks_fd_ = -1;
  std::string blocks_;  // encoded blocks not yet in the scratch file
  std::uint64_t blocks_bytes_ = 0;
  std::vector<TestRow> block_;
  std::vector<std::uint32_t> tests_;
};

// How much of each row to read. `outcomes` reads what the flake queries
// need (test, status, completeness, worker, position) and leaves the rest
// zero, skipping the times, offsets and sizes that are most of the bytes.
enum class RowDetail { all, outcomes };

// Parses an index file; throws ArchiveDamage naming `path` if what it reads
// does not check out (magic, CRCs, protobuf, column lengths, ids past
// `id_count`). With `only_test`, rows holds only that test's rows, and only
// the blocks holding them are read.
RunIndex parse_index(const std::string& path, std::string_view bytes,
                     std::optional<std::uint32_t> only_test = std::nullopt,
                     RowDetail detail = RowDetail::all);
// Reads and parses index/<id>.idx. Throws IoError or ArchiveDamage.
RunIndex read_index(const std::string& path,
                    std::optional<std::uint32_t> only_test = std::nullopt,
                    RowDetail detail = RowDetail::all);
// Reads index/<id>.idx a block at a time: `tables` gets the header and the
// worker, route and tag tables (no rows), and `rows` each block's rows in
// (test, offset) order. Memory is one block and the test column, however
// many rows the run has. Throws IoError or ArchiveDamage (after handing
// on the blocks before the damage).
void scan_index(const std::string& path, RunIndex& tables,
                const std::function<void(std::span<const TestRow>)>& rows);
// Reads only the header frame. Throws IoError or ArchiveDamage.
archive::pb::RunHeader read_index_header(const std::string& path);

// The rows and counts of two indexes of one run, their tests numbered in
// the same table, agree: what `check` asks of a stored index against the
// one its stream gives again.
bool same_results(const RunIndex& a, const RunIndex& b);

}  // namespace su
