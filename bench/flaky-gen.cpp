// SPDX-License-Identifier: Apache-2.0
// The run history bench/bench-flaky.sh archives: one run of TESTS tests as
// a subunit v2 stream on stdout, deterministic in (RUN, TESTS), written
// packet by packet (one final-status packet per test, with a timestamp and
// its worker tag), so a thousand 10,000-test runs take seconds to make.
//
//   flaky-gen RUN TESTS > run.v2     one run
//   flaky-gen --truth                the planted facts, one per line
//
// Planted: five flaky tests with known failure rates; a test broken from
// run 800 on; run 500 an infrastructure failure (80% of tests fail); an
// interfering pair: the victim fails with probability 0.9 when the
// polluter ran before it on its worker, 0.01 otherwise. Tests are dealt to
// four workers in a fresh random order every run, as stestr reshuffles.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Flaky {
  const char* id;
  double rate;
};
const Flaky kFlaky[] = {{"bench.flaky.TestRates.test_rate_02", 0.02},
                        {"bench.flaky.TestRates.test_rate_05", 0.05},
                        {"bench.flaky.TestRates.test_rate_10", 0.10},
                        {"bench.flaky.TestRates.test_rate_20", 0.20},
                        {"bench.flaky.TestRates.test_rate_40", 0.40}};
const char* kBroken = "bench.broken.TestBroken.test_since_800";
const char* kPolluter = "bench.shared.TestState.test_polluter";
const char* kVictim = "bench.shared.TestState.test_victim";
constexpr int kBrokenFrom = 800, kInfraRun = 500, kWorkers = 4;
constexpr double kVictimAfter = 0.9, kVictimAlone = 0.01;

struct Rng {  // splitmix64
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

std::uint32_t crc_table[256];
void init_crc() {
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}
std::uint32_t crc32(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) c = crc_table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void number(std::string& out, std::uint32_t v) {  // subunit v2 variable-length number
  if (v < 0x40) {
    out += static_cast<char>(v);
  } else if (v < 0x4000) {
    out += static_cast<char>(0x40 | (v >> 8));
    out += static_cast<char>(v & 0xFF);
  } else if (v < 0x400000) {
    out += static_cast<char>(0x80 | (v >> 16));
    out += static_cast<char>((v >> 8) & 0xFF);
    out += static_cast<char>(v & 0xFF);
  } else {
    out += static_cast<char>(0xC0 | (v >> 24));
    out += static_cast<char>((v >> 16) & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
    out += static_cast<char>(v & 0xFF);
  }
}
void text(std::string& out, const std::string& s) {
  number(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

// One packet: timestamp, test id, tags {worker}, final status.
void packet(std::string& out, const std::string& id, const std::string& worker, bool failed,
            std::uint32_t seconds, std::uint32_t nanos) {
  std::string body;
  for (int i = 3; i >= 0; --i) body += static_cast<char>(seconds >> (8 * i));
  number(body, nanos);
  text(body, id);
  number(body, 1);
  text(body, worker);
  std::uint16_t flags = 0x2000 | 0x0800 | 0x0200 | 0x0100 | 0x0080 | (failed ? 6 : 3);
  std::size_t base = 3 + body.size() + 4;
  std::size_t total = base + (base <= 62 ? 1 : base <= 16381 ? 2 : 3);
  std::string p;
  p += static_cast<char>(0xB3);
  p += static_cast<char>(flags >> 8);
  p += static_cast<char>(flags & 0xFF);
  number(p, static_cast<std::uint32_t>(total));
  p += body;
  std::uint32_t crc = crc32(p);
  for (int i = 3; i >= 0; --i) p += static_cast<char>(crc >> (8 * i));
  out += p;
}

std::vector<std::string> test_ids(int n) {
  std::vector<std::string> ids;
  for (const auto& f : kFlaky) ids.push_back(f.id);
  ids.push_back(kBroken);
  ids.push_back(kPolluter);
  ids.push_back(kVictim);
  char buf[128];
  for (int i = static_cast<int>(ids.size()); i < n; ++i) {
    std::snprintf(buf, sizeof buf, "bench.module_%03d.TestCase%02d.test_%05d", i / 100,
                  (i / 10) % 10, i);
    ids.push_back(buf);
  }
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--truth") == 0) {
    for (const auto& f : kFlaky) std::printf("flaky %s %.2f\n", f.id, f.rate);
    std::printf("broken %s %d\n", kBroken, kBrokenFrom);
    std::printf("infrastructure %d\n", kInfraRun);
    std::printf("polluter %s\nvictim %s\n", kPolluter, kVictim);
    return 0;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: flaky-gen RUN TESTS > run.v2 | flaky-gen --truth\n");
    return 2;
  }
  int run = std::atoi(argv[1]), n = std::atoi(argv[2]);
  init_crc();
  Rng rng{0x5eed0000ULL + static_cast<std::uint64_t>(run)};
  std::vector<std::string> ids = test_ids(n);
  std::vector<int> order(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  for (std::size_t i = order.size() - 1; i > 0; --i)
    std::swap(order[i], order[rng.next() % (i + 1)]);
  const int polluter = 6, victim = 7;  // indexes in test_ids()
  std::vector<bool> polluter_seen(kWorkers, false);
  std::string out;
  out.reserve(ids.size() * 80);
  std::uint32_t start = 1'800'000'000u + static_cast<std::uint32_t>(run) * 3600u;
  for (std::size_t k = 0; k < order.size(); ++k) {
    int t = order[k];
    int w = static_cast<int>(k % kWorkers);
    bool failed = false;
    if (t < 5) failed = rng.uniform() < kFlaky[t].rate;
    if (t == 5) failed = run >= kBrokenFrom;
    if (t == polluter) polluter_seen[w] = true;
    if (t == victim) failed = rng.uniform() < (polluter_seen[w] ? kVictimAfter : kVictimAlone);
    if (run == kInfraRun) failed = rng.uniform() < 0.8;
    packet(out, ids[t], "worker-" + std::to_string(w), failed,
           start + static_cast<std::uint32_t>(k / 1000), static_cast<std::uint32_t>(k % 1000) * 1000000u);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 4;
}
