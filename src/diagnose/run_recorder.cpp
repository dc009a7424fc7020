// SPDX-License-Identifier: Apache-2.0
#include "diagnose/run_recorder.hpp"

#include "base/input.hpp"

namespace su {

void StreamCapture::on_event(const Event& event) {
  if (!event.raw.empty()) {
    bytes_.append(event.raw);
  } else {
    encode_v2(event, bytes_);
  }
}

RunRecorder::RunRecorder(Output* concatenated, Archive* archive, std::string source)
    : concatenated_(concatenated), archive_(archive), source_(std::move(source)) {
  if (concatenated_) writer_.emplace(*concatenated_);
}

std::string RunRecorder::tag_for(std::uint64_t number) {
  return "repeat-" + std::to_string(number);
}

EventSink& RunRecorder::begin(std::uint64_t number) {
  number_ = number;
  capture_.clear();
  // Tagged events are re-encoded (their tag set changed), so the
  // concatenation is v2 whatever each run wrote.
  if (writer_) tagger_.emplace(*writer_, TagEdit{.add = {tag_for(number)}, .remove = {}});
  return sink_;
}

void RunRecorder::RunSink::on_event(const Event& e) {
  if (r_.tagger_) r_.tagger_->on_event(e);
  if (r_.archive_) r_.capture_.on_event(e);
}

void RunRecorder::RunSink::flush() {
  if (r_.tagger_) r_.tagger_->flush();
}

std::optional<std::uint64_t> RunRecorder::end(const MetaPairs& extra_meta) {
  if (tagger_) {
    // Not tagger_->finish(): that would end the writer, and more runs follow.
    writer_->flush();
    tagger_.reset();
  }
  if (!archive_) return std::nullopt;
  AddOptions options;
  options.source = source_;
  options.meta.emplace_back("repeat", std::to_string(number_));
  for (const auto& m : extra_meta) options.meta.push_back(m);
  return archive_->add(memory_input(capture_.take(), source_), options);
}

void RunRecorder::abandon() {
  if (tagger_) {
    writer_->flush();
    tagger_.reset();
  }
  capture_.clear();
}

void RunRecorder::finish() {
  if (writer_) writer_->finish();
}

std::unique_ptr<Archive> open_or_init_archive(const std::string& dir) {
  if (!Archive::is_archive(dir)) Archive::init(dir);
  return std::make_unique<Archive>(dir);
}

}  // namespace su
