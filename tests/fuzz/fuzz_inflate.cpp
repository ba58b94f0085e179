// libFuzzer target: inflating a request body (sync/protocol/crypto.hpp decompress), the step
// before any decoder. Whatever the bytes (a zip bomb, a truncated or corrupt stream, trailing
// garbage), the output never exceeds the cap; an accepted body compresses and inflates back to
// itself. The cap is small here so bombs are cheap to try; the rule is the same at 32 MiB.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol/crypto.hpp"

using namespace jh::sync::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kCap = 64 * 1024;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto out = decompress(bytes, kCap);
    if (!out) return 0;
    if (out->size() > kCap) __builtin_trap();
    const auto back = decompress(compress(*out), kCap);
    if (!back || *back != *out) __builtin_trap();
    return 0;
}
