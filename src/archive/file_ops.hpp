// SPDX-License-Identifier: Apache-2.0
// Durable file operations for the archive: whole-file reads, writes that
// become visible all at once (temporary file, fsync, rename, fsync of the
// directory), and an exclusive lock shared by every writer of an archive.
// All failures throw IoError naming the path and the system error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace su {

// The whole file. Throws IoError (including when it does not exist).
std::string read_file(const std::string& path);
// At most `n` bytes from the start of the file.
std::string read_file_prefix(const std::string& path, std::size_t n);
bool path_exists(const std::string& path);
bool is_directory(const std::string& path);
bool is_regular_file(const std::string& path);
// Creates the directory unless it exists.
void make_directory(const std::string& path);
// Names in `dir` (not "." or ".."), unsorted.
std::vector<std::string> list_directory(const std::string& dir);
// Size in bytes. Throws IoError.
std::uint64_t file_size(const std::string& path);
// Modification time in nanoseconds since the epoch.
std::int64_t modification_time_ns(const std::string& path);
std::int64_t now_ns();

void fsync_fd(int fd, const std::string& name);
void fsync_directory(const std::string& dir);

// Writes `bytes` to `tmp_path`, fsyncs it and renames it to `final_path`,
// then fsyncs the final path's directory: readers see the old file or the
// new one, never a part, and a crash leaves at most the temporary file.
void write_file_durably(const std::string& tmp_path, const std::string& final_path,
                        std::string_view bytes);

// Renames and makes the rename durable (fsync of the target directory).
void rename_durably(const std::string& from, const std::string& to);
// Removes a file; a missing file is not an error.
void remove_file(const std::string& path);

// A file mapped read-only into memory: a reader touches only the pages it
// looks at. Throws IoError.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// An exclusive flock(2) on a file, held from construction to destruction.
// Every process that changes an archive takes it, so writers serialise
// their short commit steps; readers never take it.
class FileLock {
 public:
  explicit FileLock(const std::string& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace su
