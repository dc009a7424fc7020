// SPDX-License-Identifier: Apache-2.0
#include "diagnose/command_run.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "base/error.hpp"
#include "codec/open_reader.hpp"

extern char** environ;

namespace su {
namespace {

using Clock = std::chrono::steady_clock;

// The process groups running now, for kill_running_commands(): lock-free,
// so a signal handler may read it.
constexpr int kSlots = 256;
std::atomic<pid_t> running[kSlots];

class RunningSlot {
 public:
  explicit RunningSlot(pid_t pid) {
    for (int i = 0; i < kSlots; ++i) {
      pid_t empty = 0;
      if (running[i].compare_exchange_strong(empty, pid)) {
        slot_ = i;
        return;
      }
    }
  }
  RunningSlot(const RunningSlot&) = delete;
  RunningSlot& operator=(const RunningSlot&) = delete;
  ~RunningSlot() {
    if (slot_ >= 0) running[slot_].store(0);
  }

 private:
  int slot_ = -1;
};

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int* out() { return &fd_; }

 private:
  int fd_ = -1;
};

// The child's standard output as an Input. Each read waits (poll) for
// either pipe, keeps what arrives on stderr, and returns what arrives on
// stdout; past the deadline it kills the process group and reports end of
// input, so the decoder simply sees the stream stop.
class ChildOutput : public Input {
 public:
  ChildOutput(int out_fd, int err_fd, pid_t group, std::optional<Clock::time_point> deadline,
              CommandRun& run, std::size_t stderr_limit)
      : Input("<runner stdout>"),
        out_fd_(out_fd),
        err_fd_(err_fd),
        group_(group),
        deadline_(deadline),
        run_(run),
        stderr_limit_(stderr_limit) {}

  std::size_t read(std::uint8_t* buf, std::size_t n) override {
    while (out_fd_ >= 0) {
      if (!wait_for_data()) return 0;
      if (out_ready_) {
        ssize_t r = ::read(out_fd_, buf, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
          out_fd_ = -1;
          return 0;
        }
        return static_cast<std::size_t>(r);
      }
    }
    return 0;
  }

  bool drained() const override { return false; }

  // After stdout ended: reads stderr to its end (or the deadline).
  void drain_stderr() {
    out_fd_ = -1;
    while (err_fd_ >= 0 && wait_for_data()) {
    }
  }

  bool timed_out() const { return timed_out_; }
  void kill_group() {
    if (!killed_) ::kill(-group_, SIGKILL);
    killed_ = true;
  }

 private:
  // Waits until stdout has data (true, out_ready_) or ends; stderr data is
  // taken as it comes. False when both pipes are closed or time is up.
  bool wait_for_data() {
    out_ready_ = false;
    for (;;) {
      pollfd fds[2];
      int count = 0;
      int out_index = -1, err_index = -1;
      if (out_fd_ >= 0) fds[out_index = count++] = {out_fd_, POLLIN, 0};
      if (err_fd_ >= 0) fds[err_index = count++] = {err_fd_, POLLIN, 0};
      if (count == 0) return false;
      int wait_ms = -1;
      if (deadline_) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ -
                                                                          Clock::now());
        if (left.count() <= 0) {
          timed_out_ = true;
          kill_group();
          return false;
        }
        wait_ms = static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30));
      }
      int r = ::poll(fds, static_cast<nfds_t>(count), wait_ms);
      if (r < 0) {
        if (errno == EINTR) continue;
        throw IoError(std::string("poll on the runner's output: ") + std::strerror(errno));
      }
      if (r == 0) continue;  // the deadline check above ends it
      if (err_index >= 0 && fds[err_index].revents) read_stderr();
      if (out_index >= 0 && fds[out_index].revents) {
        out_ready_ = true;
        return true;
      }
    }
  }

  void read_stderr() {
    char buf[8192];
    ssize_t r = ::read(err_fd_, buf, sizeof buf);
    if (r < 0 && errno == EINTR) return;
    if (r <= 0) {
      err_fd_ = -1;
      return;
    }
    std::size_t room = stderr_limit_ - std::min(stderr_limit_, run_.stderr_text.size());
    std::size_t take = std::min(room, static_cast<std::size_t>(r));
    run_.stderr_text.append(buf, take);
    if (take < static_cast<std::size_t>(r)) run_.stderr_truncated = true;
  }

  int out_fd_, err_fd_;
  pid_t group_;
  std::optional<Clock::time_point> deadline_;
  CommandRun& run_;
  std::size_t stderr_limit_;
  bool out_ready_ = false, timed_out_ = false, killed_ = false;
};

// Keeps each test's result, and counts the events that named a test.
class Collector : public EventSink, public ResultHandler {
 public:
  Collector(CommandRun& run, EventSink* tee) : run_(run), tee_(tee), aggregator_(*this) {}
  void on_event(const Event& e) override {
    if (e.test_id) ++run_.test_events;
    aggregator_.on_event(e);
    if (tee_) tee_->on_event(e);
  }
  void finish() override {
    aggregator_.finish();
    if (tee_) tee_->flush();
  }
  void on_result(const TestResult& r) override { run_.results.push_back(r); }

 private:
  CommandRun& run_;
  EventSink* tee_;
  ResultAggregator aggregator_;
};

std::string errno_text(const char* what, int err) {
  return std::string(what) + ": " + std::strerror(err);
}

}  // namespace

void kill_running_commands() {
  for (auto& slot : running) {
    pid_t pid = slot.load();
    if (pid > 0) ::kill(-pid, SIGKILL);
  }
}

const TestResult* CommandRun::find(std::string_view id) const {
  for (auto it = results.rbegin(); it != results.rend(); ++it)
    if (it->id == id) return &*it;
  return nullptr;
}

std::string CommandRun::describe_ending() const {
  char buf[64];
  switch (ending) {
    case Ending::exited:
      return "exited with status " + std::to_string(exit_code);
    case Ending::signaled:
      return "was killed by signal " + std::to_string(signal);
    case Ending::timed_out:
      std::snprintf(buf, sizeof buf, "%g", seconds);
      return std::string("timed out after ") + buf + " s and was killed";
    case Ending::not_started:
      return "could not be started: " + start_error;
  }
  return "";
}

CommandRun run_shell_command(const std::string& command, const CommandOptions& options) {
  CommandRun run;
  run.command = command;
  auto started = Clock::now();
  std::optional<Clock::time_point> deadline;
  if (options.timeout_seconds > 0)
    deadline = started + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(options.timeout_seconds));

  // O_CLOEXEC everywhere: with --jobs, another thread's child must not
  // inherit our pipe ends, or our reads would never see end of file.
  Fd out_read, out_write, err_read, err_write;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    run.start_error = errno_text("pipe", errno);
    return run;
  }
  *out_read.out() = out_pipe[0];
  *out_write.out() = out_pipe[1];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    run.start_error = errno_text("pipe", errno);
    return run;
  }
  *err_read.out() = err_pipe[0];
  *err_write.out() = err_pipe[1];

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
  sigset_t defaults, empty;
  sigemptyset(&empty);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);  // tools ignore SIGPIPE; a runner should not
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETSIGMASK);
  std::string c_arg = "-c";
  std::vector<char*> argv = {const_cast<char*>("sh"), c_arg.data(),
                             const_cast<char*>(command.c_str()), nullptr};
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  out_write.reset();
  err_write.reset();
  if (rc != 0) {
    run.start_error = errno_text("/bin/sh", rc);
    return run;
  }

  RunningSlot registered{pid};
  auto pipe_input = std::make_unique<ChildOutput>(out_read.get(), err_read.get(), pid, deadline,
                                                  run, options.stderr_limit);
  ChildOutput& child = *pipe_input;
  std::unique_ptr<EventReader> reader;  // owns `child`
  try {
    reader = open_input_reader(std::move(pipe_input));
    Collector collector{run, options.tee};
    pump(*reader, collector);
    child.drain_stderr();
  } catch (...) {
    child.kill_group();
    ::waitpid(pid, nullptr, 0);
    throw;
  }

  // Both pipes are closed (or time is up); wait for the shell itself.
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, deadline && !child.timed_out() ? WNOHANG : 0);
    if (r == pid) break;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    if (Clock::now() >= *deadline) {
      child.kill_group();
      ::waitpid(pid, &status, 0);
      run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
      run.ending = CommandRun::Ending::timed_out;
      return run;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (child.timed_out()) {
    run.ending = CommandRun::Ending::timed_out;
  } else if (WIFEXITED(status)) {
    run.ending = CommandRun::Ending::exited;
    run.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    run.ending = CommandRun::Ending::signaled;
    run.signal = WTERMSIG(status);
  }
  return run;
}

}  // namespace su
