// libFuzzer target: decodes arbitrary bytes as a subunit stream and checks
// the reader's promises: it ends, never crashes, and every input byte comes
// out in exactly one event (a packet's raw bytes, stray text, or the
// "Packet data" of a damage report).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/input.hpp"
#include "codec/v2_reader.hpp"

// Decodes as v2 whatever the bytes look like (no sniffing: v1 has its own
// target), so every byte must be accounted for.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto input = su::memory_input(std::string(reinterpret_cast<const char*>(data), size));
  su::V2Reader reader{std::make_unique<su::BufferedInput>(std::move(input)), nullptr};
  su::Event e;
  std::size_t accounted = 0;
  while (reader.next(e)) {
    if (!e.raw.empty()) accounted += e.raw.size();
    else if (!e.test_id) accounted += e.file_bytes.size();
    else if (e.file_name && *e.file_name == "Packet data") accounted += e.file_bytes.size();
  }
  if (accounted != size) std::abort();
  return 0;
}
