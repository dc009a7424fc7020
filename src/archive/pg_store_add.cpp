// SPDX-License-Identifier: Apache-2.0
// PgStore::add: one transaction. The stream goes to su_streams by COPY as
// it is read; then the run's test ids are interned and its results loaded
// by COPY; the run's row is written last.
#include "archive/pg_store.hpp"

#include <algorithm>

#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/pg_meta.hpp"
#include "archive/run_ingest.hpp"
#include "archive/run_uuid.hpp"

namespace su {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;  // su_streams rows
constexpr std::size_t kCopyBatch = 1 << 20;   // bytes per PQputCopyData

}  // namespace

std::vector<std::string> PgStore::joined_tag_sets(const RunIndex& index) {
  std::vector<std::string> out;
  for (const auto& set : index.tag_sets) {
    std::string joined;
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (i > 0) joined.push_back('\0');
      joined += set[i];
    }
    out.push_back(std::move(joined));
  }
  return out;
}

void PgStore::write_rows(std::uint64_t run, const RunIndex& index, const IdTable& ids) {
  // The run's test ids, numbered as its rows name them, into a temporary
  // table; new ones into su_tests in one sorted pass (so two adds interning
  // the same new ids wait for each other rather than deadlock), without
  // spending identity numbers on ids already there; then each one's number.
  // Room for a big run's names in memory (temp_buffers is only settable
  // before the session's first temporary table), and for the joins and the
  // sort below to stay in memory rather than spill to disk. One round trip.
  db_.exec(
      "SET temp_buffers = '64MB'; SET LOCAL work_mem = '64MB';"
      " CREATE TEMP TABLE IF NOT EXISTS su_add_names (n integer, name bytea,"
      " hash bytea GENERATED ALWAYS AS (sha256(name)) STORED) ON COMMIT DELETE ROWS");
  db_.copy_begin("COPY su_add_names (n, name) FROM STDIN (FORMAT binary)");
  CopyBuffer copy;
  std::vector<bool> used(ids.size(), false);
  for (const auto& r : index.rows) used[r.test] = true;
  for (std::uint32_t n = 0; n < ids.size(); ++n) {
    if (!used[n]) continue;
    copy.tuple(2);
    copy.int4(static_cast<std::int32_t>(n));
    copy.bytes(ids.at(n));
    if (copy.data().size() >= kCopyBatch) {
      db_.copy_send(copy.data());
      copy.clear_data();
    }
  }
  copy.trailer();
  db_.copy_send(copy.data());
  db_.copy_end();
  // Most ids are known already (the same suite runs again): look them up
  // first (pass 0). If some are missing, insert them and take their
  // numbers from the insert's RETURNING in the same statement (pass 1), so
  // a new suite costs no second join.
  //
  // Another add may be interning the same new ids at the same moment. The
  // insert is tried plain first, in a savepoint: ON CONFLICT DO NOTHING
  // would probe su_tests_hash once more per row before inserting (a sixth
  // of a new suite's add), for a race that is rare. If the race happens,
  // the plain insert waits for the other add to commit and fails with a
  // unique violation; it is rolled back to the savepoint (spending the
  // identity numbers it drew) and done again with ON CONFLICT, which skips
  // the ids the other add inserted: those are neither returned nor in the
  // statement's snapshot, so pass 2 looks up whatever is still missing.
  std::vector<std::int32_t> test_of(ids.size(), -1);
  std::size_t wanted = 0, found = 0;
  for (bool w : used) wanted += w;
  auto take = [&](const PgResult& numbers) {
    for (int i = 0; i < numbers.rows(); ++i) {
      auto& number = test_of[static_cast<std::size_t>(numbers.integer(i, 0))];
      if (number < 0) ++found;
      number = static_cast<std::int32_t>(numbers.integer(i, 1));
    }
  };
  // The plain insert takes the ids pass 0 did not find, named by number
  // (all of them for a new suite), not by a NOT EXISTS against su_tests,
  // whose cost would grow with every suite the server has seen. The ON
  // CONFLICT retry keeps NOT EXISTS, so that it draws no identity numbers
  // for the ids the other writer inserted.
  auto insert = [](bool retry, bool filtered) {
    return std::string(
               "WITH added AS (INSERT INTO su_tests (name, hash) SELECT a.name, a.hash"
               " FROM su_add_names a") +
           (retry ? " WHERE NOT EXISTS (SELECT 1 FROM su_tests t WHERE t.hash = a.hash)"
                  : filtered ? " WHERE a.n = ANY($1::integer[])" : "") +
           " ORDER BY a.hash" + (retry ? " ON CONFLICT DO NOTHING" : "") +
           " RETURNING id, hash, name) SELECT a.n, d.id FROM su_add_names a JOIN added d"
           " ON d.hash = a.hash AND d.name = a.name";
  };
  const char* lookup =
      "SELECT a.n, t.id FROM su_add_names a JOIN su_tests t ON t.hash = a.hash AND t.name = a.name";
  for (int pass = 0; pass < 3 && found < wanted; ++pass) {
    if (pass != 1) {
      take(db_.query(lookup));
      continue;
    }
    std::vector<PgParam> missing;
    if (found > 0) {
      std::vector<std::string> numbers;
      for (std::uint32_t n = 0; n < ids.size(); ++n)
        if (used[n] && test_of[n] < 0) {
          // int4 elements, big-endian.
          numbers.push_back({static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                             static_cast<char>(n >> 8), static_cast<char>(n)});
        }
      missing.push_back(PgParam::array(numbers, 23));
    }
    db_.exec("SAVEPOINT su_intern");
    try {
      take(db_.query(insert(false, found > 0), missing));
      db_.exec("RELEASE SAVEPOINT su_intern");
    } catch (const PgError& e) {
      if (e.sqlstate() != "23505") throw;  // unique_violation: the race above
      db_.exec("ROLLBACK TO SAVEPOINT su_intern");
      take(db_.query(insert(true, false)));
    }
  }

  db_.copy_begin(
      "COPY su_results (run, test, status, complete, start_ns, stop_ns, worker, position, route,"
      " tag_set, attachment_bytes, stream_offset) FROM STDIN (FORMAT binary)");
  // In su_tests' order: su_results_test's inserts then walk the index
  // forward instead of hopping about it (a third less time at 100,000 rows).
  std::vector<const TestRow*> order;
  order.reserve(index.rows.size());
  for (const auto& r : index.rows) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [&](const TestRow* a, const TestRow* b) {
    return test_of[a->test] < test_of[b->test];
  });
  CopyBuffer rows;
  for (const TestRow* row : order) {
    const TestRow& r = *row;
    if (test_of[r.test] < 0)
      throw PgError("'" + display_ + "': test id '" + std::string(ids.at(r.test)) +
                        "' was not interned",
                    "");
    rows.tuple(12);
    rows.int8(static_cast<std::int64_t>(run));
    rows.int4(test_of[r.test]);
    rows.int2(static_cast<std::int16_t>(r.status));
    rows.boolean(r.complete);
    if (r.start_ns) rows.int8(*r.start_ns); else rows.null();
    if (r.stop_ns) rows.int8(*r.stop_ns); else rows.null();
    rows.int4(static_cast<std::int32_t>(r.worker));
    rows.int4(static_cast<std::int32_t>(r.position));
    rows.int4(static_cast<std::int32_t>(r.route));
    rows.int4(static_cast<std::int32_t>(r.tag_set));
    rows.int8(static_cast<std::int64_t>(r.attachment_bytes));
    rows.int8(static_cast<std::int64_t>(r.offset));
    if (rows.data().size() >= kCopyBatch) {
      db_.copy_send(rows.data());
      rows.clear_data();
    }
  }
  rows.trailer();
  db_.copy_send(rows.data());
  db_.copy_end();
}

std::uint64_t PgStore::add(std::unique_ptr<Input> input, const AddOptions& options) {
  std::int64_t added = options.added_ns.value_or(now_ns());
  std::string meta = pg_meta_json(options.meta);
  std::string uuid = options.uuid.empty() ? random_run_uuid() : options.uuid;
  std::uint64_t id = 0;
  db_.exec("BEGIN");
  try {
    id = static_cast<std::uint64_t>(db_.query("SELECT nextval('su_run_ids')").integer(0, 0));

    // The stream, compressed, in chunks as it is read.
    db_.copy_begin("COPY su_streams (run, seq, data) FROM STDIN (FORMAT binary)");
    CopyBuffer chunks;
    std::string pending;
    std::int32_t seq = 0;
    auto send_chunk = [&] {
      chunks.tuple(3);
      chunks.int8(static_cast<std::int64_t>(id));
      chunks.int4(seq++);
      chunks.bytes(pending);
      db_.copy_send(chunks.data());
      chunks.clear_data();
      pending.clear();
    };
    CompressedWriter writer{[&](std::string_view bytes) {
                              pending.append(bytes);
                              if (pending.size() >= kChunkBytes) send_chunk();
                            },
                            run_path(id), options.level};
    RunIndexer indexer;
    IngestedRun read = ingest_run(std::move(input), options, writer, indexer);
    writer.finish();
    if (!pending.empty() || seq == 0) send_chunk();
    chunks.trailer();
    db_.copy_send(chunks.data());
    db_.copy_end();

    IdTable ids;
    RunIndex index = indexer.take(ids);
    write_rows(id, index, ids);

    const auto& h = index.header;
    db_.copy_begin(
        "COPY su_runs (id, uuid, added_ns, source, meta, input_format, tests, failures, skips,"
        " successes, xfails, uxsuccesses, incomplete, first_ns, last_ns, test_ns, stream_bytes,"
        " stream_crc32, stored_bytes, damaged_regions, workers, routes, tag_sets)"
        " FROM STDIN (FORMAT binary)");
    CopyBuffer row;
    row.tuple(23);
    row.int8(static_cast<std::int64_t>(id));
    row.bytes(uuid);
    row.int8(added);
    row.bytes(options.source);
    row.bytes(std::string("\1") + meta);  // jsonb's binary form: version 1, then the text
    row.bytes(options.input_format.empty() ? read.input_format : options.input_format);
    for (std::uint64_t count : {h.tests(), h.failures(), h.skips(), h.successes(), h.xfails(),
                                h.uxsuccesses(), h.incomplete()})
      row.int8(static_cast<std::int64_t>(count));
    if (h.has_times()) {
      row.int8(h.first_ns());
      row.int8(h.last_ns());
    } else {
      row.null();
      row.null();
    }
    row.int8(static_cast<std::int64_t>(h.test_ns()));
    row.int8(static_cast<std::int64_t>(writer.plain_bytes()));
    row.int8(writer.plain_crc32());
    row.int8(static_cast<std::int64_t>(writer.stored_bytes()));
    row.int4(static_cast<std::int32_t>(read.damaged_regions));
    row.array(index.workers);
    row.array(index.routes);
    row.array(joined_tag_sets(index));
    row.trailer();
    db_.copy_send(row.data());
    db_.copy_end();
    db_.exec("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
  runs_.erase(id);
  return id;
}

}  // namespace su
