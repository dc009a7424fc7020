// SPDX-License-Identifier: Apache-2.0
// Progress of a long-running tool on stderr (su-repeat, su-bisect): on a
// terminal, one live line redrawn in place and every second while work
// goes on (so elapsed time moves during a long run); otherwise plain
// lines, one per step, that a log file or CI output can keep. Quiet
// prints nothing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace su {

class ProgressLine {
 public:
  // `live`: redraw one line in place (use stderr_is_terminal()).
  ProgressLine(std::string program, bool quiet, bool live);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  static bool stderr_is_terminal();

  // Live mode: shows `text(elapsed seconds)` now and every second until the
  // next show() or step(). Plain mode: nothing.
  void show(std::function<std::string(double)> text);
  // A line that stays: printed as "program: LINE" (live mode clears the
  // live line first, and it is redrawn at the next show()).
  void step(const std::string& line);
  // Clears the live line.
  void done();

  double elapsed() const;
  bool live() const { return live_; }

 private:
  void draw_locked();
  void clear_locked();
  void tick();

  std::string program_;
  bool quiet_, live_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::function<std::string(double)> text_;
  bool drawn_ = false, stopping_ = false;
  std::thread ticker_;
};

}  // namespace su
