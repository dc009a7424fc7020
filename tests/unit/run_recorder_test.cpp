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

std::vector<std::string> tags_of(const su::OwnedEvent& e) { return e.tags; }

}  // namespace

TEST_SUITE("run recorder") {
  TEST_CASE("concatenates runs as v2 with each run's packets tagged repeat-K") {
    su::test::CapturedOutput out;
    su::RunRecorder recorder{&out.out, nullptr, "cmd"};
    CHECK_FALSE(recorder.record(1, packet("a", Status::success)).has_value());
    // A v1 run is upgraded to v2 on the way.
    recorder.record(2, "test: a\nfailure: a\n");
    recorder.finish();
    auto events = su::test::decode_all(out.text());
    std::vector<std::string> seen;
    for (const auto& e : events) {
      if (e.view().status == Status::inprogress) seen.push_back("start");
      if (su::is_final(e.view().status))
        seen.push_back(std::string(su::status_name(e.view().status)) + " " + tags_of(e).at(0));
    }
    CHECK(seen == std::vector<std::string>{"success repeat-1", "start", "fail repeat-2"});
    for (const auto& e : events) CHECK(tags_of(e).size() == 1);
  }

  TEST_CASE("stores each run in the archive as it came, with repeat=K and the extra metadata") {
    ScratchDir dir;
    auto archive = su::open_or_init_archive(dir.path + "/.su");
    su::RunRecorder recorder{nullptr, archive.get(), "./run-tests"};
    std::string run1 = packet("a", Status::success);
    std::string run2 = packet("a", Status::fail);
    CHECK(recorder.record(1, run1) == std::optional<std::uint64_t>{0});
    CHECK(recorder.record(2, run2, {{"order", "shuffle"}}) == std::optional<std::uint64_t>{1});
    auto header = archive->header(1);
    REQUIRE(header.meta_size() == 2);
    CHECK(header.meta(0).key() == "repeat");
    CHECK(header.meta(0).value() == "2");
    CHECK(header.meta(1).key() == "order");
    su::test::CapturedOutput stream;
    archive->write_stream(0, stream.out);
    CHECK(stream.text() == run1);
    // Opening again finds the same archive rather than making a new one.
    CHECK(su::open_or_init_archive(dir.path + "/.su")->runs().size() == 2);
  }
}
