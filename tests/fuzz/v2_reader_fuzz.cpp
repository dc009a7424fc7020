// libFuzzer target: decodes arbitrary bytes as a subunit stream and checks
// the reader's promises: it ends, never crashes, and every input byte comes
// out in exactly one event (a packet's raw bytes, stray text, or the
// "Packet data" of a damage report).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "codec/open_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<su::EventReader> reader;
  try {
    reader = su::open_memory_reader(bytes);
  } catch (const std::exception&) {
    return 0;  // a format this target does not decode (v1 has its own target)
  }
  su::Event e;
  std::size_t accounted = 0;
  bool v2 = true;
  while (reader->next(e)) {
    if (!e.raw.empty()) accounted += e.raw.size();
    else if (!e.test_id) accounted += e.file_bytes.size();
    else if (e.file_name && *e.file_name == "Packet data") accounted += e.file_bytes.size();
    else if (*e.test_id != "subunit.parser") v2 = false;  // a v1 stream's events
  }
  if (v2 && accounted != size) std::abort();
  return 0;
}
