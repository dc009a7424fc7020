// SPDX-License-Identifier: Apache-2.0
// PgStore::check: every run's stream decoded again and compared with its
// row and results; with repair, the results and counts are rebuilt from
// the stream, each run in a transaction of its own. A database has no
// leftovers of interrupted adds to clean: the server rolled them back.
#include "archive/pg_store.hpp"

#include <cstdio>

#include "archive/archive_error.hpp"
#include "archive/pg_stream_input.hpp"
#include "archive/run_indexer.hpp"
#include "base/error.hpp"
#include "codec/v2_reader.hpp"
#include "event/damage_count.hpp"
#include "event/sink.hpp"

namespace su {
CheckReport PgStore::check(bool repair,
                           const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  CheckReport report;
  std::vector<std::uint64_t> ids = runs();
  report.runs = ids.size();
  std::uint64_t done = 0;
  for (std::uint64_t run : ids) {
    if (progress) progress(done++, ids.size());
    std::string name = "run " + std::to_string(run);
    RunIndex stored;
    try {
      stored = index(run);
    } catch (const ArchiveUsage&) {
      --report.runs;  // removed while we checked
      continue;
    }
    DamageCount damage;
    RunIndexer indexer;
    std::uint64_t stream_bytes = 0;
    std::uint32_t stream_crc = 0;
    try {
      auto stream = std::make_unique<PgStreamInput>(db_, run, run_path(run));
      PgStreamInput* sums = stream.get();  // lives as long as the reader
      V2Reader reader(std::make_unique<BufferedInput>(std::move(stream)), &damage);
      pump(reader, indexer);
      stream_bytes = sums->bytes();
      stream_crc = sums->crc();
    } catch (const DecodeError& e) {
      report.damage.push_back(name + ": '" + run_path(run) + "': byte " +
                              std::to_string(e.offset()) + ": " + e.what());
      continue;
    }
    const auto& h = stored.header;
    if (h.stream_bytes() != stream_bytes || h.stream_crc32() != stream_crc) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "stream is not the one added (%llu bytes, CRC 0x%08x; its row says %llu "
                    "bytes, CRC 0x%08x)",
                    static_cast<unsigned long long>(stream_bytes), stream_crc,
                    static_cast<unsigned long long>(h.stream_bytes()), h.stream_crc32());
      report.damage.push_back(name + ": '" + run_path(run) + "': " + buf);
      continue;
    }
    RunIndex fresh = indexer.take(ids_);
    fresh.header.set_damaged_regions(damage.count);
    if (same_results(stored, fresh)) continue;
    report.repairs.push_back(name + ": results disagree with the stream; rebuilt from the stream" +
                             (repair ? "" : " (not repaired)"));
    if (!repair) continue;
    const auto& f = fresh.header;
    db_.exec("BEGIN");
    try {
      auto id = PgParam::int8(static_cast<std::int64_t>(run));
      db_.query("DELETE FROM su_results WHERE run = $1::bigint", {id});
      write_rows(run, fresh, ids_);
      std::vector<PgParam> p = {id};
      for (std::uint64_t v : {f.tests(), f.failures(), f.skips(), f.successes(), f.xfails(),
                              f.uxsuccesses(), f.incomplete(), f.test_ns()})
        p.push_back(PgParam::int8(static_cast<std::int64_t>(v)));
      p.push_back(PgParam::int8(f.first_ns()));
      p.push_back(PgParam::int8(f.last_ns()));
      p.push_back(PgParam::int8(f.has_times() ? 1 : 0));
      p.push_back(PgParam::int8(f.damaged_regions()));
      p.push_back(PgParam::array(fresh.workers));
      p.push_back(PgParam::array(fresh.routes));
      p.push_back(PgParam::array(joined_tag_sets(fresh)));
      db_.query(
          "UPDATE su_runs SET tests = $2::bigint, failures = $3::bigint, skips = $4::bigint,"
          " successes = $5::bigint, xfails = $6::bigint, uxsuccesses = $7::bigint,"
          " incomplete = $8::bigint, test_ns = $9::bigint,"
          " first_ns = CASE WHEN $12::bigint = 1 THEN $10::bigint END,"
          " last_ns = CASE WHEN $12::bigint = 1 THEN $11::bigint END,"
          " damaged_regions = $13::bigint::integer, workers = $14::bytea[],"
          " routes = $15::bytea[], tag_sets = $16::bytea[] WHERE id = $1::bigint",
          p);
      db_.exec("COMMIT");
    } catch (...) {
      rollback();
      throw;
    }
    runs_.erase(run);
  }
  if (progress) progress(done, ids.size());
  return report;
}

}  // namespace su
