// SPDX-License-Identifier: Apache-2.0
#include "archive/recording_input.hpp"

#include "base/error.hpp"

namespace su {

RecordingInput::RecordingInput(std::unique_ptr<Input> in, Output* tee,
                               std::function<void(std::uint64_t)> progress)
    : Input(in->name()), in_(std::move(in)), tee_(tee), progress_(std::move(progress)) {}

std::size_t RecordingInput::read(std::uint8_t* buf, std::size_t n) {
  std::size_t got = in_->read(buf, n);
  std::string_view bytes(reinterpret_cast<const char*>(buf), got);
  bytes_read_ += got;
  if (tee_ && got > 0) {
    try {
      tee_->write(bytes);
      // A live producer (a pipe that paused) should reach the next stage
      // now, not when the buffer fills.
      if (in_->drained()) tee_->flush();
    } catch (const BrokenPipe&) {
      tee_ = nullptr;  // the rest of the pipeline is gone; keep archiving
    }
  }
  if (holding_) {
    held_.append(bytes);
  } else if (to_) {
    to_->write(bytes);
  }
  if (progress_) progress_(bytes_read_);
  return got;
}

void RecordingInput::start_recording(CompressedWriter& to) {
  to_ = &to;
  holding_ = false;
  to_->write(held_);
  std::string().swap(held_);
}

void RecordingInput::discard() {
  holding_ = false;
  to_ = nullptr;
  std::string().swap(held_);
}

}  // namespace su
