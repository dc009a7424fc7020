// SPDX-License-Identifier: Apache-2.0
#include "archive/run_ingest.hpp"

#include "archive/recording_input.hpp"
#include "archive/upgrading_input.hpp"
#include "base/error.hpp"
#include "codec/v1_reader.hpp"
#include "codec/sniff.hpp"
#include "codec/v2_reader.hpp"
#include "event/damage_count.hpp"
#include "event/sink.hpp"

namespace su {
IngestedRun ingest_run(std::unique_ptr<Input> input, const AddOptions& options,
                       CompressedWriter& writer, RunIndexer& indexer) {
  IngestedRun out;
  auto recording = std::make_unique<RecordingInput>(std::move(input), options.tee,
                                                    options.progress);
  RecordingInput* recorder = recording.get();
  auto buffered = std::make_unique<BufferedInput>(std::move(recording));
  DamageCount damage{options.damage};
  if (sniff_format(*buffered) == Format::v2) {
    out.input_format = "v2";
    recorder->start_recording(writer);
    V2Reader reader{std::move(buffered), &damage};
    pump(reader, indexer);
  } else {
    // v1 is upgraded: decoded and encoded as v2 a batch of packets at a
    // time, and the v2 is what is stored and indexed (so that the index
    // describes the stored bytes, and `check` can rebuild it).
    out.input_format = "v1";
    recorder->discard();
    auto v1 = std::make_unique<V1Reader>(std::move(buffered), &damage);
    auto upgraded = std::make_unique<RecordingInput>(
        std::make_unique<UpgradingInput>(std::move(v1), options.source), nullptr, nullptr);
    upgraded->start_recording(writer);
    V2Reader reader{std::make_unique<BufferedInput>(std::move(upgraded)), nullptr};
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
