#include "report/trace_report.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

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
std::string display_name(std::string_view id) {
  std::size_t open = id.find('['), close = id.find(']');
  if (open != std::string_view::npos && open > 0 && close != std::string_view::npos && close > open)
    return std::string(id.substr(0, open)) + std::string(id.substr(close + 1));
  return std::string(id);
}

}  // namespace

std::string trace_duration(std::int64_t micros) {
  std::int64_t whole, frac;
  split_micros(micros, &whole, &frac);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld.%06llds", static_cast<long long>(whole),
                static_cast<long long>(frac));
  return buf;
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
    out = std::to_string(days) + (days == 1 || days == -1 ? " day, " : " days, ");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  out += buf;
  if (frac) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    out += buf;
  }
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

void TraceReport::print_attachments(const TestResult& r, bool all) {
  for (const auto& a : r.attachments) {
    std::string_view name = std::string_view(a.name).substr(0, a.name.find(':'));
    // Why a test is quarantined (su-filter --quarantine) is always shown.
    if (!all && name != "stdout" && name != "stderr" && !name.starts_with("quarantine-"))
      continue;
    auto text = readable_text(a);
    if (text && text->empty()) continue;
    std::string title = "Captured " + std::string(name) + ":";
    line_ += "\n" + title + "\n" + std::string(code_points(title), '~') + "\n";
    if (!text) {
      line_ += "    (" + std::to_string(a.bytes.size()) + " bytes of " +
               parse_content_type(a.mime_type).to_string() + ", not shown)\n";
      continue;
    }
    std::size_t pos = 0;
    while (true) {
      std::size_t nl = text->find('\n', pos);
      line_ += "    ";
      line_.append(*text, pos, nl == std::string::npos ? std::string::npos : nl - pos);
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
  std::string duration = start && stop ? trace_duration(*stop - *start) : "";
  if (!duration.empty()) test_seconds_ += std::strtod(duration.c_str(), nullptr);

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

  std::string name = display_name(r.id);
  if (name == "process-returncode") return;
  if (fail) {
    ++fails_seen_;
    if (options_.post_fails) fails_.push_back(r);
  }
  line_.clear();
  std::string head = "{";
  head += std::to_string(w);
  head += "} ";
  head += name;
  if (fail) {
    if (options_.abbreviate) {
      status_word("F", "31");
    } else {
      line_ += head + " [" + duration + "] ... ";
      status_word("FAILED", "31");
      line_ += "\n";
      if (options_.failure_debug) print_attachments(r, true);
    }
  } else if (!options_.failonly) {
    if (s == Status::success || s == Status::xfail) {
      if (options_.abbreviate) {
        status_word(".", "32");
      } else {
        line_ += head + " [" + duration + "] ... ";
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
          if (text && !text->empty()) line_ += ": " + *text;
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
  char buf[256];
  line_.clear();
  std::snprintf(buf, sizeof buf,
                "\n======\nTotals\n======\nRan: %llu tests in %.4f sec.\n"
                " - Passed: %llu\n - Skipped: %llu\n - Expected Fail: %llu\n"
                " - Unexpected Success: %llu\n - Failed: %llu\n"
                "Sum of execute time for each test: %.4f sec.\n",
                static_cast<unsigned long long>(ran_),
                first_ && last_ ? static_cast<double>(*last_ - *first_) / 1e6 : 0.0,
                static_cast<unsigned long long>(passed_), static_cast<unsigned long long>(skipped_),
                static_cast<unsigned long long>(xfail_), static_cast<unsigned long long>(uxsuccess_),
                static_cast<unsigned long long>(failed_), test_seconds_);
  line_ += buf;
  if (!workers_.empty()) {
    line_ += "\n==============\nWorker Balance\n==============\n";
    long long expect = 0;
    for (const auto& [n, worker] : workers_) {
      if (n < 0) continue;  // python's range(max + 1) never reaches them
      if (n > expect + 1) {
        line_ += " - WARNING: missing Workers " + std::to_string(expect) + "-" +
                 std::to_string(n - 1) + "! Race in testr accounting.\n";
      } else if (n == expect + 1) {
        line_ += " - WARNING: missing Worker " + std::to_string(expect) +
                 "! Race in testr accounting.\n";
      }
      expect = n + 1;
      std::string delta = worker.first_start && worker.last_stop
                              ? python_timedelta(*worker.last_stop - *worker.first_start)
                              : "N/A";
      line_ += " - Worker " + std::to_string(n) + " (" + std::to_string(worker.tests) +
               " tests) => " + delta + "\n";
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
    line_ = "\n==============================\nFailed " + std::to_string(fails_seen_) +
            " tests - output below:\n==============================\n";
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
