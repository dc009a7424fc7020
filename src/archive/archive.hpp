// SPDX-License-Identifier: Apache-2.0
// Archive: a directory of runs, each its lossless v2 stream and its index
// (su-archive(5)):
//
//     format              "su-archive 1"
//     lock                flock(2)ed by every writer for its commit step
//     next-id             the id the next run gets (ids are never reused)
//     ids                 the test ids table (IdTable)
//     runs/<id>.v2.zst    the stream, zstd-compressed, byte for byte as added
//     index/<id>.idx      the run's RunIndex
//     tmp/                files being written; <pid>.<n>.* names their writer
//
// A run exists when its stream is in runs/: renaming it there is the last
// step of `add` (after the ids and the index are durable), and unlinking
// it the first step of `remove`. So a writer killed at any point leaves
// the archive as it was, plus at most a temporary file or an index without
// a stream, which queries ignore and `check` removes. Writers take the
// lock only around that commit step; decoding and compressing run
// unlocked, so concurrent `add`s overlap.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "archive/id_table.hpp"
#include "archive/run_store.hpp"
#include "archive/writable_store.hpp"
#include "base/input.hpp"
#include "base/output.hpp"
#include "event/reader.hpp"

namespace su {

class Archive : public WritableStore {
 public:
  // Makes `dir` an empty archive, creating it. Returns false if it already
  // is one. Throws ArchiveUsage if it is a non-empty directory of another
  // kind, IoError.
  static bool init(const std::string& dir);
  // True if `dir` holds an archive's format file.
  static bool is_archive(const std::string& dir);

  // Throws ArchiveUsage if `dir` is not an archive.
  explicit Archive(std::string dir);

  // Reads a stream (v2 kept byte for byte, v1 re-encoded as v2), stores and
  // indexes it, and returns its id. Throws what the input throws
  // (DecodeError for a corrupt zstd input, or from the damage handler); the
  // archive is then unchanged.
  std::uint64_t add(std::unique_ptr<Input> input, const AddOptions& options) override;
  // Removes a run. Throws ArchiveUsage if there is no such run.
  void remove(std::uint64_t run) override;
  // Verifies every run's stream against its index and the ids table, and
  // with `repair` rebuilds what is derived from the streams (indexes, the
  // ids table) and removes leftovers of interrupted writes.
  CheckReport check(bool repair,
                    const std::function<void(std::uint64_t done, std::uint64_t total)>& progress)
      override;
  std::set<std::string> run_uuids() override;

  std::vector<std::uint64_t> runs() override;
  archive::pb::RunHeader header(std::uint64_t run) override;
  RunIndex index(std::uint64_t run) override { return index(run, std::nullopt); }
  // With `only_test`: only that test's rows, reading only their block.
  RunIndex index(std::uint64_t run, std::optional<std::uint32_t> only_test,
                 RowDetail detail = RowDetail::all);
  RunIndex outcomes(std::uint64_t run) override {
    return index(run, std::nullopt, RowDetail::outcomes);
  }
  // The rows of a run a block at a time (scan_index), checked against the
  // ids table as index() checks them: memory is one block, not the run.
  void scan(std::uint64_t run, RunIndex& tables,
            const std::function<void(std::span<const TestRow>)>& rows);
  // The number of a test id, and the ids of some numbers, read from the
  // ids file a frame at a time (ids() holds the whole table instead).
  std::optional<std::uint32_t> find_id(std::string_view test_id);
  std::vector<std::string> test_names(std::span<const std::uint32_t> numbers);
  void write_stream(std::uint64_t run, Output& out) override;
  const IdTable& ids() override;
  std::string run_path(std::uint64_t run) const override { return stream_path(run); }
  const std::string& dir() const override { return dir_; }

  std::string stream_path(std::uint64_t run) const;
  std::string index_path(std::uint64_t run) const;

 private:
  std::string path(const char* name) const { return dir_ + "/" + name; }
  std::string temp_path(const char* suffix);
  std::uint64_t allocate_id();
  // The id the next run gets, and recording it (under the lock).
  std::uint64_t peek_next_id();
  void write_next_id(std::uint64_t next);
  void require_run(std::uint64_t run) const;
  // Throws ArchiveDamage if `header` does not fit the ids table.
  void check_fits(const std::string& index_path, const archive::pb::RunHeader& header);
  const IdTable::FileSummary& ids_summary(bool reload);

  std::string dir_;
  bool ids_loaded_ = false;
  IdTable ids_;
  std::optional<IdTable::FileSummary> ids_summary_;
  unsigned temp_counter_ = 0;
};

}  // namespace su
