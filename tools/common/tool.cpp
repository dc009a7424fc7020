#include "common/tool.hpp"

#include <csignal>
#include <cstdio>
#include <new>
#include <string_view>
#include <unistd.h>

#include <fmt/format.h>

#include "base/error.hpp"
#include "common/completion.hpp"
#include "base/output.hpp"
#include "codec/v2_writer.hpp"

#ifndef SUTOOLS_VERSION
#define SUTOOLS_VERSION "unknown"
#endif

namespace su {
namespace {

// The archive's files are read through a mapping (archive/file_ops.hpp); if
// another process truncates one under us, touching the lost pages raises
// SIGBUS.
// That is an I/O failure, reported as one (exit 4), not a crash.
char bus_message[160];
std::size_t bus_message_size = 0;

extern "C" void on_sigbus(int) {
  ssize_t ignored = ::write(2, bus_message, bus_message_size);
  (void)ignored;
  ::_exit(static_cast<int>(Exit::io));
}

void catch_truncated_inputs(const std::string& name) {
  auto r = fmt::format_to_n(bus_message, sizeof bus_message - 1,
                            "{}: error: an input file shrank while it was read\n", name);
  bus_message_size = r.size < sizeof bus_message ? r.size : sizeof bus_message - 1;
  struct sigaction sa{};
  sa.sa_handler = on_sigbus;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGBUS, &sa, nullptr);
}

}  // namespace

void pump_forwarding(EventReader& reader, EventSink& sink, bool forward) {
  if (!forward) {
    pump(reader, sink);
    return;
  }
  V2Writer copy{standard_output()};
  TeeSink both{copy, sink};
  pump(reader, both);
}

Tool::Tool(std::string name, std::string description)
    : app(std::move(description), name), name_(std::move(name)) {
  app.set_version_flag("--version", name_ + " (sutools) " SUTOOLS_VERSION);
  app.get_formatter()->column_width(32);
}

void Tool::add_strict_flag() {
  app.add_flag("--strict", strict, "treat damaged input as fatal (exit 3)");
}

std::unique_ptr<EventReader> Tool::open(const std::string& path) {
  input_ = path == "-" ? "<stdin>" : path;
  ReaderOptions options;
  options.damage = this;
  return open_reader(path, options);
}

void Tool::warn(const std::string& message) const {
  std::fprintf(stderr, "%s: warning: %s\n", name_.c_str(), message.c_str());
}

void Tool::note(const std::string& message) const {
  std::fprintf(stderr, "%s: %s\n", name_.c_str(), message.c_str());
}

void Tool::error(const std::string& message) const {
  std::fprintf(stderr, "%s: error: %s\n", name_.c_str(), message.c_str());
}

std::string damage_message(const std::string& name, const Damage& damage) {
  return fmt::format("'{}': byte {}: {} ({} bytes {})", name, damage.offset, damage.reason,
                     damage.length,
                     damage.passed_through ? "passed through as output"
                                           : "reported as test subunit.parser");
}

void Tool::on_damage(const Damage& damage) {
  ++damage_count_;
  if (strict) throw DecodeError(damage.offset, damage.reason);
  warn(damage_message(input_, damage));
}

int Tool::run(int argc, char** argv, const std::function<Exit()>& body) {
  std::signal(SIGPIPE, SIG_IGN);
  // Past a file size limit (ulimit -f), write() then fails with EFBIG and
  // the tool reports it (exit 4) instead of being killed half way.
  std::signal(SIGXFSZ, SIG_IGN);
  catch_truncated_inputs(name_);
  // Hidden: `--completion=SHELL` prints the shell's completion script,
  // generated from the options defined by now (the build installs them).
  if (argc == 2 && std::string_view(argv[1]).starts_with("--completion=")) {
    std::string shell{std::string_view(argv[1]).substr(13)};
    try {
      std::string script = completion_script(app, name_, shell);
      std::fwrite(script.data(), 1, script.size(), stdout);
      return std::fflush(stdout) == 0 ? 0 : static_cast<int>(Exit::io);
    } catch (const CLI::ValidationError& e) {
      error(e.what());
      return static_cast<int>(Exit::usage);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error(e.what());
    std::fprintf(stderr, "Try '%s --help' for more information.\n", name_.c_str());
    return static_cast<int>(Exit::usage);
  }
  try {
    Exit code = body();
    standard_output().flush();
    return static_cast<int>(code);
  } catch (const BrokenPipe&) {
    return static_cast<int>(Exit::ok);
  } catch (const DecodeError& e) {
    error(fmt::format("'{}': byte {}: {}", input_, e.offset(), e.what()));
    return static_cast<int>(Exit::undecodable);
  } catch (const IoError& e) {
    error(e.what());
    return static_cast<int>(Exit::io);
  } catch (const std::bad_alloc&) {
    error("out of memory");
    return static_cast<int>(Exit::io);
  }
}

}  // namespace su
