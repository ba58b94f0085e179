// The school snapshot: one JSON document holding a whole school year (domain::SchoolData), the
// format sync, submissions and the county bureau read. Documented in docs/snapshot-format.md;
// keys are the field descriptors' keys, enums their codes. A change of meaning or of a key
// needs a new `version`: readers refuse versions newer than their own.
#pragma once
#include <string>
#include <string_view>

#include "domain/entities.hpp"
#include "exchange/records.hpp"

namespace jh::exchange {

inline constexpr std::string_view kSnapshotFormat = "junheng-school-snapshot";
inline constexpr int kSnapshotVersion = 1;

// Deterministic: records ordered by id, keys in descriptor order, no timestamps — the same
// data gives the same bytes (UTF-8, no BOM, LF, ending with a newline).
std::string write_snapshot(const domain::SchoolData& data);

// Parses and checks a snapshot: format name, version (a newer one is refused), every key
// present and of its type, records of the snapshot's year only, no record twice. Throws
// domain::Rejected naming `file_name` and the line and column or the JSON path of the problem.
domain::SchoolData read_snapshot(std::string_view json, const std::string& file_name);

// Whether a file's text is a snapshot rather than a CSV: its first non-blank character is '{'
// (no CSV template or county table starts so). How import and the county report tell them apart.
bool looks_like_snapshot(std::string_view text);

// The file name export gives a snapshot: "<school code>_<year>.json".
std::string snapshot_file_name(const domain::SchoolData& data);

// Adds a whole snapshot to an import (every kind is claimed by `file_name`).
void add_snapshot(domain::SchoolData data, const std::string& file_name, Imported& into);

}  // namespace jh::exchange
