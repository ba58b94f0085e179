#include <doctest/doctest.h>

#include "domain/message.hpp"
#include "exchange/encoding.hpp"

using namespace jh::exchange;

namespace {
std::string rejection(std::string_view bytes) {
    try {
        decode_text(bytes, "f.csv");
    } catch (const jh::domain::Rejected& e) {
        return e.message().en;
    }
    return "accepted";
}
}  // namespace

TEST_CASE("encoding: UTF-8 with or without BOM, GBK otherwise") {
    CHECK(decode_text("\xEF\xBB\xBF编号\n", "f.csv").utf8 == "编号\n");
    CHECK(decode_text("编号\n", "f.csv").source == Encoding::Utf8);
    auto gbk = decode_text(utf8_to_gb18030("编号,学年\n王𠮷\n"), "f.csv");
    CHECK(gbk.source == Encoding::Gb18030);
    CHECK(gbk.utf8 == "编号,学年\n王𠮷\n");
    CHECK(encode_text("a", Encoding::Utf8) == "\xEF\xBB\xBF" "a");
    CHECK(encode_text("编号", Encoding::Gb18030) == "\xB1\xE0\xBA\xC5");
}

TEST_CASE("encoding: a file cut inside a character is reported as truncated, with its line") {
    const std::string utf8 = "编号\n显微镜";
    CHECK(rejection(utf8.substr(0, utf8.size() - 1)) == "f.csv: line 2: the file ends in the middle of a character (truncated file?)");
    const std::string gbk = utf8_to_gb18030(utf8);
    CHECK(rejection(gbk.substr(0, gbk.size() - 1)) == "f.csv: line 2: the file ends in the middle of a character (truncated file?)");
}

TEST_CASE("encoding: bytes that are neither UTF-8 nor GBK are rejected with line and offset") {
    CHECK(rejection("a,b\n\xFF\xFF,c\n") == "f.csv: line 2: unrecognised encoding (neither UTF-8 nor GBK) at byte offset 4");
}
