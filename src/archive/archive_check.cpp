// SPDX-License-Identifier: Apache-2.0
// Archive::check: every stream decoded again and compared with its index
// and the ids table; with repair, what the streams allow is rebuilt.
#include "archive/archive.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "archive/archive_error.hpp"
#include "archive/archive_layout.hpp"
#include "archive/file_ops.hpp"
#include "archive/run_indexer.hpp"
#include "base/crc32.hpp"
#include "base/error.hpp"
#include "codec/v2_reader.hpp"
#include "event/damage_count.hpp"
#include "event/sink.hpp"

namespace su {

using namespace archive_layout;

namespace {

// Passes bytes through, keeping their size and CRC-32.
class ChecksumInput : public Input {
 public:
  explicit ChecksumInput(std::unique_ptr<Input> in) : Input(in->name()), in_(std::move(in)) {}
  std::size_t read(std::uint8_t* buf, std::size_t n) override {
    std::size_t got = in_->read(buf, n);
    crc = crc32(buf, got, crc);
    bytes += got;
    return got;
  }
  std::uint32_t crc = 0;
  std::uint64_t bytes = 0;

 private:
  std::unique_ptr<Input> in_;
};

struct Reindexed {
  RunIndex index;
  std::uint64_t stream_bytes = 0;
  std::uint32_t stream_crc = 0;
};

// Decodes a stored stream again and indexes it, numbering tests in `ids`.
// Throws DecodeError (a damaged zstd frame), IoError.
Reindexed reindex_stream(const std::string& path, IdTable& ids) {
  auto checksum = std::make_unique<ChecksumInput>(open_input(path));
  ChecksumInput* sums = checksum.get();
  DamageCount damage;
  V2Reader reader(std::make_unique<BufferedInput>(std::move(checksum)), &damage);
  RunIndexer indexer;
  pump(reader, indexer);
  Reindexed out{indexer.take(ids), sums->bytes, sums->crc};
  out.index.header.set_damaged_regions(damage.count);
  return out;
}

bool process_alive(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

}  // namespace

CheckReport Archive::check(
    bool repair, const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  CheckReport report;
  std::optional<FileLock> lock;
  if (repair) lock.emplace(path("lock"));
  auto fixed = [&](std::string what) {
    report.repairs.push_back(std::move(what) + (repair ? "" : " (not repaired)"));
  };

  IdTable table;
  table.load(path("ids"));
  bool rebuild_ids = table.damaged();
  if (rebuild_ids) {
    fixed("'" + path("ids") + "': " + table.load_error() + "; rebuilt from the streams");
    table.reset();
  }
  // The table as found, for the messages (checking adds to it).
  const bool ids_missing = !path_exists(path("ids"));
  const std::uint32_t found_size = table.size();
  const std::uint64_t found_generation = table.generation();
  const std::string found_error = table.load_error();
  // An empty table (missing, or cut short before its first frame) gets its
  // generation now: the rebuilt indexes record it before the first append.
  if (table.size() == 0) table.reset();
  ids_loaded_ = false;

  std::vector<std::uint64_t> ids = runs();
  report.runs = ids.size();
  // Indexes rewritten after an ids rebuild wait in tmp/ until the new table
  // is durable, so no index ever names numbers of a table not yet written.
  std::vector<std::pair<std::string, std::string>> staged;
  std::uint64_t done = 0;
  for (std::uint64_t run : ids) {
    if (progress) progress(done++, ids.size());
    std::string name = fmt::format("run {}", run);
    std::string ipath = index_path(run), spath = stream_path(run);
    Reindexed fresh;
    try {
      fresh = reindex_stream(spath, table);
    } catch (const DecodeError& e) {
      report.damage.push_back(fmt::format("{}: '{}': byte {}: {}", name, spath, e.offset(), e.what()));
      continue;
    }
    std::optional<archive::pb::RunHeader> old_header;
    std::string problem;
    try {
      if (!path_exists(ipath)) throw ArchiveDamage(ipath, "index missing");
      old_header = read_index_header(ipath);
      RunIndex old = read_index(ipath);
      if (rebuild_ids) {
        problem = "index refers to the damaged ids table";
      } else if (old.header.id_count() > 0 &&
                 (old.header.ids_generation() != table.generation() ||
                  old.header.id_count() > table.size())) {
        problem = "index needs " + std::to_string(old.header.id_count()) +
                  " test ids of ids table " + std::to_string(old.header.ids_generation()) +
                  ", but '" + path("ids") + "' " +
                  (ids_missing ? std::string("is missing")
                               : "holds " + std::to_string(found_size) + " of table " +
                                     std::to_string(found_generation) +
                                     (found_error.empty() ? "" : " (" + found_error + ")"));
      } else if (old.header.stream_bytes() != fresh.stream_bytes ||
                 old.header.stream_crc32() != fresh.stream_crc) {
        report.damage.push_back(fmt::format(
            "{}: '{}': stream is not the one added ({} bytes, CRC 0x{:08x}; index says {} bytes, "
            "CRC 0x{:08x})",
            name, spath, fresh.stream_bytes, fresh.stream_crc, old.header.stream_bytes(),
            old.header.stream_crc32()));
        continue;
      } else if (!same_results(old, fresh.index)) {
        problem = "index disagrees with the stream";
      }
    } catch (const ArchiveDamage& e) {
      problem = std::string("'") + e.path() + "': " + e.what();
    }
    if (problem.empty()) continue;
    fixed(name + ": " + problem + "; index rebuilt from the stream");
    if (!repair) continue;
    auto& h = fresh.index.header;
    if (old_header) {
      h.set_added_ns(old_header->added_ns());
      h.set_source(old_header->source());
      *h.mutable_meta() = old_header->meta();
      h.set_input_format(old_header->input_format());
    } else {
      h.set_added_ns(modification_time_ns(spath));
      h.set_input_format("v2");
    }
    h.set_id(run);
    h.set_stream_bytes(fresh.stream_bytes);
    h.set_stream_crc32(fresh.stream_crc);
    h.set_stored_bytes(file_size(spath));
    h.set_ids_generation(table.generation());
    std::string tmp = temp_path(kIndexSuffix.data());
    if (rebuild_ids) {
      write_file_durably(tmp, tmp, serialize_index(fresh.index));
      staged.emplace_back(tmp, ipath);
    } else {
      table.append_pending(path("ids"));
      write_file_durably(tmp, ipath, serialize_index(fresh.index));
    }
  }
  if (progress) progress(done, ids.size());
  if (repair && rebuild_ids) {
    table.write_fresh(temp_path(".ids"), path("ids"));
    for (const auto& [from, to] : staged) rename_durably(from, to);
  }

  // Leftovers: indexes whose stream never arrived, temporaries of writers
  // that are gone.
  for (std::uint64_t run : numbered(dir_ + "/index", kIndexSuffix)) {
    if (path_exists(stream_path(run))) continue;
    fixed("'" + index_path(run) + "': left by an interrupted add or remove; removed");
    if (repair) remove_file(index_path(run));
  }
  if (is_directory(dir_ + "/tmp")) {
    for (const auto& name : list_directory(dir_ + "/tmp")) {
      long pid = std::strtol(name.c_str(), nullptr, 10);
      if (pid == ::getpid() || process_alive(pid)) continue;
      fixed("'" + dir_ + "/tmp/" + name + "': left by an interrupted write; removed");
      if (repair) remove_file(dir_ + "/tmp/" + name);
    }
  }
  return report;
}

}  // namespace su
