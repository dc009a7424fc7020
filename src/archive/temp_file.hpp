// SPDX-License-Identifier: Apache-2.0
// A temporary file that is removed unless it was committed (renamed away),
// so an add that fails half way leaves nothing behind. Internal.
#pragma once

#include <unistd.h>

#include <string>

namespace su {

class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void committed() { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace su
