// SPDX-License-Identifier: Apache-2.0
#include "archive/pg_stream_input.hpp"

#include "base/crc32.hpp"
#include "base/error.hpp"

namespace su {

PgStreamInput::PgStreamInput(PgConnection& db, std::uint64_t run, std::string name)
    : Input(std::move(name)), db_(db), run_(run), dctx_(ZSTD_createDCtx()) {}

PgStreamInput::~PgStreamInput() { ZSTD_freeDCtx(dctx_); }

std::size_t PgStreamInput::read(std::uint8_t* buf, std::size_t n) {
  for (;;) {
    if (chunk_pos_ == chunk_.size() && !chunks_done_) {
      PgResult r = db_.query("SELECT data FROM su_streams WHERE run = $1::bigint AND seq = $2::bigint",
                             {PgParam::int8(static_cast<std::int64_t>(run_)),
                              PgParam::int8(next_chunk_)});
      if (r.rows() == 0) {
        chunks_done_ = true;
      } else {
        chunk_.assign(r.bytes(0, 0));
        chunk_pos_ = 0;
        ++next_chunk_;
      }
    }
    if (chunk_pos_ == chunk_.size() && chunks_done_) {
      if (frame_open_) throw DecodeError(bytes_, "zstd: stored stream ends inside a frame");
      return 0;
    }
    ZSTD_inBuffer in{chunk_.data(), chunk_.size(), chunk_pos_};
    ZSTD_outBuffer out{buf, n, 0};
    std::size_t r = ZSTD_decompressStream(dctx_, &out, &in);
    if (ZSTD_isError(r)) throw DecodeError(bytes_, std::string("zstd: ") + ZSTD_getErrorName(r));
    frame_open_ = r != 0;
    chunk_pos_ = in.pos;
    if (out.pos > 0) {
      crc_ = crc32(buf, out.pos, crc_);
      bytes_ += out.pos;
      return out.pos;
    }
  }
}

}  // namespace su
