#include "ops/route_prefixer.hpp"

#include <cstdint>

#include "base/crc32.hpp"
#include "base/varint.hpp"
#include "codec/v2_format.hpp"

namespace su {
namespace {

// Walks a packet's fields up to where the route code field starts, without
// re-validating what the reader already checked (UTF-8, CRC); only bounds.
class FieldWalker {
 public:
  FieldWalker(const std::uint8_t* p, const std::uint8_t* end) : p_(p), end_(end) {}

  bool skip(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) return false;
    p_ += n;
    return true;
  }
  bool number(std::uint32_t& v) {
    std::size_t k = decode_varint(p_, end_, v);
    p_ += k;
    return k != 0;
  }
  bool string() {
    std::uint32_t n = 0;
    return number(n) && skip(n);
  }
  const std::uint8_t* at() const { return p_; }

 private:
  const std::uint8_t* p_;
  const std::uint8_t* end_;
};

void put_number(std::uint32_t v, std::string& out) {
  std::uint8_t buf[4];
  out.append(reinterpret_cast<const char*>(buf), encode_varint(v, buf));
}

}  // namespace

bool rewrite_route_code(std::string_view packet, std::string_view route, std::string& out) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(packet.data());
  if (packet.size() < v2::kMinPacket || p[0] != v2::kSignature) return false;
  std::uint16_t flags = static_cast<std::uint16_t>((p[1] << 8) | p[2]);
  std::uint32_t length = 0;
  std::size_t length_size = decode_varint(p + 3, p + packet.size(), length);
  if (length_size == 0 || length != packet.size()) return false;

  const std::uint8_t* body = p + 3 + length_size;
  const std::uint8_t* end = p + packet.size() - 4;
  FieldWalker w{body, end};
  std::uint32_t n = 0;
  if ((flags & v2::kFlagTimestamp) && !(w.skip(4) && w.number(n))) return false;
  if ((flags & v2::kFlagTestId) && !w.string()) return false;
  if (flags & v2::kFlagTags) {
    std::uint32_t count = 0;
    if (!w.number(count)) return false;
    for (std::uint32_t i = 0; i < count; ++i)
      if (!w.string()) return false;
  }
  if ((flags & v2::kFlagMimeType) && !w.string()) return false;
  if ((flags & v2::kFlagFileContent) && !(w.string() && w.string())) return false;
  const std::uint8_t* route_start = w.at();
  if ((flags & v2::kFlagRouteCode) && !w.string()) return false;
  const std::uint8_t* route_end = w.at();

  // Fields before the route, the new route, then whatever trailed the old
  // one (python ignores such bytes; keeping them keeps the packet's meaning).
  std::size_t kept = static_cast<std::size_t>(route_start - body) +
                     static_cast<std::size_t>(end - route_end);
  std::size_t base = 1 + 2 + kept + encoded_varint_size(static_cast<std::uint32_t>(route.size())) +
                     route.size() + 4;
  std::size_t new_length_size = base <= 62 ? 1 : base <= 16381 ? 2 : 3;
  std::size_t total = base + new_length_size;
  if (route.size() > kVarintMax || total > v2::kMaxPacket) return false;

  std::size_t start = out.size();
  flags |= v2::kFlagRouteCode;
  out.push_back(static_cast<char>(v2::kSignature));
  out.push_back(static_cast<char>(flags >> 8));
  out.push_back(static_cast<char>(flags & 0xFF));
  put_number(static_cast<std::uint32_t>(total), out);
  out.append(reinterpret_cast<const char*>(body), static_cast<std::size_t>(route_start - body));
  put_number(static_cast<std::uint32_t>(route.size()), out);
  out.append(route);
  out.append(reinterpret_cast<const char*>(route_end), static_cast<std::size_t>(end - route_end));
  std::uint32_t crc = crc32(out.data() + start, out.size() - start);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(crc >> shift));
  return true;
}

void RoutePrefixer::on_event(const Event& event) {
  if (!prefix_) {
    out_.on_event(event);
    return;
  }
  route_.assign(*prefix_);
  if (event.route_code) {
    route_.push_back('/');
    route_.append(*event.route_code);
  }
  Event routed = event;
  routed.route_code = route_;
  packet_.clear();
  if (event.raw.empty() || !rewrite_route_code(event.raw, route_, packet_)) packet_.clear();
  routed.raw = packet_;
  out_.on_event(routed);
}

}  // namespace su
