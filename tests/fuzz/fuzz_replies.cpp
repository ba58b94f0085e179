// libFuzzer target: every reply decoder the terminal runs on what comes back from the network
// (a captive portal or a hostile proxy answers too). The first byte picks the decoder, the rest
// is the reply body. Any bytes give a reply or a DecodeError; what decodes survives a round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol/messages.hpp"

using namespace jh::sync::protocol;

namespace {

template <class Decode>
void round_trip(std::string_view text, Decode decode) {
    const std::string again = encode(decode(text));
    if (encode(decode(again)) != again) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 7) {
        case 0: round_trip(text, decode_enrol_reply); break;
        case 1: round_trip(text, decode_batch_reply); break;
        case 2: round_trip(text, decode_tip_reply); break;
        case 3: round_trip(text, decode_submission_reply); break;
        case 4: round_trip(text, decode_status_reply); break;
        case 5: round_trip(text, decode_hello_reply); break;
        default: round_trip(text, decode_problem_reply); break;
        }
    } catch (const DecodeError&) {
    }
    return 0;
}
