#include "report/trace_report.hpp"

#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "base/visible_text.hpp"
#include "report/details_text.hpp"

namespace su {

namespace {

void split_micros(std::int64_t micros, std::int64_t* whole, std::int64_t* frac) {
  *whole = micros / 1000000;
  *frac = micros % 1000000;
  if (*frac < 0) {
    *frac += 1000000;
    --*whole;
  }
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// int(tag[7:]) of the first `worker-` tag; python crashes on anything that
// is not an integer, we call it worker 0.
long long worker_number(const TestResult& r) {
  std::string_view tag = r.worker_tag();
  if (tag.empty()) return 0;
  // The usual tag, worker-N with a few plain digits, without strtoll.
  std::string_view number = tag.substr(7);
  if (!number.empty() && number.size() <= 18) {
    long long v = 0;
    bool plain = true;
    for (char c : number) {
      if (c < '0' || c > '9') { plain = false; break; }
      v = v * 10 + (c - '0');
    }
    if (plain) return v;
  }
  std::string digits;
  for (char c : tag.substr(7))
    if (c != '_') digits.push_back(c);
  const char* p = digits.c_str();
  char* end = nullptr;
  errno = 0;
  long long n = std::strtoll(p, &end, 10);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  if (end == p || !end || *end != '\0' || errno != 0) return 0;
  return n;
}

// python's cleanup_test_name: drop the first [...] (tempest-style tags).
// Returns `id` itself when there is nothing to drop, else the name built in
// `scratch`.
std::string_view display_name(std::string_view id, std::string& scratch) {
  std::size_t open = id.find('['), close = id.find(']');
  if (open != std::string_view::npos && open > 0 && close != std::string_view::npos &&
      close > open) {
    scratch.assign(id.substr(0, open));
    scratch.append(id.substr(close + 1));
    return scratch;
  }
  return id;
}

}  // namespace

std::string trace_duration(std::int64_t micros) {
  std::string out;
  append_trace_duration(out, micros);
  return out;
}

double append_trace_duration(std::string& out, std::int64_t micros) {
  std::int64_t whole, frac;
  split_micros(micros, &whole, &frac);
  // "%lld.%06llds", by hand: snprintf was the largest cost per test.
  char buf[32];
  char* end = std::to_chars(buf, buf + 20, static_cast<long long>(whole)).ptr;
  *end++ = '.';
  std::int64_t f = frac;
  for (int k = 5; k >= 0; --k, f /= 10) end[k] = static_cast<char>('0' + f % 10);
  end += 6;
  *end++ = 's';
  out.append(buf, end);
  // The value python reads back from that text with float(): the decimal
  // |whole|.frac is the exact ratio (|whole| * 10^6 + frac) / 10^6, and one
  // IEEE division rounds it correctly, as float() does (exact below 2^53
  // microseconds); the sign is the text's.
  std::int64_t magnitude = (whole < 0 ? -whole : whole) * 1000000 + frac;
  double value = static_cast<double>(magnitude) / 1e6;
  return whole < 0 ? -value : value;
}

std::string python_timedelta(std::int64_t micros) {
  std::int64_t whole, frac;
  split_micros(micros, &whole, &frac);
  std::int64_t days = whole / 86400, secs = whole % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  std::string out;
  if (days != 0)
    out = fmt::format("{} {}, ", days, days == 1 || days == -1 ? "day" : "days");
  out += fmt::format("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
  if (frac) out += fmt::format(".{:06}", frac);
  return out;
}

void TraceReport::status_word(std::string_view word, const char* color) {
  if (options_.color) {
    line_ += "\x1b[";
    line_ += color;
    line_ += ";1m";
    line_ += word;
    line_ += "\x1b[0m";
  } else {
    line_ += word;
  }
}

void TraceReport::append_text(std::string_view text) {
  if (options_.escape)
    append_visible(line_, text, Newlines::keep);
  else
    line_ += text;
}

void TraceReport::print_attachments(const TestResult& r, bool all) {
  for (const auto& a : r.attachments) {
    std::string_view name = std::string_view(a.name).substr(0, a.name.find(':'));
    // Why a test is quarantined (su-filter --quarantine) is always shown.
    if (!all && name != "stdout" && name != "stderr" && !name.starts_with("quarantine-"))
      continue;
    auto text = readable_text(a);
    if (text && text->empty()) continue;
    std::string title = "Captured " + (options_.escape ? visible(name) : std::string(name)) + ":";
    line_ += "\n" + title + "\n" + std::string(code_points(title), '~') + "\n";
    if (!text) {
      line_ += fmt::format("    ({} bytes of {}, not shown)\n", a.bytes.size(),
                           parse_content_type(a.mime_type).to_string());
      continue;
    }
    std::size_t pos = 0;
    while (true) {
      std::size_t nl = text->find('\n', pos);
      line_ += "    ";
      append_text(std::string_view(*text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
      line_ += "\n";
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  }
}

void TraceReport::on_non_test(const Event& e) {
  if (e.file_name) out_.write(e.file_bytes);
}

void TraceReport::on_result(const TestResult& r) {
  if (r.status == Status::exists) return;
  ++ran_;
  std::optional<std::int64_t> start, stop;
  if (r.start) start = r.start->micros();
  if (r.stop) stop = r.stop->micros();
  for (auto t : {start, stop}) {
    if (!t) continue;
    if (!first_ || *t < *first_) first_ = t;
    if (!last_ || *t > *last_) last_ = t;
  }
  std::string& duration = duration_;
  duration.clear();
  if (start && stop) test_seconds_ += append_trace_duration(duration, *stop - *start);

  long long w = worker_number(r);
  Worker& worker = workers_[w];
  if (worker.tests++ == 0) worker.first_start = start;
  worker.last_stop = stop;

  Status s = r.complete ? r.status : Status::none;
  bool fail = r.complete && (s == Status::fail || s == Status::uxsuccess);
  if (s == Status::success) ++passed_;
  if (s == Status::skip) ++skipped_;
  if (s == Status::xfail) ++xfail_;
  if (s == Status::uxsuccess) ++uxsuccess_;
  if (r.complete && s == Status::fail) ++failed_;
  if (!r.complete) ++unfinished_;

  std::string_view name = display_name(r.id, name_);
  if (name == "process-returncode") return;
  if (fail) {
    ++fails_seen_;
    if (options_.post_fails) fails_.push_back(r);
  }
  line_.clear();
  std::string& head = head_;
  head.clear();
  head.push_back('{');  // not assign("{"): GCC 12 warns falsely (-Wrestrict) on that
  char digits[24];
  head.append(digits, std::to_chars(digits, digits + sizeof digits, w).ptr);
  head += "} ";
  head += options_.escape ? visible(name) : name;
  if (fail) {
    if (options_.abbreviate) {
      status_word("F", "31");
    } else {
      line_ += head;
      line_ += " [";
      line_ += duration;
      line_ += "] ... ";
      status_word("FAILED", "31");
      line_ += "\n";
      if (options_.failure_debug) print_attachments(r, true);
    }
  } else if (!options_.failonly) {
    if (s == Status::success || s == Status::xfail) {
      if (options_.abbreviate) {
        status_word(".", "32");
      } else {
        line_ += head;
      line_ += " [";
      line_ += duration;
      line_ += "] ... ";
        status_word("ok", "32");
        line_ += "\n";
        print_attachments(r, options_.all_attachments);
      }
    } else if (s == Status::skip) {
      if (options_.abbreviate) {
        status_word("S", "34");
      } else {
        line_ += head + " ... ";
        status_word("SKIPPED", "34");
        for (const auto& a : r.attachments) {
          if (a.name != "reason") continue;
          auto text = readable_text(a);
          if (text && !text->empty()) {
            line_ += ": ";
            append_text(*text);
          }
          break;
        }
        line_ += "\n";
      }
    } else {
      std::string word = r.status == Status::none ? "unknown" : std::string(status_name(r.status));
      if (options_.abbreviate) {
        line_ += word.substr(0, 1);
      } else {
        line_ += head + " [" + duration + "] ... " + word + "\n";
        if (options_.failure_debug) print_attachments(r, true);
      }
    }
  }
  out_.write(line_);
}

void TraceReport::print_summary() {
  line_ = fmt::format(
      "\n======\nTotals\n======\nRan: {} tests in {:.4f} sec.\n"
      " - Passed: {}\n - Skipped: {}\n - Expected Fail: {}\n"
      " - Unexpected Success: {}\n - Failed: {}\n"
      "Sum of execute time for each test: {:.4f} sec.\n",
      ran_, first_ && last_ ? static_cast<double>(*last_ - *first_) / 1e6 : 0.0, passed_,
      skipped_, xfail_, uxsuccess_, failed_, test_seconds_);
  if (!workers_.empty()) {
    line_ += "\n==============\nWorker Balance\n==============\n";
    long long expect = 0;
    for (const auto& [n, worker] : workers_) {
      if (n < 0) continue;  // python's range(max + 1) never reaches them
      if (n > expect + 1) {
        line_ += fmt::format(" - WARNING: missing Workers {}-{}! Race in testr accounting.\n",
                             expect, n - 1);
      } else if (n == expect + 1) {
        line_ += fmt::format(" - WARNING: missing Worker {}! Race in testr accounting.\n", expect);
      }
      expect = n + 1;
      std::string delta = worker.first_start && worker.last_stop
                              ? python_timedelta(*worker.last_stop - *worker.first_start)
                              : "N/A";
      line_ += fmt::format(" - Worker {} ({} tests) => {}\n", n, worker.tests, delta);
    }
  }
  out_.write(line_);
}

TraceVerdict TraceReport::finish() {
  if (ran_ == 0) {
    out_.write("The test run didn't actually run any tests\n");
    return TraceVerdict::no_tests;
  }
  if (options_.post_fails && fails_seen_ > 0) {
    line_ = fmt::format(
        "\n==============================\nFailed {} tests - output below:\n"
        "==============================\n",
        fails_seen_);
    out_.write(line_);
    for (const auto& r : fails_) {
      line_ = "\n" + r.id + "\n" + std::string(code_points(r.id), '-') + "\n";
      print_attachments(r, true);
      out_.write(line_);
    }
    out_.write("\n");
  }
  if (options_.summary) print_summary();
  if (passed_ == 0) {
    out_.write("\nNo tests were successful during the run\n");
    return TraceVerdict::no_successes;
  }
  return failed_ > 0 || unfinished_ > 0 ? TraceVerdict::failed : TraceVerdict::ok;
}

}  // namespace su
