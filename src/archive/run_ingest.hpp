// SPDX-License-Identifier: Apache-2.0
// ingest_run: the reading half of `add`, the same for every store. The
// input's bytes as they will be stored (v2 byte for byte; v1 re-encoded as
// v2) go to a CompressedWriter, and their events to a RunIndexer, so the
// index describes exactly the stored bytes. The store then commits both
// its own way.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "archive/compressed_writer.hpp"
#include "archive/run_indexer.hpp"
#include "archive/writable_store.hpp"
#include "base/input.hpp"

namespace su {

struct IngestedRun {
  std::string input_format;  // "v2" or "v1"
  std::uint32_t damaged_regions = 0;
};

// Reads `input` to its end, with `options`' tee, progress and damage
// handler. Does not finish() the writer. Throws what the input or the
// damage handler throws, IoError from the writer.
IngestedRun ingest_run(std::unique_ptr<Input> input, const AddOptions& options,
                       CompressedWriter& writer, RunIndexer& indexer);

}  // namespace su
