// SPDX-License-Identifier: Apache-2.0
#include "archive/run_index.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <tuple>

#include <google/protobuf/message_lite.h>

#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"
#include "base/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace su {
namespace {

constexpr std::uint8_t kIncomplete = 0x08, kHasStart = 0x10, kHasStop = 0x20;

constexpr std::uint32_t kBlockRows = 1024;

// A column is written only when some row has a non-zero value in it.
// `get` is called once per row, in order (it may keep state).
template <typename Column, typename Get>
void fill_column(Column* column, std::span<const TestRow> rows, Get get) {
  bool any = false;
  column->Reserve(static_cast<int>(rows.size()));
  for (const auto& r : rows) {
    auto v = get(r);
    any = any || v != 0;
    column->Add(v);
  }
  if (!any) column->Clear();
}

template <typename Column>
bool column_fits(const Column& column, std::size_t rows) {
  return column.empty() || static_cast<std::size_t>(column.size()) == rows;
}

template <typename Column>
auto column_at(const Column& column, std::size_t i) -> std::decay_t<decltype(column.Get(0))> {
  return column.empty() ? 0 : column.Get(static_cast<int>(i));
}

struct TimeBase {
  std::int64_t base = 0, unit = 1;
};

// Times are counted from the earliest one, in microseconds when no time
// has a sub-microsecond part (python writes whole microseconds): both make
// the numbers shorter.
TimeBase time_base(const std::vector<TestRow>& rows) {
  std::optional<std::int64_t> base;
  bool micros = true;
  for (const auto& r : rows) {
    for (auto ns : {r.start_ns, r.stop_ns}) {
      if (!ns) continue;
      if (!base || *ns < *base) base = *ns;
      if (*ns % 1000 != 0) micros = false;
    }
  }
  return {base.value_or(0), micros ? 1000 : 1};
}

archive::pb::RunTests encode_keys(const RunIndex& tables, const std::vector<std::uint32_t>& tests,
                                  std::int64_t base, std::int64_t unit) {
  archive::pb::RunTests t;
  t.set_rows(static_cast<std::uint32_t>(tests.size()));
  t.set_base_ns(base);
  t.set_time_unit_ns(static_cast<std::uint32_t>(unit));
  t.set_block_rows(kBlockRows);
  std::uint32_t previous = 0;
  t.mutable_test_delta()->Reserve(static_cast<int>(tests.size()));
  for (auto test : tests) {
    t.add_test_delta(test - previous);
    previous = test;
  }
  for (const auto& w : tables.workers) t.add_workers(w);
  for (const auto& w : tables.routes) t.add_routes(w);
  for (const auto& set : tables.tag_sets) {
    auto* s = t.add_tag_sets();
    for (const auto& tag : set) s->add_tags(tag);
  }
  return t;
}

archive::pb::RowBlock encode_block(std::span<const TestRow> rows, const TimeBase& time) {
  archive::pb::RowBlock t;
  std::string* status = t.mutable_status();
  status->reserve(rows.size());
  for (const auto& r : rows) {
    auto byte = static_cast<std::uint8_t>(r.status);
    if (!r.complete) byte |= kIncomplete;
    if (r.start_ns) byte |= kHasStart;
    if (r.stop_ns) byte |= kHasStop;
    status->push_back(static_cast<char>(byte));
  }
  std::int64_t b = time.base, unit = time.unit;
  std::int64_t previous = 0;
  fill_column(t.mutable_start(), rows, [&](const TestRow& r) -> std::int64_t {
    if (!r.start_ns) return 0;
    std::int64_t units = (*r.start_ns - b) / unit, delta = units - previous;
    previous = units;
    return delta;
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
  std::uint64_t previous_offset = 0;
  fill_column(t.mutable_offset(), rows, [&](const TestRow& r) -> std::int64_t {
    auto delta = static_cast<std::int64_t>(r.offset - previous_offset);
    previous_offset = r.offset;
    return delta;
  });
  return t;
}

void write_fd(int fd, std::string_view bytes, const std::string& path) {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw IoError("cannot write '" + path + "': " + std::strerror(errno));
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Hands the first `size` bytes of the file open at `fd` to `to`, 1 MiB at
// a time.
template <typename To>
void copy_fd_range(int fd, std::uint64_t size, const std::string& path, To to) {
  std::string buf(1 << 20, '\0');
  std::uint64_t at = 0;
  while (at < size) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), size - at));
    ssize_t r = ::pread(fd, buf.data(), want, static_cast<off_t>(at));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw IoError("cannot read '" + path + "': " + std::strerror(errno));
    if (r == 0) throw IoError("cannot read '" + path + "': file cut short");
    to(std::string_view(buf.data(), static_cast<std::size_t>(r)));
    at += static_cast<std::uint64_t>(r);
  }
}

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw ArchiveDamage(path, "test table: " + what);
}

// Reads the keys: every row's test number, and the tables rows refer to.
void decode_keys(const std::string& path, const archive::pb::RunTests& t, RunIndex& index,
                 std::vector<std::uint32_t>& tests) {
  std::size_t n = t.rows();
  if (static_cast<std::size_t>(t.test_delta_size()) != n)
    bad(path, "columns disagree on the number of rows");
  if (n > 0 && t.block_rows() == 0) bad(path, "no block size");
  index.workers.assign(t.workers().begin(), t.workers().end());
  index.routes.assign(t.routes().begin(), t.routes().end());
  index.tag_sets.clear();
  for (const auto& s : t.tag_sets()) index.tag_sets.emplace_back(s.tags().begin(), s.tags().end());
  tests.resize(n);
  std::uint64_t test = 0;
  std::uint32_t id_count = index.header.id_count();
  for (std::size_t i = 0; i < n; ++i) {
    test += t.test_delta(static_cast<int>(i));
    if (test >= id_count)
      bad(path, fmt::format("row {} names test number {}, past the run's {} ids", i, test,
                            id_count));
    tests[i] = static_cast<std::uint32_t>(test);
  }
}

// Fills `rows` (rows first, first + 1, ... of the run; their tests already
// set) from one block.
void decode_block(const std::string& path, const archive::pb::RunTests& keys,
                  const archive::pb::RowBlock& t, std::size_t first, const RunIndex& index,
                  std::span<TestRow> rows) {
  std::size_t n = rows.size();
  if (t.status().size() != n || !column_fits(t.start(), n) || !column_fits(t.duration(), n) ||
      !column_fits(t.worker(), n) || !column_fits(t.position(), n) ||
      !column_fits(t.route(), n) || !column_fits(t.tag_set(), n) ||
      !column_fits(t.attachment_bytes(), n) || !column_fits(t.offset(), n))
    bad(path, fmt::format("block at row {} has columns of the wrong length", first));
  auto unit = static_cast<std::uint64_t>(keys.time_unit_ns() ? keys.time_unit_ns() : 1);
  // Unsigned arithmetic: a CRC-valid but nonsensical file must wrap, not
  // overflow a signed integer.
  std::uint64_t start_units = 0, offset = 0;
  for (std::size_t i = 0; i < n; ++i) {
    TestRow& r = rows[i];
    auto byte = static_cast<std::uint8_t>(t.status()[i]);
    r.status = static_cast<Status>(byte & 0x07);
    r.complete = !(byte & kIncomplete);
    start_units += static_cast<std::uint64_t>(column_at(t.start(), i));
    offset += static_cast<std::uint64_t>(column_at(t.offset(), i));
    if (byte & kHasStart) {
      auto start = static_cast<std::uint64_t>(keys.base_ns()) + start_units * unit;
      r.start_ns = static_cast<std::int64_t>(start);
      if (byte & kHasStop)
        r.stop_ns = static_cast<std::int64_t>(
            start + static_cast<std::uint64_t>(column_at(t.duration(), i)) * unit);
    } else if (byte & kHasStop) {
      bad(path, fmt::format("row {} has a stop time but no start time", first + i));
    }
    r.worker = column_at(t.worker(), i);
    r.position = column_at(t.position(), i);
    r.route = column_at(t.route(), i);
    r.tag_set = column_at(t.tag_set(), i);
    r.attachment_bytes = column_at(t.attachment_bytes(), i);
    r.offset = offset;
    if (r.worker > index.workers.size() || r.route > index.routes.size() ||
        r.tag_set > index.tag_sets.size())
      bad(path, fmt::format("row {} refers past the worker, route or tag tables", first + i));
  }
}

// A protobuf base-128 varint at data[pos]; false if it runs past the end.
bool read_varint(std::string_view data, std::size_t& pos, std::uint64_t& out) {
  out = 0;
  for (int shift = 0; shift < 64 && pos < data.size(); shift += 7) {
    auto b = static_cast<std::uint8_t>(data[pos++]);
    out |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// The status, worker and position columns of a RowBlock payload, found
// without parsing the others (times, offsets, sizes: most of the bytes).
// False if the payload is not shaped as serialize_index() writes it (the
// caller then parses it whole).
bool scan_outcome_columns(std::string_view data, std::string_view& status,
                          std::string_view& worker, std::string_view& position) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::uint64_t key = 0, len = 0;
    if (!read_varint(data, pos, key)) return false;
    switch (key & 7) {
      case 0:
        if (!read_varint(data, pos, len)) return false;
        if ((key >> 3) == 8 || (key >> 3) == 9) return false;  // unpacked: not ours
        continue;
      case 1: pos += 8; break;
      case 5: pos += 4; break;
      case 2: {
        if (!read_varint(data, pos, len) || len > data.size() - pos) return false;
        std::string_view field = data.substr(pos, len);
        pos += len;
        if (key >> 3 == 3) status = field;
        if (key >> 3 == 8) worker = field;
        if (key >> 3 == 9) position = field;
        continue;
      }
      default: return false;
    }
    if (pos > data.size()) return false;
  }
  return true;
}

// Fills one packed uint32 column into rows[first, first + n) through
// `set`; false if it holds a number of values other than 0 or n.
template <typename Set>
bool fill_packed(std::string_view packed, std::size_t n, Set set) {
  std::size_t pos = 0, i = 0;
  for (; pos < packed.size() && i < n; ++i) {
    std::uint64_t v = 0;
    if (!read_varint(packed, pos, v)) return false;
    set(i, static_cast<std::uint32_t>(v));
  }
  return pos == packed.size() && (i == n || packed.empty());
}

// decode_block for RowDetail::outcomes: status, completeness, worker and
// position; false if the block is not in the expected shape.
bool decode_outcomes(const std::string& path, std::string_view payload, std::size_t first,
                     const RunIndex& index, std::span<TestRow> block_rows) {
  std::string_view status, worker, position;
  if (!scan_outcome_columns(payload, status, worker, position)) return false;
  std::size_t n = block_rows.size();
  if (status.size() != n)
    bad(path, "block at row " + std::to_string(first) + " has columns of the wrong length");
  TestRow* rows = block_rows.data();
  for (std::size_t i = 0; i < n; ++i) {
    auto byte = static_cast<std::uint8_t>(status[i]);
    rows[i].status = static_cast<Status>(byte & 0x07);
    rows[i].complete = !(byte & kIncomplete);
  }
  bool fits = fill_packed(worker, n, [&](std::size_t i, std::uint32_t v) { rows[i].worker = v; }) &&
              fill_packed(position, n, [&](std::size_t i, std::uint32_t v) { rows[i].position = v; });
  if (!fits)
    bad(path, "block at row " + std::to_string(first) + " has columns of the wrong length");
  for (std::size_t i = 0; i < n; ++i)
    if (rows[i].worker > index.workers.size())
      bad(path, "row " + std::to_string(first + i) + " refers past the worker table");
  return true;
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

IndexWriter::IndexWriter(std::int64_t base_ns, std::int64_t unit_ns, std::string blocks_path)
    : base_(base_ns), unit_(unit_ns), blocks_path_(std::move(blocks_path)) {
  if (!blocks_path_.empty()) {
    blocks_fd_ = ::open(blocks_path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (blocks_fd_ < 0)
      throw IoError("cannot create '" + blocks_path_ + "': " + std::strerror(errno));
  }
  block_.reserve(kBlockRows);
}

IndexWriter::~IndexWriter() {
  if (blocks_fd_ >= 0) {
    ::close(blocks_fd_);
    ::unlink(blocks_path_.c_str());
  }
}

void IndexWriter::add(const TestRow& row) {
  block_.push_back(row);
  tests_.push_back(row.test);
  if (block_.size() == kBlockRows) flush_block();
}

void IndexWriter::flush_block() {
  if (block_.empty()) return;
  append_frame(blocks_, encode_block(block_, TimeBase{base_, unit_}), true);
  block_.clear();
  if (blocks_fd_ >= 0 && blocks_.size() >= (1u << 20)) {
    write_fd(blocks_fd_, blocks_, blocks_path_);
    blocks_bytes_ += blocks_.size();
    blocks_.clear();
  }
}

std::string IndexWriter::head(const RunIndex& tables) {
  flush_block();
  std::string out(kIndexMagic);
  append_frame(out, tables.header, false);
  append_frame(out, encode_keys(tables, tests_, base_, unit_), true);
  std::vector<std::uint32_t>().swap(tests_);
  return out;
}

void IndexWriter::finish(const RunIndex& tables, std::string& out) {
  out = head(tables);
  if (blocks_fd_ >= 0) {
    write_fd(blocks_fd_, blocks_, blocks_path_);
    blocks_bytes_ += blocks_.size();
    blocks_.clear();
    copy_fd_range(blocks_fd_, blocks_bytes_, blocks_path_,
                  [&](std::string_view chunk) { out.append(chunk); });
  } else {
    out += blocks_;
  }
}

void IndexWriter::finish(const RunIndex& tables, const std::string& path) {
  std::string first = head(tables);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw IoError("cannot create '" + path + "': " + std::strerror(errno));
  try {
    write_fd(fd, first, path);
    if (blocks_fd_ >= 0) {
      write_fd(blocks_fd_, blocks_, blocks_path_);
      blocks_bytes_ += blocks_.size();
      blocks_.clear();
      copy_fd_range(blocks_fd_, blocks_bytes_, blocks_path_,
                    [&](std::string_view chunk) { write_fd(fd, chunk, path); });
    } else {
      write_fd(fd, blocks_, path);
    }
    fsync_fd(fd, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw IoError("cannot close '" + path + "': " + std::strerror(errno));
}

std::string serialize_index(const RunIndex& index) {
  TimeBase time = time_base(index.rows);
  IndexWriter writer(time.base, time.unit, {});
  for (const auto& r : index.rows) writer.add(r);
  std::string out;
  writer.finish(index, out);
  return out;
}

RunIndex parse_index(const std::string& path, std::string_view bytes,
                     std::optional<std::uint32_t> only_test, RowDetail detail) {
  check_magic(path, bytes);
  RunIndex index;
  std::size_t pos = kMagicSize;
  std::string error;
  auto next = [&](google::protobuf::MessageLite& message, const char* what) {
    if (read_frame(bytes, pos, message, error) != FrameResult::ok)
      throw ArchiveDamage(path, error.empty() ? std::string(what) + " frame missing" : error);
  };
  next(index.header, "header");
  archive::pb::RunTests keys;
  next(keys, "test table");
  std::vector<std::uint32_t> tests;
  decode_keys(path, keys, index, tests);
  keys.clear_test_delta();
  std::size_t lo = 0, hi = tests.size();
  if (only_test) {
    lo = static_cast<std::size_t>(std::lower_bound(tests.begin(), tests.end(), *only_test) - tests.begin());
    hi = static_cast<std::size_t>(std::upper_bound(tests.begin(), tests.end(), *only_test) - tests.begin());
  }
  index.rows.resize(hi - lo);
  archive::pb::RowBlock block;
  std::size_t size = keys.block_rows();
  std::vector<TestRow> rows;
  for (std::size_t first = 0; first < tests.size(); first += size) {
    if (first + size <= lo || first >= hi) {
      // Not wanted: hop over the frame without checking or parsing it.
      std::size_t skip = frame_size_at(bytes, pos);
      if (skip == 0 || skip > bytes.size() - pos)
        throw ArchiveDamage(path, fmt::format("frame at byte {}: cut short", pos));
      pos += skip;
      continue;
    }
    rows.resize(std::min(size, tests.size() - first));
    for (std::size_t i = 0; i < rows.size(); ++i) { rows[i] = TestRow{}; rows[i].test = tests[first + i]; }
    bool decoded = false;
    if (detail == RowDetail::outcomes) {
      thread_local std::string plain;
      std::string_view payload;
      std::size_t at = pos;
      if (read_frame_payload(bytes, pos, plain, payload, error) != FrameResult::ok)
        throw ArchiveDamage(path, error.empty() ? "row block frame missing" : error);
      decoded = decode_outcomes(path, payload, first, index, rows);
      if (!decoded) pos = at;  // not the shape we write: parse it whole
    }
    if (!decoded) {
      next(block, "row block");
      decode_block(path, keys, block, first, index, rows);
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (first + i >= lo && first + i < hi) index.rows[first + i - lo] = rows[i];
  }
  return index;
}

void scan_index(const std::string& path, RunIndex& tables,
                const std::function<void(std::span<const TestRow>)>& each) {
  FrameFileReader file(path);
  check_magic(path, file.magic());
  std::string error;
  auto next = [&](google::protobuf::MessageLite& message, const char* what) {
    if (!file.next_ok(message, error))
      throw ArchiveDamage(path, error.empty() ? std::string(what) + " frame missing" : error);
  };
  tables = RunIndex{};
  next(tables.header, "header");
  std::vector<std::uint32_t> tests;
  {
    archive::pb::RunTests keys;
    next(keys, "test table");
    decode_keys(path, keys, tables, tests);
    keys.clear_test_delta();
    keys.clear_workers();
    keys.clear_routes();
    keys.clear_tag_sets();
    std::size_t size = keys.block_rows();
    archive::pb::RowBlock block;
    std::vector<TestRow> rows;
    for (std::size_t first = 0; first < tests.size(); first += size) {
      next(block, "row block");
      rows.resize(std::min(size, tests.size() - first));
      for (std::size_t i = 0; i < rows.size(); ++i) { rows[i] = TestRow{}; rows[i].test = tests[first + i]; }
      decode_block(path, keys, block, first, tables, rows);
      each(rows);
    }
  }
}

RunIndex read_index(const std::string& path, std::optional<std::uint32_t> only_test,
                    RowDetail detail) {
  // A file truncated under a mapping would fault: only the one-test reads,
  // which touch a few pages, map; the others read.
  if (only_test) {
    MappedFile file{path};
    return parse_index(path, file.bytes(), only_test, detail);
  }
  return parse_index(path, read_file(path), only_test, detail);
}

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

bool same_results(const RunIndex& a, const RunIndex& b) {
  const auto &x = a.header, &y = b.header;
  return a.rows == b.rows && a.workers == b.workers && a.routes == b.routes &&
         a.tag_sets == b.tag_sets && x.tests() == y.tests() && x.failures() == y.failures() &&
         x.skips() == y.skips() && x.successes() == y.successes() &&
         x.xfails() == y.xfails() && x.uxsuccesses() == y.uxsuccesses() &&
         x.incomplete() == y.incomplete() && x.has_times() == y.has_times() &&
         (!x.has_times() || (x.first_ns() == y.first_ns() && x.last_ns() == y.last_ns())) &&
         x.test_ns() == y.test_ns();
}

}  // namespace su
