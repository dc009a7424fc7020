// SPDX-License-Identifier: Apache-2.0
// Archive: opening, reading and removing runs. Adding is archive_add.cpp,
// checking and repairing archive_check.cpp.
#include "archive/archive.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unistd.h>

#include "archive/archive_error.hpp"
#include "archive/archive_layout.hpp"
#include "archive/file_ops.hpp"
#include "archive/run_uuid.hpp"
#include "base/crc32.hpp"
#include "base/input.hpp"

namespace su {

using namespace archive_layout;

bool Archive::is_archive(const std::string& dir) {
  std::string format = dir + "/format";
  if (!path_exists(format)) return false;
  return read_file_prefix(format, 64).rfind("su-archive ", 0) == 0;
}

bool Archive::init(const std::string& dir) {
  if (is_archive(dir)) return false;
  if (is_directory(dir)) {
    auto names = list_directory(dir);
    if (!names.empty())
      throw ArchiveUsage("'" + dir + "' exists and is not an empty directory");
  } else {
    make_directory(dir);
  }
  for (const char* sub : {"/runs", "/index", "/tmp"}) make_directory(dir + sub);
  write_file_durably(dir + "/tmp/next-id.new", dir + "/next-id", "0\n");
  // The format file goes last: a directory without it is not an archive yet.
  write_file_durably(dir + "/tmp/format.new", dir + "/format", kFormat);
  return true;
}

Archive::Archive(std::string dir) : dir_(std::move(dir)) {
  if (!is_archive(dir_))
    throw ArchiveUsage("'" + dir_ + "' is not a su archive (create one with 'su-archive init')");
}

std::string Archive::stream_path(std::uint64_t run) const {
  return fmt::format("{}/runs/{}{}", dir_, run, kStreamSuffix);
}

std::string Archive::index_path(std::uint64_t run) const {
  return fmt::format("{}/index/{}{}", dir_, run, kIndexSuffix);
}

std::string Archive::temp_path(const char* suffix) {
  return dir_ + "/tmp/" + std::to_string(::getpid()) + "." + std::to_string(temp_counter_++) +
         suffix;
}

std::vector<std::uint64_t> Archive::runs() { return numbered(dir_ + "/runs", kStreamSuffix); }

void Archive::require_run(std::uint64_t run) const {
  if (!path_exists(stream_path(run)))
    throw ArchiveUsage(fmt::format("no run {} in '{}'", run, dir_));
}

const IdTable& Archive::ids() {
  if (!ids_loaded_) {
    ids_.load(path("ids"));
    ids_loaded_ = true;
  }
  return ids_;
}

archive::pb::RunHeader Archive::header(std::uint64_t run) {
  require_run(run);
  std::string p = index_path(run);
  if (!path_exists(p))
    throw ArchiveDamage(p, "index missing ('su-archive check' rebuilds it from the stream)");
  return read_index_header(p);
}

const IdTable::FileSummary& Archive::ids_summary(bool reload) {
  if (ids_loaded_ && !reload) {
    if (!ids_summary_) ids_summary_ = IdTable::FileSummary{ids_.generation(), ids_.size(), ids_.load_error(), ids_.damaged()};
    return *ids_summary_;
  }
  if (!ids_summary_ || reload)
    ids_summary_ = IdTable::scan_file(path("ids"), [](std::uint32_t, std::string_view) {});
  return *ids_summary_;
}

void Archive::check_fits(const std::string& p, const archive::pb::RunHeader& header) {
  if (header.id_count() == 0) return;
  auto fits = [&](const IdTable::FileSummary& t) {
    return header.ids_generation() == t.generation && header.id_count() <= t.size;
  };
  // A run added since the table was read may use newer ids: read it again.
  if (!fits(ids_summary(false))) {
    ids_loaded_ = false;
    ids_summary_.reset();
  }
  const auto& table = ids_summary(false);
  if (header.ids_generation() != table.generation)
    throw ArchiveDamage(p, "index was written against another ids table "
                           "('su-archive check' rebuilds it)");
  if (header.id_count() > table.size)
    throw ArchiveDamage(p, "index needs " + std::to_string(header.id_count()) +
                               " test ids, the ids table has " + std::to_string(table.size) +
                               (table.error.empty() ? "" : " (" + table.error + ")") +
                               " ('su-archive check' rebuilds it)");
}

RunIndex Archive::index(std::uint64_t run, std::optional<std::uint32_t> only_test,
                        RowDetail detail) {
  require_run(run);
  std::string p = index_path(run);
  if (!path_exists(p))
    throw ArchiveDamage(p, "index missing ('su-archive check' rebuilds it from the stream)");
  RunIndex index = read_index(p, only_test, detail);
  check_fits(p, index.header);
  return index;
}

void Archive::scan(std::uint64_t run, RunIndex& tables,
                   const std::function<void(std::span<const TestRow>)>& rows) {
  require_run(run);
  std::string p = index_path(run);
  if (!path_exists(p))
    throw ArchiveDamage(p, "index missing ('su-archive check' rebuilds it from the stream)");
  check_fits(p, read_index_header(p));
  scan_index(p, tables, rows);
}

std::optional<std::uint32_t> Archive::find_id(std::string_view test_id) {
  std::optional<std::uint32_t> found;
  ids_summary_ = IdTable::scan_file(path("ids"), [&](std::uint32_t n, std::string_view id) {
    if (!found && id == test_id) found = n;
  });
  return found;
}

std::vector<std::string> Archive::test_names(std::span<const std::uint32_t> numbers) {
  // Sorted wanted numbers, then one pass over the file.
  std::vector<std::pair<std::uint32_t, std::size_t>> wanted;
  for (std::size_t i = 0; i < numbers.size(); ++i) wanted.emplace_back(numbers[i], i);
  std::sort(wanted.begin(), wanted.end());
  std::vector<std::string> names(numbers.size());
  std::size_t at = 0;
  ids_summary_ = IdTable::scan_file(path("ids"), [&](std::uint32_t n, std::string_view id) {
    while (at < wanted.size() && wanted[at].first < n) ++at;
    for (std::size_t k = at; k < wanted.size() && wanted[k].first == n; ++k)
      names[wanted[k].second] = id;
  });
  return names;
}

void Archive::write_stream(std::uint64_t run, Output& out) {
  require_run(run);
  std::string path = stream_path(run);
  auto in = open_input(path);
  std::vector<std::uint8_t> buf(256 * 1024);
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  while (std::size_t n = in->read(buf.data(), buf.size())) {
    crc = crc32(buf.data(), n, crc);
    size += n;
    out.write({reinterpret_cast<const char*>(buf.data()), n});
  }
  // zstd's own checksum catches most damage; this catches a stream swapped
  // for another, and an index that no longer describes its stream.
  std::string ipath = index_path(run);
  if (path_exists(ipath)) {
    auto h = read_index_header(ipath);
    if (h.stream_bytes() != size || h.stream_crc32() != crc)
      throw ArchiveDamage(path, "stream is not the one added (size or CRC differs from its index)");
  }
}

std::uint64_t Archive::allocate_id() {
  std::uint64_t next = peek_next_id();
  write_next_id(next + 1);
  return next;
}

void Archive::write_next_id(std::uint64_t next) {
  write_file_durably(temp_path(".next-id"), path("next-id"), std::to_string(next) + "\n");
}

std::uint64_t Archive::peek_next_id() {
  std::uint64_t next = 0;
  std::string counter = path("next-id");
  if (path_exists(counter)) {
    std::string text = read_file_prefix(counter, 32);
    for (char c : text) {
      if (c < '0' || c > '9') break;
      next = next * 10 + static_cast<std::uint64_t>(c - '0');
    }
  }
  // Never below an id in use, whatever the counter says.
  for (const char* sub : {"/runs", "/index"}) {
    auto ids = numbered(dir_ + sub, sub[1] == 'r' ? kStreamSuffix : kIndexSuffix);
    if (!ids.empty()) next = std::max(next, ids.back() + 1);
  }
  return next;
}

std::set<std::string> Archive::run_uuids() {
  std::set<std::string> out;
  for (std::uint64_t run : runs()) {
    try {
      out.insert(run_uuid(header(run)));
    } catch (const ArchiveDamage&) {
      // a run whose index is damaged cannot be named; sync copies it again
    }
  }
  return out;
}

void Archive::remove(std::uint64_t run) {
  FileLock lock{path("lock")};
  require_run(run);
  remove_file(stream_path(run));  // the run is gone from here on
  fsync_directory(dir_ + "/runs");
  remove_file(index_path(run));
  fsync_directory(dir_ + "/index");
}

}  // namespace su
