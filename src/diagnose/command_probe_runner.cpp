// SPDX-License-Identifier: Apache-2.0
#include "diagnose/command_probe_runner.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>
#include <unistd.h>

#include "base/error.hpp"
#include "diagnose/command_template.hpp"

namespace su {
namespace {

// A temporary file holding the ids one per line, removed when done.
class ListFile {
 public:
  explicit ListFile(const std::vector<std::string>& ids) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/su-bisect-list-XXXXXX";
    int fd = ::mkstemp(path_.data());
    if (fd < 0) throw IoError("cannot create a test list in '" + path_ + "': " + std::strerror(errno));
    std::string text;
    for (const auto& id : ids) text += id + '\n';
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t w = ::write(fd, text.data() + done, text.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        int err = errno;
        ::close(fd);
        ::unlink(path_.c_str());
        throw IoError("cannot write the test list '" + path_ + "': " + std::strerror(err));
      }
      done += static_cast<std::size_t>(w);
    }
    ::close(fd);
  }
  ListFile(const ListFile&) = delete;
  ListFile& operator=(const ListFile&) = delete;
  ~ListFile() { ::unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string with_stderr(std::string message, const CommandRun& run) {
  message += "\n  command: " + run.command;
  if (run.stderr_text.empty()) {
    message += "\n  (the runner wrote nothing on stderr)";
  } else {
    message += "\n  runner stderr:";
    std::vector<std::string_view> lines;
    std::string_view text = run.stderr_text;
    while (!text.empty()) {
      auto nl = text.find('\n');
      lines.push_back(text.substr(0, nl));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    // A traceback's point is at its end; a message needs no more than this.
    constexpr std::size_t kHead = 10, kTail = 30;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines.size() > kHead + kTail && i == kHead) {
        message += "\n    [" + std::to_string(lines.size() - kHead - kTail) + " lines]";
        i = lines.size() - kTail - 1;
        continue;
      }
      message += "\n    ";
      message += lines[i];
    }
    if (run.stderr_truncated) message += "\n    [...]";
  }
  return message;
}

}  // namespace

bool counts_as_failure(const TestResult& result) {
  return !result.complete || result.status == Status::fail || result.status == Status::uxsuccess;
}

CommandProbeRunner::CommandProbeRunner(std::string command_template, double timeout_seconds)
    : template_(std::move(command_template)), timeout_(timeout_seconds) {}

std::string CommandProbeRunner::command_for(const std::vector<std::string>& ids,
                                            const std::string& list_path) const {
  return expand_command_template(template_, ids, list_path);
}

ProbeResult CommandProbeRunner::run(const std::vector<std::string>& ids) {
  ProbeResult result;
  ListFile list{ids};
  CommandOptions options;
  options.timeout_seconds = timeout_;
  CommandRun run = run_shell_command(command_for(ids, list.path()), options);
  result.seconds = run.seconds;
  if (run.ending == CommandRun::Ending::not_started) {
    result.kind = ProbeResult::Kind::runner_error;
    result.message = with_stderr("the runner " + run.describe_ending(), run);
    return result;
  }
  if (run.ending == CommandRun::Ending::timed_out) {
    result.kind = ProbeResult::Kind::runner_error;
    result.message = with_stderr("the runner " + run.describe_ending(), run);
    return result;
  }
  if (!run.wrote_subunit()) {
    result.kind = ProbeResult::Kind::runner_error;
    result.message = with_stderr(
        "the runner " + run.describe_ending() + " and wrote no subunit on stdout", run);
    return result;
  }
  const std::string& victim = ids.back();
  const TestResult* r = run.find(victim);
  if (!r || (r->complete && r->status == Status::exists)) {
    result.kind = ProbeResult::Kind::victim_missing;
    result.message = with_stderr("the runner " + run.describe_ending() + " and reported " +
                                     std::to_string(run.results.size()) +
                                     " test(s), but not '" + victim + "'",
                                 run);
    return result;
  }
  result.kind = counts_as_failure(*r) ? ProbeResult::Kind::failed : ProbeResult::Kind::passed;
  return result;
}

}  // namespace su
