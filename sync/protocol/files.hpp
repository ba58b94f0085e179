// Sync by USB stick (docs/sync-protocol.md "Files"): the three files that carry the protocol
// where there is no network, and their bounded, hostile-input-safe readers.
//
// * Enrolment file (`junheng-bureau school add --enrol-file`): school, name, the receiver's key
//   and the one-time code, signed by the receiver.
// * Upload file (`junheng sync --to-file`): the exact signed HTTP requests the terminal would
//   have sent (its enrolment while not confirmed, batches, submissions), numbered per terminal
//   and signed as a whole by the terminal's key; `junheng-bureau import` replays them through
//   Receiver::handle, the same exactly-once path as the network.
// * Reply file (`junheng-bureau export-for`): what the receiver holds of the school (its status
//   reply: live stream tip and submission versions), the school's enrolled key and every inbox
//   item for the school, numbered per school and signed by the receiver.
//
// Every file is one container:
//   "JUNHENG-<KIND> 1 <payload length>\n" <base64 signature> "\n" <payload>
// signed over "junheng/1 <kind> file\n" + payload. The payload is a JSON header line followed by
// length-prefixed records ("<word> [fields…] <length>\n" <bytes> "\n"). Readers check the size
// before anything else, tell a truncated file from a tampered one, and never throw anything but
// FileError.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/crypto.hpp"
#include "sync/protocol/http.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::sync::protocol {

namespace file {
inline constexpr std::string_view kEnrolKind = "ENROL";
inline constexpr std::string_view kUploadKind = "UPLOAD";
inline constexpr std::string_view kReplyKind = "REPLY";
inline constexpr std::string_view kUploadExtension = ".jhu";   // junheng-<school>-<number>.jhu
inline constexpr std::string_view kReplyExtension = ".jhr";    // junheng-reply-<school>-<number>.jhr
inline constexpr std::string_view kEnrolExtension = ".jhe";    // junheng-enrol-<school>.jhe

inline constexpr std::size_t kMaxEnrolFileBytes = 16u << 10;
inline constexpr std::size_t kMaxUploadFileBytes = 256u << 20;
inline constexpr std::size_t kMaxReplyFileBytes = 64u << 20;
inline constexpr std::size_t kMaxFileRequests = 1000;          // requests in one upload file
inline constexpr std::size_t kMaxReplyItems = 10000;           // inbox items in one reply file
inline constexpr std::size_t kMaxHeaderBytes = 8u << 10;       // the JSON header line
}  // namespace file

// Why a file was refused. Truncated: shorter than its first line says (copy interrupted,
// stick pulled out). Tampered: complete but its signature does not verify (changed, or signed
// by another key than the one it must be). Malformed: not such a file at all, or a field out of
// bounds. Version: a file format this program does not know.
struct FileError : std::runtime_error {
    enum class Kind { Truncated, Tampered, Malformed, Version };
    Kind kind;
    FileError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
};

struct EnrolFile {
    std::string school, name;
    std::string receiver_key;          // base64 Ed25519 public key the terminal pins
    std::string code;                  // the one-time enrolment code
    std::string issued_at;             // receiver time
};

// One request exactly as the terminal signed it (the Junheng-School header is the file's school).
struct FileRequest {
    std::string method, target;
    std::string signature;             // the Junheng-Signature header
    std::string body;                  // as it would be sent (compressed)
};

struct UploadFile {
    std::string school;
    std::string terminal_key;          // the key that signs the file and every request in it
    std::int64_t number = 0;           // 1, 2, … per terminal: a later file supersedes an earlier one
    std::string written_at;            // the terminal's clock (informative)
    std::vector<FileRequest> requests;
};

struct ReplyFile {
    std::string school;
    std::int64_t number = 0;           // 1, 2, … per school at this receiver
    std::string terminal_key;          // the school's enrolled key here ("" when none)
    StatusReply status;                // tip of the live stream, submissions held, receiver time
    std::vector<InboxItem> inbox;      // every inbox item for the school, in seq order, each signed
};

std::string write_enrol_file(const EnrolFile&, const KeyPair& receiver);
// Verified with the receiver key it carries (it is pinned from the file itself: the file comes
// from the bureau by hand, as the code does).
EnrolFile read_enrol_file(std::string_view bytes);

std::string write_upload_file(const UploadFile&, std::string_view terminal_secret_key);
// Verified with the terminal key it names; whether that key belongs to the school is the
// receiver's question.
UploadFile read_upload_file(std::string_view bytes);

std::string write_reply_file(const ReplyFile&, std::string_view receiver_secret_key);
// Verified with the pinned receiver key: any other signer is Tampered — the file's signature
// and each inbox item's own; an item of another school is Malformed.
ReplyFile read_reply_file(std::string_view bytes, std::string_view receiver_key);

// The request a FileRequest stands for, with the headers the terminal would have sent.
HttpRequest to_http(const FileRequest& request, const std::string& school);
FileRequest from_http(const HttpRequest& request);

// The file names the commands use when given a folder.
std::string upload_file_name(const std::string& school, std::int64_t number);
std::string reply_file_name(const std::string& school, std::int64_t number);
std::string enrol_file_name(const std::string& school);

}  // namespace jh::sync::protocol
