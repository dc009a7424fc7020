#include <doctest/doctest.h>

#include <array>

#include "ops/tag_editor.hpp"
#include "packets.hpp"

using su::Event;
using su::OwnedEvent;
using su::Status;
using su::TagEdit;

namespace {

struct Capture : su::EventSink {
  std::vector<OwnedEvent> events;
  void on_event(const Event& e) override { events.emplace_back(e); }
};

TagEdit edit_of(std::vector<std::string> specs) {
  TagEdit edit;
  std::string error;
  REQUIRE(TagEdit::parse(specs, edit, error));
  return edit;
}

// Decodes `bytes` and runs every event through a TagEditor.
std::vector<OwnedEvent> retag(const std::string& bytes, std::vector<std::string> specs) {
  Capture out;
  su::TagEditor editor{out, edit_of(std::move(specs))};
  for (const auto& e : su::test::decode_all(bytes)) editor.on_event(e.view());
  return out.events;
}

std::string packet(std::string_view id, Status status,
                   std::initializer_list<std::string_view> tags = {}) {
  std::vector<std::string_view> t(tags);
  Event e;
  e.test_id = id;
  e.status = status;
  if (!t.empty()) e.tags = std::span<const std::string_view>(t);
  return su::test::encode(e);
}

}  // namespace

TEST_SUITE("tag editor") {
  TEST_CASE("reads TAG as add and -TAG as remove, as subunit-tags does") {
    TagEdit edit = edit_of({"worker-9", "-old", "new"});
    CHECK(edit.add == std::vector<std::string>{"worker-9", "new"});
    CHECK(edit.remove == std::vector<std::string>{"old"});
  }

  TEST_CASE("rejects an empty spec and a bare dash, which name no tag") {
    TagEdit edit;
    std::string error;
    CHECK_FALSE(TagEdit::parse(std::vector<std::string>{""}, edit, error));
    CHECK_FALSE(TagEdit::parse(std::vector<std::string>{"-"}, edit, error));
    CHECK(error.find("names no tag") != std::string::npos);
  }

  TEST_CASE("adds and removes tags on test and non-test events alike") {
    Event chatter;
    chatter.file_name = "stdout";
    chatter.file_bytes = "hi\n";
    std::string input = packet("a", Status::success, {"old", "keep"}) + su::test::encode(chatter);
    auto out = retag(input, {"new", "-old"});
    REQUIRE(out.size() == 2);
    CHECK(out[0].tags == std::vector<std::string>{"keep", "new"});
    CHECK(out[1].tags == std::vector<std::string>{"new"});
    CHECK(out[0].raw.empty());  // changed: left for the writer to re-encode
  }

  TEST_CASE("forwards an event whose tag set does not change as its original bytes") {
    std::string p = packet("a", Status::success, {"x", "y"});
    auto out = retag(p, {"y", "-absent"});
    REQUIRE(out.size() == 1);
    CHECK(out[0].raw == p);
  }

  TEST_CASE("removes a tag that is both added and removed") {
    auto out = retag(packet("a", Status::success), {"t", "-t"});
    REQUIRE(out.size() == 1);
    CHECK_FALSE(out[0].view().tags.has_value());
    CHECK(out[0].raw == packet("a", Status::success));
  }

  TEST_CASE("omits the tag list when no tag remains") {
    auto out = retag(packet("a", Status::fail, {"gone"}), {"-gone"});
    REQUIRE(out.size() == 1);
    CHECK_FALSE(out[0].view().tags.has_value());
    CHECK(su::test::encode(out[0].view()) == packet("a", Status::fail));
  }

  TEST_CASE("drops a present but empty tag list, as python's encoder does") {
    Event e;
    e.test_id = "a";
    e.status = Status::success;
    std::array<std::string_view, 0> none{};
    e.tags = std::span<const std::string_view>(none);
    Capture out;
    su::TagEditor editor{out, TagEdit{}};
    editor.on_event(e);
    REQUIRE(out.events.size() == 1);
    CHECK_FALSE(out.events[0].view().tags.has_value());
    CHECK(editor.edited() == 1);
  }

  TEST_CASE("keeps surviving tags in their order, then added ones in the order given") {
    auto out = retag(packet("a", Status::success, {"c", "b", "a"}), {"z", "-b", "y"});
    REQUIRE(out.size() == 1);
    CHECK(out[0].tags == std::vector<std::string>{"c", "a", "z", "y"});
  }

  TEST_CASE("keeps status, timestamp, route, file and eof of an edited event") {
    Event e;
    e.test_id = "a";
    e.status = Status::inprogress;
    e.timestamp = su::Timestamp{1714564800, 250000000};
    e.route_code = "0/1";
    e.file_name = "log";
    e.mime_type = "text/plain";
    e.file_bytes = "data";
    e.eof = true;
    e.runnable = false;
    auto out = retag(su::test::encode(e), {"t"});
    REQUIRE(out.size() == 1);
    std::array<std::string_view, 1> t = {"t"};
    e.tags = std::span<const std::string_view>(t);
    CHECK(su::test::encode(out[0].view()) == su::test::encode(e));
  }
}
