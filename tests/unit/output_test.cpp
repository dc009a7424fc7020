#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

#include "base/output.hpp"
#include "captured_output.hpp"

TEST_SUITE("output") {
  TEST_CASE("a regular file is written in 1 MiB blocks, so the page cache holds it in large folios") {
    su::test::CapturedOutput captured;
    CHECK(captured.out.capacity() == 1024 * 1024);
  }

  TEST_CASE("a pipe is written in 64 KiB blocks, what it holds") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    {
      su::Output out(fds[1], "pipe", true);
      CHECK(out.capacity() == 64 * 1024);
    }
    ::close(fds[0]);
  }

  TEST_CASE("bytes written across many buffer fills come back in order") {
    su::test::CapturedOutput captured;
    std::string expected;
    for (int i = 0; expected.size() < 3 * 1024 * 1024 + 17; ++i) {
      std::string piece = std::to_string(i) + (i % 7 == 0 ? std::string(70000, 'x') : "|");
      captured.out.write(piece);
      expected += piece;
      captured.out.put('\n');
      expected += '\n';
    }
    CHECK(captured.text() == expected);
  }
}
