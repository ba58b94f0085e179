// libFuzzer target: the batch decoder (the body of POST /v1/batch after inflation), the
// receiver's widest door. Any bytes must give a Batch or a DecodeError; a batch that decodes
// must encode to text that decodes to the same batch (the chain check included).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol/messages.hpp"

using namespace jh::sync::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const Batch batch = decode_batch(text);
        const std::string again = encode(batch);
        if (encode(decode_batch(again)) != again) __builtin_trap();
    } catch (const DecodeError&) {
    }
    return 0;
}
