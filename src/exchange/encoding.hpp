// Text encodings of files schools exchange: Excel in China writes GBK, newer tools UTF-8.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/message.hpp"

namespace jh::exchange {

enum class Encoding { Utf8, Gb18030 };

struct DecodedText {
    std::string utf8;       // without a BOM
    Encoding source = Encoding::Utf8;
};

// A file that is valid UTF-8 (with or without BOM) is UTF-8; otherwise it is decoded as
// GB18030 (the superset of GBK, so rarer characters survive). Throws domain::Rejected naming
// `file_name` and the byte offset when it is neither.
DecodedText decode_text(std::string_view bytes, const std::string& file_name);

// Offset of the first byte that breaks UTF-8, or npos when `bytes` is valid UTF-8.
std::size_t invalid_utf8_offset(std::string_view bytes);

std::string utf8_to_gb18030(std::string_view utf8);

// The bytes of a file holding `utf8` in `encoding`: UTF-8 starts with a BOM (Excel needs it to
// read the file as UTF-8), GB18030 has none.
std::string encode_text(std::string_view utf8, Encoding encoding);

}  // namespace jh::exchange
