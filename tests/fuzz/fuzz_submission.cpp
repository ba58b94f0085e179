// libFuzzer target: the submission decoder (POST /v1/submission: a frozen year's snapshot with
// its hash and signature). Any bytes give a Submission or a DecodeError; what decodes survives a
// round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol/messages.hpp"

using namespace jh::sync::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const std::string again = encode(decode_submission(text));
        if (encode(decode_submission(again)) != again) __builtin_trap();
    } catch (const DecodeError&) {
    }
    return 0;
}
