#include "codec/v2_reader.hpp"

#include <array>
#include <cstdio>
#include <cstring>

#include "base/hash.hpp"

#include "base/crc32.hpp"
#include "base/varint.hpp"
#include "codec/v2_format.hpp"

namespace su {
namespace {

constexpr std::size_t kMaxTextRun = 1024 * 1024;  // python's cap on one chunk
constexpr std::string_view kParserId = "subunit.parser";

inline std::uint16_t load_be16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
         (std::uint32_t{p[2]} << 8) | p[3];
}

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

// Whether a complete packet with a valid CRC starts at p[0], given `avail`
// bytes there.
bool valid_packet_at(const std::uint8_t* p, std::size_t avail) {
  if (avail < v2::kMinPacket || p[0] != v2::kSignature) return false;
  if (varint_size(p[3]) > 3) return false;
  std::uint32_t length = 0;
  decode_varint(p + 3, p + avail, length);
  if (length < v2::kMinPacket || length > avail) return false;
  return crc32(p, length - 4) == load_be32(p + length - 4);
}

// The common case of parse_fields, inline and without its bookkeeping for
// python's messages: every string plain ASCII and every field inside the
// packet. Returns false for anything else, and parse_fields, which makes
// every check python makes and says what failed, decides; so this path
// accepts only packets the exact one accepts, and fills the same Event.
struct Cursor {
  const std::uint8_t* p;
  const std::uint8_t* end;  // where the fields end; 4 CRC bytes follow

  // A packet's fields end 4 bytes before its end (the CRC follows), so four
  // bytes can always be loaded where a number starts: the size bits and the
  // value come out of one big-endian word, without a loop.
  [[gnu::always_inline]] bool number(std::uint32_t& v) {
    if (p >= end) return false;
    std::uint32_t w = load_be32(p);
    std::size_t size = (w >> 30) + 1;
    if (size > static_cast<std::size_t>(end - p)) return false;
    v = (w & kVarintMax) >> (32 - 8 * size);
    p += size;
    return true;
  }
  [[gnu::always_inline]] bool plain_string(std::string_view& out) {
    std::uint32_t n = 0;
    if (!number(n) || n > static_cast<std::size_t>(end - p) || !is_plain_ascii(p, n))
      return false;
    out = std::string_view(reinterpret_cast<const char*>(p), n);
    p += n;
    return true;
  }
};

using FewTags = std::array<std::string_view, 16>;

[[gnu::always_inline]] inline bool parse_plain(const std::uint8_t* packet, std::size_t length,
                                               std::size_t length_size, Event& event,
                                               FewTags& tags) {
  Cursor c{packet + 3 + length_size, packet + length - 4};
  std::uint16_t flags = load_be16(packet + 1);
  event.clear();  // (offset and raw are set by the caller)
  event.status = static_cast<Status>(flags & v2::kStatusMask);
  event.runnable = flags & v2::kFlagRunnable;
  event.eof = flags & v2::kFlagEof;
  if (flags & v2::kFlagTimestamp) {
    if (c.end - c.p < 4) return false;
    Timestamp ts;
    ts.seconds = load_be32(c.p);
    c.p += 4;
    if (!c.number(ts.nanos)) return false;
    event.timestamp = ts;
  }
  std::string_view s;
  if (flags & v2::kFlagTestId) {
    if (!c.plain_string(s)) return false;
    event.test_id = s;
  }
  if (flags & v2::kFlagTags) {
    // A fixed array for the usual handful; more go the exact way.
    std::uint32_t count = 0;
    if (!c.number(count) || count > tags.size()) return false;
    std::size_t kept = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!c.plain_string(s)) return false;
      // python decodes tags into a set: duplicates collapse.
      bool seen = false;
      for (std::size_t k = 0; k < kept; ++k) seen = seen || same_string(tags[k], s);
      if (!seen) tags[kept++] = s;
    }
    event.tags = std::span<const std::string_view>(tags.data(), kept);
  }
  if (flags & v2::kFlagMimeType) {
    if (!c.plain_string(s)) return false;
    event.mime_type = s;
  }
  if (flags & v2::kFlagFileContent) {
    if (!c.plain_string(s)) return false;
    event.file_name = s;
    std::uint32_t n = 0;
    if (!c.number(n) || n > static_cast<std::size_t>(c.end - c.p)) return false;
    event.file_bytes = std::string_view(reinterpret_cast<const char*>(c.p), n);
    c.p += n;
  }
  if (flags & v2::kFlagRouteCode) {
    if (!c.plain_string(s)) return false;
    event.route_code = s;
  }
  return true;
}

}  // namespace

V2Reader::V2Reader(std::unique_ptr<BufferedInput> in, DamageHandler* damage)
    : in_(std::move(in)), damage_(damage) {}

bool V2Reader::drained() const { return in_->available() == 0 && in_->drained(); }

bool V2Reader::next(Event& event) {
  if (second_parser_event_) {
    second_parser_event_ = false;
    event = Event{};
    event.offset = damage_offset_;
    event.test_id = kParserId;
    event.status = Status::fail;
    event.eof = true;
    event.file_name = "Parser Error";
    event.file_bytes = damage_reason_;
    event.mime_type = "text/plain;charset=utf8";
    return true;
  }
  if (in_->fill(1) == 0) return false;
  if (in_->data()[0] == v2::kSignature && !utf8_.mid_character())
    return read_packet(event);
  return read_text(event);
}

bool V2Reader::read_text(Event& event) {
  std::size_t n = 0;
  for (;;) {
    const std::uint8_t* p = in_->data();
    std::size_t avail = in_->available();
    std::size_t limit = std::min(avail, kMaxTextRun);
    bool stop = false;
    while (n < limit) {
      std::uint8_t b = p[n];
      if (b < 0x80 && !utf8_.mid_character()) {
        ++n;
        continue;
      }
      if (b == v2::kSignature && !utf8_.mid_character() && n > 0) {
        stop = true;
        break;
      }
      // The first byte of a run is text even if it is 0xB3 (mid-character).
      utf8_.feed(b);
      ++n;
    }
    if (stop || n >= kMaxTextRun || in_->eof() || in_->drained()) break;
    if (n < avail) break;
    if (in_->fill_more() == avail) break;  // end of input
  }
  event = Event{};
  event.offset = in_->offset();
  event.file_name = "stdout";
  event.file_bytes = std::string_view(reinterpret_cast<const char*>(in_->data()), n);
  in_->consume(n);
  return true;
}

bool V2Reader::read_packet(Event& event) {
  std::size_t avail = in_->fill(6);
  const std::uint8_t* p = in_->data();
  if (avail < 6) {
    report_damage(avail, format("Short read - got %zu bytes, wanted 5 bytes", avail - 1),
                  event);
    return true;
  }
  std::size_t length_size = varint_size(p[3]);
  if (length_size > 3) {
    report_damage(6, "3 byte maximum given but 4 byte value found.", event);
    return true;
  }
  std::uint32_t length = 0;
  decode_varint(p + 3, p + 6, length);
  if (length < v2::kMinPacket) {
    // python calls read() with a negative size here and loses the rest of
    // the stream; we resynchronise at the next good packet instead.
    std::size_t window = in_->fill(v2::kMaxPacket + 1);
    std::size_t region = find_resync(std::min<std::size_t>(window, v2::kMaxPacket));
    report_damage(region, format("Packet length %u is below the minimum of 8 bytes", length),
                  event);
    return true;
  }
  avail = in_->fill(length);
  p = in_->data();
  if (avail < length) {
    std::size_t region = find_resync(avail);
    report_damage(region,
                  format("Short read - got %zu bytes, wanted %u bytes", avail - 6, length - 6),
                  event);
    return true;
  }
  std::uint32_t computed = crc32(p, length - 4);
  std::uint32_t stored = load_be32(p + length - 4);
  if (computed != stored) {
    // Look far enough ahead to recognise a whole packet inside the claim.
    in_->fill(std::size_t{length} + v2::kMaxPacket);
    std::size_t region = find_resync(length);
    report_damage(region,
                  format("Bad checksum - calculated (0x%x), stored (0x%x)", computed, stored),
                  event);
    return true;
  }
  if (!parse_plain(p, length, length_size, event, few_tags_) &&
      !parse_fields(length, length_size, event)) {
    report_damage(length, std::move(damage_reason_), event);
    return true;
  }
  event.offset = in_->offset();
  event.raw = std::string_view(reinterpret_cast<const char*>(p), length);
  in_->consume(length);
  return true;
}

bool V2Reader::parse_fields(std::size_t length, std::size_t length_size, Event& event) {
  const std::uint8_t* packet = in_->data();
  const std::uint8_t* p = packet + 3 + length_size;
  const std::uint8_t* end = packet + length - 4;
  // python numbers its string offsets from the start of a different buffer
  // depending on the length's size; its messages then subtract 2.
  const std::uint8_t* python_base = packet + (length_size == 3 ? 6 : 1);
  auto python_offset = [&](const std::uint8_t* at) {
    return static_cast<long>(at - python_base) - 2;
  };
  auto number = [&](std::uint32_t& v) -> bool {
    std::size_t k = decode_varint(p, end, v);
    p += k;
    return k != 0;
  };
  std::string& problem = damage_reason_;
  auto fail = [&](std::string message) {
    problem = std::move(message);
    return false;
  };
  auto string = [&](std::string_view& out) -> bool {
    std::uint32_t n = 0;
    if (!number(n)) {
      problem = format("Number at offset %ld extends past end of packet", python_offset(p) + 2);
      return false;
    }
    std::size_t room = static_cast<std::size_t>(end - p);
    if (n > room) {
      problem = format("UTF8 string at offset %ld extends past end of packet: "
                       "claimed %u bytes, %zu available",
                       python_offset(p), n, room);
      return false;
    }
    std::string_view s(reinterpret_cast<const char*>(p), n);
    if (is_plain_ascii(p, n)) {
      out = s;
      p += n;
      return true;
    }
    if (s.find('\0') != std::string_view::npos) {
      problem = format("UTF8 string at offset %ld contains NUL byte", python_offset(p));
      return false;
    }
    std::size_t valid = 0;
    switch (check_utf8(s, &valid)) {
      case Utf8Check::valid: break;
      case Utf8Check::invalid:
        problem = format("UTF8 string at offset %ld is not UTF8", python_offset(p));
        return false;
      case Utf8Check::truncated:
        problem = format("Invalid (partially decodable) string at offset %ld, %zu undecoded bytes",
                         python_offset(p), n - valid);
        return false;
    }
    out = s;
    p += n;
    return true;
  };

  std::uint16_t flags = load_be16(packet + 1);
  event = Event{};
  event.status = static_cast<Status>(flags & v2::kStatusMask);
  event.runnable = flags & v2::kFlagRunnable;
  event.eof = flags & v2::kFlagEof;
  if (flags & v2::kFlagTimestamp) {
    if (end - p < 4) return fail(format("Timestamp at offset %ld extends past end of packet",
                                   python_offset(p) + 2));
    Timestamp ts;
    ts.seconds = load_be32(p);
    p += 4;
    if (!number(ts.nanos))
      return fail(format("Number at offset %ld extends past end of packet", python_offset(p) + 2));
    event.timestamp = ts;
  }
  std::string_view s;
  if (flags & v2::kFlagTestId) {
    if (!string(s)) return false;
    event.test_id = s;
  }
  if (flags & v2::kFlagTags) {
    std::uint32_t count = 0;
    if (!number(count))
      return fail(format("Number at offset %ld extends past end of packet", python_offset(p) + 2));
    tags_.clear();
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!string(s)) return false;
      // python decodes tags into a set: duplicates collapse.
      bool seen = false;
      for (auto t : tags_) seen = seen || t == s;
      if (!seen) tags_.push_back(s);
    }
    event.tags = std::span<const std::string_view>(tags_);
  }
  if (flags & v2::kFlagMimeType) {
    if (!string(s)) return false;
    event.mime_type = s;
  }
  if (flags & v2::kFlagFileContent) {
    if (!string(s)) return false;
    event.file_name = s;
    std::uint32_t n = 0;
    if (!number(n))
      return fail(format("Number at offset %ld extends past end of packet", python_offset(p) + 2));
    std::size_t room = static_cast<std::size_t>(end - p);
    if (n > room)
      return fail(format("File content extends past end of packet: claimed %u bytes, %zu available",
                    n, room));
    event.file_bytes = std::string_view(reinterpret_cast<const char*>(p), n);
    p += n;
  }
  if (flags & v2::kFlagRouteCode) {
    if (!string(s)) return false;
    event.route_code = s;
  }
  return true;
}

std::size_t V2Reader::find_resync(std::size_t limit) {
  const std::uint8_t* p = in_->data();
  std::size_t avail = in_->available();
  for (std::size_t i = 1; i < limit; ++i) {
    const void* hit = std::memchr(p + i, v2::kSignature, limit - i);
    if (!hit) break;
    i = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - p);
    if (valid_packet_at(p + i, avail - i)) return i;
  }
  return limit;
}

void V2Reader::report_damage(std::size_t region, std::string reason, Event& event) {
  damage_offset_ = in_->offset();
  if (damage_) damage_->on_damage({damage_offset_, region, reason});
  damaged_bytes_.assign(reinterpret_cast<const char*>(in_->data()), region);
  damage_reason_ = std::move(reason);
  in_->consume(region);
  event = Event{};
  event.offset = damage_offset_;
  event.test_id = kParserId;
  event.eof = true;
  event.file_name = "Packet data";
  event.file_bytes = damaged_bytes_;
  event.mime_type = "application/octet-stream";
  second_parser_event_ = true;
}

}  // namespace su
