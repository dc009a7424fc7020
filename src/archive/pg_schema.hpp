// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL store's schema (su-archive(5), "POSTGRESQL"), its version
// and its migrations. The tables live in the connection's current schema
// (search_path), all named su_*:
//
//     su_schema    the version of the tables (one row)
//     su_runs      one row per run: id (from the sequence su_run_ids, so
//                  ids are assigned by the database and never reused),
//                  uuid, time added, source, metadata (jsonb), counts,
//                  times, the stream's size and CRC-32, and the run's
//                  worker, route and tag-set tables
//     su_tests     test ids, each stored once (interned) with its sha256
//                  (unique); results name them by number
//     su_results   one row per test result: run, test, status, start and
//                  stop (ns since the epoch), worker, position on the
//                  worker, route, tag set, attachment bytes, byte offset
//     su_streams   the run's v2 stream, zstd-compressed, byte for byte as
//                  added, in chunks of at most 1 MiB
//
// init() applies the migrations the database lacks, each version one step,
// in one transaction under an advisory lock; opening refuses a schema newer
// than this program knows, and an older one until `init` has migrated it.
#pragma once

#include "archive/pg_connection.hpp"
#include "archive/writable_store.hpp"

namespace su {

inline constexpr int kPgSchemaVersion = 2;

// Creates or migrates the schema. Throws PgError (a newer schema, or the
// server's refusal).
InitOutcome pg_init_schema(PgConnection& db);

// Checks the schema before use: throws ArchiveUsage when there is none,
// PgError when it is newer than kPgSchemaVersion or needs migrating.
void pg_require_schema(PgConnection& db);

}  // namespace su
