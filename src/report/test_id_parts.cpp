#include "report/test_id_parts.hpp"

#include <cstring>

#include "report/xml_escape.hpp"

namespace su {

namespace {

// The split at the last '.' among the id's first `end` bytes (memrchr
// rather than rfind, which walks back a byte at a time).
std::pair<std::string_view, std::string_view> split_at_last_dot(std::string_view id,
                                                                 std::size_t end) {
  const void* hit = end == 0 ? nullptr : memrchr(id.data(), '.', end);
  if (!hit) return {std::string_view(), id};
  std::size_t dot = static_cast<std::size_t>(static_cast<const char*>(hit) - id.data());
  return {id.substr(0, dot), id.substr(dot + 1)};
}

// Without a '(' python searches all but the last character.
std::size_t end_without_paren(std::string_view id) { return id.empty() ? 0 : id.size() - 1; }

}  // namespace

std::pair<std::string_view, std::string_view> python_split_id(std::string_view id) {
  std::size_t paren = id.find('(');
  return split_at_last_dot(id, paren == std::string_view::npos ? end_without_paren(id) : paren);
}

TestIdParts test_id_parts(std::string_view id) {
#if defined(__SSE2__)
  // One pass for what is spread over the whole id: bytes to escape, and
  // whether there is a '(' at all (rarely: a parametrised test). The '.'
  // that splits is then nearly always in the last few bytes, where
  // memrchr finds it walking back.
  const char* p = id.data();
  const std::size_t n = id.size();
  __m128i unplain = _mm_setzero_si128(), parens = _mm_setzero_si128();
  auto scan = [&](const char* at, __m128i keep) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    unplain = _mm_or_si128(unplain, _mm_and_si128(xml_unplain_vector(v), keep));
    parens = _mm_or_si128(parens, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')), keep));
  };
  const __m128i all = _mm_set1_epi8(-1);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) scan(p + i, all);
  if (std::size_t r = n - i) {
    // Byte k of `tail` is set for k >= 16 - r: the last r of a block.
    alignas(16) static constexpr char kTail[32] = {0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
                                                  0,  0,  0,  0,  0,  -1, -1, -1, -1, -1, -1,
                                                  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
    __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kTail + r));
    if (n >= 16) {  // the last 16 bytes, of which the first 16 - r are done
      scan(p + n - 16, tail);
    } else {  // a short id, from a copy (the padding is masked off)
      char pad[16] = {};
      std::memcpy(pad + 16 - r, p, r);
      scan(pad, tail);
    }
  }
  auto [classname, name] = _mm_movemask_epi8(parens) != 0
                               ? python_split_id(id)
                               : split_at_last_dot(id, end_without_paren(id));
  return {classname, name, _mm_movemask_epi8(unplain) == 0};
#else
  auto [classname, name] = python_split_id(id);
  return {classname, name, xml_plain(id)};
#endif
}

}  // namespace su
