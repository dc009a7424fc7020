// SPDX-License-Identifier: Apache-2.0
// Errors of the run archive. Damage to an archive file is not an I/O error
// (the read worked) nor undecodable stream input: it names the file and
// says what is wrong with it, and su-archive maps it to exit status 3.
#pragma once

#include <stdexcept>
#include <string>

namespace su {

// A stored file that fails its checks: bad magic, CRC mismatch, a protobuf
// that does not parse, an index that does not fit its ids table. `path()`
// is the damaged file; `what()` says what is wrong, without the path.
class ArchiveDamage : public std::runtime_error {
 public:
  ArchiveDamage(std::string path, const std::string& what)
      : std::runtime_error(what), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A request the archive cannot answer as asked: a RUN that names no run,
// an archive that does not exist, a write to a repository read in place.
class ArchiveUsage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace su
