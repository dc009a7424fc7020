#include "codec/v1_reader.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/utf8.hpp"
#include "codec/v1_time.hpp"

namespace su {
namespace {

constexpr std::string_view kTracebackMime = "text/x-traceback; charset=\"utf8\"";
constexpr std::string_view kLostMime = "text/x-traceback; charset=\"utf8\"; language=\"python\"";
constexpr std::string_view kPlainMime = "text/plain";
constexpr std::string_view kEndMarker = "]\n";
constexpr std::string_view kBadTags = "tags are not valid UTF-8";
constexpr std::string_view kBadId = "test id is not valid UTF-8";

// bytes.split() whitespace: python's ASCII set (a table: this is per byte).
constexpr auto kSpace = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\v', '\f'}) t[c] = true;
  return t;
}();
inline bool is_space(char c) { return kSpace[static_cast<unsigned char>(c)]; }

enum class Kind { none, test, error, failure, progress, skip, success, tags, time, xfail, uxsuccess };

// python's _ParserState.lineReceived: the first whitespace-separated token,
// colons stripped from its end, names the directive if the line does not
// start with whitespace and has something after the token. `offset` is where
// the argument starts: one byte after the token, whatever follows.
Kind classify_any(std::string_view line, std::size_t& offset);

// The spellings writers use, "keyword: " then an argument: recognised by
// their first byte and a compare of constant length (a load or two, no
// call), before the general rule's byte-by-byte token scan (whose loop
// exits mispredict on every line). The token is the prefix less its space;
// it names the directive when a non-space byte follows (else the general
// rule decides).
template <std::size_t N>
inline bool spelled(std::string_view line, const char (&prefix)[N]) {
  constexpr std::size_t n = N - 1;
  return line.size() > n && std::memcmp(line.data(), prefix, n) == 0 && !is_space(line[n]);
}

Kind classify(std::string_view line, std::size_t& offset) {
  if (line.empty()) return Kind::none;
  auto is = [&](const auto& prefix) {
    if (!spelled(line, prefix)) return false;
    offset = sizeof prefix - 1;
    return true;
  };
  switch (line[0]) {
    case 't':
      if (is("time: ")) return Kind::time;
      if (is("tags: ")) return Kind::tags;
      if (is("test: ")) return Kind::test;
      break;
    case 's':
      if (is("successful: ") || is("success: ")) return Kind::success;
      if (is("skip: ")) return Kind::skip;
      break;
    case 'f':
      if (is("failure: ")) return Kind::failure;
      break;
    case 'e':
      if (is("error: ")) return Kind::error;
      break;
    case 'x':
      if (is("xfail: ")) return Kind::xfail;
      break;
    case 'u':
      if (is("uxsuccess: ")) return Kind::uxsuccess;
      break;
    default:
      break;
  }
  return classify_any(line, offset);
}

Kind classify_any(std::string_view line, std::size_t& offset) {
  if (line.empty() || is_space(line[0])) return Kind::none;
  std::size_t i = 1;
  while (i < line.size() && !is_space(line[i])) ++i;
  std::size_t j = i;
  while (j < line.size() && is_space(line[j])) ++j;
  if (j == line.size()) return Kind::none;
  offset = i + 1;
  std::string_view kw = line.substr(0, i);
  while (!kw.empty() && kw.back() == ':') kw.remove_suffix(1);
  // python tests `cmd in b"skip"`: a substring test, so "s", "ki" and even
  // the empty keyword of a line like ": x" mean skip. No other keyword is
  // that short, and skip comes after test/error/failure/progress in python's
  // order, none of which is a substring of "skip".
  if (kw.size() <= 4 && std::string_view("skip").find(kw) != std::string_view::npos)
    return Kind::skip;
  switch (kw[0]) {
    case 't':
      if (kw == "test" || kw == "testing") return Kind::test;
      if (kw == "time") return Kind::time;
      if (kw == "tags") return Kind::tags;
      break;
    case 's':
      if (kw == "success" || kw == "successful") return Kind::success;
      break;
    case 'e':
      if (kw == "error") return Kind::error;
      break;
    case 'f':
      if (kw == "failure") return Kind::failure;
      break;
    case 'p':
      if (kw == "progress") return Kind::progress;
      break;
    case 'x':
      if (kw == "xfail") return Kind::xfail;
      break;
    case 'u':
      if (kw == "uxsuccess") return Kind::uxsuccess;
      break;
    default:
      break;
  }
  return Kind::none;
}

// The argument python slices as line[offset:-1]: it drops the last byte,
// assuming it is the newline.
std::string_view argument(std::string_view line, std::size_t offset) {
  return line.substr(offset, line.size() - 1 - offset);
}

// str.split()'s ASCII separators: bytes.split()'s and \x1c-\x1f.
constexpr auto kStrSpace = [] {
  std::array<bool, 256> t = kSpace;
  for (int c = 0x1c; c <= 0x1f; ++c) t[c] = true;
  return t;
}();

// The length of the Unicode whitespace character at s[i] (python's
// str.split() separators), or 0.
inline std::size_t unicode_space(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return kStrSpace[c] ? 1 : 0;
  std::size_t left = s.size() - i;
  if (c == 0xC2 && left >= 2 && (b(1) == 0x85 || b(1) == 0xA0)) return 2;
  if (left < 3) return 0;
  if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
  if (c == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8A || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF))
    return 3;  // U+2000..200A, U+2028, U+2029, U+202F
  if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  return 0;
}

// The first '\n' in [p, p + n), or nullptr. SSE2 inline: v1 lines are
// short, and memchr's call and setup cost more than its scan.
inline const char* find_newline(const char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (int hits = _mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)))
      return p + i + __builtin_ctz(static_cast<unsigned>(hits));
  }
#endif
  return static_cast<const char*>(std::memchr(p + i, '\n', n - i));
}

// Bit i is set where p[i] is '\n', for the 64 bytes at p: one pass finds
// every line end in a block.
inline std::uint64_t block_newlines(const char* p) {
  std::uint64_t m = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    m |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(
             _mm_movemask_epi8(_mm_cmpeq_epi8(v, newline))))
         << (16 * k);
  }
#else
  for (int i = 0; i < 64; ++i) m |= static_cast<std::uint64_t>(p[i] == '\n') << i;
#endif
  return m;
}

// Lines longer than this are left to peek_line.
constexpr std::size_t kScanLine = 4096;

// True when every byte of `s` is printable ASCII but space (0x21 to 0x7E):
// one tag, nothing to split. A word at a time: a byte below 0x21 borrows
// into its high bit, 0x7F carries into it, and above that it is set; the
// lowest bad byte always shows (no borrow or carry reaches it from below).
inline bool printable_token(std::string_view s) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto bad = [](std::uint64_t w) { return ((w + kOnes) | (w - 0x21 * kOnes) | w) & kHigh; };
  std::size_t n = s.size();
  if (n < 8) {
    bool ok = n > 0;
    for (char c : s) ok &= static_cast<unsigned char>(c - 0x21) < 0x5E;
    return ok;
  }
  std::uint64_t w, acc = 0;
  for (std::size_t i = 0; i + 8 < n; i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    acc |= bad(w);
  }
  std::memcpy(&w, s.data() + n - 8, 8);
  return (acc | bad(w)) == 0;
}

// ASCII without NUL (a NUL only sends the caller to the exact checks).
bool is_ascii(std::string_view s) {
  return is_plain_ascii(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// check_utf8 behind a fast path for the usual all-ASCII text.
bool valid_utf8(std::string_view s) { return is_ascii(s) || check_utf8(s) == Utf8Check::valid; }

Status status_of(int outcome) {
  static constexpr Status kStatus[] = {Status::success, Status::fail, Status::fail,
                                       Status::skip,    Status::xfail, Status::uxsuccess};
  return kStatus[outcome];
}

std::string_view label_of(int outcome) {
  static constexpr std::string_view kLabel[] = {"success", "failure", "error",
                                                "skip",    "xfail",   "uxsuccess"};
  return kLabel[outcome];
}

// python int() of bytes after strip(): optional sign, digits, single
// underscores between digits.
bool python_int(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (s[i + 1] == '_') return false;
    } else if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  return true;
}

std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 80)) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out.push_back(c);
  }
  if (s.size() > 80) out += "...";
  return out + "'";
}

}  // namespace

V1Reader::V1Reader(std::unique_ptr<BufferedInput> in, DamageHandler* damage)
    : in_(std::move(in)), damage_(damage) {}

bool V1Reader::drained() const {
  return queue_pos_ == queue_.size() && text_.empty() && in_->available() == 0 &&
         in_->drained();
}

bool V1Reader::next(Event& event) {
  if (queue_pos_ < queue_.size()) {
    event = queue_[queue_pos_++];
    return true;
  }
  queue_.clear();
  queue_pos_ = 0;
  // The events handed out before are gone: their storage can be reused.
  if (text_emitted_) {
    text_.clear();
    text_emitted_ = false;
  }
  if (spilled_) {
    // The pieces handed on are out; keep only what is still to come.
    for (std::size_t k = 0; k < details_used_; ++k) details_[k].bytes.clear();
    spilled_ = false;
  }
  // Most lines give no event and most events come one to a line: the
  // first event of a step is built in `event` itself, not copied there.
  direct_ = &event;
  direct_used_ = false;
  while (!direct_used_) {
    if (!step()) {
      if (!text_.empty()) flush_text();
      break;
    }
  }
  direct_ = nullptr;
  return direct_used_;
}

bool V1Reader::step() {
  if (finished_) return false;
  // A live pipe paused: show the output gathered so far before blocking.
  if (!text_.empty() && in_->drained() && !line_buffered()) {
    flush_text();
    return true;
  }
  if (state_ == State::chunk_data) return read_chunk_data();
  if (!continuation_ && scan_lines()) return true;
  std::string_view line;
  bool partial = false;
  if (!peek_line(line, partial)) {
    end_of_stream();
    finished_ = true;
    return true;
  }
  line_offset_ = in_->offset();
  bool continuation = continuation_;
  continuation_ = partial;
  handle_line(line, partial, continuation);
  in_->consume(line.size());
  if (!line.empty() && line.back() == '\n') ++line_no_;
  return true;
}

bool V1Reader::line_buffered() const {
  return std::memchr(in_->data(), '\n', in_->available()) != nullptr;
}

// Handles the lines that are whole in the buffer, up to the first that
// gives an event or leaves line mode; false if there was no such line (then
// peek_line decides). Newlines are found 64 bytes at a time and remembered,
// so a line costs a few bit operations rather than a scan of its own, and
// whether each line is all ASCII comes with them.
bool V1Reader::scan_lines() {
  std::uint64_t block = block_, nl_bits = nl_bits_;
  // The lines are consumed together at the end: nothing the handlers do
  // reads the input.
  const std::uint64_t start = in_->offset();
  const char* const base = reinterpret_cast<const char*>(in_->data());
  const std::uint64_t limit = start + in_->available();
  if (start != scan_at_) {
    if (limit - start < 64) return false;
    block = start;
    nl_bits = block_newlines(base);
  }
  std::uint64_t at = start;
  for (;;) {
    while (nl_bits == 0) {
      std::uint64_t next = block + 64;
      if (next + 64 > limit || next - at > kScanLine) {
        scan_at_ = UINT64_MAX;  // the mask is partly used up: start again
        in_->consume(at - start);
        return at != start;
      }
      block = next;
      nl_bits = block_newlines(base + (next - start));
    }
    std::uint64_t end = block + static_cast<std::uint64_t>(__builtin_ctzll(nl_bits)) + 1;
    nl_bits &= nl_bits - 1;
    std::string_view line(base + (at - start), static_cast<std::size_t>(end - at));
    line_offset_ = at;
    if (state_ == State::outside || state_ == State::in_test) {
      handle_directive(line);
    } else {
      handle_details_line(line, false, false);
    }
    ++line_no_;
    at = end;
    if (direct_used_ || state_ == State::chunk_data) break;
  }
  in_->consume(at - start);
  scan_at_ = at;
  block_ = block;
  nl_bits_ = nl_bits;
  return true;
}

bool V1Reader::peek_line(std::string_view& line, bool& partial) {
  std::size_t scanned = 0;
  for (;;) {
    const char* p = reinterpret_cast<const char*>(in_->data());
    std::size_t avail = in_->available();
    std::size_t limit = std::min(avail, kMaxLine);
    const char* nl = find_newline(p + scanned, limit - scanned);
    if (nl) {
      line = std::string_view(p, nl - p + 1);
      partial = false;
      return true;
    }
    scanned = limit;
    if (avail >= kMaxLine) {
      line = std::string_view(p, kMaxLine);
      partial = true;
      return true;
    }
    if (in_->eof() || in_->fill_more() == avail) {
      if (avail == 0) return false;
      line = std::string_view(p, avail);  // the last line, without '\n'
      partial = false;
      // fill_more may have moved the buffer; re-read the pointer.
      line = std::string_view(reinterpret_cast<const char*>(in_->data()), avail);
      return true;
    }
  }
}

void V1Reader::handle_line(std::string_view line, bool partial, bool continuation) {
  if (state_ != State::outside && state_ != State::in_test) {
    handle_details_line(line, partial, continuation);
    return;
  }
  // A piece of an over-long line is never a directive.
  if (partial || continuation) {
    pass_through(line);
    return;
  }
  handle_directive(line);
}

void V1Reader::handle_directive(std::string_view line) {
  std::size_t offset = 0;
  Kind kind = classify(line, offset);
  switch (kind) {
    case Kind::none:
      pass_through(line);
      return;
    case Kind::time: {
      Timestamp ts;
      if (time_parser_.parse_cached(argument(line, offset), ts)) {
        now_ = ts;
      } else {
        handle_time(line, argument(line, offset));
      }
      return;
    }
    case Kind::tags: {
      std::string_view arg = line.substr(offset);
      bool ascii = is_ascii(arg);
      if (!ascii && check_utf8(arg) != Utf8Check::valid) {
        malformed(line, kBadTags);
        return;
      }
      change_tags(arg, ascii);
      return;
    }
    case Kind::progress:
      handle_progress(line, line.substr(offset));
      return;  // no v2 equivalent: dropped, as subunit-1to2 does
    case Kind::test: {
      if (state_ == State::in_test) {
        pass_through(line);  // no nesting: just output
        return;
      }
      std::string_view id = argument(line, offset);
      if (!valid_utf8(id)) {
        malformed(line, kBadId);
        return;
      }
      flush_text();
      current_id_.assign(id);
      test_tags_own_ = false;  // the stream's tags, until a tags: line in the test
      test_offset_ = line_offset_;
      state_ = State::in_test;
      Event& e = push();
      e.test_id = current_id_;
      e.status = Status::inprogress;
      e.timestamp = now_;
      e.offset = line_offset_;
      return;
    }
    default:
      break;
  }
  // An outcome: it counts only inside a test, naming that test exactly.
  if (state_ != State::in_test) {
    pass_through(line);
    return;
  }
  Outcome outcome = kind == Kind::success   ? Outcome::success
                    : kind == Kind::failure ? Outcome::failure
                    : kind == Kind::error   ? Outcome::error
                    : kind == Kind::skip    ? Outcome::skip
                    : kind == Kind::xfail   ? Outcome::xfail
                                            : Outcome::uxsuccess;
  std::string_view arg = argument(line, offset);
  if (arg.substr(0, current_id_.size()) != current_id_) {
    pass_through(line);
    return;
  }
  std::string_view rest = arg.substr(current_id_.size());
  outcome_ = outcome;
  outcome_offset_ = line_offset_;
  if (rest.empty()) {
    flush_text();
    state_ = State::outside;
    push_status(status_of(static_cast<int>(outcome)), line_offset_);
  } else if (rest == " [") {
    start_details(outcome, false);
  } else if (rest == " [ multipart") {
    start_details(outcome, true);
  } else {
    pass_through(line);
  }
}

void V1Reader::TagSet::add(std::string_view tag) {
  if (size == 0) {  // the usual case: one tag around each test
    if (slots.empty()) slots.emplace_back();
    slots[0].assign(tag);
    size = 1;
    return;
  }
  auto first = slots.begin(), last = slots.begin() + size;
  auto at = std::lower_bound(first, last, tag);
  if (at != last && *at == tag) return;
  std::size_t i = at - first;
  if (size == slots.size()) slots.emplace_back();
  slots[size].assign(tag);
  std::rotate(slots.begin() + i, slots.begin() + size, slots.begin() + size + 1);
  ++size;
}

void V1Reader::TagSet::remove(std::string_view tag) {
  if (size == 1) {
    if (slots[0] == tag) size = 0;
    return;
  }
  auto first = slots.begin(), last = slots.begin() + size;
  auto at = std::lower_bound(first, last, tag);
  if (at == last || *at != tag) return;
  std::rotate(at, at + 1, last);  // its string waits past the end for reuse
  --size;
}

void V1Reader::TagSet::assign(const TagSet& other) {
  for (std::size_t k = 0; k < other.size; ++k) {
    if (k == slots.size()) slots.emplace_back();
    slots[k].assign(other.slots[k]);
  }
  size = other.size;
}

// Out of the line loop's way (their messages need strings): a time line
// not in the cached form, and progress lines.
void V1Reader::handle_time(std::string_view line, std::string_view arg) {
  std::string reason;
  Timestamp ts;
  if (time_parser_.parse(arg, ts, reason)) {
    now_ = ts;
  } else {
    malformed(line, "bad time " + quoted(arg) + ": " + reason);
  }
}

void V1Reader::handle_progress(std::string_view line, std::string_view arg) {
  while (!arg.empty() && is_space(arg.front())) arg.remove_prefix(1);
  while (!arg.empty() && is_space(arg.back())) arg.remove_suffix(1);
  if (arg != "push" && arg != "pop" && !python_int(arg))
    malformed(line, "bad progress " + quoted(arg));
}

void V1Reader::change_tags(std::string_view arg, bool ascii) {
  if (state_ == State::in_test && !test_tags_own_) {
    test_tags_.assign(global_tags_);
    test_tags_own_ = true;
  }
  TagSet& tags = state_ == State::in_test ? test_tags_ : global_tags_;
  // The usual line: one printable ASCII token and the newline.
  if (arg.size() >= 2 && arg.back() == '\n' && printable_token(arg.substr(0, arg.size() - 1))) {
    std::string_view token = arg.substr(0, arg.size() - 1);
    if (token[0] == '-') tags.remove(token.substr(1));
    else tags.add(token);
    return;
  }
  // python: new = tokens, gone = "-" tokens; add all new, then remove gone.
  gone_.clear();
  auto space_at = [&](std::size_t k) -> std::size_t {
    return ascii ? kStrSpace[static_cast<unsigned char>(arg[k])] : unicode_space(arg, k);
  };
  std::size_t i = 0, n = arg.size();
  while (i < n) {
    if (std::size_t w = space_at(i)) {
      i += w;
      continue;
    }
    std::size_t start = i++;
    while (i < n && !space_at(i)) ++i;
    std::string_view token = arg.substr(start, i - start);
    if (token[0] == '-') {
      gone_.push_back(token.substr(1));
      continue;
    }
    tags.add(token);
  }
  for (auto g : gone_) tags.remove(g);
}

void V1Reader::start_details(Outcome outcome, bool multipart) {
  outcome_ = outcome;
  details_used_ = 0;
  part_ = 0;
  if (multipart) {
    state_ = State::part_header;
    return;
  }
  state_ = State::simple;
  int o = static_cast<int>(outcome);
  std::string_view name = outcome == Outcome::skip ? "reason"
                          : outcome == Outcome::success ? "message"
                                                        : "traceback";
  Detail& d = open_detail(name);
  d.mime.assign(o == 0 || outcome == Outcome::skip ? kPlainMime : kTracebackMime);
}

V1Reader::Detail& V1Reader::open_detail(std::string_view name) {
  for (std::size_t k = 0; k < details_used_; ++k) {
    if (!details_[k].done && details_[k].name == name) {
      details_[k].bytes.clear();  // python's dict: the later part wins
      part_ = k;
      return details_[k];
    }
  }
  if (details_used_ == details_.size()) details_.emplace_back();
  Detail& d = details_[details_used_];
  d.name.assign(name);
  d.bytes.clear();
  d.done = false;
  part_ = details_used_++;
  return d;
}

void V1Reader::handle_details_line(std::string_view line, bool partial, bool continuation) {
  bool end = !continuation && line == kEndMarker;
  switch (state_) {
    case State::simple: {
      if (end) {
        finish_details();
        return;
      }
      // " ]" at the start of a line quotes a "]": the space is dropped.
      if (!continuation && line.size() >= 2 && line[0] == ' ' && line[1] == ']')
        line.remove_prefix(1);
      Detail& d = details_[part_];
      d.bytes.append(line);
      if (d.bytes.size() >= kDetailSpill) spill();
      return;
    }
    case State::skip_to_end:
      if (end) finish_details();
      else pass_through(line);
      return;
    case State::part_header: {
      if (end) {
        finish_details();
        return;
      }
      if (partial || continuation) {
        malformed(line, "over-long line where a part header was expected");
        return;
      }
      std::string_view content = line.substr(0, line.size() - 1);
      std::size_t space = content.find(' ');
      if (!valid_utf8(content) || space == std::string_view::npos) {
        malformed(line, "bad part header " + quoted(line) + " (expected 'Content-Type: TYPE/SUBTYPE')");
        return;
      }
      std::string_view value = content.substr(space + 1);
      if (std::count(value.begin(), value.end(), '/') != 1) {
        malformed(line, "bad MIME type " + quoted(value) + " (python needs exactly one '/')");
        return;
      }
      part_mime_.assign(value);
      state_ = State::part_name;
      return;
    }
    case State::part_name: {
      std::string_view name = line.substr(0, line.size() - 1);
      if (partial || continuation || !valid_utf8(name)) {
        malformed(line, "bad part name " + quoted(line));
        return;
      }
      Detail& d = open_detail(name);
      d.mime.assign(part_mime_);
      state_ = State::chunk_header;
      return;
    }
    case State::chunk_header: {
      // HEX+ "\r\n" exactly: not HTTP's chunk extensions or bare "\n".
      bool ok = !partial && !continuation && line.size() >= 3 &&
                line.substr(line.size() - 2) == "\r\n";
      std::uint64_t n = 0;
      for (std::size_t i = 0; ok && i + 2 < line.size(); ++i) {
        char c = line[i];
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0 || n > (std::uint64_t{1} << 59)) ok = false;
        n = n * 16 + static_cast<std::uint64_t>(v < 0 ? 0 : v);
      }
      if (!ok) {
        malformed(line, "bad chunk header " + quoted(line) + " (expected hex digits and CR LF)");
        return;
      }
      if (n == 0) {
        state_ = State::part_header;
      } else {
        chunk_left_ = n;
        state_ = State::chunk_data;
      }
      return;
    }
    default:
      return;
  }
}

bool V1Reader::read_chunk_data() {
  std::size_t avail = in_->available();
  if (avail == 0) avail = in_->fill(1);
  if (avail == 0) {
    end_of_stream();
    finished_ = true;
    return true;
  }
  std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(avail, chunk_left_));
  const char* p = reinterpret_cast<const char*>(in_->data());
  Detail& d = details_[part_];
  d.bytes.append(p, n);
  line_no_ += static_cast<std::uint64_t>(std::count(p, p + n, '\n'));
  in_->consume(n);
  chunk_left_ -= n;
  if (chunk_left_ == 0) state_ = State::chunk_header;
  if (d.bytes.size() >= kDetailSpill) spill();
  return true;
}

void V1Reader::finish_details() {
  flush_text();
  for (std::size_t k = 0; k < details_used_; ++k)
    if (!details_[k].done) push_file(details_[k], true, outcome_offset_);
  push_status(status_of(static_cast<int>(outcome_)), outcome_offset_);
  state_ = State::outside;
}

void V1Reader::spill() {
  flush_text();
  for (std::size_t k = 0; k < details_used_; ++k) {
    Detail& d = details_[k];
    if (d.done) continue;
    bool current = k == part_;
    push_file(d, !current, outcome_offset_);
    if (!current) d.done = true;
  }
  spilled_ = true;
}

void V1Reader::end_of_stream() {
  flush_text();
  if (state_ == State::outside) return;
  std::string where;
  if (state_ != State::in_test) {
    where = std::string(label_of(static_cast<int>(outcome_))) + " report of ";
    details_used_ = 0;  // python discards the partial details
  }
  lost_ = "testtools.testresult.real._StringException: lost connection during " + where +
          "test '" + current_id_ + "'\n";
  Event& e = push();
  e.test_id = current_id_;
  e.timestamp = now_;
  e.file_name = "traceback";
  e.file_bytes = lost_;
  e.mime_type = kLostMime;
  e.eof = true;
  e.offset = test_offset_;
  push_status(Status::fail, test_offset_);
  state_ = State::outside;
}

void V1Reader::malformed(std::string_view line, std::string_view reason) {
  report(line.size(), reason);
  pass_through(line);
  // Inside multipart details nothing after the damage can be trusted: keep
  // what was read and pass everything through to the closing "]".
  if (state_ == State::part_header || state_ == State::part_name ||
      state_ == State::chunk_header)
    state_ = State::skip_to_end;
}

void V1Reader::report(std::uint64_t length, std::string_view reason) {
  if (!damage_) return;
  Damage d;
  d.offset = line_offset_;
  d.length = length;
  d.reason = "line " + std::to_string(line_no_) + ": ";
  d.reason += reason;
  d.passed_through = true;
  damage_->on_damage(d);
}

void V1Reader::pass_through(std::string_view bytes) {
  if (text_.empty()) text_offset_ = line_offset_;
  text_.append(bytes);
  if (text_.size() >= kMaxText) flush_text();
}

Event& V1Reader::push() {
  if (direct_ && !direct_used_) {
    direct_used_ = true;
    direct_->clear();
    return *direct_;
  }
  return push_queued();
}

Event& V1Reader::push_queued() {
  queue_.emplace_back();
  return queue_.back();
}

void V1Reader::flush_text() {
  if (text_.empty() || text_emitted_) return;
  Event& e = push();
  e.file_name = "stdout";
  e.file_bytes = text_;
  e.offset = text_offset_;
  text_emitted_ = true;
}

void V1Reader::push_file(const Detail& d, bool eof, std::uint64_t offset) {
  Event& e = push();
  e.test_id = current_id_;
  e.timestamp = now_;
  e.file_name = d.name;
  e.file_bytes = d.bytes;
  e.mime_type = d.mime;
  e.eof = eof;
  e.offset = offset;
}

void V1Reader::push_status(Status status, std::uint64_t offset) {
  Event& e = push();
  e.test_id = current_id_;
  e.status = status;
  e.timestamp = now_;
  e.offset = offset;
  // The stream's tags cannot change inside a test: unless the test has
  // its own, they are still the ones it started with.
  const TagSet& tags = test_tags_own_ ? test_tags_ : global_tags_;
  if (!tags.empty()) {
    tag_views_.assign(tags.slots.begin(), tags.slots.begin() + tags.size);
    e.tags = std::span<const std::string_view>(tag_views_);
  }
}

}  // namespace su
