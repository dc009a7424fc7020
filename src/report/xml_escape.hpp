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

namespace su {

enum class XmlDialect { junitxml, strict };

// Appends `text` escaped for element content.
void append_xml_text(std::string& out, std::string_view text, XmlDialect dialect);
// Appends `text` escaped for a double-quoted attribute value.
void append_xml_attr(std::string& out, std::string_view text, XmlDialect dialect);
// Whether every dialect copies `text` unchanged, as text or attribute: it
// is all printable ASCII but & < > " (a caller may then skip escaping).
bool xml_plain(std::string_view text);

}  // namespace su
