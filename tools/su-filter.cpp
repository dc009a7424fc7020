// su-filter: keep the tests of a subunit stream that match. See su-filter(1).
// Accepts every option of python-subunit's subunit-filter, applied in order
// (the later of two contrary options wins), but keeps everything by default.
#include <cstdio>
#include <map>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "base/error.hpp"
#include "base/output.hpp"
#include "codec/v2_writer.hpp"
#include "common/tool.hpp"
#include "ops/filter_args.hpp"
#include "ops/quarantine.hpp"
#include "ops/result_filter.hpp"

namespace {

// With nothing to filter, the output is the input: packets are forwarded as
// they came, and bytes that were not packets (stray text, damaged packets)
// are written back as those bytes rather than wrapped, so a v2 stream comes
// out byte for byte.
class VerbatimWriter : public su::EventSink {
 public:
  explicit VerbatimWriter(su::Output& out) : out_(out), writer_(out) {}
  void on_event(const su::Event& e) override {
    if (e.raw.empty() && !e.test_id && e.file_name == "stdout" && !e.mime_type &&
        !e.timestamp && !e.tags && !e.route_code && !e.eof && e.status == su::Status::none) {
      out_.write(e.file_bytes);  // stray bytes, as the reader found them
    } else if (e.raw.empty() && e.test_id == "subunit.parser" && e.file_name == "Packet data") {
      out_.write(e.file_bytes);  // a damaged packet's bytes
      skip_parser_error_ = true;
      return;
    } else if (!(skip_parser_error_ && e.raw.empty() && e.test_id == "subunit.parser" &&
                 e.file_name == "Parser Error")) {
      writer_.on_event(e);
    }
    skip_parser_error_ = false;
  }
  void finish() override { writer_.finish(); }
  void flush() override { writer_.flush(); }

 private:
  su::Output& out_;
  su::V2Writer writer_;
  bool skip_parser_error_ = false;
};

// Makes standard input readable twice, for --before: a regular file is
// read again from where it started; anything else is first copied to an
// unlinked temporary file that becomes standard input. Returns the offset
// to rewind to.
off_t make_stdin_rereadable() {
  struct stat st;
  if (::fstat(0, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t at = ::lseek(0, 0, SEEK_CUR);
    if (at >= 0) return at;
  }
  std::FILE* tmp = std::tmpfile();
  if (!tmp) throw su::IoError("cannot create a temporary file for --before");
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) throw su::IoError("cannot read standard input");
    if (std::fwrite(buf, 1, static_cast<std::size_t>(n), tmp) != static_cast<std::size_t>(n))
      throw su::IoError("cannot write the temporary file for --before");
  }
  if (std::fflush(tmp) != 0 || ::dup2(fileno(tmp), 0) < 0 || ::lseek(0, 0, SEEK_SET) != 0)
    throw su::IoError("cannot write the temporary file for --before");
  return 0;
}

// optparse accepts any unambiguous prefix of a long option (--no-pass).
void expand_prefixes(CLI::App& app, std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options())
    for (const auto& n : o->get_lnames()) names.push_back("--" + n);
  for (auto& a : args) {
    if (a == "--") break;
    if (a.rfind("--", 0) != 0) continue;
    std::string name = a.substr(0, a.find('='));
    std::string rest = a.substr(name.size());
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    std::string hit;
    int hits = 0;
    for (const auto& n : names)
      if (n.rfind(name, 0) == 0) ++hits, hit = n;
    if (hits == 1) a = hit + rest;
  }
}

// What --quarantine did, on standard error: the counts, then every expired
// entry (applied or not, so an old quarantine is noticed).
void report_quarantine(const su::Tool& tool, const std::string& path, const su::Quarantine& q) {
  std::uint64_t failures = 0, applied = 0, passes = 0;
  for (const auto& e : q.entries()) {
    failures += e.failures_quarantined;
    applied += e.failures_quarantined > 0;
    passes += e.passes_seen;
  }
  tool.note(fmt::format("quarantine '{}': {} failing result{} turned into xfail ({} of {} "
                        "entries applied), {} passing result{} of listed tests left alone",
                        path, failures, failures == 1 ? "" : "s", applied, q.entries().size(),
                        passes, passes == 1 ? "" : "s"));
  for (const auto& e : q.entries()) {
    if (!q.expired(e)) continue;
    tool.warn(fmt::format("quarantine '{}': line {}: entry for {} '{}' expired {}; not applied "
                          "({} failing result{} stand{})",
                          path, e.line, e.id.empty() ? "pattern" : "test",
                          e.id.empty() ? e.pattern : e.id, su::civil_date(*e.expires),
                          e.failures_standing, e.failures_standing == 1 ? "" : "s",
                          e.failures_standing == 1 ? "s" : ""));
  }
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-filter", "Keep the tests of a subunit stream that match; write subunit v2."};
  su::FilterSpec spec;
  std::string input = "-", before, include_list, exclude_list, since, until, min_duration,
              quarantine;
  std::vector<std::string> statuses, fixups, renames;
  auto& app = tool.app;
  app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  // python's switches: applied below in command-line order.
  std::map<const CLI::Option*, std::function<void()>> switches;
  auto flag = [&](const char* names, const char* help, std::function<void()> set) {
    switches[app.add_flag(names)->description(help)] = std::move(set);
  };
  flag("--error", "keep errors (default)", [&] { spec.drop_error = false; });
  flag("-e,--no-error", "drop errors (v2 streams have none)", [&] { spec.drop_error = true; });
  flag("--failure", "keep failures (default)", [&] { spec.drop_failure = false; });
  flag("-f,--no-failure", "drop failures and unfinished tests", [&] { spec.drop_failure = true; });
  flag("-s,--success", "keep successes (default)", [&] { spec.drop_success = false; });
  flag("--no-success", "drop successes", [&] { spec.drop_success = true; });
  flag("--skip", "keep skips (default)", [&] { spec.drop_skip = false; });
  flag("--no-skip", "drop skips", [&] { spec.drop_skip = true; });
  flag("--xfail", "keep expected failures (default)", [&] { spec.drop_xfail = false; });
  flag("--no-xfail", "drop expected failures", [&] { spec.drop_xfail = true; });
  flag("--exists", "keep tests only listed as existing (default)", [&] { spec.drop_exists = false; });
  flag("--no-exists", "drop tests only listed as existing", [&] { spec.drop_exists = true; });
  flag("--passthrough", "keep non-test output (default)", [&] { spec.passthrough = true; });
  flag("--no-passthrough", "drop non-test output", [&] { spec.passthrough = false; });
  flag("-F,--only-genuine-failures",
       "same as --no-success --no-skip --no-xfail --no-exists --no-passthrough", [&] {
         spec.drop_success = spec.drop_skip = spec.drop_xfail = spec.drop_exists = true;
         spec.passthrough = false;
       });
  app.add_option("--with-tag", spec.with_tags, "keep tests carrying TAG (all given tags)")
      ->allow_extra_args(false)
      ->type_name("TAG");
  app.add_option("--without-tag", spec.without_tags, "drop tests carrying TAG")->allow_extra_args(false)
      ->type_name("TAG");
  app.add_option("-m,--with", spec.with_regexps, "keep tests whose text matches RE")
      ->allow_extra_args(false)
      ->type_name("RE");
  app.add_option("--without", spec.without_regexps, "drop tests whose text matches RE")
      ->allow_extra_args(false)
      ->type_name("RE");
  app.add_option("--fixup-expected-failures", fixups,
                 "ids in FILE that fail become xfail; that succeed, uxsuccess")
      ->allow_extra_args(false)
      ->type_name("FILE");
  app.add_option("--rename", renames, "rename tests: re.sub(FROM, TO, id)")
      ->type_size(2)
      ->allow_extra_args(false)
      ->type_name("FROM TO");
  app.add_option("--status", statuses, "keep only these outcomes (comma-separated)")
      ->allow_extra_args(false)
      ->type_name("LIST");
  app.add_option("--route", spec.routes, "keep tests whose route code is CODE or CODE/...")
      ->allow_extra_args(false)
      ->type_name("CODE");
  app.add_option("--before", before, "keep TEST_ID and what its worker ran before it")
      ->type_name("TEST_ID");
  app.add_option("--include-list", include_list, "keep tests matching a line of FILE")
      ->type_name("FILE");
  app.add_option("--exclude-list", exclude_list, "drop tests matching a line of FILE")
      ->type_name("FILE");
  app.add_option("--since", since, "keep tests that started at or after TIME")
      ->type_name("TIME");
  app.add_option("--until", until, "keep tests that finished at or before TIME")
      ->type_name("TIME");
  app.add_option("--min-duration", min_duration, "keep tests that took at least SECONDS")
      ->type_name("SECONDS");
  app.add_option("--quarantine", quarantine,
                 "failing results of tests listed in FILE (TOML) become xfail")
      ->type_name("FILE");
  tool.add_strict_flag();

  std::vector<std::string> args(argv + 1, argv + argc);
  expand_prefixes(app, args);
  std::vector<char*> expanded{argv[0]};
  for (auto& a : args) expanded.push_back(a.data());

  return tool.run(static_cast<int>(expanded.size()), expanded.data(), [&] {
    auto usage = [&](const std::string& what) {
      tool.error(what);
      return su::Exit::usage;
    };
    for (const CLI::Option* o : app.parse_order()) {
      auto s = switches.find(o);
      if (s != switches.end()) s->second();
    }
    for (std::size_t i = 0; i + 1 < renames.size(); i += 2)
      spec.renames.emplace_back(renames[i], renames[i + 1]);
    for (const auto& list : statuses)
      if (!su::parse_outcome_list(list, spec.statuses))
        return usage("--status: unknown outcome in '" + list + "'");
    std::int64_t micros = 0;
    if (!since.empty()) {
      if (!su::parse_time_micros(since, micros)) return usage("--since: bad time '" + since + "'");
      spec.since_micros = micros;
    }
    if (!until.empty()) {
      if (!su::parse_time_micros(until, micros)) return usage("--until: bad time '" + until + "'");
      spec.until_micros = micros;
    }
    if (!min_duration.empty()) {
      if (!su::parse_seconds_micros(min_duration, micros))
        return usage("--min-duration: bad number of seconds '" + min_duration + "'");
      spec.min_duration_micros = micros;
    }
    try {
      if (!quarantine.empty()) {
        try {
          spec.quarantine = std::make_shared<su::Quarantine>(su::Quarantine::load(quarantine));
        } catch (const su::QuarantineError& e) {
          if (e.line() == 0) return usage(fmt::format("'{}': {}", quarantine, e.what()));
          return usage(fmt::format("'{}': line {}, column {}: {}", quarantine, e.line(),
                                   e.column(), e.what()));
        }
      }
      for (const auto& path : fixups)
        for (auto& id : su::read_test_list(path)) spec.expected_failures.insert(std::move(id));
      if (!include_list.empty()) spec.include.emplace(su::read_test_list(include_list));
      if (!exclude_list.empty()) spec.exclude.emplace(su::read_test_list(exclude_list));
      if (!before.empty()) {
        struct stat st;
        if (input != "-" && ::stat(input.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
          // A pipe given by name (<(cmd)): read it as standard input.
          int fd = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
          if (fd < 0 || ::dup2(fd, 0) < 0) throw su::IoError("cannot open '" + input + "'");
          ::close(fd);
          input = "-";
        }
        off_t start = input == "-" ? make_stdin_rereadable() : 0;
        su::WorkerFinder finder{before, spec};
        auto first = su::open_reader(input);  // quiet: pass two reports damage
        su::pump(*first, finder);
        if (!finder.found()) {
          tool.error("--before: test '" + before + "' is not in the stream");
          return su::Exit::no;
        }
        spec.before = finder.result();
        if (input == "-" && ::lseek(0, start, SEEK_SET) != start)
          throw su::IoError("cannot rewind the temporary file for --before");
      }
      su::Output& out = su::standard_output();
      auto reader = tool.open(input);
      if (spec.keeps_everything()) {
        VerbatimWriter verbatim{out};
        su::pump(*reader, verbatim);
      } else {
        // A quarantine alone selects nothing: what it leaves alone (stray
        // text, damaged bytes included) comes out as it came in.
        su::FilterSpec rest = spec;
        rest.quarantine.reset();
        std::unique_ptr<su::EventSink> writer;
        if (rest.keeps_everything())
          writer = std::make_unique<VerbatimWriter>(out);
        else
          writer = std::make_unique<su::V2Writer>(out);
        su::ResultFilter filter{spec, *writer};
        su::pump(*reader, filter);
        if (spec.quarantine) report_quarantine(tool, quarantine, *spec.quarantine);
      }
    } catch (const std::invalid_argument& e) {
      return usage(e.what());
    }
    return su::Exit::ok;
  });
}
