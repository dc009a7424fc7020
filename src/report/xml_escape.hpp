// Escaping text for XML, in two dialects.
//
// XmlDialect::junitxml reproduces python-junitxml 0.7 exactly (what
// subunit2junitxml writes): characters XML 1.0 cannot hold (C0 controls
// other than TAB and LF, so CR too; U+FFFE, U+FFFF) are deleted; `&`, `<`
// and `]]>` are escaped; attributes also escape `"`, TAB and LF. `>` stays.
//
// XmlDialect::strict is for our own JUnit output, where nothing may be
// lost or misread: `&`, `<`, `>` are escaped; CR is kept as `&#xD;`; C0
// controls XML cannot hold even as references become the matching Unicode
// "control picture" (U+2400 + code, e.g. U+0001 -> U+2401), U+FFFE/U+FFFF
// and bytes that are not UTF-8 become U+FFFD; attributes also escape `"`,
// TAB, LF and CR as character references.
//
// Input is UTF-8 (the junitxml dialect expects it valid, as python's
// strings are; the strict dialect accepts any bytes).
#pragma once

#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace su {

enum class XmlDialect { junitxml, strict };

// Appends `text` escaped for element content.
void append_xml_text(std::string& out, std::string_view text, XmlDialect dialect);
// Appends `text` escaped for a double-quoted attribute value.
void append_xml_attr(std::string& out, std::string_view text, XmlDialect dialect);
// Whether every dialect copies `text` unchanged, as text or attribute: it
// is all printable ASCII but & < > " (a caller may then skip escaping).
bool xml_plain(std::string_view text);

#if defined(__SSE2__)
// xml_plain's rule for 16 bytes: 0xFF in each byte that is not plain
// (xml_unplain_vector), or as a bitmask of the 16 at `at` (bit i: byte i).
// A byte is not plain if, as a signed byte, it is below 0x20 (control
// bytes, and every byte from 0x80), or one of & < > ". Two compares find
// those four: only '<' and '>' give '>' when OR-ed with 2, and only '"'
// and '&' give '&' when OR-ed with 4.
inline __m128i xml_unplain_vector(__m128i v) {
  return _mm_or_si128(
      _mm_cmpgt_epi8(_mm_set1_epi8(0x20), v),  // v < 0x20, signed
      _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)), _mm_set1_epi8('>')),
                   _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(4)), _mm_set1_epi8('&'))));
}
inline unsigned xml_unplain_bits(const char* at) {
  return static_cast<unsigned>(
      _mm_movemask_epi8(xml_unplain_vector(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)))));
}
#endif

}  // namespace su
