// The terminal's side of sync by USB stick (docs/sync-protocol.md "Files"): enrolment from the
// bureau's enrolment file, the upload file (`junheng sync --to-file`: the exact signed requests
// a network sync would send) and the reply file (`junheng sync --from-file`: acknowledgements,
// submissions held, decisions and packs, verified with the pinned receiver key). The CLI and
// the sync screen's worker both come here; nothing here touches the network.
//
// Outcomes use client::Report: Delivered = done (the message says what), Fatal = refused with
// nothing changed (the message says why, zh and en).
#pragma once
#include <string>

#include "sync/client/client.hpp"

namespace jh::store { class Store; }

namespace jh::sync::client {

// Pins the receiver key of the bureau's enrolment file (`junheng-bureau school add
// --enrol-file`) for this database's school and keeps its one-time code: the next upload file
// carries the enrolment. Makes the terminal's key pair if needed.
Report enrol_from_file(store::Store& store, const std::string& path);

// Writes everything pending — the enrolment while not confirmed, every change after the
// acknowledged link, every submission not acknowledged — as one upload file numbered after
// the last. `path` is a file name or a folder (a USB stick: the file is named
// junheng-<school>-<number>.jhu in it). Nothing is marked delivered: the reply file does that.
struct UploadWritten {
    Report report;
    std::string path;                  // the file written ("" when refused)
};
UploadWritten write_upload_file(store::Store& store, const std::string& path);

// Applies the bureau's reply file (`junheng-bureau export-for`): verified with the pinned
// receiver key; another school's, an older or a damaged one is refused with nothing changed;
// the same one again is "already applied" (Delivered). `path` is a file or a folder (the
// newest reply file of this school in it).
Report apply_reply_file(store::Store& store, const std::string& path);

}  // namespace jh::sync::client
