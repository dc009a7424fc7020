#include "report/junit_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "base/error.hpp"
#include "base/timestamp.hpp"
#include "codec/v2_writer.hpp"
#include "report/details_text.hpp"
#include "report/spool.hpp"
#include "report/test_id_parts.hpp"
#include "report/xml_escape.hpp"

namespace su {

namespace {

// python-junitxml's "%0.3f" of a timedelta's days*86400 + seconds +
// 0.000001 * microseconds, computed the same way so it rounds the same way.
std::string python_seconds(std::int64_t micros) {
  if (std::string exact; append_seconds_3(micros, exact)) return exact;
  std::int64_t days = micros / 86400000000LL, rem = micros % 86400000000LL;
  if (rem < 0) {
    rem += 86400000000LL;
    --days;
  }
  std::int64_t whole = days * 86400 + rem / 1000000;
  double value = static_cast<double>(whole) + 0.000001 * static_cast<double>(rem % 1000000);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%0.3f", value);
  return buf;
}

// The JUnit writer's numbers and times stay hand-formatted (snprintf and
// append_seconds_3): its per-test path was tuned by measurement, and
// "%0.3f" is python's own spelling, which the goldens compare byte for byte.
// Appends python_seconds(micros) to `out`, in place in the common case.
void append_python_seconds(std::string& out, std::int64_t micros) {
  if (append_seconds_3(micros, out)) return;
  out += python_seconds(micros);
}

// What follows a test case's time attribute for an unexpected success.
constexpr std::string_view kUnexpectedSuccess =
    ">\n<failure type=\"unittest.case._UnexpectedSuccess\"/>\n</testcase>\n";

std::string seconds3(std::int64_t micros) {
  if (std::string exact; append_seconds_3(micros, exact)) return exact;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%0.3f", static_cast<double>(micros) / 1e6);
  return buf;
}

std::string_view base_name(std::string_view name) { return name.substr(0, name.find(':')); }

// The last non-blank line of a traceback: the exception and its message.
std::string last_line(std::string_view text) {
  std::string_view t = strip_whitespace(text);
  std::size_t nl = t.rfind('\n');
  std::string_view line = strip_whitespace(nl == std::string_view::npos ? t : t.substr(nl + 1));
  if (line.size() > 500) {
    std::size_t cut = 500;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    return std::string(line.substr(0, cut)) + "...";
  }
  return std::string(line);
}

// The suite's own output (junit format) is rarely large: a smaller budget
// keeps the three spools' memory within about the one asked for.
std::size_t suite_output_memory(const JUnitOptions& options) {
  return std::min<std::size_t>(options.spool_memory, 1 << 20);
}

std::string iso_seconds(std::int64_t micros) {
  std::time_t t = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace

JUnitWriter::JUnitWriter(Output& out, JUnitOptions options)
    : out_(out),
      options_(std::move(options)),
      cases_(std::make_unique<Spool>(options_.spool_dir, options_.spool_memory)),
      suite_out_(std::make_unique<Spool>(options_.spool_dir, suite_output_memory(options_))),
      suite_err_(std::make_unique<Spool>(options_.spool_dir, suite_output_memory(options_))),
      run_start_(options_.wall_clock_micros) {}

JUnitWriter::~JUnitWriter() = default;

void JUnitWriter::on_non_test(const Event& e) {
  if (options_.passthrough) {
    scratch_.clear();
    encode_v2(e, scratch_);
    options_.passthrough->write(scratch_);
  }
  if (options_.format != JUnitFormat::junit || !options_.capture_non_test) return;
  if (!e.file_name || e.file_bytes.empty()) return;
  std::string_view name = base_name(*e.file_name);
  Spool& spool = name == "stderr" ? *suite_err_ : *suite_out_;
  scratch_.clear();
  if (name != "stdout" && name != "stderr" && *e.file_name != last_non_test_name_) {
    scratch_ += "[";
    scratch_ += *e.file_name;
    scratch_ += "]\n";
  }
  last_non_test_name_.assign(*e.file_name);
  append_xml_text(scratch_, e.file_bytes, XmlDialect::strict);
  spool.append(scratch_);
}

void JUnitWriter::on_result(const TestResult& r) {
  ++tests_;
  if (options_.format == JUnitFormat::subunit2junitxml)
    python_case(r);
  else
    junit_case(r);
}

void JUnitWriter::python_time(std::optional<Timestamp> t) {
  if (!t) return;
  std::int64_t us = t->micros();
  set_time_ = us;
  if (run_start_ > us) run_start_ = us;
}

void JUnitWriter::python_case(const TestResult& r) {
  // testtools' PlaceHolder.run: time(start), startTest, time(stop), outcome.
  python_time(r.start);
  std::int64_t test_start = python_now();
  python_time(r.complete ? r.stop : std::nullopt);
  std::int64_t duration = python_now() - test_start;
  auto [classname, name, plain] = test_id_parts(r.id);
  bool failed = !r.complete || r.status == Status::fail;
  if (!failed && r.status != Status::skip && plain) {
    if (r.status == Status::uxsuccess) ++uxsuccesses_;
    python_plain_case(classname, name, duration, r.status == Status::uxsuccess);
    return;
  }
  std::string& s = scratch_;
  s.assign("<testcase classname=\"");
  append_xml_attr(s, classname, XmlDialect::junitxml);
  s += "\" name=\"";
  append_xml_attr(s, name, XmlDialect::junitxml);
  s += "\" time=\"";
  append_python_seconds(s, duration);
  s += "\"";
  if (failed) {
    ++failures_;
    // The text is "_StringException: DETAILS\n", escaped: its plain head
    // goes in as it is, only the details through the escaper.
    std::string details = details_to_str(r.attachments, "traceback");
    s += ">\n<failure type=\"testtools.testresult.real._StringException\">"
         "testtools.testresult.real._StringException";
    if (!details.empty()) {
      s += ": ";
      append_xml_text(s, details, XmlDialect::junitxml);
    }
    s += "\n</failure>\n</testcase>\n";
  } else if (r.status == Status::skip) {
    ++skipped_;
    std::string reason;
    auto it = std::find_if(r.attachments.begin(), r.attachments.end(),
                           [](const Attachment& a) { return a.name == "reason"; });
    reason = it != r.attachments.end() ? attachment_text(*it) : details_to_str(r.attachments);
    s += ">\n<skipped>";
    append_xml_attr(s, reason, XmlDialect::junitxml);
    s += "</skipped>\n</testcase>\n";
  } else if (r.status == Status::uxsuccess) {
    ++uxsuccesses_;
    s += kUnexpectedSuccess;
  } else {
    s += "/>\n";
  }
  cases_->append(s);
}

// A test that passed (or failed as expected, or passed unexpectedly) with an
// id that needs no escaping: nearly every test. Its few pieces are copied
// straight onto the spool, not built up in a string (half of su-junit's own
// time went to std::string appends and the escaper's scans before).
void JUnitWriter::python_plain_case(std::string_view classname, std::string_view name,
                                    std::int64_t duration, bool uxsuccess) {
  constexpr std::string_view open = "<testcase classname=\"", name_attr = "\" name=\"",
                             time_attr = "\" time=\"";
  constexpr std::size_t kTimeRoom = 64;  // python_seconds' longest
  std::string_view end = uxsuccess ? kUnexpectedSuccess : "/>\n";
  std::size_t most = open.size() + classname.size() + name_attr.size() + name.size() +
                     time_attr.size() + kTimeRoom + 1 + end.size();
  char* start = cases_->room(most);
  if (!start) {  // the chunk is nearly full: through scratch_ instead
    scratch_.resize(most);
    start = scratch_.data();
  }
  char* p = start;
  auto put = [&p](std::string_view piece) {
    if (piece.empty()) return;  // an empty classname's data() may be null
    std::memcpy(p, piece.data(), piece.size());
    p += piece.size();
  };
  put(open);
  put(classname);
  put(name_attr);
  put(name);
  put(time_attr);
  if (char* t = write_seconds_3(duration, p)) {
    p = t;
  } else {
    put(python_seconds(duration));
  }
  put("\"");
  put(end);
  auto n = static_cast<std::size_t>(p - start);
  if (start == scratch_.data())
    cases_->append(std::string_view(start, n));
  else
    cases_->commit(n);
}

void JUnitWriter::junit_case(const TestResult& r) {
  if (r.start) {
    std::int64_t us = r.start->micros();
    if (!first_ || us < *first_) first_ = us;
    if (!last_ || us > *last_) last_ = us;
  }
  if (r.stop) {
    std::int64_t us = r.stop->micros();
    if (!first_ || us < *first_) first_ = us;
    if (!last_ || us > *last_) last_ = us;
  }
  auto [classname, name] = python_split_id(r.id);
  std::string& s = scratch_;
  s.assign("    <testcase classname=\"");
  append_xml_attr(s, classname, XmlDialect::strict);
  s += "\" name=\"";
  append_xml_attr(s, name, XmlDialect::strict);
  s += "\" time=\"";
  s += r.start && r.stop ? seconds3(r.stop->micros() - r.start->micros()) : "0.000";
  s += "\"";
  std::string body;
  const Attachment* traceback = nullptr;
  const Attachment* reason = nullptr;
  for (const auto& a : r.attachments) {
    if (a.name == "traceback" && !traceback) traceback = &a;
    if (a.name == "reason" && !reason) reason = &a;
  }
  bool failed = !r.complete || r.status == Status::fail;
  if (failed) {
    std::string text = traceback ? readable_text(*traceback).value_or("") : "";
    const char* element = r.complete ? "failure" : "error";
    body += "      <";
    body += element;
    body += " type=\"";
    body += r.complete ? "fail" : "incomplete";
    body += "\" message=\"";
    std::string message = r.complete ? last_line(text) : "test did not complete";
    if (message.empty()) message = "test failed";
    append_xml_attr(body, message, XmlDialect::strict);
    if (text.empty()) {
      body += "\"/>\n";
    } else {
      body += "\">";
      append_xml_text(body, text, XmlDialect::strict);
      body += "</";
      body += element;
      body += ">\n";
    }
    ++(r.complete ? failures_ : errors_);
  } else if (r.status == Status::skip) {
    ++skipped_;
    body += "      <skipped message=\"";
    if (reason) append_xml_attr(body, readable_text(*reason).value_or(""), XmlDialect::strict);
    body += "\"/>\n";
  } else if (r.status == Status::uxsuccess) {
    ++uxsuccesses_;
    body += "      <failure type=\"uxsuccess\" message=\"unexpected success\"/>\n";
  }
  // Everything not already shown goes to system-out / system-err.
  std::string out_text, err_text;
  for (const auto& a : r.attachments) {
    if ((failed && &a == traceback) || (r.status == Status::skip && &a == reason)) continue;
    std::string_view base = base_name(a.name);
    auto text = readable_text(a);
    std::string& dest = base == "stderr" ? err_text : out_text;
    if (base != "stdout" && base != "stderr") {
      dest += "[" + a.name + "]\n";
      if (!text) {
        dest += "(" + std::to_string(a.bytes.size()) + " bytes of " +
                parse_content_type(a.mime_type).to_string() + ", not shown)\n";
        continue;
      }
    } else if (!text) {
      text = sanitize_utf8(a.bytes);
    }
    dest += *text;
    if (!text->empty() && text->back() != '\n' && base != "stdout" && base != "stderr")
      dest += "\n";
  }
  if (!out_text.empty()) {
    body += "      <system-out>";
    append_xml_text(body, out_text, XmlDialect::strict);
    body += "</system-out>\n";
  }
  if (!err_text.empty()) {
    body += "      <system-err>";
    append_xml_text(body, err_text, XmlDialect::strict);
    body += "</system-err>\n";
  }
  if (body.empty()) {
    s += "/>\n";
  } else {
    s += ">\n";
    s += body;
    s += "    </testcase>\n";
  }
  cases_->append(s);
}

void JUnitWriter::finish() {
  if (options_.format == JUnitFormat::subunit2junitxml) {
    char head[256];
    std::snprintf(head, sizeof head,
                  "<testsuite errors=\"0\" failures=\"%llu\" name=\"\" tests=\"%llu\" time=\"%s\">\n",
                  static_cast<unsigned long long>(failures_ + uxsuccesses_),
                  static_cast<unsigned long long>(tests_),
                  python_seconds(python_now() - run_start_).c_str());
    out_.write(head);
    cases_->copy_to(out_);
    out_.write("</testsuite>\n");
    return;
  }
  std::string time = first_ && last_ ? seconds3(*last_ - *first_) : "0.000";
  auto counts = [&] {
    return fmt::format(R"(tests="{}" failures="{}" errors="{}" skipped="{}" time="{}")", tests_,
                       failures_ + uxsuccesses_, errors_, skipped_, time);
  };
  std::string name;
  append_xml_attr(name, options_.suite_name, XmlDialect::strict);
  std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + name +
                     "\" " + counts() + ">\n  <testsuite name=\"" + name + "\" " + counts();
  if (first_) head += " timestamp=\"" + iso_seconds(*first_) + "\"";
  head += ">\n";
  out_.write(head);
  cases_->copy_to(out_);
  if (!suite_out_->empty()) {
    out_.write("    <system-out>");
    suite_out_->copy_to(out_);
    out_.write("</system-out>\n");
  }
  if (!suite_err_->empty()) {
    out_.write("    <system-err>");
    suite_err_->copy_to(out_);
    out_.write("</system-err>\n");
  }
  out_.write("  </testsuite>\n</testsuites>\n");
}

}  // namespace su
