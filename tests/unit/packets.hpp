// Helpers for unit tests: build packets in code, damage them, decode them.
#pragma once

#include <string>
#include <vector>

#include "codec/open_reader.hpp"
#include "codec/v2_writer.hpp"
#include "event/event.hpp"

namespace su::test {

inline std::string hex(std::string_view bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

inline std::string unhex(std::string_view text) {
  std::string out;
  int nibble = -1;
  for (char c : text) {
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) continue;
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<char>(nibble * 16 + v));
      nibble = -1;
    }
  }
  return out;
}

inline std::string encode(const Event& e) {
  std::string out;
  encode_v2(e, out);
  return out;
}

// Every event decoded from `bytes`, owned; damage goes to `damage` if given.
inline std::vector<OwnedEvent> decode_all(std::string bytes, DamageHandler* damage = nullptr) {
  ReaderOptions options;
  options.damage = damage;
  auto reader = open_memory_reader(std::move(bytes), options);
  std::vector<OwnedEvent> out;
  Event e;
  while (reader->next(e)) out.emplace_back(e);
  return out;
}

struct DamageLog : DamageHandler {
  std::vector<Damage> seen;
  void on_damage(const Damage& d) override { seen.push_back(d); }
};

}  // namespace su::test
