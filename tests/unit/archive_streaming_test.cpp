// SPDX-License-Identifier: Apache-2.0
// The archive's bounded-memory parts: RowSorter spilling to a file,
// IdNumberer against IdTable, the streaming index writer and reader, and
// reading frames from a file.
#include <doctest/doctest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>

#include "archive/archive.pb.h"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"
#include "archive/id_numberer.hpp"
#include "archive/id_table.hpp"
#include "archive/row_sorter.hpp"
#include "archive/run_index.hpp"
#include "archive/run_indexer.hpp"

namespace {

struct Scratch {
  std::string path;
  Scratch() {
    char tmpl[] = "/tmp/su-archive-stream-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~Scratch() { std::system(("rm -rf '" + path + "'").c_str()); }
};

bool by_offset(const su::SortRow& a, const su::SortRow& b) { return a.row.offset < b.row.offset; }

std::string id_of(int i) { return "pkg.module.TestCase.test_" + std::to_string(i * 7919 % 100003); }

}  // namespace

TEST_SUITE("archive streaming") {
  TEST_CASE("a spilling sorter gives the same stable order as sorting in memory") {
    Scratch dir;
    su::RowSorter spilled(dir.path + "/rows", by_offset), memory("", by_offset);
    std::mt19937 random(7);
    const std::uint32_t n = 3 * su::RowSorter::kChunkRows + 123;
    for (std::uint32_t i = 0; i < n; ++i) {
      su::SortRow r;
      r.seq = i;
      r.row.offset = random() % 5000;  // many ties: stability shows
      spilled.add(r);
      memory.add(r);
    }
    CHECK(su::path_exists(dir.path + "/rows"));
    std::vector<std::uint32_t> a, b;
    spilled.drain([&](su::SortRow& r) { a.push_back(r.seq); });
    memory.drain([&](su::SortRow& r) { b.push_back(r.seq); });
    CHECK(a.size() == n);
    CHECK(a == b);
    CHECK_FALSE(su::path_exists(dir.path + "/rows"));  // removed once drained
  }

  TEST_CASE("ids are numbered as the in-memory table numbers them, across appends") {
    Scratch dir;
    std::string path = dir.path + "/ids";
    su::IdTable table;
    std::vector<std::uint32_t> expected;
    {
      su::IdNumberer numberer(path);
      for (int i = 0; i < 10000; ++i) {
        CHECK(numberer.number(id_of(i % 6000)) == table.intern(id_of(i % 6000)));
      }
      numberer.commit();
      numberer.keep();
      CHECK(numberer.size() == 6000);
      CHECK(numberer.bytes_per_id() < 64);
    }
    su::IdTable loaded;
    loaded.load(path);
    REQUIRE(loaded.size() == 6000);
    CHECK_FALSE(loaded.damaged());
    for (std::uint32_t i = 0; i < 6000; ++i) CHECK(loaded.at(i) == table.at(i));
    // A second add: known ids keep their numbers, new ones follow on.
    su::IdNumberer again(path);
    CHECK(again.generation() == loaded.generation());
    CHECK(again.number(id_of(17)) == *loaded.find(id_of(17)));
    CHECK(again.number("a brand new id") == 6000);
    again.commit();
    again.keep();
    su::IdTable third;
    third.load(path);
    CHECK(third.size() == 6001);
    CHECK(third.at(6000) == "a brand new id");
  }

  TEST_CASE("an empty test id, even the first, is an id like any other") {
    su::IdTable table;
    CHECK(table.intern("") == 0);
    CHECK(table.intern("a") == 1);
    CHECK(table.find("") == 0u);
    CHECK(table.at(0).empty());
  }

  TEST_CASE("ids appended by an add that is not kept are cut off again") {
    Scratch dir;
    std::string path = dir.path + "/ids";
    {
      su::IdNumberer first(path);
      first.number("kept");
      first.commit();
      first.keep();
    }
    std::string before = su::read_file(path);
    {
      su::IdNumberer failed(path);
      for (int i = 0; i < 9000; ++i) failed.number(id_of(i));  // flushes blocks
      failed.commit();
    }
    CHECK(su::read_file(path) == before);
    {
      su::IdNumberer fresh(dir.path + "/new-ids");
      fresh.number("x");
      fresh.commit();
    }
    CHECK_FALSE(su::path_exists(dir.path + "/new-ids"));
  }

  TEST_CASE("new ids tables are written in frames of at most 4096 ids") {
    Scratch dir;
    std::string path = dir.path + "/ids";
    su::IdNumberer numberer(path);
    for (int i = 0; i < 10000; ++i) numberer.number(id_of(i));
    numberer.commit();
    numberer.keep();
    su::FrameFileReader file(path);
    CHECK(file.magic() == su::kIdsMagic);
    su::archive::pb::IdBlock block;
    std::string error;
    std::vector<int> sizes;
    while (file.next_ok(block, error)) sizes.push_back(block.length_size());
    CHECK(error.empty());
    CHECK(sizes == std::vector<int>{4096, 4096, 1808});
    std::uint32_t seen = 0;
    auto summary = su::IdTable::scan_file(path, [&](std::uint32_t n, std::string_view id) {
      CHECK(n == seen++);
      if (n == 9999) CHECK(id == id_of(9999));
    });
    CHECK(summary.size == 10000);
    CHECK(summary.generation == numberer.generation());
  }

  TEST_CASE("a spilled index reads back, whole and a block at a time, as the in-memory one") {
    Scratch dir;
    su::RunIndexer memory, spilled(dir.path + "/scratch");
    const int n = 70000;  // more than a sorter chunk
    for (int i = 0; i < n; ++i) {
      std::string id = id_of(i);
      su::Event start;
      start.test_id = id;
      start.status = su::Status::inprogress;
      start.timestamp = su::Timestamp{static_cast<std::uint32_t>(1000 + i), 0};
      start.offset = static_cast<std::uint64_t>(i) * 100;
      su::Event end = start;
      end.status = i % 13 ? su::Status::success : su::Status::fail;
      end.timestamp = su::Timestamp{static_cast<std::uint32_t>(1000 + i), 5000};
      end.offset += 50;
      for (auto* indexer : {&memory, &spilled}) {
        indexer->on_event(start);
        indexer->on_event(end);
      }
    }
    memory.finish();
    spilled.finish();
    su::IdTable ids;
    su::RunIndex whole = memory.take(ids);
    su::IdTable ids2;
    spilled.number_tests([&](std::string_view id) { return ids2.intern(id); });
    spilled.header().set_id(3);
    std::string file = dir.path + "/3.idx";
    spilled.write_index(file, dir.path + "/blocks");
    whole.header.set_id(3);
    CHECK(su::read_file(file) == su::serialize_index(whole));
    su::RunIndex tables;
    std::vector<su::TestRow> rows;
    su::scan_index(file, tables, [&](std::span<const su::TestRow> block) {
      CHECK(block.size() <= 1024);
      rows.insert(rows.end(), block.begin(), block.end());
    });
    CHECK(rows == whole.rows);
    CHECK(tables.header.tests() == static_cast<std::uint64_t>(n));
    CHECK(tables.header.failures() == whole.header.failures());
    CHECK_FALSE(su::path_exists(dir.path + "/scratch.ids"));
  }

  TEST_CASE("reading frames from a file names the byte of a frame cut short") {
    Scratch dir;
    su::RunIndex index;
    index.header.set_id(1);
    std::string bytes = su::serialize_index(index);
    std::string path = dir.path + "/cut.idx";
    su::write_file_durably(path + ".tmp", path, bytes.substr(0, bytes.size() - 3));
    su::RunIndex tables;
    try {
      su::scan_index(path, tables, [](std::span<const su::TestRow>) {});
      FAIL("no damage reported");
    } catch (const su::ArchiveDamage& e) {
      CHECK(std::string(e.what()).find("frame at byte ") == 0);
      CHECK(std::string(e.what()).find("cut short") != std::string::npos);
    }
  }
}
