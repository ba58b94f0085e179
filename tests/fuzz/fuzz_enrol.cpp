// libFuzzer target: the enrolment request decoder (POST /v1/enrol, the one request the receiver
// reads before it knows the sender). Any bytes give an EnrolRequest or a DecodeError; what
// decodes survives a round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol/messages.hpp"

using namespace jh::sync::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const std::string again = encode(decode_enrol_request(text));
        if (encode(decode_enrol_request(again)) != again) __builtin_trap();
    } catch (const DecodeError&) {
    }
    return 0;
}
