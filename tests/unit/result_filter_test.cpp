// Unit tests for ResultFilter and its helpers (src/ops/result_filter.*,
// id_pattern_list.*, python_regex.*, python_repr.*, filter_args.*).
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "ops/filter_args.hpp"
#include "ops/python_regex.hpp"
#include "ops/python_repr.hpp"
#include "ops/result_filter.hpp"
#include "ops/id_pattern_list.hpp"
#include "packets.hpp"

namespace {

using su::Event;
using su::FilterSpec;
using su::Status;

struct Collect : su::EventSink {
  std::vector<su::OwnedEvent> events;
  bool finished = false;
  void on_event(const Event& e) override { events.emplace_back(e); }
  void finish() override { finished = true; }
};

// One packet's bytes.
struct P {
  std::string id = {};
  Status status = Status::none;
  std::vector<std::string> tags = {};
  std::optional<std::string> route = {};
  std::optional<std::uint32_t> seconds = {};
  std::string file_name = {}, file_bytes = {}, mime = {};
};

std::string packet(const P& p) {
  Event e;
  if (!p.id.empty()) e.test_id = p.id;
  e.status = p.status;
  std::vector<std::string_view> tags(p.tags.begin(), p.tags.end());
  if (!p.tags.empty()) e.tags = std::span<const std::string_view>(tags);
  if (p.route) e.route_code = *p.route;
  if (p.seconds) e.timestamp = su::Timestamp{*p.seconds, 0};
  if (!p.file_name.empty()) {
    e.file_name = p.file_name;
    e.file_bytes = p.file_bytes;
  }
  if (!p.mime.empty()) e.mime_type = p.mime;
  return su::test::encode(e);
}

std::string stream(std::initializer_list<P> ps) {
  std::string out;
  for (const auto& p : ps) out += packet(p);
  return out;
}

// Runs `bytes` through a ResultFilter; returns what came out, re-encoded from
// the events' raw bytes where they have them.
std::string run(const FilterSpec& spec, const std::string& bytes, Collect* seen = nullptr) {
  Collect local;
  Collect& out = seen ? *seen : local;
  su::ResultFilter filter{spec, out};
  for (const auto& e : su::test::decode_all(bytes)) filter.on_event(e.view());
  filter.finish();
  std::string result;
  for (const auto& e : out.events) {
    if (!e.raw.empty())
      result += e.raw;
    else
      su::encode_v2(e.view(), result);
  }
  return result;
}

// The ids of the tests in `bytes` whose final (or last) event is there, in order.
std::vector<std::string> final_ids(const std::string& bytes) {
  std::vector<std::string> ids;
  for (const auto& e : su::test::decode_all(bytes))
    if (e.meta.test_id && su::is_final(e.meta.status)) ids.push_back(e.test_id);
  return ids;
}

using Ids = std::vector<std::string>;

// A small parallel run: two workers, every outcome.
const std::string kRun = stream({
    {.id = "listed", .status = Status::exists},
    {.id = "a.ok", .status = Status::inprogress, .tags = {"worker-0"}, .seconds = 100},
    {.id = "a.fail", .status = Status::inprogress, .tags = {"worker-1"}, .seconds = 100},
    {.id = "a.ok", .status = Status::success, .tags = {"worker-0"}, .seconds = 101},
    {.id = "a.fail", .file_name = "traceback", .file_bytes = "ValueError: boom\n",
     .mime = "text/x-traceback; charset=utf8"},
    {.id = "a.fail", .status = Status::fail, .tags = {"worker-1"}, .seconds = 105},
    {.file_name = "stdout", .file_bytes = "chatter\n"},
    {.id = "b.skip", .status = Status::skip, .tags = {"worker-0"}, .seconds = 106},
    {.id = "b.xfail", .status = Status::xfail, .tags = {"worker-1", "slow"}, .seconds = 107},
    {.id = "b.ux", .status = Status::inprogress, .tags = {"worker-1"}, .seconds = 108},
    {.id = "b.ux", .status = Status::uxsuccess, .tags = {"worker-1"}, .seconds = 109},
    {.id = "c.hang", .status = Status::inprogress, .tags = {"worker-0"}, .seconds = 110},
});

}  // namespace

TEST_SUITE("result_filter") {

TEST_CASE("with no options the filter keeps everything and holds nothing") {
  FilterSpec spec;
  CHECK(spec.keeps_everything());
  Collect out;
  CHECK(run(spec, kRun, &out) == kRun);
  CHECK(out.finished);
}

TEST_CASE("kept tests come out as their original packets, in completion order") {
  FilterSpec spec;
  spec.drop_skip = true;
  std::string out = run(spec, kRun);
  std::string expected = stream({
      {.id = "listed", .status = Status::exists},
      {.id = "a.ok", .status = Status::inprogress, .tags = {"worker-0"}, .seconds = 100},
      {.id = "a.ok", .status = Status::success, .tags = {"worker-0"}, .seconds = 101},
      {.id = "a.fail", .status = Status::inprogress, .tags = {"worker-1"}, .seconds = 100},
      {.id = "a.fail", .file_name = "traceback", .file_bytes = "ValueError: boom\n",
       .mime = "text/x-traceback; charset=utf8"},
      {.id = "a.fail", .status = Status::fail, .tags = {"worker-1"}, .seconds = 105},
      {.file_name = "stdout", .file_bytes = "chatter\n"},
      {.id = "b.xfail", .status = Status::xfail, .tags = {"worker-1", "slow"}, .seconds = 107},
      {.id = "b.ux", .status = Status::inprogress, .tags = {"worker-1"}, .seconds = 108},
      {.id = "b.ux", .status = Status::uxsuccess, .tags = {"worker-1"}, .seconds = 109},
      {.id = "c.hang", .status = Status::inprogress, .tags = {"worker-0"}, .seconds = 110},
  });
  CHECK(su::test::hex(out) == su::test::hex(expected));
}

TEST_CASE("python's defaults drop successes and expected failures only") {
  FilterSpec spec;
  spec.drop_success = spec.drop_xfail = true;
  CHECK(final_ids(run(spec, kRun)) == Ids{"listed", "a.fail", "b.skip", "b.ux"});
}

TEST_CASE("--no-failure drops failures and tests that never finished") {
  FilterSpec spec;
  spec.drop_failure = true;
  std::string out = run(spec, kRun);
  CHECK(out.find("c.hang") == std::string::npos);
  CHECK(out.find("a.fail") == std::string::npos);
  CHECK(out.find("a.ok") != std::string::npos);
}

TEST_CASE("--no-error changes nothing on a v2 stream") {
  FilterSpec spec;
  spec.drop_error = true;
  CHECK(run(spec, kRun) == kRun);
}

TEST_CASE("--no-exists drops tests only listed as existing") {
  FilterSpec spec;
  spec.drop_exists = true;
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.ok", "a.fail", "b.skip", "b.xfail", "b.ux"});
}

TEST_CASE("--no-passthrough drops non-test output but streams tests unheld") {
  FilterSpec spec;
  spec.passthrough = false;
  CHECK_FALSE(spec.judges_tests());
  std::string out = run(spec, kRun);
  CHECK(out.find("chatter") == std::string::npos);
  CHECK(out.size() + packet({.file_name = "stdout", .file_bytes = "chatter\n"}).size() ==
        kRun.size());
}

TEST_CASE("--with-tag needs every given tag; --without-tag any") {
  FilterSpec spec;
  spec.with_tags = {"worker-1", "slow"};
  CHECK(final_ids(run(spec, kRun)) == Ids{"b.xfail"});
  FilterSpec without;
  without.without_tags = {"slow", "worker-0"};
  CHECK(final_ids(run(without, kRun)) == Ids{"listed", "a.fail", "b.ux"});
}

TEST_CASE("uxsuccess obeys the filters, unlike python") {
  FilterSpec spec;
  spec.with_tags = {"worker-0"};
  std::string out = run(spec, kRun);
  CHECK(out.find("b.ux") == std::string::npos);
  CHECK(final_ids(out) == Ids{"a.ok", "b.skip"});
}

TEST_CASE("a test's tags are those of its last event that had tags") {
  std::string in = stream({
      {.id = "t", .status = Status::inprogress, .tags = {"worker-0"}},
      {.id = "t", .status = Status::success, .tags = {"worker-1"}},
  });
  FilterSpec spec;
  spec.with_tags = {"worker-0"};
  CHECK(run(spec, in).empty());
  spec.with_tags = {"worker-1"};
  CHECK(run(spec, in) == in);
}

TEST_CASE("--status keeps only the outcomes listed, incomplete included") {
  FilterSpec spec;
  REQUIRE(su::parse_outcome_list("fail,incomplete", spec.statuses));
  std::string out = run(spec, kRun);
  CHECK(final_ids(out) == Ids{"a.fail"});
  CHECK(out.find("c.hang") != std::string::npos);
  su::Outcome o;
  CHECK(su::parse_outcome("inprogress", o));
  CHECK(o == su::Outcome::incomplete);
  std::vector<su::Outcome> list;
  CHECK_FALSE(su::parse_outcome_list("fail,bogus", list));
  CHECK(list.empty());
}

TEST_CASE("tests left open are decided at the end, newest first") {
  std::string in = stream({
      {.id = "first", .status = Status::inprogress},
      {.id = "second", .status = Status::inprogress},
  });
  FilterSpec spec;
  spec.drop_success = true;
  std::string out = run(spec, in);
  CHECK(out == packet({.id = "second", .status = Status::inprogress}) +
                   packet({.id = "first", .status = Status::inprogress}));
}

TEST_CASE("tests are keyed by id and route code") {
  std::string in = stream({
      {.id = "t", .status = Status::inprogress, .route = "0"},
      {.id = "t", .status = Status::inprogress, .route = "1"},
      {.id = "t", .status = Status::fail, .route = "1"},
      {.id = "t", .status = Status::success, .route = "0"},
  });
  FilterSpec spec;
  spec.drop_success = true;
  std::string out = run(spec, in);
  CHECK(out == packet({.id = "t", .status = Status::inprogress, .route = "1"}) +
                   packet({.id = "t", .status = Status::fail, .route = "1"}));
}

TEST_CASE("holds forty open tests whose ids share their tails, past sixteen and back") {
  // Up to 16 open tests are found by their ids' tails, more by hashing;
  // each round opens 40 and closes them all, in a scrambled order.
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(std::string(1, static_cast<char>('A' + i)) + ".same_tail");
  std::string in, expected;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 40; ++i)
      in += packet({.id = ids[i], .status = Status::inprogress,
                    .seconds = static_cast<std::uint32_t>(100 + i)});
    for (int k = 0; k < 40; ++k) {
      int i = (k * 7) % 40;
      Status final = k % 2 ? Status::fail : Status::success;
      std::string last = packet({.id = ids[i], .status = final,
                                 .seconds = static_cast<std::uint32_t>(200 + i)});
      in += last;
      if (final == Status::fail)
        expected += packet({.id = ids[i], .status = Status::inprogress,
                            .seconds = static_cast<std::uint32_t>(100 + i)}) + last;
    }
  }
  FilterSpec spec;
  spec.drop_success = true;
  CHECK(su::test::hex(run(spec, in)) == su::test::hex(expected));
}

TEST_CASE("--route matches a route code or its sub-routes, not a longer number") {
  std::string in = stream({
      {.id = "r0", .status = Status::success, .route = "0"},
      {.id = "r03", .status = Status::success, .route = "0/3"},
      {.id = "r01", .status = Status::success, .route = "01"},
      {.id = "none", .status = Status::success},
  });
  FilterSpec spec;
  spec.routes = {"0"};
  CHECK(final_ids(run(spec, in)) == Ids{"r0", "r03"});
}

TEST_CASE("--with matches python's match string, tracebacks included") {
  FilterSpec spec;
  spec.with_regexps = {"ValueError"};
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.fail"});
  // uxsuccess's word is "unexpectedsuccess", so this keeps what python's
  // -m successNone keeps (python passes every uxsuccess).
  spec.with_regexps = {"successNone"};
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.ok", "b.ux"});
  spec.with_regexps = {"^b\\."};
  CHECK(final_ids(run(spec, kRun)) == Ids{"b.skip", "b.xfail", "b.ux"});
  FilterSpec without;
  without.without_regexps = {"a\\.", "(?i)HANG"};
  CHECK(final_ids(run(without, kRun)) == Ids{"listed", "b.skip", "b.xfail", "b.ux"});
}

TEST_CASE("a bad regular expression is refused when the filter is built") {
  FilterSpec spec;
  spec.with_regexps = {"(unclosed"};
  Collect out;
  CHECK_THROWS_AS(su::ResultFilter(spec, out), std::invalid_argument);
}

TEST_CASE("--rename renames every test and re-encodes only what it changes") {
  FilterSpec spec;
  spec.renames = {{"^b\\.(\\w+)", "B.\\1"}};
  std::string out = run(spec, kRun);
  CHECK(final_ids(out) == Ids{"listed", "a.ok", "a.fail", "B.skip", "B.xfail", "B.ux"});
  CHECK(out.find(packet({.id = "a.ok", .status = Status::success, .tags = {"worker-0"},
                         .seconds = 101})) != std::string::npos);
}

TEST_CASE("the other filters see the renamed id") {
  FilterSpec spec;
  spec.renames = {{"a\\.", "x."}};
  spec.with_regexps = {"^x\\.ok"};
  CHECK(final_ids(run(spec, kRun)) == Ids{"x.ok"});
}

TEST_CASE("--fixup-expected-failures turns failures into xfail and successes into uxsuccess") {
  FilterSpec spec;
  spec.expected_failures = {"a.fail", "a.ok", "c.hang"};
  Collect out;
  run(spec, kRun, &out);
  std::vector<std::pair<std::string, Status>> finals;
  for (const auto& e : out.events)
    if (su::is_final(e.meta.status)) finals.emplace_back(e.test_id, e.meta.status);
  CHECK(finals == std::vector<std::pair<std::string, Status>>{
                      {"listed", Status::exists},   {"a.ok", Status::uxsuccess},
                      {"a.fail", Status::xfail},    {"b.skip", Status::skip},
                      {"b.xfail", Status::xfail},   {"b.ux", Status::uxsuccess},
                      {"c.hang", Status::xfail}});
  // ...and then the status filters judge the new outcome.
  spec.drop_xfail = true;
  CHECK(final_ids(run(spec, kRun)) == Ids{"listed", "a.ok", "b.skip", "b.ux"});
}

TEST_CASE("--include-list and --exclude-list match ids as stestr does") {
  FilterSpec spec;
  spec.include.emplace(su::parse_test_list("a.ok  # the good one\n\n# comment\n^b\\.(skip|ux)$\n"));
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.ok", "b.skip", "b.ux"});
  FilterSpec ex;
  ex.exclude.emplace(su::parse_test_list("^a\\.\nlisted\n"));
  CHECK(final_ids(run(ex, kRun)) == Ids{"b.skip", "b.xfail", "b.ux"});
}

TEST_CASE("--since, --until and --min-duration judge a test's first and last timestamps") {
  FilterSpec spec;
  spec.min_duration_micros = 2'000'000;
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.fail"});
  FilterSpec since;
  since.since_micros = 106'000'000;
  CHECK(final_ids(run(since, kRun)) == Ids{"b.skip", "b.xfail", "b.ux"});
  FilterSpec until;
  until.until_micros = 105'000'000;
  CHECK(final_ids(run(until, kRun)) == Ids{"a.ok", "a.fail"});  // listed has no time
}

TEST_CASE("--before keeps the tests its worker finished before it, and it") {
  FilterSpec spec;
  spec.before = FilterSpec::Before{"b.ux", "worker-1", std::nullopt};
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.fail", "b.xfail", "b.ux"});
  spec.before = FilterSpec::Before{"b.skip", "worker-0", std::nullopt};
  CHECK(final_ids(run(spec, kRun)) == Ids{"a.ok", "b.skip"});
}

TEST_CASE("--before looks past a test's `exists` listing to its run") {
  const std::string listed = stream({
      {.id = "v", .status = Status::exists},
      {.id = "a", .status = Status::exists},
      {.id = "a", .status = Status::success, .seconds = 100},
      {.id = "v", .status = Status::fail, .seconds = 101},
      {.id = "c", .status = Status::success, .seconds = 102},
  });
  FilterSpec spec;
  spec.drop_exists = true;
  su::WorkerFinder finder{"v", spec};
  for (const auto& e : su::test::decode_all(listed)) finder.on_event(e.view());
  finder.finish();
  REQUIRE(finder.found());
  spec.before = finder.result();
  CHECK(final_ids(run(spec, listed)) == Ids{"a", "v"});
}

TEST_CASE("--before with an unfinished test keeps all its worker finished") {
  FilterSpec spec;
  spec.before = FilterSpec::Before{"c.hang", "worker-0", std::nullopt};
  std::string out = run(spec, kRun);
  CHECK(final_ids(out) == Ids{"a.ok", "b.skip"});
  CHECK(out.find("c.hang") != std::string::npos);
}

TEST_CASE("WorkerFinder finds a test's worker tag and route code") {
  FilterSpec spec;
  su::WorkerFinder finder{"b.xfail", spec};
  for (const auto& e : su::test::decode_all(kRun)) finder.on_event(e.view());
  finder.finish();
  REQUIRE(finder.found());
  CHECK(finder.result().worker_tag == "worker-1");
  CHECK_FALSE(finder.result().route_code);
  su::WorkerFinder hung{"c.hang", spec};
  for (const auto& e : su::test::decode_all(kRun)) hung.on_event(e.view());
  hung.finish();
  CHECK(hung.found());
  CHECK(hung.result().worker_tag == "worker-0");
  su::WorkerFinder missing{"nope", spec};
  for (const auto& e : su::test::decode_all(kRun)) missing.on_event(e.view());
  missing.finish();
  CHECK_FALSE(missing.found());
}

TEST_CASE("a damaged packet is judged as the failing test subunit.parser") {
  std::string good = packet({.id = "ok", .status = Status::success});
  std::string bad = packet({.id = "x", .status = Status::success});
  bad[bad.size() - 1] ^= 0x55;  // CRC mismatch
  FilterSpec spec;
  spec.drop_success = true;
  Collect out;
  run(spec, good + bad + good, &out);
  REQUIRE(out.events.size() == 2);
  CHECK(out.events[0].test_id == "subunit.parser");
  CHECK(out.events[1].meta.status == Status::fail);
  spec.drop_failure = true;
  CHECK(run(spec, good + bad + good).empty());
}

}  // TEST_SUITE

TEST_SUITE("python_repr") {

TEST_CASE("reprs strings and bytes as python does") {
  std::string out;
  su::append_python_bytes_repr(out, std::string("a'b\n\t\\\x01\xff", 8));
  CHECK(out == "b\"a'b\\n\\t\\\\\\x01\\xff\"");
  out.clear();
  su::append_python_bytes_repr(out, "it's \"quoted\"");
  CHECK(out == "b'it\\'s \"quoted\"'");
  out.clear();
  su::append_python_str_repr(out, "caf\xc3\xa9\x7f");
  CHECK(out == "'caf\xc3\xa9\\x7f'");
}

TEST_CASE("normalises MIME types as testtools' ContentType does") {
  CHECK(su::python_content_type("text/x-traceback; charset=utf8; language=python") ==
        "text/x-traceback; charset=\"utf8\"; language=\"python\"");
  CHECK(su::python_content_type("text/plain;charset=\"utf8,x\"") == "text/plain; charset=\"utf8\"");
  CHECK(su::python_content_type(std::nullopt) == "application/octet-stream");
  CHECK(su::python_content_type("*") == "*/*");
}

TEST_CASE("builds subunit-filter's match string") {
  std::vector<su::MatchAttachment> a;
  a.push_back({"traceback", std::string_view("text/x-traceback; charset=utf8"), "Err\n"});
  CHECK(su::python_match_string("t.id", "failure", a) ==
        "t.idfailureNone{'traceback': <Content type=text/x-traceback; charset=\"utf8\", "
        "value=b'Err\\n'>}");
  CHECK(su::python_match_string("t", "success", {}) == "tsuccessNone{}");
}

}  // TEST_SUITE

TEST_SUITE("python_regex") {

TEST_CASE("searches with ^ and $ at line ends, and (?i)") {
  CHECK(su::PythonRegex("^b").search("a\nb"));
  CHECK(su::PythonRegex("(?i)ERROR").search("an error"));
  CHECK_FALSE(su::PythonRegex("ERROR").search("an error"));
  CHECK(su::PythonRegex("(?P<name>x+)y").search("xxy"));
  CHECK_THROWS_AS(su::PythonRegex("(x"), std::invalid_argument);
}

TEST_CASE("substitutes every match with python's group syntax") {
  CHECK(su::PythonRegex("test_").sub("check_", "a.test_x.test_y") == "a.check_x.check_y");
  CHECK(su::PythonRegex("(\\w+)\\.(\\w+)").sub("\\2.\\g<1>", "a.b") == "b.a");
  CHECK(su::PythonRegex("z").sub("y", "abc") == "abc");
}

TEST_CASE("survives a long text without deep recursion") {
  std::string big(200000, 'a');
  CHECK_FALSE(su::PythonRegex("b").search(big));
}

}  // TEST_SUITE

TEST_SUITE("id_pattern_list") {

TEST_CASE("parses ids and regexes with comments and blank lines") {
  CHECK(su::parse_test_list("a.b  # why\r\n\n  # only a comment\n^c$\nlast") ==
        std::vector<std::string>{"a.b", "^c$", "last"});
}

TEST_CASE("a plain id matches where it occurs, dots matching any character") {
  su::IdPatternList list({"pkg.test_a"});
  CHECK(list.matches("pkg.test_a"));
  CHECK(list.matches("pkg.test_ab"));
  CHECK(list.matches("pkgXtest_a"));
  CHECK_FALSE(list.matches("pkg.test_b"));
  su::IdPatternList exact({"^pkg\\.test_a$"});
  CHECK_FALSE(exact.matches("pkg.test_ab"));
}

TEST_CASE("a missing list file is an I/O error") {
  CHECK_THROWS(su::read_test_list("/nonexistent/list"));
}

}  // TEST_SUITE

TEST_SUITE("filter_args") {

TEST_CASE("reads ISO 8601 times and epoch seconds") {
  std::int64_t t = 0;
  REQUIRE(su::parse_time_micros("2024-05-01T12:00:00Z", t));
  CHECK(t == 1714564800LL * 1000000);
  REQUIRE(su::parse_time_micros("2024-05-01 14:00:00.25+02:00", t));
  CHECK(t == 1714564800LL * 1000000 + 250000);
  REQUIRE(su::parse_time_micros("2024-05-01", t));
  CHECK(t == 1714521600LL * 1000000);
  REQUIRE(su::parse_time_micros("1714564800.5", t));
  CHECK(t == 1714564800LL * 1000000 + 500000);
  CHECK_FALSE(su::parse_time_micros("yesterday", t));
  CHECK_FALSE(su::parse_time_micros("2024-13-01", t));
  CHECK_FALSE(su::parse_time_micros("2024-05-01T12:00:00Zjunk", t));
}

TEST_CASE("reads seconds as microseconds") {
  std::int64_t us = 0;
  REQUIRE(su::parse_seconds_micros("2.5", us));
  CHECK(us == 2500000);
  REQUIRE(su::parse_seconds_micros(".25", us));
  CHECK(us == 250000);
  CHECK_FALSE(su::parse_seconds_micros("-1", us));
  CHECK_FALSE(su::parse_seconds_micros("1e3", us));
  CHECK_FALSE(su::parse_seconds_micros("", us));
}

}  // TEST_SUITE
