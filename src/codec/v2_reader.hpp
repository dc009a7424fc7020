// V2Reader: decodes a subunit v2 byte stream (spec/subunit-v2.md §9) from a
// bounded buffer, one Event per next().
//
// - Bytes that are not packets become `stdout` file events with no test id,
//   one per run of text (at most 1 MiB, or less when a live pipe pauses). A
//   0xB3 that continues a UTF-8 character of that text is text (§9.2).
// - A damaged packet goes to the DamageHandler, then comes out in-band as
//   python reports it (§9.4): a `subunit.parser` file event "Packet data"
//   holding the damaged bytes, then a `fail` event whose "Parser Error" file
//   holds python's message.
// - Where python's rule would swallow good packets (a corrupt length), the
//   reader resynchronises at the next CRC-valid packet, so the damaged region
//   ends there and every byte appears in exactly one event.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "base/input.hpp"
#include "base/utf8.hpp"
#include "event/reader.hpp"

namespace su {

class V2Reader : public EventReader {
 public:
  V2Reader(std::unique_ptr<BufferedInput> in, DamageHandler* damage);

  bool next(Event& event) override;
  bool drained() const override;

 private:
  bool read_text(Event& event);
  bool read_packet(Event& event);
  // Fills `event` from the packet of `length` bytes at data(); false for a
  // malformed field, with python's message in damage_reason_.
  bool parse_fields(std::size_t length, std::size_t length_size, Event& event);
  // First offset in (1, limit] from data() where a whole CRC-valid packet
  // starts, or `limit` if none does.
  std::size_t find_resync(std::size_t limit);
  void report_damage(std::size_t region, std::string reason, Event& event);

  std::unique_ptr<BufferedInput> in_;
  DamageHandler* damage_;
  Utf8Tracker utf8_;
  std::vector<std::string_view> tags_;
  std::array<std::string_view, 16> few_tags_;  // the fast path's tags
  std::string damaged_bytes_, damage_reason_;
  std::uint64_t damage_offset_ = 0;
  bool second_parser_event_ = false;
};

}  // namespace su
