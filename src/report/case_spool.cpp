#include "report/case_spool.hpp"

#include <algorithm>
#include <cstring>

#include "base/error.hpp"
#include "base/hash.hpp"

namespace su {

namespace {

// The first byte of every record. Numbers are little-endian.
enum Tag : std::uint8_t {
  kPad = 0,    // the rest of this chunk is not records
  kText = 1,   // varint length, then the XML (may run on into the next chunk)
  kClass = 2,  // slot (2 bytes), length (2), the class name: the slot holds it now
  kPlain = 3,  // + kind; slot (2 bytes), length (2), the name, zigzag varint micros
};

constexpr std::size_t kMaxVarint = 10;
constexpr std::size_t kPartHead = 5;  // tag, slot, length

char* put_varint(char* p, std::uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

bool get_varint(const char*& p, const char* end, std::uint64_t& v) {
  v = 0;
  for (unsigned shift = 0; p < end && shift < 64; shift += 7) {
    auto b = static_cast<std::uint8_t>(*p++);
    v |= std::uint64_t{b & 0x7Fu} << shift;
    if (b < 0x80) return true;
  }
  return false;
}

// A record's tag, slot and the length of the part that follows.
char* put_head(char* p, std::uint8_t tag, std::size_t slot, std::size_t length) {
  const std::uint8_t head[kPartHead] = {
      tag, static_cast<std::uint8_t>(slot), static_cast<std::uint8_t>(slot >> 8),
      static_cast<std::uint8_t>(length), static_cast<std::uint8_t>(length >> 8)};
  std::memcpy(p, head, kPartHead);
  return p + kPartHead;
}

std::size_t get_u16(const char* p) {
  return static_cast<std::uint8_t>(p[0]) | std::size_t{static_cast<std::uint8_t>(p[1])} << 8;
}

// The slot of a class name: from its length and last eight bytes, which
// tell a run's classes apart as well as a hash of the whole name (they end
// in the class's own name), for a quarter of the cost.
std::size_t slot_of(std::string_view classname, std::size_t slots) {
  if (classname.size() < 8) return hash_bytes(classname) % slots;
  std::uint64_t tail;
  std::memcpy(&tail, classname.data() + classname.size() - 8, 8);
  std::uint64_t h = (tail ^ classname.size()) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::size_t>(h >> 40) % slots;
}

char* put_bytes(char* p, std::string_view s) {
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

[[noreturn]] void damaged() {
  // The spool is this process's own memory and file; a record that does
  // not parse means the temporary file changed under us.
  throw IoError("the report's temporary file was changed while it was written");
}

}  // namespace

CaseSpool::CaseSpool(std::string dir, std::size_t memory_limit)
    : spool_(std::move(dir), memory_limit) {}

char* CaseSpool::room_for(std::size_t n) {
  if (char* p = spool_.room(n)) return p;
  if (char* pad = spool_.room(1)) {
    *pad = static_cast<char>(kPad);
    spool_.commit(1);
  }
  return spool_.room_in_chunk(n);
}

std::uint16_t CaseSpool::slot_for(std::string_view classname) {
  auto slot = static_cast<std::uint16_t>(slot_of(classname, kSlots));
  std::string& held = slots_[slot];
  if (held != classname) {
    held.assign(classname);
    char* start = room_for(kPartHead + classname.size());
    char* p = put_head(start, kClass, slot, classname.size());
    p = put_bytes(p, classname);
    spool_.commit(static_cast<std::size_t>(p - start));
  }
  return slot;
}

void CaseSpool::add_plain(const Plain& plain, Render render) {
  if (plain.classname.size() > kMaxPart || plain.name.size() > kMaxPart ||
      plain.kind >= kKinds) {
    scratch_.resize(plain.classname.size() + plain.name.size() + kRenderSlack);
    char* end = render(plain, scratch_.data());
    add_text(std::string_view(scratch_.data(), static_cast<std::size_t>(end - scratch_.data())));
    return;
  }
  std::uint16_t slot = slot_for(plain.classname);
  char* start = room_for(kPartHead + plain.name.size() + kMaxVarint);
  char* p = put_head(start, static_cast<std::uint8_t>(kPlain + plain.kind), slot,
                     plain.name.size());
  p = put_bytes(p, plain.name);
  auto m = static_cast<std::uint64_t>(plain.micros);
  p = put_varint(p, (m << 1) ^ (plain.micros < 0 ? ~std::uint64_t{0} : 0));
  spool_.commit(static_cast<std::size_t>(p - start));
}

void CaseSpool::add_text(std::string_view xml) {
  if (xml.empty()) return;
  char* start = room_for(1 + kMaxVarint);
  char* p = start;
  *p++ = static_cast<char>(kText);
  p = put_varint(p, xml.size());
  spool_.commit(static_cast<std::size_t>(p - start));
  spool_.append(xml);
}

void CaseSpool::copy_to(Output& out, Render render) const {
  std::vector<std::string> slots(kSlots);
  std::uint64_t text_left = 0;  // of a text record begun in an earlier chunk
  spool_.for_each_chunk([&](std::string_view chunk) {
    const char* p = chunk.data();
    const char* end = p + chunk.size();
    while (p < end) {
      if (text_left > 0) {
        auto n = static_cast<std::size_t>(std::min<std::uint64_t>(text_left, end - p));
        out.write(std::string_view(p, n));
        p += n;
        text_left -= n;
        continue;
      }
      auto tag = static_cast<std::uint8_t>(*p++);
      if (tag == kPad) return;
      if (tag == kText) {
        if (!get_varint(p, end, text_left)) damaged();
        continue;
      }
      if (tag >= kPlain + kKinds || end - p < static_cast<std::ptrdiff_t>(kPartHead - 1))
        damaged();
      std::size_t slot = get_u16(p), size = get_u16(p + 2);
      p += kPartHead - 1;
      if (slot >= kSlots || size > static_cast<std::size_t>(end - p)) damaged();
      std::string_view text(p, size);
      p += size;
      if (tag == kClass) {
        slots[slot].assign(text);
        continue;
      }
      std::uint64_t zigzag = 0;
      if (!get_varint(p, end, zigzag)) damaged();
      auto micros = static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
      auto kind = static_cast<std::uint8_t>(tag - kPlain);
      Plain plain{slots[slot], text, micros, kind};
      std::size_t most = plain.classname.size() + plain.name.size() + kRenderSlack;
      char* at = out.room(most);
      if (!at) {  // an output buffer smaller than a case
        std::string xml(most, '\0');
        char* xml_end = render(plain, xml.data());
        out.write(std::string_view(xml.data(), static_cast<std::size_t>(xml_end - xml.data())));
        continue;
      }
      out.commit(static_cast<std::size_t>(render(plain, at) - at));
    }
  });
  if (text_left > 0) damaged();
}

}  // namespace su
