// SPDX-License-Identifier: Apache-2.0
// The archive's index: frames, the ids table and run index files.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include "archive/archive.pb.h"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"
#include "archive/id_table.hpp"
#include "archive/run_index.hpp"
#include "archive/run_indexer.hpp"
#include "packets.hpp"

namespace {

// A scratch directory removed at the end of the test.
struct ScratchDir {
  std::string path;
  ScratchDir() {
    char tmpl[] = "/tmp/su-archive-unit-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~ScratchDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

su::Event event(std::string_view id, su::Status s, std::uint32_t seconds, std::uint32_t nanos = 0) {
  su::Event e;
  e.test_id = id;
  e.status = s;
  e.timestamp = su::Timestamp{seconds, nanos};
  return e;
}

// Builds the index of a few tests, numbered through `ids`.
su::RunIndex sample_index(su::IdTable& ids) {
  su::RunIndexer indexer;
  static const std::string_view worker0[] = {"worker-0"};
  static const std::string_view worker1[] = {"worker-1", "slow"};
  auto a = event("pkg.test_a", su::Status::inprogress, 100);
  indexer.on_event(a);
  auto b = event("pkg.test_b", su::Status::inprogress, 100, 500);
  indexer.on_event(b);
  auto a_end = event("pkg.test_a", su::Status::fail, 102, 250);
  a_end.tags = std::span<const std::string_view>(worker0);
  su::Event tb;
  tb.test_id = "pkg.test_a";
  tb.file_name = "traceback";
  tb.file_bytes = "Traceback: boom\n";
  indexer.on_event(tb);
  indexer.on_event(a_end);
  auto b_end = event("pkg.test_b", su::Status::success, 101);
  b_end.tags = std::span<const std::string_view>(worker1);
  b_end.route_code = "1";
  // a different route is a different test: b stays open, so it is incomplete
  indexer.on_event(b_end);
  auto c = event("pkg.test_c", su::Status::skip, 103);
  indexer.on_event(c);
  indexer.finish();
  return indexer.take(ids);
}

}  // namespace

TEST_SUITE("archive frames") {
  TEST_CASE("a frame reads back what was written, compressed or not") {
    for (bool compress : {false, true}) {
      su::archive::pb::RunHeader h;
      h.set_id(42);
      h.set_source(std::string(3000, 'x'));
      std::string bytes;
      su::append_frame(bytes, h, compress);
      std::size_t pos = 0;
      su::archive::pb::RunHeader back;
      std::string error;
      CHECK(su::read_frame(bytes, pos, back, error) == su::FrameResult::ok);
      CHECK(pos == bytes.size());
      CHECK(back.id() == 42);
      CHECK(back.source() == h.source());
      CHECK(su::read_frame(bytes, pos, back, error) == su::FrameResult::end);
    }
  }

  TEST_CASE("a flipped bit is reported as a CRC mismatch with the frame's offset") {
    su::archive::pb::RunHeader h;
    h.set_id(7);
    std::string bytes = "12345678";
    su::append_frame(bytes, h, false);
    bytes.back() = static_cast<char>(bytes.back() ^ 0x10);
    std::size_t pos = 8;
    std::string error;
    CHECK(su::read_frame(bytes, pos, h, error) == su::FrameResult::damaged);
    CHECK(pos == 8);
    CHECK(error.find("frame at byte 8: CRC mismatch") == 0);
  }

  TEST_CASE("a frame cut short is truncated, not damaged") {
    su::archive::pb::RunHeader h;
    h.set_source("some bytes");
    std::string bytes;
    su::append_frame(bytes, h, false);
    bytes.resize(bytes.size() - 3);
    std::size_t pos = 0;
    std::string error;
    CHECK(su::read_frame(bytes, pos, h, error) == su::FrameResult::truncated);
  }
}

TEST_SUITE("archive ids table") {
  TEST_CASE("numbers ids in order of first appearance and keeps them across loads") {
    ScratchDir dir;
    std::string path = dir.path + "/ids";
    su::IdTable ids;
    ids.load(path);
    CHECK(ids.size() == 0);
    CHECK(ids.intern("b") == 0);
    CHECK(ids.intern("a") == 1);
    CHECK(ids.intern("b") == 0);
    CHECK(ids.pending() == 2);
    ids.append_pending(path);
    su::IdTable again;
    again.load(path);
    CHECK(again.size() == 2);
    CHECK(again.at(1) == "a");
    CHECK(again.find("b") == 0u);
    CHECK(again.generation() == ids.generation());
    CHECK(again.generation() != 0);
    CHECK(again.intern("c") == 2);
    again.append_pending(path);
    su::IdTable third;
    third.load(path);
    CHECK(third.size() == 3);
    CHECK(third.at(2) == "c");
    CHECK(third.load_error().empty());
  }

  TEST_CASE("ignores a frame an interrupted append left, and writes over it") {
    ScratchDir dir;
    std::string path = dir.path + "/ids";
    su::IdTable ids;
    ids.load(path);
    ids.intern("kept");
    ids.append_pending(path);
    std::string good = su::read_file(path);
    std::ofstream(path, std::ios::app) << std::string("\x40\x00\x00\x00garbage", 11);
    su::IdTable torn;
    torn.load(path);
    CHECK(torn.size() == 1);
    CHECK_FALSE(torn.damaged());
    torn.intern("next");
    torn.append_pending(path);
    su::IdTable after;
    after.load(path);
    CHECK(after.size() == 2);
    CHECK(after.at(1) == "next");
    CHECK(after.load_error().empty());
  }

  TEST_CASE("refuses to append after damage it cannot explain") {
    ScratchDir dir;
    std::string path = dir.path + "/ids";
    su::IdTable ids;
    ids.load(path);
    ids.intern("one");
    ids.append_pending(path);
    ids.intern("two");
    ids.append_pending(path);
    std::string bytes = su::read_file(path);
    bytes[su::kMagicSize + su::kFrameHeaderSize + 2] ^= 0x01;  // inside the first frame
    std::ofstream(path, std::ios::trunc | std::ios::binary) << bytes;
    su::IdTable damaged;
    damaged.load(path);
    CHECK(damaged.damaged());
    CHECK(damaged.load_error().find("CRC mismatch") != std::string::npos);
    damaged.intern("three");
    CHECK_THROWS_AS(damaged.append_pending(path), su::ArchiveDamage);
  }
}

TEST_SUITE("archive run index") {
  TEST_CASE("indexes tests with status, times, worker, route, position and attachment sizes") {
    su::IdTable ids;
    su::RunIndex index = sample_index(ids);
    const auto& h = index.header;
    CHECK(h.tests() == 4);  // b without a route and b on route 1 are two tests
    CHECK(h.failures() == 2);  // test_a failed; test_b never completed
    CHECK(h.skips() == 1);
    CHECK(h.incomplete() == 1);
    CHECK(h.has_times());
    CHECK(h.first_ns() == 100'000'000'000);
    CHECK(h.last_ns() == 103'000'000'000);
    REQUIRE(index.rows.size() == 4);  // b on route 1 is a second test b
    auto [lo, hi] = index.rows_of(*ids.find("pkg.test_a"));
    REQUIRE(hi - lo == 1);
    const su::TestRow& a = index.rows[lo];
    CHECK(a.status == su::Status::fail);
    CHECK(a.complete);
    CHECK(a.duration_ns() == 2'000'000'250);
    CHECK(index.worker_name(a) == "worker-0");
    CHECK(a.attachment_bytes == 16);
    auto [blo, bhi] = index.rows_of(*ids.find("pkg.test_b"));
    CHECK(bhi - blo == 2);
  }

  TEST_CASE("an index file reads back exactly, whole or one test at a time") {
    su::IdTable ids;
    su::RunIndex index = sample_index(ids);
    index.header.set_id(3);
    index.header.set_source("run.subunit");
    std::string bytes = su::serialize_index(index);
    su::RunIndex back = su::parse_index("i", bytes);
    CHECK(back.rows == index.rows);
    CHECK(back.workers == index.workers);
    CHECK(back.routes == index.routes);
    CHECK(back.tag_sets == index.tag_sets);
    CHECK(back.header.id() == 3);
    std::uint32_t b = *ids.find("pkg.test_b");
    su::RunIndex only = su::parse_index("i", bytes, b);
    REQUIRE(only.rows.size() == 2);
    CHECK(only.rows[0].test == b);
    auto [lo, hi] = index.rows_of(b);
    CHECK(only.rows[0] == index.rows[lo]);
    CHECK(only.rows[1] == index.rows[lo + 1]);
  }

  TEST_CASE("many rows span several blocks and a one-test read finds any of them") {
    su::IdTable ids;
    su::RunIndexer indexer;
    std::vector<std::string> names;
    for (int i = 0; i < 3000; ++i) names.push_back("t" + std::to_string(i));
    for (int i = 0; i < 3000; ++i) {
      auto s = event(names[i], su::Status::inprogress, 1000, static_cast<std::uint32_t>(i * 1000));
      indexer.on_event(s);
      auto e = event(names[i], i % 7 ? su::Status::success : su::Status::fail, 1000,
                     static_cast<std::uint32_t>(i * 1000 + 17));
      indexer.on_event(e);
    }
    indexer.finish();
    su::RunIndex index = indexer.take(ids);
    std::string bytes = su::serialize_index(index);
    CHECK(su::parse_index("i", bytes).rows == index.rows);
    for (int i : {0, 1023, 1024, 2047, 2999}) {
      std::uint32_t n = *ids.find(names[i]);
      su::RunIndex one = su::parse_index("i", bytes, n);
      REQUIRE(one.rows.size() == 1);
      CHECK(one.rows[0].duration_ns() == 17);
      CHECK(one.rows[0].status == (i % 7 ? su::Status::success : su::Status::fail));
    }
  }

  TEST_CASE("every single-byte corruption of an index file is damage or a clean read, never a crash") {
    su::IdTable ids;
    su::RunIndex index = sample_index(ids);
    std::string bytes = su::serialize_index(index);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(bad[i] ^ 0x5A);
      try {
        su::parse_index("i", bad);
      } catch (const su::ArchiveDamage& e) {
        CHECK(e.path() == "i");
      }
      for (std::size_t cut : {i}) {
        try {
          su::parse_index("i", std::string_view(bytes).substr(0, cut));
        } catch (const su::ArchiveDamage&) {
        }
      }
    }
  }
}
