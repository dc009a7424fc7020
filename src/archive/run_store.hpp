// SPDX-License-Identifier: Apache-2.0
// RunStore: a set of numbered runs that the queries read — a su archive
// (Archive), or a .testrepository/.stestr directory read in place
// (Repository). Queries see the same things either way: run ids in order,
// each run's header and test rows, its stream, and the ids table that
// names the rows' tests.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "archive/id_table.hpp"
#include "archive/run_index.hpp"
#include "base/output.hpp"

namespace su {

class RunStore {
 public:
  virtual ~RunStore() = default;

  // The runs, oldest (lowest id) first.
  virtual std::vector<std::uint64_t> runs() = 0;
  // Throw ArchiveDamage if the run's index (or stream, for a repository)
  // cannot be read, ArchiveUsage if there is no such run, IoError.
  virtual archive::pb::RunHeader header(std::uint64_t run) = 0;
  virtual RunIndex index(std::uint64_t run) = 0;
  // The run's rows with at least test, status, completeness, worker and
  // position (the flake queries' needs); other fields may be left zero. A
  // backend that cannot read less need not override this.
  virtual RunIndex outcomes(std::uint64_t run) { return index(run); }
  // Writes the run's stream to `out` as subunit v2: an archive's stored
  // bytes exactly (then checked against the CRC its index recorded), a
  // repository's v1 upgraded. Throws DecodeError for a damaged stream
  // (after writing what came before the damage), ArchiveDamage, IoError.
  virtual void write_stream(std::uint64_t run, Output& out) = 0;
  // Names the tests of the indexes returned so far.
  virtual const IdTable& ids() = 0;
  // The file a message about the run should name.
  virtual std::string run_path(std::uint64_t run) const = 0;
  virtual const std::string& dir() const = 0;

  // index() with at least the rows of tests that failed (fail, or never
  // completed) — all `failing` needs, which failing_tests() picks out. A
  // store that can fetch only those overrides it.
  virtual RunIndex failed_index(std::uint64_t run) { return index(run); }

  // Finds every result of one test at once, for `history`: calls `found`
  // for each run that has it, oldest first, with an index holding the run's
  // header and tables and only that test's rows (numbered in ids()).
  // Returns false if the store has no faster way than reading each run's
  // index, which test_history then does.
  virtual bool find_test_rows(std::string_view /*test_id*/,
                              const std::function<void(const RunIndex&)>& /*found*/) {
    return false;
  }
};

// Opens `location` for queries: a su archive directory, a
// testrepository/stestr repository (read only), or a PostgreSQL database
// (writable_store.hpp). Throws ArchiveUsage if it is none, IoError.
std::unique_ptr<RunStore> open_store(const std::string& location);

// The directory to query when none was named (no --archive, no
// $SU_ARCHIVE): `preferred` (".su") if anything is there; otherwise the
// one of `.stestr` and `.testrepository` that is a repository, as stestr and
// testr find theirs; otherwise `preferred` (whose absence open_store then
// explains). If both repositories are present, neither is guessed.
std::string find_store_dir(const std::string& preferred);

}  // namespace su
