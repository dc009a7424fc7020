// SPDX-License-Identifier: Apache-2.0
// A one-line bar on stderr, only when stderr is a terminal, redrawn at most
// ten times a second and shown only once the work has taken half a second,
// so quick commands and pipes never see it.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace su::archive_tool {

class ProgressBar {
 public:
  explicit ProgressBar(std::string what) : what_(std::move(what)), on_(::isatty(2)) {}
  ~ProgressBar() { done(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::uint64_t done, std::uint64_t total, const char* unit) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::milliseconds(500) || now - last_ < std::chrono::milliseconds(100))
      return;
    last_ = now;
    std::string line;
    if (total > 0) {
      constexpr std::uint64_t kWidth = 30;
      std::uint64_t shown = std::min(done, total);
      line = fmt::format("\r{} [{:<{}}] {:3}% {}/{} {}", what_,
                         std::string(kWidth * shown / total, '#'), kWidth, 100 * shown / total,
                         done, total, unit);
    } else {
      line = fmt::format("\r{} {} {}", what_, done, unit);
    }
    std::fputs(line.c_str(), stderr);
    drawn_ = true;
  }
  void done() {
    if (drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

 private:
  std::string what_;
  bool on_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace su::archive_tool
