// UTC time as the store writes it: ISO 8601 in records and the audit log, and a compact form
// for the names of files moved aside (corrupt databases, files replaced by a restore).
#pragma once
#include <string>

namespace jh::store {

std::string utc_now_iso();      // "2026-11-22T09:05:00Z"
std::string utc_now_compact();  // "20261122T090500Z"

}  // namespace jh::store
