// libFuzzer target: loads arbitrary bytes as an archive's ids table (the
// `ids` file, su-archive(5)) and checks IdTable's promises: load() never
// throws for damage (it stops at the first bad frame and says why), every
// number below size() names an id that find() maps back to its first
// number, and an append after a load (what `add` does) gives a file that
// loads to the same ids plus the new one.
//
// Input: one control byte (frame_fixup.hpp), then the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "archive/archive_error.hpp"
#include "archive/frame.hpp"
#include "archive/id_table.hpp"
#include "frame_fixup.hpp"

namespace {

// One memory file, rewritten for every input: IdTable reads paths.
std::string memory_path() {
  static int fd = ::memfd_create("ids", 0);
  if (fd < 0) std::abort();
  return "/proc/self/fd/" + std::to_string(fd);
}

void put(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
  if (fd < 0 || ::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()))
    std::abort();
  ::close(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = memory_path();
  put(path, su_fuzz::archive_file(data, size, su::kIdsMagic));
  su::IdTable table;
  table.load(path);
  if (table.damaged() && table.load_error().empty()) std::abort();
  std::vector<std::string> ids;
  for (std::uint32_t i = 0; i < table.size(); ++i) {
    ids.emplace_back(table.at(i));
    auto n = table.find(ids.back());
    if (!n || *n > i || table.at(*n) != ids.back()) std::abort();
  }
  if (table.damaged()) {
    try {
      table.intern("a new test id");
      table.append_pending(path);
      std::abort();  // appending to a damaged table must be refused
    } catch (const su::ArchiveDamage&) {
    }
    return 0;
  }
  std::uint32_t fresh = table.intern(std::string("\xff new test id ") + std::to_string(size));
  table.append_pending(path);
  su::IdTable again;
  again.load(path);
  if (again.damaged() || again.size() != std::max<std::size_t>(ids.size(), fresh + 1))
    std::abort();
  for (std::uint32_t i = 0; i < ids.size(); ++i)
    if (again.at(i) != ids[i]) std::abort();
  if (again.generation() != table.generation()) std::abort();
  return 0;
}
