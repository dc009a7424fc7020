// SPDX-License-Identifier: Apache-2.0
#include "archive/pg_schema.hpp"

#include <string>

#include "archive/archive_error.hpp"

namespace su {
namespace {

// migrations[i] takes the schema from version i to version i + 1. Never
// edit one that has shipped: add the next.
const char* const kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE su_schema (version integer NOT NULL);
CREATE SEQUENCE su_run_ids MINVALUE 0 START 0;
CREATE TABLE su_runs (
  id bigint PRIMARY KEY DEFAULT nextval('su_run_ids'),
  uuid uuid NOT NULL UNIQUE,
  added_ns bigint NOT NULL,
  source bytea NOT NULL,
  meta jsonb NOT NULL,              -- [[key, value], ...] in the order given
  input_format text NOT NULL,       -- 'v2' (stored byte for byte) or 'v1' (upgraded)
  tests bigint NOT NULL,
  failures bigint NOT NULL,
  skips bigint NOT NULL,
  successes bigint NOT NULL,
  xfails bigint NOT NULL,
  uxsuccesses bigint NOT NULL,
  incomplete bigint NOT NULL,
  first_ns bigint,                  -- null: no test carried a timestamp
  last_ns bigint,
  test_ns bigint NOT NULL,
  stream_bytes bigint NOT NULL,     -- the uncompressed v2 stream
  stream_crc32 bigint NOT NULL,
  stored_bytes bigint NOT NULL,     -- the zstd frame in su_streams
  damaged_regions integer NOT NULL,
  workers bytea[] NOT NULL,         -- su_results.worker = 1 + index
  routes bytea[] NOT NULL,          -- su_results.route = 1 + index
  tag_sets bytea[] NOT NULL         -- each the set's tags joined by NUL
);
ALTER SEQUENCE su_run_ids OWNED BY su_runs.id;
CREATE INDEX su_runs_meta ON su_runs USING gin (meta jsonb_path_ops);
CREATE TABLE su_tests (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name bytea NOT NULL,
  -- Test ids may be longer than a btree entry allows: unique by a hash.
  hash bytea NOT NULL GENERATED ALWAYS AS (sha256(name)) STORED
);
CREATE UNIQUE INDEX su_tests_hash ON su_tests (hash);
CREATE TABLE su_results (
  run bigint NOT NULL,
  test integer NOT NULL,
  status smallint NOT NULL,         -- the v2 status (0 none ... 7 fail)
  complete boolean NOT NULL,        -- false: never completed
  start_ns bigint,
  stop_ns bigint,
  worker integer NOT NULL,          -- 0: no worker tag
  position integer NOT NULL,        -- order among its worker's tests
  route integer NOT NULL,           -- 0: no route code
  tag_set integer NOT NULL,         -- 0: no tags
  attachment_bytes bigint NOT NULL,
  stream_offset bigint NOT NULL     -- byte offset of its first event
);
CREATE INDEX su_results_run ON su_results (run);
CREATE INDEX su_results_test ON su_results (test, run);
-- `failing`: the few rows of a run that failed (fail, uxsuccess, incomplete).
CREATE INDEX su_results_failed ON su_results (run) WHERE status IN (4, 6) OR NOT complete;
CREATE TABLE su_streams (
  run bigint NOT NULL,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (run, seq)
);
-- Already zstd-compressed: TOAST should store it, not compress it again.
ALTER TABLE su_streams ALTER COLUMN data SET STORAGE EXTERNAL;
)sql",
    // 1 -> 2:
    // - su_tests.hash is written by the inserting statement (which has it
    //   already: `add` computes it once, in its staging table) rather than
    //   computed again by the column's expression. The values already there
    //   are unchanged; hash is still sha256(name), and su_tests_hash still
    //   makes it unique.
    // - su_results_test covers `history`: its rows come from the index
    //   alone, in order, rather than from one heap page per run (1,000 runs:
    //   11 ms of the server's time down to 1 ms, and it does not grow with a
    //   cold cache). The price: the index is about as big as the table (0.5
    //   MB more per 10,000-test run) and an add's COPY of results costs about
    //   5% more. Rebuilding it for an existing archive takes some seconds per
    //   10 million results, during which adds wait.
    R"sql(
ALTER TABLE su_tests ALTER COLUMN hash DROP EXPRESSION;
DROP INDEX su_results_test;
CREATE INDEX su_results_test ON su_results (test, run, stream_offset)
  INCLUDE (status, complete, start_ns, stop_ns, worker, position, route, tag_set, attachment_bytes);
)sql",
};

constexpr int kKnown = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kKnown == kPgSchemaVersion);

// 0 when the schema has no su_schema table.
int schema_version(PgConnection& db) {
  PgResult exists = db.query("SELECT to_regclass('su_schema') IS NOT NULL");
  if (!exists.boolean(0, 0)) return 0;
  PgResult v = db.query("SELECT coalesce(max(version), 0)::bigint FROM su_schema");
  return static_cast<int>(v.integer(0, 0));
}

std::string too_new(PgConnection& db, int version) {
  return "'" + db.display() + "': the archive's schema is version " + std::to_string(version) +
         ", newer than this su-archive knows (" + std::to_string(kPgSchemaVersion) +
         "); use a newer sutools";
}

}  // namespace

InitOutcome pg_init_schema(PgConnection& db) {
  db.exec("BEGIN");
  try {
    // Two inits at once would both create the tables: one waits.
    db.exec("SELECT pg_advisory_xact_lock(7531086425)");
    int version = schema_version(db);
    if (version > kPgSchemaVersion) throw PgError(too_new(db, version), "");
    if (version == kPgSchemaVersion) {
      db.exec("ROLLBACK");
      return InitOutcome::existed;
    }
    for (int v = version; v < kPgSchemaVersion; ++v) db.exec(kMigrations[v]);
    db.exec(version == 0 ? "INSERT INTO su_schema VALUES (" + std::to_string(kPgSchemaVersion) + ")"
                         : "UPDATE su_schema SET version = " + std::to_string(kPgSchemaVersion));
    db.exec("COMMIT");
    return version == 0 ? InitOutcome::created : InitOutcome::migrated;
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (const PgError&) {
    }
    throw;
  }
}

void pg_require_schema(PgConnection& db) {
  // One round trip where the schema is there (every command but init):
  // a database without su_schema answers "undefined table" (42P01), which
  // outside a transaction costs nothing.
  int version = 0;
  try {
    version = static_cast<int>(
        db.query("SELECT coalesce(max(version), 0)::bigint FROM su_schema").integer(0, 0));
  } catch (const PgError& e) {
    if (e.sqlstate() != "42P01") throw;
  }
  if (version == 0)
    throw ArchiveUsage("no archive in '" + db.display() +
                       "' (create one with 'su-archive init')");
  if (version > kPgSchemaVersion) throw PgError(too_new(db, version), "");
  if (version < kPgSchemaVersion)
    throw PgError("'" + db.display() + "': the archive's schema is version " +
                      std::to_string(version) + "; run 'su-archive init' to migrate it to " +
                      std::to_string(kPgSchemaVersion),
                  "");
}

}  // namespace su
