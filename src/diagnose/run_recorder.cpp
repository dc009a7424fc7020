// SPDX-License-Identifier: Apache-2.0
#include "diagnose/run_recorder.hpp"

#include "base/input.hpp"
#include "codec/open_reader.hpp"
#include "ops/tag_editor.hpp"

namespace su {

RunRecorder::RunRecorder(Output* concatenated, Archive* archive, std::string source)
    : concatenated_(concatenated), archive_(archive), source_(std::move(source)) {
  if (concatenated_) writer_.emplace(*concatenated_);
}

std::string RunRecorder::tag_for(std::uint64_t number) {
  return "repeat-" + std::to_string(number);
}

std::optional<std::uint64_t> RunRecorder::record(std::uint64_t number,
                                                 const std::string& bytes,
                                                 const MetaPairs& extra_meta) {
  if (writer_) {
    // Tagged events are re-encoded (their tag set changed), so the
    // concatenation is v2 whatever each run wrote; damage flows through
    // in-band, as python reports it.
    auto reader = open_memory_reader(bytes);
    TagEditor tagger{*writer_, TagEdit{.add = {tag_for(number)}, .remove = {}}};
    // Not pump(): its finish() would end the writer, which more runs follow.
    Event event;
    while (reader->next(event)) tagger.on_event(event);
    writer_->flush();
  }
  if (!archive_) return std::nullopt;
  AddOptions options;
  options.source = source_;
  options.meta.emplace_back("repeat", std::to_string(number));
  for (const auto& m : extra_meta) options.meta.push_back(m);
  return archive_->add(memory_input(bytes, source_), options);
}

void RunRecorder::finish() {
  if (writer_) writer_->finish();
}

std::unique_ptr<Archive> open_or_init_archive(const std::string& dir) {
  if (!Archive::is_archive(dir)) Archive::init(dir);
  return std::make_unique<Archive>(dir);
}

}  // namespace su
