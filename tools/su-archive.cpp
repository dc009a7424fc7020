// SPDX-License-Identifier: Apache-2.0
// su-archive: keep run history losslessly and query it. See su-archive(1)
// and, for the files, su-archive(5). Subcommand parsing and output
// formatting only; the archive itself is src/archive/.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "archive/archive.hpp"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/queries.hpp"
#include "archive/repository.hpp"
#include "base/error.hpp"
#include "base/input.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "common/tool.hpp"

namespace {

using su::archive::pb::RunHeader;

// Damage in an input being added: a warning naming the file and byte (the
// run is stored as it is, damage included), or with --strict the end.
class DamageReporter : public su::DamageHandler {
 public:
  DamageReporter(const su::Tool& tool, std::string name, bool strict)
      : tool_(tool), name_(std::move(name)), strict_(strict) {}
  void on_damage(const su::Damage& d) override {
    if (strict_) throw su::DecodeError(d.offset, d.reason);
    tool_.warn("'" + name_ + "': byte " + std::to_string(d.offset) + ": " + d.reason + " (" +
               std::to_string(d.length) + " bytes reported as test subunit.parser)");
  }

 private:
  const su::Tool& tool_;
  std::string name_;
  bool strict_;
};

// A one-line bar on stderr, only when stderr is a terminal, redrawn at most
// ten times a second and shown only once the work has taken half a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::string what) : what_(std::move(what)), on_(::isatty(2)) {}
  ~ProgressBar() { done(); }
  void update(std::uint64_t done, std::uint64_t total, const char* unit) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::milliseconds(500) || now - last_ < std::chrono::milliseconds(100))
      return;
    last_ = now;
    char line[160];
    if (total > 0) {
      int width = 30, filled = static_cast<int>(width * std::min(done, total) / total);
      std::snprintf(line, sizeof line, "\r%s [%-*s] %3d%% %llu/%llu %s", what_.c_str(), width,
                    std::string(static_cast<std::size_t>(filled), '#').c_str(),
                    static_cast<int>(100 * std::min(done, total) / total),
                    static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                    unit);
    } else {
      std::snprintf(line, sizeof line, "\r%s %llu %s", what_.c_str(),
                    static_cast<unsigned long long>(done), unit);
    }
    std::fputs(line, stderr);
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

std::string iso_time(std::int64_t ns) {
  std::string t = su::format_iso8601(ns / 1000);
  auto dot = t.find('.');
  return dot == std::string::npos ? t : t.substr(0, dot) + "Z";
}

std::string seconds(std::optional<std::int64_t> ns) {
  if (!ns) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3fs", static_cast<double>(*ns) / 1e9);
  return buf;
}

std::string json_seconds(std::optional<std::int64_t> ns) {
  if (!ns) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(*ns) / 1e9);
  return buf;
}

// The run's time: when its first test started, or when it was added.
std::int64_t run_time(const RunHeader& h) { return h.has_times() ? h.first_ns() : h.added_ns(); }

std::optional<std::int64_t> run_duration(const RunHeader& h) {
  if (!h.has_times()) return std::nullopt;
  return h.last_ns() - h.first_ns();
}

std::string meta_text(const RunHeader& h) {
  std::string out;
  for (const auto& m : h.meta()) {
    if (!out.empty()) out += ' ';
    out += m.key() + "=" + m.value();
  }
  return out;
}

std::string meta_json(const RunHeader& h) {
  std::string out = "{";
  for (int i = 0; i < h.meta_size(); ++i) {
    if (i) out += ", ";
    su::append_json_string(out, h.meta(i).key());
    out += ": ";
    su::append_json_string(out, h.meta(i).value());
  }
  return out + "}";
}

std::string header_json(const RunHeader& h) {
  std::string out = "{\"id\": " + std::to_string(h.id()) + ", \"time\": " +
                    su::json_string(iso_time(run_time(h))) +
                    ", \"added\": " + su::json_string(iso_time(h.added_ns())) +
                    ", \"tests\": " + std::to_string(h.tests()) +
                    ", \"failures\": " + std::to_string(h.failures()) +
                    ", \"skips\": " + std::to_string(h.skips()) +
                    ", \"duration_seconds\": " + json_seconds(run_duration(h)) +
                    ", \"source\": " + su::json_string(h.source()) +
                    ", \"input_format\": " + su::json_string(h.input_format()) +
                    ", \"stored_bytes\": " + std::to_string(h.stored_bytes()) +
                    ", \"meta\": " + meta_json(h) + "}";
  return out;
}

// One test result as JSON (failing, slowest, history).
std::string row_json(const su::RunIndex& index, const su::TestRow& r, std::string_view id) {
  std::string out = "{\"run\": " + std::to_string(index.header.id()) + ", \"id\": ";
  su::append_json_string(out, id);
  out += ", \"status\": " + su::json_string(su::row_status(r));
  out += ", \"duration_seconds\": " + json_seconds(r.duration_ns());
  out += ", \"start\": " + (r.start_ns ? su::json_string(su::format_iso8601(*r.start_ns / 1000))
                                        : std::string("null"));
  out += ", \"worker\": ";
  out += r.worker ? su::json_string(index.worker_name(r)) : "null";
  out += ", \"position\": " + std::to_string(r.position);
  out += ", \"route_code\": ";
  out += index.route_code(r) ? su::json_string(*index.route_code(r)) : "null";
  out += ", \"attachment_bytes\": " + std::to_string(r.attachment_bytes) + "}";
  return out;
}

// Column padding for text tables.
std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string rpad(const std::string& s, std::size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

// CLI11 reads "-3" as an option; RUN arguments may be "-N". Such words
// are marked here and unmarked by run_spec().
constexpr std::string_view kBack = "\x01";

std::string run_spec(const std::string& arg) {
  return arg.rfind(kBack, 0) == 0 ? arg.substr(kBack.size()) : arg;
}

std::vector<std::string> mark_run_offsets(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool back = a.size() > 1 && a[0] == '-' &&
                a.find_first_not_of("0123456789", 1) == std::string::npos;
    bool option_value = args[i - 1] == "-n" || args[i - 1] == "--count";
    if (back && !option_value) args[i] = std::string(kBack) + a;
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-archive", "Keep subunit run history losslessly, and query it."};
  auto& app = tool.app;
  std::string archive_dir;
  if (const char* env = std::getenv("SU_ARCHIVE"); env && *env) archive_dir = env;
  if (archive_dir.empty()) archive_dir = ".su";
  app.add_option("--archive", archive_dir,
                 "archive directory (default: $SU_ARCHIVE, else .su); a .testrepository or "
                 ".stestr directory works for queries");
  app.require_subcommand(1);
  app.fallthrough();

  std::string format = "text", input = "-", run = "last", test_id, dir;
  std::vector<std::string> meta;
  bool tee = false, no_repair = false;
  std::size_t count = 10;
  auto formats = [&](CLI::App* sub, std::vector<std::string> allowed) {
    sub->add_option("--format", format, "output as " + [&] {
      std::string s;
      for (const auto& a : allowed) s += (s.empty() ? "" : ", ") + a;
      return s;
    }())->check(CLI::IsMember(allowed));
  };
  auto* init = app.add_subcommand("init", "create an empty archive");
  auto* add = app.add_subcommand("add", "store a run (v2 byte for byte, v1 upgraded) and print its id");
  add->add_option("input", input, "stream to store (v1, v2, zstd); '-' is standard input");
  add->add_option("--meta", meta, "KEY=VALUE to record with the run (repeatable)")
      ->allow_extra_args(false);
  add->add_flag("--tee", tee, "copy the input to standard output as it is read");
  tool.add_strict_flag();
  auto* list = app.add_subcommand("list", "list the runs: id, time, tests, failures, skips, duration, metadata");
  formats(list, {"text", "json"});
  auto* show = app.add_subcommand("show", "write a run's stream (v2) to standard output");
  show->add_option("run", run, "an id, 'last', or -N (the N-th most recent run)");
  auto* failing = app.add_subcommand("failing", "list the failing tests of a run (exit 1 if any)");
  failing->add_option("run", run, "an id, 'last' (default), or -N");
  formats(failing, {"text", "json", "ids"});
  auto* slowest = app.add_subcommand("slowest", "list the slowest tests of a run");
  slowest->add_option("-n,--count", count, "how many tests (default 10)");
  slowest->add_option("run", run, "an id, 'last' (default), or -N");
  formats(slowest, {"text", "json"});
  auto* history = app.add_subcommand("history", "one test's outcome and duration in every run");
  history->add_option("test", test_id, "the test id")->required();
  formats(history, {"text", "json", "ids"});
  auto* remove = app.add_subcommand("remove", "remove a run");
  remove->add_option("run", run, "an id, 'last', or -N")->required();
  auto* check = app.add_subcommand("check", "verify every run and the index; rebuild the index from the streams");
  check->add_flag("--no-repair", no_repair, "only report");
  auto* import = app.add_subcommand("import", "copy every run of a .testrepository or .stestr directory");
  import->add_option("dir", dir, "the repository directory")->required();

  std::vector<std::string> args = mark_run_offsets(argc, argv);
  std::vector<char*> marked;
  for (auto& a : args) marked.push_back(a.data());

  return tool.run(static_cast<int>(marked.size()), marked.data(), [&]() -> su::Exit {
    su::Output& out = su::standard_output();
    run = run_spec(run);
    try {
      if (init->parsed()) {
        bool made = su::Archive::init(archive_dir);
        std::fprintf(stderr, "su-archive: %s archive '%s'\n",
                     made ? "created" : "already an", archive_dir.c_str());
        return su::Exit::ok;
      }
      if (add->parsed() || import->parsed() || remove->parsed() || check->parsed()) {
        su::Archive archive{archive_dir};
        if (add->parsed()) {
          su::AddOptions options;
          options.source = input == "-" ? "<stdin>" : input;
          for (const auto& m : meta) {
            auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0)
              throw su::ArchiveUsage("--meta '" + m + "' is not KEY=VALUE");
            options.meta.emplace_back(m.substr(0, eq), m.substr(eq + 1));
          }
          options.tee = tee ? &out : nullptr;
          DamageReporter damage{tool, options.source, tool.strict};
          options.damage = &damage;
          std::uint64_t total = 0;
          if (input != "-" && su::is_regular_file(input)) total = su::file_size(input);
          ProgressBar bar{"su-archive: adding"};
          options.progress = [&](std::uint64_t n) { bar.update(n >> 20, total >> 20, "MiB"); };
          std::uint64_t id = 0;
          try {
            id = archive.add(su::open_input(input), options);
          } catch (const su::DecodeError& e) {
            tool.error("'" + options.source + "': byte " + std::to_string(e.offset()) + ": " +
                       e.what() + "; nothing was added");
            return su::Exit::undecodable;
          }
          bar.done();
          if (tee) {
            std::fprintf(stderr, "su-archive: added run %llu\n", static_cast<unsigned long long>(id));
          } else {
            out.write(std::to_string(id) + "\n");
          }
          return su::Exit::ok;
        }
        if (import->parsed()) {
          ProgressBar bar{"su-archive: importing"};
          DamageReporter damage{tool, dir, false};
          auto ids = su::import_repository(archive, dir, &damage, [&](std::uint64_t d, std::uint64_t t) {
            bar.update(d, t, "runs");
          });
          bar.done();
          for (auto id : ids) out.write(std::to_string(id) + "\n");
          std::fprintf(stderr, "su-archive: imported %zu runs from '%s'\n", ids.size(), dir.c_str());
          return su::Exit::ok;
        }
        if (remove->parsed()) {
          archive.remove(su::resolve_run(archive, run));
          return su::Exit::ok;
        }
        ProgressBar bar{"su-archive: checking"};
        auto report = archive.check(!no_repair, [&](std::uint64_t d, std::uint64_t t) {
          bar.update(d, t, "runs");
        });
        bar.done();
        for (const auto& r : report.repairs) tool.warn(r);
        for (const auto& d : report.damage) tool.error(d);
        std::fprintf(stderr, "su-archive: checked %llu runs: %zu damaged, %zu %s\n",
                     static_cast<unsigned long long>(report.runs), report.damage.size(),
                     report.repairs.size(), no_repair ? "to repair" : "repaired");
        if (!report.damage.empty()) return su::Exit::undecodable;
        return no_repair && !report.repairs.empty() ? su::Exit::undecodable : su::Exit::ok;
      }

      auto store = su::open_store(archive_dir);
      if (list->parsed()) {
        bool damaged = false;
        bool json = format == "json";
        out.write(json ? "[" : "id    time                  tests  failures  skips  duration  metadata\n");
        bool first = true;
        for (auto id : store->runs()) {
          RunHeader h;
          try {
            h = store->header(id);
          } catch (const su::ArchiveDamage& e) {
            tool.error("'" + e.path() + "': " + e.what());
            damaged = true;
            continue;
          }
          if (json) {
            out.write(std::string(first ? "\n  " : ",\n  ") + header_json(h));
          } else {
            out.write(pad(std::to_string(h.id()), 5) + " " + pad(iso_time(run_time(h)), 20) + " " +
                      rpad(std::to_string(h.tests()), 6) + " " +
                      rpad(std::to_string(h.failures()), 9) + " " +
                      rpad(std::to_string(h.skips()), 6) + " " +
                      rpad(seconds(run_duration(h)), 9) + "  " + meta_text(h) + "\n");
          }
          first = false;
        }
        if (json) out.write(first ? "]\n" : "\n]\n");
        return damaged ? su::Exit::undecodable : su::Exit::ok;
      }
      if (show->parsed()) {
        std::uint64_t id = su::resolve_run(*store, run);
        try {
          store->write_stream(id, out);
        } catch (const su::DecodeError& e) {
          out.flush();
          tool.error("'" + store->run_path(id) + "': byte " + std::to_string(e.offset()) + ": " +
                     e.what());
          return su::Exit::undecodable;
        }
        return su::Exit::ok;
      }
      if (failing->parsed() || slowest->parsed()) {
        su::RunIndex index = store->index(su::resolve_run(*store, run));
        const auto& ids = store->ids();
        auto rows = failing->parsed() ? su::failing_tests(index) : su::slowest_tests(index, count);
        if (format == "json") out.write("[");
        bool first = true;
        for (const su::TestRow* r : rows) {
          std::string_view id = ids.at(r->test);
          if (format == "ids") {
            out.write(std::string(id) + "\n");
          } else if (format == "json") {
            out.write(std::string(first ? "\n  " : ",\n  ") + row_json(index, *r, id));
          } else if (failing->parsed()) {
            out.write(pad(std::string(su::row_status(*r)), 11) + std::string(id) + "\n");
          } else {
            out.write(rpad(seconds(r->duration_ns()), 10) + "  " +
                      pad(std::string(index.worker_name(*r)), 10) + std::string(id) + "\n");
          }
          first = false;
        }
        if (format == "json") out.write(first ? "]\n" : "\n]\n");
        if (failing->parsed()) return rows.empty() ? su::Exit::ok : su::Exit::no;
        return su::Exit::ok;
      }
      // history
      bool damaged = false, json = format == "json", first = true;
      if (format == "text") out.write("run   time                  status      duration  worker      metadata\n");
      if (json) out.write("[");
      std::uint64_t found = su::test_history(
          *store, test_id,
          [&](const su::RunIndex& index, const su::TestRow& r) {
            const auto& h = index.header;
            if (format == "ids") {
              out.write(std::to_string(h.id()) + "\n");
            } else if (json) {
              std::string row = row_json(index, r, test_id);
              row.pop_back();
              row += ", \"time\": " + su::json_string(iso_time(run_time(h))) +
                     ", \"meta\": " + meta_json(h) + "}";
              out.write(std::string(first ? "\n  " : ",\n  ") + row);
            } else {
              out.write(pad(std::to_string(h.id()), 5) + " " + pad(iso_time(run_time(h)), 20) +
                        " " + pad(std::string(su::row_status(r)), 11) + " " +
                        rpad(seconds(r.duration_ns()), 9) + " " +
                        pad(std::string(index.worker_name(r)), 11) + " " + meta_text(h) + "\n");
            }
            first = false;
          },
          [&](std::uint64_t, const std::string& error) {
            tool.error(error);
            damaged = true;
          });
      if (json) out.write(first ? "]\n" : "\n]\n");
      if (damaged) return su::Exit::undecodable;
      if (found == 0) {
        tool.warn("no run in '" + store->dir() + "' has a test '" + test_id + "'");
        return su::Exit::no;
      }
      return su::Exit::ok;
    } catch (const su::ArchiveDamage& e) {
      tool.error("'" + e.path() + "': " + e.what());
      return su::Exit::undecodable;
    } catch (const su::ArchiveUsage& e) {
      tool.error(e.what());
      return su::Exit::usage;
    }
  });
}
