// libFuzzer target: the USB file readers (sync/protocol/files.hpp) — enrolment, upload and reply
// files come on a stick that went through other hands. Any bytes give a file or a FileError;
// an upload file that reads survives a round trip through its writer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol/files.hpp"

using namespace jh::sync::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const KeyPair key = generate_key_pair();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        auto upload = read_upload_file(bytes);
        // Re-signed with a key of ours: what was read is written and read back the same.
        upload.terminal_key = key.public_key;
        const auto again = write_upload_file(upload, key.secret_key);
        const auto back = read_upload_file(again);
        if (back.requests.size() != upload.requests.size() || back.number != upload.number ||
            write_upload_file(back, key.secret_key) != again)
            __builtin_trap();
    } catch (const FileError&) {
    }
    try {
        (void)read_reply_file(bytes, key.public_key);
    } catch (const FileError&) {
    }
    try {
        (void)read_enrol_file(bytes);
    } catch (const FileError&) {
    }
    return 0;
}
