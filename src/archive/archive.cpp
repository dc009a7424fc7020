// SPDX-License-Identifier: Apache-2.0
#include "archive/archive.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "archive/archive_error.hpp"
#include "archive/compressed_writer.hpp"
#include "archive/file_ops.hpp"
#include "archive/recording_input.hpp"
#include "archive/run_indexer.hpp"
#include "base/crc32.hpp"
#include "base/error.hpp"
#include "codec/open_reader.hpp"
#include "codec/sniff.hpp"
#include "codec/v2_reader.hpp"
#include "codec/v2_writer.hpp"
#include "event/sink.hpp"

namespace su {
namespace {

constexpr std::string_view kFormat = "su-archive 1\n";
constexpr std::string_view kStreamSuffix = ".v2.zst";
constexpr std::string_view kIndexSuffix = ".idx";

// "12.v2.zst" -> 12; anything else is not a run file.
std::optional<std::uint64_t> run_number(std::string_view name, std::string_view suffix) {
  if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix)
    return std::nullopt;
  name.remove_suffix(suffix.size());
  if (name.empty() || name.size() > 18) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (name.size() > 1 && name[0] == '0') return std::nullopt;
  return n;
}

std::vector<std::uint64_t> numbered(const std::string& dir, std::string_view suffix) {
  std::vector<std::uint64_t> out;
  if (!is_directory(dir)) return out;
  for (const auto& name : list_directory(dir))
    if (auto n = run_number(name, suffix)) out.push_back(*n);
  std::sort(out.begin(), out.end());
  return out;
}

// Counts damage; `check` reports it through the index's damaged_regions.
class DamageCounter : public DamageHandler {
 public:
  void on_damage(const Damage&) override { ++count; }
  std::uint32_t count = 0;
};

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

// Forwards damage to the caller's handler and counts it.
class CountingDamage : public DamageHandler {
 public:
  explicit CountingDamage(DamageHandler* next) : next_(next) {}
  void on_damage(const Damage& d) override {
    ++count;
    if (next_) next_->on_damage(d);
  }
  std::uint32_t count = 0;

 private:
  DamageHandler* next_;
};

// Removes a temporary file unless it was committed (renamed away).
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void committed() { path_.clear(); }

 private:
  std::string path_;
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
  DamageCounter damage;
  V2Reader reader(std::make_unique<BufferedInput>(std::move(checksum)), &damage);
  RunIndexer indexer;
  pump(reader, indexer);
  Reindexed out{indexer.take(ids), sums->bytes, sums->crc};
  out.index.header.set_damaged_regions(damage.count);
  return out;
}

bool same_tests(const RunIndex& a, const RunIndex& b) {
  const auto &x = a.header, &y = b.header;
  return a.rows == b.rows && a.workers == b.workers && a.routes == b.routes &&
         a.tag_sets == b.tag_sets && x.tests() == y.tests() && x.failures() == y.failures() &&
         x.skips() == y.skips() && x.successes() == y.successes() &&
         x.xfails() == y.xfails() && x.uxsuccesses() == y.uxsuccesses() &&
         x.incomplete() == y.incomplete() && x.first_ns() == y.first_ns() &&
         x.last_ns() == y.last_ns() && x.test_ns() == y.test_ns();
}

bool process_alive(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

}  // namespace

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
  return dir_ + "/runs/" + std::to_string(run) + std::string(kStreamSuffix);
}

std::string Archive::index_path(std::uint64_t run) const {
  return dir_ + "/index/" + std::to_string(run) + std::string(kIndexSuffix);
}

std::string Archive::temp_path(const char* suffix) {
  return dir_ + "/tmp/" + std::to_string(::getpid()) + "." + std::to_string(temp_counter_++) +
         suffix;
}

std::vector<std::uint64_t> Archive::runs() { return numbered(dir_ + "/runs", kStreamSuffix); }

void Archive::require_run(std::uint64_t run) const {
  if (!path_exists(stream_path(run)))
    throw ArchiveUsage("no run " + std::to_string(run) + " in '" + dir_ + "'");
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

RunIndex Archive::index(std::uint64_t run, std::optional<std::uint32_t> only_test) {
  require_run(run);
  std::string p = index_path(run);
  if (!path_exists(p))
    throw ArchiveDamage(p, "index missing ('su-archive check' rebuilds it from the stream)");
  RunIndex index = read_index(p, only_test);
  const IdTable& table = ids();
  auto fits = [&] {
    return index.header.ids_generation() == table.generation() &&
           index.header.id_count() <= table.size();
  };
  if (index.header.id_count() > 0 && !fits()) {
    // A run added since the table was loaded may use newer ids: reload once.
    ids_loaded_ = false;
    ids();
  }
  if (index.header.id_count() > 0) {
    if (index.header.ids_generation() != table.generation())
      throw ArchiveDamage(p, "index was written against another ids table "
                             "('su-archive check' rebuilds it)");
    if (index.header.id_count() > table.size())
      throw ArchiveDamage(p, "index needs " + std::to_string(index.header.id_count()) +
                                 " test ids, the ids table has " + std::to_string(table.size()) +
                                 (table.load_error().empty() ? "" : " (" + table.load_error() + ")") +
                                 " ('su-archive check' rebuilds it)");
  }
  return index;
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
  write_file_durably(temp_path(".next-id"), counter, std::to_string(next + 1) + "\n");
  return next;
}

std::uint64_t Archive::add(std::unique_ptr<Input> input, const AddOptions& options) {
  std::int64_t added = options.added_ns.value_or(now_ns());
  TempFile stream_tmp{temp_path(kStreamSuffix.data())};
  // zstd on a thread of its own measured no faster here and cost 20 MB of
  // buffers on a 100,000-test run, so it compresses inline.
  CompressedWriter writer{stream_tmp.path(), options.level, 0};
  auto recording = std::make_unique<RecordingInput>(std::move(input), options.tee,
                                                    options.progress);
  RecordingInput* recorder = recording.get();
  auto buffered = std::make_unique<BufferedInput>(std::move(recording));
  CountingDamage damage{options.damage};
  RunIndexer indexer;
  std::string input_format;
  if (sniff_format(*buffered) == Format::v2) {
    input_format = "v2";
    recorder->start_recording(writer);
    V2Reader reader{std::move(buffered), &damage};
    pump(reader, indexer);
  } else {
    // v1 is upgraded: decoded and encoded as v2. v1 runs are small (the
    // testr/stestr repository files), so the input is taken whole.
    input_format = "v1";
    recorder->discard();
    std::string bytes;
    while (buffered->fill(1) > 0) {
      bytes.append(reinterpret_cast<const char*>(buffered->data()), buffered->available());
      buffered->consume(buffered->available());
    }
    // Index what is stored, not the v1 it came from, so that the index
    // describes the stored bytes (offsets) and `check` can rebuild it.
    std::string v2;
    {
      auto reader = open_memory_reader(std::move(bytes), {.damage = &damage});
      Event e;
      while (reader->next(e)) {
        if (!e.raw.empty()) {
          v2.append(e.raw);
        } else {
          encode_v2(e, v2);
        }
      }
    }
    writer.write(v2);
    V2Reader reader{std::make_unique<BufferedInput>(memory_input(std::move(v2))), nullptr};
    pump(reader, indexer);
  }
  if (options.tee) {
    try {
      options.tee->flush();
    } catch (const BrokenPipe&) {
    }
  }
  writer.finish();

  TempFile index_tmp{temp_path(kIndexSuffix.data())};
  FileLock lock{path("lock")};
  IdTable ids;
  ids.load(path("ids"));
  RunIndex index = indexer.take(ids);
  ids.append_pending(path("ids"));
  std::uint64_t id = allocate_id();
  auto& h = index.header;
  h.set_id(id);
  h.set_added_ns(added);
  h.set_source(options.source);
  for (const auto& [key, value] : options.meta) {
    auto* m = h.add_meta();
    m->set_key(key);
    m->set_value(value);
  }
  h.set_input_format(input_format);
  h.set_stream_bytes(writer.plain_bytes());
  h.set_stream_crc32(writer.plain_crc32());
  h.set_stored_bytes(writer.stored_bytes());
  h.set_damaged_regions(damage.count);
  h.set_ids_generation(ids.generation());
  write_file_durably(index_tmp.path(), index_path(id), serialize_index(index));
  index_tmp.committed();
  rename_durably(stream_tmp.path(), stream_path(id));  // the commit
  stream_tmp.committed();
  ids_loaded_ = false;
  return id;
}

void Archive::remove(std::uint64_t run) {
  FileLock lock{path("lock")};
  require_run(run);
  remove_file(stream_path(run));  // the run is gone from here on
  fsync_directory(dir_ + "/runs");
  remove_file(index_path(run));
  fsync_directory(dir_ + "/index");
}

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
  ids_loaded_ = false;

  std::vector<std::uint64_t> ids = runs();
  report.runs = ids.size();
  // Indexes rewritten after an ids rebuild wait in tmp/ until the new table
  // is durable, so no index ever names numbers of a table not yet written.
  std::vector<std::pair<std::string, std::string>> staged;
  std::uint64_t done = 0;
  for (std::uint64_t run : ids) {
    if (progress) progress(done++, ids.size());
    std::string name = "run " + std::to_string(run);
    std::string ipath = index_path(run), spath = stream_path(run);
    Reindexed fresh;
    try {
      fresh = reindex_stream(spath, table);
    } catch (const DecodeError& e) {
      report.damage.push_back(name + ": '" + spath + "': byte " + std::to_string(e.offset()) +
                              ": " + e.what());
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
        problem = "index does not fit the ids table";
      } else if (old.header.stream_bytes() != fresh.stream_bytes ||
                 old.header.stream_crc32() != fresh.stream_crc) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "stream is not the one added (%llu bytes, CRC 0x%08x; index says %llu "
                      "bytes, CRC 0x%08x)",
                      static_cast<unsigned long long>(fresh.stream_bytes), fresh.stream_crc,
                      static_cast<unsigned long long>(old.header.stream_bytes()),
                      old.header.stream_crc32());
        report.damage.push_back(name + ": '" + spath + "': " + buf);
        continue;
      } else if (!same_tests(old, fresh.index)) {
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
