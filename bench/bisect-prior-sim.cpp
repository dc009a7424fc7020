// In-process simulation for bench/bench-bisect-history.sh: su::bisect with
// a fake runner (no processes, so many trials are cheap), 300 candidates,
// one culprit making the victim fail with probability p when it ran before
// it. Per trial three searches: an even prior, the culprit weighted CAP,
// a wrong test weighted CAP (what --suspects-from gives a candidate the
// history implicates outright). Prints right and wrong verdicts and the
// median, 90th percentile and largest runner calls.
//
//   bisect-prior-sim CAP TRIALS P...
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "diagnose/bisection_search.hpp"

namespace {

struct FakeRunner : su::ProbeRunner {
  std::string culprit;
  double p = 1;
  std::mt19937_64 rng;
  su::ProbeResult run(const std::vector<std::string>& ids) override {
    bool after = std::find(ids.begin(), ids.end() - 1, culprit) != ids.end() - 1;
    su::ProbeResult r;
    r.kind = after && std::uniform_real_distribution<>(0, 1)(rng) < p
                 ? su::ProbeResult::Kind::failed
                 : su::ProbeResult::Kind::passed;
    return r;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bisect-prior-sim CAP TRIALS P...\n");
    return 2;
  }
  const int n = 300;
  double cap = std::atof(argv[1]);
  int trials = std::atoi(argv[2]);
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back("t" + std::to_string(i));
  std::printf("%-5s %-11s %6s %6s %6s %12s %5s %5s\n", "p", "prior", "trials", "right", "wrong",
              "median calls", "p90", "max");
  for (int a = 3; a < argc; ++a) {
    double p = std::atof(argv[a]);
    for (const char* mode : {"even", "culprit", "wrong"}) {
      std::vector<std::size_t> runs;
      int right = 0, wrong = 0;
      for (int t = 0; t < trials; ++t) {
        int c = (t * 7919 + 13) % n, w = (c + 1 + (t * 104729) % (n - 1)) % n;
        FakeRunner fake;
        fake.rng.seed(1000 + static_cast<unsigned>(t));
        fake.culprit = ids[c];
        fake.p = p;
        su::BisectOptions options;
        if (mode[0] != 'e') {
          options.posterior.weights.assign(n, 1.0);
          options.posterior.weights[mode[0] == 'c' ? c : w] = cap;
        }
        su::BisectResult r = su::bisect(fake, ids, "victim", options);
        runs.push_back(r.runs);
        if (r.culprits.size() == 1 && ids[r.culprits[0]] == ids[c])
          ++right;
        else if (!r.culprits.empty())
          ++wrong;
      }
      std::sort(runs.begin(), runs.end());
      std::printf("%-5g %-11s %6d %6d %6d %12zu %5zu %5zu\n", p, mode, trials, right, wrong,
                  runs[runs.size() / 2], runs[runs.size() * 9 / 10], runs.back());
    }
  }
  return 0;
}
