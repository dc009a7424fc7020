// SPDX-License-Identifier: Apache-2.0
// RunRecorder: every run kept, tagged in one stream and stored in an archive.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <unistd.h>

#include "captured_output.hpp"
#include "diagnose/run_recorder.hpp"
#include "packets.hpp"

using su::Status;

namespace {

std::string packet(std::string_view id, Status status) {
  su::Event e;
  e.test_id = id;
  e.status = status;
  return su::test::encode(e);
}

struct ScratchDir {
  std::string path;
  ScratchDir() {
    char tmpl[] = "/tmp/su-run-recorder-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~ScratchDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

// Records `bytes` as run `number`, decoding them as a child's pipe would be.
std::optional<std::uint64_t> record(su::RunRecorder& recorder, std::uint64_t number,
                                    const std::string& bytes, su::MetaPairs meta = {}) {
  su::EventSink& sink = recorder.begin(number);
  for (const auto& e : su::test::decode_all(bytes)) sink.on_event(e.view());
  return recorder.end(meta);
}

}  // namespace

TEST_SUITE("run recorder") {
  TEST_CASE("concatenates runs as v2 with each run's packets tagged repeat-K") {
    su::test::CapturedOutput out;
    su::RunRecorder recorder{&out.out, nullptr, "cmd"};
    CHECK_FALSE(record(recorder, 1, packet("a", Status::success)).has_value());
    // A v1 run is upgraded to v2 on the way.
    record(recorder, 2, "test: a\nfailure: a\n");
    recorder.finish();
    std::vector<std::string> seen;
    auto events = su::test::decode_all(out.text());
    for (const auto& e : events) {
      REQUIRE(e.tags.size() == 1);
      seen.push_back(std::string(su::status_name(e.view().status)) + " " + e.tags[0]);
    }
    CHECK(seen == std::vector<std::string>{"success repeat-1", "inprogress repeat-2",
                                           "fail repeat-2"});
  }

  TEST_CASE("stores each run in the archive, v2 byte for byte, with repeat=K and extra metadata") {
    ScratchDir dir;
    auto archive = su::open_or_init_archive(dir.path + "/.su");
    su::RunRecorder recorder{nullptr, archive.get(), "./run-tests"};
    std::string run1 = packet("a", Status::success) + packet("b", Status::skip);
    CHECK(record(recorder, 1, run1) == std::optional<std::uint64_t>{0});
    CHECK(record(recorder, 2, packet("a", Status::fail), {{"order", "shuffle"}}) ==
          std::optional<std::uint64_t>{1});
    auto header = archive->header(1);
    REQUIRE(header.meta_size() == 2);
    CHECK(header.meta(0).key() == "repeat");
    CHECK(header.meta(0).value() == "2");
    CHECK(header.meta(1).key() == "order");
    CHECK(header.meta(1).value() == "shuffle");
    su::test::CapturedOutput stream;
    archive->write_stream(0, stream.out);
    CHECK(stream.text() == run1);
    // Opening again finds the same archive rather than making a new one.
    CHECK(su::open_or_init_archive(dir.path + "/.su")->runs().size() == 2);
  }

  TEST_CASE("a capture keeps v2 packets byte for byte and encodes v1 as v2") {
    su::StreamCapture capture;
    std::string v2 = packet("a", Status::success);
    for (const auto& e : su::test::decode_all(v2)) capture.on_event(e.view());
    CHECK(capture.bytes() == v2);
    capture.clear();
    for (const auto& e : su::test::decode_all("test: a\nsuccess: a\n")) capture.on_event(e.view());
    auto back = su::test::decode_all(capture.take());
    REQUIRE(back.size() == 2);
    CHECK(back[1].view().status == Status::success);
    CHECK(capture.bytes().empty());
  }
}
