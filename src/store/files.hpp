// Moving a database file aside — with its -wal and -shm companions, so the WAL's committed
// pages stay with it — instead of deleting or overwriting it.
#pragma once
#include <filesystem>
#include <string>

namespace jh::store {

// Renames `path` (and "<path>-wal", "<path>-shm" when present) to "<path>.<label>-<UTC
// timestamp>" (a counter is added if taken) and returns the new name of the main file.
std::filesystem::path move_aside(const std::filesystem::path& path, const std::string& label);

}  // namespace jh::store
