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

// The process's resident pages of mapped files (RssFile), in KiB.
long resident_file_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("RssFile:", 0) == 0) return std::atol(line.c_str() + 8);
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
  TEST_CASE("a mapped file decoded in place holds a few MiB of itself, not the whole file") {
    BigFile file(kFileSize);
    su::BufferedInput in(su::open_input(file.path));
    long before = resident_file_kib(), peak = before;
    std::size_t total = 0;
    while (std::size_t n = std::min<std::size_t>(in.fill(64 << 10), 64 << 10)) {
      total += n;
      in.consume(n);
      peak = std::max(peak, resident_file_kib());
    }
    CHECK(total == kFileSize);
    CHECK(peak - before < kFewMiB);
  }

  TEST_CASE("a mapped file read through read(), as the archive's recorder reads it, holds a few "
            "MiB of itself too") {
    BigFile file(kFileSize);
    auto in = su::open_input(file.path);
    REQUIRE_FALSE(in->mapped().empty());  // the case is about the mapped input
    std::vector<std::uint8_t> buf(256 << 10);
    long before = resident_file_kib(), peak = before;
    std::size_t total = 0;
    while (std::size_t n = in->read(buf.data(), buf.size())) {
      REQUIRE(buf[0] == static_cast<std::uint8_t>(total >> 20));  // the bytes, in order
      total += n;
      peak = std::max(peak, resident_file_kib());
    }
    CHECK(total == kFileSize);
    CHECK(peak - before < kFewMiB);
  }
}
