// SPDX-License-Identifier: Apache-2.0
#include "common/progress_line.hpp"

#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace su {

ProgressLine::ProgressLine(std::string program, bool quiet, bool live)
    : program_(std::move(program)), quiet_(quiet), live_(live && !quiet),
      started_(std::chrono::steady_clock::now()) {
  if (live_) ticker_ = std::thread([this] { tick(); });
}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  done();
}

bool ProgressLine::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

double ProgressLine::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void ProgressLine::draw_locked() {
  if (!text_) return;
  // \r and erase-line rewrite the line in place, as long as it does not
  // wrap: cut it to the terminal's width.
  std::string line = program_ + ": " + text_(elapsed());
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1 &&
      line.size() >= size.ws_col)
    line.resize(size.ws_col - 1);
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::clear_locked() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

void ProgressLine::show(std::function<std::string(double)> text) {
  if (!live_) return;
  std::lock_guard lock(mutex_);
  text_ = std::move(text);
  draw_locked();
}

void ProgressLine::step(const std::string& line) {
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  clear_locked();
  if (live_) text_ = nullptr;
  std::fprintf(stderr, "%s: %s\n", program_.c_str(), line.c_str());
  std::fflush(stderr);
}

void ProgressLine::done() {
  if (!live_) return;
  std::lock_guard lock(mutex_);
  text_ = nullptr;
  clear_locked();
}

void ProgressLine::tick() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(1));
    if (!stopping_ && text_) draw_locked();
  }
}

}  // namespace su
