#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "codec/v1_reader.hpp"
#include "codec/v1_time.hpp"
#include "packets.hpp"

using su::OwnedEvent;
using su::Status;
using su::test::DamageLog;

namespace {

std::vector<OwnedEvent> read_v1(std::string bytes, DamageLog* log = nullptr) {
  su::V1Reader reader(std::make_unique<su::BufferedInput>(su::memory_input(std::move(bytes))),
                      log);
  std::vector<OwnedEvent> out;
  su::Event e;
  while (reader.next(e)) out.emplace_back(e);
  return out;
}

// An input that gives one byte per read and is not mapped: the reader only
// ever has a line or less buffered, so it never takes its in-buffer scan.
class TrickleInput : public su::Input {
 public:
  explicit TrickleInput(std::string bytes) : su::Input("<trickle>"), bytes_(std::move(bytes)) {}
  std::size_t read(std::uint8_t* buf, std::size_t n) override {
    if (n == 0 || pos_ == bytes_.size()) return 0;
    buf[0] = static_cast<std::uint8_t>(bytes_[pos_++]);
    return 1;
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

std::vector<OwnedEvent> read_v1_trickle(std::string bytes, DamageLog* log = nullptr) {
  su::V1Reader reader(std::make_unique<su::BufferedInput>(std::make_unique<TrickleInput>(std::move(bytes))),
                      log);
  std::vector<OwnedEvent> out;
  su::Event e;
  while (reader.next(e)) out.emplace_back(e);
  return out;
}

// One line per event: "ID STATUS", "ID file NAME=BYTES (MIME) eof", "text BYTES".
std::string summary(const std::vector<OwnedEvent>& events) {
  std::string out;
  for (const auto& o : events) {
    su::Event e = o.view();
    if (!e.test_id) {
      (out += "text ").append(e.file_bytes) += '|';
      continue;
    }
    out += std::string(*e.test_id);
    if (e.status != Status::none) (out += ' ') += su::status_name(e.status);
    if (e.file_name)
      out += " file " + std::string(*e.file_name) + "=" + std::string(e.file_bytes) + " (" +
             std::string(e.mime_type.value_or("")) + ")" + (e.eof ? " eof" : "");
    if (e.tags) {
      out += " [";
      for (auto t : *e.tags) out += std::string(t) + ",";
      out += "]";
    }
    out += "|";
  }
  return out;
}

su::Timestamp ts(const char* text) {
  su::Timestamp t;
  std::string reason;
  REQUIRE_MESSAGE(su::parse_v1_time(text, t, reason), reason);
  return t;
}

}  // namespace

TEST_SUITE("v1 reader") {
  TEST_CASE("test and success give an inprogress event then a success event") {
    auto ev = read_v1("test: a.b\nsuccess: a.b\n");
    CHECK(summary(ev) == "a.b inprogress|a.b success|");
    CHECK_FALSE(ev[0].view().tags.has_value());
    CHECK(ev[0].view().runnable);
    CHECK(ev[0].raw.empty());
  }

  TEST_CASE("every keyword and alias works with and without its colon") {
    auto ev = read_v1(
        "test: a\nsuccess: a\ntesting b\nsuccessful b\ntest:: c\nfailure c\n"
        "test d\nerror: d\ntest e\nskip e\ntest f\nxfail: f\ntest g\nuxsuccess g\n");
    CHECK(summary(ev) ==
          "a inprogress|a success|b inprogress|b success|c inprogress|c fail|"
          "d inprogress|d fail|e inprogress|e skip|f inprogress|f xfail|"
          "g inprogress|g uxsuccess|");
  }

  TEST_CASE("keywords are case-sensitive, need whitespace and an argument") {
    auto ev = read_v1("Test: a\ntest:a\ntest:\ntest: \r\n  test: b\ntags:\n");
    CHECK(summary(ev) == "text Test: a\ntest:a\ntest:\ntest: \r\n  test: b\ntags:\n|");
  }

  TEST_CASE("only one separator byte is skipped, and a tab separates too") {
    auto ev = read_v1("test:  a\nsuccess:  a\ntest:\tb\nsuccess:\tb\n");
    CHECK(summary(ev) == " a inprogress| a success|b inprogress|b success|");
  }

  TEST_CASE("a carriage return is part of the id") {
    auto ev = read_v1("test: a\r\nsuccess: a\n");
    CHECK(ev[0].test_id == "a\r");
    CHECK(summary(ev).find("text success: a\n") != std::string::npos);
  }

  TEST_CASE("an outcome for another test is output and leaves the test open") {
    auto ev = read_v1("test: a\nsuccess: b\ntest: c\nsuccess: c\n");
    CHECK(summary(ev) ==
          "a inprogress|text success: b\ntest: c\nsuccess: c\n|"
          "a file traceback=testtools.testresult.real._StringException: lost connection "
          "during test 'a'\n (text/x-traceback; charset=\"utf8\"; language=\"python\") eof|"
          "a fail|");
  }

  TEST_CASE("an outcome outside a test is output") {
    CHECK(summary(read_v1("success: a\n")) == "text success: a\n|");
  }

  TEST_CASE("keywords that are substrings of skip mean skip, as in python") {
    auto ev = read_v1("test: a\ns: a\ntest: b\n: b\n");
    CHECK(summary(ev) == "a inprogress|a skip|b inprogress|b skip|");
  }

  TEST_CASE("time stamps the events after it, and nothing is stamped before it") {
    auto ev = read_v1("test: a\ntime: 2024-01-02 03:04:05Z\nsuccess: a\ntest: b\nsuccess: b\n");
    CHECK_FALSE(ev[0].view().timestamp.has_value());
    CHECK(ev[1].view().timestamp == ts("2024-01-02 03:04:05Z"));
    CHECK(ev[1].view().timestamp->seconds == 1704164645u);
    CHECK(ev[2].view().timestamp == ev[1].view().timestamp);
  }

  TEST_CASE("a bad time is reported with its line and byte offset and passed through") {
    DamageLog log;
    auto ev = read_v1("test: a\ntime: garbage\nsuccess: a\n", &log);
    CHECK(summary(ev) == "a inprogress|text time: garbage\n|a success|");
    REQUIRE(log.seen.size() == 1);
    CHECK(log.seen[0].offset == 8);
    CHECK(log.seen[0].length == 14);
    CHECK(log.seen[0].passed_through);
    CHECK(log.seen[0].reason.find("line 2: bad time 'garbage'") == 0);
  }

  TEST_CASE("stream tags apply to following tests and a minus removes one") {
    auto ev = read_v1("tags: x y\ntest: a\nsuccess: a\ntags: -x z\ntest: b\nsuccess: b\n");
    CHECK(summary(ev) == "a inprogress|a success [x,y,]|b inprogress|b success [y,z,]|");
  }

  TEST_CASE("tags inside a test change that test only") {
    auto ev = read_v1(
        "tags: g\ntest: a\ntags: t -g\nsuccess: a\ntest: b\nsuccess: b\n");
    CHECK(summary(ev) == "a inprogress|a success [t,]|b inprogress|b success [g,]|");
  }

  TEST_CASE("a test's tags are the stream's at its start, whatever earlier tests did") {
    auto ev = read_v1(
        "tags: g h\ntest: a\ntags: t\nsuccess: a\ntags: -g k\ntest: b\nfailure: b\n"
        "tags: -h -k\ntest: c\ntags: -t x\nskip: c\ntest: d\nsuccess: d\ntest: e\n");
    CHECK(summary(ev) ==
          "a inprogress|a success [g,h,t,]|b inprogress|b fail [h,k,]|c inprogress|"
          "c skip [x,]|d inprogress|d success|e inprogress|"
          "e file traceback=testtools.testresult.real._StringException: lost connection during "
          "test 'e'\n (text/x-traceback; charset=\"utf8\"; language=\"python\") eof|e fail|");
  }

  TEST_CASE("tags split on unicode whitespace as python's str.split does") {
    auto ev = read_v1("tags: a\xc2\xa0" "b\xe3\x80\x80" "c\ntest: t\nsuccess: t\n");
    CHECK(summary(ev) == "t inprogress|t success [a,b,c,]|");
  }

  TEST_CASE("tags that are not UTF-8 are reported and passed through") {
    DamageLog log;
    auto ev = read_v1("tags: \xff\ntest: t\nsuccess: t\n", &log);
    CHECK(summary(ev) == "text tags: \xff\n|t inprogress|t success|");
    CHECK(log.seen.size() == 1);
  }

  TEST_CASE("progress is dropped; a progress python cannot parse is reported") {
    DamageLog log;
    auto ev = read_v1("progress: 3\nprogress: +1_0\nprogress: push\nprogress: pop\n"
                      "progress: -2\nprogress: x1\n",
                      &log);
    CHECK(summary(ev) == "text progress: x1\n|");
    REQUIRE(log.seen.size() == 1);
    CHECK(log.seen[0].reason.find("line 6:") == 0);
  }

  TEST_CASE("bracketed details are named by outcome and unquote ' ]' lines") {
    auto ev = read_v1(
        "test: a\nfailure: a [\nline\n ]\n ]x\n]\n"
        "test: b\nskip: b [\nwhy\n]\n"
        "test: c\nsuccess: c [\n]\n");
    CHECK(summary(ev) ==
          "a inprogress|a file traceback=line\n]\n]x\n (text/x-traceback; charset=\"utf8\") eof|"
          "a fail|b inprogress|b file reason=why\n (text/plain) eof|b skip|"
          "c inprogress|c file message= (text/plain) eof|c success|");
  }

  TEST_CASE("bracketed details end only at a line that is exactly ]") {
    auto ev = read_v1("test: a\nerror: a [\n]\r\n] \ntags: x\n]\n");
    CHECK(summary(ev) ==
          "a inprogress|a file traceback=]\r\n] \ntags: x\n (text/x-traceback; charset=\"utf8\") "
          "eof|a fail|");
  }

  TEST_CASE("multipart details decode chunked bodies in order of appearance") {
    auto ev = read_v1(
        "test: a\nfailure: a [ multipart\n"
        "Content-Type: text/plain;charset=utf8\nlog\n6\r\nhello\n0\r\n"
        "Foo: application/octet-stream\nbin\nc\r\n" +
        std::string("\x00\x01]\n\r\n0\r\n]\nx", 12) + "3\r\nabc0\r\n"
        "Content-Type: text/x-traceback;charset=utf8,language=python\ntraceback\n"
        "3\r\nab\n2\r\nc\n0\r\n"
        "Content-Type: text/plain\nempty\n0\r\n"
        "]\n");
    REQUIRE(ev.size() == 6);
    CHECK(ev[1].file_name == "log");
    CHECK(ev[1].file_bytes == "hello\n");
    CHECK(ev[1].mime_type == "text/plain;charset=utf8");
    CHECK(ev[2].file_name == "bin");
    CHECK(ev[2].file_bytes == std::string("\x00\x01]\n\r\n0\r\n]\nxabc", 15));
    CHECK(ev[2].mime_type == "application/octet-stream");
    CHECK(ev[3].file_bytes == "ab\nc\n");
    CHECK(ev[3].mime_type == "text/x-traceback;charset=utf8,language=python");
    CHECK(ev[4].file_name == "empty");
    CHECK(ev[4].file_bytes.empty());
    CHECK(ev[4].view().eof);
    CHECK(ev[5].view().status == Status::fail);
  }

  TEST_CASE("the chunk size is hex in either case") {
    auto ev = read_v1("test: a\nsuccess: a [ multipart\nContent-Type: a/b\nn\nA\r\n0123456789"
                      "b\r\n0123456789a0\r\n]\n");
    REQUIRE(ev.size() == 3);
    CHECK(ev[1].file_bytes == "01234567890123456789a");
  }

  TEST_CASE("an empty multipart gives no file events") {
    CHECK(summary(read_v1("test: a\nsuccessful: a [ multipart\n]\n")) ==
          "a inprogress|a success|");
  }

  TEST_CASE("a repeated part name keeps its first position and its last content") {
    auto ev = read_v1("test: a\nsuccess: a [ multipart\nContent-Type: a/b\nx\n1\r\n10\r\n"
                      "Content-Type: a/b\ny\n1\r\n20\r\nContent-Type: c/d\nx\n1\r\n30\r\n]\n");
    CHECK(summary(ev) == "a inprogress|a file x=3 (c/d) eof|a file y=2 (a/b) eof|a success|");
  }

  TEST_CASE("a bad chunk header is reported and the rest of the details pass through") {
    DamageLog log;
    auto ev = read_v1("test: a\nfailure: a [ multipart\nContent-Type: a/b\nok\n2\r\nhi0\r\n"
                      "Content-Type: a/b\nbad\n3x\r\nabc\n0\r\n]\ntest: b\nsuccess: b\n",
                      &log);
    CHECK(summary(ev) ==
          "a inprogress|text 3x\r\nabc\n0\r\n|a file ok=hi (a/b) eof|a file bad= (a/b) eof|"
          "a fail|b inprogress|b success|");
    REQUIRE(log.seen.size() == 1);
    CHECK(log.seen[0].reason.find("line 9: bad chunk header") == 0);
    CHECK(log.seen[0].offset == 82);
  }

  TEST_CASE("a CR LF after chunk data, as HTTP has, is a bad chunk header") {
    DamageLog log;
    auto ev = read_v1("test: a\nfailure: a [ multipart\nContent-Type: a/b\nx\n2\r\nhi\r\n"
                      "0\r\n]\n",
                      &log);
    CHECK(log.seen.size() == 1);
    CHECK(ev.back().view().status == Status::fail);
  }

  TEST_CASE("a chunk header without CR, or without digits, is bad") {
    for (const char* header : {"3\n", "\r\n", "3\r\r\n", "-3\r\n", "ffffffffffffffffff\r\n"}) {
      DamageLog log;
      auto ev = read_v1(std::string("test: a\nxfail: a [ multipart\nContent-Type: a/b\nx\n") +
                            header + "]\n",
                        &log);
      CHECK_MESSAGE(log.seen.size() == 1, header);
      CHECK(ev.back().view().status == Status::xfail);
    }
  }

  TEST_CASE("a part header python cannot parse is reported") {
    for (const char* header : {"Content-Type:text/plain\n", "Content-Type: textplain\n",
                               "Content-Type: a/b; x=c/d\n", "Content-Type: \xff/b\n"}) {
      DamageLog log;
      auto ev = read_v1(std::string("test: a\nskip: a [ multipart\n") + header + "n\n0\r\n]\n",
                        &log);
      CHECK_MESSAGE(log.seen.size() == 1, header);
      CHECK(ev.back().view().status == Status::skip);
    }
  }

  TEST_CASE("a stream ending inside a test reports the test lost, with its tags") {
    auto ev = read_v1("tags: w\ntest: a\ntags: t\n");
    CHECK(summary(ev) ==
          "a inprogress|a file traceback=testtools.testresult.real._StringException: lost "
          "connection during test 'a'\n (text/x-traceback; charset=\"utf8\"; "
          "language=\"python\") eof|a fail [t,w,]|");
  }

  TEST_CASE("a stream ending inside details names the outcome and drops partial details") {
    for (const char* body : {"[\nsome\n", "[ multipart\nContent-Type: a/b\nx\n5\r\nab",
                             "[ multipart\nContent-Type: a/b\n"}) {
      auto ev = read_v1(std::string("test: a\nxfail: a ") + body);
      REQUIRE(ev.size() == 3);
      CHECK(ev[1].file_bytes ==
            "testtools.testresult.real._StringException: lost connection during xfail report "
            "of test 'a'\n");
      CHECK(ev[2].view().status == Status::fail);
    }
  }

  TEST_CASE("the last line without a newline loses its last byte, as in python") {
    auto ev = read_v1("test: a\nsuccess: a");
    CHECK(summary(ev).find("text success: a|") != std::string::npos);
    CHECK(ev.back().view().status == Status::fail);
  }

  TEST_CASE("consecutive non-protocol lines are one stdout event with the bytes unchanged") {
    auto ev = read_v1("noise\n\xff\xfe binary\ntime: 2024-01-01 00:00:00Z\nmore");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].file_name == "stdout");
    CHECK_FALSE(ev[0].view().test_id.has_value());
    CHECK_FALSE(ev[0].view().timestamp.has_value());
    CHECK(ev[0].file_bytes == "noise\n\xff\xfe binary\nmore");
  }

  TEST_CASE("a test id that is not UTF-8 is reported and passed through") {
    DamageLog log;
    auto ev = read_v1("test: \xc3(\nsuccess: \xc3(\n", &log);
    CHECK(summary(ev) == "text test: \xc3(\nsuccess: \xc3(\n|");
    CHECK(log.seen.size() == 1);
  }

  TEST_CASE("events carry the byte offset of their line") {
    auto ev = read_v1("junk\ntest: a\nfailure: a [\nx\n]\n");
    REQUIRE(ev.size() == 4);
    CHECK(ev[0].view().offset == 0);
    CHECK(ev[1].view().offset == 5);
    CHECK(ev[2].view().offset == 13);
    CHECK(ev[3].view().offset == 13);
  }

  TEST_CASE("details larger than the spill size come out in pieces, none lost") {
    std::string big(su::V1Reader::kDetailSpill + 1000, 'x');
    char header[32];
    std::snprintf(header, sizeof header, "%zX\r\n", big.size());
    auto ev = read_v1("test: a\nfailure: a [ multipart\nContent-Type: a/b\nsmall\n1\r\ns0\r\n"
                      "Content-Type: a/b\nbig\n" + std::string(header) + big + "0\r\n]\n");
    std::string got;
    bool saw_eof = false;
    for (const auto& e : ev)
      if (e.file_name == "big") {
        got += e.file_bytes;
        saw_eof = e.view().eof;
      }
    CHECK(got == big);
    CHECK(saw_eof);
    CHECK(ev[1].file_name == "small");  // order of appearance kept
    CHECK(ev.back().view().status == Status::fail);
  }

  TEST_CASE("an over-long line passes through unchanged and is never a directive") {
    std::string line = "test: " + std::string(su::V1Reader::kMaxLine + 10, 'a') + "\n";
    auto ev = read_v1(line + "test: b\nsuccess: b\n");
    std::string text;
    for (const auto& e : ev)
      if (!e.view().test_id) text += e.file_bytes;
    CHECK(text == line);
    CHECK(ev.back().test_id == "b");
  }

  TEST_CASE("lines scanned in the buffer give what lines read a byte at a time give") {
    // Every kind of line, at every alignment to the scan's 64-byte blocks,
    // next to lines longer than a block, than the scan's limit, and
    // non-ASCII ones, valid and not.
    std::string record =
        "time: 2024-01-02 03:04:05.123456Z\ntags: worker-1\ntest: pkg.mod.Test.test_one\n"
        "time: 2024-01-02 03:04:06.000249Z\nsuccessful: pkg.mod.Test.test_one [ multipart\n]\n"
        "tags: -worker-1\ntest: caf\xc3\xa9\ntags: \xc3\xa9t\xc3\xa9 -x\nfailure: caf\xc3\xa9 [\n"
        " ]\n\xff\n]\ntest: \xc3(\nsuccess: \xc3(\ntest: " + std::string(100, 'l') + "\n"
        "skip: " + std::string(100, 'l') + " [ multipart\nContent-Type: text/plain\nreason\n"
        "5\r\nab\ncd0\r\n]\nnoise " + std::string(5000, 'n') + "\ntags: a\tb -a\n"
        "time: garbage\nprogress: +2\ntest: x\nxfail: x\n";
    std::string s;
    for (int shift = 0; shift < 70; ++shift) s += std::string(shift % 7, 'p') + "\n" + record;
    DamageLog fast_log, slow_log;
    auto fast = read_v1(s, &fast_log);
    auto slow = read_v1_trickle(s, &slow_log);
    CHECK(fast.size() > 70 * 10);
    CHECK(summary(fast) == summary(slow));
    REQUIRE(fast.size() == slow.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
      CHECK(fast[i].view().offset == slow[i].view().offset);
      CHECK(fast[i].view().timestamp == slow[i].view().timestamp);
    }
    REQUIRE(fast_log.seen.size() == slow_log.seen.size());
    CHECK(fast_log.seen.size() == 70 * 2);  // the id that is not UTF-8, the bad time
    for (std::size_t i = 0; i < fast_log.seen.size(); ++i) {
      CHECK(fast_log.seen[i].offset == slow_log.seen[i].offset);
      CHECK(fast_log.seen[i].reason == slow_log.seen[i].reason);
    }
  }

  TEST_CASE("decodes every prefix of a mixed stream without crashing") {
    std::string s =
        "time: 2024-01-02 03:04:05.5+01:00\ntags: w -x\nnoise\ntest: a\ntags: t\n"
        "failure: a [ multipart\nContent-Type: a/b\nn\n3\r\nab\n0\r\n]\n"
        "test: b\nskip: b [\n ]\n]\nprogress: push\ntest: c\nuxsuccess: c\n";
    for (std::size_t n = 0; n <= s.size(); ++n) {
      auto ev = read_v1(s.substr(0, n));
      std::size_t bytes = 0;
      for (const auto& e : ev) bytes += e.file_bytes.size();
      CHECK(bytes <= n + 200);
    }
    // Byte flips everywhere.
    for (std::size_t i = 0; i < s.size(); ++i) {
      for (char c : {'\n', '\r', ']', ' ', ':', 'F', '\0', '\xb3'}) {
        std::string t = s;
        t[i] = c;
        DamageLog log;
        read_v1(t, &log);
      }
    }
  }
}

TEST_SUITE("v1 time") {
  std::int64_t micros(const char* text) { return ts(text).micros(); }

  TEST_CASE("accepts python's iso8601 forms") {
    CHECK(micros("2024-01-02 03:04:05Z") == 1704164645000000);
    CHECK(micros("2024-01-02T03:04:05.5+01:00") == 1704161045500000);
    CHECK(micros("2024-1-2 03:04:05") == 1704164645000000);
    CHECK(micros("2024-01-02 03:04:05.123456Z") == 1704164645123456);
    CHECK(micros("2024-01-02 03:04:05.1234567891Z") == 1704164645123456);
    CHECK(micros("2024-01-02 03:04:05Z trailing garbage") == 1704164645000000);
    CHECK(micros("2024-01-02x03:04:05-00:30") == 1704166445000000);
  }

  TEST_CASE("truncates fractions through a float as python does") {
    CHECK(micros("2024-01-02 03:04:05.000249Z") % 1000000 == 248);
    CHECK(micros("2024-01-02 03:04:05.29Z") % 1000000 == 290000);
  }

  TEST_CASE("takes two digits of day greedily, never backtracking, as the regex does") {
    std::string reason;
    su::Timestamp t;
    CHECK_FALSE(su::parse_v1_time("2024-01-1203:04:05", t, reason));
    CHECK_FALSE(su::parse_v1_time("2024-123-01 03:04:05", t, reason));
    CHECK(micros("2024-01-2 03:04:05") == micros("2024-01-02 03:04:05"));
  }

  TEST_CASE("rejects what python cannot parse or represent") {
    for (const char* bad : {"garbage", "2024-01-02", "2024-01-02 03:04", "2024-13-01 00:00:00",
                            "2023-02-29 00:00:00", "2024-01-02 24:00:00", "1969-12-31 23:59:59Z",
                            "2200-01-01 00:00:00", "0000-01-01 00:00:00", "",
                            "2024-01-02 03:04:05+24:00"}) {
      std::string reason;
      su::Timestamp t;
      CHECK_FALSE_MESSAGE(su::parse_v1_time(bad, t, reason), bad);
      CHECK_FALSE(reason.empty());
    }
  }

  TEST_CASE("the caching time parser reads every fraction and rejects every stray byte as parse_v1_time does") {
    su::V1TimeParser parser;
    auto same = [&](const std::string& text) {
      su::Timestamp expected, got;
      std::string why_expected, why_got;
      bool ok = su::parse_v1_time(text, expected, why_expected);
      bool ok_got = parser.parse(text, got, why_got);
      if (ok_got != ok || (ok && got != expected)) FAIL_CHECK(text);
    };
    same("2024-01-02 03:04:05.000000Z");  // fills the cache
    for (int i = 0; i < 1000000; i += 7) {
      char text[32];
      std::snprintf(text, sizeof text, "2024-01-02 03:04:%02d.%06dZ", i % 60, i);
      same(text);
      if (i % 4999 == 0) {
        for (std::size_t at = 16; at < 27; ++at) {
          for (char c : {'/', ':', 'a', ' ', '\0', '\xff', '\xb9', '.', 'Z'}) {
            std::string t = text;
            t[at] = c;
            same(t);
          }
        }
      }
    }
  }

  TEST_CASE("the caching time parser gives parse_v1_time's result for every line") {
    // Hits share "YYYY-MM-DD HH:MM:"; the rest must fall back to the full
    // parse (other forms, bad seconds, a prefix like the cached one).
    su::V1TimeParser parser;
    for (const char* text :
         {"2024-01-02 03:04:05.000249Z", "2024-01-02 03:04:59.999999Z", "2024-01-02 03:04:00.000000Z",
          "2024-01-02 03:04:60.000000Z", "2024-01-02 03:04:05.000249+01:00",
          "2024-01-02 03:04:05.12345Z", "2024-01-02T03:04:07.000001Z", "2024-01-02 03:04:1x.000001Z",
          "2024-1-02 03:04:0512.456789Z", "2024-1-02 03:04:0513.456789Z", "2106-02-07 06:28:15.000000Z",
          "2106-02-07 06:28:16.000000Z", "2024-01-02 03:04:05.000249Z"}) {
      su::Timestamp expected, got;
      std::string why_expected, why_got;
      bool ok = su::parse_v1_time(text, expected, why_expected);
      CHECK_MESSAGE(parser.parse(text, got, why_got) == ok, text);
      if (ok) CHECK_MESSAGE(got == expected, text);
      else CHECK_MESSAGE(why_got == why_expected, text);
    }
  }

  TEST_CASE("the caching time formatter writes what append_v1_time writes") {
    // Same minute, the next minute, a day and a year boundary, going back.
    su::V1TimeFormatter formatter;
    for (su::Timestamp t : {su::Timestamp{1704164645, 123456789}, su::Timestamp{1704164659, 999999999},
                            su::Timestamp{1704164660, 0}, su::Timestamp{1704067199, 500},
                            su::Timestamp{1704067200, 1000}, su::Timestamp{1704164645, 7000},
                            su::Timestamp{0, 0}, su::Timestamp{4294967295, 999999000}}) {
      std::string expected, got(su::V1TimeFormatter::kSize, '\0');
      su::append_v1_time(t, expected);
      formatter.write(t, got.data());
      CHECK(got == expected);
    }
  }

  TEST_CASE("formats as python's TestProtocolClient does") {
    std::string out;
    su::append_v1_time(su::Timestamp{1704164646, 500000000}, out);
    CHECK(out == "2024-01-02 03:04:06.500000Z");
    out.clear();
    su::append_v1_time(su::Timestamp{0, 1500}, out);
    CHECK(out == "1970-01-01 00:00:00.000002Z");
  }
}
