// libFuzzer target: reads arbitrary bytes as an archive index file
// (index/<id>.idx, su-archive(5)) and checks the reader's promises: it
// throws ArchiveDamage for anything that does not check out and nothing
// else, never crashes; a one-test read gives exactly that test's rows of
// the whole read; and an index that reads back is written again to an
// index that reads back to the same rows (write -> read round trip).
//
// Input: one control byte (frame_fixup.hpp; bits 2-7 pick the test of the
// one-test read), then the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "archive/archive_error.hpp"
#include "archive/frame.hpp"
#include "archive/run_index.hpp"
#include "frame_fixup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string file = su_fuzz::archive_file(data, size, su::kIndexMagic);
  std::uint32_t only = data[0] >> 2;
  su::RunIndex whole;
  try {
    whole = su::parse_index("idx", file);
  } catch (const su::ArchiveDamage&) {
    return 0;
  }
  su::RunIndex one;
  try {
    one = su::parse_index("idx", file, only);
  } catch (const su::ArchiveDamage&) {
    // The one-test read skips the blocks it does not need, so it may miss
    // damage the whole read saw, never the reverse.
    std::abort();
  }
  auto [lo, hi] = whole.rows_of(only);
  if (one.rows.size() != hi - lo) std::abort();
  for (std::size_t i = lo; i < hi; ++i)
    if (!(one.rows[i - lo] == whole.rows[i])) std::abort();

  su::RunIndex again;
  try {
    again = su::parse_index("idx", su::serialize_index(whole));
  } catch (const su::ArchiveDamage&) {
    std::abort();
  }
  if (again.rows != whole.rows || again.workers != whole.workers ||
      again.routes != whole.routes || again.tag_sets != whole.tag_sets)
    std::abort();
  return 0;
}
