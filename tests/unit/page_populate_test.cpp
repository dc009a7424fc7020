#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "base/page_populate.hpp"

namespace {

// Which pages of [p, p + pages * page size) are resident (mincore).
std::vector<bool> resident(void* p, std::size_t pages) {
  std::vector<unsigned char> in(pages);
  REQUIRE(::mincore(p, pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), in.data()) == 0);
  return std::vector<bool>(in.begin(), in.end());
}

// Whether this kernel populates on request (Linux 5.14 and later).
bool kernel_populates() {
#ifdef MADV_POPULATE_WRITE
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  void* p = ::mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  bool ok = ::madvise(p, page, MADV_POPULATE_WRITE) == 0;
  ::munmap(p, page);
  return ok;
#else
  return false;
#endif
}

}  // namespace

TEST_SUITE("page_populate") {
  TEST_CASE("populating maps in every whole page of the range and none outside it") {
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t pages = 16;
    void* map = ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(map != MAP_FAILED);
    auto* base = static_cast<std::uint8_t*>(map);
    REQUIRE(resident(map, pages) == std::vector<bool>(pages, false));

    // From the middle of page 2 to the middle of page 12: pages 3-11 are
    // whole inside it; 2 and 12 are shared with whatever lies around.
    su::populate_for_write(base + 2 * page + 100, 10 * page);
    std::vector<bool> now = resident(map, pages);
    std::vector<bool> want(pages, false);
    if (kernel_populates())
      for (std::size_t i = 3; i <= 11; ++i) want[i] = true;
    CHECK(now == want);
    // The pages hold zeros, as any fresh page does, and take writes.
    CHECK(base[5 * page] == 0);
    base[5 * page] = 7;
    CHECK(base[5 * page] == 7);
    ::munmap(map, pages * page);
  }

  TEST_CASE("a range without a whole page in it is left alone") {
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    void* map = ::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
    REQUIRE(map != MAP_FAILED);
    su::populate_for_write(static_cast<std::uint8_t*>(map) + 1, page);
    su::populate_for_write(map, 0);
    CHECK(resident(map, 2) == std::vector<bool>(2, false));
    ::munmap(map, 2 * page);
  }
}
