// SPDX-License-Identifier: Apache-2.0
// PgStore: the run archive in a PostgreSQL database (su-archive(5),
// "POSTGRESQL"; tables in pg_schema.hpp), so the CI machines of a fleet
// write one history and everyone queries it. The same WritableStore as the
// directory archive: su-archive's subcommands do not know which they use,
// and print the same for the same runs.
//
// - add is one transaction: the run's id is taken from the database's
//   sequence, its zstd-compressed stream is sent by COPY while it is read
//   (memory stays bounded by a chunk), then its new test ids are interned
//   and its results loaded by COPY, then the run's row; a client killed
//   at any point leaves nothing (the server rolls back), and concurrent
//   adds from many machines do not wait for each other except on a test
//   id that two of them are adding for the first time.
// - queries read su_runs and su_results, never the stream; `history` is
//   one indexed query; `show` returns the stored stream byte for byte.
//
// The client library is libpq (why: pg_connection.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "archive/id_table.hpp"
#include "archive/pg_connection.hpp"
#include "archive/writable_store.hpp"

namespace su {

class PgStore : public WritableStore {
 public:
  // Creates or migrates the schema at `conninfo`.
  static InitOutcome init(const std::string& conninfo);
  // Connects and checks the schema. Throws ArchiveUsage (no archive there),
  // PgError (cannot connect, wrong schema version).
  explicit PgStore(const std::string& conninfo);

  std::uint64_t add(std::unique_ptr<Input> input, const AddOptions& options) override;
  void remove(std::uint64_t run) override;
  CheckReport check(bool repair,
                    const std::function<void(std::uint64_t, std::uint64_t)>& progress) override;
  std::set<std::string> run_uuids() override;

  std::vector<std::uint64_t> runs() override;
  archive::pb::RunHeader header(std::uint64_t run) override { return run_tables(run).header; }
  RunIndex index(std::uint64_t run) override { return rows_of_run(run, false); }
  RunIndex failed_index(std::uint64_t run) override { return rows_of_run(run, true); }
  void write_stream(std::uint64_t run, Output& out) override;
  const IdTable& ids() override { return ids_; }
  std::string run_path(std::uint64_t run) const override;
  const std::string& dir() const override { return display_; }
  bool find_test_rows(std::string_view test_id,
                      const std::function<void(const RunIndex&)>& found) override;

 private:
  // A run's header and its worker, route and tag-set tables, no rows.
  const RunIndex& run_tables(std::uint64_t run);
  // Reads su_runs: every run, or only those in `only`.
  void load_runs(const std::vector<std::uint64_t>* only);
  RunIndex rows_of_run(std::uint64_t run, bool failed_only);
  // Interns the index's test ids (numbered in `ids`) and loads its rows as
  // run `run`'s by COPY. Inside the caller's transaction.
  void write_rows(std::uint64_t run, const RunIndex& index, const IdTable& ids);
  void rollback();
  // Each tag set's tags joined by NUL, as su_runs.tag_sets holds them.
  static std::vector<std::string> joined_tag_sets(const RunIndex& index);

  std::string display_;
  PgConnection db_;
  std::map<std::uint64_t, RunIndex> runs_;  // run_tables(), loaded by load_runs
  IdTable ids_;  // numbers the test ids of the rows returned so far
};

}  // namespace su
