// SPDX-License-Identifier: Apache-2.0
// RunRecorder: keeps every run a diagnosis tool makes, so what it reports
// can be looked at and reproduced (DESIGN.md, Diagnosis):
//
// - into one concatenated v2 stream (su-repeat -o), each run's packets
//   tagged `repeat-K` (K its run number) so the runs can be told apart
//   again with `su-filter --with-tag=repeat-K`; v1 output is upgraded;
// - into an su-archive (--archive), one archive run per run, with metadata
//   `repeat=K` and any other pairs given.
//
// A run's events arrive as decoded (from a child process's pipe, say):
// begin() gives the sink they go to, end() stores the run. Both outputs are
// optional; a recorder with neither keeps nothing.
//
// Memory: for the archive, one run's stream (added whole, atomically, as
// `su-archive add` adds one).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archive/archive.hpp"
#include "base/output.hpp"
#include "codec/v2_writer.hpp"
#include "event/sink.hpp"
#include "ops/tag_editor.hpp"

namespace su {

using MetaPairs = std::vector<std::pair<std::string, std::string>>;

// Collects a stream as v2 bytes: packets that came as v2 byte for byte
// (their raw bytes), anything else encoded as the V2Writer encodes it.
class StreamCapture : public EventSink {
 public:
  void on_event(const Event& event) override;
  const std::string& bytes() const { return bytes_; }
  // The bytes so far, leaving the capture empty.
  std::string take() { return std::exchange(bytes_, {}); }
  void clear() { bytes_.clear(); }

 private:
  std::string bytes_;
};

class RunRecorder {
 public:
  // `concatenated` and `archive` may be null. `source` is how the archive
  // names where the runs came from (the command line).
  RunRecorder(Output* concatenated, Archive* archive, std::string source);

  // Starts run `number`: its events go to the sink returned, valid until
  // end().
  EventSink& begin(std::uint64_t number);
  // Ends the run begun last, adding it to the archive with `repeat=K` and
  // `extra_meta`. Returns the archive run id when there is an archive.
  std::optional<std::uint64_t> end(const MetaPairs& extra_meta = {});
  // Ends the run begun last without adding it to the archive (a command
  // that wrote no subunit: there is no run to keep). What it wrote is still
  // in the concatenated stream, as non-test output.
  void abandon();
  // Flushes the concatenated stream.
  void finish();

  // "repeat-K": the tag run K's packets get.
  static std::string tag_for(std::uint64_t number);

 private:
  // Hands each event to the tagger and the capture, whichever exist.
  class RunSink : public EventSink {
   public:
    explicit RunSink(RunRecorder& r) : r_(r) {}
    void on_event(const Event& e) override;
    void flush() override;

   private:
    RunRecorder& r_;
  };

  Output* concatenated_;
  Archive* archive_;
  std::string source_;
  std::optional<V2Writer> writer_;
  std::optional<TagEditor> tagger_;
  StreamCapture capture_;
  RunSink sink_{*this};
  std::uint64_t number_ = 0;
};

// Opens the archive at `dir`, making it first when there is none. Throws
// ArchiveUsage when `dir` is something else, IoError.
std::unique_ptr<Archive> open_or_init_archive(const std::string& dir);

}  // namespace su
