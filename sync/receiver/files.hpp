// The receiver's side of sync by USB stick (docs/sync-protocol.md "Files"): reading an upload
// file (`junheng-bureau import`), writing a school's reply file (`export-for`) and its enrolment
// file (`school add --enrol-file`). An upload file is checked whole — container, signature,
// school registered here, the key it is signed with, every request's own signature, its number
// against those imported from the same terminal — BEFORE anything is stored; then its requests
// are replayed through Receiver::handle, the same exactly-once path as the network.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "sync/protocol/files.hpp"
#include "sync/receiver/receiver.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {

struct ImportOutcome {
    enum class Kind {
        Applied,          // every request replayed; the file is recorded
        AlreadyApplied,   // this very file was imported before: nothing done
        Refused,          // truncated, tampered, out of order, another school's, or a request refused
    };
    Kind kind = Kind::Refused;
    std::string message;              // English, one line
    std::string school;
    std::int64_t number = 0;          // the file's number (0 when it could not be read)
    bool enrolled = false;            // the file enrolled its terminal
    int batches = 0;
    std::int64_t tip_seq = 0;         // the stream's tip after the last batch
    int submissions = 0;              // submission versions newly received
};

ImportOutcome import_upload_file(ReceiverStore& store, Receiver& receiver, std::string_view bytes);

// The reply file of one school: its status (live stream tip, submissions held), its enrolled
// key and every inbox item for it, under the next reply number. Throws std::invalid_argument
// for an unregistered school.
struct ReplyFileWritten {
    std::string bytes;
    std::int64_t number = 0;
    std::size_t items = 0;
    protocol::StatusReply status;
};
ReplyFileWritten make_reply_file(ReceiverStore& store, const std::string& school);

// The enrolment file of a school just registered with its one-time code.
std::string make_enrol_file(ReceiverStore& store, const std::string& school, const std::string& code);

}  // namespace jh::sync::receiver
