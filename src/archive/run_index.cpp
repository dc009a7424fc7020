// SPDX-License-Identifier: Apache-2.0
#include "archive/run_index.hpp"

#include <algorithm>

#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"

namespace su {
namespace {

constexpr std::uint8_t kIncomplete = 0x08, kHasStart = 0x10, kHasStop = 0x20;

// A column is written only when some row has a non-zero value in it.
template <typename Column, typename Get>
void fill_column(Column* column, const std::vector<TestRow>& rows, Get get) {
  bool any = std::any_of(rows.begin(), rows.end(), [&](const TestRow& r) { return get(r) != 0; });
  if (!any) return;
  column->Reserve(static_cast<int>(rows.size()));
  for (const auto& r : rows) column->Add(get(r));
}

template <typename Column>
bool column_fits(const Column& column, std::size_t rows) {
  return column.empty() || static_cast<std::size_t>(column.size()) == rows;
}

template <typename Column>
auto column_at(const Column& column, std::size_t i) -> std::decay_t<decltype(column.Get(0))> {
  return column.empty() ? 0 : column.Get(static_cast<int>(i));
}

archive::pb::RunTests encode_tests(const RunIndex& index) {
  archive::pb::RunTests t;
  const auto& rows = index.rows;
  t.set_rows(static_cast<std::uint32_t>(rows.size()));
  // Times are counted from the earliest one, in microseconds when no time
  // has a sub-microsecond part (python writes whole microseconds): both
  // make the numbers shorter.
  std::optional<std::int64_t> base;
  bool micros = true;
  for (const auto& r : rows) {
    for (auto ns : {r.start_ns, r.stop_ns}) {
      if (!ns) continue;
      if (!base || *ns < *base) base = *ns;
      if (*ns % 1000 != 0) micros = false;
    }
  }
  std::int64_t unit = micros ? 1000 : 1;
  t.set_base_ns(base.value_or(0));
  t.set_time_unit_ns(static_cast<std::uint32_t>(unit));
  std::uint32_t previous = 0;
  std::string* status = t.mutable_status();
  status->reserve(rows.size());
  for (const auto& r : rows) {
    t.add_test_delta(r.test - previous);
    previous = r.test;
    auto byte = static_cast<std::uint8_t>(r.status);
    if (!r.complete) byte |= kIncomplete;
    if (r.start_ns) byte |= kHasStart;
    if (r.stop_ns) byte |= kHasStop;
    status->push_back(static_cast<char>(byte));
  }
  std::int64_t b = base.value_or(0);
  fill_column(t.mutable_start(), rows, [&](const TestRow& r) -> std::uint64_t {
    return r.start_ns ? static_cast<std::uint64_t>((*r.start_ns - b) / unit) : 0;
  });
  fill_column(t.mutable_duration(), rows, [&](const TestRow& r) -> std::int64_t {
    return r.start_ns && r.stop_ns ? (*r.stop_ns - *r.start_ns) / unit : 0;
  });
  fill_column(t.mutable_worker(), rows, [](const TestRow& r) { return r.worker; });
  fill_column(t.mutable_position(), rows, [](const TestRow& r) { return r.position; });
  fill_column(t.mutable_route(), rows, [](const TestRow& r) { return r.route; });
  fill_column(t.mutable_tag_set(), rows, [](const TestRow& r) { return r.tag_set; });
  fill_column(t.mutable_attachment_bytes(), rows,
              [](const TestRow& r) { return r.attachment_bytes; });
  fill_column(t.mutable_offset(), rows, [](const TestRow& r) { return r.offset; });
  for (const auto& w : index.workers) t.add_workers(w);
  for (const auto& w : index.routes) t.add_routes(w);
  for (const auto& set : index.tag_sets) {
    auto* s = t.add_tag_sets();
    for (const auto& tag : set) s->add_tags(tag);
  }
  return t;
}

void decode_tests(const std::string& path, const archive::pb::RunTests& t, RunIndex& index) {
  std::size_t n = t.rows();
  auto bad = [&](const std::string& what) { throw ArchiveDamage(path, "test table: " + what); };
  if (static_cast<std::size_t>(t.test_delta_size()) != n || t.status().size() != n)
    bad("columns disagree on the number of rows");
  if (!column_fits(t.start(), n) || !column_fits(t.duration(), n) ||
      !column_fits(t.worker(), n) || !column_fits(t.position(), n) ||
      !column_fits(t.route(), n) || !column_fits(t.tag_set(), n) ||
      !column_fits(t.attachment_bytes(), n) || !column_fits(t.offset(), n))
    bad("columns disagree on the number of rows");
  std::int64_t unit = t.time_unit_ns() ? t.time_unit_ns() : 1;
  index.workers.assign(t.workers().begin(), t.workers().end());
  index.routes.assign(t.routes().begin(), t.routes().end());
  index.tag_sets.clear();
  for (const auto& s : t.tag_sets()) index.tag_sets.emplace_back(s.tags().begin(), s.tags().end());
  index.rows.resize(n);
  std::uint64_t test = 0;
  std::uint32_t id_count = index.header.id_count();
  for (std::size_t i = 0; i < n; ++i) {
    TestRow& r = index.rows[i];
    test += t.test_delta(static_cast<int>(i));
    if (test >= id_count) bad("row " + std::to_string(i) + " names test number " +
                              std::to_string(test) + ", past the run's " +
                              std::to_string(id_count) + " ids");
    r.test = static_cast<std::uint32_t>(test);
    auto byte = static_cast<std::uint8_t>(t.status()[i]);
    r.status = static_cast<Status>(byte & 0x07);
    r.complete = !(byte & kIncomplete);
    if (byte & kHasStart) {
      // Unsigned arithmetic: a CRC-valid but nonsensical file must not
      // overflow a signed integer.
      auto u = static_cast<std::uint64_t>(unit);
      auto start = static_cast<std::uint64_t>(t.base_ns()) + column_at(t.start(), i) * u;
      r.start_ns = static_cast<std::int64_t>(start);
      if (byte & kHasStop)
        r.stop_ns = static_cast<std::int64_t>(
            start + static_cast<std::uint64_t>(column_at(t.duration(), i)) * u);
    } else if (byte & kHasStop) {
      bad("row " + std::to_string(i) + " has a stop time but no start time");
    }
    r.worker = column_at(t.worker(), i);
    r.position = column_at(t.position(), i);
    r.route = column_at(t.route(), i);
    r.tag_set = column_at(t.tag_set(), i);
    r.attachment_bytes = column_at(t.attachment_bytes(), i);
    r.offset = column_at(t.offset(), i);
    if (r.worker > index.workers.size() || r.route > index.routes.size() ||
        r.tag_set > index.tag_sets.size())
      bad("row " + std::to_string(i) + " refers past the worker, route or tag tables");
  }
}

std::string_view check_magic(const std::string& path, std::string_view bytes) {
  if (bytes.size() < kMagicSize || bytes.substr(0, kMagicSize) != kIndexMagic)
    throw ArchiveDamage(path, "not a su-archive index file (bad magic)");
  return bytes;
}

}  // namespace

std::pair<std::size_t, std::size_t> RunIndex::rows_of(std::uint32_t test) const {
  auto lo = std::lower_bound(rows.begin(), rows.end(), test,
                             [](const TestRow& r, std::uint32_t t) { return r.test < t; });
  auto hi = std::upper_bound(lo, rows.end(), test,
                             [](std::uint32_t t, const TestRow& r) { return t < r.test; });
  return {static_cast<std::size_t>(lo - rows.begin()), static_cast<std::size_t>(hi - rows.begin())};
}

std::string serialize_index(const RunIndex& index) {
  std::string out(kIndexMagic);
  append_frame(out, index.header, false);
  append_frame(out, encode_tests(index), true);
  return out;
}

RunIndex parse_index(const std::string& path, std::string_view bytes) {
  check_magic(path, bytes);
  RunIndex index;
  std::size_t pos = kMagicSize;
  std::string error;
  if (read_frame(bytes, pos, index.header, error) != FrameResult::ok)
    throw ArchiveDamage(path, error.empty() ? "header frame missing" : error);
  archive::pb::RunTests tests;
  if (read_frame(bytes, pos, tests, error) != FrameResult::ok)
    throw ArchiveDamage(path, error.empty() ? "test table frame missing" : error);
  decode_tests(path, tests, index);
  return index;
}

RunIndex read_index(const std::string& path) { return parse_index(path, read_file(path)); }

archive::pb::RunHeader read_index_header(const std::string& path) {
  // Headers are a few hundred bytes; one read usually gets all of one.
  std::string bytes = read_file_prefix(path, 4096);
  check_magic(path, bytes);
  std::size_t need = frame_size_at(bytes, kMagicSize);
  if (need > 0 && kMagicSize + need > bytes.size() && bytes.size() == 4096)
    bytes = read_file_prefix(path, std::min<std::size_t>(kMagicSize + need, kMaxFramePayload));
  archive::pb::RunHeader header;
  std::size_t pos = kMagicSize;
  std::string error;
  if (read_frame(bytes, pos, header, error) != FrameResult::ok)
    throw ArchiveDamage(path, error.empty() ? "header frame missing" : error);
  return header;
}

}  // namespace su
