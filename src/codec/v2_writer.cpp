#include "codec/v2_writer.hpp"

#include <algorithm>
#include <cstring>

#include "base/crc32.hpp"
#include "base/varint.hpp"
#include "codec/v2_format.hpp"

namespace su {
namespace {

// File bytes per packet when an attachment must be split.
constexpr std::size_t kChunk = 1024 * 1024;

std::size_t string_size(std::string_view s) {
  return encoded_varint_size(static_cast<std::uint32_t>(s.size())) + s.size();
}

// A packet's layout, measured before it is written so that the bytes go
// straight to their place: no intermediate body, no appends.
struct Layout {
  std::uint16_t flags = v2::kVersion2;
  std::size_t total = 0;  // the whole packet
};

Layout measure(const Event& e) {
  Layout l;
  std::size_t body = 0;  // after the length field, before the CRC
  l.flags |= static_cast<std::uint16_t>(e.status);
  if (e.timestamp) {
    l.flags |= v2::kFlagTimestamp;
    body += 4 + encoded_varint_size(e.timestamp->nanos);
  }
  if (e.test_id) {
    l.flags |= v2::kFlagTestId;
    body += string_size(*e.test_id);
  }
  if (e.tags && !e.tags->empty()) {  // python omits an empty tag set
    l.flags |= v2::kFlagTags;
    body += encoded_varint_size(static_cast<std::uint32_t>(e.tags->size()));
    for (auto t : *e.tags) body += string_size(t);
  }
  if (e.runnable) l.flags |= v2::kFlagRunnable;
  if (e.mime_type && !e.mime_type->empty()) {
    l.flags |= v2::kFlagMimeType;
    body += string_size(*e.mime_type);
  }
  if (e.file_name) {
    l.flags |= v2::kFlagFileContent;
    body += string_size(*e.file_name) + string_size(e.file_bytes);
  }
  if (e.eof) l.flags |= v2::kFlagEof;
  if (e.route_code) {
    l.flags |= v2::kFlagRouteCode;
    body += string_size(*e.route_code);
  }
  // The length counts itself: signature, flags, length, body, CRC.
  std::size_t base = 1 + 2 + body + 4;
  l.total = base + (base <= 62 ? 1 : base <= 16381 ? 2 : 3);
  return l;
}

class Cursor {
 public:
  explicit Cursor(char* at) : at_(reinterpret_cast<std::uint8_t*>(at)) {}
  void number(std::uint32_t v) { at_ += encode_varint(v, at_); }
  void string(std::string_view s) {
    number(static_cast<std::uint32_t>(s.size()));
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }
  void byte(std::uint8_t v) { *at_++ = v; }
  void big_endian16(std::uint16_t v) {
    at_[0] = static_cast<std::uint8_t>(v >> 8);
    at_[1] = static_cast<std::uint8_t>(v);
    at_ += 2;
  }
  void big_endian32(std::uint32_t v) {
    at_[0] = static_cast<std::uint8_t>(v >> 24);
    at_[1] = static_cast<std::uint8_t>(v >> 16);
    at_[2] = static_cast<std::uint8_t>(v >> 8);
    at_[3] = static_cast<std::uint8_t>(v);
    at_ += 4;
  }

 private:
  std::uint8_t* at_;
};

// Writes the packet `l` describes to `out` (l.total bytes of room).
void write_packet(const Event& e, const Layout& l, char* out) {
  Cursor c{out};
  c.byte(v2::kSignature);
  c.big_endian16(l.flags);
  c.number(static_cast<std::uint32_t>(l.total));
  if (e.timestamp) {
    c.big_endian32(e.timestamp->seconds);
    c.number(e.timestamp->nanos);
  }
  if (e.test_id) c.string(*e.test_id);
  if (l.flags & v2::kFlagTags) {
    c.number(static_cast<std::uint32_t>(e.tags->size()));
    for (auto t : *e.tags) c.string(t);
  }
  if (l.flags & v2::kFlagMimeType) c.string(*e.mime_type);
  if (e.file_name) {
    c.string(*e.file_name);
    c.string(e.file_bytes);
  }
  if (e.route_code) c.string(*e.route_code);
  Cursor{out + l.total - 4}.big_endian32(crc32(out, l.total - 4));
}

// Calls `write(event)` for each packet `event` becomes: itself, or, when its
// file bytes are too large for one packet, chunks of them. Like testtools'
// ExtendedToStreamDecorator, every chunk repeats the identity (id, name,
// MIME, route, time); status and EOF go on the last.
template <typename Write>
void for_each_packet(const Event& event, Write write) {
  // Fixed overhead is small next to the limit; anything whose file bytes
  // exceed kMaxPacket minus a generous margin for names is chunked.
  constexpr std::size_t kMargin = 64 * 1024;
  if (event.file_bytes.size() + kMargin <= v2::kMaxPacket || !event.file_name) {
    write(event);
    return;
  }
  Event chunk = event;
  std::string_view rest = event.file_bytes;
  while (!rest.empty()) {
    std::size_t n = std::min(rest.size(), kChunk);
    chunk.file_bytes = rest.substr(0, n);
    rest.remove_prefix(n);
    bool last = rest.empty();
    chunk.status = last ? event.status : Status::none;
    chunk.eof = last && event.eof;
    write(chunk);
  }
}

}  // namespace

void encode_v2(const Event& event, std::string& out) {
  for_each_packet(event, [&](const Event& e) {
    Layout l = measure(e);
    std::size_t start = out.size();
    out.resize(start + l.total);
    write_packet(e, l, out.data() + start);
  });
}

void V2Writer::on_event(const Event& event) {
  if (!event.raw.empty()) {
    out_.write(event.raw);
    return;
  }
  for_each_packet(event, [&](const Event& e) {
    Layout l = measure(e);
    if (char* room = out_.room(l.total)) {
      write_packet(e, l, room);
      out_.commit(l.total);
    } else {  // larger than the output buffer
      scratch_.resize(l.total);
      write_packet(e, l, scratch_.data());
      out_.write(scratch_);
    }
  });
}

}  // namespace su
