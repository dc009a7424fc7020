// SPDX-License-Identifier: Apache-2.0
// RunRecorder: keeps every run a diagnosis tool makes, so what it reports
// can be looked at and reproduced (DESIGN.md, Diagnosis):
//
// - into one concatenated v2 stream (su-repeat -o), each run's packets
//   tagged `repeat-K` (K its run number) so the runs can be told apart
//   again with `su-filter --with-tag=repeat-K`; v1 output is upgraded;
// - into an su-archive (--archive), one archive run per run, stored as it
//   came (v2 byte for byte), with metadata `repeat=K` and any other pairs
//   given.
//
// Both are optional; a recorder with neither does nothing.
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

namespace su {

using MetaPairs = std::vector<std::pair<std::string, std::string>>;

class RunRecorder {
 public:
  // `concatenated` and `archive` may be null. `source` is how the archive
  // names where the runs came from (the command line). Damaged packets in a
  // run's output are kept as they came, without a second report: whoever
  // decoded the run has reported them.
  RunRecorder(Output* concatenated, Archive* archive, std::string source);

  // Records run `number`, whose output was `bytes`. Returns the archive run
  // id when there is an archive.
  std::optional<std::uint64_t> record(std::uint64_t number, const std::string& bytes,
                                      const MetaPairs& extra_meta = {});
  // Flushes the concatenated stream.
  void finish();

  // "repeat-K": the tag run K's packets get.
  static std::string tag_for(std::uint64_t number);

 private:
  Output* concatenated_;
  Archive* archive_;
  std::string source_;
  std::optional<V2Writer> writer_;
};

// Opens the archive at `dir`, making it first when there is none. Throws
// ArchiveUsage when `dir` is something else, IoError.
std::unique_ptr<Archive> open_or_init_archive(const std::string& dir);

}  // namespace su
