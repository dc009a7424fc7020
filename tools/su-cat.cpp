// su-cat: concatenate subunit streams into one v2 stream, optionally putting
// each input under its own route code prefix (spec/subunit-v2.md §7.7) so
// runs from several machines combine without their tests colliding.
// See su-cat(1).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/utf8.hpp"
#include "codec/v2_writer.hpp"
#include "common/tool.hpp"
#include "ops/route_prefixer.hpp"

namespace {

// A regular file is all there already; anything else (a pipe, a FIFO, a
// socket, a terminal) may still be being written.
bool is_live(const std::string& path) {
  struct stat st;
  int rc = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
  return rc == 0 && !S_ISREG(st.st_mode);
}

// Live inputs are read at once, each by its own thread, and their events
// written as they arrive. The decoders pull from blocking reads, so a
// thread per input waits in read() where a single-threaded tool would wait
// in poll(); what the output sees is the same: whole packets, in the
// order they completed, each input's own order kept.
class LiveMultiplexer {
 public:
  LiveMultiplexer(su::Tool& tool, su::EventSink& out) : tool_(tool), out_(out) {}

  // Reads every input to its end. On the first input that fails (cannot be
  // opened, damage under --strict, a closed output), stops the whole
  // process with that failure's exit code: the other inputs may be blocked
  // in a read that only their writer can end.
  void run(const std::vector<std::string>& inputs, const std::vector<std::string>& prefixes) {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < inputs.size(); ++i)
      threads.emplace_back([this, path = inputs[i], prefix = prefixes[i]] { read(path, prefix); });
    std::unique_lock lock{mutex_};
    done_changed_.wait(lock, [&] { return done_ == inputs.size() || failed_; });
    if (failed_) stop(lock);
    lock.unlock();
    for (auto& t : threads) t.join();
  }

 private:
  // One input's damage is reported with its own name.
  class InputDamage : public su::DamageHandler {
   public:
    InputDamage(su::Tool& tool, std::string name) : tool_(tool), name_(std::move(name)) {}
    void on_damage(const su::Damage& damage) override {
      if (tool_.strict) throw su::DecodeError(damage.offset, damage.reason);
      tool_.warn(su::damage_message(name_, damage));
    }

   private:
    su::Tool& tool_;
    std::string name_;
  };

  // Hands the events of one input to the shared output, a whole event at a
  // time, and flushes it when this input pauses (pump() says when).
  class LockedSink : public su::EventSink {
   public:
    LockedSink(su::EventSink& out, std::mutex& mutex) : out_(out), mutex_(mutex) {}
    void on_event(const su::Event& e) override {
      std::lock_guard lock{mutex_};
      out_.on_event(e);
    }
    void flush() override {
      std::lock_guard lock{mutex_};
      out_.flush();
    }
    void finish() override { flush(); }

   private:
    su::EventSink& out_;
    std::mutex& mutex_;
  };

  void read(const std::string& path, const std::string& prefix) {
    std::string name = path == "-" ? "<stdin>" : path;
    try {
      InputDamage damage{tool_, name};
      auto reader = su::open_reader(path, {.damage = &damage});
      LockedSink locked{out_, output_mutex_};
      su::RoutePrefixer prefixer{locked};
      if (!prefix.empty()) prefixer.set_prefix(prefix);
      su::pump(*reader, prefixer);
    } catch (...) {
      std::lock_guard lock{mutex_};
      if (!failed_) {
        failed_ = std::current_exception();
        failed_input_ = name;
      }
    }
    std::lock_guard lock{mutex_};
    ++done_;
    done_changed_.notify_all();
  }

  [[noreturn]] void stop(std::unique_lock<std::mutex>&) {
    std::lock_guard output{output_mutex_};  // held to the end: no more packets
    su::Exit code = su::Exit::ok;
    try {
      try {
        su::standard_output().flush();
      } catch (const su::BrokenPipe&) {
      }
      std::rethrow_exception(failed_);
    } catch (const su::BrokenPipe&) {
      code = su::Exit::ok;
    } catch (const su::DecodeError& e) {
      tool_.error(fmt::format("'{}': byte {}: {}", failed_input_, e.offset(), e.what()));
      code = su::Exit::undecodable;
    } catch (const su::IoError& e) {
      tool_.error(e.what());
      code = su::Exit::io;
    } catch (const std::exception& e) {
      tool_.error(e.what());
      code = su::Exit::io;
    }
    std::fflush(stderr);
    std::_Exit(static_cast<int>(code));
  }

  su::Tool& tool_;
  su::EventSink& out_;
  std::mutex output_mutex_;  // one event at a time reaches out_
  std::mutex mutex_;         // done_, failed_
  std::condition_variable done_changed_;
  std::size_t done_ = 0;
  std::exception_ptr failed_;
  std::string failed_input_;
};

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-cat", "Concatenate subunit streams, optionally routing each input."};
  std::vector<std::string> inputs;
  std::vector<std::string> names;
  bool route_prefix = false;
  tool.app.add_option("inputs", inputs, "streams to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("--route-prefix", route_prefix,
                    "put input N (from 0) under route code N: R becomes N/R");
  tool.app.add_option("--route-names", names,
                      "prefixes to use instead of 0, 1, ... (one per input; implies "
                      "--route-prefix)")
      ->delimiter(',')
      ->allow_extra_args(false);  // the files that follow are inputs, not names
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    if (inputs.empty()) inputs.push_back("-");
    if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
      tool.error("standard input ('-') can be read only once");
      return su::Exit::usage;
    }
    if (!names.empty()) {
      route_prefix = true;
      if (names.size() != inputs.size()) {
        tool.error(fmt::format("--route-names gives {} names for {} inputs", names.size(),
                               inputs.size()));
        return su::Exit::usage;
      }
      for (const auto& n : names)
        if (n.empty() || su::check_utf8(n) != su::Utf8Check::valid) {
          tool.error("route name '" + n + "' must be non-empty UTF-8");
          return su::Exit::usage;
        }
    }
    su::V2Writer writer{su::standard_output()};
    if (inputs.size() > 1 && std::any_of(inputs.begin(), inputs.end(), is_live)) {
      std::vector<std::string> prefixes;
      for (std::size_t i = 0; i < inputs.size(); ++i)
        prefixes.push_back(!route_prefix ? "" : names.empty() ? std::to_string(i) : names[i]);
      LiveMultiplexer{tool, writer}.run(inputs, prefixes);
      return su::Exit::ok;
    }
    su::RoutePrefixer prefixer{writer};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (route_prefix) prefixer.set_prefix(names.empty() ? std::to_string(i) : names[i]);
      auto reader = tool.open(inputs[i]);
      su::pump(*reader, prefixer);  // finish() only flushes the writer
    }
    return su::Exit::ok;
  });
}
