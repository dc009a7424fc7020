// A program built against the installed library (pkg-config sutools), as a
// project using sutools would build one: it counts the tests of a stream
// and stores it in a fresh archive, then reads the archive's index back.
// Usage: consumer STREAM ARCHIVE-DIR; prints "TESTS FAILED STORED-TESTS".
#include <cstdio>

#include "archive/archive.hpp"
#include "base/input.hpp"
#include "codec/open_reader.hpp"
#include "ops/result_aggregator.hpp"
#include "ops/run_stats.hpp"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto reader = su::open_reader(argv[1]);
  su::StatsCollector stats;
  su::ResultAggregator aggregator{stats};
  su::pump(*reader, aggregator);
  su::Archive::init(argv[2]);
  su::Archive archive{argv[2]};
  std::uint64_t id = archive.add(su::open_input(argv[1]), {});
  std::printf("%llu %llu %llu\n", static_cast<unsigned long long>(stats.stats.total),
              static_cast<unsigned long long>(stats.stats.failed),
              static_cast<unsigned long long>(archive.header(id).tests()));
  return 0;
}
