// SPDX-License-Identifier: Apache-2.0
// The archive as a store: add, read back, remove, check and repair.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <fcntl.h>
#include <unistd.h>

#include "archive/archive.hpp"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"
#include "archive/queries.hpp"
#include "base/error.hpp"
#include "base/input.hpp"
#include "packets.hpp"

namespace {

struct ScratchArchive {
  std::string path;
  ScratchArchive() {
    char tmpl[] = "/tmp/su-archive-store-XXXXXX";
    path = std::string(::mkdtemp(tmpl)) + "/.su";
    su::Archive::init(path);
  }
  ~ScratchArchive() { std::system(("rm -rf '" + path.substr(0, path.size() - 4) + "'").c_str()); }
};

std::string packet(std::string_view id, su::Status s, std::uint32_t seconds,
                   std::string_view worker = "worker-0") {
  su::Event e;
  e.test_id = id;
  e.status = s;
  e.timestamp = su::Timestamp{seconds, 0};
  static std::string_view tags[1];
  tags[0] = worker;
  if (su::is_final(s)) e.tags = std::span<const std::string_view>(tags, 1);
  return su::test::encode(e);
}

// A small v2 run: test_ok passes, test_bad fails, and some stray text.
std::string small_run(std::uint32_t t0 = 1000) {
  return packet("test_ok", su::Status::inprogress, t0) + packet("test_ok", su::Status::success, t0 + 1) +
         "stray output\n" + packet("test_bad", su::Status::inprogress, t0 + 1) +
         packet("test_bad", su::Status::fail, t0 + 3, "worker-1");
}

std::uint64_t add(su::Archive& a, std::string bytes,
                  std::vector<std::pair<std::string, std::string>> meta = {}) {
  su::AddOptions options;
  options.meta = std::move(meta);
  return a.add(su::memory_input(std::move(bytes)), options);
}

// An Output into a temporary file, read back as a string.
class StringOutput {
 public:
  StringOutput() : path_(make()), fd_(::open(path_.c_str(), O_WRONLY)), out_(fd_, "out") {}
  ~StringOutput() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  su::Output& out() { return out_; }
  std::string text() {
    out_.flush();
    return su::read_file(path_);
  }

 private:
  static std::string make() {
    char tmpl[] = "/tmp/su-archive-out-XXXXXX";
    ::close(::mkstemp(tmpl));
    return tmpl;
  }
  std::string path_;
  int fd_;
  su::Output out_;
};

}  // namespace

TEST_SUITE("archive store") {
  TEST_CASE("init makes an empty archive once and refuses a directory of something else") {
    ScratchArchive s;
    CHECK(su::Archive::is_archive(s.path));
    CHECK_FALSE(su::Archive::init(s.path));
    su::Archive a{s.path};
    CHECK(a.runs().empty());
    std::string other = s.path + "/runs/../tmp/other";
    su::make_directory(other);
    std::ofstream(other + "/file") << "x";
    CHECK_THROWS_AS(su::Archive::init(other), su::ArchiveUsage);
    CHECK_THROWS_AS(su::Archive{other}, su::ArchiveUsage);
  }

  TEST_CASE("add stores v2 byte for byte and indexes it, with metadata") {
    ScratchArchive s;
    su::Archive a{s.path};
    su::AddOptions options;
    options.source = "run.subunit";
    options.meta = {{"commit", "abc123"}, {"branch", "main"}};
    std::string bytes = small_run();
    std::uint64_t id = a.add(su::memory_input(bytes), options);
    CHECK(id == 0);
    CHECK(a.runs() == std::vector<std::uint64_t>{0});
    auto h = a.header(0);
    CHECK(h.tests() == 2);
    CHECK(h.failures() == 1);
    CHECK(h.source() == "run.subunit");
    CHECK(h.input_format() == "v2");
    REQUIRE(h.meta_size() == 2);
    CHECK(h.meta(0).key() == "commit");
    CHECK(h.meta(1).value() == "main");
    CHECK(h.stream_bytes() == bytes.size());
    StringOutput out;
    a.write_stream(0, out.out());
    CHECK(out.text() == bytes);
    su::RunIndex index = a.index(0);
    auto failing = su::failing_tests(index);
    REQUIRE(failing.size() == 1);
    CHECK(a.ids().at(failing[0]->test) == "test_bad");
    CHECK(index.worker_name(*failing[0]) == "worker-1");
    CHECK(failing[0]->duration_ns() == 2'000'000'000);
  }

  TEST_CASE("ids are never reused, even after the last run is removed") {
    ScratchArchive s;
    su::Archive a{s.path};
    CHECK(add(a, small_run()) == 0);
    CHECK(add(a, small_run()) == 1);
    a.remove(1);
    CHECK(a.runs() == std::vector<std::uint64_t>{0});
    CHECK_FALSE(su::path_exists(a.index_path(1)));
    CHECK(add(a, small_run()) == 2);
    CHECK_THROWS_AS(a.remove(1), su::ArchiveUsage);
  }

  TEST_CASE("RUN arguments: an id, last, and -N counting back from the last") {
    ScratchArchive s;
    su::Archive a{s.path};
    for (int i = 0; i < 3; ++i) add(a, small_run());
    a.remove(1);
    CHECK(su::resolve_run(a, "last") == 2);
    CHECK(su::resolve_run(a, "-1") == 2);
    CHECK(su::resolve_run(a, "-2") == 0);
    CHECK(su::resolve_run(a, "0") == 0);
    CHECK_THROWS_AS(su::resolve_run(a, "-3"), su::ArchiveUsage);
    CHECK_THROWS_AS(su::resolve_run(a, "-0"), su::ArchiveUsage);
    CHECK_THROWS_AS(su::resolve_run(a, "x1"), su::ArchiveUsage);
  }

  TEST_CASE("RUN arguments: last-green is the newest run with no failure, KEY=VALUE the newest with that metadata") {
    ScratchArchive scratch;
    su::Archive a{scratch.path};
    CHECK_THROWS_AS(su::resolve_run(a, "last-green"), su::ArchiveUsage);
    add(a, packet("t", su::Status::success, 1), {{"branch", "main"}});  // 0: green
    add(a, packet("t", su::Status::fail, 2), {{"branch", "main"}});     // 1: red
    add(a, packet("t", su::Status::success, 3), {{"branch", "topic"}}); // 2: green
    add(a, packet("t", su::Status::inprogress, 4), {{"branch", "topic"}, {"k", "a=b"}});  // 3: incomplete
    CHECK(su::resolve_run(a, "last-green") == 2);
    CHECK(su::resolve_run(a, "branch=main") == 1);
    CHECK(su::resolve_run(a, "branch=topic") == 3);
    CHECK(su::resolve_run(a, "k=a=b") == 3);  // the value is everything after the first '='
    CHECK_THROWS_AS(su::resolve_run(a, "branch=nowhere"), su::ArchiveUsage);
    CHECK_THROWS_AS(su::resolve_run(a, "=main"), su::ArchiveUsage);
    a.remove(2);
    CHECK(su::resolve_run(a, "last-green") == 0);
  }

  TEST_CASE("history finds a test in every run, with that run's metadata") {
    ScratchArchive s;
    su::Archive a{s.path};
    add(a, small_run(), {{"n", "first"}});
    add(a, packet("other", su::Status::success, 5));
    add(a, packet("test_bad", su::Status::success, 9), {{"n", "third"}});
    std::vector<std::pair<std::uint64_t, su::Status>> seen;
    auto found = su::test_history(
        a, "test_bad",
        [&](const su::RunIndex& index, const su::TestRow& r) {
          seen.emplace_back(index.header.id(), r.status);
        },
        [](std::uint64_t, const std::string&) { FAIL("no damage expected"); });
    CHECK(found == 2);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0] == std::pair<std::uint64_t, su::Status>{0, su::Status::fail});
    CHECK(seen[1] == std::pair<std::uint64_t, su::Status>{2, su::Status::success});
    CHECK(su::test_history(a, "never", [](auto&, auto&) {}, [](auto, auto&) {}) == 0);
  }

  TEST_CASE("a damaged index fails queries on that run only, and check rebuilds it") {
    ScratchArchive s;
    su::Archive a{s.path};
    add(a, small_run(), {{"k", "v"}});
    add(a, small_run(2000));
    std::string path = a.index_path(0);
    std::string bytes = su::read_file(path);
    bytes[bytes.size() - 5] ^= 0x20;
    std::ofstream(path, std::ios::trunc | std::ios::binary) << bytes;
    CHECK_THROWS_AS(a.index(0), su::ArchiveDamage);
    CHECK(a.index(1).rows.size() == 2);
    auto report = a.check(false, nullptr);
    CHECK(report.damage.empty());
    REQUIRE(report.repairs.size() == 1);
    CHECK(report.repairs[0].find("run 0:") == 0);
    CHECK_THROWS_AS(a.index(0), su::ArchiveDamage);
    report = a.check(true, nullptr);
    CHECK(report.repairs.size() == 1);
    CHECK(a.index(0).rows.size() == 2);
    CHECK(a.header(0).meta(0).key() == "k");  // kept from the readable header
    CHECK(a.check(false, nullptr).repairs.empty());
  }

  TEST_CASE("a damaged stream is reported by check and by show, not repaired") {
    ScratchArchive s;
    su::Archive a{s.path};
    std::string big;
    for (std::uint32_t i = 0; i < 200; ++i) big += small_run(1000 + i * 10);
    add(a, big);
    std::string path = a.stream_path(0);
    std::string bytes = su::read_file(path);
    bytes[bytes.size() / 2] ^= 0x01;
    std::ofstream(path, std::ios::trunc | std::ios::binary) << bytes;
    auto report = a.check(true, nullptr);
    REQUIRE(report.damage.size() == 1);
    CHECK(report.damage[0].find("run 0: '" + path + "'") == 0);
    StringOutput out;
    CHECK_THROWS(a.write_stream(0, out.out()));
    CHECK(a.index(0).header.tests() == 400);  // the index still answers
  }

  TEST_CASE("check removes what an interrupted add leaves and keeps the archive as it was") {
    ScratchArchive s;
    su::Archive a{s.path};
    add(a, small_run());
    // An add killed after writing its index but before the stream's rename:
    // the index has no stream, and a temporary file of a dead process lies in tmp/.
    su::write_file_durably(s.path + "/tmp/x", a.index_path(7), su::read_file(a.index_path(0)));
    std::ofstream(s.path + "/tmp/999999999.0.v2.zst") << "partial";
    CHECK(a.runs() == std::vector<std::uint64_t>{0});
    auto report = a.check(true, nullptr);
    CHECK(report.damage.empty());
    CHECK(report.repairs.size() == 2);
    CHECK_FALSE(su::path_exists(a.index_path(7)));
    CHECK(su::list_directory(s.path + "/tmp").empty());
    CHECK(a.check(true, nullptr).repairs.empty());
  }

  TEST_CASE("a damaged ids table is rebuilt from the streams with every index") {
    ScratchArchive s;
    su::Archive a{s.path};
    add(a, small_run());
    add(a, packet("third", su::Status::success, 5) + small_run());
    std::string ids = s.path + "/ids";
    std::string bytes = su::read_file(ids);
    bytes[su::kMagicSize + 3] ^= 0x40;
    std::ofstream(ids, std::ios::trunc | std::ios::binary) << bytes;
    auto report = a.check(true, nullptr);
    CHECK(report.damage.empty());
    CHECK(report.repairs.size() == 3);  // the table and both indexes
    su::Archive again{s.path};
    CHECK(again.ids().size() == 3);
    CHECK(again.index(1).rows.size() == 3);
    CHECK(again.check(false, nullptr).repairs.empty());
  }

  TEST_CASE("a zstd-corrupt input adds nothing") {
    ScratchArchive s;
    su::Archive a{s.path};
    std::string file = s.path + "/../bad.zst";
    std::ofstream(file, std::ios::binary) << "\x28\xb5\x2f\xfd garbage that is not a zstd frame";
    CHECK_THROWS_AS(a.add(su::open_input(file), {}), su::DecodeError);
    CHECK(a.runs().empty());
    CHECK(su::list_directory(s.path + "/tmp").empty());
  }
}
