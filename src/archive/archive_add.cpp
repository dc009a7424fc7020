// SPDX-License-Identifier: Apache-2.0
// Archive::add: decode, compress and index a run unlocked, then commit it
// under the lock (ids, index, and last the stream's rename).
#include "archive/archive.hpp"

#include "archive/archive_layout.hpp"
#include "archive/compressed_writer.hpp"
#include "archive/file_ops.hpp"
#include "archive/recording_input.hpp"
#include "archive/run_indexer.hpp"
#include "archive/temp_file.hpp"
#include "base/error.hpp"
#include "codec/open_reader.hpp"
#include "codec/sniff.hpp"
#include "codec/v2_reader.hpp"
#include "codec/v2_writer.hpp"
#include "event/sink.hpp"

namespace su {

using namespace archive_layout;

namespace {

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

}  // namespace

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

}  // namespace su
