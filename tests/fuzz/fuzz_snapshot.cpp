// libFuzzer target: the snapshot reader (src/exchange/snapshot.hpp), which reads submissions at
// the bureau and imported files at the terminal. Any bytes give SchoolData or domain::Rejected
// naming the problem; a snapshot that reads writes out bytes that read to the same bytes again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/message.hpp"
#include "exchange/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const std::string written = jh::exchange::write_snapshot(jh::exchange::read_snapshot(text, "fuzz.json"));
        if (jh::exchange::write_snapshot(jh::exchange::read_snapshot(written, "fuzz.json")) != written)
            __builtin_trap();
    } catch (const jh::domain::Rejected&) {
    }
    return 0;
}
