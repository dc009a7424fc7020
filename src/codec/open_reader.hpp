// One call that every tool uses to read its input: open the file (or "-"),
// unwrap zstd, sniff v1 or v2, and return the decoder for it.
#pragma once

#include <memory>
#include <string>

#include "base/input.hpp"
#include "event/reader.hpp"

namespace su {

struct ReaderOptions {
  DamageHandler* damage = nullptr;  // told about damaged input; may throw
};

// Throws IoError if `path` cannot be opened, DecodeError if the input is a
// format this build cannot decode.
std::unique_ptr<EventReader> open_reader(const std::string& path,
                                         const ReaderOptions& options = {});

// The same for an input already open (a child process's pipe): sniffed and
// decoded exactly as open_reader does.
std::unique_ptr<EventReader> open_input_reader(std::unique_ptr<Input> input,
                                               const ReaderOptions& options = {});

// The same for bytes already in memory (tests and fuzzers).
std::unique_ptr<EventReader> open_memory_reader(std::string bytes,
                                                const ReaderOptions& options = {});

}  // namespace su
