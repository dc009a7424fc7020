// su-bisect: find the earlier test that makes a victim fail, even when it
// fails only sometimes. See su-bisect(1). The search is su::bisect
// (src/diagnose/bisection_search.hpp); this program finds the victim and
// its candidates in a stream, runs the search with a real runner command,
// and reports. With --suspects-from it first reads the run history
// (su-archive suspects' tables, src/archive/suspects.hpp) and starts the
// posterior from it (src/diagnose/history_prior.hpp).
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "archive/run_store.hpp"
#include "archive/suspects.hpp"
#include "archive/writable_store.hpp"
#include "base/error.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "base/statistics.hpp"
#include "common/progress_line.hpp"
#include "common/tool.hpp"
#include "diagnose/bisection_search.hpp"
#include "diagnose/command_probe_runner.hpp"
#include "diagnose/command_template.hpp"
#include "diagnose/history_prior.hpp"
#include "ops/result_aggregator.hpp"
#include "ops/result_filter.hpp"

namespace {

// The stream is read three times (failures, the victim's worker, what ran
// before it); standard input or a pipe is first copied to a temporary file.
class RereadableInput {
 public:
  explicit RereadableInput(const std::string& path) : path_(path) {
    struct stat st{};
    bool regular = path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (regular || (path != "-" && ::access(path.c_str(), F_OK) != 0)) return;  // open() reports
    int in = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw su::IoError("cannot open '" + path + "': " + std::strerror(errno));
    const char* dir = std::getenv("TMPDIR");
    copy_ = std::string(dir && *dir ? dir : "/tmp") + "/su-bisect-stream-XXXXXX";
    int out = ::mkstemp(copy_.data());
    if (out < 0) throw su::IoError("cannot create a temporary copy of the stream");
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(in, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw su::IoError("cannot read '" + path + "': " + std::strerror(errno));
      if (n == 0) break;
      if (::write(out, buf, static_cast<std::size_t>(n)) != n)
        throw su::IoError("cannot write the temporary copy of the stream");
    }
    ::close(out);
    if (in != 0) ::close(in);
    path_ = copy_;
  }
  RereadableInput(const RereadableInput&) = delete;
  RereadableInput& operator=(const RereadableInput&) = delete;
  ~RereadableInput() {
    if (!copy_.empty()) ::unlink(copy_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_, copy_;
};

// First pass: the tests that failed, and every test seen.
class FailureCollector : public su::ResultHandler {
 public:
  void on_result(const su::TestResult& r) override {
    seen.insert(r.id);
    if (r.complete && (r.status == su::Status::fail || r.status == su::Status::uxsuccess)) {
      if (std::find(failed.begin(), failed.end(), r.id) == failed.end()) failed.push_back(r.id);
    }
  }
  std::unordered_set<std::string> seen;
  std::vector<std::string> failed;
};

// Third pass: what --before keeps, in the order the tests started.
class CandidateCollector : public su::ResultHandler {
 public:
  explicit CandidateCollector(std::string victim) : victim_(std::move(victim)) {}
  void on_result(const su::TestResult& r) override {
    if (r.id == victim_ || !seen_.insert(r.id).second) return;
    tests_.push_back({r.id, r.start ? std::optional<std::int64_t>(r.start->micros()) : std::nullopt});
  }
  // By start time when every test has one; else in the order they finished
  // (on one worker, the same order unless the clock is missing).
  std::vector<std::string> ids() {
    bool timed = std::all_of(tests_.begin(), tests_.end(), [](const T& t) { return t.start; });
    if (timed)
      std::stable_sort(tests_.begin(), tests_.end(),
                       [](const T& a, const T& b) { return *a.start < *b.start; });
    std::vector<std::string> out;
    for (auto& t : tests_) out.push_back(t.id);
    return out;
  }

 private:
  struct T {
    std::string id;
    std::optional<std::int64_t> start;
  };
  std::string victim_;
  std::unordered_set<std::string> seen_;
  std::vector<T> tests_;
};

std::string percent(double x) { return fmt::format("{:.0f}%", 100 * x); }

std::string rate_text(const su::RateCounts& c) {
  if (c.runs == 0) return "not measured";
  su::Interval ci = su::wilson_interval(c.failures, c.runs);
  return fmt::format("{} of {} runs ({}, 95% interval {}-{})", c.failures, c.runs,
                     percent(static_cast<double>(c.failures) / static_cast<double>(c.runs)),
                     percent(ci.low), percent(ci.high));
}

std::string json_rate(const su::RateCounts& c) {
  if (c.runs == 0) return "null";
  return fmt::format("{:.6g}", static_cast<double>(c.failures) / static_cast<double>(c.runs));
}

// What su-bisect is doing, after a probe: the phase, and in the search the
// leading candidate.
std::string progress_text(const su::BisectProgress& p, const std::vector<std::string>& candidates) {
  std::string line = fmt::format("run {} ({}): {} failed", p.runs, p.phase, p.failures);
  if (!candidates.empty() && p.phase == std::string_view("search"))
    line += fmt::format("; leading {} ({:.2f}); {} of {} plausible", candidates[p.leader],
                        p.leader_posterior, p.plausible, candidates.size());
  return line;
}

// --suspects-from: the candidates' prior weights from the run history at
// `location` (weights empty: start uniform), and a line saying what the
// history told.
struct HistoryPrior {
  std::vector<double> weights;
  std::string summary;
};

HistoryPrior history_prior(const su::Tool& tool, const std::string& location,
                           std::optional<std::uint64_t> last, const std::string& victim,
                           const std::vector<std::string>& candidates) {
  std::string name = su::location_name(location);
  su::SuspectOptions options;
  options.selection.last = last;
  auto store = su::open_store(location);
  // The history is advice: a run that cannot be read is left out of it.
  su::SuspectReport report = su::find_suspects(
      *store, victim, options, [&](std::uint64_t, const std::string& error) {
        tool.warn(fmt::format("--suspects-from: {}; left out of the prior", error));
      });
  HistoryPrior prior;
  auto uniform = [&](const std::string& why) {
    tool.warn(fmt::format("--suspects-from: '{}': {}; starting from a uniform prior", name, why));
    prior.summary = fmt::format("uniform ({})", why);
    return prior;
  };
  switch (report.verdict) {
    case su::SuspectVerdict::not_found:
      return uniform(fmt::format("none of its {} runs ran '{}'", report.runs, victim));
    case su::SuspectVerdict::never_failed:
      return uniform(fmt::format("'{}' passed in all {} runs where it ran", victim,
                                 report.victim_runs));
    case su::SuspectVerdict::always_failed:
      return uniform(fmt::format("'{}' failed in all {} runs where it ran, so no order of tests "
                                 "is told apart from another",
                                 victim, report.victim_runs));
    default:
      break;
  }
  std::unordered_map<std::string_view, const su::Suspect*> by_id;
  for (const auto& s : report.suspects) by_id.emplace(s.id, &s);
  prior.weights.assign(candidates.size(), 1.0);
  std::vector<std::size_t> raised;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto it = by_id.find(candidates[i]);
    if (it == by_id.end()) continue;  // never before the victim: the baseline
    prior.weights[i] = su::history_weight(it->second->table);
    if (prior.weights[i] > 1) raised.push_back(i);
  }
  std::string runs = fmt::format("'{}' failed in {} of {} runs in '{}'", victim,
                                 report.victim_failures, report.victim_runs, name);
  if (raised.empty()) {
    prior.weights.clear();
    return uniform(fmt::format("{}, after none of the candidates more than before the others",
                               runs));
  }
  std::stable_sort(raised.begin(), raised.end(), [&](std::size_t a, std::size_t b) {
    return prior.weights[a] > prior.weights[b];
  });
  prior.summary = fmt::format("from the history ({}): ", runs);
  for (std::size_t k = 0; k < std::min<std::size_t>(3, raised.size()); ++k)
    prior.summary += fmt::format("{}{} x{:.3g}", k ? ", " : "", candidates[raised[k]],
                                 prior.weights[raised[k]]);
  if (raised.size() > 3) prior.summary += fmt::format(" and {} more", raised.size() - 3);
  return prior;
}

// ^C or a kill ends su-bisect: take the runners down with it.
void on_fatal_signal(int sig) {
  su::kill_running_commands();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-bisect",
                "Find the earlier test that makes a test fail, even when it fails only sometimes."};
  std::string input = "-", runner, victim, format = "text", output_list, suspects_from;
  std::optional<std::uint64_t> suspects_last;
  su::BisectOptions options;
  double timeout = 600;
  bool quiet = false;
  auto& app = tool.app;
  app.add_option("stream", input,
                 "a run in which the victim failed (v1, v2, zstd, a .stestr/N file); '-' is stdin");
  app.add_option("--runner", runner,
                 "shell command running tests in order, writing subunit: {ids} or {list}")
      ->required();
  app.add_option("--test", victim, "the victim (default: the run's only failing test)");
  app.add_option("--confidence", options.confidence,
                 "posterior a culprit must reach (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  app.add_option("--max-runs", options.max_runs, "give up after this many runner calls (default 1000)")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-time", options.max_seconds, "give up after this many seconds")
      ->check(CLI::PositiveNumber);
  app.add_option("--reproduce-runs", options.reproduce_runs,
                 "runs of every candidate before 'not reproduced' (default 50)")
      ->check(CLI::PositiveNumber);
  app.add_option("--timeout", timeout, "kill a runner call after this many seconds (default 600)")
      ->check(CLI::PositiveNumber);
  app.add_option("-j,--jobs", options.jobs, "run this many probes at once (default 1)")
      ->check(CLI::Range(1, 64));
  app.add_option("--format", format, "'text' (default), 'ids' (the culprits) or 'json'")
      ->check(CLI::IsMember({"text", "ids", "json"}));
  app.add_option("--output-list", output_list, "write the reproduction's test list to FILE");
  app.add_option("--suspects-from", suspects_from,
                 "start from the run history in DIR (a su archive, .stestr, .testrepository, or "
                 "postgresql://...): tests the victim's failures followed are tried first")
      ->type_name("DIR");
  app.add_option("--suspects-last", suspects_last, "--suspects-from: only its last N runs")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  app.add_flag("-q,--quiet", quiet, "no progress on stderr");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&]() -> su::Exit {
    auto usage = [&](const std::string& message) {
      tool.error(message);
      return su::Exit::usage;
    };
    if (!su::has_test_placeholder(runner))
      return usage("--runner: the command must contain {ids} or {list}, where the tests go");
    if (suspects_last && suspects_from.empty())
      return usage("--suspects-last needs --suspects-from");

    RereadableInput stream{input};
    std::string shown = input == "-" ? "<stdin>" : input;
    FailureCollector failures;
    {
      auto reader = tool.open(stream.path());
      su::ResultAggregator aggregator{failures, {.drop_exists = true}};
      su::pump(*reader, aggregator);
    }
    if (victim.empty()) {
      if (failures.failed.empty())
        return usage(fmt::format("'{}': no test failed; name the victim with --test", shown));
      if (failures.failed.size() > 1) {
        std::string list;
        for (const auto& id : failures.failed) list += "\n  " + id;
        return usage(fmt::format("'{}': {} tests failed; choose the victim with --test:{}", shown,
                                 failures.failed.size(), list));
      }
      victim = failures.failed.front();
    } else if (!failures.seen.count(victim)) {
      return usage(fmt::format("--test: '{}' is not in '{}'", victim, shown));
    } else if (std::find(failures.failed.begin(), failures.failed.end(), victim) ==
               failures.failed.end()) {
      tool.warn(fmt::format("'{}' did not fail in '{}'", victim, shown));
    }

    // The candidates: what su-filter --before keeps, less the victim.
    su::FilterSpec spec;
    spec.drop_exists = true;
    su::WorkerFinder finder{victim, spec};
    {
      auto reader = su::open_reader(stream.path());
      su::pump(*reader, finder);
    }
    spec.before = finder.result();
    CandidateCollector collected{victim};
    {
      auto reader = su::open_reader(stream.path());
      su::ResultAggregator aggregator{collected};
      su::ResultFilter filter{spec, aggregator};
      su::pump(*reader, filter);
    }
    std::vector<std::string> candidates = collected.ids();
    const auto& b = *spec.before;
    std::string worker = !b.worker_tag.empty() ? b.worker_tag
                         : b.route_code       ? "route " + *b.route_code
                                              : "the only worker";

    su::ProgressLine progress{"su-bisect", quiet, su::ProgressLine::stderr_is_terminal()};
    HistoryPrior prior;
    if (!suspects_from.empty()) {
      try {
        prior = history_prior(tool, suspects_from, suspects_last, victim, candidates);
      } catch (const su::ArchiveUsage& e) {
        return usage(fmt::format("--suspects-from: {}", e.what()));
      } catch (const su::ArchiveDamage& e) {
        tool.error(fmt::format("--suspects-from: '{}': {}", e.path(), e.what()));
        return su::Exit::undecodable;
      }
      options.posterior.weights = prior.weights;
      if (!prior.weights.empty()) progress.step("prior " + prior.summary);
    }

    // A probe never outlives --max-time.
    if (options.max_seconds > 0) timeout = std::min(timeout, options.max_seconds);
    su::CommandProbeRunner probe_runner{runner, timeout};
    std::signal(SIGINT, on_fatal_signal);
    std::signal(SIGTERM, on_fatal_signal);
    std::signal(SIGHUP, on_fatal_signal);
    progress.step(fmt::format("victim {}; {} candidates ran before it on {}", victim,
                              candidates.size(), worker));
    // On a terminal one live line; otherwise a line at each new phase and
    // every ten runs, which a CI log can keep.
    std::string last_phase;
    std::size_t last_runs = 0;
    auto on_progress = [&](const su::BisectProgress& p) {
      std::string line = progress_text(p, candidates);
      if (progress.live()) {
        progress.show([line](double elapsed) { return fmt::format("{}; {:.0f} s", line, elapsed); });
      } else if (p.phase != last_phase || p.runs >= last_runs + 10) {
        progress.step(line);
        last_runs = p.runs;
      }
      last_phase = p.phase;
    };
    su::BisectResult result = su::bisect(probe_runner, candidates, victim, options, on_progress);
    progress.done();

    if (result.verdict == su::Verdict::runner_failed) {
      tool.error(fmt::format("run {}: {}", result.runs, result.runner_failure.message));
      return su::Exit::io;
    }

    // The reproduction: the culprits (or nothing, for "alone"), then the victim.
    std::vector<std::string> reproduction;
    bool reproducible = result.verdict == su::Verdict::culprit ||
                        result.verdict == su::Verdict::culprits ||
                        result.verdict == su::Verdict::alone;
    for (auto i : result.culprits) reproduction.push_back(candidates[i]);
    reproduction.push_back(victim);
    if (reproducible && !output_list.empty()) {
      auto file = su::create_output_file(output_list);
      for (const auto& id : reproduction) file->write(id + "\n");
      file->flush();
    }

    su::Output& out = su::standard_output();
    bool named = !result.culprits.empty();
    if (format == "ids") {
      for (auto i : result.culprits) out.write(candidates[i] + "\n");
    } else if (format == "json") {
      std::string j = "{\"verdict\": " + su::json_string(su::verdict_name(result.verdict));
      j += ", \"victim\": " + su::json_string(victim) + ", \"culprits\": [";
      for (std::size_t k = 0; k < result.culprits.size(); ++k) {
        if (k) j += ", ";
        su::append_json_string(j, candidates[result.culprits[k]]);
      }
      j += "], \"confidence\": ";
      j += named ? fmt::format("{:.6g}", result.confidence) : "null";
      j += fmt::format(", \"runs\": {}, \"rate_with_candidates\": {}, \"rate_alone\": {}",
                       result.runs, json_rate(result.with_candidates), json_rate(result.alone));
      j += ", \"candidates\": [";
      for (std::size_t k = 0; k < result.ranking.size(); ++k) {
        if (k) j += ", ";
        j += "{\"id\": " + su::json_string(candidates[result.ranking[k].first]) +
             fmt::format(", \"posterior\": {:.6g}}}", result.ranking[k].second);
      }
      j += "]}\n";
      out.write(j);
    } else {
      std::string t;
      t += fmt::format("Victim: {}\n", victim);
      t += fmt::format("Candidates: {} tests ran before it on {}\n", candidates.size(), worker);
      if (!suspects_from.empty()) t += fmt::format("Prior: {}\n", prior.summary);
      t += fmt::format("Runs: {} ({:.1f} s)\n", result.runs, result.seconds);
      t += fmt::format("Failure rate after every candidate: {}\n", rate_text(result.with_candidates));
      t += fmt::format("Failure rate alone: {}\n", rate_text(result.alone));
      switch (result.verdict) {
        case su::Verdict::culprit:
          t += fmt::format("Verdict: culprit\nCulprit: {} (posterior {:.3f})\n",
                           candidates[result.culprits[0]], result.confidence);
          break;
        case su::Verdict::culprits:
          t += fmt::format("Verdict: culprits (only together)\nCulprits: {} and {} (posterior {:.3f})\n",
                           candidates[result.culprits[0]], candidates[result.culprits[1]],
                           result.confidence);
          break;
        case su::Verdict::alone:
          t += "Verdict: alone: the victim fails on its own; there is nothing to bisect\n";
          break;
        case su::Verdict::not_reproduced:
          t += fmt::format("Verdict: not reproduced: the victim passed all {} runs with every "
                           "candidate before it\n", result.runs);
          break;
        case su::Verdict::inconclusive:
        case su::Verdict::runner_failed:
          t += fmt::format("Verdict: inconclusive ({}): no candidate reached {:.3g}\n",
                           result.reason.empty() ? "out of budget" : result.reason,
                           options.confidence);
          break;
      }
      if (!named && !result.ranking.empty() && result.verdict != su::Verdict::not_reproduced) {
        t += "Most likely candidates (posterior that each is the culprit or one of a pair):\n";
        for (std::size_t k = 0; k < std::min<std::size_t>(5, result.ranking.size()); ++k)
          t += fmt::format("  {:.3f}  {}\n", result.ranking[k].second,
                           candidates[result.ranking[k].first]);
        t += fmt::format("  {:.3f}  (none of them: the victim fails alone)\n", result.alone_posterior);
      }
      if (reproducible) {
        std::string list_path = output_list.empty() ? "LIST" : output_list;
        t += "\nThe minimal reproduction command is:\n  " +
             probe_runner.command_for(reproduction, list_path) + "\n";
        if (output_list.empty() && runner.find("{list}") != std::string::npos) {
          t += "where LIST is a file holding:\n";
          for (const auto& id : reproduction) t += "  " + id + "\n";
        }
      }
      out.write(t);
    }
    return named ? su::Exit::ok : su::Exit::no;
  });
}
