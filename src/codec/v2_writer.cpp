#include "codec/v2_writer.hpp"

#include <algorithm>

#include "base/crc32.hpp"
#include "base/varint.hpp"
#include "codec/v2_format.hpp"

namespace su {
namespace {

// File bytes per packet when an attachment must be split.
constexpr std::size_t kChunk = 1024 * 1024;

void put_number(std::uint32_t v, std::string& out) {
  std::uint8_t buf[4];
  std::size_t n = encode_varint(v, buf);
  out.append(reinterpret_cast<const char*>(buf), n);
}

void put_string(std::string_view s, std::string& out) {
  put_number(static_cast<std::uint32_t>(s.size()), out);
  out.append(s);
}

void put_be(std::uint32_t v, int bytes, std::string& out) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// One packet; `event` must fit (its file bytes at most ~4 MiB).
void encode_packet(const Event& e, std::string& out) {
  // Everything after the length field, before the CRC; reused, as a fresh
  // string per packet costs an allocation.
  thread_local std::string body;
  body.clear();
  std::uint16_t flags = v2::kVersion2 | static_cast<std::uint16_t>(e.status);
  if (e.timestamp) {
    flags |= v2::kFlagTimestamp;
    put_be(e.timestamp->seconds, 4, body);
    put_number(e.timestamp->nanos, body);
  }
  if (e.test_id) {
    flags |= v2::kFlagTestId;
    put_string(*e.test_id, body);
  }
  if (e.tags && !e.tags->empty()) {  // python omits an empty tag set
    flags |= v2::kFlagTags;
    put_number(static_cast<std::uint32_t>(e.tags->size()), body);
    for (auto t : *e.tags) put_string(t, body);
  }
  if (e.runnable) flags |= v2::kFlagRunnable;
  if (e.mime_type && !e.mime_type->empty()) {
    flags |= v2::kFlagMimeType;
    put_string(*e.mime_type, body);
  }
  if (e.file_name) {
    flags |= v2::kFlagFileContent;
    put_string(*e.file_name, body);
    put_string(e.file_bytes, body);
  }
  if (e.eof) flags |= v2::kFlagEof;
  if (e.route_code) {
    flags |= v2::kFlagRouteCode;
    put_string(*e.route_code, body);
  }
  std::size_t base = 1 + 2 + body.size() + 4;
  std::size_t length_size = base <= 62 ? 1 : base <= 16381 ? 2 : 3;
  std::size_t start = out.size();
  out.push_back(static_cast<char>(v2::kSignature));
  put_be(flags, 2, out);
  put_number(static_cast<std::uint32_t>(base + length_size), out);
  out.append(body);
  put_be(crc32(out.data() + start, out.size() - start), 4, out);
}

}  // namespace

void encode_v2(const Event& event, std::string& out) {
  // Fixed overhead is small next to the limit; anything whose file bytes
  // exceed kMaxPacket minus a generous margin for names is chunked.
  constexpr std::size_t kMargin = 64 * 1024;
  if (event.file_bytes.size() + kMargin <= v2::kMaxPacket || !event.file_name) {
    encode_packet(event, out);
    return;
  }
  // Like testtools' ExtendedToStreamDecorator: every chunk repeats the
  // identity (id, name, MIME, route, time); status and EOF go on the last.
  Event chunk = event;
  std::string_view rest = event.file_bytes;
  while (!rest.empty()) {
    std::size_t n = std::min(rest.size(), kChunk);
    chunk.file_bytes = rest.substr(0, n);
    rest.remove_prefix(n);
    bool last = rest.empty();
    chunk.status = last ? event.status : Status::none;
    chunk.eof = last && event.eof;
    encode_packet(chunk, out);
  }
}

void V2Writer::on_event(const Event& event) {
  if (!event.raw.empty()) {
    out_.write(event.raw);
    return;
  }
  scratch_.clear();
  encode_v2(event, scratch_);
  out_.write(scratch_);
}

}  // namespace su
