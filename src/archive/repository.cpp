// SPDX-License-Identifier: Apache-2.0
#include "archive/repository.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "archive/archive.hpp"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/run_indexer.hpp"
#include "base/crc32.hpp"
#include "base/error.hpp"
#include "codec/open_reader.hpp"
#include "codec/sniff.hpp"
#include "codec/v2_writer.hpp"
#include "event/damage_count.hpp"

namespace su {
bool Repository::is_repository(const std::string& dir) {
  std::string format = dir + "/format";
  if (!path_exists(format)) return false;
  std::string text = read_file_prefix(format, 16);
  return text == "1\n" || text == "1";
}

Repository::Repository(std::string dir) : dir_(std::move(dir)) {
  if (!is_repository(dir_))
    throw ArchiveUsage("'" + dir_ + "' is not a testrepository or stestr repository");
}

std::vector<std::uint64_t> Repository::runs() {
  std::vector<std::uint64_t> out;
  for (const auto& name : list_directory(dir_)) {
    if (name.empty() || name.size() > 18 || (name.size() > 1 && name[0] == '0')) continue;
    if (!std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    out.push_back(std::stoull(name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

RunIndex Repository::index(std::uint64_t run) {
  if (cached_run_ == run) return cached_;
  std::string path = run_path(run);
  if (!path_exists(path)) throw ArchiveUsage(fmt::format("no run {} in '{}'", run, dir_));
  std::string bytes = read_file(path);
  std::uint32_t crc = crc32(bytes.data(), bytes.size());
  std::uint64_t size = bytes.size();
  std::string format = "v2";
  {
    BufferedInput sniff{memory_input(bytes.substr(0, 65536))};
    if (sniff_format(sniff) == Format::v1) format = "v1";
  }
  DamageCount damage;
  RunIndexer indexer;
  try {
    auto reader = open_memory_reader(std::move(bytes), {.damage = &damage});
    pump(*reader, indexer);
  } catch (const DecodeError& e) {
    throw ArchiveDamage(path, fmt::format("byte {}: {}", e.offset(), e.what()));
  }
  RunIndex index = indexer.take(ids_);
  auto& h = index.header;
  h.set_id(run);
  h.set_added_ns(modification_time_ns(path));
  h.set_source(path);
  h.set_input_format(format);
  h.set_stream_bytes(size);
  h.set_stream_crc32(crc);
  h.set_stored_bytes(size);
  h.set_damaged_regions(damage.count);
  cached_run_ = run;
  cached_ = index;
  return index;
}

void Repository::write_stream(std::uint64_t run, Output& out) {
  std::string path = run_path(run);
  if (!path_exists(path)) throw ArchiveUsage(fmt::format("no run {} in '{}'", run, dir_));
  auto reader = open_reader(path);
  V2Writer writer{out};
  pump(*reader, writer);
}

std::string find_store_dir(const std::string& preferred) {
  if (path_exists(preferred)) return preferred;
  std::vector<std::string> found;
  for (const char* dir : {".stestr", ".testrepository"})
    if (Repository::is_repository(dir)) found.push_back(dir);
  return found.size() == 1 ? found.front() : preferred;
}

}  // namespace su
