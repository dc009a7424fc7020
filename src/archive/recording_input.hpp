// SPDX-License-Identifier: Apache-2.0
// RecordingInput: an Input that hands on every byte it reads, so `add` can
// store a v2 stream byte for byte while decoding it, and `--tee` can copy
// the input to standard output as it arrives.
//
// Bytes are held in memory until the caller, having sniffed the format,
// says whether to record them (v2: start_recording) or not (v1, which is
// stored re-encoded: discard). Only what the sniffer read ahead is held.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "archive/compressed_writer.hpp"
#include "base/input.hpp"
#include "base/output.hpp"

namespace su {

class RecordingInput : public Input {
 public:
  // `tee`, if given, receives every byte; a reader that went away
  // (BrokenPipe) stops the copy, not the recording. `progress` is called
  // with the total bytes read after every read.
  RecordingInput(std::unique_ptr<Input> in, Output* tee,
                 std::function<void(std::uint64_t)> progress);

  std::size_t read(std::uint8_t* buf, std::size_t n) override;
  bool drained() const override { return in_->drained(); }

  void start_recording(CompressedWriter& to);
  void discard();
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::unique_ptr<Input> in_;
  Output* tee_;
  std::function<void(std::uint64_t)> progress_;
  CompressedWriter* to_ = nullptr;
  bool holding_ = true;
  std::string held_;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace su
