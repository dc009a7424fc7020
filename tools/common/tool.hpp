// What every su- tool shares: option parsing (CLI11) with --help and
// --version, opening inputs with damage reports that name the file and the
// byte, --strict, and the mapping from errors to exit codes (DESIGN.md):
// 0 ok, 1 "no", 2 usage, 3 undecodable input, 4 I/O; EPIPE on stdout is 0.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "codec/open_reader.hpp"
#include "event/reader.hpp"
#include "event/sink.hpp"

namespace su {

enum class Exit : int { ok = 0, no = 1, usage = 2, undecodable = 3, io = 4 };

// Pumps `reader` into `sink`; with `forward` (python's -f/--forward) the
// stream is also copied to standard output as subunit v2 as it is read.
void pump_forwarding(EventReader& reader, EventSink& sink, bool forward);

// "'run.subunit': byte 4096: REASON (N bytes ...)": how a damage warning
// names the input (`name`, "<stdin>" for standard input) and the bytes.
std::string damage_message(const std::string& name, const Damage& damage);

class Tool : public DamageHandler {
 public:
  Tool(std::string name, std::string description);

  CLI::App app;
  bool strict = false;

  // Adds --strict (damage is fatal, exit 3).
  void add_strict_flag();
  // Opens `path` ("-" for stdin) in any supported format; damage is reported
  // on stderr as a warning naming the file and byte (fatal with --strict).
  std::unique_ptr<EventReader> open(const std::string& path);

  // Parses argv and runs `body`, mapping exceptions to exit codes and
  // flushing standard output. Returns the process exit code.
  int run(int argc, char** argv, const std::function<Exit()>& body);

  // "su-ls: warning: MESSAGE" / "su-ls: error: MESSAGE" on stderr.
  void warn(const std::string& message) const;
  void error(const std::string& message) const;
  // "su-ls: MESSAGE" on stderr: what a tool did, when it says so.
  void note(const std::string& message) const;

  void on_damage(const Damage& damage) override;
  std::size_t damage_count() const { return damage_count_; }

 private:
  std::string name_;
  std::string input_ = "<stdin>";
  std::size_t damage_count_ = 0;
};

}  // namespace su
