#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

#include "base/input.hpp"

namespace {

// The process's resident memory, in KiB. Read without allocating: under
// AddressSanitizer freed memory is quarantined, not reused, so a reading
// that allocated (an ifstream and its lines, once per 64 KiB read) grew
// the RSS it measured by 10 MiB over the file.
long resident_kib() {
  char text[128];
  int fd = ::open("/proc/self/statm", O_RDONLY);
  if (fd < 0) return -1;
  ssize_t n = ::read(fd, text, sizeof text - 1);
  ::close(fd);
  if (n <= 0) return -1;
  text[n] = '\0';
  long size_pages = 0, resident_pages = 0;  // statm: size, resident, ... in pages
  if (std::sscanf(text, "%ld %ld", &size_pages, &resident_pages) != 2) return -1;
  return resident_pages * (::sysconf(_SC_PAGESIZE) / 1024);
}

// A regular file of `size` bytes, every page of it starting with the
// number of its MiB (so bytes read out of order show), removed when the
// test ends.
struct BigFile {
  std::string path;
  explicit BigFile(std::size_t size) {
    const char* tmp = std::getenv("TMPDIR");
    path = std::string(tmp && *tmp ? tmp : "/tmp") + "/su-input-test-XXXXXX";
    int fd = ::mkstemp(path.data());
    REQUIRE(fd >= 0);
    std::vector<char> block(1 << 20);
    for (std::size_t done = 0; done < size; done += block.size()) {
      for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = static_cast<char>(done >> 20);
      REQUIRE(::write(fd, block.data(), block.size()) == static_cast<ssize_t>(block.size()));
    }
    ::close(fd);
  }
  ~BigFile() { std::remove(path.c_str()); }
};

constexpr std::size_t kFileSize = 64 << 20;
constexpr long kFewMiB = 8 << 10;  // KiB: what "not the whole file" allows

}  // namespace

TEST_SUITE("input") {
  TEST_CASE("a large file is read through a bounded buffer: the process holds a few MiB, not "
            "the file") {
    BigFile file(kFileSize);
    su::BufferedInput in(su::open_input(file.path));
    long before = resident_kib(), peak = before;
    std::size_t total = 0;
    while (std::size_t n = std::min<std::size_t>(in.fill(64 << 10), 64 << 10)) {
      REQUIRE(in.data()[0] == static_cast<std::uint8_t>(total >> 20));  // the bytes, in order
      total += n;
      in.consume(n);
      peak = std::max(peak, resident_kib());
    }
    CHECK(total == kFileSize);
    CHECK(peak - before < kFewMiB);
  }

  TEST_CASE("asking a file for more than the buffer holds grows it, and keeps the bytes in order") {
    BigFile file(8 << 20);
    su::BufferedInput in(su::open_input(file.path));
    in.consume(in.fill(1) - 1);  // the first read's last byte now comes first
    std::uint64_t at = in.offset();
    REQUIRE(in.fill(3 << 20) >= 3 << 20);  // a packet of 3 MiB
    for (std::uint64_t page = (at + 4095) / 4096 * 4096; page < at + (3 << 20); page += 4096)
      REQUIRE(in.data()[page - at] == static_cast<std::uint8_t>(page >> 20));
  }
}
