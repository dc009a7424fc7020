// libFuzzer target: decodes arbitrary bytes as a subunit v1 stream with
// V1Reader and checks its promises: it ends, never crashes, and never hands
// out more bytes than it was given (stray text and details come from the
// input; only the lost-connection traceback is made up, once per stream).
// The same bytes also go through v1_content_type, which parses MIME types.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "codec/v1_reader.hpp"
#include "codec/v1_writer.hpp"

namespace {

class Ignore : public su::DamageHandler {
 public:
  void on_damage(const su::Damage& d) override {
    if (d.reason.empty()) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  Ignore damage;
  su::V1Reader reader(std::make_unique<su::BufferedInput>(su::memory_input(bytes)), &damage);
  su::Event e;
  std::size_t out = 0;
  std::size_t events = 0;
  while (reader.next(e)) {
    ++events;
    if (e.file_name && *e.file_name == "traceback" && e.mime_type &&
        e.mime_type->find("language") != std::string_view::npos)
      continue;  // the lost-connection report
    out += e.file_bytes.size();
  }
  if (out > size) std::abort();
  if (events > 2 * size + 2) std::abort();
  (void)su::v1_content_type(std::string_view(bytes).substr(0, 4096));
  return 0;
}
