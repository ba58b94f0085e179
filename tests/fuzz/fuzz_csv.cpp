// libFuzzer target: the CSV reader as an imported file meets it — bytes of any encoding
// (decode_text: UTF-8 with or without BOM, else GB18030, else refused), then parse_csv. Any
// bytes give rows or domain::Rejected naming the file and place.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/message.hpp"
#include "exchange/csv.hpp"
#include "exchange/encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto decoded = jh::exchange::decode_text(bytes, "fuzz.csv");
        (void)jh::exchange::parse_csv(decoded.utf8, "fuzz.csv");
    } catch (const jh::domain::Rejected&) {
    }
    return 0;
}
