// V1Reader: decodes a subunit v1 stream (spec/subunit-v1.md) into the same
// Events a v2 stream gives, in exactly the sequence python-subunit's
// `subunit-1to2` produces (TestProtocolServer -> ExtendedToStreamDecorator):
//
// - `test: ID` gives an `inprogress` event (no tags); an outcome gives one
//   file event per detail (eof set, in order of first appearance; the later
//   of two parts with the same name wins), then the status event carrying
//   the test's tags. `error` and `failure` are both `fail`.
// - Every event carries the time of the latest `time:` line. Before the
//   first one python uses the wall clock; this reader leaves the timestamp
//   out instead, so the same input always gives the same output.
// - `tags:` outside a test changes the stream's tags; inside one, only that
//   test's (spec §3.3). `progress:` is dropped.
// - Any other line is passed through: consecutive such lines become one
//   `stdout` file event with no test id (at most 1 MiB each, or less when a
//   live pipe pauses), holding the bytes unchanged.
// - A stream that ends inside a test gives python's lost-connection
//   traceback attachment and a `fail`.
//
// Malformed input never stops the reader. A bad `time:`, `tags:` or
// `progress:` line, or a `test:` id that is not UTF-8, is reported to the
// DamageHandler with its byte offset and line number and then passed through
// as output. A malformed multipart detail (bad part header, bad chunk
// header) is reported the same way; the details read so far are kept and
// every byte from the bad line up to the closing `]` is passed through.
// (python crashes on all of these.)
//
// Memory is bounded: a line is examined at most kMaxLine bytes at a time,
// and one test's details are held only up to kDetailSpill bytes; beyond
// that they are handed on in pieces as they are read (a detail python could
// not convert at all, as its packets are limited to 4 MiB).
//
// Events have no `raw` bytes: a writer encodes them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/input.hpp"
#include "codec/v1_time.hpp"
#include "event/reader.hpp"

namespace su {

class V1Reader : public EventReader {
 public:
  static constexpr std::size_t kMaxLine = 1024 * 1024;
  static constexpr std::size_t kMaxText = 1024 * 1024;
  static constexpr std::size_t kDetailSpill = 4 * 1024 * 1024;

  V1Reader(std::unique_ptr<BufferedInput> in, DamageHandler* damage);

  bool next(Event& event) override;
  bool drained() const override;

 private:
  enum class State {
    outside,      // between tests
    in_test,      // after `test:`
    simple,       // inside `[` ... `]`
    part_header,  // multipart: expecting `Content-Type: x/y` or `]`
    part_name,    // multipart: expecting the part's name
    chunk_header, // multipart: expecting `HEX\r\n`
    chunk_data,   // multipart: inside a chunk, read by count
    skip_to_end,  // multipart was malformed: passing lines through to `]`
  };
  enum class Outcome { success, failure, error, skip, xfail, uxsuccess };

  struct Detail {
    std::string name, mime, bytes;
    bool done = false;  // handed on whole already (a spill)
  };

  bool step();
  bool read_chunk_data();
  bool peek_line(std::string_view& line, bool& partial);
  bool scan_lines();
  bool line_buffered() const;
  void handle_line(std::string_view line, bool partial, bool continuation);
  void handle_directive(std::string_view line);
  void handle_details_line(std::string_view line, bool partial, bool continuation);
  void start_details(Outcome outcome, bool multipart);
  void finish_details();
  void end_of_stream();
  void change_tags(std::string_view arg, bool ascii);
  [[gnu::noinline]] void malformed(std::string_view line, std::string_view reason);
  void report(std::uint64_t length, std::string_view reason);
  [[gnu::noinline]] void handle_time(std::string_view line, std::string_view arg);
  [[gnu::noinline]] void handle_progress(std::string_view line, std::string_view arg);
  void pass_through(std::string_view bytes);

  Event& push();
  [[gnu::noinline]] Event& push_queued();
  void flush_text();
  void push_file(const Detail& d, bool eof, std::uint64_t offset);
  void push_status(Status status, std::uint64_t offset);
  void spill();
  Detail& open_detail(std::string_view name);

  std::unique_ptr<BufferedInput> in_;
  DamageHandler* damage_;
  State state_ = State::outside;
  Outcome outcome_ = Outcome::success;
  bool finished_ = false;
  bool continuation_ = false;  // data() continues a line longer than kMaxLine
  // scan_lines' mask of the 64 bytes from stream offset block_: bit i is
  // set where byte block_ + i is a newline, bits of bytes already consumed
  // cleared. Valid while the input is at scan_at_ (any other consumption
  // moves it elsewhere).
  std::uint64_t scan_at_ = UINT64_MAX, block_ = 0, nl_bits_ = 0;
  std::uint64_t line_no_ = 1;  // of the line at data()
  std::uint64_t line_offset_ = 0;

  V1TimeParser time_parser_;
  std::optional<Timestamp> now_;
  // A sorted set of tags whose strings keep their storage when a tag is
  // removed, for the add and remove around nearly every test.
  struct TagSet {
    std::vector<std::string> slots;  // [0, size) in use, sorted, unique
    std::size_t size = 0;
    void add(std::string_view tag);
    void remove(std::string_view tag);
    void assign(const TagSet& other);
    bool empty() const { return size == 0; }
  };
  TagSet global_tags_, test_tags_;
  bool test_tags_own_ = false;  // test_tags_ holds the open test's tags
  std::vector<std::string_view> tag_views_, gone_;
  std::string current_id_;
  std::uint64_t test_offset_ = 0, outcome_offset_ = 0;

  std::vector<Detail> details_;
  std::size_t details_used_ = 0, part_ = 0;
  std::string part_mime_;
  std::uint64_t chunk_left_ = 0;
  bool spilled_ = false;

  std::string text_;
  std::uint64_t text_offset_ = 0;
  bool text_emitted_ = false;
  std::string lost_;

  // Events of one step: the first goes straight into next()'s argument
  // (direct_), the rest to queue_.
  Event* direct_ = nullptr;
  bool direct_used_ = false;
  std::vector<Event> queue_;
  std::size_t queue_pos_ = 0;
};

}  // namespace su
