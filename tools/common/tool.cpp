#include "common/tool.hpp"

#include <csignal>
#include <cstdio>
#include <new>

#include "base/error.hpp"
#include "base/output.hpp"
#include "codec/v2_writer.hpp"

#ifndef SUTOOLS_VERSION
#define SUTOOLS_VERSION "unknown"
#endif

namespace su {

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

void Tool::on_damage(const Damage& damage) {
  ++damage_count_;
  if (strict) throw DecodeError(damage.offset, damage.reason);
  warn("'" + input_ + "': byte " + std::to_string(damage.offset) + ": " + damage.reason +
       " (" + std::to_string(damage.length) +
       (damage.passed_through ? " bytes passed through as output)"
                              : " bytes reported as test subunit.parser)"));
}

int Tool::run(int argc, char** argv, const std::function<Exit()>& body) {
  std::signal(SIGPIPE, SIG_IGN);
  // Past a file size limit (ulimit -f), write() then fails with EFBIG and
  // the tool reports it (exit 4) instead of being killed half way.
  std::signal(SIGXFSZ, SIG_IGN);
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
    error("'" + input_ + "': byte " + std::to_string(e.offset()) + ": " + e.what());
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
