// SPDX-License-Identifier: Apache-2.0
// PgStreamInput: a run's stream read back from su_streams, one chunk at a
// time, and decompressed, with the size and CRC-32 of what it returned so
// far (show and check compare them with the run's row). Internal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <zstd.h>

#include "archive/pg_connection.hpp"
#include "base/input.hpp"

namespace su {

class PgStreamInput : public Input {
 public:
  PgStreamInput(PgConnection& db, std::uint64_t run, std::string name);
  ~PgStreamInput() override;
  PgStreamInput(const PgStreamInput&) = delete;
  PgStreamInput& operator=(const PgStreamInput&) = delete;

  // Throws DecodeError for a damaged frame (at the offset reached), PgError.
  std::size_t read(std::uint8_t* buf, std::size_t n) override;

  std::uint64_t bytes() const { return bytes_; }
  std::uint32_t crc() const { return crc_; }

 private:
  PgConnection& db_;
  std::uint64_t run_;
  std::int32_t next_chunk_ = 0;
  bool chunks_done_ = false;
  std::string chunk_;
  std::size_t chunk_pos_ = 0;
  ZSTD_DCtx* dctx_;
  bool frame_open_ = false;
  std::uint64_t bytes_ = 0;
  std::uint32_t crc_ = 0;
};

}  // namespace su
