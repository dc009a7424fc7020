// SPDX-License-Identifier: Apache-2.0
// Repository: a testrepository (.testrepository/) or stestr (.stestr/)
// directory, read in place. Their runs are files named 0, 1, ... holding
// subunit v1 (spec/subunit-v1.md §9), beside `format` ("1"), `next-stream`
// and, for the times, `times.dbm`. They have no index, so each run is
// decoded when a query asks for it, one at a time: memory is one run's rows
// and the ids met so far. Read only.
#pragma once

#include <optional>

#include "archive/run_store.hpp"

namespace su {

class Repository : public RunStore {
 public:
  // True if `dir` looks like a testrepository or stestr repository.
  static bool is_repository(const std::string& dir);
  // Throws ArchiveUsage if it is not one.
  explicit Repository(std::string dir);

  std::vector<std::uint64_t> runs() override;
  archive::pb::RunHeader header(std::uint64_t run) override { return index(run).header; }
  RunIndex index(std::uint64_t run) override;
  void write_stream(std::uint64_t run, Output& out) override;
  const IdTable& ids() override { return ids_; }
  std::string run_path(std::uint64_t run) const override {
    return dir_ + "/" + std::to_string(run);
  }
  const std::string& dir() const override { return dir_; }

 private:
  std::string dir_;
  IdTable ids_;
  std::optional<std::uint64_t> cached_run_;
  RunIndex cached_;
};

}  // namespace su
