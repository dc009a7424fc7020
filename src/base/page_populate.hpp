// Maps in, with one system call, the pages of a buffer that is about to be
// written from its start, instead of letting each fault in on first touch.
#pragma once

#include <cstddef>

namespace su {

// Populates the whole pages inside [p, p + n) for writing. Only a hint:
// does nothing where the kernel cannot (before Linux 5.14, or not Linux).
void populate_for_write(void* p, std::size_t n);

}  // namespace su
