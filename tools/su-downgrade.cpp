// su-downgrade: convert a subunit v2 stream to v1, as python-subunit's
// subunit-2to1 does. See su-downgrade(1).
//
// Tests are written when they complete (python buffers them the same way),
// each as `time:`, `tags:`, `test:`, `time:`, a multipart outcome and the
// `tags:` line undoing the first; output that belongs to no test is copied
// raw as soon as it arrives. v1 input is read too (sniffed), so the tool
// also normalises v1 into the form stestr and testrepository store.
#include <vector>

#include "base/output.hpp"
#include "codec/v1_writer.hpp"
#include "common/tool.hpp"
#include "event/sink.hpp"
#include "ops/result_aggregator.hpp"

namespace {

su::V1Outcome outcome_of(const su::TestResult& r) {
  if (!r.complete) return su::V1Outcome::failure;  // python: addFailure
  switch (r.status) {
    case su::Status::success: return su::V1Outcome::success;
    case su::Status::skip: return su::V1Outcome::skip;
    case su::Status::xfail: return su::V1Outcome::xfail;
    case su::Status::uxsuccess: return su::V1Outcome::uxsuccess;
    default: return su::V1Outcome::failure;
  }
}

class Downgrader : public su::ResultHandler {
 public:
  explicit Downgrader(su::Output& out) : out_(out), writer_(out) {}

  void on_result(const su::TestResult& r) override {
    static const std::vector<std::string> kNone;
    const auto& tags = r.tags ? *r.tags : kNone;
    if (r.start) writer_.time(*r.start);
    writer_.tags(tags, {});
    writer_.test(r.id);
    if (r.stop) writer_.time(*r.stop);
    types_.clear();
    parts_.clear();
    for (const auto& a : r.attachments) {
      // The same few MIME types recur: convert each new one once.
      if (a.mime_type != last_mime_) {
        last_mime_ = a.mime_type;
        last_type_ = su::v1_content_type(a.mime_type);
      }
      types_.push_back(last_type_);
    }
    for (std::size_t i = 0; i < r.attachments.size(); ++i)
      parts_.push_back({r.attachments[i].name, types_[i], r.attachments[i].bytes});
    writer_.outcome_multipart(outcome_of(r), r.id, parts_);
    writer_.tags({}, tags);
  }
  void on_non_test(const su::Event& e) override {
    if (e.file_name) out_.write(e.file_bytes);
  }

 private:
  su::Output& out_;
  su::V1Writer writer_;
  std::vector<std::string> types_;
  std::string last_mime_, last_type_ = su::v1_content_type(last_mime_);
  std::vector<su::V1Part> parts_;
};

class Flushing : public su::ResultAggregator {
 public:
  Flushing(su::ResultHandler& h, su::AggregatorOptions o, su::Output& out)
      : ResultAggregator(h, o), out_(out) {}
  void flush() override { out_.flush(); }

 private:
  su::Output& out_;
};

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-downgrade", "Convert a subunit v2 stream to v1, as subunit-2to1 does."};
  std::string input = "-";
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(input);
    su::Output& out = su::standard_output();
    Downgrader downgrader{out};
    su::AggregatorOptions options;
    options.keep_attachments = true;
    options.drop_exists = true;  // as StreamToExtendedDecorator does
    Flushing aggregator{downgrader, options, out};
    su::pump(*reader, aggregator);
    return su::Exit::ok;
  });
}
