// A pretend test runner for bench/bench-bisect.sh: fast (no interpreter),
// so the benchmark measures su-bisect's search, not python's start-up.
//
//   bisect-fake-runner [--list] [--load-list FILE] [ID...] [anything else]
//
// The suite is FAKE_N tests bench.t000, bench.t001, ... then bench.victim.
// With --list it enumerates them (subunit v2 `exists`, as stestr expects);
// with ids it runs those in that order; with --load-list FILE it runs the
// listed tests in suite order, as python's runners do (the list filters
// discovery, it does not order it); else the whole suite. Every
// test passes but bench.victim, which fails with probability FAKE_P when
// every test of FAKE_CULPRITS (comma-separated) ran before it in this
// process, and with probability FAKE_F otherwise. Unknown arguments (the
// "-m stestr.subunit_runner.run discover ..." stestr passes) are ignored.
// Writes subunit v2 with the library's encoder.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/output.hpp"
#include "codec/v2_writer.hpp"

namespace {

std::string env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  int n = std::atoi(env("FAKE_N", "300").c_str());
  double p = std::atof(env("FAKE_P", "1").c_str());
  double f = std::atof(env("FAKE_F", "0").c_str());
  std::set<std::string> culprits;
  std::stringstream list(env("FAKE_CULPRITS", ""));
  for (std::string id; std::getline(list, id, ',');)
    if (!id.empty()) culprits.insert(id);
  std::vector<std::string> suite;
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "bench.t%03d", i);
    suite.push_back(name);
  }
  suite.push_back("bench.victim");

  bool enumerate = false, given = false;
  std::vector<std::string> ids;
  std::set<std::string> listed;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--list") {
      enumerate = true;
    } else if (a == "--load-list" && i + 1 < argc) {
      std::ifstream in(argv[++i]);
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) listed.insert(line);
    } else if (a.rfind("bench.", 0) == 0) {
      ids.push_back(a);
      given = true;
    }
  }
  if (!listed.empty())
    for (const auto& id : suite)
      if (listed.count(id)) ids.push_back(id);
  if (!given && listed.empty()) ids = suite;

  su::Output& out = su::standard_output();
  su::V2Writer writer{out};
  auto emit = [&](const std::string& id, su::Status status) {
    su::Event e;
    e.test_id = id;
    e.status = status;
    writer.on_event(e);
  };
  if (enumerate) {
    for (const auto& id : suite) emit(id, su::Status::exists);
    writer.finish();
    return 0;
  }
  std::mt19937_64 rng{std::random_device{}()};
  std::size_t seen = 0;
  for (const auto& id : ids) {
    su::Status status = su::Status::success;
    if (id == "bench.victim") {
      bool all = !culprits.empty() && seen == culprits.size();
      double rate = all ? 1 - (1 - p) * (1 - f) : f;
      if (std::uniform_real_distribution<>(0, 1)(rng) < rate) status = su::Status::fail;
    } else if (culprits.count(id)) {
      ++seen;
    }
    emit(id, su::Status::inprogress);
    emit(id, status);
  }
  writer.finish();
  return 0;
}
