#include "codec/open_reader.hpp"

#include "base/error.hpp"
#include "base/input.hpp"
#include "codec/sniff.hpp"
#include "codec/v1_reader.hpp"
#include "codec/v2_reader.hpp"

namespace su {
namespace {

std::unique_ptr<EventReader> reader_for(std::unique_ptr<Input> input,
                                        const ReaderOptions& options) {
  auto in = std::make_unique<BufferedInput>(std::move(input));
  if (sniff_format(*in) == Format::v1)
    return std::make_unique<V1Reader>(std::move(in), options.damage);
  return std::make_unique<V2Reader>(std::move(in), options.damage);
}

}  // namespace

std::unique_ptr<EventReader> open_reader(const std::string& path,
                                         const ReaderOptions& options) {
  return reader_for(open_input(path), options);
}

std::unique_ptr<EventReader> open_input_reader(std::unique_ptr<Input> input,
                                               const ReaderOptions& options) {
  return reader_for(std::move(input), options);
}

std::unique_ptr<EventReader> open_memory_reader(std::string bytes,
                                                const ReaderOptions& options) {
  return reader_for(memory_input(std::move(bytes)), options);
}

}  // namespace su
