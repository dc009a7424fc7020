// libFuzzer target, differential: the writers against the readers.
//
// 1. decode -> write v2 -> decode: arbitrary bytes are decoded as a tool
//    decodes them (v1 or v2, sniffed), every event is encoded as v2 (not
//    forwarded: the encoder is what is tested), and decoding that gives the
//    same events, field by field. v2 strings cannot hold NUL (python's
//    decoder rejects it, and so does ours), while v1 ids and tags can: a
//    stream with such a string is not compared (su-upgrade writes it as
//    python's subunit-1to2 does, and the result reads back as damage).
// 2. v2 -> v1 -> v2: the tests of the first decode, written as v1 the way
//    su-downgrade writes them, read back as v1, keep every test, status and
//    tag that v1 can carry. v1 cannot carry an id or tag with white space,
//    control bytes or non-ASCII, a tag starting with '-', route codes, or
//    statuses other than the five outcomes (a test that never completed is
//    written as a failure), so streams with such tests are checked by part
//    1 only.
// 3. su-stats' StatsCounter against the aggregator feeding a StatsCollector:
//    the same events give the same RunStats, field by field.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include <sys/mman.h>
#include <unistd.h>

#include "base/input.hpp"
#include "base/output.hpp"
#include "codec/open_reader.hpp"
#include "codec/v1_reader.hpp"
#include "codec/v1_writer.hpp"
#include "codec/v2_reader.hpp"
#include "codec/v2_writer.hpp"
#include "ops/result_aggregator.hpp"
#include "ops/run_stats.hpp"
#include "ops/stats_counter.hpp"

namespace {

void put_field(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

void put_optional(std::string& out, const std::optional<std::string_view>& s) {
  if (!s) {
    out += '-';
    return;
  }
  put_field(out, *s);
}

bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

// True if v2 can carry the event's strings.
bool v2_carries(const su::Event& e) {
  auto bad = [](const std::optional<std::string_view>& s) { return s && has_nul(*s); };
  if (bad(e.test_id) || bad(e.mime_type) || bad(e.file_name) || bad(e.route_code)) return false;
  if (e.tags)
    for (auto t : *e.tags)
      if (has_nul(t)) return false;
  return true;
}

// Everything an event means (not where it was, nor its raw bytes).
std::string meaning(const su::Event& e) {
  std::string out;
  out.reserve(128);  // growing it step by step was 6% of the target's time
  out += std::to_string(static_cast<int>(e.status));
  out += e.runnable ? 'r' : 'n';
  out += e.eof ? 'e' : '.';
  if (e.timestamp)
    out += std::to_string(e.timestamp->seconds) + '.' + std::to_string(e.timestamp->nanos);
  out += '|';
  put_optional(out, e.test_id);
  if (e.tags) {
    out += '[';
    for (auto t : *e.tags) put_field(out, t);
    out += ']';
  }
  put_optional(out, e.mime_type);
  put_optional(out, e.file_name);
  put_field(out, e.file_bytes);
  put_optional(out, e.route_code);
  return out;
}

struct Outcome {
  std::string id;
  int status;
  std::vector<std::string> tags;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

bool v1_word(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c >= 0x7f || c == '[' || c == ']') return false;
  return true;
}

// Collects completed tests as v1 would carry them, and writes them as v1
// the way su-downgrade does.
class Collector : public su::ResultHandler {
 public:
  explicit Collector(su::V1Writer* writer) : writer_(writer) {}

  void on_result(const su::TestResult& r) override {
    Outcome o{r.id, static_cast<int>(r.complete ? r.status : su::Status::fail), {}};
    if (r.tags) o.tags = *r.tags;
    std::sort(o.tags.begin(), o.tags.end());
    o.tags.erase(std::unique(o.tags.begin(), o.tags.end()), o.tags.end());
    carried = carried && v1_word(r.id) && !r.route_code && r.status != su::Status::none &&
              r.status != su::Status::inprogress;
    for (const auto& t : o.tags) carried = carried && v1_word(t) && t[0] != '-';
    outcomes.push_back(std::move(o));
    if (!writer_) return;
    static const std::vector<std::string> kNone;
    const auto& tags = r.tags ? *r.tags : kNone;
    if (r.start) writer_->time(*r.start);
    writer_->tags(tags, {});
    writer_->test(r.id);
    if (r.stop) writer_->time(*r.stop);
    std::vector<std::string> types;
    std::vector<su::V1Part> parts;
    for (const auto& a : r.attachments) types.push_back(su::v1_content_type(a.mime_type));
    for (std::size_t i = 0; i < r.attachments.size(); ++i)
      parts.push_back({r.attachments[i].name, types[i], r.attachments[i].bytes});
    writer_->outcome_multipart(outcome_of(r), r.id, parts);
    writer_->tags({}, tags);
  }

  std::vector<Outcome> outcomes;
  bool carried = true;

 private:
  static su::V1Outcome outcome_of(const su::TestResult& r) {
    if (!r.complete) return su::V1Outcome::failure;
    switch (r.status) {
      case su::Status::success: return su::V1Outcome::success;
      case su::Status::skip: return su::V1Outcome::skip;
      case su::Status::xfail: return su::V1Outcome::xfail;
      case su::Status::uxsuccess: return su::V1Outcome::uxsuccess;
      default: return su::V1Outcome::failure;
    }
  }
  su::V1Writer* writer_;
};

std::string read_back(int fd) {
  std::string out;
  char buf[65536];
  off_t at = 0;
  for (;;) {
    ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    at += n;
  }
  return out;
}

// Every field of a RunStats, as text.
std::string stats_text(const su::RunStats& s) {
  auto time = [](const std::optional<su::Timestamp>& t) {
    return t ? std::to_string(t->seconds) + "." + std::to_string(t->nanos) : std::string("-");
  };
  std::string out = std::to_string(s.total) + " " + std::to_string(s.failed) + " " +
                    std::to_string(s.skipped) + " " + std::to_string(s.success) + " " +
                    std::to_string(s.xfail) + " " + std::to_string(s.uxsuccess) + " " +
                    std::to_string(s.incomplete) + " " + time(s.first) + " " + time(s.last) +
                    " " + std::to_string(s.test_micros) + " [";
  for (const auto& t : s.tags) put_field(out, t);
  return out + "]";
}

// Says what differs before aborting, so a crashing input explains itself.
[[noreturn]] void differ(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "round trip: %s differs:\n  first:  %s\n  second: %s\n", what,
               a.c_str(), b.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static int fd = ::memfd_create("v1", 0);
  if (fd < 0 || ::ftruncate(fd, 0) != 0 || ::lseek(fd, 0, SEEK_SET) != 0) std::abort();
  // One Output for every input: a new one allocates (and zeroes) its 64 KiB
  // buffer, which under ASan cost a fifth of the target's time.
  static su::Output v1_out(fd, "v1");

  // 1. decode -> encode v2 -> decode.
  std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> first;
  std::string v2;
  {
    su::V1Writer v1(v1_out);
    Collector collected(&v1);
    su::ResultAggregator aggregate(collected, {.keep_attachments = true, .drop_exists = true});
    su::StatsCollector stats;
    su::ResultAggregator stats_aggregate(stats, {.drop_exists = true});
    su::StatsCounter counter;
    auto reader = su::open_memory_reader(input);
    su::Event e;
    bool carried = true;
    while (reader->next(e)) {
      carried = carried && v2_carries(e);
      first.push_back(meaning(e));
      su::encode_v2(e, v2);
      aggregate.on_event(e);
      stats_aggregate.on_event(e);
      counter.on_event(e);
    }
    aggregate.finish();
    stats_aggregate.finish();
    counter.finish();
    v1_out.flush();
    // 3. The counter against the aggregator.
    std::string want = stats_text(stats.stats), got = stats_text(counter.stats);
    if (got != want) differ("su-stats' counts", want, got);
    if (!carried) return 0;

    su::V2Reader again(std::make_unique<su::BufferedInput>(su::memory_input(v2)), nullptr);
    std::size_t i = 0;
    while (again.next(e)) {
      if (i >= first.size()) differ("event count", "(none)", meaning(e));
      if (meaning(e) != first[i]) differ("event", first[i], meaning(e));
      ++i;
    }
    if (i != first.size()) differ("event count", first[i], "(none)");

    // 2. v2 -> v1 -> v2, for what v1 carries.
    if (!collected.carried) return 0;
    Collector back(nullptr);
    su::ResultAggregator reaggregate(back, {.drop_exists = true});
    su::V1Reader v1_reader(std::make_unique<su::BufferedInput>(su::memory_input(read_back(fd))),
                           nullptr);
    while (v1_reader.next(e)) reaggregate.on_event(e);
    reaggregate.finish();
    if (back.outcomes != collected.outcomes) std::abort();
  }
  return 0;
}
