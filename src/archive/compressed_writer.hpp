// SPDX-License-Identifier: Apache-2.0
// CompressedWriter: writes bytes to a new file as one zstd frame (with
// zstd's content checksum), and tracks the size and CRC-32 of the bytes
// before compression, which the run's header records so `check` can prove
// a stored stream is the one that was added.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <zstd.h>

namespace su {

class CompressedWriter {
 public:
  // Creates (truncates) `path`. `workers` > 0 lets zstd compress on that
  // many threads beside the caller's. Throws IoError.
  CompressedWriter(std::string path, int level, int workers);
  // Hands the compressed bytes to `sink` instead of a file (a database
  // store's COPY); `name` is for messages.
  using Sink = std::function<void(std::string_view)>;
  CompressedWriter(Sink sink, std::string name, int level);
  ~CompressedWriter();
  CompressedWriter(const CompressedWriter&) = delete;
  CompressedWriter& operator=(const CompressedWriter&) = delete;

  void write(std::string_view bytes);
  // Ends the frame, fsyncs and closes the file (if any). Throws IoError.
  void finish();

  std::uint64_t plain_bytes() const { return plain_bytes_; }
  std::uint32_t plain_crc32() const { return crc_; }
  std::uint64_t stored_bytes() const { return stored_bytes_; }
  const std::string& path() const { return path_; }

 private:
  void drain(ZSTD_EndDirective mode, ZSTD_inBuffer& in);

  std::string path_;
  int fd_ = -1;
  Sink sink_;
  ZSTD_CCtx* cctx_ = nullptr;
  std::vector<char> out_;
  std::uint64_t plain_bytes_ = 0, stored_bytes_ = 0;
  std::uint32_t crc_ = 0;
};

}  // namespace su
