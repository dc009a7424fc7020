// SPDX-License-Identifier: Apache-2.0
#include "archive/compressed_writer.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "archive/file_ops.hpp"
#include "base/crc32.hpp"
#include "base/error.hpp"

namespace su {

CompressedWriter::CompressedWriter(std::string path, int level, int workers)
    : path_(std::move(path)), out_(ZSTD_CStreamOutSize()) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) throw IoError("cannot create '" + path_ + "': " + std::strerror(errno));
  cctx_ = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
  // Fails harmlessly where libzstd was built without threads.
  if (workers > 0) ZSTD_CCtx_setParameter(cctx_, ZSTD_c_nbWorkers, workers);
}

CompressedWriter::CompressedWriter(Sink sink, std::string name, int level)
    : path_(std::move(name)), sink_(std::move(sink)), out_(ZSTD_CStreamOutSize()) {
  cctx_ = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
}

CompressedWriter::~CompressedWriter() {
  ZSTD_freeCCtx(cctx_);
  if (fd_ >= 0) ::close(fd_);
}

void CompressedWriter::drain(ZSTD_EndDirective mode, ZSTD_inBuffer& in) {
  for (;;) {
    ZSTD_outBuffer out{out_.data(), out_.size(), 0};
    std::size_t left = ZSTD_compressStream2(cctx_, &out, &in, mode);
    if (ZSTD_isError(left))
      throw IoError("compress '" + path_ + "': " + ZSTD_getErrorName(left));
    const char* p = out_.data();
    std::size_t n = out.pos;
    if (sink_ && n > 0) {
      sink_({p, n});
      n = 0;
    }
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    stored_bytes_ += out.pos;
    bool done = mode == ZSTD_e_continue ? in.pos == in.size : left == 0;
    if (done) return;
  }
}

void CompressedWriter::write(std::string_view bytes) {
  if (bytes.empty()) return;
  crc_ = crc32(bytes.data(), bytes.size(), crc_);
  plain_bytes_ += bytes.size();
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  drain(ZSTD_e_continue, in);
}

void CompressedWriter::finish() {
  ZSTD_inBuffer in{nullptr, 0, 0};
  drain(ZSTD_e_end, in);
  if (fd_ < 0) return;
  // The context's buffers are megabytes; nothing needs them now.
  ZSTD_freeCCtx(cctx_);
  cctx_ = nullptr;
  fsync_fd(fd_, path_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    throw IoError("cannot close '" + path_ + "': " + std::strerror(errno));
  }
  fd_ = -1;
}

}  // namespace su
