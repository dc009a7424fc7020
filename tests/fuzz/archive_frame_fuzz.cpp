// libFuzzer target: reads arbitrary bytes as a sequence of archive frames
// (src/archive/frame.hpp) holding one of the index's messages, and checks
// read_frame's promises: it never crashes; on success it moves past exactly
// the frame frame_size_at() measured; otherwise it leaves the position
// where it was and says what is wrong; and a message it read, framed again
// (raw or compressed), reads back to the same bytes.
//
// Input: one control byte (frame_fixup.hpp with no magic; bits 2-3 pick the
// message: RunHeader, RunTests, RowBlock, IdBlock), then the frames.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "archive/archive.pb.h"
#include "archive/frame.hpp"
#include "frame_fixup.hpp"

namespace {

std::unique_ptr<google::protobuf::MessageLite> message_for(int kind) {
  switch (kind) {
    case 0: return std::make_unique<su::archive::pb::RunHeader>();
    case 1: return std::make_unique<su::archive::pb::RunTests>();
    case 2: return std::make_unique<su::archive::pb::RowBlock>();
    default: return std::make_unique<su::archive::pb::IdBlock>();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string bytes = su_fuzz::archive_file(data, size, {});
  auto message = message_for((data[0] >> 2) & 3);
  auto copy = message_for((data[0] >> 2) & 3);
  std::size_t pos = 0;
  for (int frames = 0; frames < 64; ++frames) {
    std::size_t before = pos;
    std::string error;
    su::FrameResult r = su::read_frame(bytes, pos, *message, error);
    if (r == su::FrameResult::end) {
      if (pos != bytes.size()) std::abort();
      break;
    }
    if (r != su::FrameResult::ok) {
      if (pos != before || error.empty()) std::abort();
      break;
    }
    if (pos - before != su::frame_size_at(bytes, before)) std::abort();
    std::string plain = message->SerializeAsString();
    for (bool compress : {false, true}) {
      std::string framed;
      su::append_frame(framed, *message, compress);
      std::size_t at = 0;
      if (su::read_frame(framed, at, *copy, error) != su::FrameResult::ok ||
          at != framed.size() || copy->SerializeAsString() != plain)
        std::abort();
    }
  }
  return 0;
}
