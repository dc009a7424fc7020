// SPDX-License-Identifier: Apache-2.0
#include "archive/run_ingest.hpp"

#include "archive/recording_input.hpp"
#include "base/error.hpp"
#include "codec/open_reader.hpp"
#include "codec/sniff.hpp"
#include "codec/v2_reader.hpp"
#include "codec/v2_writer.hpp"
#include "event/sink.hpp"

namespace su {
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

IngestedRun ingest_run(std::unique_ptr<Input> input, const AddOptions& options,
                       CompressedWriter& writer, RunIndexer& indexer) {
  IngestedRun out;
  auto recording = std::make_unique<RecordingInput>(std::move(input), options.tee,
                                                    options.progress);
  RecordingInput* recorder = recording.get();
  auto buffered = std::make_unique<BufferedInput>(std::move(recording));
  CountingDamage damage{options.damage};
  if (sniff_format(*buffered) == Format::v2) {
    out.input_format = "v2";
    recorder->start_recording(writer);
    V2Reader reader{std::move(buffered), &damage};
    pump(reader, indexer);
  } else {
    // v1 is upgraded: decoded and encoded as v2. v1 runs are small (the
    // testr/stestr repository files), so the input is taken whole.
    out.input_format = "v1";
    recorder->discard();
    std::string bytes;
    while (buffered->fill(1) > 0) {
      bytes.append(reinterpret_cast<const char*>(buffered->data()), buffered->available());
      buffered->consume(buffered->available());
    }
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
  out.damaged_regions = damage.count;
  return out;
}

}  // namespace su
