#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "base/input.hpp"

namespace {

// The process's resident memory (VmRSS), in KiB.
long resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
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
