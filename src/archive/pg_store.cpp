// SPDX-License-Identifier: Apache-2.0
// PgStore: connecting, reading and removing runs. Adding is
// pg_store_add.cpp, checking pg_store_check.cpp.
#include "archive/pg_store.hpp"

#include <algorithm>

#include "archive/archive_error.hpp"
#include "archive/pg_meta.hpp"
#include "archive/pg_schema.hpp"
#include "archive/pg_stream_input.hpp"

namespace su {
namespace {

// su_runs' columns (as `u`) as run_from_row reads them. The metadata is
// parsed here, not by jsonb functions on the server (which cost most of a
// 1,000-run query's time).
// (Macros, so that queries can join them to other literals at compile time.)
#define SU_RUN_FIELDS                                                                           \
  "u.id, u.uuid, u.added_ns, u.source, u.meta,"                                                 \
  " u.input_format, u.tests, u.failures, u.skips, u.successes, u.xfails, u.uxsuccesses,"        \
  " u.incomplete, u.first_ns, u.last_ns, u.test_ns, u.stream_bytes, u.stream_crc32,"           \
  " u.stored_bytes, u.damaged_regions, u.workers, u.routes, u.tag_sets"
constexpr int kRunFieldCount = 23;
constexpr const char* kRunColumns = "SELECT " SU_RUN_FIELDS " FROM su_runs u";

// `display` names the database in an error.
RunIndex run_from_row(const PgResult& r, int i, const std::string& display) {
  RunIndex index;
  auto& h = index.header;
  h.set_id(static_cast<std::uint64_t>(r.integer(i, 0)));
  h.set_uuid(std::string(r.bytes(i, 1)));
  h.set_added_ns(r.integer(i, 2));
  h.set_source(std::string(r.bytes(i, 3)));
  // jsonb in binary: a version byte (1), then the JSON text.
  std::string_view meta = r.bytes(i, 4);
  auto pairs = meta.empty() || meta[0] != 1 ? std::nullopt : parse_pg_meta_json(meta.substr(1));
  if (!pairs)
    throw ArchiveDamage(display + " run " + std::to_string(h.id()),
                        "its metadata is not a list of [key, value] pairs");
  for (auto& [key, value] : *pairs) {
    auto* m = h.add_meta();
    m->set_key(std::move(key));
    m->set_value(std::move(value));
  }
  h.set_input_format(std::string(r.bytes(i, 5)));
  h.set_tests(static_cast<std::uint64_t>(r.integer(i, 6)));
  h.set_failures(static_cast<std::uint64_t>(r.integer(i, 7)));
  h.set_skips(static_cast<std::uint64_t>(r.integer(i, 8)));
  h.set_successes(static_cast<std::uint64_t>(r.integer(i, 9)));
  h.set_xfails(static_cast<std::uint64_t>(r.integer(i, 10)));
  h.set_uxsuccesses(static_cast<std::uint64_t>(r.integer(i, 11)));
  h.set_incomplete(static_cast<std::uint64_t>(r.integer(i, 12)));
  h.set_has_times(!r.null(i, 13));
  if (!r.null(i, 13)) h.set_first_ns(r.integer(i, 13));
  if (!r.null(i, 14)) h.set_last_ns(r.integer(i, 14));
  h.set_test_ns(static_cast<std::uint64_t>(r.integer(i, 15)));
  h.set_stream_bytes(static_cast<std::uint64_t>(r.integer(i, 16)));
  h.set_stream_crc32(static_cast<std::uint32_t>(r.integer(i, 17)));
  h.set_stored_bytes(static_cast<std::uint64_t>(r.integer(i, 18)));
  h.set_damaged_regions(static_cast<std::uint32_t>(r.integer(i, 19)));
  index.workers = r.array(i, 20);
  index.routes = r.array(i, 21);
  for (const auto& joined : r.array(i, 22)) {
    auto& set = index.tag_sets.emplace_back();
    std::size_t start = 0;
    while (start <= joined.size()) {
      auto nul = joined.find('\0', start);
      if (nul == std::string::npos) nul = joined.size();
      set.push_back(joined.substr(start, nul - start));
      start = nul + 1;
    }
    if (joined.empty()) set.clear();
  }
  return index;
}

// su_results' columns after the test: a row from column `c` on.
#define SU_ROW_FIELDS                                                                     \
  "r.status, r.complete, r.start_ns, r.stop_ns, r.worker, r.position, r.route, r.tag_set," \
  " r.attachment_bytes, r.stream_offset"
constexpr const char* kRowColumns = SU_ROW_FIELDS;

TestRow row_from(const PgResult& r, int i, int c) {
  TestRow row;
  row.status = static_cast<Status>(r.integer(i, c));
  row.complete = r.boolean(i, c + 1);
  if (!r.null(i, c + 2)) row.start_ns = r.integer(i, c + 2);
  if (!r.null(i, c + 3)) row.stop_ns = r.integer(i, c + 3);
  row.worker = static_cast<std::uint32_t>(r.integer(i, c + 4));
  row.position = static_cast<std::uint32_t>(r.integer(i, c + 5));
  row.route = static_cast<std::uint32_t>(r.integer(i, c + 6));
  row.tag_set = static_cast<std::uint32_t>(r.integer(i, c + 7));
  row.attachment_bytes = static_cast<std::uint64_t>(r.integer(i, c + 8));
  row.offset = static_cast<std::uint64_t>(r.integer(i, c + 9));
  return row;
}

void check_rows_fit(const std::string& where, const RunIndex& index, const TestRow& row) {
  if (row.worker > index.workers.size() || row.route > index.routes.size() ||
      row.tag_set > index.tag_sets.size())
    throw ArchiveDamage(where, "a result refers past the run's worker, route or tag tables");
}

}  // namespace

InitOutcome PgStore::init(const std::string& conninfo) {
  PgConnection db{conninfo, redact_conninfo(conninfo)};
  return pg_init_schema(db);
}

PgStore::PgStore(const std::string& conninfo)
    : display_(redact_conninfo(conninfo)), db_(conninfo, display_) {
  pg_require_schema(db_);
}

std::string PgStore::run_path(std::uint64_t run) const {
  return display_ + " run " + std::to_string(run);
}

void PgStore::rollback() { db_.abandon(); }

void PgStore::load_runs(const std::vector<std::uint64_t>* only) {
  if (only) {
    std::vector<std::string> ids;
    for (auto id : *only) ids.push_back(PgParam::int8(static_cast<std::int64_t>(id)).value);
    PgResult r = db_.query(std::string(kRunColumns) + " WHERE u.id = ANY($1::bigint[])",
                           {PgParam::array(ids, 20)});
    for (int i = 0; i < r.rows(); ++i) {
      RunIndex index = run_from_row(r, i, display_);
      std::uint64_t id = index.header.id();
      runs_[id] = std::move(index);
    }
    return;
  }
  PgResult r = db_.query(std::string(kRunColumns) + " ORDER BY u.id");
  runs_.clear();
  for (int i = 0; i < r.rows(); ++i) {
    RunIndex index = run_from_row(r, i, display_);
    std::uint64_t id = index.header.id();
    runs_.emplace(id, std::move(index));
  }
}

std::vector<std::uint64_t> PgStore::runs() {
  load_runs(nullptr);
  std::vector<std::uint64_t> out;
  out.reserve(runs_.size());
  for (const auto& [id, _] : runs_) out.push_back(id);
  return out;
}

const RunIndex& PgStore::run_tables(std::uint64_t run) {
  auto it = runs_.find(run);
  if (it == runs_.end()) {
    std::vector<std::uint64_t> one{run};
    load_runs(&one);
    it = runs_.find(run);
  }
  if (it == runs_.end())
    throw ArchiveUsage("no run " + std::to_string(run) + " in '" + display_ + "'");
  return it->second;
}

RunIndex PgStore::rows_of_run(std::uint64_t run, bool failed_only) {
  RunIndex index = run_tables(run);
  // The failed rows' condition is su_results_failed's, so it is used.
  PgResult r = db_.query(std::string("SELECT t.name, ") + kRowColumns +
                             " FROM su_results r JOIN su_tests t ON t.id = r.test"
                             " WHERE r.run = $1::bigint" +
                             (failed_only ? " AND (r.status IN (4, 6) OR NOT r.complete)" : ""),
                         {PgParam::int8(static_cast<std::int64_t>(run))});
  index.rows.reserve(static_cast<std::size_t>(r.rows()));
  std::uint32_t max_test = 0;
  for (int i = 0; i < r.rows(); ++i) {
    TestRow row = row_from(r, i, 1);
    check_rows_fit(run_path(run), index, row);
    row.test = ids_.intern(r.bytes(i, 0));
    max_test = std::max(max_test, row.test);
    index.rows.push_back(row);
  }
  index.header.set_id_count(index.rows.empty() ? 0 : max_test + 1);
  std::sort(index.rows.begin(), index.rows.end(), [](const TestRow& a, const TestRow& b) {
    return a.test != b.test ? a.test < b.test : a.offset < b.offset;
  });
  return index;
}

bool PgStore::find_test_rows(std::string_view test_id,
                             const std::function<void(const RunIndex&)>& found) {
  // One round trip: the test's rows, each with its run's header (a run
  // removed meanwhile has no header, so no rows either).
  PgResult r = db_.query(
      "SELECT " SU_RUN_FIELDS ", " SU_ROW_FIELDS
      " FROM su_results r JOIN su_runs u ON u.id = r.run"
      " WHERE r.test = (SELECT id FROM su_tests"
      " WHERE hash = sha256($1::bytea) AND name = $1::bytea)"
      " ORDER BY r.run, r.stream_offset",
      {PgParam::bytea(test_id)});
  if (r.rows() == 0) return true;
  std::uint32_t number = ids_.intern(test_id);
  for (int i = 0; i < r.rows();) {
    RunIndex index = run_from_row(r, i, display_);
    std::uint64_t run = index.header.id();
    for (; i < r.rows() && static_cast<std::uint64_t>(r.integer(i, 0)) == run; ++i) {
      TestRow row = row_from(r, i, kRunFieldCount);
      check_rows_fit(run_path(run), index, row);
      row.test = number;
      index.rows.push_back(row);
    }
    found(index);
  }
  return true;
}

void PgStore::write_stream(std::uint64_t run, Output& out) {
  const auto& h = run_tables(run).header;
  std::uint64_t want_bytes = h.stream_bytes();
  std::uint32_t want_crc = h.stream_crc32();
  PgStreamInput in{db_, run, run_path(run)};
  std::vector<std::uint8_t> buf(256 * 1024);
  while (std::size_t n = in.read(buf.data(), buf.size()))
    out.write({reinterpret_cast<const char*>(buf.data()), n});
  if (in.bytes() != want_bytes || in.crc() != want_crc)
    throw ArchiveDamage(run_path(run),
                        "stream is not the one added (size or CRC differs from its row)");
}

std::set<std::string> PgStore::run_uuids() {
  PgResult r = db_.query("SELECT uuid FROM su_runs");
  std::set<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.emplace(r.bytes(i, 0));
  return out;
}

void PgStore::remove(std::uint64_t run) {
  auto id = PgParam::int8(static_cast<std::int64_t>(run));
  db_.exec("BEGIN");
  try {
    PgResult gone = db_.query("DELETE FROM su_runs WHERE id = $1::bigint RETURNING id", {id});
    if (gone.rows() == 0)
      throw ArchiveUsage("no run " + std::to_string(run) + " in '" + display_ + "'");
    db_.query("DELETE FROM su_results WHERE run = $1::bigint", {id});
    db_.query("DELETE FROM su_streams WHERE run = $1::bigint", {id});
    db_.exec("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
  runs_.erase(run);
}

}  // namespace su
