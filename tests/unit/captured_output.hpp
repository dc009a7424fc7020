// An Output whose bytes a test can read back (a temporary file behind it).
#pragma once

#include <cstdio>
#include <string>

#include "base/output.hpp"

namespace su::test {

struct CapturedOutput {
  std::FILE* file = std::tmpfile();
  Output out{fileno(file), "captured"};
  ~CapturedOutput() { std::fclose(file); }
  std::string text() {
    out.flush();
    std::string s;
    std::rewind(file);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file)) > 0;) s.append(buf, n);
    return s;
  }
};

}  // namespace su::test
