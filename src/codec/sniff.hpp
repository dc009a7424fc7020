// Tells subunit v1 from v2 by looking at the start of a stream (zstd has
// already been unwrapped by open_input). A stream is v2 if a CRC-valid v2
// packet appears in the first 64 KiB; otherwise v1 if a line there is a v1
// directive; otherwise v2 (plain text is non-subunit content of a v2 stream).
#pragma once

#include "base/input.hpp"

namespace su {

enum class Format { v1, v2 };

Format sniff_format(BufferedInput& in);

}  // namespace su
